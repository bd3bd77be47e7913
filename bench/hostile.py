"""Benchmark: peak memory of the upload check stage for hostile files, beside a normal file.

For each file it measures the check stage an import runs before anything is written: the
upload checks (size, magic bytes, zip members and sizes) and the read-only parse of the first
sheet. Each case runs in a fresh process, so its figure is the growth of that process's peak
RSS (resource.getrusage) over its baseline once the file is in memory, and, in a second pass,
the peak of Python allocations (tracemalloc). Two more cases measure a 100 MB upload: through
the web (the request is refused from its Content-Length, so the body is never read) and
through the command line (which reads the file before the size check refuses it).

    .venv/bin/python bench/hostile.py

Prints a table and writes bench/results/<date>-hostile-input.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CASES = [
    "normal 1,000-row workbook",
    "PDF renamed .xlsx",
    "PNG renamed .xlsx",
    "zip bomb (1 GB of zeros)",
    "zip bomb with lying sizes (64 MB)",
    "XML entity expansion",
    "100 MB upload (web)",
    "100 MB file (command line)",
]
MB = 1024 * 1024


def _normal(rows: int = 1000) -> bytes:
    from tests.security.hostile_files import xlsx

    headers = ["Reference", "Proposed activity", "Owner", "Status", "Progress to date"]
    return xlsx(
        headers,
        [
            [f"A-{i}", f"Action {i}: a proposed activity.", "bench-po", "Underway", "On track."]
            for i in range(rows)
        ],
    )


def _files() -> dict[str, Callable[[], bytes]]:
    from tests.security import hostile_files as hostile

    return {
        "normal 1,000-row workbook": _normal,
        "PDF renamed .xlsx": lambda: hostile.PDF,
        "PNG renamed .xlsx": hostile.png,
        "zip bomb (1 GB of zeros)": hostile.zip_bomb,
        "zip bomb with lying sizes (64 MB)": hostile.lying_zip_bomb,
        "XML entity expansion": hostile.billion_laughs,
    }


def check_stage(data: bytes) -> str:
    """What an import does before it writes: check the upload, then parse the sheet."""
    from joinedup.core.io.safety import UploadRejected, check_upload
    from joinedup.core.io.sheets import read_sheet

    try:
        kind = check_upload(data, "upload.xlsx")
        sheet = read_sheet(data, kind)
    except UploadRejected as exc:
        return f"refused: {exc}"
    return f"accepted: {len(sheet.rows)} rows"


def _web_upload(tmp: Path) -> Callable[[], str]:
    from django.test import Client

    from tests.security.hostile_files import sparse_upload

    body, content_type = sparse_upload(tmp / "upload.bin")
    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/accounts/sign-in/")  # load the app first: its imports are not the upload's

    def run() -> str:
        with body.open("rb") as stream:
            response = client.generic(
                "POST",
                "/p/bench/programme/bench-plan/import/",
                content_type=content_type,
                **{"wsgi.input": stream, "CONTENT_LENGTH": str(body.stat().st_size)},
            )
            read = stream.tell()
        return f"refused: HTTP {response.status_code}, {read} bytes of the body read"

    return run


def _cli_file(tmp: Path) -> Callable[[], str]:
    from joinedup.core.io.safety import UploadRejected, check_size
    from tests.security.hostile_files import sparse_file

    path = sparse_file(tmp / "big.xlsx")

    def run() -> str:
        # What `joinedup import actions FILE` does: refuse by the size on disk, else read the
        # file and check it.
        try:
            check_size(path.stat().st_size)
        except UploadRejected as exc:
            return f"refused: {exc}"
        return check_stage(path.read_bytes())

    return run


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_case(name: str) -> dict[str, Any]:
    """In this process: build the case, then measure its check stage twice."""
    sys.path.insert(0, str(HERE))
    from _setup import django_in_scratch_dir

    django_in_scratch_dir("hostile")
    tmp = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    if name == "100 MB upload (web)":
        size, stage = 100 * MB, _web_upload(tmp)
    elif name == "100 MB file (command line)":
        size, stage = 100 * MB, _cli_file(tmp)
    else:
        data = _files()[name]()
        size, stage = len(data), (lambda: check_stage(data))
    baseline = _maxrss_mb()
    start = time.perf_counter()
    outcome = stage()
    seconds = time.perf_counter() - start
    growth = _maxrss_mb() - baseline
    tracemalloc.start()
    stage()
    traced = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "file_bytes": size,
        "outcome": outcome,
        "seconds": round(seconds, 3),
        "rss_growth_mb": round(growth, 1),
        "traced_peak_mb": round(traced / MB, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case)))
        return
    results = {}
    for name in CASES:
        child = subprocess.run(
            [sys.executable, __file__, "--case", name],
            capture_output=True,
            text=True,
            check=True,
            cwd=HERE.parent,
        )
        results[name] = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"{'case':36} {'file':>10} {'RSS growth':>11} {'traced peak':>12} {'time':>8}  outcome")
    for name, r in results.items():
        print(
            f"{name:36} {r['file_bytes'] / MB:8.2f}MB {r['rss_growth_mb']:9.1f}MB "
            f"{r['traced_peak_mb']:10.1f}MB {r['seconds']:7.2f}s  {r['outcome']}"
        )
    sys.path.insert(0, str(HERE))
    from _setup import write_results

    path = write_results("hostile-input", {"cases": results})
    print(f"wrote {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
