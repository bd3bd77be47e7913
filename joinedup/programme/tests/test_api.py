"""The programme API: plans, actions (with optimistic locking), progress updates, milestones."""

from __future__ import annotations

import pytest

from joinedup.programme.models import Action, ProgressUpdate
from joinedup.programme.tests.factories import ActionFactory, MilestoneFactory

pytestmark = pytest.mark.django_db

PLANS = "/partnerships/own/plans"


def test_it_lists_the_plans_of_a_member_and_hides_them_from_an_outsider(api_for, plan):
    items = api_for("viewer").get(PLANS).json()["items"]
    assert [p["slug"] for p in items] == ["dev-plan"]
    assert items[0]["vocabulary"] == "herefordshire-development-plan@1"
    assert api_for("outsider").get(PLANS).status_code == 404
    assert api_for("outsider").get(f"{PLANS}/dev-plan").status_code == 404
    assert api_for("anonymous").get(PLANS).status_code == 401


def test_it_creates_a_plan(api_for, world):
    response = api_for("programme_officer").post(
        PLANS,
        {
            "slug": "work-programme",
            "name": "Work Programme 2015/16",
            "vocabulary": "work-programme",
            "report_interval_months": 2,
            "last_reported_on": "2015-06-16",
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["next_report_on"] == "2015-08-16"
    assert (
        api_for("viewer")
        .post(PLANS, {"slug": "x", "name": "X", "vocabulary": "work-programme"})
        .status_code
        == 403
    )


def test_it_lists_actions_with_their_progress_to_date(api_for, plan, nhs_action):
    other = ActionFactory(plan=plan, reference="14")
    ProgressUpdate.objects.create(
        partnership=plan.partnership,
        action=other,
        date="2008-10-02",
        narrative="As above.",
        see_action=nhs_action,
    )
    items = api_for("viewer").get(f"{PLANS}/dev-plan/actions").json()["items"]
    row = next(i for i in items if i["reference"] == "14")
    assert row["progress_to_date"] == "As above."
    assert row["progress_see_action"] == nhs_action.pk
    assert row["state"] == "not_started" and row["version"] == 1


def test_it_adds_an_action_and_refuses_an_unknown_status_word(api_for, plan):
    client = api_for("programme_officer")
    response = client.post(
        f"{PLANS}/dev-plan/actions",
        {"title": "A single Chief Executive will be appointed.", "status": "Underway"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "Underway"
    bad = client.post(f"{PLANS}/dev-plan/actions", {"title": "X", "status": "on track"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "status"]


def test_it_patches_an_action_with_its_version_and_refuses_a_stale_one_with_409(
    api_for, nhs_action
):
    url = f"/partnerships/own/actions/{nhs_action.pk}"
    lead = api_for("partner_lead")
    first = lead.patch(url, {"version": 1, "title": "First"})
    assert first.status_code == 200 and first.json()["version"] == 2
    second = lead.patch(url, {"version": 1, "title": "Second"})
    assert second.status_code == 409
    assert second.json()["current_version"] == 2
    assert Action.objects.get(pk=nhs_action.pk).title == "First"


def test_it_refuses_a_patch_from_a_viewer_and_hides_actions_from_outsiders(api_for, nhs_action):
    url = f"/partnerships/own/actions/{nhs_action.pk}"
    assert api_for("viewer").patch(url, {"version": 1, "title": "X"}).status_code == 403
    assert api_for("outsider").get(url).status_code == 404
    assert api_for("outsider").get(url + "/updates").status_code == 404


def test_it_adds_and_lists_progress_updates(api_for, plan, nhs_action):
    above = ActionFactory(plan=plan, reference="13")
    url = f"/partnerships/own/actions/{nhs_action.pk}/updates"
    response = api_for("partner_lead").post(
        url,
        {
            "narrative": "As above.",
            "see_action": above.pk,
            "date": "2008-10-02",
            "status": "Underway",
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["see_action"] == above.pk
    items = api_for("viewer").get(url).json()["items"]
    assert [i["narrative"] for i in items] == ["As above."]
    assert api_for("viewer").post(url, {"narrative": "X"}).status_code == 403


def test_it_lists_and_adds_milestones(api_for, plan):
    MilestoneFactory(plan=plan, title="Meeting with the SHA", due_label="8 March 2006")
    url = f"{PLANS}/dev-plan/milestones"
    assert [m["title"] for m in api_for("viewer").get(url).json()["items"]] == [
        "Meeting with the SHA"
    ]
    response = api_for("programme_officer").post(url, {"title": "Savings", "due_label": "End 2008"})
    assert response.status_code == 201


def test_it_lists_the_status_vocabularies(api_for, plan):
    items = api_for("viewer").get("/status-vocabularies", page_size=100).json()["items"]
    words = {v["slug"]: [w["word"] for w in v["words"]] for v in items}
    assert words["herefordshire-development-plan"] == ["Achieved", "Underway", "Ongoing", "Deleted"]
