"""Plain-text backend: the encoding is detected from the bytes, and the decoded text is kept as it is.

Order: BOM, then a UTF-16 NUL-byte pattern, then strict UTF-8, then Windows-1258 when the result reads
as Vietnamese; other 8-bit text is kept byte-for-byte as Latin-1 so normalize/ can still decode legacy
TCVN3/VNI fonts from it. No Unicode normalization here (Windows-1258 tone marks stay combining).
"""
from __future__ import annotations

import codecs
from pathlib import Path

from extract.backend import Content, Limits
from extract.errors import ExtractionError

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
SAMPLE_BYTES = 4096
# In UTF-16 text most characters are Latin, so one byte of each pair is NUL; in text of 8-bit encodings none is.
UTF16_NUL_SHARE = 0.3
BINARY_CONTROL_SHARE = 0.05
TEXT_CONTROLS = frozenset("\t\n\r\f\v")
VIETNAMESE_SHARE = 0.6
# Names that promise a binary format: when the bytes are binary junk, the reason says the name lied.
CLAIMED = frozenset({".pdf", ".docx"})
# Letters and combining tone marks that Windows-1258 encodes for Vietnamese.
VIETNAMESE_CHARS = frozenset(
    "ĂăÂâĐđÊêÔôƠơƯư"
    "ÀÁÃÈÉÌÍÒÓÕÙÚÝàáãèéìíòóõùúý"
    "\u0300\u0301\u0303\u0309\u0323"
)


def read(path: Path, data: bytes, limits: Limits) -> Content:
    text, encoding = decode(path, data)
    _reject_binary(path, text)
    warnings = () if encoding != "latin-1" else (
        "text is neither UTF-8 nor Windows-1258: kept byte-for-byte as Latin-1 (legacy TCVN3/VNI font?)",
    )
    return Content(text=text, warnings=warnings)


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """(text, encoding name) for the first encoding the bytes fit."""
    encoding = _declared_by_bom(data) or _utf16_by_nul_pattern(data)
    if encoding:
        try:
            return data.decode(encoding).removeprefix("\ufeff"), encoding
        except UnicodeDecodeError as error:
            raise ExtractionError(path, f"invalid {encoding} text: {error.reason} at byte {error.start}") from error
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
    return (text, "cp1258") if _reads_as_vietnamese(text) else (data.decode("latin-1"), "latin-1")


def _declared_by_bom(data: bytes) -> str | None:
    return next((encoding for bom, encoding in BOMS if data.startswith(bom)), None)


def _utf16_by_nul_pattern(data: bytes) -> str | None:
    sample = data[: SAMPLE_BYTES - SAMPLE_BYTES % 2]
    pairs = len(sample) // 2
    if not pairs:
        return None
    nul_even = sample[0::2].count(0) / pairs
    nul_odd = sample[1::2].count(0) / pairs
    if nul_odd >= UTF16_NUL_SHARE and nul_even < UTF16_NUL_SHARE / 10:
        return "utf-16-le"
    if nul_even >= UTF16_NUL_SHARE and nul_odd < UTF16_NUL_SHARE / 10:
        return "utf-16-be"
    return None


def _reads_as_vietnamese(text: str) -> bool:
    non_ascii = [char for char in text if ord(char) > 0x7F]
    if not non_ascii:
        return True
    return sum(char in VIETNAMESE_CHARS for char in non_ascii) / len(non_ascii) >= VIETNAMESE_SHARE


def _reject_binary(path: Path, text: str) -> None:
    sample = text[:SAMPLE_BYTES]
    controls = sum(1 for char in sample if ord(char) < 0x20 and char not in TEXT_CONTROLS)
    if controls > BINARY_CONTROL_SHARE * len(sample):
        claimed = f" (named {path.suffix} but neither PDF nor DOCX inside)" if path.suffix.lower() in CLAIMED else ""
        raise ExtractionError(path, f"binary data, not text{claimed}")
