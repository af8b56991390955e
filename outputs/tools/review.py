"""Review pages: one self-contained HTML file per document, with every finding highlighted in its text.

Reviewers open these offline, so CSS and JS are inlined and nothing is fetched. Findings may overlap
(a target inside a goal, a repair inside a target): the text is cut at every span boundary and the
marks are nested, a mark that crosses an enclosing one's end being split into pieces that share its id.
"""
from __future__ import annotations

import argparse
import html
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from outputs.schema import FINDING_TABLES

TEMPLATES = Path(__file__).with_name("templates")
HIGHLIGHTED_TABLES = (*FINDING_TABLES, "repairs")
# Columns that locate a finding rather than say what it found: left out of its description.
LOCATING_COLUMNS = {"doc_id", "page", "start", "end", "snippet", "rule_id", "confidence", "raw_start", "raw_end"}
HEADER_FACTS = ("province", "district", "admin_level", "doc_number", "status")
SIDE_TABLES: dict[str, tuple[str, ...]] = {
    "targets": ("goal_no", "target_no", "seq", "indicator_key", "comparator", "value", "unit", "target_year"),
    "deadlines": ("kind", "start_date", "end_date", "subject_ref"),
    "assignments": ("agency", "agency_key", "role", "goal_no", "target_no", "task_id"),
    "repairs": ("step", "before", "after", "confidence"),
}

Row = dict[str, Any]


@dataclass(frozen=True)
class Mark:
    """One highlighted span: `mark_id` is unique in the page and names the side-table row that jumps to it."""

    mark_id: str
    table: str
    start: int
    end: int
    tip: str
    low_confidence: bool = False


@dataclass(frozen=True)
class DocumentData:
    """A document's row, its normalized text (None when nothing could be read) and its findings by table."""

    document: Row
    text: str | None
    rows: dict[str, list[Row]]


def show(value: Any) -> str:
    """A cell value as a reviewer reads it: decimals without trailing zeros, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(show(v) for v in value)
    return str(value)


def describe(table: str, row: Row) -> str:
    """The typed values of a finding and the rule that fired, for its tooltip."""
    values = [f"{k}={show(v)}" for k, v in row.items() if k not in LOCATING_COLUMNS and show(v)]
    if table == "repairs":
        values.append(f"confidence={show(row['confidence'])}")
    return f"{table} · {row['rule_id']} · " + ", ".join(values)


def marks_of(rows: dict[str, list[Row]]) -> list[Mark]:
    return [
        Mark(
            mark_id=f"{table}-{index}",
            table=table,
            start=row["start"],
            end=row["end"],
            tip=describe(table, row),
            low_confidence=bool(row.get("low_confidence")),
        )
        for table in HIGHLIGHTED_TABLES
        for index, row in enumerate(rows.get(table, ()))
        if row["end"] > row["start"]
    ]


def _outer_first(mark: Mark) -> tuple[int, int, str]:
    return (mark.start, -mark.end, mark.mark_id)


def _open_tag(mark: Mark, first_piece: bool) -> str:
    classes = f"t-{mark.table}" + (" low" if mark.low_confidence else "")
    tip = html.escape(mark.tip)
    anchor = f' id="{mark.mark_id}" tabindex="0"' if first_piece else ""
    return f'<mark class="{classes}" data-f="{mark.mark_id}" data-tip="{tip}" title="{tip}"{anchor}>'


def highlight(text: str, marks: Sequence[Mark]) -> str:
    """`text` HTML-escaped, with every mark as properly nested <mark> elements (split where spans cross)."""
    boundaries = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    ordered = sorted(marks, key=_outer_first)
    opened: set[str] = set()
    stack: list[Mark] = []
    out: list[str] = []
    for left, right in zip(boundaries, boundaries[1:], strict=False):
        wanted = [m for m in ordered if m.start <= left and m.end >= right]
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] == wanted[keep]:
            keep += 1
        out.append("</mark>" * (len(stack) - keep))
        for mark in wanted[keep:]:
            out.append(_open_tag(mark, mark.mark_id not in opened))
            opened.add(mark.mark_id)
        stack = wanted
        out.append(html.escape(text[left:right], quote=False))
    out.append("</mark>" * len(stack))
    return "".join(out)


def side_table(table: str, rows: Sequence[Row]) -> str:
    columns = SIDE_TABLES[table]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        f'<tr tabindex="0" data-jump="{table}-{index}">'
        + "".join(f"<td>{html.escape(show(row.get(c)))}</td>" for c in columns)
        + "</tr>"
        for index, row in enumerate(rows)
    )
    return f'<table id="side-{table}"><caption>{table} ({len(rows)})</caption><tr>{head}</tr>{body}</table>'


def _page(title: str, body: str) -> str:
    css = (TEMPLATES / "review.css").read_text(encoding="utf-8")
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{css}</style></head><body>{body}</body></html>\n"
    )


def _legend(rows: dict[str, list[Row]]) -> str:
    return "".join(
        f'<span class="t-{t}">{t} {len(rows.get(t, ()))}</span>' for t in HIGHLIGHTED_TABLES
    )


def document_page(data: DocumentData) -> str:
    document = data.document
    title = document.get("title") or document["path"]
    facts = " · ".join(show(document[k]) for k in HEADER_FACTS if document.get(k))
    sides = "".join(side_table(t, data.rows.get(t, [])) for t in SIDE_TABLES)
    script = (TEMPLATES / "review.js").read_text(encoding="utf-8")
    body = (
        f'<header><p><a href="index.html">← all documents</a></p><h1>{html.escape(title)}</h1>'
        f"<p>{html.escape(facts)} · doc_id {html.escape(document['doc_id'])}</p>"
        f'<p class="legend">{_legend(data.rows)}</p></header>'
        f'<main><div id="text">{highlight(data.text or "", marks_of(data.rows))}</div>'
        f'<aside><div id="detail" aria-live="polite">Hover, focus or pick a row to see a finding.</div>{sides}</aside>'
        f"</main><script>{script}</script>"
    )
    return _page(title, body)


def index_page(documents: Sequence[DocumentData]) -> str:
    head = "".join(f"<th>{c}</th>" for c in ("document", "province", "level", "period", "status", *SIDE_TABLES))
    rows = "".join(_index_row(d) for d in documents)
    body = f'<header><h1>Review pages</h1></header><main class="index"><table><tr>{head}</tr>{rows}</table></main>'
    return _page("vnplan review", body)


def _index_row(data: DocumentData) -> str:
    document = data.document
    name = html.escape(document.get("title") or document["path"])
    link = f'<a href="{document["doc_id"]}.html">{name}</a>' if data.text is not None else name
    period = "–".join(show(document.get(k)) for k in ("period_start", "period_end") if document.get(k))
    status = show(document["status"]) + (f": {document['reason']}" if document.get("reason") else "")
    places = (html.escape(show(document.get(k))) for k in ("province", "admin_level"))
    counts = (str(len(data.rows.get(t, ()))) for t in SIDE_TABLES)
    return "<tr>" + "".join(f"<td>{c}</td>" for c in (link, *places, period, html.escape(status), *counts)) + "</tr>"


def _rows_by_document(tables_dir: Path, table: str) -> dict[str, list[Row]]:
    path = tables_dir / f"{table}.parquet"
    grouped: dict[str, list[Row]] = defaultdict(list)
    if path.is_file():
        for row in pq.read_table(path).to_pylist():
            grouped[row["doc_id"]].append(row)
    return grouped


def load(tables_dir: Path) -> list[DocumentData]:
    """Every document of a run, in the documents table's order."""
    documents = pq.read_table(tables_dir / "documents.parquet").to_pylist()
    texts = {row["doc_id"]: row["normalized_text"] for row in pq.read_table(tables_dir / "texts.parquet").to_pylist()}
    findings = {table: _rows_by_document(tables_dir, table) for table in HIGHLIGHTED_TABLES}
    return [
        DocumentData(d, texts.get(d["doc_id"]), {t: findings[t].get(d["doc_id"], []) for t in HIGHLIGHTED_TABLES})
        for d in documents
    ]


def write_review(tables_dir: Path, out_dir: Path) -> list[Path]:
    """One page per document that has text, then index.html; returns the pages written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    entries = load(tables_dir)
    pages = [_write(out_dir / f"{e.document['doc_id']}.html", document_page(e)) for e in entries if e.text is not None]
    return [*pages, _write(out_dir / "index.html", index_page(entries))]


def _write(path: Path, content: str) -> Path:
    path.write_text(content, encoding="utf-8")
    return path


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser("review", help="write one HTML review page per document, and an index")
    command.add_argument("--tables", type=Path, default=Path("data/parquet"), help="folder of Parquet tables")
    command.add_argument("--out", type=Path, default=Path("data/review"), help="folder for the HTML pages")
    command.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    if not (args.tables / "documents.parquet").is_file():
        print(f"vnplan review: no tables in {args.tables}; run `make extract` first", file=sys.stderr)
        return 2
    pages = write_review(args.tables, args.out)
    print(f"{len(pages) - 1} review pages and {args.out / 'index.html'}")
    return 0
