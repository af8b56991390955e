"""LibreOffice-converted formats: real .doc/.rtf files read, one converter process per batch, bad files fail alone.

LibreOffice is a declared system package (`make system-deps` installs it), so these tests never skip.
"""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from extract import DEFAULT_LIMITS, ExtractionError, extract, libreoffice, office_conversions
from extract.office import CONVERSIONS_VARIABLE
from tests.paths import LEGACY

REAL_OFFICE_FILES = ["2003-A-15.rtf", "2004-0328NDCP.doc", "2006-quydinhkiemtra02.doc"]


def write_zeroed_doc(path: Path) -> None:
    """A .doc whose streams are zeroed and whose OLE2 directory is kept: sniffed as Word, refused by LibreOffice.
    (LibreOffice imports some other damaged .doc files as plain text; those come out `partial`, not Vietnamese.)"""
    damaged = bytearray((LEGACY / "2009-download.doc").read_bytes())
    damaged[512:-4096] = bytes(len(damaged) - 4096 - 512)
    path.write_bytes(bytes(damaged))


@pytest.fixture(scope="module")
def odt_named_doc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An OpenDocument text named .doc: the name lies, the content decides."""
    folder = tmp_path_factory.mktemp("odt")
    source = folder / "plan.docx"
    built = docx.Document()
    built.add_paragraph("KẾ HOẠCH thực hiện Chiến lược quốc gia về bình đẳng giới")
    built.save(str(source))
    subprocess.run(
        [libreoffice.soffice(), f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
         "--convert-to", "odt", "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=120,
    )
    return (folder / "plan.odt").rename(folder / "plan.doc")


@pytest.fixture(scope="module")
def converted(odt_named_doc: Path) -> Iterator[None]:
    """The files converted once, as a batch does: a LibreOffice start with a new profile takes seconds."""
    with office_conversions([*(LEGACY / name for name in REAL_OFFICE_FILES), odt_named_doc]):
        yield


@pytest.mark.parametrize("name", REAL_OFFICE_FILES)
def test_real_legacy_file_is_converted_and_read(converted: None, name: str) -> None:
    document = extract(LEGACY / name)
    suffix = Path(name).suffix.lstrip(".")
    assert document.format == f"{suffix} (libreoffice)"
    assert len(document.text) > 1000


def test_tcvn3_soft_hyphen_survives_conversion(converted: None) -> None:
    """In TCVN3 the byte 0xAD is "ư"; DOCX stores it as <w:softHyphen/>, which must not be lost."""
    text = extract(LEGACY / "2003-A-15.rtf").text
    assert "n\u00adíc" in text  # "nước"


def test_odt_is_converted(converted: None, odt_named_doc: Path) -> None:
    document = extract(odt_named_doc)
    assert document.format == "odt (libreoffice)"
    assert document.text == "KẾ HOẠCH thực hiện Chiến lược quốc gia về bình đẳng giới"


def test_batch_uses_one_converter_process_and_a_bad_file_fails_alone(tmp_path: Path, monkeypatch) -> None:
    corrupt = tmp_path / "corrupt.doc"
    write_zeroed_doc(corrupt)
    files = [LEGACY / "2004-0328NDCP.doc", corrupt, LEGACY / "2009-download.doc", LEGACY / "2003-A-15.rtf"]
    started = []
    real_popen = subprocess.Popen

    def counting_popen(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.append(args[0])
        return real_popen(*args, **kwargs)

    monkeypatch.setattr(libreoffice.subprocess, "Popen", counting_popen)
    with office_conversions(files):
        folder = Path(os.environ[CONVERSIONS_VARIABLE])
        assert len(started) == 1
        read = {path.name: extract(path) for path in files if path != corrupt}
        with pytest.raises(ExtractionError, match="LibreOffice could not open it"):
            extract(corrupt)
    assert len(started) == 1  # every read came from the batch's conversions
    assert all(len(document.text) > 1000 for document in read.values())
    assert not folder.exists()


FAKE_SOFFICE = """#!/bin/sh
# Stands in for soffice: copies a DOCX for each file, and hangs on a file whose content says HANG.
for arg in "$@"; do
  case "$arg" in
    *.doc) if grep -q HANG "$arg"; then sleep 30; fi
           cp "{docx}" "{out}/$(basename "$arg" .doc).docx"; echo "convert $arg -> x using filter : x";;
  esac
done
"""


def test_a_hanging_file_times_out_alone(tmp_path: Path, monkeypatch) -> None:
    good = docx.Document()
    good.add_paragraph("Kế hoạch")
    good.save(str(tmp_path / "good.docx"))
    out = tmp_path / "out"
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(FAKE_SOFFICE.format(docx=tmp_path / "good.docx", out=out))
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(libreoffice, "soffice", lambda: str(fake))
    monkeypatch.setattr(libreoffice, "STARTUP_SECONDS", 0.0)
    ole2 = (LEGACY / "2009-download.doc").read_bytes()
    sources = []
    for index, marker in enumerate([b"", b"HANG", b""]):
        path = tmp_path / f"{index}.doc"
        path.write_bytes(ole2 + marker)
        sources.append(libreoffice.Source(path, f"file{index}", "doc"))
    libreoffice.convert(sources, out, seconds_per_file=2.0)
    assert (out / "file0.docx").exists() and (out / "file2.docx").exists()
    assert (out / "file1.failed").read_text() == "LibreOffice took over 2 s to convert it"


def test_libreoffice_is_installed() -> None:
    """CI installs it through `make system-deps`; a missing converter is a set-up error, not a skip."""
    assert shutil.which("soffice") is not None
    assert DEFAULT_LIMITS.conversion_seconds > 0


def test_batch_run_reads_converted_files_in_its_workers(tmp_path: Path, monkeypatch) -> None:
    from outputs.run.batch import run_batch
    from outputs.run.settings import RunSettings

    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("2009-download.doc", "2003-A-15.rtf"):
        shutil.copy(LEGACY / name, folder / name)
    write_zeroed_doc(folder / "hong.doc")
    started = []
    real_popen = subprocess.Popen
    monkeypatch.setattr(libreoffice.subprocess, "Popen", lambda *a, **k: started.append(a) or real_popen(*a, **k))
    report = run_batch([folder], tmp_path / "out", settings=RunSettings(workers=2))
    rows = {Path(result.document.path).name: result.document for result in report.results}
    assert len(started) == 1  # the workers read the batch's conversions
    assert (rows["2009-download.doc"].status, rows["2009-download.doc"].format) == ("ok", "doc (libreoffice)")
    assert (rows["2003-A-15.rtf"].status, rows["2003-A-15.rtf"].format) == ("ok", "rtf (libreoffice)")
    assert (rows["hong.doc"].status, rows["hong.doc"].reason) == (
        "failed", "LibreOffice could not open it (corrupt, or not the format its content suggests)",
    )
