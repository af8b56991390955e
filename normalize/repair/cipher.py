"""Deciphering PDF fonts that name none of their glyphs.

extract writes each glyph of such a font as one private-use character (extract/fonts.py: one per font and
glyph id). Each stands for one character throughout the document, so the text is a substitution cipher,
solved here with the syllable language model (`RepairModel`): the assignment under which the document's
words read best as Vietnamese wins. Text without such characters is returned untouched at the cost of one
regex search, and the model is loaded only for the first document that needs it.

Search (`Climb`, cipher_climb.py): the commonest glyph of a font starts as the commonest character, and so on down. Each
glyph in turn then takes the best of the characters its frequency allows (swapping with the glyph of its
font that held it) while a move improves the score: first under character trigrams of the model's words,
whose score rises letter by letter, then under word scores. Group moves follow for what one glyph at a
time cannot reach: a word the model does not know as a number ("2021-2025": all its glyphs digits at
once), and as a known word that differs in up to two glyphs ("H��CH" → "HOẠCH"). A glyph's confidence is
how much worse its best alternative reads; one whose alternative reads as well is U+FFFD, confidence 0.

The model sees numbers as one class, so which digit a glyph is comes from the document (`Numbers`, cipher_digits.py):
numbering sequences, years, periods and dates. An unpinned digit stays UNKNOWN, confidence 0.
"""
from __future__ import annotations

from collections import Counter

from extract.marks import UNKNOWN
from normalize.offsets import Edit
from normalize.repair.cipher_climb import CIPHER, Climb, GlyphReading
from normalize.repair.cipher_digits import pinned_digits
from normalize.repair.cipher_scores import DIGITS, LINE_OPENING, CipherScores
from normalize.repair.model import RepairModel, default_model
from normalize.steps import NamedStep


def glyph_cipher(model: RepairModel | None = None) -> NamedStep:
    """The step; the default model is loaded at the first enciphered document, not before."""
    known: list[CipherScores] = []

    def decipher(text: str) -> list[Edit]:
        if CIPHER.search(text) is None:
            return []
        if not known:
            known.append(CipherScores(model or default_model()))
        return deciphered(text, known[0])

    return NamedStep("glyph_cipher", decipher)


decipher_glyphs = glyph_cipher()  # the default step: one solver, and its cache of word scores, per process


def deciphered(text: str, known: CipherScores) -> list[Edit]:
    """The edits that read each run of enciphered glyphs, digits pinned by the document's numbers."""
    readings = solve(document_words(text), known)
    digits = {glyph for glyph, reading in readings.items() if reading.char in DIGITS}
    unknown = GlyphReading(UNKNOWN, 0.0)
    return pinned_digits(text, readings | dict.fromkeys(digits, unknown), digits)


def solve(words: Counter[str], known: CipherScores) -> dict[str, GlyphReading]:
    climb = Climb(words, known)
    climb.run()
    return climb.readings()


def document_words(text: str) -> Counter[str]:
    """The words holding enciphered glyphs, a line's first word marked with LINE_OPENING: it is written in
    the case of a sentence's first word."""
    words: Counter[str] = Counter()
    for line in text.split("\n"):
        for index, token in enumerate(line.split()):
            if CIPHER.search(token):
                words[LINE_OPENING + token if index == 0 else token] += 1
    return words

