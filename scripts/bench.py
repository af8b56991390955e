"""`make bench`: throughput and memory of every stage on synthetic corpora of 10×, 100× and 1,000× the seed pages.

The seeds are typeset once as PDF (fpdf2) and DOCX (python-docx) beside their text; a corpus at scale k
holds k hard-linked copies of each. Every scale runs in a fresh process so that its peak memory is its own.
A stage reads documents until the corpus or its time budget ends; the table says how much it covered.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pypdfium2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import rules.pipeline  # noqa: E402
from extract import extract  # noqa: E402
from normalize import normalize  # noqa: E402
from outputs.run.batch import run_batch  # noqa: E402
from outputs.run.settings import RunSettings  # noqa: E402
from tests.pdf_fixtures import paragraphs_docx, typeset_pdf  # noqa: E402

SEEDS = sorted((ROOT / "corpus").glob("*.txt"))
FORMATS = ("pdf", "docx", "txt")
SCALES = (10, 100, 1000)
BUDGET_SECONDS = 20.0
SPEEDUP_SCALE = 10


def build_seeds(folder: Path) -> dict[str, list[Path]]:
    made: dict[str, list[Path]] = {f: [] for f in FORMATS}
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        lines = text.replace("\t", "    ").splitlines()  # the font has no tab glyph
        typeset = {"pdf": typeset_pdf(lines, 11), "docx": paragraphs_docx(text), "txt": seed.read_bytes()}
        for file_format, data in typeset.items():
            path = folder / f"{seed.stem}.{file_format}"
            path.write_bytes(data)
            made[file_format].append(path)
    return made


def build_corpus(seeds: dict[str, list[Path]], scale: int, folder: Path) -> dict[str, list[Path]]:
    corpus: dict[str, list[Path]] = {}
    for file_format, paths in seeds.items():
        corpus[file_format] = []
        for copy in range(scale):
            for seed in paths:
                target = folder / f"{copy:04d}_{seed.name}"
                os.link(seed, target)
                corpus[file_format].append(target)
    return corpus


def timed(items: Iterable, work: Callable[[object], int]) -> dict[str, float]:
    """Units of work per second over the items, until they or the budget run out."""
    units = done = 0
    start = time.perf_counter()
    for item in items:
        units += work(item)
        done += 1
        if time.perf_counter() - start > BUDGET_SECONDS:
            break
    seconds = time.perf_counter() - start
    return {"units": units, "items": done, "seconds": seconds, "rate": units / seconds if seconds else 0.0}


def _seed_of(copy: Path) -> str:
    return copy.stem.split("_", 1)[1]


def _raw_pdfium_pages(path: object) -> int:
    document = pypdfium2.PdfDocument(str(path))
    for page in document:
        page.get_textpage().get_text_bounded()
    count = len(document)
    document.close()
    return count


def measure_scale(scale: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        corpus = build_corpus(build_seeds(Path(folder)), scale, _empty_folder(Path(folder) / "corpus"))
        figures: dict[str, object] = {"scale": scale}
        texts: list[str] = []
        # DOCX and text have no pages: each counts the pages its seed has as PDF.
        seed_pages = {_seed_of(path): len(pypdfium2.PdfDocument(path)) for path in corpus["pdf"][: len(SEEDS)]}

        def extract_pages(path: object) -> int:
            document = extract(Path(str(path)))
            texts.append(document.text)
            return len(document.pages) or seed_pages[_seed_of(Path(str(path)))]

        for file_format in FORMATS:
            figures[f"extract_{file_format}"] = timed(corpus[file_format], extract_pages)
        figures["raw_pdfium"] = timed(corpus["pdf"], _raw_pdfium_pages)
        normalized: list[str] = []

        def repair_chars(text: object) -> int:
            normalized.append(normalize(str(text)).text)
            return len(str(text))

        figures["repair"] = timed(texts, repair_chars)
        figures["rules"] = timed(normalized, lambda text: _findings(str(text)))
        figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        figures["corpus_docs"] = sum(len(paths) for paths in corpus.values())
    return figures


def _findings(text: str) -> int:
    found = rules.pipeline.run(text)
    return sum(len(getattr(found, name)) for name in ("sections", "goals", "targets", "tasks", "deadlines",
                                                       "assignments", "references"))


def measure_speedup() -> dict[str, float]:
    """The whole batch (extract → normalize → rules → Parquet) with 1 and 2 workers, no cache."""
    with tempfile.TemporaryDirectory() as folder:
        corpus = build_corpus(build_seeds(Path(folder)), SPEEDUP_SCALE, _empty_folder(Path(folder) / "corpus"))
        seconds = {}
        for workers in (1, 2):
            start = time.perf_counter()
            run_batch([Path(folder) / "corpus"], Path(folder) / f"out{workers}", settings=RunSettings(workers=workers))
            seconds[workers] = time.perf_counter() - start
        return {"docs": sum(len(paths) for paths in corpus.values()), "one": seconds[1], "two": seconds[2]}


def _empty_folder(folder: Path) -> Path:
    folder.mkdir()
    return folder


def _scale_in_fresh_process(scale: int) -> dict:
    run = subprocess.run([sys.executable, __file__, "--one-scale", str(scale)], capture_output=True, text=True,
                         check=True)
    return json.loads(run.stdout.splitlines()[-1])


ROWS = (
    ("extract_pdf", "PDF pages/s (pdfium + pdfplumber where tables)"),
    ("raw_pdfium", "PDF pages/s, raw pypdfium2 text"),
    ("extract_docx", "DOCX pages/s (seed-PDF page equivalents)"),
    ("extract_txt", "text pages/s (seed-PDF page equivalents)"),
    ("repair", "repair (normalize) chars/s"),
    ("rules", "rules findings/s"),
)


def report(scales: list[dict], speedup: dict) -> None:
    print(f"\n{'stage':<48}" + "".join(f"{str(s['scale']) + '×':>14}" for s in scales))
    for key, label in ROWS:
        print(f"{label:<48}" + "".join(f"{s[key]['rate']:>14,.0f}" for s in scales))
    print(f"{'peak memory (MB, max RSS of the run)':<48}" + "".join(f"{s['peak_mb']:>14,.0f}" for s in scales))
    print(f"{'documents in the corpus':<48}" + "".join(f"{s['corpus_docs']:>14,}" for s in scales))
    print(f"{'coverage: documents read by rules':<48}" + "".join(f"{s['rules']['items']:>14,}" for s in scales))
    pdf_share = [s["extract_pdf"]["rate"] / s["raw_pdfium"]["rate"] for s in scales if s["raw_pdfium"]["rate"]]
    print("\nPDF extract / raw pypdfium2: " + ", ".join(f"{share:.0%}" for share in pdf_share))
    print(f"stages stop after {BUDGET_SECONDS:.0f} s each; rates are over what they covered")
    print(
        f"whole batch, {speedup['docs']} documents ({SPEEDUP_SCALE}× the seeds in 3 formats): "
        f"1 worker {speedup['one']:.1f} s, 2 workers {speedup['two']:.1f} s, "
        f"speed-up {speedup['one'] / speedup['two']:.2f}× on {os.cpu_count()} CPUs"
    )


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--scales", default=",".join(map(str, SCALES)))
    options.add_argument("--one-scale", type=int, help=argparse.SUPPRESS)
    args = options.parse_args()
    if args.one_scale:
        print(json.dumps(measure_scale(args.one_scale)))
        return
    scales = [_scale_in_fresh_process(int(scale)) for scale in args.scales.split(",")]
    report(scales, measure_speedup())


if __name__ == "__main__":
    main()
