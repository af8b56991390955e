"""Per-document results kept between runs, so that unchanged documents are not processed again.

Entries are gzipped JSON, never pickle: the cache may sit where others can write (beside `--out`,
inside a shared folder), and loading a planted entry must not run code. Decimals, dates and tuples
are tagged so that a result reads back equal to the one stored.

A result is stored under a key made of the sha256 of the file's bytes, the pipeline version (a hash
of every source file and data table of the pipeline packages) and the run's settings (manifest facts,
normalize steps and the identity of anything they were trained on).
"""
from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import os
import tempfile
import zlib
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from extract.names import printable_path
from outputs.run.result import DocumentResult, ManifestFacts
from outputs.schema import TABLES, DocumentRow, TextRow
from outputs.write import readable_mode

ROOT = Path(__file__).resolve().parents[2]
PIPELINE_PACKAGES = ("extract", "normalize", "rules", "outputs")
SOURCE_SUFFIXES = frozenset({".py", ".tsv", ".csv", ".json", ".jsonl", ".yaml", ".txt"})


@cache
def pipeline_version() -> str:
    """Changes whenever code or a data table of the pipeline changes; computed once per process."""
    digest = hashlib.sha256()
    for package in PIPELINE_PACKAGES:
        for path in sorted((ROOT / package).rglob("*")):
            relative = path.relative_to(ROOT)
            if path.suffix in SOURCE_SUFFIXES and path.is_file():
                digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _fields(row: Any) -> dict[str, Any]:
    return {f.name: getattr(row, f.name) for f in dataclasses.fields(row)}


def encode(result: DocumentResult) -> dict[str, Any]:
    """Plain data: the finding row classes are made at run time and cannot be pickled by reference."""
    return {
        "document": _fields(result.document),
        "text": _fields(result.text) if result.text is not None else None,
        "findings": {name: [_fields(row) for row in rows] for name, rows in result.findings.items()},
    }


def decode(payload: dict[str, Any]) -> DocumentResult:
    return DocumentResult(
        document=DocumentRow(**payload["document"]),
        text=TextRow(**payload["text"]) if payload["text"] is not None else None,
        findings={name: tuple(TABLES[name].row(**row) for row in rows) for name, rows in payload["findings"].items()},
    )


def _tagged(value: Any) -> Any:
    """JSON-ready: tuples, decimals and dates become one-key objects that `_untagged` turns back."""
    if isinstance(value, dict):
        return {key: _tagged(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_tagged(item) for item in value]
    if isinstance(value, tuple):
        return {"$tuple": [_tagged(item) for item in value]}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    return value


def _untagged(record: dict[str, Any]) -> Any:
    if len(record) == 1:
        tag, value = next(iter(record.items()))
        if tag == "$tuple":
            return tuple(value)
        if tag == "$decimal":
            return Decimal(value)
        if tag == "$date":
            return date.fromisoformat(value)
    return record


# What reading a truncated, corrupt or planted entry can raise: each makes the entry a miss.
DAMAGED = (
    OSError, EOFError, zlib.error, KeyError, TypeError, ValueError, AttributeError, ArithmeticError, RecursionError
)


class ResultCache:
    """One gzipped JSON file per document under `folder`; a damaged entry is a miss, never an error."""

    def __init__(self, folder: Path, settings: str = "") -> None:
        self.folder = folder
        self.settings = settings

    def key(self, sha256: str, facts: ManifestFacts | None) -> str:
        identity = "\0".join((sha256, pipeline_version(), self.settings, repr(facts)))
        return hashlib.sha256(identity.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json.gz"

    def get(self, key: str, path: Path) -> DocumentResult | None:
        """The stored result, with the path as given to this run (the same bytes may have moved)."""
        try:
            with gzip.open(self._path(key), "rt", encoding="utf-8") as handle:
                result = decode(json.load(handle, object_hook=_untagged))
        except DAMAGED:
            return None
        return dataclasses.replace(result, document=dataclasses.replace(result.document, path=printable_path(path)))

    def put(self, key: str, payload: dict[str, Any]) -> None:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as raw, gzip.open(raw, "wt", encoding="utf-8") as stream:
                json.dump(_tagged(payload), stream, ensure_ascii=False)
            os.chmod(temporary, readable_mode())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
