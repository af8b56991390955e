"""What a numbered citation says its document is about, right after the citation (subjects.tsv)."""
from __future__ import annotations

from functools import cache

import regex

from rules.references.vocabulary import laws, rows

_SUBJECT_MAX = 300
# Words that open a title a subject may go on with after a wrapped line ("về ban hành\nChương trình ...").
_TITLE_WORDS = r"(?:Chương\s+trình|Chiến\s+lược|Đề\s+án|Kế\s+hoạch|Luật|Quyết\s+định|Nghị\s+quyết|Chỉ\s+thị)\s"
# Where a subject's clause ends: punctuation, a table cell, or a new line, unless the line is wrapped (the next
# one goes on in lowercase, or with a title after a word in lowercase, or the break falls inside a range:
# "giai đoạn 2021-\n2025").
_CLAUSE_END = regex.compile(
    r"\.(?!\d)|[;:\t()“”]|(?<![-–])(?<!\p{Ll}[^\S\n]*)\n"
    rf"|(?<=\p{{Ll}}[^\S\n]*)\n(?![^\S\n]*(?:\p{{Ll}}|{_TITLE_WORDS}))"
)
# Words a subject may hold commas within: a quoted title (even over a line break), a known law title
# ("Luật Phòng, chống ...").
_UNIT = "“[^”]{0,300}”|{laws}"
# A title closed by its period ("giai đoạn 2021 - 2025") reads on past its commas
# ("phê duyệt Chương trình phòng ngừa, ứng phó với bạo lực trên cơ sở giới giai đoạn 2021-2025").
_PERIOD = regex.compile(r"(?:giai\s+đoạn|đến\s+năm|năm)\s+\d{4}(?:\s*[-–]\s*\d{4})?(?!\d)")
# A horizon after the period is part of the title: "..., định hướng đến năm 2030", "và tầm nhìn đến năm 2030".
_HORIZON = regex.compile(r",?\s*(?:và\s+)?(?:định\s+hướng|tầm\s*nhìn)(?:\s+đến)?(?:\s+năm)?\s*\d{4}(?!\d)")
_TRAILING_LINK = regex.compile(r"(?:\s+(?:và|hoặc))*\s*$")


@cache
def _cue() -> regex.Pattern[str]:
    """A subject cue of subjects.tsv right after a citation (a comma may come between: "của Thủ tướng Chính phủ,
    phê duyệt ..."); group `kept` holds a cue that is part of the subject."""
    def alternatives(kept: str) -> str:
        cues = (r["cue"].split() for r in rows("subjects.tsv") if r["kept"] == kept)
        return "|".join(r"\s+".join(map(regex.escape, words)) for words in cues)

    return regex.compile(rf",?\s+(?:(?:{alternatives('no')})\s+|(?P<kept>{alternatives('yes')})(?!\w))", regex.I)


@cache
def _units() -> regex.Pattern[str]:
    return regex.compile(_UNIT.replace("{laws}", laws()))


def subject(text: str, start: int, limit: int) -> tuple[int, int] | None:
    """Offsets of the subject a citation ending at `start` goes on to state, within `limit`; None without a cue."""
    cue = _cue().match(text, start, limit)
    if cue is None:
        return None
    begin = cue.start("kept") if cue.group("kept") else cue.end()
    # Units are masked (same length, no punctuation, no spaces) so that only the clause's own punctuation counts.
    window = regex.sub(_units(), lambda unit: "_" * len(unit.group()), text[begin : min(limit, begin + _SUBJECT_MAX)])
    clause = _CLAUSE_END.search(window)
    clause_end = clause.start() if clause else len(window)
    comma = window.find(",", 0, clause_end)
    end = clause_end if comma == -1 else comma
    if comma != -1 and not _PERIOD.search(window, 0, comma) and (period := _PERIOD.search(window, comma, clause_end)):
        end = period.end()
    if horizon := _HORIZON.match(window, end):
        end = horizon.end()
    end = _TRAILING_LINK.search(window, 0, end).start()
    return (begin, begin + end) if end > 0 else None
