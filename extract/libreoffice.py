"""One soffice process converts a list of files to DOCX, each within its own time limit.

soffice reports each file on one line, in the order given: "convert SOURCE -> TARGET ..." once it has
loaded a file, "Error: source file could not be loaded" when it could not. So the line count tells which
file it is working on: a file that gets no line within its time is the one it hangs on; the process is
killed, that file fails with the reason, and a new process takes the files after it. Every file ends as
`<sha256>.docx` or `<sha256>.failed` (the one-line reason) in the output folder.
"""
from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

CONVERTED_SUFFIX = ".docx"
FAILED_SUFFIX = ".failed"
# Starting LibreOffice and creating its profile comes on top of the first file's time.
STARTUP_SECONDS = 60.0
NOT_LOADED = "Error: source file could not be loaded"


@dataclass(frozen=True)
class Source:
    path: Path
    sha256: str
    format: str  # the sniffed format, given to LibreOffice as the extension, whatever the file's own name


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed: run `make system-deps`")
    return found


def convert(sources: list[Source], out: Path, seconds_per_file: float) -> None:
    """Convert every source into `out`; a file that fails leaves its reason there instead."""
    staged = out / "in"
    staged.mkdir(parents=True, exist_ok=True)
    links = []
    for source in sources:
        link = staged / f"{source.sha256}.{source.format}"
        if not link.exists():
            link.symlink_to(source.path.resolve())
        links.append(link)
    try:
        executable = soffice()
    except FileNotFoundError as error:
        for source in sources:
            _fail(out, source, str(error))
        return
    remaining = list(zip(sources, links, strict=True))
    while remaining:
        done, stop_reason = _run_until_stuck(executable, [link for _, link in remaining], out, seconds_per_file)
        for source, _ in remaining[:done]:
            if not (out / f"{source.sha256}{CONVERTED_SUFFIX}").exists() and not _failed(out, source):
                _fail(out, source, "LibreOffice wrote no DOCX for it")
        if stop_reason is not None and done < len(remaining):
            _fail(out, remaining[done][0], stop_reason)
            done += 1
        remaining = remaining[done:]


def _run_until_stuck(executable: str, files: list[Path], out: Path, seconds_per_file: float) -> tuple[int, str | None]:
    """Run one soffice over `files`: how many it reported on, and why it stopped before the next one (None when
    it went through them all)."""
    profile = (out / "profile").resolve().as_uri()
    command = [executable, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "docx", "--outdir", str(out), *map(str, files)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               text=True, errors="replace", start_new_session=True)
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_pump, args=(process, lines), daemon=True).start()
    reported = 0
    deadline = time.monotonic() + STARTUP_SECONDS + seconds_per_file
    too_long = f"LibreOffice took over {seconds_per_file:g} s to convert it"
    try:
        while (line := lines.get(timeout=max(deadline - time.monotonic(), 0))) is not None:
            if line.startswith(NOT_LOADED) and reported < len(files):
                (out / f"{files[reported].stem}{FAILED_SUFFIX}").write_text(
                    "LibreOffice could not open it (corrupt, or not the format its content suggests)", encoding="utf-8"
                )
            if line.startswith(("convert ", NOT_LOADED)):
                reported += 1
                deadline = time.monotonic() + seconds_per_file
        process.wait(timeout=max(deadline - time.monotonic(), 1))
    except (queue.Empty, subprocess.TimeoutExpired):
        return reported, too_long
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    stopped = f"LibreOffice stopped while converting it (exit code {process.returncode})"
    return reported, None if reported >= len(files) else stopped


def _pump(process: subprocess.Popen[str], lines: queue.Queue[str | None]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        lines.put(line.strip())
    lines.put(None)


def _fail(out: Path, source: Source, reason: str) -> None:
    (out / f"{source.sha256}{FAILED_SUFFIX}").write_text(reason, encoding="utf-8")


def _failed(out: Path, source: Source) -> bool:
    return (out / f"{source.sha256}{FAILED_SUFFIX}").exists()
