"""corpus/manifest.csv: facts about corpus files that the documents themselves may not state.

A manifest is help, not input: one that cannot be read (not UTF-8, no `file` column) is reported as a
one-line problem of the run and ignored, and every document is still read.
"""
from __future__ import annotations

import csv
from pathlib import Path

from extract.names import printable_path
from outputs.run.result import ManifestFacts

MANIFEST_NAME = "manifest.csv"
# A manifest is a few KB; a bigger one is not a manifest.
MAX_MANIFEST_BYTES = 1 << 24


class ManifestError(Exception):
    """One line: why a manifest was ignored."""


def _year(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


def read_manifest(path: Path) -> dict[str, ManifestFacts]:
    """File name → facts. Columns: file, province, district, admin_level, period, description."""
    if not path.is_file():
        return {}
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise ManifestError(f"over {MAX_MANIFEST_BYTES >> 20} MB")
        with open(path, encoding="utf-8-sig", newline="") as handle:  # spreadsheets save a BOM
            reader = csv.DictReader(line for line in handle if not line.startswith("#"))
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ManifestError(f"unreadable ({type(error).__name__})") from error
    if "file" not in (reader.fieldnames or ()):
        raise ManifestError("no 'file' column")
    facts = {}
    for row in rows:
        first, _, last = (row.get("period") or "").partition("-")
        facts[row["file"]] = ManifestFacts(
            province=row.get("province") or None,
            district=row.get("district") or None,
            admin_level=row.get("admin_level") or None,
            period_start=_year(first),
            period_end=_year(last or first),
            note=row.get("description") or None,
        )
    return facts


class Manifests:
    """The manifest of each input folder, read once; the problems of those that were ignored."""

    def __init__(self) -> None:
        self._by_folder: dict[Path, dict[str, ManifestFacts]] = {}
        self._problems: list[str] = []

    def facts(self, path: Path) -> ManifestFacts | None:
        folder = path.parent
        if folder not in self._by_folder:
            self._by_folder[folder] = self._read(folder / MANIFEST_NAME)
        return self._by_folder[folder].get(path.name)

    def _read(self, manifest: Path) -> dict[str, ManifestFacts]:
        try:
            return read_manifest(manifest)
        except ManifestError as error:
            self._problems.append(f"manifest ignored: {printable_path(manifest)}: {error}")
            return {}

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(self._problems)
