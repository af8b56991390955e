"""Text of a page that has no text layer: the page is rendered with pdfium and read by tesseract.

Tesseract and its Vietnamese model come from Debian (`make system-deps`: tesseract-ocr,
tesseract-ocr-vie); the binary is called per page, so a hung or crashing OCR stays one page's problem.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
from functools import cache

import pypdfium2

LANGUAGE = "vie"
# 300 dpi is what tesseract's models are trained at; lower loses diacritics, higher only costs time.
DPI = 300
POINTS_PER_INCH = 72
PAGE_SECONDS = 120
# Pages are read in parallel by whole documents; OpenMP threads inside tesseract only contend.
ENVIRONMENT = {**os.environ, "OMP_THREAD_LIMIT": "1"}


class OcrUnavailable(Exception):
    """Why a page could not be OCR'd, as one line: `page N has no text layer and <reason>`."""


@cache
def _languages() -> frozenset[str]:
    if shutil.which("tesseract") is None:
        raise OcrUnavailable("tesseract is not installed (make system-deps)")
    listing = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=PAGE_SECONDS, check=False
    )
    return frozenset(listing.stdout.split())


def ocr_image_png(png: bytes) -> str:
    """Vietnamese text of a page image, lines in reading order."""
    if LANGUAGE not in _languages():
        raise OcrUnavailable("the Vietnamese OCR model is not installed (tesseract-ocr-vie)")
    try:
        reading = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(DPI)],
            input=png,
            capture_output=True,
            timeout=PAGE_SECONDS,
            env=ENVIRONMENT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise OcrUnavailable(f"OCR took longer than {PAGE_SECONDS} s") from error
    if reading.returncode != 0:
        last_line = (reading.stderr.decode(errors="replace").strip().splitlines() or ["no message"])[-1]
        raise OcrUnavailable(f"OCR failed: {last_line}")
    lines = reading.stdout.decode("utf-8", errors="replace").splitlines()
    return "\n".join(line.strip() for line in lines if line.strip())


def render_png(page: pypdfium2.PdfPage, dpi: int = DPI) -> bytes:
    image = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True).to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def ocr_page(page: pypdfium2.PdfPage) -> str:
    return ocr_image_png(render_png(page))
