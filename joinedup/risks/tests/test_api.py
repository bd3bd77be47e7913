"""T10 and T11 through the REST API, and the API's access rules for risks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from joinedup.accounts.models import ApiToken
from joinedup.api.tests.conftest import ApiClient
from joinedup.risks.models import Risk

JOINT = "/partnerships/own/risk-registers"


@pytest.fixture
def api_for(world: Any) -> Any:
    def make(persona: str) -> ApiClient:
        _, raw = ApiToken.issue(user=world[persona], name="test")
        return ApiClient(raw)

    return make


def _new_risk(api: ApiClient, register: str, world: Any, **extra: Any) -> int:
    payload = {
        "title": "Consultation timing",
        "category": "governance",
        "lead_organisation": "own-council",
        "owner": world["programme_officer"].pk,
        "review_frequency": "monthly",
        **extra,
    }
    response = api.post(f"{JOINT}/{register}/risks", payload)
    assert response.status_code == 201, response.json()
    return int(response.json()["id"])


def test_it_scores_escalates_and_reports_through_the_api(
    world: Any, registers: Any, api_for: Any
) -> None:
    api = api_for("programme_officer")
    reg = registers.joint.slug
    api.post(
        f"{JOINT}/{reg}/appetites",
        {"category": "financial", "level": "cautious", "max_residual": 12},
    )
    risk_id = _new_risk(api, reg, world, category="financial")
    path = f"/partnerships/own/risks/{risk_id}"

    bad = api.post(
        path + "/assessment",
        {
            "inherent": {"likelihood": 3, "consequence": 4},
            "current": {"likelihood": 4, "consequence": 4},
        },
    )
    assert bad.status_code == 422
    assert "residual" in bad.json()["detail"][0]["msg"]

    ok = api.post(
        path + "/assessment",
        {
            "inherent": {"likelihood": 4, "consequence": 5},
            "current": {"likelihood": 4, "consequence": 4},
            "target": {"likelihood": 4, "consequence": 5},
            "today": "2026-01-15",
        },
    )
    body = ok.json()
    assert ok.status_code == 200, body
    assert body["warnings"] == ["The target score is above the current score."]
    assert body["risk"]["status"] == "escalated"
    assert body["risk"]["escalated_to"] == [registers.board.slug]
    assert body["risk"]["band"] == "extreme" and body["risk"]["shown_score"] == 16
    exceptions = api.get(f"{JOINT}/{reg}/exceptions").json()
    assert [r["id"] for r in exceptions["escalated"]] == [risk_id]

    review = api.post(path + "/reviews", {"reviewed_on": "2026-01-15"})
    assert review.status_code == 422
    assert review.json()["detail"][0]["loc"] == ["body", "reviewer"]
    review = api.post(
        path + "/reviews", {"reviewed_on": "2026-01-15", "reviewer": world["programme_officer"].pk}
    )
    assert review.status_code == 201
    assert api.get(path).json()["next_review_due"] == "2026-02-15"

    accepted = api.post(
        path + "/acceptances",
        {
            "approver": world["board_member"].pk,
            "justification": "Board accepts until the consultation closes",
            "expires_on": "2026-06-30",
            "accepted_on": "2026-01-20",
        },
    )
    assert accepted.json()["status"] == "tolerated"


def test_it_handles_a_joint_risk_through_the_api(world: Any, registers: Any, api_for: Any) -> None:
    po = api_for("programme_officer")
    risk_id = _new_risk(
        po,
        registers.joint.slug,
        world,
        title="Delayed hospital discharge",
        lead_organisation="own-nhs",
        category="operations",
    )
    path = f"/partnerships/own/risks/{risk_id}"
    lead = api_for("partner_lead")
    nhs = lead.post(
        path + "/contributions",
        {
            "organisation": "own-nhs",
            "owner": world["partner_lead"].pk,
            "likelihood": 3,
            "consequence": 4,
        },
    )
    assert nhs.status_code == 200, nhs.json()
    refused = lead.post(
        path + "/contributions", {"organisation": "own-council", "likelihood": 1, "consequence": 1}
    )
    assert refused.status_code == 403
    po.post(
        path + "/contributions",
        {
            "organisation": "own-council",
            "owner": world["board_member"].pk,
            "likelihood": 4,
            "consequence": 4,
        },
    )
    po.post(path + "/assessment", {"inherent": {"likelihood": 4, "consequence": 5}})

    shown = po.get(path).json()
    assert shown["shown_score"] == 16 and shown["divergent_assessments"] is True
    assert shown["escalated_to"] == [registers.council_body.slug]
    for register in (registers.council, registers.nhs):
        items = po.get(f"{JOINT}/{register.slug}/risks").json()["items"]
        assert [i["id"] for i in items] == [risk_id]

    closing = po.post(path + "/status", {"status": "closed"})
    assert closing.status_code == 422
    assert "confirm closure" in closing.json()["detail"][0]["msg"]

    agreed = po.post(path + "/joint-score", {"likelihood": 3, "consequence": 4}).json()
    assert agreed["shown_score"] == 12 and agreed["divergent_assessments"] is False
    po.post(path + "/reviews", {"reviewed_on": "2026-02-12", "reviewer": world["board_member"].pk})
    assert po.get(path).json()["escalated_to"] == []

    lead.post(path + "/contributions/own-nhs/confirm-closure")
    po.post(path + "/contributions/own-council/confirm-closure")
    assert po.post(path + "/status", {"status": "closed"}).json()["status"] == "closed"


def test_it_hides_risks_from_outsiders_and_refuses_viewers(
    world: Any, registers: Any, api_for: Any
) -> None:
    risk_id = _new_risk(api_for("programme_officer"), registers.joint.slug, world)
    path = f"/partnerships/own/risks/{risk_id}"

    assert api_for("outsider").get(path).status_code == 404
    assert api_for("outsider").get(f"{JOINT}").status_code == 404
    assert api_for("viewer").get(path).status_code == 200
    refused = api_for("viewer").post(path + "/status", {"status": "closed"})
    assert refused.status_code == 403
    assert Risk.objects.get(pk=risk_id).status == "draft"


def test_it_lists_registers_and_records_a_review_at_a_meeting(
    world: Any, registers: Any, api_for: Any
) -> None:
    po = api_for("programme_officer")
    risk_id = _new_risk(po, registers.joint.slug, world)
    po.post(
        f"/partnerships/own/risks/{risk_id}/assessment",
        {
            "inherent": {"likelihood": 3, "consequence": 3},
            "current": {"likelihood": 2, "consequence": 3},
        },
    )
    listed = api_for("viewer").get(JOINT).json()
    assert listed["count"] == len(listed["items"]) and listed["next"] is None
    slugs = {r["slug"] for r in listed["items"]}
    assert {registers.joint.slug, registers.council.slug, registers.nhs.slug} <= slugs

    made = po.post(
        f"{JOINT}/{registers.joint.slug}/reviews",
        {"meeting_date": "2026-03-03", "reviewed_by": [world["board_member"].pk]},
    )

    assert made.status_code == 201, made.json()
    assert made.json()["risks_reviewed"] == 1 and made.json()["body"] == registers.board.slug
    reviews = po.get(f"/partnerships/own/risks/{risk_id}/reviews").json()
    assert [r["reviewed_on"] for r in reviews["items"]] == ["2026-03-03"]
    empty = po.post(
        f"{JOINT}/{registers.joint.slug}/reviews", {"meeting_date": "2026-03-04", "reviewed_by": []}
    )
    assert empty.status_code == 422


@pytest.mark.parametrize(
    ("pair", "score", "band"),
    [((4, 5), 20, "extreme"), ((2, 4), 8, "high"), ((3, 2), 6, "moderate"), ((1, 3), 3, "low")],
)
def test_it_scores_the_t10_examples_through_the_api(
    world: Any, registers: Any, api_for: Any, pair: tuple[int, int], score: int, band: str
) -> None:
    api = api_for("programme_officer")
    risk_id = _new_risk(api, registers.joint.slug, world)
    level = {"likelihood": pair[0], "consequence": pair[1]}

    body = api.post(
        f"/partnerships/own/risks/{risk_id}/assessment", {"inherent": level, "current": level}
    ).json()

    assert body["risk"]["current"] == {**level, "score": score, "band": band}


def test_it_refuses_impossible_scores_through_the_api(
    world: Any, registers: Any, api_for: Any
) -> None:
    api = api_for("programme_officer")
    reg = registers.joint.slug
    appetite = api.post(
        f"{JOINT}/{reg}/appetites", {"category": "financial", "level": "open", "max_residual": 7}
    )
    assert appetite.status_code == 422
    assert "7 is not a score" in appetite.json()["detail"][0]["msg"]
    risk_id = _new_risk(api, reg, world)
    outside = api.post(
        f"/partnerships/own/risks/{risk_id}/assessment",
        {"inherent": {"likelihood": 7, "consequence": 1}},
    )
    assert outside.status_code == 422
    assert Risk.objects.get(pk=risk_id).inherent_likelihood is None


def test_it_flags_overdue_and_ends_tolerance_on_the_t10_dates_through_the_api(
    world: Any, registers: Any, api_for: Any, monkeypatch: Any
) -> None:
    from joinedup.risks.api import _common as risks_api

    po = api_for("programme_officer")
    risk_id = _new_risk(po, registers.joint.slug, world)
    path = f"/partnerships/own/risks/{risk_id}"
    po.post(
        path + "/assessment",
        {
            "inherent": {"likelihood": 4, "consequence": 5},
            "current": {"likelihood": 4, "consequence": 5},
            "today": "2026-01-15",
        },
    )
    po.post(path + "/reviews", {"reviewed_on": "2026-01-15", "reviewer": world["board_member"].pk})

    for day, overdue in ((dt.date(2026, 2, 15), False), (dt.date(2026, 2, 16), True)):
        monkeypatch.setattr(risks_api, "_today", lambda day=day: day)
        shown = po.get(path).json()
        assert shown["next_review_due"] == "2026-02-15" and shown["review_overdue"] is overdue

    po.post(
        path + "/acceptances",
        {
            "approver": world["board_member"].pk,
            "justification": "Tolerated until the consultation closes",
            "expires_on": "2026-06-30",
            "accepted_on": "2026-02-16",
        },
    )
    monkeypatch.setattr(risks_api, "_today", lambda: dt.date(2026, 6, 30))
    assert po.get(path).json()["status"] == "tolerated"
    monkeypatch.setattr(risks_api, "_today", lambda: dt.date(2026, 7, 1))
    assert po.get(path).json()["status"] == "assessed"
