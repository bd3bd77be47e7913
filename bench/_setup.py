"""Shared set-up for the benchmarks: a throwaway database in its own var directory."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def django_in_scratch_dir(name: str) -> Path:
    """Set up Django on a fresh SQLite database under a temporary JOINEDUP_VAR_DIR."""
    var = Path(os.environ.get("JOINEDUP_BENCH_VAR") or tempfile.mkdtemp(prefix=f"bench-{name}-"))
    os.environ["JOINEDUP_VAR_DIR"] = str(var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    return var


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def write_results(what: str, figures: dict[str, Any]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{dt.date.today().isoformat()}-{what}.json"
    payload = {
        "benchmark": what,
        "run_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "figures": figures,
    }
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return path


def bench_world(actions: int, updates_per_action: int) -> Any:
    """A partnership, a programme officer and a plan with `actions` actions in 10 workstreams,
    made with bulk inserts (the set-up is not what is measured)."""
    from joinedup.accounts.models import Organisation, PartnershipRole, User
    from joinedup.core.models import Partnership
    from joinedup.partnerships.models import Partner
    from joinedup.programme.models import Action, Plan, ProgressUpdate, Workstream
    from joinedup.programme.selectors import vocabulary_latest
    from joinedup.programme.services.vocabularies import vocabularies_load

    vocabularies_load()
    partnership = Partnership.objects.create(slug="bench", name="Bench Partnership")
    council = Organisation.objects.create(slug="bench-council", name="Bench Council")
    Partner.objects.create(partnership=partnership, organisation=council)
    officer = User.objects.create(username="bench-po", organisation=council, role_title="Officer")
    PartnershipRole.objects.create(
        user=officer, partnership=partnership, role="programme_officer", organisation=council
    )
    vocabulary = vocabulary_latest("herefordshire-development-plan")
    words = list(vocabulary.words.all())
    plan = Plan.objects.create(
        partnership=partnership,
        slug="bench-plan",
        name="Bench Development Plan",
        vocabulary=vocabulary,
        period_start=dt.date(2007, 10, 1),
        period_end=dt.date(2008, 8, 31),
        report_interval_months=2,
    )
    streams = [
        Workstream.objects.create(
            partnership=partnership, plan=plan, name=f"Workstream {i}", order=i
        )
        for i in range(1, 11)
    ]
    Action.objects.bulk_create(
        Action(
            partnership=partnership,
            plan=plan,
            workstream=streams[i * len(streams) // actions],
            reference=str(i + 1),
            order=i + 1,
            title=f"Action {i + 1}: a proposed activity described in a sentence or two of text "
            "as a council paper would describe it.",
            status=words[i % len(words)],
            lead_organisation=council,
        )
        for i in range(actions)
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            partnership=partnership,
            action=action,
            date=dt.date(2008, 1 + n, 1),
            narrative=f"{action.status.word}. Update {n + 1}: progress described in a few "
            "sentences, as an officer would write it for Cabinet. " * 2,
            status=action.status,
        )
        for action in Action.objects.filter(plan=plan).select_related("status")
        for n in range(updates_per_action)
    )
    return officer, plan
