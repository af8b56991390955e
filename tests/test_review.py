"""Review pages: escaping, nesting of overlapping spans, side tables and the index."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from outputs.cli import main
from outputs.tools.review import Mark, highlight, write_review
from tests.factories import SAMPLE_DOC as DOC
from tests.factories import SAMPLE_TEXT as TEXT
from tests.factories import sample_run


class Nesting(HTMLParser):
    """Checks that tags close in the order they opened, and collects the text outside tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.text: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in ("meta", "br"):
            self.open.append(tag)
        self.scripts += tag == "script"

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(fragment: str) -> Nesting:
    parser = Nesting()
    parser.feed(fragment)
    parser.close()
    assert parser.open == []
    return parser


def test_text_is_escaped_and_survives_intact():
    parser = parsed(highlight(TEXT, [Mark("targets-0", "targets", 0, 20, "tip <b>")]))
    assert parser.scripts == 0
    assert "".join(parser.text) == TEXT


@pytest.mark.parametrize(
    "spans",
    [
        [(0, 10), (0, 10)],  # identical
        [(0, 30), (5, 10)],  # nested
        [(0, 10), (5, 20)],  # crossing
        [(0, 10), (5, 20), (8, 30), (10, 12)],  # a chain of crossings touching at a boundary
    ],
)
def test_overlapping_spans_nest_and_cover_exactly_their_characters(spans: list[tuple[int, int]]):
    marks = [Mark(f"m-{i}", "targets", start, end, "") for i, (start, end) in enumerate(spans)]
    rendered = highlight(TEXT, marks)
    assert "".join(parsed(rendered).text) == TEXT
    for mark in marks:
        pieces = re.findall(rf'<mark [^>]*data-f="{mark.mark_id}"[^>]*>((?:(?!</?mark).)*)', rendered, re.S)
        assert pieces, mark
        assert rendered.count(f'id="{mark.mark_id}"') == 1
    # the characters each mark covers are exactly its span: walk the text keeping the open marks
    covered: dict[str, str] = {m.mark_id: "" for m in marks}
    stack: list[str] = []
    for token in re.split(r"(<mark [^>]*>|</mark>)", rendered):
        if token.startswith("<mark "):
            stack.append(re.search(r'data-f="([^"]+)"', token)[1])
        elif token == "</mark>":
            stack.pop()
        else:
            for mark_id in stack:
                covered[mark_id] += html.unescape(token)
    assert covered == {m.mark_id: TEXT[m.start : m.end] for m in marks}


@pytest.fixture()
def run(tmp_path: Path) -> Path:
    return sample_run(tmp_path / "tables")


def test_pages_for_each_document_with_text_and_an_index(run: Path, tmp_path: Path):
    pages = write_review(run, tmp_path / "review")
    assert sorted(p.name for p in pages) == [f"{DOC}.html", "index.html"]
    index = (tmp_path / "review" / "index.html").read_text(encoding="utf-8")
    assert f'href="{DOC}.html"' in index and "not a PDF" in index and "&lt;b&gt;thử&lt;/b&gt;" in index
    page = (tmp_path / "review" / f"{DOC}.html").read_text(encoding="utf-8")
    parser = parsed(page)
    assert parser.scripts == 1  # only the page's own script: the document's <script> is text
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "the page must not fetch anything"
    for table in ("targets", "deadlines", "assignments", "repairs"):
        assert f'data-jump="{table}-0"' in page and f'id="{table}-0"' in page
    assert "women_key_leaders" in page and "rule_id" not in page and "targets.test" in page
    assert "before=7O" in page and "confidence=0.6" in page and 'class="t-repairs low"' in page


def test_cli_review(run: Path, tmp_path: Path, capsys):
    assert main(["review", "--tables", str(run), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "index.html").is_file()
    assert "1 review pages" in capsys.readouterr().out
