"""PDFs made by the tests: seed text typeset with fpdf2, and pages rasterized to image-only PDFs."""
from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import docx
import matplotlib
import pikepdf
import pypdfium2
from fontTools.ttLib import TTFont
from fpdf import FPDF

FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
BOLD = FONT.with_name("DejaVuSans-Bold.ttf")
POINTS_PER_INCH = 72


def typeset_pdf(paragraphs: list[str], font_size: int = 12, bold_headings: bool = False) -> bytes:
    """A text-layer PDF of the paragraphs, one `multi_cell` each, in a font with every Vietnamese letter;
    with `bold_headings`, paragraphs in capitals are set in the bold face, a second font."""
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.add_font("DejaVu", style="B", fname=str(BOLD))
    pdf.add_page()
    for paragraph in paragraphs:
        pdf.set_font("DejaVu", style="B" if bold_headings and paragraph.isupper() else "", size=font_size)
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


def strip_font_maps(pdf: pikepdf.Pdf, font: pikepdf.Dictionary) -> None:
    """No ToUnicode, and a font program without cmap or glyph names, as some subsetters leave it: nothing
    says which letter a glyph draws."""
    del font["/ToUnicode"]
    descriptor = font.DescendantFonts[0].FontDescriptor
    program = TTFont(io.BytesIO(descriptor.FontFile2.read_bytes()))
    del program["cmap"]
    program["post"].formatType = 3.0
    buffer = io.BytesIO()
    program.save(buffer)
    descriptor.FontFile2 = pdf.make_stream(buffer.getvalue())


def edited_fonts(data: bytes, edit: Callable[[pikepdf.Pdf, pikepdf.Dictionary], None]) -> bytes:
    """The PDF with `edit` applied to each font of its pages."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        fonts = {font.objgen: font for page in pdf.pages for _, font in page.Resources.Font.items()}
        for font in fonts.values():
            edit(pdf, font)
        buffer = io.BytesIO()
        pdf.save(buffer)
    return buffer.getvalue()
