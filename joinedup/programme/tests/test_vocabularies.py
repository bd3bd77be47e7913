"""Status vocabularies: read-only in the admin, listed with their meanings, and a new version
published by a programme officer whose plans use the vocabulary."""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from joinedup.core.audit import history_for
from joinedup.programme import selectors, services, status
from joinedup.programme.models import StatusVocabulary

pytestmark = pytest.mark.django_db

SLUG = "herefordshire-development-plan"


def test_it_lists_each_word_with_its_state_and_colour(plan, client_for):
    html = client_for("viewer").get("/p/own/programme/vocabularies/").content.decode()
    assert "Achieved" in html and "Complete" in html and "govuk-tag--blue" in html
    assert "Used by Development Plan" in html
    assert "Publish a new version" not in html


def test_it_publishes_a_new_version_with_history(plan, world, client_for):
    client = client_for("programme_officer")
    url = "/p/own/programme/vocabularies/new/"
    latest = selectors.vocabulary_latest(SLUG)
    bad = client.post(url, {"vocabulary": SLUG, "words": "Done | finished | blue", "reason": "x"})
    assert "Line 1: unknown state &#x27;finished&#x27;" in bad.content.decode()
    assert selectors.vocabulary_latest(SLUG) == latest
    response = client.post(
        url,
        {
            "vocabulary": SLUG,
            "words": "Achieved | complete | blue\nBehind schedule | in_progress | red",
            "reason": "The Board asked for a word for slipping work",
        },
    )
    assert response.status_code == 302
    new = selectors.vocabulary_latest(SLUG)
    assert new.version == latest.version + 1
    assert [(w.word, w.state, w.rag) for w in new.words.order_by("order")] == [
        ("Achieved", "complete", "blue"),
        ("Behind schedule", "in_progress", "red"),
    ]
    assert history_for(new).first().actor == world["programme_officer"]
    plan.refresh_from_db()
    assert plan.vocabulary == latest  # plans keep their version


def test_it_refuses_publishing_to_a_viewer_and_a_vocabulary_not_used_here(plan, world, client_for):
    assert client_for("viewer").get("/p/own/programme/vocabularies/new/").status_code == 403
    with pytest.raises(Exception, match="may not publish"):
        services.vocabulary_publish(
            actor=world["programme_officer"],
            slug="complete-on-track-delayed",
            words=status.parse_word_lines("Done | complete | blue"),
        )


def test_the_admin_is_read_only_for_vocabularies():
    request = RequestFactory().get("/")
    admin = site._registry[StatusVocabulary]
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request)
    assert not admin.has_delete_permission(request)
