"""A batch: every input file through `process`, then all tables written at once."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from outputs.build import DocumentResult, ManifestFacts, failed, process
from outputs.manifest import MANIFEST_NAME, read_manifest
from outputs.write import write_tables

# Files in a corpus folder that describe the corpus rather than belong to it.
NOT_DOCUMENTS = {MANIFEST_NAME, "README.md"}


def discover(paths: Iterable[Path]) -> list[Path]:
    """The files named, and every document file below the folders named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.name not in NOT_DOCUMENTS and not any(part.startswith(".") for part in p.parts)
            )
        else:
            found.append(path)
    return found


def _facts(path: Path, manifests: dict[Path, dict[str, ManifestFacts]]) -> ManifestFacts | None:
    folder = path.parent
    if folder not in manifests:
        manifests[folder] = read_manifest(folder / MANIFEST_NAME)
    return manifests[folder].get(path.name)


def process_safely(path: Path, facts: ManifestFacts | None) -> DocumentResult:
    """One bad document must never stop the batch: anything unexpected becomes a failed row."""
    try:
        return process(path, facts)
    except Exception as error:  # noqa: BLE001 - the reason is reported in the documents table
        first_line = (str(error).splitlines() or [""])[0]
        return failed(path, f"internal error ({type(error).__name__}): {first_line}", facts or ManifestFacts())


@dataclass(frozen=True)
class BatchReport:
    results: tuple[DocumentResult, ...]

    @property
    def failures(self) -> tuple[DocumentResult, ...]:
        return tuple(r for r in self.results if r.failed)


def run_batch(paths: Sequence[Path], out_dir: Path) -> BatchReport:
    manifests: dict[Path, dict[str, ManifestFacts]] = {}
    results = tuple(process_safely(path, _facts(path, manifests)) for path in discover(paths))
    write_tables(_collect(results), out_dir)
    return BatchReport(results)


def _collect(results: Iterable[DocumentResult]) -> dict[str, list]:
    tables: dict[str, list] = {"documents": [], "texts": []}
    for result in results:
        tables["documents"].append(result.document)
        if result.text is not None:
            tables["texts"].append(result.text)
        for name, rows in result.findings.items():
            tables.setdefault(name, []).extend(rows)
    return tables
