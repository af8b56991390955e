"""Evaluation of glyph restoration (`make eval-repair`) and its speed (`make bench`).

Clean seeds are damaged the way seed 003 is (per line, a random subset of the distinct characters
present becomes spaces), then restored by a model that never saw the document (leave one out).

Usage: python -m evaluation.damaged_seeds [--bench]
"""
from __future__ import annotations

import random
import sys
import time
from collections import Counter
from pathlib import Path

import regex

from extract.marks import UNKNOWN
from normalize.offsets import apply_edits
from normalize.repair import RepairModel, restore_glyphs
from normalize.repair.tokens import clean_form

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
CLEAN_SEEDS = ("000", "001", "002", "004")
DAMAGED_LINE_SHARE = 0.7  # 003 leaves some lines intact
DROP_SHARE = (0.1, 0.4)  # share of a line's distinct characters a font run loses
_WORD = regex.compile(r"\S+")


def corrupt(text: str, seed: int) -> str:
    """Drop, per line, a random subset of the distinct visible characters (each becomes one space)."""
    rng = random.Random(seed)
    lines = []
    for line in text.split("\n"):
        present = sorted(set(line) - {" ", "\t", "\r"})
        if rng.random() < DAMAGED_LINE_SHARE and present:
            share = rng.uniform(*DROP_SHARE)
            lost = {char for char in present if rng.random() < share}
            line = "".join(" " if char in lost else char for char in line)
        lines.append(line)
    return "\n".join(lines)


def score(truth: str, damaged: str, restored: str) -> Counter[str]:
    """Counts of damaged words restored exactly, lost characters restored, digits restored or flagged."""
    assert len(truth) == len(damaged) == len(restored)
    counts: Counter[str] = Counter()
    for match in _WORD.finditer(truth):
        span = slice(match.start(), match.end())
        if damaged[span] != truth[span]:
            kind = "syllables" if match.group().isalpha() else "other_words"
            counts[f"damaged_{kind}"] += 1
            counts[f"exact_{kind}"] += restored[span] == truth[span]
    for true_char, seen, got in zip(truth, damaged, restored, strict=True):
        if seen == " " and true_char != " ":
            kind = "digits" if true_char.isdigit() else "chars"
            counts[f"lost_{kind}"] += 1
            counts[f"restored_{kind}"] += got == true_char
            counts[f"flagged_{kind}"] += got == UNKNOWN
        elif seen == " " and got != " ":
            counts["spaces_filled"] += 1
    return counts


def _seed_texts() -> dict[str, str]:
    return {prefix: clean_form(seed_path(prefix).read_text(encoding="utf-8")) for prefix in CLEAN_SEEDS}


def seed_path(prefix: str) -> Path:
    return next(CORPUS.glob(f"{prefix}_*.txt"))


def evaluate() -> tuple[Counter[str], float]:
    """Leave-one-out over the clean seeds: (counts, characters per second)."""
    texts = _seed_texts()
    totals: Counter[str] = Counter()
    seconds = 0.0
    for prefix, truth in texts.items():
        step = restore_glyphs(RepairModel.train(text for other, text in texts.items() if other != prefix))
        totals["clean_seed_changes"] += len(step(truth))
        damaged = corrupt(truth, seed=int(prefix))
        started = time.perf_counter()
        restored = apply_edits(damaged, step(damaged)).text
        seconds += time.perf_counter() - started
        totals += score(truth, damaged, restored)
        totals["chars"] += len(damaged)
    return totals, totals["chars"] / seconds


def score_lines(counts: Counter[str]) -> list[str]:
    """The figures of `score`'s counts, one line each (also used by `evaluation.against_truth`)."""

    def share(part: str, whole: str) -> str:
        return f"{counts[part] / max(1, counts[whole]):.2%} ({counts[part]}/{counts[whole]})"

    wrong_digits = counts["lost_digits"] - counts["restored_digits"] - counts["flagged_digits"]
    return [
        f"damaged syllables restored exactly: {share('exact_syllables', 'damaged_syllables')}",
        f"other damaged words (numbers, punctuation) exact: {share('exact_other_words', 'damaged_other_words')}",
        f"lost characters restored: {share('restored_chars', 'lost_chars')}",
        f"lost digits: {counts['lost_digits']}, restored {counts['restored_digits']},"
        f" flagged {counts['flagged_digits']}, wrong {wrong_digits}",
        f"real spaces filled by mistake: {counts['spaces_filled']}",
    ]


def report(counts: Counter[str], speed: float) -> str:
    return "\n".join(
        [
            *score_lines(counts),
            f"edits on the undamaged clean seeds: {counts['clean_seed_changes']}",
            f"speed: {speed:,.0f} characters/second",
        ]
    )


def bench() -> str:
    """Characters per second restoring seed 003 with the bundled model."""
    raw = seed_path("003").read_text(encoding="utf-8")
    step = restore_glyphs()
    started = time.perf_counter()
    step(raw)
    return f"restore_glyphs on 003: {len(raw) / (time.perf_counter() - started):,.0f} characters/second"


if __name__ == "__main__":
    print(bench() if "--bench" in sys.argv[1:] else report(*evaluate()))
