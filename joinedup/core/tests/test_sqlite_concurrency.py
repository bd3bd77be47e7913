"""Two people saving at once must both succeed: no "database is locked" on SQLite."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from joinedup.core.audit import audited_save
from joinedup.core.models import AuditEntry, Partnership


@pytest.mark.django_db(transaction=True)
def test_it_lets_concurrent_writers_all_commit() -> None:
    errors: list[BaseException] = []
    writers = 8
    saves_each = 15
    barrier = threading.Barrier(writers)

    def work(n: int) -> None:
        try:
            barrier.wait()
            for i in range(saves_each):
                audited_save(Partnership(slug=f"p-{n}-{i}", name=f"P {n} {i}"), actor=None)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert Partnership.objects.count() == writers * saves_each
    assert AuditEntry.objects.count() == writers * saves_each


def test_it_configures_sqlite_for_concurrency() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only settings")
    options = connection.settings_dict["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert "busy_timeout" in options["init_command"]
