"""Issue 15: what a careless user or an attacker feeds a run. Each run finishes, the good document
beside the bad ones comes out `ok`, every bad input gets a row with a reason, nothing good is lost."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from normalize import default_steps
from normalize.offsets import Edit
from normalize.steps import NamedStep
from outputs.run.batch import run_batch
from outputs.run.build import NO_LETTERS
from outputs.run.limits import Limits
from outputs.run.settings import RunSettings
from tests.paths import ROOT, SEEDS
from tests.pdf_fixtures import paragraphs_docx

GOOD = SEEDS["000"]  # a plan that reads `ok`
SMALL_PLAN = "KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025 trên địa bàn huyện.\n"
HEADER_WITHOUT_DATE = "ỦY BAN NHÂN DÂN\nHUYỆN MƯỜNG TÈ\nSố: 12/KH-UBND\n"
NON_UTF8_NAME = os.fsdecode(b"k\xe9 ho\xb8ch.txt")
FORGING_NAME = "x\nfailed: forged.txt"
MACRO_TYPE = b"application/vnd.ms-word.document.macroEnabled.main+xml"
TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCX_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
NO_LETTER_TEXTS = {
    "zero width.txt": "\u200b\u200c\u200d" * 200,
    "right to left.txt": "\u202e" * 300,
    "marks.txt": "\u0301\u0323" * 300,
}


def _docx_variant(content_type: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(paragraphs_docx(SMALL_PLAN)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(DOCX_TYPE, content_type)
            target.writestr(item, data)
    return buffer.getvalue()


def _two_documents() -> bytes:
    buffer = io.BytesIO(_docx_variant(DOCX_TYPE))
    with zipfile.ZipFile(buffer, "a") as archive, pytest.warns(UserWarning, match="Duplicate name"):
        archive.writestr("word/document.xml", b"<w:document/>")
    return buffer.getvalue()


def _hostile_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_bytes(GOOD.read_bytes())
    (corpus / "plan again.txt").write_bytes(GOOD.read_bytes())
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "gone.txt").symlink_to(corpus / "deleted.txt")
    (corpus / NON_UTF8_NAME).write_text(HEADER_WITHOUT_DATE + SMALL_PLAN + "Phụ lục 1.\n", encoding="utf-8")
    (corpus / FORGING_NAME).write_bytes(b"\x00\x01\x02" * 500)
    for name, text in NO_LETTER_TEXTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "macros.docm").write_bytes(_docx_variant(MACRO_TYPE))
    (corpus / "template.dotx").write_bytes(_docx_variant(TEMPLATE_TYPE))
    (corpus / "two documents.docx").write_bytes(_two_documents())
    (corpus / "mentions a pdf.txt").write_text("Tệp gốc: %PDF-1.4 (bản quét).\n" + SMALL_PLAN, encoding="utf-8")
    (corpus / "big.txt").write_bytes(b"a" * (2 << 20))
    (corpus / "manifest.csv").write_text("province,period\nLai Chau,2025\n", encoding="utf-8")
    return corpus


def _run(corpus: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    arguments = [str(corpus), "/dev/zero", str(corpus / "good.txt"), str(corpus / "typo.txt"), *extra]
    return subprocess.run(
        [sys.executable, "-m", "outputs", "extract", *arguments, "--out", str(out), "--limit-input-mb", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
        preexec_fn=lambda: os.umask(0o022),  # noqa: PLW1509 - the child only sets its umask
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Two runs over the hostile corpus, with the tables and the cache inside the input folder."""
    corpus = _hostile_corpus(tmp_path_factory.mktemp("hostile"))
    out = corpus / "data" / "parquet"
    first = _run(corpus, out)
    first_documents = (out / "documents.parquet").read_bytes()
    second = _run(corpus, out)
    documents = pd.read_parquet(out / "documents.parquet")
    documents["name"] = documents.path.map(lambda p: p.rsplit("/", 1)[-1])
    return {"first": first, "second": second, "documents": documents.set_index("name"), "out": out,
            "first_documents": first_documents}


pytestmark = pytest.mark.slow  # a batch over every hostile input, twice, and bounded processes


def _row(hostile, name: str) -> pd.Series:  # type: ignore[no-untyped-def]
    return hostile["documents"].loc[name]


def test_the_runs_finish_without_a_traceback_and_the_good_document_is_ok(hostile):
    for run in (hostile["first"], hostile["second"]):
        assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    good = _row(hostile, "good.txt")
    assert (good.status, list(good.duplicate_paths)) == ("ok", [str(Path(good.path).parent / "plan again.txt")])


def test_one_row_per_content_and_unique_keys(hostile):
    documents = hostile["documents"]
    assert documents.doc_id.is_unique and "plan again.txt" not in documents.index
    texts = pd.read_parquet(hostile["out"] / "texts.parquet")
    targets = pd.read_parquet(hostile["out"] / "targets.parquet")
    assert texts.doc_id.is_unique and not targets.duplicated(["doc_id", "start", "seq"]).any()


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("pipe.txt", "a named pipe, not a regular file: not read"),
        ("zero", "a character device, not a regular file: not read"),
        ("passwd.txt", "symlink leading out of the input folder: not followed"),
        ("gone.txt", "dangling symlink: not read"),
        ("typo.txt", "cannot open: No such file or directory"),
        ("big.txt", "file is over the size limit of 1 MB: not read"),
        ("macros.docm", "macro-enabled Word document .docm is not supported; save as .docx"),
        ("template.dotx", "Word template .dotx is not supported; save as .docx"),
        ("two documents.docx", "ZIP container holds two entries of the same name: not read (tampered file?)"),
    ],
)
def test_each_bad_input_fails_alone_with_its_reason(hostile, name: str, reason: str):
    row = _row(hostile, name)
    assert (row.status, row.reason) == ("failed", reason)


def test_nothing_outside_the_inputs_is_read(hostile):
    texts = pd.read_parquet(hostile["out"] / "texts.parquet")
    assert not texts.raw_text.str.contains("root:x:0:0").any()


@pytest.mark.parametrize("name", sorted(NO_LETTER_TEXTS))
def test_text_without_letters_is_partial(hostile, name: str):
    row = _row(hostile, name)
    assert row.status == "partial" and row.reason.startswith(NO_LETTERS)


def test_odd_names_are_kept_escaped_and_cannot_forge_a_line(hostile):
    assert _row(hostile, "k\\xe9 ho\\xb8ch.txt").status == "partial"  # its header has no date: a warning
    assert _row(hostile, "x\\x0afailed: forged.txt").status == "failed"
    assert not any(line.startswith("failed: forged") for line in hostile["first"].stderr.splitlines())


def test_a_text_mentioning_a_pdf_header_is_text(hostile):
    assert _row(hostile, "mentions a pdf.txt").format == "txt"


def test_every_reason_and_warning_is_printed_and_the_manifest_problem_too(hostile):
    lines = hostile["first"].stderr.splitlines()
    for row in hostile["documents"].itertuples():
        if row.status != "ok":
            assert f"{row.status}: {row.path}: {row.reason}" in lines
    assert any(line.startswith("warning: manifest ignored: ") and "no 'file' column" in line for line in lines)


def test_the_second_run_reads_neither_its_tables_nor_its_cache_and_gives_the_same_table(hostile):
    assert hostile["first"].stdout.split(" documents")[0] == hostile["second"].stdout.split(" documents")[0]
    assert "from the cache" in hostile["second"].stdout
    assert (hostile["out"] / "documents.parquet").read_bytes() == hostile["first_documents"]


def test_the_tables_are_readable_by_others_as_the_umask_allows(hostile):
    for table in hostile["out"].iterdir():
        assert table.stat().st_mode & 0o777 == 0o644, table


def test_the_review_index_shows_reasons_and_warnings(hostile, tmp_path: Path):
    subprocess.run(
        [sys.executable, "-m", "outputs", "review", "--tables", str(hostile["out"]), "--out", str(tmp_path)],
        cwd=ROOT, check=True, capture_output=True, timeout=300,
    )
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "the header yields no issue date" in index and "the text has no letters" in index


# Bounded processes: a document that misbehaves in a normalize step, beside the good one.
MARKER = "HỎNGHÓC"


def _misbehaving(action) -> list[NamedStep]:  # type: ignore[no-untyped-def]
    def step(text: str) -> list[Edit]:
        if MARKER in text:
            action()
        return []

    return [NamedStep("misbehave", step), *default_steps()]


def _corpus_with_bad_one(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_bytes(GOOD.read_bytes())
    (corpus / "bad.txt").write_text(f"Kế hoạch {MARKER}\n", encoding="utf-8")
    return corpus


def _hog() -> None:
    """Memory that grows a little at a time, held by a process the document started: the parent's watch
    must see the whole group (an address-space limit in the document's process would not)."""
    subprocess.run(
        [sys.executable, "-c", "import time\nx = []\nwhile True:\n    x.append(bytearray(16 << 20)); time.sleep(0.02)"],
        check=False,
    )


def test_memory_of_everything_a_document_started_is_bounded(tmp_path: Path):
    corpus = _corpus_with_bad_one(tmp_path)
    settings = RunSettings(workers=2, limits=Limits(memory_mb=400, seconds=120))
    started = time.monotonic()
    report = run_batch([corpus], tmp_path / "out", _misbehaving(_hog), settings)
    statuses = {Path(r.document.path).name: (r.document.status, r.document.reason) for r in report.results}
    assert statuses == {"bad.txt": ("failed", "over the memory limit of 400 MB"), "good.txt": ("ok", None)}
    assert time.monotonic() - started < 100


def _start_sleeper(pid_file: Path) -> None:
    sleeper = subprocess.Popen(["sleep", "600"])
    pid_file.write_text(str(sleeper.pid))
    time.sleep(600)


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state == "Z"


def test_what_a_document_started_dies_with_it(tmp_path: Path):
    corpus = _corpus_with_bad_one(tmp_path)
    pid_file = tmp_path / "sleeper.pid"
    steps = _misbehaving(lambda: _start_sleeper(pid_file))
    report = run_batch([corpus], tmp_path / "out", steps, RunSettings(workers=2, limits=Limits(seconds=15)))
    reasons = {Path(r.document.path).name: r.document.reason for r in report.results}
    assert reasons == {"bad.txt": "over the time limit of 15 s", "good.txt": None}
    sleeper = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while not _gone(sleeper) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _gone(sleeper)


def test_a_value_out_of_its_column_range_fails_its_document_only(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_bytes(GOOD.read_bytes())
    (corpus / "huge value.txt").write_text(
        "KẾ HOẠCH\nII. MỤC TIÊU\n1. Mục tiêu 1: Trong lĩnh vực chính trị\n"
        "- Chỉ tiêu 1: đạt 99999999999999999999% vào năm 2030.\n",
        encoding="utf-8",
    )
    report = run_batch([corpus], tmp_path / "out")
    statuses = {Path(r.document.path).name: (r.document.status, r.document.reason) for r in report.results}
    assert statuses["good.txt"] == ("ok", None)
    assert statuses["huge value.txt"][0] == "failed"
    assert statuses["huge value.txt"][1].startswith("a value the tables cannot hold")
    assert report.published and len(pd.read_parquet(tmp_path / "out" / "targets.parquet")) > 0
