"""What a run reads: the files named and the files below the folders named, each either to be read or
with the reason it is not.

Only regular files are read. Below a folder, a symlink that leads out of the folder is not followed
(a planted link to /etc/passwd would land in `texts`), and pipes, devices, dangling links and
unreadable subfolders each get a reason instead of being skipped in silence. The run's own output
and cache folders are never inputs, even when they sit inside an input folder.
"""
from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from extract.reading import NotReadable, capped_blocks, kind_of
from outputs.run.manifest import MANIFEST_NAME

# Files in a corpus folder that describe the corpus rather than belong to it.
NOT_DOCUMENTS = frozenset({MANIFEST_NAME, "README.md"})


@dataclass(frozen=True)
class Input:
    """A file to read (`problem` None), or a path the run reports without reading, and why."""

    path: Path
    problem: str | None = None


def discover(paths: Iterable[Path], excluded: Sequence[Path] = ()) -> list[Input]:
    """The inputs in a stable order; a path named twice is one input."""
    barred = tuple(_resolved(path) for path in excluded)
    found: list[Input] = []
    for path in paths:
        found += _named(path, barred)
    unique = {os.fspath(item.path): item for item in reversed(found)}
    return sorted(unique.values(), key=lambda item: os.fsencode(item.path))


def _named(path: Path, barred: tuple[Path, ...]) -> list[Input]:
    """A path given on the command line: followed if it is a link (the user named it)."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return [Input(path, _os_reason(error))]
    if _inside(_resolved(path), barred):
        return []
    if stat.S_ISDIR(mode):
        return list(_below(path, barred))
    return [_checked(path, mode)]


def _below(root: Path, barred: tuple[Path, ...]) -> Iterator[Input]:
    real_root = _resolved(root)
    problems: list[Input] = []

    def unreadable(error: OSError) -> None:
        problems.append(Input(Path(error.filename), f"folder not read: {error.strerror or error}"))

    for folder, subfolders, files in os.walk(root, onerror=unreadable):
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".") and not _inside(_resolved(Path(folder, name)), barred)
        )
        for name in sorted(files):
            if name.startswith(".") or name in NOT_DOCUMENTS:
                continue
            entry = _entry(Path(folder, name), real_root, barred)
            if entry is not None:
                yield entry
    yield from problems


def _entry(path: Path, real_root: Path, barred: tuple[Path, ...]) -> Input | None:
    """A file found below a folder; None for the run's own files."""
    if path.is_symlink():
        target = _resolved(path)
        if not path.exists():
            return Input(path, "dangling symlink: not read")
        if not _inside(target, (real_root,)):
            return Input(path, "symlink leading out of the input folder: not followed")
    if _inside(_resolved(path), barred):
        return None
    try:
        return _checked(path, path.stat().st_mode)
    except OSError as error:
        return Input(path, _os_reason(error))


def _checked(path: Path, mode: int) -> Input:
    kind = kind_of(mode)
    return Input(path) if kind is None else Input(path, f"{kind}, not a regular file: not read")


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _inside(path: Path, folders: Iterable[Path]) -> bool:
    return any(path == folder or folder in path.parents for folder in folders)


def _os_reason(error: OSError) -> str:
    return f"cannot open: {error.strerror or error}"


def file_sha256(path: Path, max_bytes: int) -> str:
    """The sha256 of a regular file no bigger than `max_bytes`, read once, without blocking on a pipe
    that was put where the file was; NotReadable says why not."""
    digest = hashlib.sha256()
    try:
        for block in capped_blocks(path, max_bytes):
            digest.update(block)
    except OSError as error:
        raise NotReadable(f"cannot read file: {error.strerror or error}") from error
    return digest.hexdigest()
