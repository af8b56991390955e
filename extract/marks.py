"""The characters the pipeline writes for what it cannot read, declared once for every stage.

UNKNOWN (U+FFFD, the replacement character) stands for one character nobody can know: a glyph without a
usable map (extract), a glyph the cipher solver cannot decide or a lost digit nothing pins (normalize).

Enciphered glyphs: font k of a document takes the 8,192 code points from CIPHER_START + k·CIPHER_BLOCK, in
the supplementary private-use planes 15 and 16, which no Vietnamese text font maps letters to. A block's
last two code points are left out: in the last block of each plane they are noncharacters.
"""
from __future__ import annotations

UNKNOWN = "\ufffd"
CIPHER_START = 0xF0000
CIPHER_END = 0x10FFFF  # the last code point of plane 16
CIPHER_BLOCK = 0x2000
CIPHER_FONTS = 16
CIPHER_GLYPHS = CIPHER_BLOCK - 2
# The code points of enciphered glyphs, for a character class: "[" + CIPHER_RANGE + "]".
CIPHER_RANGE = f"{chr(CIPHER_START)}-{chr(CIPHER_END)}"


def cipher_character(font_index: int, glyph: int) -> str | None:
    """The private-use character of glyph `glyph` of a document's `font_index`-th enciphered font."""
    if font_index >= CIPHER_FONTS or not 0 <= glyph < CIPHER_GLYPHS:
        return None
    return chr(CIPHER_START + font_index * CIPHER_BLOCK + glyph)


def cipher_font(char: str) -> int | None:
    """Which of the document's enciphered fonts drew `char`, None for a character of no enciphered font."""
    offset = ord(char) - CIPHER_START
    return offset // CIPHER_BLOCK if 0 <= offset < CIPHER_FONTS * CIPHER_BLOCK else None
