"""People of another partnership named in meetings writes: refused as unknown ones, never named.

The API used to resolve `person_id` against every user of the instance, so it recorded votes,
attendance, declarations, interests, gifts and dispensations of outsiders, and its refusals
named them. Now the API, the pages and the services resolve people through one lookup
(joinedup/accounts/lookups.py); a service handed an outsider refuses them too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from joinedup.accounts.models import ApiToken
from joinedup.api.tests.conftest import ApiClient
from joinedup.core.models import AuditEntry
from joinedup.meetings import services
from joinedup.meetings.models import Attendance, Vote
from joinedup.meetings.tests.conftest import present

NO_SUCH_PERSON = "There is no such person in this partnership."
UNKNOWN_ID = 987654321


@pytest.fixture
def po_api(world: Any) -> ApiClient:
    _, raw = ApiToken.issue(user=world["programme_officer"])
    return ApiClient(raw)


def _item_url(item: Any) -> str:
    return f"/partnerships/own/meetings/{item.meeting_id}/items/{item.pk}"


def test_it_refuses_a_vote_of_an_outsider_as_it_refuses_a_vote_of_nobody(
    world: Any, po_api: ApiClient, meeting: Any, item: Any
) -> None:
    present(world, meeting, "board_member", "contributor")
    outsider = world["outsider"]
    url = _item_url(item) + "/votes"

    foreign = po_api.post(url, {"person_id": outsider.pk, "choice": "for"})
    unknown = po_api.post(url, {"person_id": UNKNOWN_ID, "choice": "for"})

    assert foreign.status_code == unknown.status_code == 422
    assert foreign.json() == unknown.json()
    assert foreign.json()["detail"][0]["msg"] == NO_SUCH_PERSON
    assert outsider.display_name not in foreign.content.decode()
    assert not Vote.objects.filter(person=outsider).exists()


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/attendance", {"status": "present"}),
        ("/items/{item}/declarations", {"interest_type": "ori", "action": "left_room"}),
        ("/items/{item}/casting-vote", {"choice": "for"}),
    ],
)
def test_it_records_nothing_about_an_outsider_at_a_meeting(
    world: Any, po_api: ApiClient, meeting: Any, item: Any, path: str, body: dict[str, Any]
) -> None:
    url = f"/partnerships/own/meetings/{meeting.pk}" + path.format(item=item.pk)
    before = AuditEntry.objects.count()

    response = po_api.post(url, {**body, "person_id": world["outsider"].pk})

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "person_id"], "msg": NO_SUCH_PERSON, "type": "validation_error"}
    ]
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("path", ["/interests", "/gifts", "/dispensations"])
def test_it_keeps_no_register_entry_of_an_outsider(
    world: Any, po_api: ApiClient, path: str
) -> None:
    body = {
        "person_id": world["outsider"].pk,
        "organisation": world.council.slug,
        "category": "ori",
        "subject": "A charity trustee",
        "received_on": "2025-06-01",
        "donor": "A supplier",
        "description": "Dinner",
        "estimated_value": "80.00",
        "scope": "Budget setting",
        "granted_on": "2025-06-01",
        "valid_from": "2025-06-01",
        "valid_to": "2026-06-01",
    }
    before = AuditEntry.objects.count()

    response = po_api.post(f"/partnerships/own{path}", body)

    assert response.status_code == 422
    assert response.json()["detail"][0] == {
        "loc": ["body", "person_id"],
        "msg": NO_SUCH_PERSON,
        "type": "validation_error",
    }
    assert AuditEntry.objects.count() == before


def test_it_refuses_minutes_signed_by_an_outsider(
    world: Any, po_api: ApiClient, meeting: Any, committee: Any
) -> None:
    later = services.meeting_create(
        actor=world["programme_officer"],
        body=committee,
        start=meeting.start + dt.timedelta(days=28),
        venue="Shire Hall",
    )
    services.minute_record(actor=world["programme_officer"], item=_an_item(world, meeting))
    url = f"/partnerships/own/meetings/{meeting.pk}/minutes/approve"
    body = {"approved_at": later.pk, "signed_on": "2026-02-03"}

    response = po_api.post(url, {**body, "signed_by": world["outsider"].pk})

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "signed_by"], "msg": NO_SUCH_PERSON, "type": "validation_error"}
    ]


def _an_item(world: Any, meeting: Any) -> Any:
    return services.agenda_item_create(
        actor=world["programme_officer"],
        meeting=meeting,
        title="Budget",
        added_on=dt.date(2025, 12, 1),
    )


# ---------------------------------------------------------------- the services themselves


def _service_calls(world: Any, meeting: Any, item: Any) -> dict[str, Callable[[Any], Any]]:
    po, own = world["programme_officer"], world.own
    return {
        "vote": lambda p: services.vote_record(actor=po, item=item, person=p, choice="for"),
        "casting vote": lambda p: services.vote_casting_record(
            actor=po, item=item, person=p, choice="for"
        ),
        "attendance": lambda p: services.attendance_record(actor=po, meeting=meeting, person=p),
        "declaration": lambda p: services.declaration_record(
            actor=po, item=item, person=p, interest_type="ori", action="left_room"
        ),
        "interest": lambda p: services.register_entry_create(
            actor=po,
            partnership=own,
            person=p,
            organisation=world.council,
            category="ori",
            subject="A charity trustee",
        ),
        "gift": lambda p: services.gift_record(
            actor=po,
            partnership=own,
            person=p,
            organisation=world.council,
            received_on=dt.date(2025, 6, 1),
            donor="A supplier",
            description="Dinner",
            estimated_value=Decimal("80.00"),
        ),
        "dispensation": lambda p: services.dispensation_grant(
            actor=po,
            partnership=own,
            person=p,
            organisation=world.council,
            scope="Budget setting",
            granted_on=dt.date(2025, 6, 1),
            valid_from=dt.date(2025, 6, 1),
            valid_to=dt.date(2026, 6, 1),
        ),
    }


@pytest.mark.parametrize(
    "write",
    ["vote", "casting vote", "attendance", "declaration", "interest", "gift", "dispensation"],
)
def test_a_service_handed_an_outsider_refuses_them_without_naming_them(
    world: Any, meeting: Any, item: Any, write: str
) -> None:
    """Defence in depth: a page, an import or a script that forgot the lookup still records
    nothing about an outsider, and the refusal names nobody."""
    outsider = world["outsider"]
    before = AuditEntry.objects.count()

    with pytest.raises(ValidationError) as refused:
        _service_calls(world, meeting, item)[write](outsider)

    assert refused.value.message_dict == {"person": [NO_SUCH_PERSON]}
    assert AuditEntry.objects.count() == before


def test_a_service_still_records_a_person_of_the_partnership(
    world: Any, meeting: Any, item: Any
) -> None:
    """A seat holder of a partner organisation with no role here is of the partnership."""
    row = _service_calls(world, meeting, item)["attendance"](world["viewer"])

    assert Attendance.objects.filter(pk=row.pk, person=world["viewer"]).exists()


def test_the_attendance_page_offers_and_accepts_no_outsider(
    world: Any, client_for: Any, meeting: Any
) -> None:
    outsider = world["outsider"]
    client = client_for("programme_officer")
    url = f"/p/own/meetings/{meeting.pk}/attendance/new/"

    page = client.get(url)
    posted = client.post(url, {"person": outsider.pk, "status": "present", "in_person": "on"})

    assert page.status_code == 200 and outsider.display_name not in page.content.decode()
    assert posted.status_code == 200  # the form again, with the error
    assert not Attendance.objects.filter(person=outsider).exists()


def test_the_urgency_report_names_no_organisation_of_another_partnership(
    world: Any, po_api: ApiClient
) -> None:
    elsewhere = world["outsider"].organisation

    url = "/partnerships/own/urgency-report"

    foreign = po_api.get(url, organisation=elsewhere.slug)
    unknown = po_api.get(url, organisation="no-such-organisation")

    assert foreign.status_code == unknown.status_code == 422
    assert foreign.json() == unknown.json()
    assert elsewhere.name not in foreign.content.decode()
