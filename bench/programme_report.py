"""Benchmark: `report progress` for a plan of 500 actions (2 updates each).

Prints the time to build the report context, to render DOCX, and to render PDF (HTML then
WeasyPrint), beside WeasyPrint's render of the same final HTML alone, so the cost of our own
code can be told from WeasyPrint's. Not a timed test: it prints figures and writes
bench/results/<date>-programme-report.json.

    .venv/bin/python bench/programme_report.py [--actions 500] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from _setup import bench_world, django_in_scratch_dir, median, write_results

CPU: dict[str, float] = {}


def timed(fn: Callable[[], Any], repeat: int, name: str = "") -> tuple[float, Any]:
    """Median wall-clock seconds (and, in CPU[name], median CPU seconds: steadier on a busy
    machine)."""
    times, cpu, result = [], [], None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    CPU[name] = round(median(cpu), 3)
    return median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    django_in_scratch_dir("report")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from joinedup.programme.report import progress_report_context, to_document
    from joinedup.reports.docx import render_docx
    from joinedup.reports.html import render_html
    from joinedup.reports.pdf import html_to_pdf, render_pdf

    officer, plan = bench_world(args.actions, updates_per_action=2)
    as_of = dt.date(2008, 10, 2)

    def context() -> Any:
        return progress_report_context(user=officer, plan=plan, as_of=as_of)

    with CaptureQueriesContext(connection) as queries:
        report = context()
    document = to_document(report)
    html = render_html(document, for_print=True)
    t_context, _ = timed(context, args.repeat, "context")
    t_html, _ = timed(lambda: render_html(document, for_print=True), args.repeat, "html")
    t_docx, docx = timed(lambda: render_docx(document), args.repeat, "docx")
    t_pdf, pdf = timed(lambda: render_pdf(document), args.repeat, "pdf")
    t_weasy, _ = timed(lambda: html_to_pdf(html), args.repeat, "weasyprint_alone")
    figures = {
        "actions": len(report.rows),
        "queries_to_build_context": len(queries),
        "context_s": round(t_context, 3),
        "html_s": round(t_html, 3),
        "docx_s": round(t_docx, 3),
        "docx_total_s": round(t_context + t_docx, 3),
        "pdf_s": round(t_pdf, 3),
        "pdf_total_s": round(t_context + t_pdf, 3),
        "weasyprint_alone_same_html_s": round(t_weasy, 3),
        "docx_bytes": len(docx),
        "pdf_bytes": len(pdf),
        "repeat": args.repeat,
        "cpu_s": CPU,
    }
    print(f"report progress, {figures['actions']} actions (median of {args.repeat}):")
    print(f"  build context          {t_context:7.3f} s  ({len(queries)} queries)")
    print(f"  DOCX (python-docx)     {t_docx:7.3f} s  ({len(docx):,} bytes)")
    print(f"  PDF (HTML + WeasyPrint){t_pdf:7.3f} s  ({len(pdf):,} bytes)")
    print(f"  WeasyPrint alone, same final HTML {t_weasy:7.3f} s")
    print(f"  HTML alone             {t_html:7.3f} s")
    print(f"  CPU seconds (steadier on a busy machine): {CPU}")
    print(f"written to {write_results('programme-report', figures)}")


if __name__ == "__main__":
    main()
