"""PDFs made by the tests: seed text typeset with fpdf2, and pages rasterized to image-only PDFs."""
from __future__ import annotations

import io
from pathlib import Path

import docx
import matplotlib
import pypdfium2
from fpdf import FPDF

FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
POINTS_PER_INCH = 72


def typeset_pdf(paragraphs: list[str], font_size: int = 12) -> bytes:
    """A text-layer PDF of the paragraphs, one `multi_cell` each, in a font with every Vietnamese letter."""
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=font_size)
    pdf.add_page()
    for paragraph in paragraphs:
        pdf.multi_cell(0, font_size * 0.6, paragraph, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def image_only_pdf(pdf: bytes, dpi: int = 200) -> bytes:
    """Every page rendered to a bitmap and saved as a PDF without a text layer, like a scan."""
    document = pypdfium2.PdfDocument(pdf)
    images = [page.render(scale=dpi / POINTS_PER_INCH).to_pil().convert("RGB") for page in document]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return buffer.getvalue()


def paragraphs_docx(text: str) -> bytes:
    """A DOCX with one paragraph per line of the text."""
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
