"""The partnerships pages by persona: who gets 200, 403 or 404, and what a bad form does."""

from __future__ import annotations

import datetime as dt

import pytest

from joinedup.core.models import AuditEntry, Confidentiality
from joinedup.partnerships import services
from joinedup.partnerships.models import Body, Partner, ReportingLine, TermsOfReference


@pytest.fixture
def hps(world):
    """Herefordshire: a steering group that is a working group of both Cabinet and PCT Board."""
    po = world["programme_officer"]
    group = services.body_create(
        actor=po, partnership=world.own, name="HPS Steering Group", kind="steering_group"
    )
    cabinet = services.body_create(
        actor=po,
        partnership=world.own,
        name="Cabinet",
        kind="cabinet",
        owner_organisation=world.council,
    )
    pct = services.body_create(
        actor=po,
        partnership=world.own,
        name="PCT Board",
        kind="nhs_board",
        owner_organisation=world.nhs,
    )
    for parent in (cabinet, pct):
        services.reporting_line_create(
            actor=po, child=group, parent=parent, kind=ReportingLine.Kind.WORKING_GROUP_OF
        )
    seat = services.body_membership_create(
        actor=po, body=group, person=world["board_member"], role="joint_chair"
    )
    first = services.tor_version_create(actor=po, body=group, purpose="Steer the PST.")
    services.tor_version_approve(
        actor=po, tor=first, approved_on=dt.date(2008, 1, 15), approved_by=group
    )
    services.tor_version_create(actor=po, body=group, copy_latest=True, purpose="Steer HPS.")
    return {"group": group, "cabinet": cabinet, "pct": pct, "seat": seat}


def _pages(hps, world):
    g = hps["group"].slug
    nhs = Partner.objects.get(partnership=world.own, organisation=world.nhs).pk
    return [
        "/p/own/partners/",
        f"/p/own/partners/{nhs}/",
        "/p/own/bodies/",
        "/p/own/bodies/graph/",
        "/p/own/bodies/graph.svg",
        f"/p/own/bodies/{g}/",
        f"/p/own/bodies/{g}/tor/1/",
        f"/p/own/bodies/{g}/tor/compare/?a=1&b=2",
    ]


@pytest.mark.parametrize(
    "persona", ["programme_officer", "board_member", "partner_lead", "viewer", "outsider"]
)
def test_it_shows_read_pages_to_members_and_404s_outsiders(client_for, world, hps, persona):
    client = client_for(persona)
    expected = 404 if persona == "outsider" else 200

    for url in _pages(hps, world):
        assert client.get(url).status_code == expected, url


def test_it_sends_anonymous_visitors_to_sign_in(client_for, world, hps):
    response = client_for("anonymous").get("/p/own/bodies/")

    assert response.status_code == 302


def test_it_shows_edit_links_only_to_those_who_may_edit(client_for, world, hps):
    url = f"/p/own/bodies/{hps['group'].slug}/"
    edit = f"/p/own/bodies/{hps['group'].slug}/edit/"

    assert edit in client_for("programme_officer").get(url).content.decode()
    client_for("viewer")
    page = client_for("viewer").get(url).content.decode()
    assert edit not in page
    assert "/history/partnerships.body/" in page


@pytest.mark.parametrize(
    ("persona", "status"),
    [("programme_officer", 200), ("partner_lead", 403), ("viewer", 403), ("outsider", 404)],
)
def test_it_guards_the_edit_page(client_for, world, hps, persona, status):
    url = f"/p/own/bodies/{hps['group'].slug}/edit/"

    assert client_for(persona).get(url).status_code == status


def test_it_lets_a_partner_lead_edit_their_organisations_body_only(client_for, world, hps):
    client = client_for("partner_lead")

    assert client.get(f"/p/own/bodies/{hps['pct'].slug}/edit/").status_code == 200
    assert client.get(f"/p/own/bodies/{hps['cabinet'].slug}/edit/").status_code == 403


def test_it_404s_an_exempt_body_for_a_viewer_and_shows_it_to_a_board_member(client_for, world, hps):
    services.body_create(
        actor=world["programme_officer"],
        partnership=world.own,
        name="Staffing panel",
        kind="committee",
        confidentiality=Confidentiality.EXEMPT,
        exempt_paragraph=4,
    )

    assert client_for("viewer").get("/p/own/bodies/staffing-panel/").status_code == 404
    assert client_for("board_member").get("/p/own/bodies/staffing-panel/").status_code == 200


def test_it_guards_every_create_page(client_for, world, hps):
    g = hps["group"].slug
    urls = [
        "/p/own/partners/new/",
        "/p/own/bodies/new/",
        f"/p/own/bodies/{g}/members/new/",
        f"/p/own/bodies/{g}/lines/new/",
        f"/p/own/bodies/{g}/tor/new/",
    ]
    for url in urls:
        assert client_for("programme_officer").get(url).status_code == 200, url
        assert client_for("viewer").get(url).status_code == 403, url
        assert client_for("outsider").get(url).status_code == 404, url


def test_it_creates_a_body_from_the_form(client_for, world):
    response = client_for("programme_officer").post(
        "/p/own/bodies/new/",
        {
            "name": "Strategic Oversight Group",
            "kind": "strategic_oversight",
            "publication_rule": "none",
            "confidentiality": "partnership",
        },
    )

    body = Body.objects.get(name="Strategic Oversight Group")
    assert response.status_code == 302
    assert response["Location"] == f"/p/own/bodies/{body.slug}/"
    assert AuditEntry.objects.filter(object_id=str(body.pk), action="create").exists()


def test_it_shows_an_error_summary_and_writes_nothing_for_a_bad_form(client_for, world):
    before = AuditEntry.objects.count()

    response = client_for("programme_officer").post(
        "/p/own/bodies/new/",
        {
            "name": "",
            "kind": "board",
            "publication_rule": "none",
            "confidentiality": "restricted",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert not Body.objects.exists()
    assert AuditEntry.objects.count() == before


def test_it_shows_a_service_error_on_the_form(client_for, world, hps):
    """A reporting loop is only found by the service; the form still shows it by the field."""
    url = f"/p/own/bodies/{hps['cabinet'].slug}/lines/new/"
    lines = ReportingLine.objects.count()

    response = client_for("programme_officer").post(
        url,
        {
            "parent": hps["group"].pk,
            "kind": "reports_to",
            "confidentiality": "partnership",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and "loop" in html
    assert ReportingLine.objects.count() == lines


def test_it_adds_a_joint_chair_from_another_organisation(client_for, world, hps):
    url = f"/p/own/bodies/{hps['group'].slug}/members/new/"

    response = client_for("programme_officer").post(
        url,
        {
            "person": world["partner_lead"].pk,
            "representing": world.nhs.pk,
            "role": "joint_chair",
            "membership_type": "full",
            "confidentiality": "partnership",
        },
    )

    assert response.status_code == 302
    assert hps["group"].memberships.filter(role="joint_chair").count() == 2


def test_it_edits_a_seat_and_403s_a_viewer(client_for, world, hps):
    url = f"/p/own/bodies/{hps['group'].slug}/members/{hps['seat'].pk}/edit/"

    assert client_for("viewer").get(url).status_code == 403
    response = client_for("programme_officer").post(
        url,
        {
            "representing": world.council.pk,
            "role": "joint_chair",
            "membership_type": "full",
            "voting_choice": "no",
            "confidentiality": "partnership",
            "reason": "Casting vote only",
        },
    )

    hps["seat"].refresh_from_db()
    assert response.status_code == 302
    assert hps["seat"].voting is False
    assert AuditEntry.objects.filter(reason="Casting vote only").exists()


def test_it_approves_a_draft_and_supersedes_the_old_version(client_for, world, hps):
    url = f"/p/own/bodies/{hps['group'].slug}/tor/2/approve/"

    assert client_for("viewer").post(url, {}).status_code == 403
    response = client_for("programme_officer").post(
        url,
        {
            "approved_on": "2008-10-02",
            "approved_by": hps["cabinet"].pk,
        },
    )

    assert response.status_code == 302
    statuses = dict(TermsOfReference.objects.values_list("version", "status"))
    assert statuses == {1: "superseded", 2: "approved"}


def test_it_drafts_a_new_version_from_the_latest(client_for, world, hps):
    url = f"/p/own/bodies/{hps['group'].slug}/tor/new/"

    response = client_for("programme_officer").post(
        url,
        {
            "copy_latest": "on",
            "membership": "Both Chief Executives",
            "confidentiality": "partnership",
        },
    )

    tor = TermsOfReference.objects.get(version=3)
    assert response.status_code == 302
    assert (tor.purpose, tor.membership) == ("Steer HPS.", "Both Chief Executives")


def test_it_compares_two_versions(client_for, world, hps):
    url = f"/p/own/bodies/{hps['group'].slug}/tor/compare/?a=1&b=2&view=inline"

    html = client_for("viewer").get(url).content.decode()

    assert "<del>the PST</del><ins>HPS</ins>" in html


def test_it_draws_the_graph_with_a_text_list_beside_it(client_for, world, hps):
    html = client_for("viewer").get("/p/own/bodies/graph/").content.decode()
    svg = client_for("viewer").get("/p/own/bodies/graph.svg")

    assert 'role="group"' in html
    assert "is a working group of" in html
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert f'href="/p/own/bodies/{hps["pct"].slug}/"' in svg.content.decode()


def test_it_filters_the_body_list_and_serves_a_fragment_to_htmx(client_for, world, hps):
    client = client_for("viewer")

    page = client.get("/p/own/bodies/?kind=cabinet").content.decode()
    fragment = client.get("/p/own/bodies/?kind=cabinet", headers={"HX-Request": "true"})

    assert "Cabinet" in page and "PCT Board" not in page
    assert "<html" not in fragment.content.decode()
    assert "Cabinet" in fragment.content.decode()


def test_it_paginates_the_body_list(client_for, world):
    for n in range(30):
        Body.objects.create(
            partnership=world.own, slug=f"wg-{n:02}", name=f"WG {n:02}", kind="working_group"
        )

    first = client_for("viewer").get("/p/own/bodies/").content.decode()
    second = client_for("viewer").get("/p/own/bodies/?page=2").content.decode()

    assert "WG 00" in first and "WG 29" not in first
    assert "WG 29" in second


def test_it_lets_a_partner_lead_edit_their_partner_record_but_not_another(client_for, world):
    nhs = Partner.objects.get(partnership=world.own, organisation=world.nhs)
    vcs = Partner.objects.get(partnership=world.own, organisation=world.vcs)
    client = client_for("partner_lead")

    assert client.get(f"/p/own/partners/{vcs.pk}/edit/").status_code == 403
    response = client.post(
        f"/p/own/partners/{nhs.pk}/edit/",
        {
            "membership_type": "full",
            "voting": "on",
            "commitments": "Analyst time",
            "confidentiality": "partnership",
        },
    )

    nhs.refresh_from_db()
    assert response.status_code == 302
    assert nhs.commitments == "Analyst time"


def test_it_shows_the_latest_changes_on_the_record_page(client_for, world):
    body = services.body_create(
        actor=world["programme_officer"],
        partnership=world.own,
        name="Shared Services Board",
        kind="board",
    )
    services.body_update(
        actor=world["programme_officer"],
        body=body,
        purpose="Oversee shared services",
        reason="Agreed at the steering group",
    )
    page = client_for("viewer").get(f"/p/own/bodies/{body.slug}/").content.decode()
    assert "Latest changes" in page
    assert "Updated by Programme Officer" in page
    assert "Purpose" in page
    assert "Reason: Agreed at the steering group" in page
    assert "Full history of changes" in page
