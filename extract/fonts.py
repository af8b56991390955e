"""Broken PDF fonts: a font without a usable ToUnicode map makes pdfium and pdfplumber yield raw glyph codes
("(cid:N)", control or private-use characters) or wrong letters instead of its text.

`repair_fonts` finds such fonts and, where the embedded TrueType program still carries its own `cmap`
(glyph → Unicode), writes a ToUnicode map rebuilt from it into an in-memory copy of the PDF, so the ordinary
extraction path reads the repaired bytes. Fonts it cannot repair are reported as warnings.
"""
from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pikepdf
from fontTools import agl
from fontTools.ttLib import TTFont, TTLibError
from pdfminer.cmapdb import CMapParser, FileUnicodeMap

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
# Where two code points share one glyph (Đ and Ð in most Latin fonts), the Vietnamese letter is meant.
PREFERRED_CHARACTERS = frozenset("Đđ")
BFCHAR_BLOCK = 100  # the CMap syntax allows at most 100 entries per bfchar block
MAX_FORM_DEPTH = 8  # forms nest forms; real documents stay shallow, a cycle must not recurse forever


@dataclass(frozen=True)
class FontRepair:
    """The PDF to read (repaired copy or the original), notes on rebuilt maps, warnings on fonts left broken."""

    data: bytes
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def repair_fonts(data: bytes) -> FontRepair:
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return _repaired(pdf, data)
    except (pikepdf.PdfError, pikepdf.PasswordError):  # the pdfium path reads or rejects such a file itself
        return FontRepair(data)


def _repaired(pdf: pikepdf.Pdf, data: bytes) -> FontRepair:
    notes: list[str] = []
    warnings: list[str] = []
    for font in document_fonts(pdf):
        if has_trustworthy_map(font):
            continue
        mapping = embedded_unicode_map(font)
        if mapping:
            font.ToUnicode = pdf.make_stream(to_unicode_cmap(mapping))
            notes.append(f"font {font_name(font)}: ToUnicode rebuilt from its embedded cmap")
        else:
            warnings.append(f"font {font_name(font)}: no usable ToUnicode map nor embedded cmap, text unreadable")
    return FontRepair(_saved(pdf) if notes else data, tuple(notes), tuple(warnings))


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


def has_trustworthy_map(font: pikepdf.Dictionary) -> bool:
    """Whether readers can turn the font's codes into text: a sane ToUnicode map, a predefined Unicode CMap,
    or a simple font with a standard encoding."""
    to_unicode = font.get("/ToUnicode")
    if isinstance(to_unicode, pikepdf.Stream):
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
    """Share of a text's visible characters that are raw glyph codes rather than letters."""
    cid_marks = PDFPLUMBER_CID.findall(text)
    text = PDFPLUMBER_CID.sub("", text)
    visible = [char for char in text if not char.isspace()]
    total = len(visible) + len(cid_marks)
    if total == 0:
        return 0.0
    return (len(cid_marks) + sum(_unreadable(char) for char in visible)) / total


def _unreadable(char: str) -> bool:
    return char == "\ufffd" or unicodedata.category(char) in ("Cc", "Co", "Cn")


def embedded_unicode_map(font: pikepdf.Dictionary) -> dict[int, str]:
    """Code → text of a Type0 Identity font, from its embedded TrueType program; {} when it cannot say."""
    descendants = font.get("/DescendantFonts")
    if font.get("/Encoding") not in IDENTITY_ENCODINGS or not isinstance(descendants, pikepdf.Array):
        return {}
    descendant = descendants[0]
    descriptor = descendant.get("/FontDescriptor") if isinstance(descendant, pikepdf.Dictionary) else None
    program = descriptor.get("/FontFile2") if isinstance(descriptor, pikepdf.Dictionary) else None
    if not isinstance(program, pikepdf.Stream):
        return {}
    try:
        glyph_texts = glyph_unicode(TTFont(io.BytesIO(program.read_bytes())))
    except (TTLibError, AssertionError, KeyError, ValueError):  # fontTools rejects damaged programs this way
        return {}
    mapping = descendant.get("/CIDToGIDMap")
    if not isinstance(mapping, pikepdf.Stream):  # absent or /Identity: the CID is the glyph id
        return glyph_texts
    raw = mapping.read_bytes()
    gids = {cid: int.from_bytes(raw[2 * cid : 2 * cid + 2], "big") for cid in range(len(raw) // 2)}
    return {cid: glyph_texts[gid] for cid, gid in gids.items() if gid in glyph_texts}


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
