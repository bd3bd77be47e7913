"""The history page shows who changed what, only for records the reader may see."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.template import Context, Template
from django.urls import reverse

from joinedup.accounts import services
from joinedup.accounts.models import PartnershipRole, User
from joinedup.core.audit import audited_save
from joinedup.core.models import AuditEntry, Confidentiality, GovernedModel, Partnership
from joinedup.partnerships.tests.factories import BodyFactory
from joinedup.programme.tests.factories import ActionFactory, PlanFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db


def _url(obj, slug="own"):
    label = f"{obj._meta.app_label}.{obj._meta.model_name}"
    return reverse("core:history", args=[slug, label, obj.pk])


@pytest.fixture
def board(world):
    body = BodyFactory(partnership=world.own, name="Health and Wellbeing Board")
    body.purpose = "Join up health and care"
    audited_save(body, actor=world["programme_officer"], reason="Agreed at the March meeting")
    return body


def test_it_shows_a_change_made_through_a_service(client_for, world, board):
    html = client_for("viewer").get(_url(board)).content.decode()
    assert "Health and Wellbeing Board" in html
    assert "Programme Officer" in html
    assert "Join up health and care" in html
    assert "Agreed at the March meeting" in html


def test_it_shows_a_person_change_made_by_the_people_service(client_for, world):
    viewer = world["viewer"]
    services.person_update(
        actor=world["programme_officer"],
        partnership=world.own,
        person=viewer,
        role_title="Lead Analyst",
    )
    html = client_for("programme_officer").get(_url(viewer)).content.decode()
    assert "Council Analyst" in html and "Lead Analyst" in html


def test_it_hides_history_from_outsiders(client_for, world, board):
    assert client_for("outsider").get(_url(board)).status_code == 404


def test_it_hides_history_of_a_record_in_another_partnership(client_for, world):
    elsewhere = BodyFactory(partnership=world.other)
    assert client_for("programme_officer").get(_url(elsewhere)).status_code == 404
    # Even the other partnership's own member cannot reach it through our slug.
    assert client_for("outsider").get(_url(elsewhere, "own")).status_code == 404


def test_it_hides_history_of_a_record_the_reader_may_not_see(client_for, world):
    secret = BodyFactory(
        partnership=world.own, confidentiality=Confidentiality.EXEMPT, exempt_paragraph=3
    )
    assert client_for("viewer").get(_url(secret)).status_code == 404
    assert client_for("board_member").get(_url(secret)).status_code == 200


@pytest.mark.parametrize(
    "label,pk", [("nope.model", "1"), ("core.auditentry", "1"), ("partnerships.body", "abc")]
)
def test_it_gives_404_for_unknown_models_or_objects(client_for, world, label, pk):
    url = reverse("core:history", args=["own", label, pk])
    assert client_for("programme_officer").get(url).status_code == 404


def test_it_hides_a_persons_history_from_those_who_cannot_manage_them(client_for, world):
    assert client_for("viewer").get(_url(world["partner_lead"])).status_code == 404
    assert client_for("partner_lead").get(_url(world["partner_lead"])).status_code == 200


def test_it_links_to_the_history_with_a_tag(world, board):
    html = Template("{% load joinedup %}{% history_url obj %}").render(Context({"obj": board}))
    assert html == _url(board)


def test_it_lists_role_changes_in_a_persons_history(client_for, world):
    grant = PartnershipRole.objects.get(user=world["viewer"], partnership=world.own)
    services.partnership_role_end(actor=world["programme_officer"], grant=grant, reason="Left")
    html = client_for("programme_officer").get(_url(world["viewer"])).content.decode()
    assert "Left" in html


def test_it_opens_the_history_of_a_role_for_those_who_manage_the_person(client_for, world):
    grant = PartnershipRole.objects.get(user=world["viewer"], partnership=world.own)
    assert client_for("programme_officer").get(_url(grant)).status_code == 200
    assert client_for("viewer").get(_url(grant)).status_code == 200  # their own role
    lead = PartnershipRole.objects.get(user=world["partner_lead"], partnership=world.own)
    assert client_for("viewer").get(_url(lead)).status_code == 404
    assert client_for("outsider").get(_url(grant)).status_code == 404


def test_it_opens_a_progress_updates_history_as_its_action_is_visible(client_for, world):
    secret = ActionFactory(
        plan=PlanFactory(partnership=world.own),
        confidentiality=Confidentiality.EXEMPT,
        exempt_paragraph=3,
    )
    update = ProgressUpdateFactory(action=secret)
    assert client_for("board_member").get(_url(update)).status_code == 200
    assert client_for("viewer").get(_url(update)).status_code == 404
    assert client_for("outsider").get(_url(update)).status_code == 404


def test_it_gives_every_record_kept_for_a_partnership_a_history_page():
    # A record whose history can carry a partnership is governed, a partnership, a role, or
    # names the governed record it hangs from: so the recent changes never link to a 404.
    for model in apps.get_models():
        carries_partnership = hasattr(model, "partnership_id") or any(
            f.name == "partnership" for f in model._meta.get_fields()
        )
        if not carries_partnership or model in (AuditEntry, Partnership, PartnershipRole):
            continue
        parent = getattr(model, "history_parent", None)
        assert issubclass(model, GovernedModel) or (
            parent and issubclass(model._meta.get_field(parent).related_model, GovernedModel)
        ), model._meta.label


def test_it_opens_every_kind_of_record_listed_in_recent_changes(client):
    from joinedup.demo.loader import demo_load

    demo_load()
    officers = {"herefordshire": "pst-project-director", "chorley": "psr-programme-officer"}
    for slug, username in officers.items():
        client.force_login(User.objects.get(username=username))
        entries = AuditEntry.objects.filter(partnership__slug=slug).exclude(action="delete")
        kinds = {}
        for entry in entries.select_related("content_type").order_by("-id"):
            kinds.setdefault(entry.content_type, entry)
        assert len(kinds) > 15
        for content_type, entry in kinds.items():
            label = f"{content_type.app_label}.{content_type.model}"
            # As the home page links it (joinedup/templates/core/partnership_home.html).
            url = reverse("core:history", args=[slug, label, entry.object_id])
            assert client.get(url).status_code == 200, url
