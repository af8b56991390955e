"""Restoration of dropped glyphs: text whose PDF fonts lost characters, each lost character one space.

"C ỉ t êu 1: Tăn  tỷ l " is "Chỉ tiêu 1: Tăng tỷ lệ". A damaged line keeps its length and every
visible character; each space is a real space or one lost character. The step finds damaged
regions (lines with fragments that are no Vietnamese syllable, in a neighbourhood where such lines
are common), and decodes each damaged line with a Viterbi search over the readings the constraint
allows, scored by the syllable bigram model (`RepairModel`, repair/model.py). A character that shows
in a line is not lost in that line (its font run keeps it), so only characters absent from the line fill gaps;
an abbreviation the document writes whole elsewhere ("UBND") is the exception, as its letters may come
from another font run than the rest of the line.


The step reads a damaged document in three passes, each a function below: `first_reading` decodes its
damaged lines; `reread_unknown_words` offers the words that reading restored to the lines it left with
words nobody knows; `reread_by_lost_sets` re-reads lines whose unsure repairs fill gaps with characters
other than those their font run lost. Lost numbering digits are then pinned by their neighbours
(`pin_label_sequences`).
Lost digits are not guessed: a number with lost digits is restored only when the document states
exactly one number that fits ("    -2025" next to "giai đoạn 2021-2025" elsewhere); otherwise each
lost digit becomes UNKNOWN in a repair with confidence 0, so no rule reads a wrong number.
"""
from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex

from extract.marks import UNKNOWN
from normalize.offsets import Edit, applied
from normalize.repair.damage import damaged_lines, pads_lines, unknown_tokens
from normalize.repair.decoder import Context, LineDecoder
from normalize.repair.digits import document_numbers, pin_digits
from normalize.repair.label_sequences import pin_label_sequences
from normalize.repair.model import RepairModel, default_model
from normalize.repair.readings import SharedForms
from normalize.repair.tokens import LINE_START, opens_sentence, split_token
from normalize.repair.vocabulary import DocumentWords, Vocabulary, document_words
from normalize.steps import NamedStep

LOW_CONFIDENCE = 0.5  # repairs below this are flagged for review
_DOCUMENT_WEIGHT = 3  # how many times the damaged document's intact lines count, against other documents
_INTERNAL_SPACE_RUN = regex.compile(r"\S {2,}\S")
_TOKEN_TEXT = regex.compile(r"\S+")


@dataclass(frozen=True)
class DamagedDocument:
    """A document with lost glyphs, as the passes read it."""

    text: str
    lines: list[str]
    damaged: list[bool]  # by line
    intact: list[str]  # the lines neither damaged nor holding a run of spaces
    model: RepairModel  # the bundled model plus the document's own intact lines
    decode: Callable[..., list[list[Edit]]]  # `_restore_lines` over `lines`, with the model and the numbers


def restore_glyphs(model: RepairModel | None = None) -> NamedStep:
    """The step: decode damaged lines with `model` plus the document's own intact lines."""
    base = model or default_model()
    vocabulary = Vocabulary(base)

    def restore(text: str) -> list[Edit]:
        with _collector_paused():
            return restoring_edits(text, base, vocabulary)

    return NamedStep("restore_glyphs", restore)


def restoring_edits(text: str, base: RepairModel, vocabulary: Vocabulary) -> list[Edit]:
    """The edits restoring the damaged lines of `text`, read in the passes below. A function of its own: what the
    passes built is freed when it returns, before the collector is back and would walk it."""
    document = damaged_document(text, base, vocabulary)
    if document is None:
        return []
    edits, words = first_reading(document)
    edits, words = reread_unknown_words(document, edits, words)
    edits = reread_by_lost_sets(document, edits, words)
    return pin_label_sequences(text, [edit for line_edits in edits for edit in line_edits])


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a document is restored: the decoder allocates millions of
    short-lived tuples and makes no cycles (memo rows hold their model weakly), and the collector's passes
    over them and the model's tables cost a tenth of the restoration. Whoever found it on turns it back on;
    the cycles of other threads of the process wait as long as one document's restoration."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def damaged_document(text: str, base: RepairModel, vocabulary: Vocabulary) -> DamagedDocument | None:
    """The document as the passes read it, None if no line of it is damaged."""
    lines = text.split("\n")
    padded = pads_lines(lines)
    damaged = damaged_lines(lines, base, padded)
    if not any(damaged):
        return None
    intact = [
        line for line, bad in zip(lines, damaged, strict=True) if not bad and not _INTERNAL_SPACE_RUN.search(line)
    ]
    # The document's own words (names, its agencies) are the best evidence: they count extra.
    local = base.extended(["\n".join(intact)] * _DOCUMENT_WEIGHT) if any(intact) else base
    # A number written whole anywhere in the document can pin one with lost digits: a partial
    # number never fits, as the pattern keeps the length.
    numbers = document_numbers(text)
    decode = functools.partial(
        _restore_lines, lines, forms=SharedForms(local, vocabulary), numbers=numbers, padded=padded
    )
    return DamagedDocument(text, lines, damaged, intact, local, decode)


def first_reading(document: DamagedDocument) -> tuple[list[list[Edit]], DocumentWords]:
    """Each damaged line decoded, with the words and abbreviations the intact lines write whole."""
    words = document_words(document.text, document.intact, document.model)
    return document.decode(document.damaged, words), words


def reread_unknown_words(
    document: DamagedDocument, edits: list[list[Edit]], words: DocumentWords
) -> tuple[list[list[Edit]], DocumentWords]:
    """A word the document never writes whole may still be restored surely in lines of one font run
    ("huyện"): the words of the first reading are offered to the lines it left with unknown tokens."""
    text, damaged, model = document.text, document.damaged, document.model
    first = applied(text, [edit for line_edits in edits for edit in line_edits]).split("\n")
    again = [bad and unknown_tokens(line, model) for line, bad in zip(first, damaged, strict=True)]
    if not any(again):
        return edits, words
    restored = document.intact + [line for line, bad in zip(first, damaged, strict=True) if bad]
    words = document_words(text, restored, model)
    second = document.decode(again, words)
    return [redo or line_edits for line_edits, redo in zip(edits, second, strict=True)], words


def reread_by_lost_sets(document: DamagedDocument, edits: list[list[Edit]], words: DocumentWords) -> list[list[Edit]]:
    """Each line's font run lost a few characters, and every gap is one of them: the lines whose unsure
    repairs fill gaps with other characters are re-read, favouring those their sure repairs filled gaps with."""
    text = document.text
    lost = [_filled(text, line_edits) for line_edits in edits]
    unsure = [bool(line_lost) and not _filled(text, line_edits, sure=False) <= line_lost
              for line_lost, line_edits in zip(lost, edits, strict=True)]
    third = document.decode(unsure, words, lost=lost)
    # Favouring the lost set must not read a line's letters as more lost digits ("xây" as "���").
    return [
        redo if redo and _flags(redo) <= _flags(line_edits) else line_edits
        for line_edits, redo in zip(edits, third, strict=True)
    ]



def _filled(text: str, edits: list[Edit], sure: bool = True) -> frozenset[str]:
    """The characters the sure (else the unsure) `edits` put in gaps of `text`, and the lost-digit flag if
    any edit holds one: whether a line lost digits does not depend on how sure its other repairs are."""
    chosen = [edit for edit in edits if ((edit.confidence or 0.0) >= LOW_CONFIDENCE) == sure]
    chars = {
        char
        for edit in chosen
        for position, char in enumerate(edit.replacement, edit.start)
        if text[position] == " " and char not in (" ", UNKNOWN)
    }
    return frozenset(chars | ({UNKNOWN} if _flags(edits) else set()))


def _flags(edits: list[Edit]) -> int:
    return sum(edit.replacement.count(UNKNOWN) for edit in edits)


def _restore_lines(
    lines: list[str],
    which: list[bool],
    document: DocumentWords,
    *,
    forms: SharedForms,
    numbers: frozenset[str],
    padded: bool,
    lost: list[frozenset[str]] | None = None,
) -> list[list[Edit]]:
    """The edits restoring each of `lines` that `which` marks (none for the others), given whether the
    document pads its lines with a space (`pads_lines`) and what each line lost if that is known."""
    edits: list[list[Edit]] = []
    offset, previous = 0, (LINE_START, True)
    for index, (line, chosen) in enumerate(zip(lines, which, strict=True)):
        line_lost = lost[index] if lost else None
        if chosen:
            line_edits, previous = _restore_line(
                line, offset, forms, numbers, document, previous, line_lost, padded
            )
        else:
            line_edits, previous = [], _last_context(line, previous)
        edits.append(line_edits)
        offset += len(line) + 1
    return edits


def _restore_line(
    line: str,
    offset: int,
    forms: SharedForms,
    numbers: frozenset[str],
    document: DocumentWords,
    previous: Context,
    lost: frozenset[str] | None,
    padded: bool,
) -> tuple[list[Edit], Context]:
    """The edits restoring `line`, and the context its last word leaves to the next line."""
    edits = []
    cell_start = 0
    cells = line.rstrip("\r").split("\t")
    for cell_index, cell in enumerate(cells):
        before_tab = cell_index + 1 < len(cells)
        row_label = before_tab and not cell_index
        decoder = LineDecoder(forms, cell, document, before_tab, row_label, lost, padded)
        readings = decoder.decode(previous)
        for index, reading in enumerate(readings):
            written = cell[reading.start : reading.end]
            before = readings[index - 1].candidate.context if index else previous[0]
            after = readings[index + 1].candidate.unit if index + 1 < len(readings) else None
            if reading.candidate.text == written:
                continue
            restored, confidence = reading.candidate.text, decoder.confidence(reading, before, after)
            if UNKNOWN in restored:
                restored, confidence = pin_digits(restored, numbers)
            start = offset + cell_start + reading.start
            edits.append(Edit(start, start + len(written), restored, round(confidence, 3)))
        if readings:
            last = readings[-1].candidate
            previous = (last.context, opens_sentence(last.text, first=not cell[: readings[-1].start].strip()))
        cell_start += len(cell) + 1
    return edits, previous


def _last_context(line: str, previous: Context) -> Context:
    found = _TOKEN_TEXT.findall(line)
    return (split_token(found[-1]).context, opens_sentence(found[-1], first=len(found) == 1)) if found else previous

