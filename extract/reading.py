"""A file's bytes, read once and only from a regular file below a size cap.

A named pipe would block the reader forever and a device (/dev/zero) would never end, so the file is
opened without blocking and checked with fstat before a byte is read; the cap is checked on what is
actually read, so a file that grows while it is read is still refused.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from extract.backend import MB

# What `stat` says a file is, for the reason given when it is not a regular file.
KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
BLOCK = 1 << 20


def kind_of(mode: int) -> str | None:
    """None for a regular file, else what the file is (for a one-line reason)."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in KINDS if test(mode)), "not a regular file")


class NotReadable(Exception):
    """One line: why the file's bytes were not read."""


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at `path`; NotReadable for anything else or anything bigger."""
    return b"".join(capped_blocks(path, max_bytes))


def capped_blocks(path: Path, max_bytes: int) -> Iterator[bytes]:
    """The file's bytes block by block, never blocking on a pipe and never past `max_bytes`."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise NotReadable(f"cannot read file: {error.strerror or error}") from error
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        kind = kind_of(os.fstat(descriptor).st_mode)
        if kind is not None:
            raise NotReadable(f"{kind}, not a regular file: not read")
        size = 0
        while block := handle.read(BLOCK):
            size += len(block)
            if size > max_bytes:
                raise NotReadable(f"file is over the size limit of {max_bytes / MB:g} MB: not read")
            yield block
