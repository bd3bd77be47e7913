"""Load benchmark: the key pages under 50 signed-in users, beside three floors from the same run.

    .venv/bin/python bench/load.py --db sqlite|postgres|both [--actions 10000] [--users 50]
                                   [--duration 120] [--think 1 4] [--workers N]

For each database in turn it builds a fresh database, generates the bench partnership
(bench/generator.py), counts the SQL queries of one request to each page (Django test client,
in this process, same database), starts Gunicorn on 127.0.0.1 with production settings
(bench/settings_bench.py) and drives it with Locust (bench/locustfile.py): every simulated user
signs in through the sign-in page, then requests the pages, API lists and floors in random
order with think time. It prints p50/p95/p99 and throughput per page beside the floors and
writes bench/results/<date>-load-<db>.json. Not a timed test: nothing fails on a slow machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
PYTHON = sys.executable
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
FLOORS = ("wsgi", "django", "scoped")
TARGET_P95_RATIO = 3.0

# The pages measured, in the order they are printed (names are the JSON keys).
PAGES = (
    "action list",
    "plan page",
    "dashboard",
    "risk register",
    "heat map",
    "meeting page",
    "api actions",
    "api risks",
    "api meetings",
)


# ---------------------------------------------------------------- the machine


def machine() -> dict[str, Any]:
    import psutil

    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    described = {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "django": version("django"),
        "gunicorn": version("gunicorn"),
        "locust": version("locust"),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "note": "2 cores shared with other work: absolute figures are noisy; compare each page "
        "with the floors measured in the same run.",
    }
    import sqlite3

    described["sqlite"] = sqlite3.sqlite_version
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3) as conn:
            described["postgresql"] = conn.execute("SHOW server_version").fetchone()[0]
    except Exception as error:
        described["postgresql"] = f"unavailable ({error.__class__.__name__})"
    return described


# ---------------------------------------------------------------- statistics


def percentile(ordered: list[float], q: float) -> float:
    """Nearest-rank percentile of sorted values (q in 0..100)."""
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summarise(samples: list[float], seconds: float, failures: int) -> dict[str, Any]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(percentile(ordered, 50), 2),
        "p95_ms": round(percentile(ordered, 95), 2),
        "p99_ms": round(percentile(ordered, 99), 2),
        "rps": round(len(ordered) / seconds, 2) if seconds else 0.0,
        "requests": len(ordered),
        "failures": failures,
    }


# ---------------------------------------------------------------- one database, one size


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def _environment(db: str, var: Path, dbname: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "JOINEDUP_VAR_DIR": str(var),
            "DJANGO_SETTINGS_MODULE": "settings_bench",
            "DJANGO_SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
            "JOINEDUP_SSL_REDIRECT": "0",
            "JOINEDUP_BENCH_FLOORS": "1",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PYTHONPATH": os.pathsep.join([str(BENCH), str(ROOT)]),
        }
    )
    env.pop("DATABASE_URL", None)
    if db == "postgres":
        env["DATABASE_URL"] = f"{PG_SERVER}/{dbname}"
    return env


def _targets(world: dict[str, Any]) -> dict[str, dict[str, str]]:
    from django.urls import reverse

    from joinedup.accounts.models import Organisation

    slug, plan = world["partnership"], world["plan"]
    lead = Organisation.objects.get(slug="bench-org-03").pk
    api = f"/api/v1/partnerships/{slug}"
    pages = {
        # The plan's actions table filtered by lead partner, on its 2nd page.
        "action list": reverse("programme:plan_detail", args=[slug, plan])
        + f"?lead_organisation={lead}&page=2",
        "plan page": reverse("programme:plan_detail", args=[slug, plan]),
        "dashboard": reverse("programme:dashboard", args=[slug, plan]),
        "risk register": reverse("risks:register_detail", args=[slug, world["register"]]),
        "heat map": reverse("risks:heat_map", args=[slug, world["register"]]),
        "meeting page": reverse("meetings:meeting_detail", args=[slug, world["meeting_id"]]),
        "api actions": f"{api}/plans/{plan}/actions",
        "api risks": f"{api}/risk-registers/{world['register']}/risks",
        "api meetings": f"{api}/meetings",
    }
    targets = {
        name: {"path": path, "auth": "token" if name.startswith("api ") else "session"}
        for name, path in pages.items()
    }
    targets["wsgi"] = {"path": "/bench/floor/wsgi", "auth": "none"}
    targets["django"] = {"path": reverse("benchfloors:trivial"), "auth": "session"}
    targets["scoped"] = {"path": reverse("benchfloors:scoped", args=[slug]), "auth": "session"}
    return targets


def _count_queries(targets: dict[str, dict[str, str]], world: dict[str, Any]) -> dict[str, Any]:
    """SQL queries of one request to each target (after one warm-up request), per persona."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from joinedup.accounts.models import User

    counts: dict[str, Any] = {}
    for role in ("programme_officer", "board_member"):
        account = next(a for a in world["accounts"] if a["role"] == role)
        signed_in = Client(HTTP_HOST="127.0.0.1")
        signed_in.force_login(User.objects.get(username=account["username"]))
        token = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {account['token']}")
        for name, target in targets.items():
            if name == "wsgi":
                counts.setdefault(name, {})[role] = 0  # answered before Django
                counts[name]["single_ms"] = None
                continue
            client = token if target["auth"] == "token" else signed_in
            client.get(target["path"])
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(target["path"])
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"{name} answered {response.status_code} in the test client")
            counts.setdefault(name, {})[role] = len(captured)
            if role == "programme_officer":
                counts[name]["single_ms"] = round(elapsed, 1)
    return counts


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer {url} within {seconds} s")


def run_one(args: argparse.Namespace) -> dict[str, Any]:
    """In a child process: one database, one size. Returns the figures."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from generator import generate

    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrate_s = time.perf_counter() - t0
    world = generate(actions=args.actions, risks=args.risks, sign_ins=args.users)
    world_d = world.as_dict()
    print(
        f"  generated {world.actions:,} actions, {world.updates:,} updates, {world.risks:,} "
        f"risks, {world.reviews:,} reviews, {world.meetings} meetings in {world.seconds} s",
        flush=True,
    )
    if connections["default"].vendor == "sqlite":
        # Gunicorn's workers open the file afresh; settle the WAL and refresh the statistics.
        from django.db import connection

        with connection.cursor() as cursor:  # noqa: TID251 (benchmark set-up)
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    else:
        from django.db import connection

        with connection.cursor() as cursor:  # noqa: TID251 (benchmark set-up)
            cursor.execute("ANALYZE")
    targets = _targets(world_d)
    queries = _count_queries(targets, world_d)
    connections.close_all()

    port = _free_port()
    host = f"http://127.0.0.1:{port}"
    out = Path(args.scratch) / "samples.json"
    plan_file = Path(args.scratch) / "locust-plan.json"
    spawn_s = int(args.users / args.spawn_rate) + 1
    plan_file.write_text(
        json.dumps(
            {
                "targets": targets,
                "accounts": world_d["accounts"],
                "think": args.think,
                "window": [args.warmup, args.duration],
                "out": str(out),
            }
        )
    )
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "joinedup.benchfloors.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
            "--timeout",
            "120",
            "--preload",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
        start_new_session=True,
    )
    try:
        _wait_for(f"{host}/bench/floor/wsgi")
        # An upper bound only: the locustfile stops the run when its window closes.
        run_time = spawn_s + 300 + args.warmup + args.duration
        print(
            f"  Gunicorn ({args.workers} sync workers) on {host}; Locust: {args.users} users, "
            f"think {args.think[0]}–{args.think[1]} s, {args.spawn_rate} sign-ins a second; "
            f"measuring {args.duration} s from {args.warmup} s after the last sign-in",
            flush=True,
        )
        locust = subprocess.run(
            [
                str(Path(PYTHON).parent / "locust"),
                "-f",
                str(BENCH / "locustfile.py"),
                "--headless",
                "--only-summary",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                f"{run_time}s",
                "--host",
                host,
                "--stop-timeout",
                "10",
                "--loglevel",
                "WARNING",
            ],
            cwd=BENCH,
            env={**os.environ, "BENCH_LOCUST_PLAN": str(plan_file)},
            capture_output=True,
            text=True,
        )
        if not out.exists() or locust.returncode not in (0, 1):
            raise RuntimeError(f"Locust failed:\n{locust.stdout}\n{locust.stderr[-3000:]}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
    raw = json.loads(out.read_text())
    if not any(raw["samples"].values()):
        raise RuntimeError(f"No request in the measured window:\n{locust.stderr[-3000:]}")
    window = raw["window"]
    seconds = window["end"] - window["start"]
    figures = {
        name: summarise(raw["samples"][name], seconds, raw["failures"][name]) for name in targets
    }
    floors = {name: figures[name] for name in FLOORS}
    pages = {}
    for name in PAGES:
        pages[name] = {**figures[name], "queries": queries[name]["programme_officer"]}
        pages[name]["queries_board_member"] = queries[name]["board_member"]
        pages[name]["single_request_ms"] = queries[name]["single_ms"]
        pages[name]["path"] = targets[name]["path"]
    for name in FLOORS:
        floors[name]["queries"] = queries[name]["programme_officer"]
    return {
        "database": args.db,
        "size": {k: world_d[k] for k in ("actions", "updates", "risks", "reviews", "meetings")}
        | {"items": world_d["items"], "bodies": world_d["bodies"]},
        "setup_s": {"migrate": round(migrate_s, 1), "generate": world.seconds},
        "load": {
            "users": args.users,
            "think_s": args.think,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "workers": args.workers,
            "measured_s": round(seconds, 1),
        },
        "floors": floors,
        "pages": pages,
        "sign_in": summarise(raw["sign_in_ms"], 0, 0) | {"signed_in": raw["signed_in"]},
        "errors": raw["errors"],
    }


def child(args: argparse.Namespace) -> None:
    figures = run_one(args)
    Path(args.child_out).write_text(json.dumps(figures, indent=2))


# ---------------------------------------------------------------- orchestration


def measure(db: str, actions: int, args: argparse.Namespace) -> dict[str, Any]:
    """Run one database at one size in a child process (its own Django set-up)."""
    scratch = Path(tempfile.mkdtemp(prefix=f"bench-load-{db}-{actions}-"))
    dbname = f"joinedup_bench_{actions}"
    env = _environment(db, scratch / "var", dbname)
    (scratch / "var").mkdir()
    if db == "postgres":
        _pg_admin(f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)")
        _pg_admin(f"CREATE DATABASE {dbname}")
    child_out = scratch / "figures.json"
    command = [
        PYTHON,
        str(Path(__file__).resolve()),
        "--child",
        "--child-out",
        str(child_out),
        "--scratch",
        str(scratch),
        "--db",
        db,
        "--actions",
        str(actions),
        "--risks",
        str(args.risks),
        "--users",
        str(args.users),
        "--duration",
        str(args.duration),
        "--warmup",
        str(args.warmup),
        "--spawn-rate",
        str(args.spawn_rate),
        "--workers",
        str(args.workers),
        "--think",
        str(args.think[0]),
        str(args.think[1]),
    ]
    print(f"{db}, {actions:,} actions:", flush=True)
    try:
        subprocess.run(command, env=env, check=True, cwd=ROOT)
        return json.loads(child_out.read_text())
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
            if db == "postgres":
                _pg_admin(f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)")


def verdicts(figures: dict[str, Any]) -> dict[str, Any]:
    """Each page's p95 as a multiple of the scoped floor's, against the target (≤ 3×)."""
    scoped = figures["floors"]["scoped"]
    out = {}
    for name, page in figures["pages"].items():
        ratio = page["p95_ms"] / scoped["p95_ms"] if scoped["p95_ms"] else float("nan")
        out[name] = {
            "p95_over_scoped_p95": round(ratio, 2),
            "meets": ratio <= TARGET_P95_RATIO,
            "p50_over_scoped_p50": round(page["p50_ms"] / scoped["p50_ms"], 2)
            if scoped["p50_ms"]
            else None,
        }
    return out


def table(figures: dict[str, Any], title: str) -> str:
    scoped = figures["floors"]["scoped"]["p95_ms"]
    scoped50 = figures["floors"]["scoped"]["p50_ms"]
    lines = [
        title,
        f"{'':16} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9} {'req/s':>7} {'n':>6} {'fail':>4} "
        f"{'queries':>8} {'p95/scoped':>10} {'p50/scoped':>10}",
    ]
    for name in FLOORS:
        f = figures["floors"][name]
        lines.append(
            f"floor {name:10} {f['p50_ms']:9.2f} {f['p95_ms']:9.2f} {f['p99_ms']:9.2f} "
            f"{f['rps']:7.2f} {f['requests']:6} {f['failures']:4} {f['queries']:8}"
        )
    for name, p in figures["pages"].items():
        ratio = p["p95_ms"] / scoped if scoped else float("nan")
        mark = "ok" if ratio <= TARGET_P95_RATIO else "OVER"
        lines.append(
            f"{name:16} {p['p50_ms']:9.2f} {p['p95_ms']:9.2f} {p['p99_ms']:9.2f} {p['rps']:7.2f} "
            f"{p['requests']:6} {p['failures']:4} {p['queries']:8} {ratio:8.1f}× {mark:4}"
            f"{p['p50_ms'] / scoped50 if scoped50 else float('nan'):8.1f}×"
        )
    lines.append(f"target: key pages p95 ≤ {TARGET_P95_RATIO:g}× the scoped floor's p95")
    return "\n".join(lines)


def write(what: str, payload: dict[str, Any]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{dt.date.today().isoformat()}-{what}.json"
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    p.add_argument("--actions", type=int, default=10_000)
    p.add_argument("--risks", type=int, default=2_000)
    p.add_argument("--users", type=int, default=50)
    p.add_argument("--duration", type=int, default=120, help="measured seconds")
    p.add_argument("--warmup", type=int, default=20, help="seconds after the last sign-in")
    p.add_argument("--spawn-rate", type=float, default=2, help="users started a second")
    p.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1) + 1,
        help="Gunicorn sync workers (default: 2 × cores + 1, Gunicorn's advice)",
    )
    p.add_argument("--think", type=float, nargs=2, default=[10.0, 30.0], metavar=("MIN", "MAX"))
    p.add_argument(
        "--keep", action="store_true", help="keep the databases (SQLite file, PostgreSQL database)"
    )
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--child-out", help=argparse.SUPPRESS)
    p.add_argument("--scratch", help=argparse.SUPPRESS)
    return p


def main() -> None:
    args = parser().parse_args()
    if args.child:
        child(args)
        return
    described = machine()
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    for db in dbs:
        figures = measure(db, args.actions, args)
        payload = {
            "benchmark": f"load-{db}",
            "run_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": described,
            **figures,
            "targets": verdicts(figures),
            "growth": {},
        }
        print(table(figures, f"\n{db}, {figures['size']['actions']:,} actions"))
        # Another size than the default gets its own file, so a quick try never replaces a run.
        what = f"load-{db}" if args.actions == 10_000 else f"load-{db}-{args.actions}"
        print(f"written to {write(what, payload)}\n", flush=True)


if __name__ == "__main__":
    main()
