"""The shared form templates and history name things as people read them: the field in each
error of the summary, "(optional)" once, and a changed field by its label."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse

from joinedup.core.audit import audited_save, field_label
from joinedup.partnerships.models import Body
from joinedup.partnerships.tests.factories import BodyFactory

pytestmark = pytest.mark.django_db
PAGE = Template('{% include "govuk/forms/error_summary.html" with form=form %}{{ form }}')


class MeetingForm(forms.Form):
    title = forms.CharField()
    venue = forms.CharField(required=False)
    reason = forms.CharField(required=False, label="Reason for the change (optional)")
    kind = forms.ChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect, label="Kind (optional)"
    )


def _render(form: forms.Form) -> str:
    return PAGE.render(Context({"form": form}))


def test_it_names_the_field_of_each_error_in_the_summary() -> None:
    html = _render(MeetingForm(data={}))
    assert ">Title: This field is required.</a>" in html
    assert ">Kind: This field is required.</a>" in html
    # The message beside the field stays as it is: the label is right above it.
    hidden = '<span class="govuk-visually-hidden">Error:</span>'
    assert f'class="govuk-error-message">{hidden} This field is required.' in html


def test_it_leaves_a_message_that_names_its_field_alone() -> None:
    form = MeetingForm(data={"title": "x", "kind": "a"})
    form.is_valid()
    form.add_error("title", "Enter a title of the meeting")
    html = _render(form)
    assert ">Enter a title of the meeting</a>" in html


def test_it_marks_an_optional_field_once() -> None:
    html = _render(MeetingForm())
    assert "(optional) (optional)" not in html
    assert "Venue (optional)</label>" in html
    assert "Reason for the change (optional)</label>" in html
    assert ">Title</label>" in html
    # A required field whose label says otherwise is not marked again either.
    assert "Kind</legend>" in html


def test_it_shows_a_changed_field_by_its_label_in_the_history(client_for, world) -> None:
    body = BodyFactory(partnership=world.own, name="Steering Group", purpose="")
    body.established_on = dt.date(2008, 1, 1)
    body.dissolved_on = dt.date(2009, 3, 31)
    audited_save(body, actor=world["programme_officer"], reason="Set up")
    url = reverse("core:history", args=["own", "partnerships.body", body.pk])
    html = client_for("programme_officer").get(url).content.decode()
    assert "<strong>Established on</strong>" in html
    assert "<strong>Dissolved on</strong>" in html
    assert "Established_on" not in html and "Dissolved_on" not in html


def test_it_labels_a_field_the_model_no_longer_has() -> None:
    assert field_label(Body, "owner_organisation") == "Owner organisation"
    assert field_label(Body, "retired_field") == "Retired field"
    assert field_label(None, "current_consequence") == "Current consequence"
