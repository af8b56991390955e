"""Notebook use: the example queries give the answers the seeds imply; pandas, Polars and DuckDB read every
table without casts (decimals, dictionary-encoded vocabularies, real dates)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from outputs.schema import TABLES, arrow_schema
from outputs.tools.queries import connect, named_queries

pytestmark = pytest.mark.slow  # the tables of a batch over the seeds

APPENDIX_2026 = "001_626a94decbac7e11.txt"  # Lai Châu: appendix table of 2026 tasks


@pytest.fixture(scope="module")
def con(seed_tables: Path):
    return connect(seed_tables)


def scalar(con, sql: str):
    return con.sql(sql).fetchall()[0][0]


def answer(con, name: str) -> pd.DataFrame:
    return con.sql(named_queries()[name]).df()


def test_every_query_runs_on_the_seed_tables(con):
    queries = named_queries()
    assert len(queries) >= 5
    results = {name: con.sql(sql).df() for name, sql in queries.items()}
    assert results["targets_by_indicator_and_province"]["province"].nunique() >= 3
    assert not results["lead_agencies_by_task_count"].empty


def test_women_leaders_below_national_is_lai_chau(con):
    assert scalar(con, "SELECT count(*) FROM comparison") > 0
    # Lai Châu sets 70% for 2030 against the national 75%; Lạng Sơn matches it
    assert answer(con, "women_leaders_below_national")["province"].tolist() == ["Lai Châu"]


def test_q2_2026_deadlines_by_lead_agency(con):
    found = answer(con, "deadlines_q2_2026_by_agency")
    documents = con.sql("SELECT doc_id, path FROM documents").df()
    appendix = documents.loc[documents["path"].str.endswith(APPENDIX_2026), "doc_id"].item()
    rows = found[found["doc_id"] == appendix]
    # Tháng 4/2026, Tháng 4,5/2026 and Quý II năm 2026 in the appendix's timeframe column
    assert sorted(zip(rows["agency_key"], rows["task_id"], strict=True)) == [
        ("home_affairs", "III.3"), ("home_affairs", "IV.1.2"), ("home_affairs", "IV.3.2"),
        ("people_committee", "IV.2.2"), ("people_committee", "V.3"),
    ]
    assert (found["start_date"] >= pd.Timestamp("2026-04-01")).all()
    assert (found["end_date"] <= pd.Timestamp("2026-06-30")).all()
    assert "Quý II năm 2026" in set(rows["snippet"])


def test_district_plans_lack_indicators_the_provinces_set(con):
    missing = answer(con, "indicators_other_plans_set_but_this_one_does_not")
    assert {"Lai Châu", "Lạng Sơn", "Điện Biên"} >= set(missing["province"])
    assert not missing.empty


def _kind(data_type: pa.DataType) -> str | None:
    if pa.types.is_decimal(data_type):
        return "decimal"
    if pa.types.is_dictionary(data_type):
        return "vocabulary"
    if pa.types.is_date32(data_type):
        return "date"
    return None


POLARS = {"decimal": pl.Decimal, "vocabulary": pl.Categorical, "date": pl.Date}
DUCKDB = {"decimal": "DECIMAL(18,6)", "vocabulary": "VARCHAR", "date": "DATE"}
PANDAS_VALUE = {"decimal": Decimal, "date": date}


@pytest.mark.parametrize("table", sorted(TABLES))
def test_pandas_polars_and_duckdb_read_the_declared_types(seed_tables: Path, con, table: str):
    path = seed_tables / f"{table}.parquet"
    frame, polars_frame = pd.read_parquet(path), pl.read_parquet(path)
    duck_types = dict(con.sql(f'SELECT column_name, column_type FROM (DESCRIBE "{table}")').fetchall())
    assert len(frame) == len(polars_frame) == scalar(con, f'SELECT count(*) FROM "{table}"')
    for field in arrow_schema(TABLES[table]):
        kind = _kind(field.type)
        if kind is None:
            continue
        assert isinstance(polars_frame.schema[field.name], POLARS[kind]), (table, field.name)
        assert duck_types[field.name] == DUCKDB[kind], (table, field.name)
        if kind == "vocabulary":
            assert isinstance(frame[field.name].dtype, pd.CategoricalDtype), (table, field.name)
        else:
            values = frame[field.name].dropna()
            assert all(type(v) is PANDAS_VALUE[kind] for v in values), (table, field.name)


def test_a_decimal_sums_exactly(con):
    # 0.1 + 0.2 is 0.3 in DECIMAL, not 0.30000000000000004: the values were never floats
    assert scalar(con, "SELECT 0.1::DECIMAL(18,6) + 0.2::DECIMAL(18,6) = 0.3")
    total = scalar(con, "SELECT sum(value) FROM targets")
    assert isinstance(total, Decimal)
