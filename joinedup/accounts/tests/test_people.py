"""People pages and services: who may add, change and deactivate whom."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from conftest import World
from joinedup.accounts import selectors, services
from joinedup.accounts.models import PartnershipRole, User
from joinedup.accounts.tests.factories import UserFactory
from joinedup.core.models import AuditEntry

pytestmark = pytest.mark.django_db
Role = PartnershipRole.Role


def _new_person(world, **overrides):
    data = {
        "username": "newbie",
        "role_title": "Data Analyst",
        "first_name": "Nia",
        "last_name": "Evans",
        "email": "nia@example.org",
        "organisation": world.nhs.pk,
        "role": Role.CONTRIBUTOR,
        "password": "",
    }
    data.update(overrides)
    return data


def test_it_lists_people_by_role_title(client_for, world):
    response = client_for("viewer").get(reverse("accounts:people", args=["own"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trust Partnership Lead" in html and "Programme Officer" in html
    assert "Other PO" not in html


def test_it_filters_people_by_organisation(client_for, world):
    url = reverse("accounts:people", args=["own"])
    response = client_for("viewer").get(url, {"organisation": world.nhs.pk})
    names = [p.username for p in response.context["people"]]
    assert names == ["lead"]


def test_it_serves_only_the_table_to_htmx(client_for, world):
    url = reverse("accounts:people", args=["own"])
    response = client_for("viewer").get(url, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert b"govuk-table" in response.content


def test_it_paginates_people(client_for, world):
    for n in range(30):
        user = UserFactory(username=f"bulk{n}", organisation=world.council)
        PartnershipRole.objects.create(
            user=user, partnership=world.own, role=Role.VIEWER, organisation=world.council
        )
    url = reverse("accounts:people", args=["own"])
    first = client_for("viewer").get(url)
    assert len(first.context["people"]) == 25
    assert b"govuk-pagination" in first.content
    assert (
        len(client_for("viewer").get(url, {"page": 2}).context["people"]) == 11
    )  # 6 personas + 30


@pytest.mark.parametrize("name", ["people", "person_create"])
def test_it_hides_people_pages_from_outsiders(client_for, world, name):
    assert client_for("outsider").get(reverse(f"accounts:{name}", args=["own"])).status_code == 404


def test_it_hides_a_person_of_another_partnership(client_for, world):
    url = reverse("accounts:person_detail", args=["own", world["outsider"].pk])
    assert client_for("programme_officer").get(url).status_code == 404


def test_it_redirects_anonymous_people_to_sign_in(client, world):
    response = client.get(reverse("accounts:people", args=["own"]))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_it_shows_a_person(client_for, world):
    lead = world["partner_lead"]
    response = client_for("viewer").get(reverse("accounts:person_detail", args=["own", lead.pk]))
    assert response.status_code == 200
    assert b"Partner lead" in response.content


def test_it_lets_a_partner_lead_add_a_person_to_their_own_organisation(client_for, world):
    client = client_for("partner_lead")
    response = client.post(reverse("accounts:person_create", args=["own"]), _new_person(world))
    assert response.status_code == 302
    person = User.objects.get(username="newbie")
    assert person.organisation == world.nhs
    assert not person.has_usable_password()
    grant = PartnershipRole.objects.get(user=person, partnership=world.own)
    assert (grant.role, grant.organisation) == (Role.CONTRIBUTOR, world.nhs)
    assert AuditEntry.objects.filter(object_id=str(person.pk), action="create").exists()


def test_it_stops_a_partner_lead_granting_programme_officer(client_for, world):
    client = client_for("partner_lead")
    data = _new_person(world, role=Role.PROGRAMME_OFFICER)
    response = client.post(reverse("accounts:person_create", args=["own"]), data)
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(username="newbie").exists()


def test_it_stops_a_partner_lead_adding_people_for_another_organisation(client_for, world):
    data = _new_person(world, organisation=world.council.pk)
    response = client_for("partner_lead").post(
        reverse("accounts:person_create", args=["own"]), data
    )
    assert "organisation" in response.context["form"].errors
    assert not User.objects.filter(username="newbie").exists()


def test_it_refuses_the_service_too(world):
    with pytest.raises(PermissionDenied):
        services.person_create(
            actor=world["partner_lead"],
            partnership=world.own,
            username="x",
            organisation=world.nhs,
            role=Role.PROGRAMME_OFFICER,
        )
    with pytest.raises(PermissionDenied):
        services.person_create(
            actor=world["partner_lead"],
            partnership=world.own,
            username="x",
            organisation=world.council,
            role=Role.VIEWER,
        )
    assert not User.objects.filter(username="x").exists()


def test_it_forbids_viewers_to_add_people(client_for, world):
    assert (
        client_for("viewer").get(reverse("accounts:person_create", args=["own"])).status_code == 403
    )


def test_it_forbids_a_partner_lead_to_edit_another_organisations_person(client_for, world):
    viewer = world["viewer"]  # council, visible in the partnership
    url = reverse("accounts:person_edit", args=["own", viewer.pk])
    assert client_for("partner_lead").get(url).status_code == 403
    outsider = world["outsider"]  # not in the partnership at all
    url = reverse("accounts:person_edit", args=["own", outsider.pk])
    assert client_for("partner_lead").get(url).status_code == 404


def test_it_lets_a_programme_officer_change_details_and_role(client_for, world):
    viewer = world["viewer"]
    data = _new_person(
        world,
        username="viewer",
        role_title="Senior Analyst",
        organisation=world.council.pk,
        role=Role.CONTRIBUTOR,
    )
    url = reverse("accounts:person_edit", args=["own", viewer.pk])
    response = client_for("programme_officer").post(url, data)
    assert response.status_code == 302
    viewer.refresh_from_db()
    assert viewer.role_title == "Senior Analyst"
    current = selectors.current_roles_qs(viewer, world.own)
    assert [g.role for g in current] == [Role.CONTRIBUTOR]


def test_it_writes_nothing_when_the_form_has_errors(client_for, world):
    before = AuditEntry.objects.count()
    data = _new_person(world, username="", email="not-an-email")
    response = client_for("programme_officer").post(
        reverse("accounts:person_create", args=["own"]), data
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a username" in html and 'href="#id_username"' in html
    assert 'href="#id_email"' in html
    assert AuditEntry.objects.count() == before
    assert not User.objects.filter(email="not-an-email").exists()


def test_it_rejects_a_taken_username(client_for, world):
    data = _new_person(world, username="PO")
    response = client_for("programme_officer").post(
        reverse("accounts:person_create", args=["own"]), data
    )
    assert "username" in response.context["form"].errors


def test_it_rejects_a_weak_password_and_writes_nothing(client_for, world):
    data = _new_person(world, password="123")
    response = client_for("programme_officer").post(
        reverse("accounts:person_create", args=["own"]), data
    )
    assert "password" in response.context["form"].errors
    assert not User.objects.filter(username="newbie").exists()


def test_it_deactivates_a_person_by_ending_their_roles_in_the_partnership(client_for, world):
    # The account is the person's own (see test_account_ownership): deactivating them in a
    # partnership ends their roles there, and they no longer see it; an administrator alone
    # deactivates the account, ending its sessions and tokens.
    viewer = world["viewer"]
    their_browser = Client()
    their_browser.force_login(viewer)
    assert their_browser.get("/p/own/").status_code == 200

    url = reverse("accounts:person_deactivate", args=["own", viewer.pk])
    response = client_for("programme_officer").post(url, {"reason": "Left the council"})
    assert response.status_code == 302

    viewer.refresh_from_db()
    assert viewer.is_active
    assert not selectors.current_roles_qs(viewer, world.own).exists()
    assert their_browser.get("/p/own/").status_code == 404
    grant = PartnershipRole.objects.get(user=viewer, partnership=world.own)
    entry = AuditEntry.objects.filter(
        content_type__model="partnershiprole", object_id=str(grant.pk)
    ).first()
    assert entry.reason == "Left the council"


def test_it_needs_a_reason_to_deactivate(client_for, world):
    viewer = world["viewer"]
    url = reverse("accounts:person_deactivate", args=["own", viewer.pk])
    response = client_for("programme_officer").post(url, {"reason": ""})
    assert response.status_code == 200
    viewer.refresh_from_db()
    assert viewer.is_active


def test_it_forbids_deactivating_yourself(client_for, world):
    po = world["programme_officer"]
    url = reverse("accounts:person_deactivate", args=["own", po.pk])
    assert client_for("programme_officer").post(url, {"reason": "x"}).status_code == 403


def test_it_forbids_a_partner_lead_to_deactivate_another_organisations_person(client_for, world):
    url = reverse("accounts:person_deactivate", args=["own", world["viewer"].pk])
    assert client_for("partner_lead").post(url, {"reason": "x"}).status_code == 403


def test_it_ends_a_role(world):
    po, viewer = world["programme_officer"], world["viewer"]
    grant = PartnershipRole.objects.get(user=viewer, partnership=world.own)
    services.partnership_role_end(actor=po, grant=grant, reason="Moved on")
    assert not selectors.current_roles_qs(viewer, world.own).exists()


def test_it_lists_people_who_sit_on_a_body_without_a_sign_in_role(
    client_for: Any, world: World
) -> None:
    from joinedup.partnerships.tests.factories import BodyMembershipFactory

    seat = BodyMembershipFactory(
        body__partnership=world.own,
        person__role_title="Chair of the Trust",
        person__organisation=world.nhs,
    )
    page = client_for("viewer").get("/p/own/people/").content.decode()
    assert "Chair of the Trust" in page
    assert "No sign-in role" in page
    assert client_for("viewer").get(f"/p/own/people/{seat.person.pk}/").status_code == 200
    assert client_for("outsider").get(f"/p/own/people/{seat.person.pk}/").status_code == 404


def test_it_hides_a_person_whose_only_seat_is_on_a_body_the_user_cannot_see(
    client_for: Any, world: World
) -> None:
    from joinedup.partnerships.tests.factories import BodyMembershipFactory

    seat = BodyMembershipFactory(
        body__partnership=world.own,
        body__confidentiality="exempt",
        body__exempt_paragraph=1,
        person__role_title="Hidden Adviser",
    )
    assert "Hidden Adviser" not in client_for("viewer").get("/p/own/people/").content.decode()
    assert client_for("viewer").get(f"/p/own/people/{seat.person.pk}/").status_code == 404
