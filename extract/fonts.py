"""Broken PDF fonts: a font without a usable ToUnicode map makes pdfium and pdfplumber yield raw glyph codes
("(cid:N)", control or private-use characters) or wrong letters instead of its text.

`repair_fonts` finds such fonts and, where the embedded TrueType program still carries its own `cmap`
(glyph → Unicode), writes a ToUnicode map rebuilt from it into an in-memory copy of the PDF, so the ordinary
extraction path reads the repaired bytes.

A font that says nothing about its glyphs still draws each letter with one glyph throughout the document.
Its glyphs are written as private-use characters, one per (font, glyph id), in a block per font
(`extract.marks.cipher_character`), and the document is left to normalize's `glyph_cipher` step, which solves the
substitution with its language model. Glyphs without an outline are spaces: the program says so itself.
Fonts it can neither repair nor encipher are reported as warnings.
"""
from __future__ import annotations

import io
import re
import struct
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pikepdf
import regex
from fontTools import agl
from fontTools.ttLib import TTFont, TTLibError
from pdfminer.cmapdb import CMapParser, FileUnicodeMap

from extract.marks import CIPHER_RANGE, UNKNOWN, cipher_character

# Type0 fonts whose codes are glyph ids (CIDs) themselves: the only ones a font program alone can decode.
IDENTITY_ENCODINGS = frozenset({"/Identity-H", "/Identity-V"})
# A predefined Unicode CMap names the text itself; pdfium decodes it without a ToUnicode map.
UNICODE_CMAP_MARKERS = ("UCS2", "UTF16")
SIMPLE_FONTS = frozenset({"/Type1", "/MMType1", "/TrueType"})
SYMBOLIC_FLAG = 1 << 2
# A map whose targets are mostly unreadable characters is no map. In extracted text a smaller share is
# damning: pdfium shows raw codes from 0x20 up as ordinary ASCII, so only part of the garbage looks it.
UNREADABLE_MAP_SHARE = 0.5
UNREADABLE_TEXT_SHARE = 0.2
PDFPLUMBER_CID = re.compile(r"\(cid:\d+\)")
# Raw glyph codes in extracted text: control, private-use and unassigned characters, U+FFFD; not whitespace,
# nor the private-use characters of enciphered glyphs (planes 15 and 16, see extract/marks.py).
_UNREADABLE = regex.compile(rf"[[\p{{Cc}}\p{{Co}}\p{{Cn}}{UNKNOWN}]--[\s{CIPHER_RANGE}]]", regex.V1)
_SPACE = regex.compile(r"\s")
FONTTOOLS_ERRORS = (TTLibError, AssertionError, KeyError, ValueError, struct.error)  # how fontTools meets damage
# Where two code points share one glyph (Đ and Ð in most Latin fonts), the Vietnamese letter is meant.
PREFERRED_CHARACTERS = frozenset("Đđ")
BFCHAR_BLOCK = 100  # the CMap syntax allows at most 100 entries per bfchar block
CIPHER_WARNING = "glyphs written as private-use characters, to be deciphered by normalize"
MAX_FORM_DEPTH = 8  # forms nest forms; real documents stay shallow, a cycle must not recurse forever


@dataclass(frozen=True)
class FontRepair:
    """The PDF to read (repaired copy or the original), notes on rebuilt maps, warnings on fonts left broken."""

    data: bytes
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def repair_fonts(data: bytes, check_maps: bool = True) -> FontRepair:
    """The PDF with its broken fonts repaired. With `check_maps` off, a font's ToUnicode map is trusted
    without being read: reading them all is the slow part, worth it only where the text looks broken."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return _repaired(pdf, data, check_maps)
    except (pikepdf.PdfError, pikepdf.PasswordError):  # the pdfium path reads or rejects such a file itself
        return FontRepair(data)


def _repaired(pdf: pikepdf.Pdf, data: bytes, check_maps: bool) -> FontRepair:
    notes: list[str] = []
    warnings: list[str] = []
    enciphered = 0
    for font in document_fonts(pdf):
        if has_trustworthy_map(font, check_maps):
            continue
        if mapping := embedded_unicode_map(font):
            notes.append(f"font {font_name(font)}: ToUnicode rebuilt from its embedded cmap")
        elif mapping := enciphered_map(font, enciphered):
            enciphered += 1
            warnings.append(f"font {font_name(font)}: no usable ToUnicode map nor embedded cmap, {CIPHER_WARNING}")
        else:
            warnings.append(f"font {font_name(font)}: no usable ToUnicode map nor embedded cmap, text unreadable")
            continue
        font.ToUnicode = pdf.make_stream(to_unicode_cmap(mapping))
    return FontRepair(_saved(pdf) if notes or enciphered else data, tuple(notes), tuple(warnings))


def _saved(pdf: pikepdf.Pdf) -> bytes:
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def document_fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every font the pages use, directly or through form XObjects, once each."""
    found: dict[tuple[int, int], pikepdf.Dictionary] = {}
    for page in pdf.pages:
        for font in _resource_fonts(page.obj.get("/Resources"), MAX_FORM_DEPTH):
            found.setdefault(font.objgen if font.is_indirect else (id(font), 0), font)
    return list(found.values())


def _resource_fonts(resources: object, depth: int) -> Iterator[pikepdf.Dictionary]:
    if not isinstance(resources, pikepdf.Dictionary) or depth == 0:
        return
    fonts = resources.get("/Font")
    if isinstance(fonts, pikepdf.Dictionary):
        yield from (font for _, font in fonts.items() if isinstance(font, pikepdf.Dictionary))
    xobjects = resources.get("/XObject")
    if isinstance(xobjects, pikepdf.Dictionary):
        for _, xobject in xobjects.items():
            if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Form":
                yield from _resource_fonts(xobject.get("/Resources"), depth - 1)


def font_name(font: pikepdf.Dictionary) -> str:
    return str(font.get("/BaseFont", "(unnamed)")).lstrip("/")


def has_trustworthy_map(font: pikepdf.Dictionary, check_maps: bool = True) -> bool:
    """Whether readers can turn the font's codes into text: a sane ToUnicode map (any, unless `check_maps`),
    a predefined Unicode CMap, or a simple font with a standard encoding."""
    to_unicode = font.get("/ToUnicode")
    if isinstance(to_unicode, pikepdf.Stream):
        if not check_maps:
            return True
        return unreadable_share("".join(parse_to_unicode(to_unicode.read_bytes()).values())) <= UNREADABLE_MAP_SHARE
    subtype = font.get("/Subtype")
    if subtype == "/Type0":
        encoding = font.get("/Encoding")
        return isinstance(encoding, pikepdf.Name) and any(m in str(encoding) for m in UNICODE_CMAP_MARKERS)
    if subtype in SIMPLE_FONTS:
        return "/Encoding" in font or not _is_symbolic(font)
    return False  # Type3 glyphs are drawings: without ToUnicode nothing says what they are


def _is_symbolic(font: pikepdf.Dictionary) -> bool:
    descriptor = font.get("/FontDescriptor")
    flags = descriptor.get("/Flags", 0) if isinstance(descriptor, pikepdf.Dictionary) else 0
    return bool(int(flags) & SYMBOLIC_FLAG)


def parse_to_unicode(cmap_bytes: bytes) -> dict[int, str]:
    cmap = FileUnicodeMap()
    CMapParser(cmap, io.BytesIO(cmap_bytes)).run()
    return {code: text for code, text in cmap.cid2unichr.items() if isinstance(text, str)}


def unreadable_page_warnings(page_texts: list[str]) -> tuple[str, ...]:
    return tuple(
        f"page {number}: text is mostly raw glyph codes (a font without a usable ToUnicode map)"
        for number, text in enumerate(page_texts, start=1)
        if unreadable_share(text) > UNREADABLE_TEXT_SHARE
    )


def unreadable_share(text: str) -> float:
    """Share of a text's visible characters that are raw glyph codes rather than letters (enciphered glyphs
    are not raw codes: they stand for letters normalize will solve)."""
    cid_marks = len(PDFPLUMBER_CID.findall(text))
    if cid_marks:
        text = PDFPLUMBER_CID.sub("", text)
    total = len(text) - len(_SPACE.findall(text)) + cid_marks
    if total == 0:
        return 0.0
    return (cid_marks + len(_UNREADABLE.findall(text))) / total


def looks_unreadable(text: str) -> bool:
    """Any raw glyph code at all: the cheap sign that some font's map may be wrong."""
    return _UNREADABLE.search(text) is not None or "(cid:" in text


def embedded_unicode_map(font: pikepdf.Dictionary) -> dict[int, str]:
    """Code → text of a Type0 Identity font, from its embedded TrueType program; {} when it cannot say."""
    descendant = _identity_descendant(font)
    program = _truetype_program(descendant) if descendant is not None else None
    if descendant is None or program is None:
        return {}
    try:
        glyph_texts = glyph_unicode(program)
    except FONTTOOLS_ERRORS:
        return {}
    return {code: glyph_texts[gid] for code, gid in _code_glyphs(descendant, program).items() if gid in glyph_texts}


def enciphered_map(font: pikepdf.Dictionary, font_index: int) -> dict[int, str]:
    """Code → the private-use character of its glyph (a space for a glyph without outline), for the
    `font_index`-th enciphered font of a Type0 Identity font; {} for other fonts. A glyph beyond the block
    of private-use characters, or a font beyond the blocks, reads U+FFFD."""
    descendant = _identity_descendant(font)
    if descendant is None:
        return {}
    program = _truetype_program(descendant)
    blank = _blank_glyphs(program) if program is not None else frozenset()
    return {
        code: " " if gid in blank else cipher_character(font_index, gid) or UNKNOWN
        for code, gid in _code_glyphs(descendant, program).items()
        if gid
    }


def _identity_descendant(font: pikepdf.Dictionary) -> pikepdf.Dictionary | None:
    """The CID font of a Type0 font whose codes are CIDs (Identity encoding), else None."""
    descendants = font.get("/DescendantFonts")
    if font.get("/Encoding") not in IDENTITY_ENCODINGS or not isinstance(descendants, pikepdf.Array):
        return None
    descendant = descendants[0]
    return descendant if isinstance(descendant, pikepdf.Dictionary) else None


def _truetype_program(descendant: pikepdf.Dictionary) -> TTFont | None:
    descriptor = descendant.get("/FontDescriptor")
    program = descriptor.get("/FontFile2") if isinstance(descriptor, pikepdf.Dictionary) else None
    if not isinstance(program, pikepdf.Stream):
        return None
    try:
        font = TTFont(io.BytesIO(program.read_bytes()))
        font.getGlyphOrder()  # parses the tables a damaged program fails on
    except FONTTOOLS_ERRORS:
        return None
    return font


def _code_glyphs(descendant: pikepdf.Dictionary, program: TTFont | None) -> dict[int, int]:
    """CID → glyph id: through the CIDToGIDMap stream, else identical (absent or /Identity map) for every
    glyph of the program or, without a readable program, the CIDs the widths array lists."""
    mapping = descendant.get("/CIDToGIDMap")
    if isinstance(mapping, pikepdf.Stream):
        raw = mapping.read_bytes()
        return {cid: int.from_bytes(raw[2 * cid : 2 * cid + 2], "big") for cid in range(len(raw) // 2)}
    if program is not None:
        return {gid: gid for gid in range(len(program.getGlyphOrder()))}
    widths = descendant.get("/W")
    return {cid: cid for cid in _width_cids(widths)} if isinstance(widths, pikepdf.Array) else {}


def _width_cids(widths: pikepdf.Array) -> Iterator[int]:
    """The CIDs a /W array gives widths to: "c [w1 w2 …]" and "c_first c_last w" entries."""
    items = list(widths)
    index = 0
    while index + 1 < len(items):
        first = int(items[index])
        if isinstance(items[index + 1], pikepdf.Array):
            yield from range(first, first + len(items[index + 1]))
            index += 2
        else:
            yield from range(first, int(items[index + 1]) + 1)
            index += 3


def _blank_glyphs(program: TTFont) -> frozenset[int]:
    """Glyph ids that draw nothing: spaces (the .notdef glyph 0 aside)."""
    if "glyf" not in program:
        return frozenset()
    glyf = program["glyf"]
    names = enumerate(program.getGlyphOrder())
    return frozenset(gid for gid, name in names if gid and glyf[name].numberOfContours == 0)


def glyph_unicode(font: TTFont) -> dict[int, str]:
    """Glyph id → the character it draws: the font's Unicode cmap inverted, then AGL glyph names
    ("agrave", "uni1EC7") for glyphs the cmap leaves out."""
    candidates: dict[int, set[int]] = {}
    for table in font["cmap"].tables if "cmap" in font else ():
        if table.isUnicode():
            for code_point, glyph in table.cmap.items():
                candidates.setdefault(font.getGlyphID(glyph), set()).add(code_point)
    texts = {gid: chr(min(points, key=_code_point_rank)) for gid, points in candidates.items()}
    for gid, glyph in enumerate(font.getGlyphOrder()):
        if gid and gid not in texts and (named := agl.toUnicode(glyph)):
            texts[gid] = named
    texts.pop(0, None)  # .notdef draws no character
    return texts


def _code_point_rank(code_point: int) -> tuple[bool, bool, int]:
    char = chr(code_point)
    return unicodedata.category(char) == "Co", char not in PREFERRED_CHARACTERS, code_point


def to_unicode_cmap(mapping: Mapping[int, str]) -> bytes:
    """A ToUnicode CMap stream for two-byte codes."""
    entries = [f"<{code:04X}> <{text.encode('utf-16-be').hex().upper()}>" for code, text in sorted(mapping.items())]
    blocks = [entries[start : start + BFCHAR_BLOCK] for start in range(0, len(entries), BFCHAR_BLOCK)]
    body = "".join(f"{len(block)} beginbfchar\n" + "\n".join(block) + "\nendbfchar\n" for block in blocks)
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")
