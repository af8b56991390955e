"""outputs/tools/queries.sql for notebooks: a DuckDB connection with one view per table, and the named queries."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb

QUERIES_PATH = Path(__file__).with_name("queries.sql")


def connect(tables_dir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view per Parquet table of `tables_dir`, named after the table."""
    connection = duckdb.connect()
    for path in sorted(tables_dir.glob("*.parquet")):
        literal = str(path).replace("'", "''")
        connection.execute(f'CREATE VIEW "{path.stem}" AS FROM read_parquet(\'{literal}\')')
    return connection


def named_queries(path: Path = QUERIES_PATH) -> dict[str, str]:
    """name → SQL, from the "-- name: …" lines of a queries file."""
    parts = re.split(r"^-- name: *(\S+) *$", path.read_text(encoding="utf-8"), flags=re.M)
    return {name: sql.strip() for name, sql in zip(parts[1::2], parts[2::2], strict=True)}
