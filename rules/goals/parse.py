"""Goals (Mục tiêu N) of the objectives section, and where that section lies in the text."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from rules.context import Context
from rules.findings import Goal
from rules.lenient import find_lenient, is_lenient
from rules.tables import read_table

HERE = Path(__file__).parent

# A roman-numeral heading line ("II. MỤC TIÊU", "III. NHIỆM VỤ, GIẢI PHÁP"): the top level of a plan.
TOP_HEADING = regex.compile(r"^[IVXLC]+\.\s+\S.*$", regex.MULTILINE)
# "a) ", "2.1. ", "2. " before a goal heading; the label word is checked leniently afterwards.
GOAL_LINE = regex.compile(
    r"^(?:[a-zđ]\)|\d+(?:\.\d+)*\.?)?[ \t]*(?P<word>\S.{2,12}?)[ \t]*(?P<no>\d{1,2})[ \t]*[:.][ \t]*(?P<heading>\S.*)$",
    regex.MULTILINE,
)
LINE = regex.compile(r"^.*$", regex.MULTILINE)
# What may precede "mục tiêu" in an objectives heading: nothing, markup, or other subjects listed before it.
LISTED_BEFORE = regex.compile(r"(?:^[\W_]*|(?:,|\s(?i:và)|\s[-–])\s*)$")
YEAR = regex.compile(r"(?:năm\s+|\d{4}\s*[-–]\s*)(?P<year>(?:19|20)\d\d)(?!\d)")


@dataclass(frozen=True)
class Objectives:
    """The objectives section: its span and the target year its heading states, if any."""

    start: int
    end: int
    year: int | None


def parse(ctx: Context) -> tuple[Goal, ...]:
    objectives = find_objectives(ctx)
    if objectives is None:
        return ()
    return tuple(_goal(ctx, match) for match in _goal_lines(ctx.text, objectives))


def find_objectives(ctx: Context) -> Objectives | None:
    span = _objectives_from_sections(ctx) or _objectives_from_text(ctx.text)
    if span is None:
        return None
    return Objectives(span[0], span[1], _heading_year(ctx.text, *span))


def _objectives_from_sections(ctx: Context) -> tuple[int, int] | None:
    for section in ctx.sections:
        if section.level == 1 and _is_objectives_heading(section.heading):
            return section.start, section.body_end
    return None


def _objectives_from_text(text: str) -> tuple[int, int] | None:
    """Without an outline: from the top-level heading saying MỤC TIÊU to the next top-level heading."""
    headings = list(TOP_HEADING.finditer(text))
    ends = [following.start() for following in headings[1:]] + [len(text)]
    for heading, end in zip(headings, ends, strict=False):  # one end too many when there is no heading
        if _is_objectives_heading(heading.group().split(".", 1)[1]):
            return heading.start(), end
    return None


def _is_objectives_heading(heading: str) -> bool:
    """A heading naming the objectives as its subject: "MỤC TIÊU", "Mục tiêu của ...", "QUAN ĐIỂM, MỤC
    TIÊU", "MỤC ĐÍCH, YÊU CẦU VÀ MỤC TIÊU"; not one where they are the object of another subject
    ("Đánh giá ... thực hiện mục tiêu ...", "TÌNH HÌNH THỰC HIỆN CÁC MỤC TIÊU"): that is an assessment."""
    heading = heading.strip()
    return any(LISTED_BEFORE.search(heading[: match.start()]) for match in find_lenient("mục tiêu", heading))


def _heading_year(text: str, start: int, end: int) -> int | None:
    """The year of "Mục tiêu cụ thể đến năm 2025" (or of the section heading itself)."""
    for line in LINE.finditer(text[start:end]):
        is_heading = line.start() == 0 or any(find_lenient("mục tiêu cụ thể", line.group()))
        year = YEAR.search(line.group()) if is_heading else None
        if year:
            return int(year.group("year"))
    return None


def _goal_lines(text: str, objectives: Objectives) -> list[regex.Match[str]]:
    lines = GOAL_LINE.finditer(text, objectives.start, objectives.end)
    return [line for line in lines if is_lenient("mục tiêu", line.group("word"))]


def _goal(ctx: Context, line: regex.Match[str]) -> Goal:
    goal_no = int(line.group("no"))
    domain, rule_id = _domain(line.group("heading"), goal_no)
    return Goal(
        start=line.start(),
        end=line.end(),
        rule_id=rule_id,
        goal_no=goal_no,
        domain=domain,
        heading=line.group("heading").strip(),
        section_id=next((s.section_id for s in ctx.sections if s.start == line.start()), None),
    )


def _domain(heading: str, goal_no: int) -> tuple[str | None, str]:
    for row in domain_phrases():
        if any(find_lenient(row["phrase"], heading)):
            return row["domain"], "goals.heading_domain"
    return national_domains().get(goal_no), "goals.national_goal_order"


@cache
def domain_phrases() -> list[dict[str, str]]:
    return read_table(HERE / "domains.tsv")


@cache
def national_domains() -> dict[int, str]:
    return {int(row["goal_no"]): row["domain"] for row in read_table(HERE / "national_goals.tsv")}
