"""normalize: raw extracted text → `NormalizedText`, through a list of named steps."""
from __future__ import annotations

from array import array
from collections.abc import Sequence
from functools import cache

from normalize.legacy import tcvn3, viqr, vni
from normalize.offsets import NO_REPAIR, apply_edits, compose
from normalize.repair import decipher_glyphs, default_model, restore_glyphs
from normalize.steps import Step, blank_lines, line_joins, lookalikes, nfc, spaces
from normalize.text import NormalizedText, Repair
from normalize.tone_style import tone_style

__all__ = ["NormalizedText", "Repair", "Step", "default_steps", "normalize"]


def default_steps() -> list[Step]:
    """The declared steps, in order: glyphs of fonts without any map deciphered first, then legacy encodings,
    character-level repairs, layout last.

    Glyph restoration comes before `spaces`, which would fold the spaces that stand for lost characters;
    the tone style after it, so that restored syllables are spelled in the declared style too.
    """
    return [
        decipher_glyphs, tcvn3, vni, viqr, nfc, lookalikes, _default_restoration(), tone_style, spaces, blank_lines,
        line_joins,
    ]


@cache
def _default_restoration() -> Step:
    """Loading the bundled language model takes about a second: once per process, not per document."""
    return restore_glyphs(default_model())


def normalize(raw: str, steps: Sequence[Step] | None = None) -> NormalizedText:
    text = raw
    origin = array("l", range(len(raw) + 1))
    repair_of = array("l", [NO_REPAIR] * len(raw))
    repairs: list[tuple[str, str, str, float]] = []  # step, before, after, confidence
    changed: list[str] = []
    for current in default_steps() if steps is None else steps:
        applied = apply_edits(text, current(text))
        if applied.text == text:
            continue
        changed.append(current.name)
        first_new = len(repairs)
        repairs += [(current.name, before, e.replacement, e.confidence or 0.0) for e, before in applied.repairs]
        repair_of = array(
            "l",
            (
                first_new + tag if tag != NO_REPAIR else (repair_of[src] if src < len(repair_of) else NO_REPAIR)
                for tag, src in zip(applied.repair_of, applied.origin[:-1], strict=True)
            ),
        )
        origin = compose(origin, applied.origin)
        text = applied.text
    return NormalizedText(raw, text, tuple(changed), origin, repair_of, _locate(repairs, repair_of, origin))


def _locate(
    repairs: list[tuple[str, str, str, float]], repair_of: array[int], origin: array[int]
) -> tuple[Repair, ...]:
    """Final normalized spans of the repairs that survived all later steps."""
    spans: dict[int, list[int]] = {}
    for index, tag in enumerate(repair_of):
        if tag != NO_REPAIR:
            spans.setdefault(tag, [index, index])[1] = index
    located = []
    for tag, (first, last) in sorted(spans.items(), key=lambda item: item[1]):
        step_name, before, after, confidence = repairs[tag]
        located.append(Repair(step_name, first, last + 1, origin[first], origin[last] + 1, before, after, confidence))
    return tuple(located)
