"""Glyph restoration on real text the repair model never saw (`make eval-repair`).

The documents held out of the bundled model's training (`evaluation.corpus`) are damaged by the
simulator calibrated on seed 003 (`evaluation.simulate`) and restored by the default restoration step;
the figures are given per source and over all, summed over a few random damages.

Usage: python -m evaluation.unseen [--damages N]
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence

import regex

from evaluation.corpus import unseen_documents
from evaluation.real import SHARED
from evaluation.simulate import DamageProfile, damage, damage_figures, profile_003
from extract.marks import UNKNOWN as UNKNOWN_DIGIT
from normalize.offsets import Edit, applied
from normalize.repair import LOW_CONFIDENCE, restore_glyphs

_WORD = regex.compile(r"\S+")
Restore = Callable[[str], list[Edit]]


def _confidences(text: str, edits: list[Edit]) -> list[float]:
    """Per character, the confidence of the repair that wrote it (1.0 where nothing did)."""
    confidence = [1.0] * len(text)
    for edit in edits:
        for position in range(edit.start, edit.end):
            confidence[position] = edit.confidence if edit.confidence is not None else 1.0
    return confidence


def score(truth: str, damaged: str, restored: str, confidence: list[float]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for match in _WORD.finditer(truth):
        span = slice(match.start(), match.end())
        if damaged[span] == truth[span]:
            continue
        counts["damaged words"] += 1
        if restored[span] == truth[span]:
            counts["exact"] += 1
            counts["exact, flagged"] += min(confidence[span]) < LOW_CONFIDENCE
        else:
            counts["wrong"] += 1
            counts["wrong, flagged"] += min(confidence[span]) < LOW_CONFIDENCE
    for position, (true, seen, got) in enumerate(zip(truth, damaged, restored, strict=True)):
        if seen != " " or true == " ":
            counts["real spaces filled"] += seen == " " and got != " "
            continue
        counts["lost"] += 1
        counts["restored"] += got == true
        counts["blank"] += got == " "
        counts["flagged"] += got == UNKNOWN_DIGIT
        if true.isdigit():
            counts["lost digits"] += 1
            wrong_digit = got not in (true, UNKNOWN_DIGIT, " ")  # a blank shows it is lost
            counts["digits wrong, unflagged"] += wrong_digit and confidence[position] >= LOW_CONFIDENCE
    return counts


def evaluate(text: str, restore: Restore, profile: DamageProfile, seed: int) -> tuple[Counter[str], float]:
    """Counts for one damage of `text`, and the seconds restoration took."""
    damaged = damage(text, profile, seed)
    started = time.process_time()
    edits = restore(damaged)
    seconds = time.process_time() - started
    restored = applied(damaged, edits)
    counts = score(text, damaged, restored, _confidences(damaged, edits))
    counts["chars"] += len(damaged)
    counts.update({f"damage: {name}": round(1000 * value) for name, value in damage_figures(text, damaged).items()})
    counts["damages"] += 1
    return counts, seconds


def _share(part: int, whole: int) -> str:
    return f"{part / max(1, whole):6.2%}"


def row(name: str, counts: Counter[str], seconds: float) -> str:
    return (
        f"{name:<10} {counts['damaged words']:>6} {_share(counts['exact'], counts['damaged words'])}"
        f" {_share(counts['restored'], counts['lost'])} {_share(counts['blank'], counts['lost'])}"
        f" {counts['flagged']:>6}"
        f" {_share(counts['wrong, flagged'], counts['wrong'])} {_share(counts['exact, flagged'], counts['exact'])}"
        f" {counts['digits wrong, unflagged']:>6}"
        f" {counts['letters changed on clean']:>6} {counts['chars'] / max(seconds, 1e-9):>8,.0f}"
    )


HEADER = (
    f"{'source':<10} {'words':>6} {'exact':>7} {'chars':>7} {'blank':>7} {'U+FFFD':>6} {'flag':>7} {'flag ok':>7}"
    f" {'digit!':>6} {'clean':>6} {'chars/s':>8}"
)
LEGEND = (
    "words: damaged words; exact: restored exactly; chars: lost characters restored; blank: share of lost"
    " characters left a space; U+FFFD: lost characters flagged; flag: wrong words under 0.5 confidence;"
    " flag ok: right words under 0.5 confidence; digit!: digits wrong and"
    " not flagged; clean: letters changed on the undamaged text"
)


def letters_changed(text: str, edits: list[Edit]) -> int:
    return sum(a != b for a, b in zip(text, applied(text, edits), strict=True) if a.isalpha())


def report(damages: int, restore: Restore | None = None) -> str:
    restore = restore or restore_glyphs()
    profile = profile_003(SHARED)
    lines = ["unseen real text (held out of the model), damaged like 003:", HEADER]
    totals: Counter[str] = Counter()
    total_seconds = 0.0
    for source, documents in unseen_documents().items():
        counts: Counter[str] = Counter()
        seconds = 0.0
        for number, document in enumerate(documents):
            text = document.text()
            counts["letters changed on clean"] += letters_changed(text, restore(text))
            for damage_seed in range(damages):
                found, spent = evaluate(text, restore, profile, 1000 * number + damage_seed)
                counts += found
                seconds += spent
        lines.append(row(source, counts, seconds))
        totals += counts
        total_seconds += seconds
    lines += [row("all", totals, total_seconds), LEGEND]
    figures = [(key.removeprefix("damage: "), value) for key, value in totals.items() if key.startswith("damage: ")]
    lines.append("damage (003: 27.8% characters, 6.1% digits, 63% words, 91% lines): " + ", ".join(
        f"{name} {value / 1000 / totals['damages']:.1%}" for name, value in figures))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--damages", type=int, default=2, help="random damages of each document")
    args = parser.parse_args(argv)
    print(report(args.damages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
