"""The one error every extract backend raises for input it cannot read."""
from __future__ import annotations

from pathlib import Path


class ExtractionError(Exception):
    """A file that cannot be read; `reason` is one line, meant for the user."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = " ".join(reason.split())
        super().__init__(f"{self.path}: {self.reason}")
