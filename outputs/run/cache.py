"""Per-document results kept between runs, so that unchanged documents are not processed again.

A result is stored under a key made of the sha256 of the file's bytes, the pipeline version (a hash
of every source file and data table of the pipeline packages) and the run's settings (manifest facts,
normalize steps and the identity of anything they were trained on).
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from outputs.run.result import DocumentResult, ManifestFacts
from outputs.schema import TABLES, DocumentRow, TextRow

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


class ResultCache:
    """One pickle per document under `folder`; a damaged entry is a miss, never an error."""

    def __init__(self, folder: Path, settings: str = "") -> None:
        self.folder = folder
        self.settings = settings

    def key(self, sha256: str, facts: ManifestFacts | None) -> str:
        identity = "\0".join((sha256, pipeline_version(), self.settings, repr(facts)))
        return hashlib.sha256(identity.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str, path: Path) -> DocumentResult | None:
        """The stored result, with the path as given to this run (the same bytes may have moved)."""
        try:
            with open(self._path(key), "rb") as handle:
                result = decode(pickle.load(handle))
        except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, ValueError, AttributeError):
            return None
        return dataclasses.replace(result, document=dataclasses.replace(result.document, path=str(path)))

    def put(self, key: str, payload: dict[str, Any]) -> None:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(payload, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def file_sha256(path: Path) -> str | None:
    """None for what is not a regular readable file (a pipe would block; such input is never cached)."""
    try:
        if not path.is_file():
            return None
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None
