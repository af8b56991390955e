"""Whatever a province posts, through the whole batch and the CLI: every bad file gets a documents row
with a reason, every good file is still written, and no traceback reaches the user. Also: arbitrary text
through every normalize step and the rule families never raises."""
from __future__ import annotations

import io
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pikepdf
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import rules.pipeline
from normalize import default_steps, normalize
from outputs.schema import TABLES
from tests.paths import CORPUS, ROOT
from tests.pdf_fixtures import image_only_pdf, paragraphs_docx, typeset_pdf

pytestmark = pytest.mark.slow  # a batch over every bad file, and property tests over arbitrary text

SEED = CORPUS / "000_9d0e9e449bb4ec6b.txt"
SECRET = "MẬT-KHẨU-KHÔNG-ĐƯỢC-LỘ"
ENGLISH = (
    "The provincial committee shall publish an annual report on gender equality, "
    "including the share of women in leadership positions and in paid employment. "
) * 20
LONG_PDF_PAGES = 500
JUNK = random.Random(7).randbytes(4096)


def _seed_pdf() -> bytes:
    return typeset_pdf([" ".join(SEED.read_text(encoding="utf-8")[2000:4000].split())])


def _docx_with_document_xml(xml: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(paragraphs_docx("thay thế")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, xml if item.filename == "word/document.xml" else source.read(item))
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("[Content_Types].xml", "<Types/>")
        bomb.writestr("word/document.xml", b" " * (300 << 20))
    return buffer.getvalue()


def _external_entity(secret_file: Path) -> bytes:
    return _docx_with_document_xml(
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY secret SYSTEM "file://{secret_file}">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Kế hoạch &secret;</w:t></w:r></w:p></w:body></w:document>".encode()
    )


def _encrypted_pdf() -> bytes:
    buffer = io.BytesIO()
    with pikepdf.open(io.BytesIO(_seed_pdf())) as pdf:
        pdf.save(buffer, encryption=pikepdf.Encryption(owner="chủ", user="người dùng"))
    return buffer.getvalue()


def _long_pdf() -> bytes:
    buffer = io.BytesIO()
    with pikepdf.open(io.BytesIO(_seed_pdf())) as pdf:
        for _ in range(LONG_PDF_PAGES - 1):
            pdf.pages.append(pdf.pages[0])
        pdf.save(buffer)
    return buffer.getvalue()


def _blank_scan() -> bytes:
    return image_only_pdf(typeset_pdf([" "]))


BAD = {
    "corrupt.pdf": lambda tmp: b"%PDF-1.7\n" + JUNK + b"\n%%EOF\n",
    "truncated.pdf": lambda tmp: _seed_pdf()[:2000],
    "encrypted.pdf": lambda tmp: _encrypted_pdf(),
    "no text layer.pdf": lambda tmp: _blank_scan(),
    "empty.txt": lambda tmp: b"",
    "not a zip.docx": lambda tmp: b"PK\x03\x04" + JUNK,
    "zip bomb.docx": lambda tmp: _zip_bomb(),
    "junk.txt": lambda tmp: bytes(range(256)) * 64,
    "english.txt": lambda tmp: ENGLISH.encode(),
}
# Read, safely: by content, not by name; with the external entity left unresolved.
READ = {
    "really a docx.pdf": lambda tmp: paragraphs_docx(SEED.read_text(encoding="utf-8")),
    "external entity.docx": lambda tmp: _external_entity(tmp / "secret.txt"),
    "500 pages.pdf": lambda tmp: _long_pdf(),
    "Kế hoạch tỉnh Lạng Sơn 2026.txt": lambda tmp: SEED.read_bytes(),
}


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, subprocess.CompletedProcess, Path]:
    root = tmp_path_factory.mktemp("bad inputs")
    (root / "secret.txt").write_text(SECRET, encoding="utf-8")
    corpus = root / "thư mục có dấu cách"
    corpus.mkdir()
    for name, make in {**BAD, **READ}.items():
        (corpus / name).write_bytes(make(root))
    for seed in sorted(CORPUS.glob("00[12]*.txt")):
        (corpus / seed.name).write_bytes(seed.read_bytes())
    out = root / "parquet"
    run = subprocess.run(
        [sys.executable, "-m", "outputs", "extract", str(corpus), "--out", str(out), "--limit-seconds", "120"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    documents = pd.read_parquet(out / "documents.parquet").assign(name=lambda d: d.path.map(lambda p: Path(p).name))
    return documents.set_index("name"), run, out


def test_the_cli_reports_failures_without_a_traceback(bad_batch):
    documents, run, _ = bad_batch
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    for name, row in documents[documents.status == "failed"].iterrows():
        assert f"failed: {row.path}: {row.reason}" in run.stderr.splitlines(), name


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_file_gets_a_row_with_a_one_line_reason(bad_batch, name: str):
    documents, _, _ = bad_batch
    row = documents.loc[name]
    expected = "partial" if name == "english.txt" else "failed"
    assert row.status == expected, (row.status, row.reason)
    assert row.reason and "\n" not in row.reason


def test_a_non_vietnamese_document_is_flagged(bad_batch):
    documents, _, _ = bad_batch
    assert "not Vietnamese text" in documents.loc["english.txt"].reason


@pytest.mark.parametrize("name", sorted(READ))
def test_safe_oddities_are_read(bad_batch, name: str):
    documents, _, _ = bad_batch
    assert documents.loc[name].status in {"ok", "partial"}, documents.loc[name].reason


def test_format_comes_from_content_and_no_external_entity_is_resolved(bad_batch):
    documents, _, out = bad_batch
    assert documents.loc["really a docx.pdf"].format == "docx"
    assert documents.loc["500 pages.pdf"].pages == LONG_PDF_PAGES
    texts = pd.read_parquet(out / "texts.parquet")
    assert not texts.raw_text.str.contains(SECRET).any()


def test_every_good_document_and_every_table_is_still_written(bad_batch):
    documents, _, out = bad_batch
    assert len(documents) == len(BAD) + len(READ) + 2
    assert (documents.loc[[n for n in documents.index if n.startswith("00")]].status == "ok").all()
    for name in TABLES:
        assert (out / f"{name}.parquet").is_file()


VIETNAMESE_AND_LAYOUT = "ĐđƯưƠơẠạẢảÃãÂâĂă\u0300\u0301\u0303\u0309\u0323\t\n\r "
ARBITRARY_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",)) | st.sampled_from(VIETNAMESE_AND_LAYOUT), max_size=400
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARBITRARY_TEXT)
def test_no_normalize_step_raises_on_arbitrary_text(text: str):
    for step in default_steps():
        step(text)
    normalize(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example("0. MỤC TI\na) MỤC TI0:0")  # a goal without indicators once tripped rules.thresholds
@given(ARBITRARY_TEXT | st.sampled_from([SEED.read_text(encoding="utf-8")[i : i + 400] for i in range(0, 4000, 97)]))
def test_no_rule_family_raises_on_arbitrary_text(text: str):
    rules.pipeline.run(normalize(text).text)
