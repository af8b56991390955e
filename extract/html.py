"""HTML pages (saved from a legal database, or a Word "Web page" under any name), parsed with lxml.

Only the page's main text is read: scripts, styles, navigation, headers, footers, forms and hidden
elements are dropped, and of what is left the element that holds the most paragraph text is taken as
the document (a page's menus and lists of related documents sit beside it). Each paragraph and each
`<br>` starts a line; a data table gives one line per row with tab-separated cells, a layout table
(header, signature block) its cells' lines in reading order.
"""
from __future__ import annotations

from pathlib import Path

import lxml.html
import regex
from lxml.etree import ParserError, _Element

from extract.backend import Content, Limits
from extract.errors import ExtractionError
from extract.html_text import LineWriter, table_grid
from extract.layout import is_layout_table
from extract.text import decode

DROPPED = frozenset({
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "button", "select",
    "iframe", "object", "head",
})
BLOCKS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "section",
    "article", "main", "address", "center", "tr",
})
# Blocks whose own text makes a document's paragraphs; the element with most of it is the document.
PARAGRAPHS = frozenset(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "table"])
HIDDEN_STYLE = regex.compile(r"(?i)display\s*:\s*none|visibility\s*:\s*hidden")
XML_DECLARATION = regex.compile(r"^\s*<\?xml[^>]*\?>")
DECLARED_CHARSET = regex.compile(rb"(?i)<meta[^>]+charset\s*=\s*[\"']?([\w-]+)")


def read(path: Path, data: bytes, limits: Limits) -> Content:
    try:
        root = lxml.html.document_fromstring(XML_DECLARATION.sub("", _decoded(path, data)))
    except (ParserError, ValueError) as error:
        raise ExtractionError(path, f"unreadable HTML: {error}") from error
    _drop_noise(root)
    body = root.find("body")
    writer = LineWriter()
    _write(_main_text(body if body is not None else root), writer)
    return Content(text=writer.text(), tables=tuple(writer.tables))


def _decoded(path: Path, data: bytes) -> str:
    """The charset a page declares, else the encoding its bytes fit (UTF-8, Windows-1258, Latin-1)."""
    declared = DECLARED_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(path, data)[0]


def _drop_noise(root: _Element) -> None:
    for element in list(root.iter()):
        noise = not isinstance(element.tag, str) or element.tag in DROPPED or _hidden(element)
        if noise and element.getparent() is not None:
            element.drop_tree()  # keeps the element's tail text, which belongs to its parent


def _hidden(element: _Element) -> bool:
    return (
        element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or element.get("role") in ("navigation", "banner", "contentinfo")
        or bool(HIDDEN_STYLE.search(element.get("style", "")))
    )


def _main_text(body: _Element) -> _Element:
    """The element whose own paragraphs hold the most text; the body when the text is spread out."""
    credit: dict[_Element, int] = {}
    for block in body.iter(*PARAGRAPHS):
        parent = block.getparent()
        while parent is not None and parent is not body and len(parent) == 1:  # a wrapper around one block
            parent = parent.getparent()
        if parent is not None:
            credit[parent] = credit.get(parent, 0) + len(block.text_content().strip())
    if not credit:
        return body
    best = max(credit, key=credit.__getitem__)
    total = len(body.text_content().strip())
    return best if credit[best] >= total / 2 else body


def _write(element: _Element, writer: LineWriter) -> None:
    tag = element.tag
    if tag == "br":
        writer.end_line()
    elif tag == "table":
        _write_table(element, writer)
    else:
        block = tag in BLOCKS
        if block:
            writer.end_line()
        writer.add(element.text)
        for child in element:
            _write(child, writer)
        if block:
            writer.end_line()
    writer.add(element.tail)


def _write_table(table: _Element, writer: LineWriter) -> None:
    writer.end_line()
    grid = table_grid(table)
    if is_layout_table(grid):
        for row in grid:
            for cell in row:
                if cell is not None:
                    _write(cell, writer)
                    writer.end_line()
        return
    rows = tuple(tuple(_cell_line(cell) for cell in row) for row in grid)
    writer.add_table(rows)


def _cell_line(cell: _Element | None) -> str:
    """A cell's lines joined on one line, so that its row stays one line."""
    if cell is None:
        return ""
    inner = LineWriter()
    inner.add(cell.text)
    for child in cell:
        _write(child, inner)
    return " ".join(inner.text().split())  # a table nested in the cell flattens to its words
