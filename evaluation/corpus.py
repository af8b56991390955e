"""The clean real texts the repair model learns from, and the whole documents held out of its training.

Sources (under the shared folder, never copied into the repo): the clean seeds (000, 001, 002, 004;
003 is the damaged one), `real-files/plans-dev` (beginnings of 48 real plans), `real-files/vbpl_text`
(full legal texts) and the Unicode transcripts of the legacy-encoded files. Every fourth document of
each source (by name, from the second) is held out: the bundled model never sees it, and the
unseen-text evaluation (`evaluation.unseen`) damages and restores only those.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evaluation.real import ROOT, SHARED

CLEAN_SEEDS = ("000", "001", "002", "004")
SOURCES = {
    "plans-dev": "real-files/plans-dev",
    "vbpl_text": "real-files/vbpl_text",
    "legacy": "real-files/legacy_encoding/ground_truth_from_viparse_corpus",
}
HOLD_OUT_EVERY = 4
_UNREADABLE = "\ufffd"  # plans-dev pages stop mid-word, on a replacement character


@dataclass(frozen=True)
class Document:
    source: str
    path: Path

    def text(self) -> str:
        """The document's lines, without those the source cut mid-character."""
        lines = self.path.read_text(encoding="utf-8").split("\n")
        return "\n".join(line for line in lines if _UNREADABLE not in line)


def _source_documents(source: str) -> list[Document]:
    return [Document(source, path) for path in sorted((SHARED / SOURCES[source]).glob("*.txt"))]


def held_out(documents: list[Document]) -> list[Document]:
    return documents[1::HOLD_OUT_EVERY]


def unseen_documents() -> dict[str, list[Document]]:
    """The held-out documents of each real source."""
    return {source: held_out(_source_documents(source)) for source in SOURCES}


def training_documents() -> list[Document]:
    """The clean seeds and every real document not held out."""
    seeds = [Document("seeds", next((ROOT / "corpus").glob(f"{prefix}_*.txt"))) for prefix in CLEAN_SEEDS]
    real = []
    for source in SOURCES:
        documents = _source_documents(source)
        kept_out = set(held_out(documents))
        real += [document for document in documents if document not in kept_out]
    return seeds + real
