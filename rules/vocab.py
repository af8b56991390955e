"""The controlled vocabularies of DESIGN.md, as data (rules/vocab.tsv), and the TSV reader rules share.

A vocabulary column of a finding names its vocabulary in its metadata (`vocab`); outputs/ and the
tests check the column's values against `values(name)`.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from functools import cache
from pathlib import Path

VOCAB_TABLE = Path(__file__).with_name("vocab.tsv")


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated table with a header line; lines starting with '#' are comments."""
    with open(path, encoding="utf-8", newline="") as handle:
        content = (line for line in handle if line.strip() and not line.startswith("#"))
        return [dict(row) for row in csv.DictReader(content, delimiter="\t", quoting=csv.QUOTE_NONE)]


@cache
def _vocabularies() -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for row in read_table(VOCAB_TABLE):
        found[row["vocab"]][row["value"]] = row["description"]
    return dict(found)


def names() -> tuple[str, ...]:
    return tuple(sorted(_vocabularies()))


def values(vocab: str) -> tuple[str, ...]:
    """The allowed values of a vocabulary, in table order; KeyError for an unknown vocabulary."""
    return tuple(_vocabularies()[vocab])


def describe(vocab: str, value: str) -> str:
    return _vocabularies()[vocab][value]
