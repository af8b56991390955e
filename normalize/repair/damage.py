"""Which lines of a document lost glyphs: lines with fragments that are no Vietnamese syllable, in a
neighbourhood where such lines are common; and which restored lines still hold a word nobody knows."""
from __future__ import annotations

import regex

from normalize.repair.model import RepairModel
from normalize.repair.tokens import tokens
from normalize.syllables import syllable_inventory
from normalize.tone_style import declared_tones

DAMAGED_SHARE = 0.1  # share of non-syllable fragments around a line that marks a damaged region
_PADDED_SHARE = 0.5  # share of lines ending in a space above which a document pads its lines (003: 237/238)
_WINDOW = 12  # lines on each side that make up a line's neighbourhood
_GAP_RUN = regex.compile(r"\S {2,}\S|^ +\S")


def _invalid_fragments(line: str, model: RepairModel) -> int:
    """Fragments with letters that are neither a syllable nor a known token: an abbreviation nobody wrote
    before is most likely one that lost letters ("H-UBN" of "KH-UBND"), and so is a lowercase syllable no
    text writes ("hu ện" of "huyện"); a capitalised one is likelier a name ("Nậm Pồ")."""
    inventory = syllable_inventory()
    return sum(
        1
        for token in tokens(line)
        if regex.search(r"\p{L}", token.core)
        and token.core not in model.others
        and (
            declared_tones(token.core.lower()) not in inventory
            or (token.core.islower() and not model.unigrams[token.unit])
        )
    )


def pads_lines(lines: list[str]) -> bool:
    """Whether the document's extraction ends its lines with a space (003's does, nearly every line), so that
    a space at a line's end is no lost character; where lines end at their last character, one is."""
    written = [line for line in lines if line.strip()]
    return sum(line.endswith(" ") for line in written) > _PADDED_SHARE * len(written)


def damaged_lines(lines: list[str], model: RepairModel, padded: bool) -> list[bool]:
    """Which of a document's `lines` lost glyphs, given whether it pads its lines (`pads_lines`)."""
    invalid = [_invalid_fragments(line, model) for line in lines]
    fragments = [sum(1 for t in tokens(line) if regex.search(r"\p{L}", t.core)) for line in lines]
    damaged = []
    for index, count in enumerate(invalid):
        window = slice(max(0, index - _WINDOW), index + _WINDOW + 1)
        share = sum(invalid[window]) / max(1, sum(fragments[window]))
        line = lines[index]
        # Lost digits and whole lost words leave only runs of spaces, inside or at the start of a line, and a
        # lost last character a space at the end of a line that would end with it ("CỘN " of "CỘNG").
        gapped = count > 0 or bool(_GAP_RUN.search(line)) or (not padded and line.endswith(" ") and bool(line.strip()))
        damaged.append(gapped and share >= DAMAGED_SHARE)
    return damaged



def unknown_tokens(line: str, model: RepairModel) -> bool:
    """Whether `line` holds a word the model has never seen ("bìn", "ện"): likely half restored."""
    return any(regex.search(r"\p{L}", token.core) and not model.unigrams[token.unit] for token in tokens(line))


