"""The tables and patterns the metadata rules read: administrative units, provinces, national issuers,
document types and the header's patterns (patterns.tsv)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from rules.tables import read_table

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Issuer:
    name: str  # as a reader names it: "UBND tỉnh Lai Châu", "Thủ tướng Chính phủ"
    admin_level: str
    place: str | None = None  # a local body's unit name: "Lai Châu", "Mường Tè"


@dataclass(frozen=True)
class Province:
    name: str
    kind: str  # "tỉnh" or "thành phố"


def fold(name: str) -> str:
    """A key for comparing names: case and line breaks do not count ("LAI CHÂU", "Lai\\nChâu")."""
    return " ".join(name.split()).casefold()


def spaced(words: str) -> str:
    """A literal name as a pattern that allows any whitespace, a line break included, between words."""
    return r"\s+".join(regex.escape(word) for word in words.split())


@cache
def admin_units() -> dict[str, str]:
    """Unit word ("huyện") → admin level ("district")."""
    return {row["word"]: row["admin_level"] for row in read_table(HERE / "admin_units.tsv")}


@cache
def provinces() -> dict[str, Province]:
    """Every spelling of a province or centrally-run city (folded) → the province."""
    found = {}
    for row in read_table(HERE / "provinces.tsv"):
        province = Province(row["name"], row["kind"])
        for spelling in [row["name"], *filter(None, row["variants"].split("|"))]:
            found[fold(spelling)] = province
    return found


@cache
def national_issuers() -> dict[str, str]:
    """Folded name of a national issuer → its name as written in running text ("Bộ Nội vụ")."""
    return {fold(row["name"]): row["name"] for row in read_table(HERE / "national_issuers.tsv")}


@cache
def patterns() -> dict[str, regex.Pattern[str]]:
    units = sorted(admin_units(), key=len, reverse=True)
    parts = {"unit": "(?i:" + "|".join(map(spaced, units)) + ")"}
    for row in read_table(HERE / "patterns.tsv"):
        parts[row["name"]] = row["pattern"] % parts
    del parts["unit"]
    return {name: regex.compile(pattern, regex.MULTILINE) for name, pattern in parts.items()}


@cache
def province_names() -> str:
    """Every spelling of a province as one case-insensitive alternation, longest first."""
    return "(?i:" + "|".join(map(spaced, sorted(provinces(), key=len, reverse=True))) + ")"


@cache
def province_mention() -> regex.Pattern[str]:
    """A province named with its unit word: "tỉnh Lai Châu", "THÀNH PHỐ HÀ NỘI"."""
    return regex.compile(rf"(?P<unit>(?i:tỉnh|thành\s+phố))\s+(?P<name>{province_names()})(?!\p{{L}})")


@cache
def doc_types() -> tuple[str, ...]:
    return tuple(row["doc_type"] for row in read_table(HERE / "doc_types.tsv"))


@cache
def authority_prefix() -> regex.Pattern[str]:
    prefixes = "|".join(row["prefix"] for row in read_table(HERE / "signing.tsv"))
    return regex.compile(rf"^(?:{prefixes})\.\s")


def local_issuer(body: str, unit: str, written: str) -> Issuer:
    """A people's committee or council of a unit: "UBND" + "tỉnh" + "LAI CHÂU" → "UBND tỉnh Lai Châu"."""
    unit = fold(unit)
    written = " ".join(written.split())
    province = provinces().get(fold(written))
    name = province.name if province else (written.title() if written.isupper() else written)
    level = admin_units()[unit]
    if unit == "thành phố" and not (province and province.kind == "thành phố"):
        level = "district"  # a city under a province ("thành phố Lai Châu"), not a centrally-run city
    return Issuer(f"{body} {unit} {name}", level, name)
