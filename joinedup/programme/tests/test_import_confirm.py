"""After a dry run the import page keeps the file, so the officer imports it without a second
upload: only from the same session, into the same plan, within the time it is kept."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from joinedup.programme.io import pending
from joinedup.programme.models import Action, Plan
from joinedup.programme.tests import test_import
from joinedup.programme.tests.test_report_views import base, upload

pytestmark = pytest.mark.urls("joinedup.programme.tests.test_report_views")
own_plan = test_import.own_plan


def _token(html: str) -> str:
    found = re.search(r'name="token" value="([^"]+)"', html)
    assert found, "the page offers no import of the checked file"
    return found.group(1)


def _check(client: Any, plan: Plan) -> str:
    data = test_import.csv_bytes(test_import.GOOD)
    checked = upload(client, plan, data, "dev-plan.csv", dry_run=True)
    html = checked.content.decode()
    assert "Would import 2 row(s)" in html and "Import dev-plan.csv now" in html
    return _token(html)


def test_it_imports_the_checked_file_without_a_second_upload(client_for, own_plan):
    client = client_for("programme_officer")
    token = _check(client, own_plan)
    assert not Action.objects.filter(plan=own_plan).exists()
    done = client.post(base(own_plan) + "import/", {"token": token})
    assert done.status_code == 200
    assert "Imported 2 row(s)" in done.content.decode()
    assert Action.objects.filter(plan=own_plan).count() == 2
    # The kept file is gone once used: a second confirmation is refused, nothing doubles.
    again = client.post(base(own_plan) + "import/", {"token": token})
    assert again.status_code == 422
    assert "no longer kept" in again.content.decode()
    assert Action.objects.filter(plan=own_plan).count() == 2
    assert not (Path(settings.VAR_DIR) / "programme-imports" / f"{token}.upload").exists()


def test_it_refuses_an_expired_token_with_a_clear_message(client_for, own_plan, monkeypatch):
    client = client_for("programme_officer")
    token = _check(client, own_plan)
    later = time.time() + pending.TTL_SECONDS + 1
    monkeypatch.setattr(pending, "_now", lambda: later)
    response = client.post(base(own_plan) + "import/", {"token": token})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Upload the file again" in html and "There is a problem" in html
    assert not Action.objects.filter(plan=own_plan).exists()


def test_it_refuses_a_token_from_another_session(client_for, own_plan, world, client):
    token = _check(client_for("programme_officer"), own_plan)
    client.logout()
    client.force_login(world["partner_lead"])
    response = client.post(base(own_plan) + "import/", {"token": token})
    assert response.status_code == 422
    assert not Action.objects.filter(plan=own_plan).exists()


def test_it_refuses_a_made_up_token(client_for, own_plan):
    client = client_for("programme_officer")
    response = client.post(base(own_plan) + "import/", {"token": "../../etc/passwd"})
    assert response.status_code == 422
    assert "no longer kept" in response.content.decode()
