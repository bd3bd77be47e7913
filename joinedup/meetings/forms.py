"""Forms for meetings, agenda items, reports, attendance, declarations, minutes and decisions.

They check input and offer choices; the services write and make the final checks, whose errors
`attach_errors` (via form_page) puts back on the form.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from joinedup.accounts.models import User
from joinedup.core.models import Partnership
from joinedup.meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    RegisterEntry,
    Report,
    Vote,
)
from joinedup.meetings.models.interests import InterestCategory
from joinedup.partnerships import selectors as partnership_selectors
from joinedup.partnerships.forms import DATE, GOVERNANCE_FIELDS, GovernedForm
from joinedup.partnerships.models import Body

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def people_of(partnership: Partnership) -> Any:
    """The people of the partnership: the one lookup the API and the services use too."""
    from joinedup.accounts.lookups import people_of_partnership

    return people_of_partnership(partnership)


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(queryset=Body.objects.none(), label="Body")
    date = forms.DateField(widget=DATE, label="Date")
    time = forms.TimeField(widget=TIME, label="Start time", initial=dt.time(14, 0))
    venue = forms.CharField(max_length=200, required=False, label="Venue")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reason = forms.CharField(required=False, max_length=500, label="Reason (optional)")

    def __init__(self, *args: Any, partnership: Partnership, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = partnership_selectors.body_list(
            user=user, partnership=partnership
        )

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        day, time = data.pop("date"), data.pop("time")
        data["start"] = timezone.make_aware(dt.datetime.combine(day, time))
        return data


class ScheduleForm(forms.Form):
    FREQUENCIES = [
        ("weekly", "Weekly"),
        ("fortnightly", "Fortnightly"),
        ("four_weekly", "Every four weeks"),
        ("monthly", "Monthly"),
        ("bimonthly", "Every two months"),
        ("quarterly", "Quarterly"),
    ]
    first = forms.DateField(widget=DATE, label="First meeting")
    frequency = forms.ChoiceField(choices=FREQUENCIES, label="How often")
    count = forms.IntegerField(min_value=1, max_value=52, initial=6, label="How many meetings")
    time = forms.TimeField(widget=TIME, initial=dt.time(14, 0), label="Start time")
    venue = forms.CharField(max_length=200, required=False)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class AgendaItemForm(GovernedForm):
    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "decision_type",
            "key_decision_notice",
            "notice_route",
            "notice_published_on",
            "os_chair_informed_on",
            "os_chair_agreed_on",
            "added_on",
            "urgency_reason",
            "public_interest_reasoning",
            *GOVERNANCE_FIELDS,
        ]
        widgets = {
            "notice_published_on": DATE,
            "os_chair_informed_on": DATE,
            "os_chair_agreed_on": DATE,
            "added_on": DATE,
        }
        labels = {
            "os_chair_informed_on": "O&S chair informed on",
            "os_chair_agreed_on": "O&S chair agreed urgency on",
            "key_decision_notice": "Key decision notice (forward plan)",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from joinedup.meetings.selectors import notice_list

        self.fields["key_decision_notice"].queryset = notice_list(
            user=self.user, partnership=self.partnership
        )

    def validate_unique(self) -> None:
        """The service numbers the item."""


class ReportForm(GovernedForm):
    class Meta:
        model = Report
        fields = [
            "title",
            "author",
            "wards_affected",
            *[n for n, _ in Report.SECTIONS],
            "key_decision",
            "published_on",
            *GOVERNANCE_FIELDS,
        ]
        widgets = {"published_on": DATE}


class ConsideredForm(forms.Form):
    urgency_reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Chair's reason for urgency (late items only)",
    )

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if not data["urgency_reason"]:
            data.pop("urgency_reason")
        return data


class AttendanceForm(forms.Form):
    person = forms.ModelChoiceField(queryset=User.objects.none())
    status = forms.ChoiceField(choices=Attendance.Status.choices, widget=forms.RadioSelect)
    substitute_for = forms.ModelChoiceField(
        queryset=None, required=False, label="Substitute for (optional)"
    )
    in_person = forms.BooleanField(required=False, initial=True, label="Attended in person")

    def __init__(self, *args: Any, meeting: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_of(meeting.partnership)
        self.fields["substitute_for"].queryset = partnership_selectors.body_memberships(
            user=user, body=meeting.body
        )

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class DeclarationForm(forms.Form):
    person = forms.ModelChoiceField(queryset=User.objects.none())
    interest_type = forms.ChoiceField(choices=InterestCategory.choices, label="Kind of interest")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    action = forms.ChoiceField(choices=Declaration.Action.choices, label="What the member did")

    def __init__(self, *args: Any, item: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_of(item.partnership)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class VoteForm(forms.Form):
    person = forms.ModelChoiceField(queryset=User.objects.none())
    choice = forms.ChoiceField(choices=Vote.Choice.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, item: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_of(item.partnership)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class MinuteForm(forms.Form):
    discussion = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False)
    resolutions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="One resolution a line, e.g. (a) the report be noted",
    )
    public_summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Public summary (exempt items only)",
        help_text="What the public minutes say instead of the exempt minute; never exempt detail",
    )
    votes_for = forms.IntegerField(min_value=0, required=False)
    votes_against = forms.IntegerField(min_value=0, required=False)
    abstentions = forms.IntegerField(min_value=0, required=False)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ActionForm(forms.Form):
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.ModelChoiceField(queryset=User.objects.none(), required=False)
    owner_title = forms.CharField(required=False, label="Or the owner's role title")
    due_on = forms.DateField(widget=DATE, required=False, label="Due")

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_of(partnership)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class DecisionForm(forms.Form):
    title = forms.CharField(max_length=300)
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, help_text="One resolution a line"
    )
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    alternatives_rejected = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    published_on = forms.DateField(widget=DATE, required=False, label="Decision notice published")

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ApproveMinutesForm(forms.Form):
    approved_at = forms.ModelChoiceField(queryset=None, label="Approved at the meeting of")
    signed_by = forms.ModelChoiceField(queryset=User.objects.none(), label="Signed by the chair")
    signed_on = forms.DateField(widget=DATE)

    def __init__(self, *args: Any, meeting: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from joinedup.meetings.models import Meeting

        self.fields["approved_at"].queryset = Meeting.objects.filter(
            body=meeting.body, start__gt=meeting.start
        ).order_by("start")
        self.fields["signed_by"].queryset = people_of(meeting.partnership)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class RegisterEntryForm(forms.Form):
    person = forms.ModelChoiceField(queryset=User.objects.none())
    organisation = forms.ModelChoiceField(
        queryset=None, label="Registered under the scheme of", help_text="The member's organisation"
    )
    category = forms.ChoiceField(choices=InterestCategory.choices)
    dpi_kind = forms.ChoiceField(
        choices=[("", "Not a DPI"), *RegisterEntry.DpiKind.choices],
        required=False,
        label="DPI category",
    )
    subject = forms.CharField(max_length=200, help_text="The company, body or land concerned")
    details = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    sensitive = forms.BooleanField(required=False, label="Sensitive: publish only that it exists")
    spouse_partner = forms.BooleanField(required=False, label="Interest of a spouse or partner")
    notified_on = forms.DateField(widget=DATE, required=False)

    def __init__(self, *args: Any, partnership: Partnership, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from joinedup.partnerships.forms import organisations_user_acts_for

        self.fields["person"].queryset = people_of(partnership)
        self.fields["organisation"].queryset = organisations_user_acts_for(user, partnership)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class GiftForm(forms.Form):
    person = forms.ModelChoiceField(queryset=User.objects.none())
    organisation = forms.ModelChoiceField(queryset=None, label="Registered under the scheme of")
    received_on = forms.DateField(widget=DATE)
    donor = forms.CharField(max_length=200)
    description = forms.CharField(max_length=300)
    estimated_value = forms.DecimalField(
        max_digits=10, decimal_places=2, label="Estimated value (£)"
    )
    accepted = forms.BooleanField(required=False, initial=True)

    def __init__(self, *args: Any, partnership: Partnership, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from joinedup.partnerships.forms import organisations_user_acts_for

        self.fields["person"].queryset = people_of(partnership)
        self.fields["organisation"].queryset = organisations_user_acts_for(user, partnership)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class AttachmentForm(forms.Form):
    title = forms.CharField(max_length=300)
    file = forms.FileField(required=False, label="PDF file")
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Or the appendix as text"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from joinedup.core.pdf_files import max_bytes, max_pages

        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"A PDF of up to {max_bytes() // (1024 * 1024)} MB and {max_pages()} pages, "
            "not password-protected."
        )

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)
