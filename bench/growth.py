"""Growth: p50 of each key page at a small and a large partnership, as a ratio (target ≤ 1.2).

    .venv/bin/python bench/growth.py [--db sqlite|postgres] [--small 1000] [--large 100000]
                                     [--users 50] [--duration 90]

Runs bench/load.py's whole measurement (fresh database, generator, Gunicorn, Locust, floors)
at `--small` actions, then at `--large` actions (5 progress updates each; risks and meetings
stay the same size), and prints p50_large / p50_small for each page. It writes
bench/results/<date>-growth-<db>.json: floors and pages of the large run, `growth`, and both
runs in full under `sizes`.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import PAGES, machine, measure, parser, table, verdicts, write

TARGET_GROWTH = 1.2


def growth_table(small: dict[str, Any], large: dict[str, Any], ratios: dict[str, float]) -> str:
    n_small, n_large = small["size"]["actions"], large["size"]["actions"]
    lines = [
        f"\ngrowth, {small['database']}: p50 at {n_large:,} actions / p50 at {n_small:,} actions",
        f"{'':16} {f'p50 {n_small:,}':>12} {f'p50 {n_large:,}':>12} {'ratio':>7} {'queries':>15}",
    ]
    for name in [*("wsgi", "django", "scoped"), *PAGES]:
        a = small["floors"].get(name) or small["pages"][name]
        b = large["floors"].get(name) or large["pages"][name]
        ratio = b["p50_ms"] / a["p50_ms"] if a["p50_ms"] else float("nan")
        mark = "" if name not in PAGES else ("ok" if ratio <= TARGET_GROWTH else "OVER")
        label = name if name in PAGES else f"floor {name}"
        queries = f"{a['queries']} → {b['queries']}"
        lines.append(
            f"{label:16} {a['p50_ms']:12.2f} {b['p50_ms']:12.2f} {ratio:7.2f} {queries:>15} {mark}"
        )
    lines.append(f"target: growth ratio ≤ {TARGET_GROWTH:g} for each key page")
    return "\n".join(lines)


def main() -> None:
    p = parser()
    p.description = __doc__.splitlines()[0]
    p.set_defaults(db="sqlite", duration=90)
    p.add_argument("--small", type=int, default=1_000)
    p.add_argument("--large", type=int, default=100_000)
    args = p.parse_args()
    if args.db == "both":
        p.error("growth runs on one database at a time: --db sqlite or --db postgres")
    described = machine()
    small = measure(args.db, args.small, args)
    print(table(small, f"\n{args.db}, {args.small:,} actions"), flush=True)
    large = measure(args.db, args.large, args)
    print(table(large, f"\n{args.db}, {args.large:,} actions"), flush=True)
    ratios = {
        name: round(large["pages"][name]["p50_ms"] / small["pages"][name]["p50_ms"], 2)
        for name in PAGES
    }
    single = {
        name: round(
            large["pages"][name]["single_request_ms"] / small["pages"][name]["single_request_ms"],
            2,
        )
        for name in PAGES
    }
    print(growth_table(small, large, ratios))
    print(
        "one request alone (test client, no load), large / small: "
        + ", ".join(f"{name} {ratio:.2f}" for name, ratio in single.items())
    )
    payload = {
        "benchmark": f"growth-{args.db}",
        "run_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": described,
        "database": args.db,
        "floors": large["floors"],
        "pages": large["pages"],
        "growth": ratios,
        "growth_meets": {name: ratio <= TARGET_GROWTH for name, ratio in ratios.items()},
        "growth_single_request": single,
        "targets": verdicts(large),
        "sizes": {str(args.small): small, str(args.large): large},
    }
    what = f"growth-{args.db}"
    if (args.small, args.large) != (1_000, 100_000):
        what += f"-{args.small}-{args.large}"  # a quick try never replaces a run
    print(f"written to {write(what, payload)}")


if __name__ == "__main__":
    main()
