"""An account spans partnerships: its sign-in details and active flag are the person's own.

`shared` holds roles in both partnerships of the personas (`own` and `other`), as a council
officer might sit in two partnerships. The programme officer of `own` manages shared's roles in
`own`, and nothing of the account: not its password, e-mail, username or active flag, on the
pages, through the API or from the command line. The person changes those themselves (the
current password first), and a superuser may. A person confined to `own` can still be set up
by its officer (joinedup.accounts.permissions).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from conftest import PASSWORD, World
from joinedup.accounts import permissions, selectors, services
from joinedup.accounts.models import ApiToken, PartnershipRole, User
from joinedup.accounts.tests.factories import PartnershipRoleFactory, UserFactory
from joinedup.core.models import AuditEntry

pytestmark = pytest.mark.django_db
Role = PartnershipRole.Role
API = "/api/v1"
NEW_PASSWORD = "a quite different passphrase"


@pytest.fixture
def shared(world: World) -> User:
    """A council officer with a role in `own` and one in `other`."""
    person = UserFactory(
        username="shared",
        organisation=world.council,
        role_title="Shared Analyst",
        email="shared@example.org",
    )
    PartnershipRoleFactory(
        user=person, partnership=world.own, role=Role.VIEWER, organisation=world.council
    )
    PartnershipRoleFactory(
        user=person,
        partnership=world.other,
        role=Role.CONTRIBUTOR,
        organisation=world["outsider"].organisation,
    )
    return person


@pytest.fixture
def superuser(world: World) -> User:
    return UserFactory(
        username="root", role_title="Administrator", is_superuser=True, is_staff=True
    )


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _with_token(user: User) -> Client:
    _, raw = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _unchanged(person: User) -> None:
    person.refresh_from_db()
    assert person.username == "shared"
    assert person.email == "shared@example.org"
    assert person.role_title == "Shared Analyst"
    assert person.check_password(PASSWORD)
    assert person.is_active


def _current(person: User, partnership: Any) -> list[str]:
    return sorted(selectors.current_roles_qs(person, partnership).values_list("role", flat=True))


def _takeover(world: World, **overrides: Any) -> dict[str, Any]:
    data = {
        "username": "taken-over",
        "role_title": "Taken Over",
        "first_name": "",
        "last_name": "",
        "email": "attacker@example.org",
        "organisation": world.council.pk,
        "role": Role.VIEWER,
        "password": "attacker-chosen-passphrase",
    }
    return {**data, **overrides}


# ---------------------------------------------------------------- the rule, as predicates


def test_it_names_who_may_manage_sign_in_details(
    world: World, shared: User, superuser: User
) -> None:
    po, lead, own = world["programme_officer"], world["partner_lead"], world.own
    assert not permissions.can_manage_credentials(po, shared, own)
    assert not permissions.can_manage_credentials(world["outsider"], shared, world.other)
    assert not permissions.can_manage_credentials(po, po, own)  # own account: self-service
    assert permissions.can_manage_credentials(po, world["viewer"], own)  # only in `own`
    assert not permissions.can_manage_credentials(lead, world["viewer"], own)  # not their org
    assert permissions.can_manage_credentials(superuser, shared)
    assert not permissions.can_manage_credentials(po, superuser, own)
    assert not permissions.can_edit_person_details(po, own, shared)
    assert permissions.can_edit_person_details(superuser, own, shared)
    assert not permissions.can_set_active(po, world["viewer"])
    assert permissions.can_set_active(superuser, shared)
    assert permissions.is_account_holder(shared, shared)


def test_it_counts_a_seat_or_an_ended_role_elsewhere_as_elsewhere(world: World) -> None:
    from joinedup.partnerships.tests.factories import BodyMembershipFactory

    po, viewer = world["programme_officer"], world["viewer"]
    assert permissions.is_confined_to(viewer, world.own)
    seat = BodyMembershipFactory(body__partnership=world.other, person=viewer)
    assert not permissions.can_manage_credentials(po, viewer, world.own)
    seat.delete()
    PartnershipRoleFactory(
        user=viewer,
        partnership=world.other,
        role=Role.VIEWER,
        organisation=world.council,
        start_date="2020-01-01",
        end_date="2020-12-31",
    )
    assert not permissions.can_manage_credentials(po, viewer, world.own)


# ---------------------------------------------------------------- pages, as an officer


def test_it_does_not_offer_an_officer_the_account_of_a_person_with_roles_elsewhere(
    world: World, shared: User
) -> None:
    url = reverse("accounts:person_edit", args=["own", shared.pk])
    response = _signed_in(world["programme_officer"]).get(url)

    assert response.status_code == 200
    fields = set(response.context["form"].fields)
    assert fields == {"role"}
    assert "also have a role or a seat outside" in response.content.decode()


def test_it_changes_nothing_of_the_account_when_an_officer_posts_it_anyway(
    world: World, shared: User
) -> None:
    url = reverse("accounts:person_edit", args=["own", shared.pk])
    response = _signed_in(world["programme_officer"]).post(url, _takeover(world))

    assert response.status_code == 302
    _unchanged(shared)
    assert User.objects.filter(email="attacker@example.org").count() == 0


def test_it_still_lets_the_officer_change_the_persons_role_in_their_partnership(
    world: World, shared: User
) -> None:
    url = reverse("accounts:person_edit", args=["own", shared.pk])
    response = _signed_in(world["programme_officer"]).post(url, {"role": Role.CONTRIBUTOR})

    assert response.status_code == 302
    assert _current(shared, world.own) == [Role.CONTRIBUTOR]
    assert _current(shared, world.other) == [Role.CONTRIBUTOR]
    _unchanged(shared)


def test_it_refuses_the_service_too(world: World, shared: User) -> None:
    po, own = world["programme_officer"], world.own
    attempts: list[dict[str, Any]] = [
        {"password": "attacker-chosen-passphrase"},
        {"email": "attacker@example.org"},
        {"username": "taken-over"},
        {"role_title": "Taken Over"},
    ]
    for change in attempts:
        with pytest.raises(PermissionDenied):
            services.person_update(actor=po, partnership=own, person=shared, **change)
        shared.refresh_from_db()
    _unchanged(shared)
    with pytest.raises(PermissionDenied):
        services.user_deactivate(actor=po, user=shared, reason="Left")
    _unchanged(shared)


def test_it_does_not_let_an_officer_set_their_own_password_without_the_current_one(
    world: World,
) -> None:
    po = world["programme_officer"]
    url = reverse("accounts:person_edit", args=["own", po.pk])
    client = _signed_in(po)

    assert "password" not in client.get(url).context["form"].fields
    client.post(url, _takeover(world, username="po", role=Role.PROGRAMME_OFFICER))

    po.refresh_from_db()
    assert po.check_password(PASSWORD)
    assert po.email != "attacker@example.org"


def test_it_deactivates_a_person_in_one_partnership_only(world: World, shared: User) -> None:
    their_browser = _signed_in(shared)
    _token, raw = ApiToken.issue(user=shared)
    url = reverse("accounts:person_deactivate", args=["own", shared.pk])

    response = _signed_in(world["programme_officer"]).post(
        url, {"reason": "Left the partnership", "everywhere": "on"}
    )

    assert response.status_code == 302
    _unchanged(shared)
    assert _current(shared, world.own) == []
    assert _current(shared, world.other) == [Role.CONTRIBUTOR]
    assert ApiToken.authenticate(raw) == shared
    assert their_browser.get("/p/other/").status_code == 200
    assert their_browser.get("/p/own/").status_code == 404
    ended = PartnershipRole.objects.get(user=shared, partnership=world.own)
    entry = AuditEntry.objects.filter(
        content_type__model="partnershiprole", object_id=str(ended.pk)
    ).first()
    assert entry is not None and entry.reason == "Left the partnership"
    assert entry.actor == world["programme_officer"]


def test_it_offers_only_administrators_to_deactivate_the_whole_account(
    world: World, shared: User, superuser: User
) -> None:
    url = reverse("accounts:person_deactivate", args=["own", shared.pk])
    officer_form = _signed_in(world["programme_officer"]).get(url).context["form"]
    admin_form = _signed_in(superuser).get(url).context["form"]

    assert "everywhere" not in officer_form.fields
    assert "everywhere" in admin_form.fields


# ---------------------------------------------------------------- the person themselves


def test_it_lets_the_person_change_their_own_email_and_password(shared: User) -> None:
    client = _signed_in(shared)
    assert client.get(reverse("accounts:account")).status_code == 200

    client.post(reverse("accounts:account_email"), {"email": "new@example.org"})
    wrong = client.post(
        reverse("accounts:account_password"),
        {
            "current_password": "not my password",
            "new_password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )
    shared.refresh_from_db()
    assert shared.email == "new@example.org"
    assert "current_password" in wrong.context["form"].errors
    assert shared.check_password(PASSWORD)

    right = client.post(
        reverse("accounts:account_password"),
        {
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )
    assert right.status_code == 302
    shared.refresh_from_db()
    assert shared.check_password(NEW_PASSWORD)
    assert client.get(reverse("accounts:account")).status_code == 200  # still signed in
    history = AuditEntry.objects.filter(content_type__model="user", object_id=str(shared.pk))
    assert {"email", "password"} <= {key for e in history for key in e.changes}
    assert NEW_PASSWORD not in json.dumps([e.changes for e in history])


def test_it_sends_anonymous_visitors_of_the_account_pages_to_sign_in(client: Client) -> None:
    for name in ("accounts:account", "accounts:account_email", "accounts:account_password"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "sign-in" in response["Location"]


# ---------------------------------------------------------------- a superuser


def test_it_lets_a_superuser_change_the_account_and_deactivate_it(
    world: World, shared: User, superuser: User
) -> None:
    their_browser = _signed_in(shared)
    _token, raw = ApiToken.issue(user=shared)
    admin = _signed_in(superuser)
    edit = reverse("accounts:person_edit", args=["own", shared.pk])
    assert {"username", "email", "password"} <= set(admin.get(edit).context["form"].fields)

    data = _takeover(world, username="shared", role_title="Shared Analyst", email="new@x.org")
    assert admin.post(edit, {**data, "password": NEW_PASSWORD}).status_code == 302
    shared.refresh_from_db()
    assert shared.email == "new@x.org" and shared.check_password(NEW_PASSWORD)

    deactivate = reverse("accounts:person_deactivate", args=["own", shared.pk])
    assert "everywhere" in admin.get(deactivate).context["form"].fields
    response = admin.post(deactivate, {"reason": "Left the council", "everywhere": "on"})

    assert response.status_code == 302
    shared.refresh_from_db()
    assert not shared.is_active
    assert ApiToken.authenticate(raw) is None
    sessions = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(shared.pk) not in sessions
    assert their_browser.get(reverse("core:home")).status_code == 302


# ---------------------------------------------------------------- the API


def test_it_lets_the_caller_change_their_own_account_through_the_api(shared: User) -> None:
    api = _with_token(shared)

    email = api.patch(f"{API}/me", {"email": "api@example.org"}, content_type="application/json")
    wrong = api.patch(
        f"{API}/me",
        {"current_password": "nope", "new_password": NEW_PASSWORD},
        content_type="application/json",
    )
    shared.refresh_from_db()
    assert email.status_code == 200 and email.json()["email"] == "api@example.org"
    assert wrong.status_code == 422
    assert wrong.json()["detail"][0]["loc"] == ["body", "current_password"]
    assert shared.check_password(PASSWORD)

    right = api.patch(
        f"{API}/me",
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        content_type="application/json",
    )
    assert right.status_code == 200
    shared.refresh_from_db()
    assert shared.check_password(NEW_PASSWORD)


def test_it_offers_an_officer_no_api_operation_that_changes_another_persons_account(
    world: World, shared: User
) -> None:
    """Every write of the API that names a person, or the caller, sent a takeover body by the
    officer of `own`: the shared person's account stays as it was."""
    from config.api import api

    paths = api.get_openapi_schema()["paths"]
    body = {
        "email": "attacker@example.org",
        "username": "taken-over",
        "password": "attacker-chosen-passphrase",
        "new_password": "attacker-chosen-passphrase",
        "is_active": False,
        "person_id": shared.pk,
        "user": shared.pk,
    }
    client = _with_token(world["programme_officer"])
    tried = []
    for path, methods in paths.items():
        if "{person_id}" not in path and not path.endswith("/me"):
            continue
        url = path.replace("{slug}", "own").replace("{person_id}", str(shared.pk))
        for method in set(methods) & {"post", "put", "patch", "delete"}:
            getattr(client, method)(url, json.dumps(body), content_type="application/json")
            tried.append(f"{method.upper()} {path}")

    assert f"PATCH {API}/me" in tried
    _unchanged(shared)


# ---------------------------------------------------------------- the command line


def _run(*args: str) -> Any:
    from joinedup.cli import users  # noqa: F401  (registers the people commands on `app`)
    from joinedup.cli.main import app

    return CliRunner().invoke(app, list(args))


def test_it_lets_an_officer_end_roles_but_not_the_account_from_the_command_line(
    world: World, shared: User
) -> None:
    as_po = ("--as", "po", "--reason", "Left")

    account = _run("deactivate", "shared", *as_po)
    elsewhere = _run("deactivate", "shared", "--partnership", "other", *as_po)
    here = _run("deactivate", "shared", "--partnership", "own", *as_po)

    assert account.exit_code == 1 and "administrator" in account.stderr
    assert elsewhere.exit_code == 2 and "No partnership" in elsewhere.stderr  # as unknown
    assert here.exit_code == 0, here.output
    _unchanged(shared)
    assert _current(shared, world.own) == []
    assert _current(shared, world.other) == [Role.CONTRIBUTOR]


def test_it_lets_a_superuser_or_the_system_deactivate_an_account_from_the_command_line(
    world: World, shared: User, superuser: User
) -> None:
    viewer = world["viewer"]

    by_superuser = _run("deactivate", "shared", "--as", "root", "--reason", "Left")
    by_system = _run("deactivate", "viewer", "--reason", "Left")

    assert by_superuser.exit_code == 0, by_superuser.output
    assert by_system.exit_code == 0, by_system.output
    shared.refresh_from_db()
    viewer.refresh_from_db()
    assert not shared.is_active and not viewer.is_active
    assert _current(shared, world.other) == [Role.CONTRIBUTOR]  # roles stay, unusable


# ---------------------------------------------------------------- the exception


def test_it_lets_an_officer_set_up_a_person_only_in_their_partnership_until_they_are_shared(
    world: World,
) -> None:
    po = world["programme_officer"]
    client = _signed_in(po)
    newbie = services.person_create(
        actor=po,
        partnership=world.own,
        username="newbie",
        organisation=world.council,
        role=Role.VIEWER,
    )
    url = reverse("accounts:person_edit", args=["own", newbie.pk])
    data = _takeover(world, username="newbie", email="newbie@example.org", password=NEW_PASSWORD)

    assert client.post(url, data).status_code == 302
    newbie.refresh_from_db()
    assert newbie.email == "newbie@example.org" and newbie.check_password(NEW_PASSWORD)

    PartnershipRoleFactory(
        user=newbie,
        partnership=world.other,
        role=Role.VIEWER,
        organisation=world["outsider"].organisation,
    )
    assert "password" not in client.get(url).context["form"].fields
    client.post(url, {**data, "email": "again@example.org", "password": "yet another one 42"})
    newbie.refresh_from_db()
    assert newbie.email == "newbie@example.org" and newbie.check_password(NEW_PASSWORD)
