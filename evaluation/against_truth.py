"""Glyph restoration of a damaged document scored against its manual restoration (`make eval-repair`).

The truth file (tests/golden/003_restored.txt for seed 003) restores the extracted text by hand under
the damage's own rule: the same lines of the same lengths, every visible character kept, each space a
real space or the one character it stood for; U+FFFD where a lost digit cannot be known. It is
evaluation data only: nothing in the pipeline reads it.

The document runs through the default steps up to and including glyph restoration: the later steps
(spaces, line joins) move text, and the comparison is position by position.

Usage: python -m evaluation.against_truth TRUTH [--document PATH] [--show]
"""
from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from evaluation.damaged_seeds import score, score_lines, seed_path
from extract import extract
from extract.marks import UNKNOWN
from normalize import default_steps, normalize
from normalize.steps import Step

RESTORATION_STEP = "restore_glyphs"
_WORD = regex.compile(r"\S+")


def violations(raw: str, truth: str) -> list[str]:
    """Where `truth` breaks the rule of the damage against `raw` (empty when it is a valid restoration)."""
    raw_lines, truth_lines = raw.split("\n"), truth.split("\n")
    if len(raw_lines) != len(truth_lines):
        return [f"{len(truth_lines)} lines, the raw text has {len(raw_lines)}"]
    found = []
    for number, (seen, true) in enumerate(zip(raw_lines, truth_lines, strict=True), 1):
        if len(seen) != len(true):
            found.append(f"line {number}: {len(true)} characters, the raw line has {len(seen)}")
            continue
        if unicodedata.normalize("NFC", true) != true:
            found.append(f"line {number}: not NFC")
        for column, (was, now) in enumerate(zip(seen, true, strict=True), 1):
            if was != " " and was != now:
                found.append(f"line {number}, column {column}: visible {was!r} changed to {now!r}")
            elif was == " " and now != " " and now.isspace():
                found.append(f"line {number}, column {column}: a lost character restored as whitespace {now!r}")
    return found


def restoration_steps(steps: Sequence[Step]) -> list[Step]:
    """`steps` up to and including glyph restoration."""
    names = [step.name for step in steps]
    if RESTORATION_STEP not in names:
        raise ValueError(f"no step named {RESTORATION_STEP!r} among {names}")
    return list(steps[: names.index(RESTORATION_STEP) + 1])


def masked(truth: str, damaged: str, restored: str) -> tuple[str, str, Counter[str]]:
    """Positions whose digit the truth cannot know (U+FFFD) taken out of the scoring, and what the
    restoration wrote there counted: a flag is right, a digit is a guess nobody can check."""
    unknown: Counter[str] = Counter()
    positions = [index for index, char in enumerate(truth) if char == UNKNOWN]
    chars = [list(damaged), list(restored)]
    for index in positions:
        unknown["flagged" if restored[index] == UNKNOWN else "guessed"] += 1
        chars[0][index] = chars[1][index] = UNKNOWN
    return "".join(chars[0]), "".join(chars[1]), unknown


@dataclass(frozen=True)
class WrongWord:
    line: int
    raw: str
    got: str
    truth: str


def wrong_words(truth: str, damaged: str, restored: str) -> list[WrongWord]:
    """Damaged words of the truth that the restoration did not give back exactly, with their line."""
    wrong = []
    for match in _WORD.finditer(truth):
        span = slice(match.start(), match.end())
        if damaged[span] != truth[span] and restored[span] != truth[span]:
            wrong.append(WrongWord(truth.count("\n", 0, match.start()) + 1, damaged[span], restored[span], truth[span]))
    return wrong


def error_kind(true_char: str, got: str) -> str:
    """What went wrong at one lost (or seemingly lost) position where the restoration differs."""
    if true_char == " ":
        return "real space filled"
    if got == " ":
        return "lost character left as a space"
    if true_char.isdigit():
        return "digit flagged" if got == UNKNOWN else "wrong digit"
    if got.lower() == true_char.lower():
        return "wrong case"
    if _base(got) == _base(true_char):
        return "wrong tone or vowel mark"
    return "wrong character"


def _base(char: str) -> str:
    """The letter without its marks, đ kept apart from d (a different letter in Vietnamese)."""
    return "".join(c for c in unicodedata.normalize("NFD", char.lower()) if not unicodedata.combining(c))


def error_kinds(truth: str, damaged: str, restored: str) -> Counter[str]:
    return Counter(
        error_kind(true_char, got)
        for true_char, seen, got in zip(truth, damaged, restored, strict=True)
        if seen == " " and got != true_char
    )


def report(truth: str, damaged: str, restored: str, show: bool = False) -> str:
    damaged, restored, unknown = masked(truth, damaged, restored)
    counts = score(truth, damaged, restored)
    exact = counts["exact_syllables"] + counts["exact_other_words"]
    damaged_words = counts["damaged_syllables"] + counts["damaged_other_words"]
    lines = [
        *score_lines(counts),
        f"all damaged words exact: {exact / max(1, damaged_words):.2%} ({exact}/{damaged_words})",
        f"digits the truth cannot know: {sum(unknown.values())}, flagged {unknown['flagged']},"
        f" guessed {unknown['guessed']}",
        "errors by kind (positions): "
        + (", ".join(f"{kind} {n}" for kind, n in error_kinds(truth, damaged, restored).most_common()) or "none"),
    ]
    if show:
        wrong = wrong_words(truth, damaged, restored)
        lines += [f"  line {w.line}: raw {w.raw!r} got {w.got!r} truth {w.truth!r}" for w in wrong]
    return "\n".join(lines)


def _read_aligned(truth_path: Path, raw: str) -> str:
    truth = truth_path.read_text(encoding="utf-8")
    problems = violations(raw, truth)
    if problems:
        raise ValueError(f"{truth_path}: not a restoration of the document's raw text: " + "; ".join(problems[:5]))
    return truth


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("truth", type=Path, help="the manual restoration, line for line")
    parser.add_argument("--document", type=Path, default=None, help="the damaged document (default: seed 003)")
    parser.add_argument("--show", action="store_true", help="list every damaged word restored wrongly")
    args = parser.parse_args(argv)
    document = args.document or seed_path("003")
    raw = extract(document).text
    try:
        truth = _read_aligned(args.truth, raw)
    except (OSError, ValueError) as error:
        print(error, file=sys.stderr)
        return 2
    restored = normalize(raw, restoration_steps(default_steps())).text
    if len(restored) != len(raw):
        print(f"steps up to {RESTORATION_STEP} changed the text's length: no position-wise score", file=sys.stderr)
        return 2
    print(f"{document.name}, glyph restoration against the manual one ({args.truth}):")
    print(report(truth, raw, restored, show=args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
