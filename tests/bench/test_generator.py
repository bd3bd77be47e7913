"""The load benchmark's data generator (bench/generator.py) at a small size."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from generator import PASSWORD, generate

from joinedup.accounts.models import ApiToken, PartnershipRole, User
from joinedup.core import permissions
from joinedup.meetings.models import AgendaItem, Meeting
from joinedup.partnerships.models import Body, Partner
from joinedup.programme.models import Action, ProgressUpdate
from joinedup.risks.models import Review, Risk

pytestmark = pytest.mark.django_db


def _fingerprint() -> list[Any]:
    actions = Action.objects.order_by("order").values_list(
        "reference", "confidentiality", "lead_organisation__slug", "status__word", "due_date"
    )
    risks = Risk.objects.order_by("reference").values_list(
        "reference", "register__slug", "confidentiality", "current_likelihood"
    )
    return [*actions, *risks]


def test_it_builds_the_sizes_asked_for() -> None:
    world = generate(actions=40, risks=20, sign_ins=4)

    assert (world.actions, world.updates) == (40, 200)
    assert Action.objects.count() == 40
    assert ProgressUpdate.objects.count() == 200
    assert (Risk.objects.count(), Review.objects.count()) == (20, 200)
    assert Meeting.objects.count() == 300
    assert AgendaItem.objects.count() == world.items == 1800
    assert Body.objects.count() == 40
    assert Partner.objects.count() == 12
    assert len(world.accounts) == 4


def test_its_records_pass_the_models_own_validation() -> None:
    generate(actions=30, risks=15, sign_ins=2)

    for model in (Action, Risk, Meeting, AgendaItem, Body):
        for record in model.objects.all()[:30]:
            record.full_clean()
    for update in ProgressUpdate.objects.all()[:30]:
        update.clean()
    levels = set(Action.objects.values_list("confidentiality", flat=True))
    assert "partnership" in levels and len(levels) >= 2


def test_its_sign_ins_hold_roles_and_working_passwords_and_tokens() -> None:
    world = generate(actions=20, risks=10, sign_ins=4)

    roles = {a.role for a in world.accounts}
    assert roles == {"programme_officer", "board_member"}
    for account in world.accounts:
        user = User.objects.get(username=account.username)
        assert user.check_password(PASSWORD)
        assert PartnershipRole.objects.get(user=user).role == account.role
        assert ApiToken.authenticate(account.token) == user
    officer = User.objects.get(username=world.accounts[0].username)
    visible = permissions.scope(Action.objects.all(), officer).count()
    assert visible == Action.objects.count()  # a programme officer sees every action


def test_the_same_seed_gives_the_same_data() -> None:
    prints = []
    for _ in range(2):
        with transaction.atomic():
            generate(actions=25, risks=10, sign_ins=2, seed=7)
            prints.append(_fingerprint())
            transaction.set_rollback(True)

    assert prints[0] == prints[1]
    assert len(prints[0]) == 35
