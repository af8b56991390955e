"""The README's promise to pandas users: every table reads with `dtype_backend="pyarrow"`, decimals do
arithmetic, dates are dates, integers stay integers with nulls, vocabularies compare as strings."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from outputs.schema import TABLES

pytestmark = pytest.mark.slow  # reads the tables of the whole seed run


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_table_reads_with_the_pyarrow_backend(seed_tables: Path, name: str):
    frame = pd.read_parquet(seed_tables / f"{name}.parquet", dtype_backend="pyarrow")
    assert all(isinstance(dtype, pd.ArrowDtype) for dtype in frame.dtypes), frame.dtypes


def test_values_keep_their_types_in_pandas(seed_tables: Path):
    targets = pd.read_parquet(seed_tables / "targets.parquet", dtype_backend="pyarrow")
    doubled = (targets.value * 2).dropna()
    assert len(doubled) > 0 and all(isinstance(value, Decimal) for value in doubled)
    assert str(targets.target_no.dtype) == "int32[pyarrow]"
    documents = pd.read_parquet(seed_tables / "documents.parquet", dtype_backend="pyarrow")
    assert documents.issue_date.dropna().dt.year.between(2000, 2100).all()
    assert (documents.status == "ok").sum() >= 1
    assert str(documents.issue_year.dtype) == "int32[pyarrow]" and documents.issue_year.isna().any()
