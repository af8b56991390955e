"""The controlled vocabularies of ../shared/DESIGN.md, as data (rules/vocab.tsv).

A vocabulary column of a finding names its vocabulary in its metadata (`vocab`); outputs/ and the
tests check the column's values against `values(name)`.
"""
from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

from rules.tables import read_table

VOCAB_TABLE = Path(__file__).with_name("vocab.tsv")


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
