"""Runs every rule family's examples.jsonl: text → expected value, negatives with "expect": null.

A family is a package under rules/ with an examples.jsonl and an `evaluate(text)` function that
returns a dict (or a list of dicts, one per finding) for a standalone snippet, or None / [] when
nothing is found. An expected dict must be a subset of the value found; an expected list must match
the found list item by item. Lines with "status": "known_failure" run as strict xfail.
"""
from __future__ import annotations

import importlib
import json
from datetime import date
from decimal import Decimal

import pytest

from tests.paths import RULES


def _cases():
    for path in sorted(RULES.glob("*/examples.jsonl")):
        family = path.parent.name
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            case = json.loads(line)
            marks = [pytest.mark.xfail(strict=True)] if case.get("status") == "known_failure" else []
            yield pytest.param(family, case, id=f"{family}:{number}", marks=marks)


def _plain(value):
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _matches(expected, found) -> bool:
    if isinstance(expected, dict):
        return isinstance(found, dict) and all(_plain(found.get(k)) == _plain(v) for k, v in expected.items())
    return expected == _plain(found)


CASES = list(_cases())


def test_there_are_examples():
    assert len(CASES) >= 1


@pytest.mark.parametrize(("family", "case"), CASES)
def test_example(family, case):
    evaluate = importlib.import_module(f"rules.{family}").evaluate
    found = evaluate(case["text"])
    expected = case["expect"]
    if expected is None:
        assert not found, f"expected nothing in {case['text']!r}, found {found!r}"
    elif isinstance(expected, list):
        found = found if isinstance(found, list) else [found]
        assert len(found) == len(expected), f"{case['text']!r}: found {found!r}"
        assert all(_matches(e, f) for e, f in zip(expected, found, strict=True)), f"{case['text']!r}: found {found!r}"
    else:
        found = found[0] if isinstance(found, list) and len(found) == 1 else found
        assert _matches(expected, found), f"{case['text']!r}: expected {expected!r}, found {found!r}"
