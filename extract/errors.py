"""The one error every extract backend raises for input it cannot read."""
from __future__ import annotations

import re
from pathlib import Path

from extract.names import printable, printable_path

# Object addresses ("<_io.BytesIO object at 0x7f…>") that libraries put in messages: they differ per run.
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


class ExtractionError(Exception):
    """A file that cannot be read; `reason` is one line, meant for the user."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = printable_path(path)
        self.reason = printable(" ".join(ADDRESS.sub("", reason).split()))
        super().__init__(f"{self.path}: {self.reason}")
