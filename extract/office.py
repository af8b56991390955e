"""Word 97-2003 .doc, RTF, OpenDocument .odt and Works .wps: converted to DOCX by LibreOffice headless, then read
by the DOCX reader, so tables keep their order and cells.

A LibreOffice start costs about a second, so a batch converts all its files with one soffice process
(`office_conversions`, opened by the batch runner before it starts its workers) into a folder that every
worker finds through an environment variable; a file met outside a batch is converted on its own. Each file
has its own time limit: a file LibreOffice hangs on is killed, fails alone with that reason, and the rest of
the batch goes on in a new process. A file LibreOffice cannot open fails alone with its reason.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from extract import docx
from extract.backend import DEFAULT_LIMITS, Content, Limits
from extract.errors import ExtractionError
from extract.libreoffice import CONVERTED_SUFFIX, FAILED_SUFFIX, Source, convert
from extract.sniff import detect_format

LIBREOFFICE_FORMATS = frozenset({"doc", "rtf", "odt", "wps"})
# The folder of a batch's conversions, inherited by forked and spawned workers alike.
CONVERSIONS_VARIABLE = "VNPLAN_OFFICE_CONVERSIONS"


def read(path: Path, data: bytes, limits: Limits) -> Content:
    return docx.read(path, _converted(path, data, limits), limits)


def _converted(path: Path, data: bytes, limits: Limits) -> bytes:
    """The DOCX bytes of `data`: the batch's conversion when there is one, else a conversion of its own."""
    digest = hashlib.sha256(data).hexdigest()
    batch = os.environ.get(CONVERSIONS_VARIABLE)
    if batch and (found := _conversion_in(Path(batch), path, digest)) is not None:
        return found
    with tempfile.TemporaryDirectory(prefix="vnplan-office-") as folder:
        convert([Source(path, digest, detect_format(path, data))], Path(folder), limits.conversion_seconds)
        found = _conversion_in(Path(folder), path, digest)
    if found is None:
        raise ExtractionError(path, "LibreOffice wrote no DOCX for it")
    return found


def _conversion_in(folder: Path, path: Path, digest: str) -> bytes | None:
    """The converted bytes, None when the folder has no word on the file; raises for a conversion that failed."""
    failure = folder / f"{digest}{FAILED_SUFFIX}"
    if failure.exists():
        raise ExtractionError(path, failure.read_text(encoding="utf-8"))
    converted = folder / f"{digest}{CONVERTED_SUFFIX}"
    return converted.read_bytes() if converted.exists() else None


@contextlib.contextmanager
def office_conversions(paths: Sequence[Path], limits: Limits = DEFAULT_LIMITS) -> Iterator[None]:
    """Within this block, `extract()` of any of `paths` that LibreOffice must convert (in this process or a
    worker started inside it) reads a conversion made up front by one LibreOffice process for them all."""
    sources = list(_office_sources(paths))
    if not sources:
        yield
        return
    folder = Path(tempfile.mkdtemp(prefix="vnplan-office-batch-"))
    previous = os.environ.get(CONVERSIONS_VARIABLE)
    try:
        convert(sources, folder, limits.conversion_seconds)
        os.environ[CONVERSIONS_VARIABLE] = str(folder)
        yield
    finally:
        if previous is None:
            os.environ.pop(CONVERSIONS_VARIABLE, None)
        else:
            os.environ[CONVERSIONS_VARIABLE] = previous
        shutil.rmtree(folder, ignore_errors=True)


def _office_sources(paths: Sequence[Path]) -> Iterator[Source]:
    """The files among `paths` that LibreOffice must convert; unreadable ones are left to `extract()` to report."""
    seen: set[str] = set()
    for path in paths:
        try:
            data = path.read_bytes()
            file_format = detect_format(path, data)
        except (OSError, ExtractionError):
            continue
        digest = hashlib.sha256(data).hexdigest()
        if file_format in LIBREOFFICE_FORMATS and digest not in seen:
            seen.add(digest)
            yield Source(path, digest, file_format)
