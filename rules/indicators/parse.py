"""indicator_key by meaning: which national indicator a piece of indicator text speaks of.

Each indicator has a few Vietnamese phrases (indicators.tsv). A phrase scores by how many of its
letter pairs the text holds, spaces ignored; letter pairs survive rewording of the surrounding words
and most glyph damage (seed 003: "làm côn ưởn lư n" still holds most pairs of "làm công hưởng lương").
A phrase found whole, or damaged only by dropped glyphs, scores 1.
The indicator with the best-scoring phrase wins, among those of the goal's domain when it is known.
"""
from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from rules.lenient import find_lenient
from rules.tables import read_table

HERE = Path(__file__).parent
# Below this share of a phrase's letter pairs, the text is not taken to speak of the phrase: unrelated
# administrative sentences reach about two thirds of some short phrase's pairs by chance.
MIN_SCORE = 0.8
# Under a goal of known domain only a handful of indicators compete, so a weaker score is enough when it
# clearly leads the others (glyph damage such as "m đốc/c ủ doan n p" for "giám đốc/chủ doanh nghiệp").
MIN_SCORE_IN_DOMAIN = 0.5
MIN_LEAD_IN_DOMAIN = 0.25


@dataclass(frozen=True)
class Indicator:
    key: str
    goal_no: int
    domain: str
    national: bool
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class NationalTarget:
    indicator_key: str
    target_year: int
    comparator: str
    value: Decimal
    unit: str
    better: str
    source: str


@cache
def indicators() -> tuple[Indicator, ...]:
    return tuple(
        Indicator(
            key=row["key"],
            goal_no=int(row["goal_no"]),
            domain=row["domain"],
            national=row["national"] == "yes",
            phrases=tuple(phrase.strip() for phrase in row["phrases"].split("|")),
        )
        for row in read_table(HERE / "indicators.tsv")
    )


@cache
def national_targets() -> tuple[NationalTarget, ...]:
    with open(HERE / "national_targets.csv", encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple(
            NationalTarget(
                indicator_key=row["indicator_key"],
                target_year=int(row["target_year"]),
                comparator=row["comparator"],
                value=Decimal(row["value"]),
                unit=row["unit"],
                better=row["better"],
                source=row["source"],
            )
            for row in rows
        )


LENIENT_TEXT_LIMIT = 600


# A plan repeats the same indicator sentence for each district or year; each is scored once.
@lru_cache(maxsize=4096)
def indicator_key(text: str, domain: str | None = None) -> str | None:
    """The key of the indicator `text` speaks of, or None when no indicator's phrases are there."""
    candidates = [i for i in indicators() if domain is None or i.domain == domain]
    # Equal best scores go to the indicator more of whose phrases the text holds ("người bạo lực …, chưa bị
    # truy cứu trách nhiệm hình sự được tư vấn, tham vấn", where "gây" was lost, holds "người bị bạo lực"
    # leniently but all three phrases of the perpetrators' indicator), not to the key that sorts last.
    ranked = sorted((_rank(i, text) for i in candidates), reverse=True)
    (best, _, key), (runner_up, _, _) = [*ranked, (0.0, 0, None), (0.0, 0, None)][:2]
    clear_lead = domain is not None and best >= MIN_SCORE_IN_DOMAIN and best - runner_up >= MIN_LEAD_IN_DOMAIN
    return key if best >= MIN_SCORE or clear_lead else None


def _rank(indicator: Indicator, text: str) -> tuple[float, int, str]:
    """(best phrase score, how many phrases score 1, key): the key only keeps the order deterministic."""
    scores = [_score(p, text) for p in indicator.phrases]
    return max(scores), scores.count(1.0), indicator.key


def _score(phrase: str, text: str) -> float:
    """1 for the phrase itself (or its glyph-damaged form), else the share of its letter pairs in the text."""
    # Fuzzy matching costs time in the text's length times the phrase's: a subject longer than an
    # indicator's sentence is a whole paragraph (a legacy plan's objectives read as one item), where the
    # damaged-glyph reading would take minutes; there the letter pairs decide.
    if phrase.lower() in text.lower() or (len(text) <= LENIENT_TEXT_LIMIT and any(find_lenient(phrase, text))):
        return 1.0
    wanted = _letter_pairs(phrase)
    return len(wanted & _letter_pairs(text)) / len(wanted)


@cache
def _letter_pairs(text: str) -> frozenset[str]:
    letters = "".join(char for char in unicodedata.normalize("NFC", text.lower()) if char.isalpha())
    return frozenset(letters[i : i + 2] for i in range(len(letters) - 1))
