"""Build normalize/tables/repair_ngrams.tsv, the bundled repair model, from clean real texts.

The texts are `evaluation.corpus.training_documents()`: the clean seeds and the real documents of the
shared folder, less those held out for the unseen-text evaluation. Lines with a broken word ("ch ỉ đạo",
a transcript's split syllable) are left out: a fragment learned as a token would be offered as a repair
and would hide damage from the step that finds it.

Usage: .venv/bin/python scripts/build_repair_table.py [--check]
  --check: exit 1 if the bundled table differs from what the build gives (tests run it).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import regex  # noqa: E402

from evaluation.corpus import training_documents  # noqa: E402
from normalize.repair.model import BUNDLED_TABLE, RepairModel  # noqa: E402
from normalize.repair.tokens import tokens  # noqa: E402
from normalize.repair.vocabulary import is_abbreviation  # noqa: E402
from normalize.syllables import syllable_inventory  # noqa: E402
from normalize.tone_style import declared_tones  # noqa: E402

_LETTER = regex.compile(r"\p{L}")
_LABEL = regex.compile(r"\p{Ll}")  # "a)", "b." open list items


def is_whole_word(core: str, suffix: str) -> bool:
    """Whether a token core with letters is a word: a syllable, an abbreviation, a mixed code ("QĐ-UBND",
    "HIV/AIDS", "51/2025/QĐ-TTg") or a list label; not a fragment such as "ch" or "Ngh"."""
    if declared_tones(core.lower()) in syllable_inventory() or is_abbreviation(core):
        return True
    if regex.search(r"[\d/\-]", core) or sum(char.isupper() for char in core) >= 2:
        return True
    return bool(_LABEL.fullmatch(core)) and suffix[:1] in (")", ".")


def usable_lines(text: str) -> str:
    """The lines of `text` whose every word is whole."""
    return "\n".join(
        line
        for line in text.split("\n")
        if all(is_whole_word(t.core, t.suffix) for t in tokens(line) if _LETTER.search(t.core))
    )


# The clean seeds are plans typeset as PDF, like the documents that lose glyphs (indented lines, numbered
# lists "chỉ tiêu 1, 2"); the other sources are web pages and transcripts. The seeds count this many times.
SEED_WEIGHT = 3


def built_model() -> RepairModel:
    texts = [usable_lines(document.text()) for document in training_documents()]
    seeds = [text for document, text in zip(training_documents(), texts, strict=True) if document.source == "seeds"]
    return RepairModel.train(texts + seeds * (SEED_WEIGHT - 1))


def main(arguments: list[str]) -> int:
    model = built_model()
    if "--check" in arguments:
        with tempfile.TemporaryDirectory() as folder:
            built = Path(folder) / BUNDLED_TABLE.name
            model.save(built)
            same = built.read_bytes() == BUNDLED_TABLE.read_bytes()
        print(f"{BUNDLED_TABLE}: {'as built' if same else 'differs from the build: run scripts/build_repair_table.py'}")
        return 0 if same else 1
    model.save(BUNDLED_TABLE)
    print(f"{BUNDLED_TABLE}: {len(model.unigrams)} units, {len(model.bigrams)} bigrams")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
