"""Pages changing a plan's structure: dependencies (with a specific message for a cycle),
workstreams (change, close) and milestones (change), all with history."""

from __future__ import annotations

import datetime as dt

import pytest

from joinedup.core.audit import history_for
from joinedup.programme import services
from joinedup.programme.models import ActionDependency
from joinedup.programme.tests.factories import (
    ActionFactory,
    MilestoneFactory,
    WorkstreamFactory,
)

pytestmark = pytest.mark.django_db


def test_it_refuses_a_cycle_naming_the_chain(plan, world, client_for):
    a, b, c = (ActionFactory(plan=plan, reference=r) for r in ("A", "B", "C"))
    po = world["programme_officer"]
    services.action_dependency_add(actor=po, action=b, depends_on=a)
    services.action_dependency_add(actor=po, action=c, depends_on=b)
    response = client_for("programme_officer").post(
        f"/p/own/programme/actions/{a.pk}/dependencies/new/", {"depends_on": c.pk}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Action C already waits on action A (C → B → A)" in html
    assert not ActionDependency.objects.filter(action=a).exists()


def test_it_refuses_the_same_dependency_twice(plan, world):
    a, b = ActionFactory(plan=plan, reference="A"), ActionFactory(plan=plan, reference="B")
    po = world["programme_officer"]
    services.action_dependency_add(actor=po, action=a, depends_on=b)
    with pytest.raises(Exception, match="already waits on it"):
        services.action_dependency_add(actor=po, action=a, depends_on=b)


def test_it_lists_and_removes_a_dependency_with_history(plan, world, client_for):
    a, b = ActionFactory(plan=plan, reference="A"), ActionFactory(plan=plan, reference="B")
    dependency = services.action_dependency_add(
        actor=world["programme_officer"], action=a, depends_on=b
    )
    client = client_for("programme_officer")
    url = f"/p/own/programme/actions/{a.pk}/dependencies/"
    assert "Remove" in client.get(url).content.decode()
    response = client.post(url, {"dependency": dependency.pk})
    assert response.status_code == 302
    assert not ActionDependency.objects.filter(pk=dependency.pk).exists()
    deleted = history_for(dependency).first()
    assert deleted.action == "delete" and deleted.actor == world["programme_officer"]


def test_it_refuses_dependency_changes_to_a_viewer_and_hides_them_from_outsiders(
    plan, world, client_for
):
    a, b = ActionFactory(plan=plan, reference="A"), ActionFactory(plan=plan, reference="B")
    dependency = services.action_dependency_add(
        actor=world["programme_officer"], action=a, depends_on=b
    )
    url = f"/p/own/programme/actions/{a.pk}/dependencies/"
    viewer = client_for("viewer")
    assert "Remove" not in viewer.get(url).content.decode()
    assert viewer.post(url, {"dependency": dependency.pk}).status_code == 403
    assert client_for("outsider").get(url).status_code == 404
    assert ActionDependency.objects.filter(pk=dependency.pk).exists()


def test_it_changes_and_closes_a_workstream_with_history(plan, world, client_for):
    stream = WorkstreamFactory(plan=plan, name="Managing Mental Health")
    client = client_for("programme_officer")
    base = f"/p/own/programme/{plan.slug}/workstreams/"
    assert "Managing Mental Health" in client.get(base).content.decode()
    edited = client.post(
        f"{base}{stream.pk}/edit/", {"name": "Mental Health", "description": "", "order": 2}
    )
    assert edited.status_code == 302
    stream.refresh_from_db()
    assert stream.name == "Mental Health"
    missing = client.post(f"{base}{stream.pk}/close/", {"closed_on": "2016-03-31", "reason": ""})
    assert "There is a problem" in missing.content.decode()
    closed = client.post(
        f"{base}{stream.pk}/close/",
        {"closed_on": "2016-03-31", "reason": "Merged into Living Well Living Better"},
    )
    assert closed.status_code == 302
    stream.refresh_from_db()
    assert stream.closed_on == dt.date(2016, 3, 31)
    entry = history_for(stream).first()
    assert entry.reason == "Merged into Living Well Living Better"
    assert entry.changes["closed_on"] == [None, "2016-03-31"]
    assert "Closed 31 March 2016" in client.get(base).content.decode()


def test_it_refuses_a_duplicate_workstream_name(plan, world):
    WorkstreamFactory(plan=plan, name="Governance")
    other = WorkstreamFactory(plan=plan, name="Finance")
    with pytest.raises(Exception, match="already has a workstream of that name"):
        services.workstream_update(
            actor=world["programme_officer"], workstream=other, name="governance"
        )


def test_it_changes_a_milestone_date_with_history(plan, world, client_for):
    milestone = MilestoneFactory(plan=plan, title="SHA meeting", due_date=dt.date(2006, 3, 1))
    client = client_for("programme_officer")
    url = f"/p/own/programme/{plan.slug}/milestones/{milestone.pk}/edit/"
    bad = client.post(url, {"title": "SHA meeting", "due_date": "31/02/2006"})
    assert "There is a problem" in bad.content.decode()
    done = client.post(
        url, {"title": "SHA meeting", "due_date": "2006-03-08", "achieved_on": "2006-03-08"}
    )
    assert done.status_code == 302
    milestone.refresh_from_db()
    assert milestone.due_date == dt.date(2006, 3, 8)
    assert history_for(milestone).first().changes["due_date"] == ["2006-03-01", "2006-03-08"]


def test_it_refuses_structure_pages_to_viewers_and_outsiders(plan, world, client_for):
    stream = WorkstreamFactory(plan=plan)
    milestone = MilestoneFactory(plan=plan)
    base = f"/p/own/programme/{plan.slug}/"
    urls = [
        f"{base}workstreams/{stream.pk}/edit/",
        f"{base}workstreams/{stream.pk}/close/",
        f"{base}milestones/{milestone.pk}/edit/",
    ]
    viewer = client_for("viewer")
    assert all(viewer.get(u).status_code == 403 for u in urls)
    outsider = client_for("outsider")
    assert all(outsider.get(u).status_code == 404 for u in [*urls, f"{base}workstreams/"])


def test_it_offers_no_closed_workstream_for_a_new_action(plan, world, client_for):
    open_stream = WorkstreamFactory(plan=plan, name="Open stream")
    closed = WorkstreamFactory(plan=plan, name="Finished stream")
    services.workstream_close(
        actor=world["programme_officer"],
        workstream=closed,
        closed_on=dt.date(2016, 3, 31),
        reason="Its work is done",
    )
    html = (
        client_for("programme_officer")
        .get(f"/p/own/programme/{plan.slug}/actions/new/")
        .content.decode()
    )
    assert open_stream.name in html and closed.name not in html
