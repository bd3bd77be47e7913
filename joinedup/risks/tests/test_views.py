"""The risk pages: who sees what, the forms, and a query count that does not grow with rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from joinedup.risks import services
from joinedup.risks.models import Risk


@pytest.fixture
def risk(world: Any, registers: Any) -> Risk:
    po = world["programme_officer"]
    made = services.risk_create(
        actor=po,
        register=registers.joint,
        title="Consultation timing",
        category="governance",
        lead_organisation=world.council,
        owner=po,
        cause="The consultation period runs into the pre-election period",
        event="the decision is delayed",
        effect="the partnership misses its start date",
    )
    services.risk_assess(actor=po, risk=made, inherent=(4, 4), current=(3, 4))
    services.control_add(
        actor=po,
        risk=made,
        description="Consultation plan agreed",
        owner_organisation=world.council,
    )
    services.risk_review_record(
        actor=po, risk=made, reviewer=po, reviewed_on=dt.date(2026, 1, 15), commentary="On track"
    )
    return made


def _pages(world: Any, registers: Any, risk: Risk) -> list[str]:
    slug, reg = world.own.slug, registers.joint.slug
    return [
        reverse("risks:register_list", args=[slug]),
        reverse("risks:register_detail", args=[slug, reg]),
        reverse("risks:heat_map", args=[slug, reg]),
        reverse("risks:exceptions", args=[slug, reg]),
        reverse("risks:risk_detail", args=[slug, risk.pk]),
    ]


def test_it_shows_every_page_to_a_member(
    world: Any, registers: Any, risk: Risk, client_for: Any
) -> None:
    client = client_for("viewer")
    for url in _pages(world, registers, risk):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(reverse("risks:risk_detail", args=[world.own.slug, risk.pk]))
    assert b"Consultation plan agreed" in page.content and b"On track" in page.content


def test_it_gives_an_outsider_404_everywhere(
    world: Any, registers: Any, risk: Risk, client_for: Any
) -> None:
    client = client_for("outsider")
    for url in _pages(world, registers, risk):
        assert client.get(url).status_code == 404, url


def test_it_refuses_a_viewer_the_forms(
    world: Any, registers: Any, risk: Risk, client_for: Any
) -> None:
    client = client_for("viewer")
    slug = world.own.slug
    for name in ("risk_edit", "risk_assess", "risk_accept"):
        assert client.get(reverse(f"risks:{name}", args=[slug, risk.pk])).status_code == 403


def test_it_hides_a_restricted_risk_from_other_partners(
    world: Any, registers: Any, client_for: Any
) -> None:
    secret = services.risk_create(
        actor=world["partner_lead"],
        register=registers.nhs,
        title="Trust deficit",
        category="financial",
        confidentiality="restricted",
        restricted_to=[world.nhs],
    )
    url = reverse("risks:risk_detail", args=[world.own.slug, secret.pk])
    assert client_for("viewer").get(url).status_code == 404
    listing = client_for("viewer").get(
        reverse("risks:register_detail", args=[world.own.slug, registers.nhs.slug])
    )
    assert b"Trust deficit" not in listing.content


def test_it_assesses_through_the_form_with_a_warning(
    world: Any, registers: Any, risk: Risk, client_for: Any
) -> None:
    client = client_for("programme_officer")
    url = reverse("risks:risk_assess", args=[world.own.slug, risk.pk])
    data = {
        "inherent_likelihood": "4",
        "inherent_consequence": "4",
        "current_likelihood": "2",
        "current_consequence": "4",
        "target_likelihood": "3",
        "target_consequence": "4",
    }

    response = client.post(url, data, follow=True)

    assert b"The target score is above the current score." in response.content
    assert Risk.objects.get(pk=risk.pk).current_likelihood == 2
    bad = client.post(url, {**data, "current_likelihood": "5"})
    assert b"exceeds the inherent score" in bad.content
    assert Risk.objects.get(pk=risk.pk).current_likelihood == 2


def test_it_filters_the_register_by_band(
    world: Any, registers: Any, risk: Risk, client_for: Any
) -> None:
    url = reverse("risks:register_detail", args=[world.own.slug, registers.joint.slug])
    client = client_for("viewer")
    assert b"Consultation timing" in client.get(url, {"band": "high"}).content
    assert b"Consultation timing" not in client.get(url, {"band": "low"}).content


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _bulk(register: Any, world: Any, start: int, n: int) -> None:
    Risk.objects.bulk_create(
        Risk(
            register=register,
            partnership=register.partnership,
            reference=f"B-{i:05d}",
            title=f"Risk {i}",
            category="operations",
            lead_organisation=world.council,
            owner=world["viewer"],
            status="assessed",
            inherent_likelihood=4,
            inherent_consequence=4,
            current_likelihood=1 + i % 4,
            current_consequence=3,
        )
        for i in range(start, start + n)
    )


def test_it_reads_the_register_in_the_same_number_of_queries_at_10_and_2000_risks(
    world: Any, registers: Any, client_for: Any
) -> None:
    register = registers.joint
    _bulk(register, world, 0, 10)
    client = client_for("viewer")
    url = reverse("risks:register_detail", args=[world.own.slug, register.slug])
    client.get(url)  # the first request also loads the session and caches: not counted
    few = _count(client, url)
    _bulk(register, world, 10, 1990)
    many = _count(client, url)
    assert few == many
    assert _count(client, url + "?band=high&category=operations") == many


def test_it_draws_the_heat_map_with_words_and_arrows(
    world: Any, registers: Any, risk: Risk, client_for: Any
) -> None:
    po = world["programme_officer"]
    services.risk_assess(actor=po, risk=risk, inherent=(4, 4), current=(4, 4))
    url = reverse("risks:heat_map", args=[world.own.slug, registers.joint.slug])

    content = client_for("viewer").get(url).content.decode()

    assert "16 Extreme" in content and "1 Low" in content
    assert "score up since the last review" in content
    assert content.count(risk.reference) >= 3  # inherent grid, current grid, list


def test_it_records_a_register_review_through_the_form(
    world: Any, registers: Any, risk: Risk, client_for: Any
) -> None:
    client = client_for("board_member")
    url = reverse("risks:register_review", args=[world.own.slug, registers.joint.slug])
    data = {
        "meeting_date": "2026-03-03",
        "body": registers.board.pk,
        "reviewed_by": [world["board_member"].pk],
    }

    response = client.post(url, data)

    assert response.status_code == 302
    assert risk.reviews.filter(reviewed_on=dt.date(2026, 3, 3)).exists()
    refused = client.post(url, {**data, "reviewed_by": []})
    assert "Say who reviewed the register." in refused.content.decode()


def test_it_runs_a_joint_risk_through_the_pages(
    world: Any, registers: Any, risk: Risk, client_for: Any
) -> None:
    slug = world.own.slug
    lead = client_for("partner_lead")
    url = reverse("risks:contribution_edit", args=[slug, risk.pk])
    part = {"organisation": world.nhs.pk, "owner": world["partner_lead"].pk}
    assert lead.post(url, {**part, "likelihood": "2", "consequence": "4"}).status_code == 302
    contribution = risk.contributions.get()
    assert contribution.score == 8

    page = lead.get(reverse("risks:risk_detail", args=[slug, risk.pk])).content.decode()
    assert "Confirm closure" in page
    po = client_for("programme_officer")
    status_url = reverse("risks:risk_status", args=[slug, risk.pk])
    refused = po.post(status_url, {"status": "closed"})
    assert "waiting for Own NHS Trust" in refused.content.decode()
    po.post(reverse("risks:closure_confirm", args=[slug, risk.pk, contribution.pk]))
    assert po.post(status_url, {"status": "closed"}).status_code == 302
    assert Risk.objects.get(pk=risk.pk).status == "closed"


def test_it_shares_a_risk_through_the_page(
    world: Any, registers: Any, risk: Risk, client_for: Any
) -> None:
    url = reverse("risks:risk_share", args=[world.own.slug, risk.pk])
    response = client_for("programme_officer").post(
        url, {"register": registers.council.pk, "confidentiality": "partnership"}
    )
    assert response.status_code == 302
    assert risk.entries.get().register == registers.council


def test_it_shows_every_form_to_a_programme_officer(
    world: Any, registers: Any, risk: Risk, client_for: Any
) -> None:
    client = client_for("programme_officer")
    slug, reg = world.own.slug, registers.joint.slug
    names = ("risk_edit", "risk_assess", "risk_review", "risk_accept", "risk_share", "risk_status")
    urls = [reverse(f"risks:{name}", args=[slug, risk.pk]) for name in names]
    urls += [reverse("risks:contribution_edit", args=[slug, risk.pk])]
    urls += [
        reverse(f"risks:{name}", args=[slug, reg])
        for name in ("risk_create", "register_review", "register_import")
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_it_draws_the_heat_map_in_the_same_number_of_queries_at_10_and_2000_risks(
    world: Any, registers: Any, client_for: Any
) -> None:
    register = registers.joint
    _bulk(register, world, 0, 10)
    client = client_for("viewer")
    url = reverse("risks:heat_map", args=[world.own.slug, register.slug])
    client.get(url)  # the first request also loads the session and caches: not counted
    few = _count(client, url)
    _bulk(register, world, 10, 1990)

    with CaptureQueriesContext(connection) as queries:
        content = client.get(url).content.decode()

    assert len(queries) == few
    assert content.count("2000 scored risks on this grid") == 2
    # Inherent: every risk in the 16 cell; a cell names six and counts the rest.
    assert "2000 risks" in content and "and 1994 more" in content
    assert content.count("not reviewed before") >= 4


def test_it_counts_movement_since_the_last_review_in_the_heat_map(
    world: Any, registers: Any, risk: Risk, client_for: Any
) -> None:
    po = world["programme_officer"]
    services.risk_assess(actor=po, risk=risk, inherent=(4, 4), current=(2, 4))
    url = reverse("risks:heat_map", args=[world.own.slug, registers.joint.slug])

    content = client_for("viewer").get(url).content.decode()

    assert "1 risk:" in content and "score down since the last review" in content
