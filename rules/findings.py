"""The typed findings every rule family returns. Each becomes one row of an output table.

Field metadata carries each column's description (`doc`) and, for vocabulary columns, the
vocabulary's name (`vocab`, defined in rules/vocab.py); outputs/ derives the Parquet schema from them.
"""
from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any


def col(doc: str, vocab: str | None = None, **kwargs: Any) -> Any:
    metadata = {"doc": doc} | ({"vocab": vocab} if vocab else {})
    return dataclasses.field(metadata=metadata, **kwargs)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Finding:
    """Where a finding was read: half-open offsets into the normalized text, and the rule that fired."""

    start: int = col("first character of the finding in texts.normalized_text")
    end: int = col("end (exclusive) of the finding in texts.normalized_text")
    rule_id: str = col("the rule that produced the row, e.g. thresholds.comparator_value")


@dataclasses.dataclass(frozen=True, kw_only=True)
class Section(Finding):
    section_id: str = col('path of outline labels, e.g. "II.2.b"; unique within the document')
    parent_id: str | None = col("section_id of the enclosing section; null at the top level")
    level: int = col("depth in the outline, 1 for top-level sections")
    label: str = col('the numbering as written: "II", "2.1", "a", "-"')
    heading: str = col("the heading line without its label")
    body_end: int = col("end of the section's content (start of the next section at the same or a higher level)")


@dataclasses.dataclass(frozen=True, kw_only=True)
class DocumentMeta:
    """Facts from the document's header and signature block; null where the source leaves them blank."""

    title: str | None = col("document type and subject, e.g. 'KẾ HOẠCH Thực hiện Chiến lược ...'", default=None)
    issuer: str | None = col("issuing body as written in the header, e.g. 'UBND tỉnh Lai Châu'", default=None)
    admin_level: str | None = col("level of the issuer", vocab="admin_level", default=None)
    province: str | None = col("province of the issuer", default=None)
    district: str | None = col("district of the issuer (district-level documents)", default=None)
    doc_number: str | None = col(
        "document number, e.g. '1712/KH-UBND'; null when the number is left blank", default=None
    )
    issue_date: date | None = col("date of issue; null when the day is left blank", default=None)
    issue_year: int | None = col("year of issue", default=None)
    issue_month: int | None = col("month of issue, when given", default=None)
    period_start: int | None = col("first year of the period the plan covers", default=None)
    period_end: int | None = col("last year of the period the plan covers", default=None)
    signer_name: str | None = col("name of the signer", default=None)
    signer_title: str | None = col("title of the signer, e.g. 'PHÓ CHỦ TỊCH'", default=None)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Goal(Finding):
    goal_no: int = col("number of the goal (Mục tiêu N)")
    domain: str | None = col("field of the goal", vocab="domain")
    heading: str = col("the goal's heading text")
    section_id: str | None = col("outline section holding the goal")


@dataclasses.dataclass(frozen=True, kw_only=True)
class Target(Finding):
    goal_no: int | None = col("goal the indicator belongs to")
    target_no: int | None = col("indicator number within the goal (Chỉ tiêu N); null when unnumbered")
    seq: int = col("1 for the first threshold of the indicator, 2 for a second one")
    indicator_key: str | None = col("national indicator this maps to", vocab="indicator_key")
    subject: str = col("what is measured, as written")
    comparator: str | None = col("how the value bounds the indicator", vocab="comparator")
    value: Decimal | None = col("the threshold value; the lower bound of a range (comparator between)")
    value_max: Decimal | None = col("the upper bound of a range ('tăng từ 10 - 15%'); null otherwise", default=None)
    unit: str | None = col("unit of the value", vocab="unit")
    per_period: str | None = col("period the value applies per", vocab="per_period")
    baseline_value: Decimal | None = col("starting value, when the text gives one ('giảm từ X xuống Y')")
    target_year: int | None = col("year by which the value is to be reached")
    qualitative: bool = col("true for an indicator with no numeric threshold", default=False)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Deadline(Finding):
    subject_kind: str | None = col("what the deadline applies to: report, task, campaign, review")
    subject_ref: str | None = col("task_id or short description of the subject")
    kind: str = col("kind of time expression", vocab="deadline_kind")
    start_date: date | None = col("first day the expression allows (or the due date)")
    end_date: date | None = col("last day the expression allows")
    recurrence: str | None = col("annual, semiannual, quarterly, monthly; null when one-off", vocab="per_period")
    condition: str | None = col("the condition of a conditional deadline, as written")


@dataclasses.dataclass(frozen=True, kw_only=True)
class Assignment(Finding):
    agency: str = col("agency as written")
    agency_key: str | None = col(
        "canonical agency key; null for an agency the gazetteer does not know", vocab="agency_key"
    )
    agency_level: str | None = col(
        "administrative level the agency's name states (Sở: province, Phòng: district, '... huyện', 'UBND các xã');"
        " null when the name does not say",
        vocab="admin_level",
    )
    role: str = col("what the agency does", vocab="role")
    goal_no: int | None = col("goal the agency is assigned to")
    target_no: int | None = col("indicator the agency is assigned to; null for the whole goal")
    task_id: str | None = col("task the agency is assigned to")


@dataclasses.dataclass(frozen=True, kw_only=True)
class Task(Finding):
    task_id: str = col('hierarchical id, e.g. "IV.2.3"')
    text: str = col("the task as written")
    lead_agencies: tuple[str, ...] = col("lead agencies, one per item")
    coordinating_agencies: tuple[str, ...] = col("coordinating agencies, one per item")
    timeframe: str | None = col("timeframe as written")


@dataclasses.dataclass(frozen=True, kw_only=True)
class Reference(Finding):
    ref_type: str = col("kind of cited document: Nghị quyết, Quyết định, Kế hoạch, Luật, Chiến lược, Chương trình, ...")
    title: str | None = col(
        "name of a document cited by its title, kind included, e.g. 'Luật Bình đẳng giới'; for a numbered citation,"
        " the subject it states, e.g. 'ban hành Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030';"
        " null when the citation states neither"
    )
    number: str | None = col('document number, e.g. "28/NQ-CP"; null when the document is cited by title only')
    issue_date: date | None = col("date of issue of the cited document")
    issuer: str | None = col("issuing body, when named")
