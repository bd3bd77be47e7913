"""Benchmark: importing a 10,000-row XLSX of actions into a plan.

Prints the time and peak Python memory (tracemalloc) of the import's check stage (upload
checks, read-only parse, validation of every row: everything the import holds in memory at
once), beside openpyxl's read-only parse of the same file alone; then the time of the whole
import, every row written through the services in one transaction (its memory as the growth of
the process's max RSS: tracemalloc would slow the writes several-fold), and of the re-import of
the same file (every row found by reference, nothing changed). Not a timed test: it
prints figures and writes bench/results/<date>-programme-import.json.

    .venv/bin/python bench/programme_import.py [--rows 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import resource
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from _setup import bench_world, django_in_scratch_dir, write_results

CPU: dict[str, float] = {}


def measure(fn: Callable[[], Any], *, memory: bool, name: str = "") -> tuple[float, int, Any]:
    """(wall seconds, peak traced bytes or 0, result); CPU seconds go in CPU[name]."""
    if memory:
        tracemalloc.start()
    start, start_cpu = time.perf_counter(), time.process_time()
    result = fn()
    seconds = time.perf_counter() - start
    if name:
        CPU[name] = round(time.process_time() - start_cpu, 3)
    peak = 0
    if memory:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return seconds, peak, result


def workbook(rows: int) -> bytes:
    from joinedup.core.io.sheets import write_xlsx
    from joinedup.programme.io.columns import ACTION_HEADERS

    words = ["Achieved", "Underway", "Ongoing", "Deleted"]
    data = (
        (
            f"IMP-{i + 1}",
            f"Workstream {i * 10 // rows + 1}",
            f"Imported action {i + 1}: a proposed activity of a sentence or two.",
            "A longer description of what the action involves and who is doing it.",
            "Bench Council",
            "bench-po",
            dt.date(2007, 10, 1),
            dt.date(2008, 8, 31),
            words[i % 4],
            f"{words[i % 4]}. Progress to date as the officer wrote it for Cabinet.",
            dt.date(2008, 10, 2),
        )
        for i in range(rows)
    )
    return write_xlsx(ACTION_HEADERS, data, title="Actions")


def openpyxl_parse(content: bytes) -> int:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    count = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return count


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def check_stage(content: bytes, plan: Any) -> int:
    """What the import does before writing: upload checks, read-only parse, every row checked."""
    from joinedup.core.io.safety import check_upload
    from joinedup.core.io.sheets import read_sheet
    from joinedup.programme.io.actions import plan_lookups
    from joinedup.programme.io.validate import validate_sheet

    rows, errors = validate_sheet(
        read_sheet(content, check_upload(content, "a.xlsx")), plan_lookups(plan)
    )
    assert not errors, errors[:3]
    return len(rows)


def fresh_plan(source: Any, slug: str) -> Any:
    from joinedup.programme.models import Plan, Workstream

    plan = Plan.objects.create(
        partnership=source.partnership, slug=slug, name=slug, vocabulary=source.vocabulary
    )
    for i in range(1, 11):
        Workstream.objects.create(
            partnership=source.partnership, plan=plan, name=f"Workstream {i}", order=i
        )
    return plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    django_in_scratch_dir("import")
    from joinedup.programme.io.actions import import_actions

    officer, source = bench_world(1, updates_per_action=0)
    content = workbook(args.rows)

    def run(plan: Any, dry_run: bool = False) -> Any:
        def go() -> Any:
            return import_actions(
                actor=officer, plan=plan, data=content, filename="a.xlsx", dry_run=dry_run
            )

        return go

    t_parse, _, count = measure(lambda: openpyxl_parse(content), memory=False, name="parse")
    _, m_parse, _ = measure(lambda: openpyxl_parse(content), memory=True)
    plan_a = fresh_plan(source, "import-a")
    t_check, _, _ = measure(lambda: check_stage(content, plan_a), memory=False, name="check")
    _, m_check, _ = measure(lambda: check_stage(content, plan_a), memory=True)
    rss_before = max_rss_mb()
    t_import, _, result = measure(run(plan_a), memory=False, name="import_new")
    rss_growth = max_rss_mb() - rss_before
    assert result.ok and len(result.created) == args.rows, result.errors[:5]
    t_again, _, again = measure(run(plan_a), memory=False, name="reimport")
    assert again.ok and len(again.unchanged) == args.rows
    figures = {
        "rows": args.rows,
        "file_bytes": len(content),
        "openpyxl_read_only_parse_s": round(t_parse, 3),
        "openpyxl_read_only_parse_peak_mb": round(m_parse / 2**20, 1),
        "import_check_stage_s": round(t_check, 3),
        "import_check_stage_peak_mb": round(m_check / 2**20, 1),
        "import_new_s": round(t_import, 2),
        "import_new_rows_per_s": round(args.rows / t_import),
        "import_new_max_rss_growth_mb": round(rss_growth, 1),
        "reimport_unchanged_s": round(t_again, 2),
        "process_max_rss_mb": round(max_rss_mb(), 1),
        "sheet_rows_parsed": count,
        "cpu_s": CPU,
    }
    mb = 2**20
    print(f"import actions, {args.rows:,}-row XLSX ({len(content):,} bytes):")
    print(f"  openpyxl read-only parse alone      {t_parse:8.2f} s  peak {m_parse / mb:6.1f} MB")
    print("  import check stage (checks, parse, validate every row)")
    print(f"  {'':34}{t_check:8.2f} s  peak {m_check / mb:6.1f} MB")
    print(f"  import writing {args.rows:,} new actions with their updates")
    print(f"  {'':34}{t_import:8.2f} s  RSS growth {rss_growth:6.1f} MB")
    print(f"  re-import of the same file, all unchanged {t_again:6.2f} s")
    print(f"  process max RSS {max_rss_mb():22.1f} MB")
    print(f"  CPU seconds (steadier on a busy machine): {CPU}")
    print(f"written to {write_results('programme-import', figures)}")


if __name__ == "__main__":
    main()
