"""Fault runs too slow or too disruptive for CI: prints the outcome, writes
bench/results/<date>-faults.json.

1. kill -9 during a 10,000-row import (tests/fault/test_kill_during_import.py with
   JOINEDUP_FAULT_ROWS=10000; CI runs it with 2,000): all rows or none, and the re-run completes.
2. PostgreSQL restarted while the server runs: gunicorn on a scratch database
   (joinedup_faults_bench), one API request every 0.2 s; PostgreSQL is restarted part-way.
   Requests during the outage must fail cleanly (an error status, within a few seconds, never
   a hang) and succeed afterwards without restarting the app (CONN_HEALTH_CHECKS is on, so a
   dead pooled connection is noticed and replaced). PostgreSQL is started again at the end if
   it is down. It kills every connection to the cluster: never run it beside a CI run.

    .venv/bin/python bench/faults.py [--skip-import] [--skip-postgres] [--rows 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from _setup import RESULTS, write_results

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_DB = "joinedup_faults_bench"
PORT = 8767


def kill_during_import(rows: int) -> dict[str, Any]:
    env = {**os.environ, "JOINEDUP_FAULT_ROWS": str(rows)}
    env.setdefault("JOINEDUP_VAR_DIR", tempfile.mkdtemp(prefix="faults-import-"))
    started = time.monotonic()
    run = subprocess.run(
        [
            PY,
            "-m",
            "pytest",
            "tests/fault/test_kill_during_import.py",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = round(time.monotonic() - started, 1)
    tail = run.stdout.strip().splitlines()[-1:] or [""]
    print(
        f"kill -9 during a {rows:,}-row import: {'PASS' if run.returncode == 0 else 'FAIL'} "
        f"in {seconds} s ({tail[0]})"
    )
    return {"rows": rows, "passed": run.returncode == 0, "seconds": seconds, "pytest": tail[0]}


def pg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True)


def pg_version() -> str:
    return sorted(os.listdir("/etc/postgresql"), key=lambda v: [int(x) for x in v.split(".")])[-1]


def pg_ctl(action: str) -> None:
    pg("pg_ctlcluster", "--skip-systemctl-redirect", pg_version(), "main", action)


def pg_ready() -> bool:
    return pg("pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432").returncode == 0


def ensure_postgres_up() -> None:
    if not pg_ready():
        pg_ctl("start")
    for _ in range(30):
        if pg_ready():
            return
        time.sleep(1)
    raise SystemExit("PostgreSQL did not come back up")


def server_env(var: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{PG_DB}",
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "JOINEDUP_VAR_DIR": var,
    }


def prepare(env: dict[str, str]) -> str:
    """A fresh scratch database, migrated, with one officer and a token; the token."""
    pg("psql", PG_ADMIN, "-qc", f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    pg("psql", PG_ADMIN, "-qc", f"CREATE DATABASE {PG_DB}")
    manage = [PY, "manage.py"]
    subprocess.run([*manage, "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    script = (
        "from joinedup.accounts.models import ApiToken, User;"
        "u = User.objects.create(username='fault-po', role_title='Programme Officer');"
        "print(ApiToken.issue(user=u, name='faults')[1])"
    )
    out = subprocess.run(
        [*manage, "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]


def call(token: str) -> tuple[int, float]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}/api/v1/partnerships", headers={"Authorization": f"Bearer {token}"}
    )
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        status = 0  # no answer at all
    return status, time.monotonic() - started


def postgres_restart() -> dict[str, Any]:
    var = tempfile.mkdtemp(prefix="faults-pg-")
    env = server_env(var)
    ensure_postgres_up()
    token = prepare(env)
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            "2",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    samples: list[dict[str, Any]] = []
    try:
        for _ in range(100):
            if call(token)[0] == 200:
                break
            time.sleep(0.2)
        phase, restart_at, t0 = "before", None, time.monotonic()
        while time.monotonic() - t0 < 30:
            elapsed = time.monotonic() - t0
            if restart_at is None and elapsed > 5:
                phase, restart_at = "outage", elapsed
                pg_ctl("stop")
                time.sleep(3)  # a real outage: requests arrive while it is down
                pg_ctl("start")
                ensure_postgres_up()
                phase = "after"
            status, seconds = call(token)
            samples.append(
                {
                    "t": round(elapsed, 2),
                    "phase": phase,
                    "status": status,
                    "ms": round(seconds * 1000),
                }
            )
            time.sleep(0.2)
        # Requests during the outage itself, with PostgreSQL down.
        pg_ctl("stop")
        down = [call(token) for _ in range(5)]
        pg_ctl("start")
        ensure_postgres_up()
        back = [call(token) for _ in range(5)]
    finally:
        server.terminate()
        server.wait(timeout=30)
        ensure_postgres_up()
        pg("psql", PG_ADMIN, "-qc", f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    after = [s for s in samples if s["phase"] == "after"]
    outcome = {
        "before_ok": all(s["status"] == 200 for s in samples if s["phase"] == "before"),
        "while_down": [{"status": s, "ms": round(t * 1000)} for s, t in down],
        "while_down_clean": all(s >= 500 and t < 10 for s, t in down),
        "first_after_restart": after[0] if after else None,
        "after_restart_failures": sum(1 for s in after if s["status"] != 200),
        "after_restart_ok": bool(after) and after[-1]["status"] == 200,
        "back_after_second_outage": [s for s, _ in back],
        "max_ms": max(s["ms"] for s in samples),
        "samples": len(samples),
    }
    print("PostgreSQL restarted under a running server (gunicorn, 2 workers):")
    print(f"  requests while PostgreSQL is down: {outcome['while_down']}")
    print(
        f"  failures after the restart: {outcome['after_restart_failures']} of {len(after)}; "
        f"last {after[-1]['status'] if after else '-'}; after a second outage: "
        f"{outcome['back_after_second_outage']}"
    )
    print(f"  slowest request {outcome['max_ms']} ms; app never restarted")
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    # Sections not run this time keep their figures from today's earlier run.
    today = RESULTS / f"{dt.date.today().isoformat()}-faults.json"
    figures: dict[str, Any] = json.loads(today.read_text())["figures"] if today.exists() else {}
    try:
        if not args.skip_postgres:
            figures["postgres_restart"] = postgres_restart()
        if not args.skip_import:
            figures["kill_during_import"] = kill_during_import(args.rows)
    finally:
        ensure_postgres_up()
    print(f"written to {write_results('faults', figures)}")


if __name__ == "__main__":
    main()
