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
from dataclasses import dataclass
from pathlib import Path

import pypdfium2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import rules.pipeline  # noqa: E402
from extract import extract  # noqa: E402
from normalize import normalize  # noqa: E402
from normalize.repair import restore_glyphs  # noqa: E402
from outputs.run.batch import run_batch  # noqa: E402
from outputs.run.settings import RunSettings  # noqa: E402
from tests.pdf_fixtures import paragraphs_docx, typeset_pdf  # noqa: E402

SEEDS = sorted((ROOT / "corpus").glob("*.txt"))
FORMATS = ("pdf", "docx", "txt")
SCALES = (10, 100, 1000)
BUDGET_SECONDS = 20.0
SPEEDUP_SCALE = 10
DAMAGED_SEED = "003"  # the seed whose PDF lost glyphs: its extracted text is damaged text
RESTORATION_REPEATS = 3


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


@dataclass
class Stage:
    """Units of work and the seconds they took, over the documents a stage covered."""

    units: int = 0
    items: int = 0
    seconds: float = 0.0

    def add(self, units: int, since: float) -> float:
        now = time.perf_counter()
        self.units, self.items, self.seconds = self.units + units, self.items + 1, self.seconds + now - since
        return now

    def figures(self) -> dict[str, float]:
        rate = self.units / self.seconds if self.seconds else 0.0
        return {"units": self.units, "items": self.items, "seconds": self.seconds, "rate": rate}


def measure_scale(scale: int) -> dict[str, object]:
    """Each document through extract → normalize → rules, every stage timed on its own; no text is kept
    from one document to the next, so the peak memory is one document's, whatever the corpus."""
    with tempfile.TemporaryDirectory() as folder:
        corpus = build_corpus(build_seeds(Path(folder)), scale, _empty_folder(Path(folder) / "corpus"))
        # DOCX and text have no pages: each counts the pages its seed has as PDF.
        seed_pages = {_seed_of(path): len(pypdfium2.PdfDocument(path)) for path in corpus["pdf"][: len(SEEDS)]}
        stages = {name: Stage() for name in (*(f"extract_{f}" for f in FORMATS), "repair", "rules")}
        for file_format in FORMATS:
            start = time.perf_counter()
            for path in corpus[file_format]:
                _through_stages(path, stages, seed_pages)
                if time.perf_counter() - start > BUDGET_SECONDS:
                    break
        figures: dict[str, object] = {"scale": scale, **{name: stage.figures() for name, stage in stages.items()}}
        figures["raw_pdfium"] = timed(corpus["pdf"], _raw_pdfium_pages)
        figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        figures["corpus_docs"] = sum(len(paths) for paths in corpus.values())
    return figures


def _through_stages(path: Path, stages: dict[str, Stage], seed_pages: dict[str, int]) -> None:
    start = time.perf_counter()
    document = extract(path)
    after_extract = stages[f"extract_{path.suffix[1:]}"].add(len(document.pages) or seed_pages[_seed_of(path)], start)
    text = normalize(document.text).text
    after_repair = stages["repair"].add(len(document.text), after_extract)
    stages["rules"].add(_findings(text), after_repair)


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


def measure_restoration() -> dict[str, float]:
    """Characters per second of CPU through the glyph restoration alone, best of a few runs: the damaged seed,
    and the clean seeds, which the step only scans for damage."""
    step = restore_glyphs()  # loads the bundled model and its vocabulary, once per process

    def rate(texts: list[str]) -> float:
        best = min(_cpu_seconds(lambda: [step(text) for text in texts]) for _ in range(RESTORATION_REPEATS))
        return sum(map(len, texts)) / best

    texts = {seed.stem.split("_")[0]: seed.read_text(encoding="utf-8") for seed in SEEDS}
    clean = [text for name, text in texts.items() if name != DAMAGED_SEED]
    return {"damaged": rate([texts[DAMAGED_SEED]]), "clean": rate(clean)}


def _cpu_seconds(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


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


def report(scales: list[dict], speedup: dict, restoration: dict) -> None:
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
        f"glyph restoration alone, characters per CPU second (best of {RESTORATION_REPEATS}): "
        f"damaged seed {DAMAGED_SEED} {restoration['damaged']:,.0f}, clean seeds {restoration['clean']:,.0f}"
    )
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
    report(scales, measure_speedup(), measure_restoration())


if __name__ == "__main__":
    main()
