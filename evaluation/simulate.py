"""A damage simulator calibrated on seed 003: clean text loses glyphs the way 003's PDF fonts lost them.

In 003 every lost character became one space. A font run (a few consecutive lines) loses a set of
characters everywhere in it, and which characters a run loses is far from uniform: "g", "h", "i" and
marked vowels are lost often, digits seldom (6% of them). The profile is measured on 003 against its
manual restoration (tests/golden/003_restored.txt, evaluation data): for each character, the share of
003's lines holding it in which it was lost; the share of lines with text left intact; and how many
consecutive lines share their losses. A run's lost set is drawn character by character from those
rates, so any text (with characters 003 never shows) gets drop sets of 003's own make-up.
"""
from __future__ import annotations

import random
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
TRUTH_003 = ROOT / "tests" / "golden" / "003_restored.txt"
_WORD = regex.compile(r"\S+")
_KEPT = frozenset(" \t\r")  # whitespace is never a lost glyph
# Drawn per run from the rates of 003's damaged lines, 003's own text loses 25.6% of its characters
# (003: 27.8%): lines mixing runs lose more than one drawn set. Scaled, it loses 27.2%.
_RATE_SCALE = 1.1


def char_class(char: str) -> str:
    """The class whose loss rate stands in for a character 003 never shows."""
    if char.isdigit():
        return "digit"
    if char.isalpha():
        marked = unicodedata.normalize("NFD", char) != char or char in "đĐ"
        return ("upper" if char.isupper() else "lower") + (" marked" if marked else "")
    return "mark"


@dataclass(frozen=True)
class DamageProfile:
    rates: dict[str, float]  # P(lost | present in a damaged line), per character
    class_rates: dict[str, float]  # the same per character class, for characters without their own
    intact_share: float  # share of lines with text that keep every character
    run_continues: float  # P(the next line is in the same font run)

    def rate(self, char: str) -> float:
        return _RATE_SCALE * self.rates.get(char, self.class_rates.get(char_class(char), 0.0))


def measured_profile(raw: str, truth: str) -> DamageProfile:
    """The profile of a damaged text (`raw`) against its restoration (`truth`), line-aligned."""
    present: Counter[str] = Counter()
    lost: Counter[str] = Counter()
    lines = intact = same_run = pairs = 0
    previous: frozenset[str] | None = None
    for seen, true in zip(raw.split("\n"), truth.split("\n"), strict=True):
        if not true.strip():
            continue
        line_lost = frozenset(t for s, t in zip(seen, true, strict=True) if s == " " and t not in _KEPT)
        lines += 1
        intact += not line_lost
        if line_lost:  # the rates are those of damaged lines: intact ones are drawn apart
            present.update(set(true) - _KEPT)
            lost.update(line_lost)
        if previous and line_lost:
            pairs += 1
            same_run += len(previous & line_lost) * 2 >= len(previous | line_lost)
        previous = line_lost
    class_present: Counter[str] = Counter()
    class_lost: Counter[str] = Counter()
    for char, count in present.items():
        class_present[char_class(char)] += count
        class_lost[char_class(char)] += lost[char]
    return DamageProfile(
        rates={char: lost[char] / count for char, count in present.items() if count >= 3},
        class_rates={kind: class_lost[kind] / count for kind, count in class_present.items()},
        intact_share=intact / max(1, lines),
        run_continues=same_run / max(1, pairs),
    )


def profile_003(shared: Path) -> DamageProfile:
    raw = next((shared / "seeds").glob("003_*.txt")).read_text(encoding="utf-8")
    return measured_profile(raw, TRUTH_003.read_text(encoding="utf-8"))


def damage(text: str, profile: DamageProfile, seed: int) -> str:
    """`text` with, per font run, a drawn set of characters each replaced by one space."""
    rng = random.Random(seed)
    alphabet = sorted(set(text) - _KEPT - {"\n"})
    run: frozenset[str] = frozenset()
    lines = []
    for index, line in enumerate(text.split("\n")):
        if not index or rng.random() >= profile.run_continues:
            run = frozenset(char for char in alphabet if rng.random() < profile.rate(char))
        if line.strip() and rng.random() >= profile.intact_share:
            line = "".join(" " if char in run else char for char in line)
        lines.append(line)
    return "\n".join(lines)


def damage_figures(truth: str, damaged: str) -> dict[str, float]:
    """The figures 003 is calibrated on: shares of characters, digits, words and lines damaged."""
    chars = [(t, d) for t, d in zip(truth, damaged, strict=True) if t not in _KEPT and t != "\n"]
    digits = [(t, d) for t, d in chars if t.isdigit()]
    words = [(m.group(), damaged[m.start() : m.end()]) for m in _WORD.finditer(truth)]
    lines = [(t, d) for t, d in zip(truth.split("\n"), damaged.split("\n"), strict=True) if t.strip()]
    return {
        "characters lost": sum(d == " " for _, d in chars) / max(1, len(chars)),
        "digits lost": sum(d == " " for _, d in digits) / max(1, len(digits)),
        "words damaged": sum(t != d for t, d in words) / max(1, len(words)),
        "lines damaged": sum(t != d for t, d in lines) / max(1, len(lines)),
    }
