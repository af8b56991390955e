"""Outputs: schemas derived from the row dataclasses, atomic writes, provenance, batch behaviour."""
from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import outputs.write
from outputs.cli import main
from outputs.run.batch import run_batch
from outputs.schema import TABLES, arrow_schema
from outputs.write import write_tables
from rules import vocab
from rules.agencies.gazetteer import TABLES as AGENCY_TABLES
from rules.tables import read_table
from tests.paths import CORPUS
from tests.test_metadata import KNOWN_GAPS_003 as METADATA_GAPS_003
from tests.test_metadata import TRUTH as METADATA_TRUTH

pytestmark = pytest.mark.slow  # whole batches over the seeds, 003's restoration included


def test_every_table_is_written_with_its_declared_schema(seed_tables: Path):
    for name, spec in TABLES.items():
        schema = pq.read_schema(seed_tables / f"{name}.parquet")
        assert schema.equals(arrow_schema(spec), check_metadata=True), name
        assert json.loads(schema.metadata[b"primary_key"]) == list(spec.primary_key)
        assert schema.metadata[b"schema_version"]
        assert all(schema.field(f).metadata[b"description"] for f in schema.names), name


def test_primary_keys_are_unique(seed_tables: Path):
    for name, spec in TABLES.items():
        frame = pd.read_parquet(seed_tables / f"{name}.parquet")
        keys = frame[list(spec.primary_key)].astype(str)
        assert not keys.duplicated().any(), f"{name}: {frame[keys.duplicated(keep=False)].head()}"


def test_every_finding_points_at_its_snippet(seed_tables: Path):
    texts = pd.read_parquet(seed_tables / "texts.parquet").set_index("doc_id")["normalized_text"]
    checked = 0
    for name in TABLES:
        frame = pd.read_parquet(seed_tables / f"{name}.parquet")
        if "snippet" not in frame:
            continue
        for row in frame.itertuples():
            assert texts[row.doc_id][row.start : row.end] == row.snippet, (name, row)
            assert row.end > row.start, (name, row)
            checked += 1
    assert checked > 100


def test_all_seeds_extract_ok(seed_tables: Path):
    """The two district plans that begin at their title (002, 003) have no header, so they miss no issuer
    or issue date: every seed is ok."""
    documents = pd.read_parquet(seed_tables / "documents.parquet")
    assert len(documents) == 5
    for row in documents.itertuples():
        reason = row.reason if isinstance(row.reason, str) else None
        assert (row.status, reason, list(row.warnings)) == ("ok", None, []), Path(row.path).name
    texts = pd.read_parquet(seed_tables / "texts.parquet")
    for path in CORPUS.glob("00*.txt"):
        raw = texts.set_index("doc_id").loc[documents.set_index("path").loc[str(path), "doc_id"], "raw_text"]
        assert raw == path.read_text(encoding="utf-8")


def test_a_second_run_gives_identical_tables(seed_tables: Path, tmp_path: Path):
    run_batch([CORPUS], tmp_path / "out")
    for name in TABLES:
        assert (tmp_path / "out" / f"{name}.parquet").read_bytes() == (seed_tables / f"{name}.parquet").read_bytes()


def test_a_failed_write_leaves_the_previous_table_intact(seed_tables: Path, tmp_path: Path, monkeypatch):
    out = tmp_path / "tables"
    shutil.copytree(seed_tables, out)
    before = (out / "documents.parquet").read_bytes()

    def broken_write(writer, table, **kwargs):
        raise OSError("disk full")  # the file begun beside the table is left half written

    monkeypatch.setattr(outputs.write.pq.ParquetWriter, "write_table", broken_write)
    with pytest.raises(OSError):
        write_tables({}, out)
    assert (out / "documents.parquet").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in seed_tables.iterdir())


def test_a_bad_file_fails_alone_and_the_exit_code_says_so(tmp_path: Path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(next(CORPUS.glob("000_*.txt")), corpus)
    (corpus / "empty.pdf").write_bytes(b"")
    assert main(["extract", str(corpus), "--out", str(tmp_path / "out")]) == 1
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("path")
    failed = documents.loc[str(corpus / "empty.pdf")]
    assert failed["status"] == "failed" and failed["reason"]
    assert documents.loc[str(next(corpus.glob("000_*.txt"))), "status"] == "ok"
    assert "empty.pdf" in capsys.readouterr().err


def _vocabulary(name: str) -> set[str]:
    if name == "agency_key":  # the gazetteer is the agency vocabulary
        return {row["key"] for row in read_table(AGENCY_TABLES / "gazetteer.tsv")}
    return set(vocab.values(name))


def test_vocabulary_columns_hold_only_vocabulary_values(seed_tables: Path):
    for name, spec in TABLES.items():
        schema = arrow_schema(spec)
        frame = pd.read_parquet(seed_tables / f"{name}.parquet")
        for field in schema:
            if field.metadata and b"vocabulary" in field.metadata:
                allowed = _vocabulary(field.metadata[b"vocabulary"].decode())
                found = set(frame[field.name].dropna().astype(str))
                assert found <= allowed, (name, field.name, found - allowed)


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_documents_rows_carry_each_seeds_metadata(seed_tables: Path, seed: str):
    """The truth in every field; for the damaged 003, the fields of its known gaps still differ from it."""
    documents = pd.read_parquet(seed_tables / "documents.parquet")
    row = documents[documents["path"].str.contains(f"/{seed}_")].iloc[0]
    gaps = METADATA_GAPS_003 if seed == "003" else {}
    for name, expected in dataclasses.asdict(METADATA_TRUTH[seed]).items():
        found = None if pd.isna(row[name]) else row[name]
        assert (found == expected) != (name in gaps), (seed, name, found)
