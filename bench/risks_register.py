"""Benchmark: the register page at 10 and 2,000 risks beside a trivial authenticated page.

Run from the repository root: `.venv/bin/python bench/risks_register.py [--risks N]`.
It uses bench/_setup.py's throwaway database, prints p50 and p95 of each page and its query
count, and writes bench/results/<date>-risks-register.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from typing import Any


def _world(risks: int) -> tuple[Any, Any]:
    from joinedup.accounts.models import Organisation, PartnershipRole, User
    from joinedup.core.models import Partnership
    from joinedup.partnerships.models import Partner
    from joinedup.risks.models import Register, Risk

    partnership = Partnership.objects.create(slug="bench", name="Bench Partnership")
    council = Organisation.objects.create(slug="bench-council", name="Bench Council")
    Partner.objects.create(partnership=partnership, organisation=council)
    officer = User.objects.create(username="bench-po", organisation=council, role_title="Officer")
    PartnershipRole.objects.create(
        user=officer, partnership=partnership, role="programme_officer", organisation=council
    )
    register = Register.objects.create(partnership=partnership, slug="bench-risks", name="Risks")
    Risk.objects.bulk_create(
        Risk(
            partnership=partnership,
            register=register,
            reference=f"R-{i:05d}",
            title=f"Risk {i}: a cause, an event and an effect in a sentence",
            category="operations",
            lead_organisation=council,
            owner=officer,
            status="assessed",
            inherent_likelihood=5,
            inherent_consequence=4,
            current_likelihood=1 + i % 5,
            current_consequence=1 + (i // 5) % 4,
            next_review_due=dt.date(2026, 1, 1) + dt.timedelta(days=i % 400),
        )
        for i in range(risks)
    )
    return officer, register


def _time(client: Any, url: str, repeat: int) -> dict[str, float | int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        timings.append((time.perf_counter() - start) * 1000)
    ordered = sorted(timings)
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 2),
        "queries": len(queries),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--risks", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    from _setup import django_in_scratch_dir, write_results

    django_in_scratch_dir("risks-register")
    from django.test import Client
    from django.urls import reverse

    officer, register = _world(args.risks)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(officer)
    pages = {
        "trivial (partnership home)": reverse("core:partnership_home", args=["bench"]),
        f"register page ({args.risks} risks)": reverse(
            "risks:register_detail", args=["bench", register.slug]
        ),
        "heat map": reverse("risks:heat_map", args=["bench", register.slug]),
    }
    figures = {name: _time(client, url, args.repeat) for name, url in pages.items()}
    for name, figure in figures.items():
        print(
            f"{name:36} p50 {figure['p50_ms']:8.2f} ms  p95 {figure['p95_ms']:8.2f} ms  "
            f"{figure['queries']} queries"
        )
    print(f"written to {write_results('risks-register', figures)}")


if __name__ == "__main__":
    main()
