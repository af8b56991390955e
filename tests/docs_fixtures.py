"""Session fixtures for the extract tests: seed documents as PDF and DOCX, and bad inputs, built once.

Loaded as a pytest plugin (`pytest_plugins = ["tests.docs_fixtures"]`); helpers live in tests/docs_builders.py.
"""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pikepdf
import pytest

from tests.docs_builders import SECRET, SEEDS, BuiltPdf, build_docx, build_pdf, seed_text, zip_bomb, zip_bytes


@pytest.fixture(scope="session")
def docs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("extract docs ăn ở")


@pytest.fixture(scope="session")
def seed_pdfs(docs_dir: Path) -> dict[str, BuiltPdf]:
    return {key: build_pdf(seed_text(key), docs_dir / f"{key}.pdf") for key in SEEDS}


@pytest.fixture(scope="session")
def seed_docx(docs_dir: Path) -> dict[str, Path]:
    built = {}
    for key in SEEDS:
        built[key] = docs_dir / f"{key}.docx"
        build_docx(seed_text(key), built[key])
    return built


@pytest.fixture(scope="session")
def bad_files(docs_dir: Path, seed_pdfs: dict[str, BuiltPdf], seed_docx: dict[str, Path]) -> dict[str, Path]:
    """name → file that must fail extraction cleanly."""
    folder = docs_dir / "bad"
    folder.mkdir()
    pdf_bytes = seed_pdfs["002"].path.read_bytes()
    contents = {
        "zero.txt": b"",
        "truncated.pdf": pdf_bytes[: len(pdf_bytes) // 2],
        "corrupt.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n",
        "corrupt_zip.docx": b"PK\x03\x04" + bytes(range(256)) * 4,
        "junk.docx": bytes(range(256)) * 8,
        "junk.txt": bytes(range(256)) * 8,
        "no_word.docx": zip_bytes({"hello.txt": b"hi"}),
        "bomb.docx": zip_bomb(seed_docx["002"].read_bytes()),
    }
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    with pikepdf.open(seed_pdfs["002"].path) as pdf:
        pdf.save(folder / "encrypted.pdf", encryption=pikepdf.Encryption(user="secret", owner="secret"))
    return {name: folder / name for name in [*contents, "encrypted.pdf"]}


@pytest.fixture(scope="session")
def owner_locked_pdf(docs_dir: Path, seed_pdfs: dict[str, BuiltPdf]) -> Path:
    """Encrypted with an owner password only: opens without one, as readers do."""
    path = docs_dir / "owner_locked.pdf"
    with pikepdf.open(seed_pdfs["002"].path) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="", owner="secret"))
    return path


@pytest.fixture(scope="session")
def docx_named_pdf(docs_dir: Path, seed_docx: dict[str, Path]) -> Path:
    path = docs_dir / "really a docx.pdf"
    shutil.copy(seed_docx["002"], path)
    return path


@pytest.fixture(scope="session")
def entity_docx(docs_dir: Path, seed_docx: dict[str, Path]) -> Path:
    """A DOCX whose document.xml declares an external entity pointing at a local file holding SECRET."""
    secret = docs_dir / "secret.txt"
    secret.write_text(SECRET)
    source = zipfile.ZipFile(seed_docx["002"])
    members = {name: source.read(name) for name in source.namelist()}
    xml = members["word/document.xml"].decode("utf-8")
    declaration, body = xml.split("?>", 1)
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    body = body.replace("<w:body>", "<w:body><w:p><w:r><w:t>before &xxe; after</w:t></w:r></w:p>", 1)
    members["word/document.xml"] = (declaration + "?>" + doctype + body).encode("utf-8")
    path = docs_dir / "entity.docx"
    path.write_bytes(zip_bytes(members))
    return path
