"""kill -9 during an import: afterwards the plan has all the rows or none, never some, and the
import run again completes (and again after that, finding every row by its reference).

The import runs as a real `joinedup import actions` process against the test database (SQLite
file or PostgreSQL, whichever the suite runs on), on committed data (transactional_db). It is
killed with SIGKILL once it has begun writing: on SQLite once it holds the database's write
lock, on PostgreSQL once its transaction has written (has a transaction id), plus a moment so
rows are part-written. It imports FAULT_ROWS rows: 10,000 unless JOINEDUP_FAULT_ROWS says (the
bulk import writes them in a few seconds, so the kill comes a fifth of a second after writing
began); bench/faults.py runs the same outside the suite.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from conftest import World
from joinedup.programme.models import Action
from joinedup.programme.tests.factories import PlanFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db(transaction=True)

FAULT_ROWS = int(os.environ.get("JOINEDUP_FAULT_ROWS", "10000"))
ROOT = Path(__file__).resolve().parents[2]


def action_workbook(rows: int, *, lead: str, owner: str) -> bytes:
    """An XLSX of `rows` actions in ten workstreams, as a programme office would send it."""
    from joinedup.core.io.sheets import write_xlsx
    from joinedup.programme.io.columns import ACTION_HEADERS

    words = ["Achieved", "Underway", "Ongoing", "Deleted"]
    data = (
        (
            f"K-{i + 1}",
            f"Workstream {i * 10 // rows + 1}",
            f"Imported action {i + 1}: a proposed activity of a sentence or two.",
            "A longer description of what the action involves and who is doing it.",
            lead,
            owner,
            dt.date(2007, 10, 1),
            dt.date(2008, 8, 31),
            words[i % 4],
            f"{words[i % 4]}. Progress to date as the officer wrote it for Cabinet.",
            dt.date(2008, 10, 2),
        )
        for i in range(rows)
    )
    return write_xlsx(ACTION_HEADERS, data, title="Actions")


def database_url() -> str:
    """The URL of the database this test runs on, for a separate process to use."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_import(path: Path, plan_slug: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "JOINEDUP_VAR_DIR": str(settings.VAR_DIR),
    }
    command = [sys.executable, "-m", "joinedup.cli.main", "import", "actions", str(path)]
    return subprocess.Popen(
        [*command, "--plan", plan_slug],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def is_writing() -> bool:
    """Has some other connection begun writing to the database (and not finished)?"""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        probe = sqlite3.connect(db["NAME"], timeout=0)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:  # "database is locked": a writer holds the lock
            return True
        finally:
            probe.close()
    # Raw SQL on purpose: a fault test reaches under the ORM to break the database.
    with connection.cursor() as cursor:  # noqa: TID251
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0


def kill_while_writing(process: subprocess.Popen[bytes], *, after: float = 0.2) -> float:
    """SIGKILL the process once it has been writing for `after` seconds; when it began."""
    started = time.monotonic()
    while not is_writing():
        assert process.poll() is None, process.communicate()[1].decode()[-2000:]
        assert time.monotonic() - started < 300, "the import never began writing"
        time.sleep(0.02)
    began = time.monotonic() - started
    time.sleep(after)
    assert process.poll() is None, "the import finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return began


def run_to_end(path: Path, plan_slug: str) -> str:
    process = start_import(path, plan_slug)
    out, err = process.communicate(timeout=1800)
    assert process.returncode == 0, err.decode()[-3000:]
    return out.decode()


@pytest.fixture
def plan(world: World) -> Any:
    plan = PlanFactory(partnership=world.own, slug="kill-plan", name="Kill Plan")
    for i in range(1, 11):
        WorkstreamFactory(plan=plan, name=f"Workstream {i}", order=i)
    return plan


def test_it_leaves_all_rows_or_none_when_killed_mid_import_and_the_rerun_completes(
    world: World, plan: Any, tmp_path: Path
) -> None:
    path = tmp_path / "actions.xlsx"
    path.write_bytes(
        action_workbook(
            FAULT_ROWS, lead=world.council.name, owner=world["programme_officer"].username
        )
    )

    kill_while_writing(start_import(path, plan.slug))
    after_kill = Action.objects.filter(plan=plan).count()
    assert after_kill in (0, FAULT_ROWS), f"{after_kill} of {FAULT_ROWS} rows after kill -9"

    run_to_end(path, plan.slug)
    assert Action.objects.filter(plan=plan).count() == FAULT_ROWS
    assert Action.objects.filter(plan=plan, reference=f"K-{FAULT_ROWS}").exists()

    run_to_end(path, plan.slug)  # idempotent: every row found by its reference
    assert Action.objects.filter(plan=plan).count() == FAULT_ROWS
