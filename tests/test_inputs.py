"""What a run reads and what it refuses, without running documents: discovery, hashing, the manifest,
the cache, and names of any bytes."""
from __future__ import annotations

import gzip
import os
import pickle
from pathlib import Path

import pytest

import extract
from extract.backend import Content
from extract.marks import UNKNOWN
from extract.names import printable_path
from extract.reading import NotReadable, read_capped
from outputs.run.cache import ResultCache
from outputs.run.inputs import discover, file_sha256
from outputs.run.manifest import ManifestError, Manifests, read_manifest
from outputs.run.result import ManifestFacts

MARKER_NAME = "code ran"


class _Planted:
    """A pickle that runs code when loaded: what an attacker would put in a pickled cache."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.write_text, (self.marker, "pwned"))


def _problems(inputs) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    return {item.path.name: item.problem for item in inputs}


def test_a_folder_gives_a_reason_for_everything_it_does_not_read(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plan.txt").write_text("Kế hoạch", encoding="utf-8")
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "gone.txt").symlink_to(corpus / "deleted.txt")
    (corpus / "inside.txt").symlink_to(corpus / "plan.txt")
    problems = _problems(discover([corpus]))
    assert problems == {
        "gone.txt": "dangling symlink: not read",
        "inside.txt": None,
        "passwd.txt": "symlink leading out of the input folder: not followed",
        "pipe.txt": "a named pipe, not a regular file: not read",
        "plan.txt": None,
    }


def test_a_device_or_a_missing_path_named_on_the_command_line_gets_a_reason(tmp_path: Path):
    problems = {str(i.path): i.problem for i in discover([Path("/dev/zero"), tmp_path / "typo.txt"])}
    assert problems == {
        "/dev/zero": "a character device, not a regular file: not read",
        str(tmp_path / "typo.txt"): "cannot open: No such file or directory",
    }


def test_an_unreadable_subfolder_gets_a_reason(tmp_path: Path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "plan.txt").write_text("Kế hoạch", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path).name == "locked":  # as root, chmod 000 would not stop the walk
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert _problems(discover([tmp_path])) == {"locked": "folder not read: Permission denied", "plan.txt": None}


def test_the_output_and_cache_folders_are_never_inputs(tmp_path: Path):
    (tmp_path / "plan.txt").write_text("Kế hoạch", encoding="utf-8")
    for folder in ("out", "cache", "runs/out"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "documents.parquet").write_bytes(b"PAR1")
    excluded = [tmp_path / "out", tmp_path / "cache", tmp_path / "runs" / "out"]
    assert _problems(discover([tmp_path], excluded)) == {"plan.txt": None}


def test_a_path_given_twice_is_one_input(tmp_path: Path):
    (tmp_path / "plan.txt").write_text("Kế hoạch", encoding="utf-8")
    assert len(discover([tmp_path / "plan.txt", tmp_path, tmp_path / "plan.txt"])) == 1


def test_pipes_devices_and_files_over_the_cap_are_never_read(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "big.txt").write_bytes(b"a" * 2048)
    for path, reason in (
        (tmp_path / "pipe", "a named pipe"),
        (Path("/dev/zero"), "a character device"),
        (tmp_path / "big.txt", "over the size limit"),
    ):
        with pytest.raises(NotReadable, match=reason):
            file_sha256(path, 1024)
        with pytest.raises(NotReadable, match=reason):
            read_capped(path, 1024)


def test_names_of_any_bytes_print_as_one_escaped_line():
    assert printable_path(Path(os.fsdecode(b"k\xe9 ho\xb8ch.txt"))) == "k\\xe9 ho\\xb8ch.txt"
    assert printable_path("a\nfailed: forged.txt") == "a\\x0afailed: forged.txt"
    assert printable_path("\u202etxt.exe") == "\\u202etxt.exe"
    assert printable_path("Kế hoạch tỉnh Lạng Sơn.txt") == "Kế hoạch tỉnh Lạng Sơn.txt"


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"province,period\nLai Chau,2025\n", "no 'file' column"), (b"file,province\nx.txt,L\xe0o Cai\n", "unreadable")],
    ids=["no file column", "not UTF-8"],
)
def test_a_broken_manifest_is_ignored_with_a_note(tmp_path: Path, content: bytes, problem: str):
    (tmp_path / "manifest.csv").write_bytes(content)
    with pytest.raises(ManifestError, match=problem):
        read_manifest(tmp_path / "manifest.csv")
    manifests = Manifests()
    assert manifests.facts(tmp_path / "x.txt") is None
    assert manifests.problems == (f"manifest ignored: {tmp_path / 'manifest.csv'}: {problem}" + " (UnicodeDecodeError)"
                                  * (problem == "unreadable"),)


def test_a_planted_cache_entry_never_runs_code(tmp_path: Path):
    cache = ResultCache(tmp_path / "cache")
    key = cache.key("0" * 64, ManifestFacts())
    entry = tmp_path / "cache" / key[:2] / f"{key}.json.gz"
    entry.parent.mkdir(parents=True)
    marker = tmp_path / MARKER_NAME
    (entry.parent / f"{key}.pickle").write_bytes(pickle.dumps(_Planted(marker)))
    for planted in (pickle.dumps(_Planted(marker)), gzip.compress(b'{"document": {"evil": 1}}'), b"\x1f\x8b junk"):
        entry.write_bytes(planted)
        assert cache.get(key, tmp_path / "plan.txt") is None
    assert not marker.exists()


def test_a_manifest_saved_with_a_bom_is_read(tmp_path: Path):
    (tmp_path / "manifest.csv").write_bytes("\ufefffile,province\nx.txt,Lào Cai\n".encode())
    assert read_manifest(tmp_path / "manifest.csv")["x.txt"].province == "Lào Cai"


def test_a_lone_surrogate_from_a_reader_becomes_the_unknown_mark(tmp_path: Path, monkeypatch):
    """Lone surrogates cannot be written as UTF-8: one would fail the Parquet files of the whole batch."""
    (tmp_path / "plan.txt").write_text("Kế hoạch", encoding="utf-8")
    reader = lambda path, data, limits: Content(text="Kế\ud800hoạch")  # noqa: E731
    monkeypatch.setitem(extract.BACKENDS, "txt", (reader, "txt"))
    assert extract.extract(tmp_path / "plan.txt").text == f"Kế{UNKNOWN}hoạch"
