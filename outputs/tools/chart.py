"""Charts of comparison.parquet: one PNG and SVG per indicator family (the national strategy's domains).

Each indicator gets a panel; each document's target stands beside the national target for the same
year. Titles are Vietnamese with the English keys in brackets, so both readers find their way.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display: charts are files
import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first
import pyarrow.parquet as pq  # noqa: E402

from rules import vocab  # noqa: E402
from rules.indicators import indicators  # noqa: E402

OTHER_FAMILY = "other"
COMPARATOR_SIGNS = {">=": "≥", ">": ">", "<": "<", "<=": "≤", "=": "="}
PROVINCE_COLOUR, NATIONAL_COLOUR = "#1e88e5", "#9e9e9e"
Row = dict[str, Any]


def family_of(indicator_key: str) -> str:
    return next((i.domain for i in indicators() if i.key == indicator_key), OTHER_FAMILY)


def indicator_title(indicator_key: str) -> str:
    """The indicator's first Vietnamese phrase, with its key."""
    phrase = next((i.phrases[0] for i in indicators() if i.key == indicator_key), "")
    return f"{phrase} ({indicator_key})" if phrase else indicator_key


def family_title(family: str) -> str:
    return f"{vocab.describe('domain', family)} ({family})" if family != OTHER_FAMILY else "Chỉ tiêu khác (other)"


def unit_label(unit: str | None) -> str:
    if not unit:
        return ""
    described = vocab.describe("unit", unit) if unit in vocab.values("unit") else unit
    return f"{described} ({unit})"


def _bar_label(row: Row) -> str:
    place = row["province"] or "?"
    level = f" · {row['admin_level']}" if row.get("admin_level") and row["admin_level"] != "province" else ""
    return f"{place}{level}\n{row['target_year'] or ''}"


def _value_text(comparator: str | None, value: Any) -> str:
    return f"{COMPARATOR_SIGNS.get(comparator or '', '')}{float(value):g}" if value is not None else "–"


def draw_panel(axes: Any, indicator_key: str, rows: list[Row]) -> None:
    positions = range(len(rows))
    width = 0.38
    local = [float(r["value"]) if r["value"] is not None else 0.0 for r in rows]
    national = [float(r["national_value"]) if r["national_value"] is not None else 0.0 for r in rows]
    province_bars = axes.bar([p - width / 2 for p in positions], local, width, color=PROVINCE_COLOUR,
                             label="Mục tiêu địa phương (local target)")
    national_bars = axes.bar([p + width / 2 for p in positions], national, width, color=NATIONAL_COLOUR,
                             label="Mục tiêu toàn quốc (national target)")
    axes.bar_label(province_bars, [_value_text(r["comparator"], r["value"]) for r in rows], fontsize=8)
    axes.bar_label(national_bars, [_value_text(r.get("national_comparator"), r["national_value"]) for r in rows],
                   fontsize=8)
    axes.set_xticks(list(positions), [_bar_label(r) for r in rows], fontsize=8)
    axes.set_title(indicator_title(indicator_key), fontsize=10)
    axes.set_ylabel(unit_label(rows[0]["unit"]), fontsize=8)
    axes.margins(y=0.15)


def draw_family(family: str, by_indicator: dict[str, list[Row]], out_dir: Path) -> list[Path]:
    keys = sorted(by_indicator)
    columns = min(3, len(keys))
    lines = -(-len(keys) // columns)
    figure, grid = plt.subplots(lines, columns, figsize=(5 * columns, 4 * lines), squeeze=False)
    for axes, key in zip(grid.flat, keys, strict=False):
        draw_panel(axes, key, by_indicator[key])
    for axes in list(grid.flat)[len(keys):]:
        axes.set_visible(False)
    handles, labels = grid.flat[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncols=2, fontsize=8, frameon=False)
    figure.suptitle(family_title(family))
    figure.tight_layout(rect=(0, 0.05, 1, 1))  # room for the shared legend below the panels
    written = [out_dir / f"{family}.png", out_dir / f"{family}.svg"]
    figure.savefig(written[0], dpi=120, metadata={"Software": None})
    figure.savefig(written[1], metadata={"Date": None})
    plt.close(figure)
    return written


def write_charts(comparison: Path, out_dir: Path) -> list[Path]:
    """PNG and SVG per family holding at least one comparable row; returns the files written."""
    rows = sorted(
        (r for r in pq.read_table(comparison).to_pylist() if r["indicator_key"] and r["value"] is not None),
        key=lambda r: (r["province"] or "", r["admin_level"] or "", r["target_year"] or 0, r["doc_id"]),
    )
    families: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        families[family_of(row["indicator_key"])][row["indicator_key"]].append(row)
    out_dir.mkdir(parents=True, exist_ok=True)
    # text stays text in the SVG (searchable, selectable); a fixed salt keeps the file identical run to run
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "vnplan", "font.family": "DejaVu Sans"}):
        return [path for family in sorted(families) for path in draw_family(family, families[family], out_dir)]


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser("compare-chart", help="PNG and SVG per indicator family from comparison.parquet")
    command.add_argument("--tables", type=Path, default=Path("data/parquet"), help="folder of Parquet tables")
    command.add_argument("--out", type=Path, default=Path("data/charts"), help="folder for the charts")
    command.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    comparison = args.tables / "comparison.parquet"
    if not comparison.is_file():
        print(f"vnplan compare-chart: no {comparison}; run `make extract` first", file=sys.stderr)
        return 2
    written = write_charts(comparison, args.out)
    print(f"{len(written) // 2} charts (PNG and SVG) in {args.out}" if written else "no comparable targets to chart")
    return 0
