"""Forms for the forward plan, the urgency report, dispensations, casting votes, decision links
and the edit pages of a meeting. The services make the final checks (see forms.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from joinedup.accounts.models import User
from joinedup.core.models import Partnership
from joinedup.core.permissions import scope
from joinedup.meetings import selectors
from joinedup.meetings.forms import TIME, people_of
from joinedup.meetings.models import KeyDecisionNotice, Vote
from joinedup.partnerships import selectors as partnership_selectors
from joinedup.partnerships.forms import DATE, GOVERNANCE_FIELDS, GovernedForm

NOTICE_DATES = (
    "first_published_on",
    "expected_decision_on",
    "os_chair_informed_on",
    "exception_notice_published_on",
    "urgency_agreed_on",
)


class KeyDecisionNoticeForm(GovernedForm):
    class Meta:
        model = KeyDecisionNotice
        fields = [
            "body",
            "matter",
            "details",
            "decision_maker",
            "expected_decision_on",
            "first_published_on",
            "documents",
            "route",
            "os_chair_informed_on",
            "exception_notice_published_on",
            "urgency_agreed_by",
            "urgency_agreed_on",
            "urgency_reasons",
            "private",
            "private_paragraph",
            "private_reasons",
            *GOVERNANCE_FIELDS,
        ]
        widgets = {name: DATE for name in NOTICE_DATES} | {
            "route": forms.RadioSelect,
            "details": forms.Textarea(attrs={"rows": 3}),
            "documents": forms.Textarea(attrs={"rows": 3}),
            "private_reasons": forms.Textarea(attrs={"rows": 2}),
            "urgency_reasons": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "expected_decision_on": "Date of the decision",
            "first_published_on": "Notice first published on",
            "os_chair_informed_on": "O&S chair informed in writing on (general exception)",
            "exception_notice_published_on": "General exception notice published on",
            "urgency_agreed_by": "Urgency agreed by (special urgency)",
            "urgency_agreed_on": "Urgency agreed on",
            "urgency_reasons": "Why the decision cannot reasonably be deferred",
            "private": "The decision will be taken in private",
            "private_paragraph": "Schedule 12A paragraph (private decisions)",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("body", *GOVERNANCE_FIELDS):
                del self.fields[name]
        else:
            self.fields["body"].queryset = partnership_selectors.body_list(
                user=self.user, partnership=self.partnership
            )
        self.fields["decision_maker"].required = False
        self.fields["decision_maker"].help_text = "Leave empty for the body itself"

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if "restricted_to" in data:
            data["restricted_to"] = list(data["restricted_to"] or [])
        return data


class UrgencyReportForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label="Organisation", empty_label=None)
    year = forms.IntegerField(min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        coerce=int,
        choices=[
            (1, "January to March"),
            (2, "April to June"),
            (3, "July to September"),
            (4, "October to December"),
        ],
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from joinedup.accounts.models import Organisation

        self.fields["organisation"].queryset = Organisation.objects.filter(
            bodies__partnership=partnership
        ).distinct()


class DispensationForm(forms.Form):
    person = forms.ModelChoiceField(queryset=User.objects.none(), label="Member")
    organisation = forms.ModelChoiceField(queryset=None, label="Granted under the scheme of")
    interest = forms.ModelChoiceField(
        queryset=None, required=False, label="Registered interest it covers (optional)"
    )
    scope = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Business it covers")
    granted_by = forms.CharField(max_length=200, help_text="For example, Standards Committee")
    grounds = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="Grounds for granting it"
    )
    granted_on = forms.DateField(widget=DATE)
    valid_from = forms.DateField(widget=DATE)
    valid_to = forms.DateField(widget=DATE, help_text="At most four years from the start")

    def __init__(self, *args: Any, partnership: Partnership, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from joinedup.partnerships.forms import organisations_user_acts_for

        self.fields["person"].queryset = people_of(partnership)
        self.fields["organisation"].queryset = organisations_user_acts_for(user, partnership)
        self.fields["interest"].queryset = selectors.register_list(
            user=user, partnership=partnership
        )

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class RevokeForm(forms.Form):
    revoked_on = forms.DateField(widget=DATE, label="Revoked from")
    revocation_reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="Why it is revoked"
    )

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class CastingVoteForm(forms.Form):
    person = forms.ModelChoiceField(queryset=User.objects.none(), label="The chair")
    choice = forms.ChoiceField(
        choices=[(Vote.Choice.FOR, "For"), (Vote.Choice.AGAINST, "Against")],
        widget=forms.RadioSelect,
        label="Casting vote",
    )

    def __init__(self, *args: Any, item: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_of(item.partnership)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class DecisionLinksForm(forms.Form):
    programme_actions = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Work-programme actions this decision led to",
    )
    reason = forms.CharField(required=False, max_length=500, label="Reason (optional)")

    def __init__(self, *args: Any, decision: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from joinedup.meetings.selectors import visible_programme_actions

        self.fields["programme_actions"].queryset = visible_programme_actions(
            user=user, partnership=decision.partnership
        ).order_by("plan__name", "id")

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class MeetingEditForm(forms.Form):
    date = forms.DateField(widget=DATE, label="Date")
    time = forms.TimeField(widget=TIME, label="Start time")
    venue = forms.CharField(max_length=200, required=False, label="Venue")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reason = forms.CharField(
        required=False, max_length=500, label="Reason for the change (optional)"
    )

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        day, time = data.pop("date"), data.pop("time")
        data["start"] = timezone.make_aware(dt.datetime.combine(day, time))
        return data


class ProcedureRulesForm(forms.Form):
    """The casting vote, and a minimum number of members present from each partner."""

    chair_casting_vote = forms.BooleanField(
        required=False, label="The chair has a second or casting vote on a tie"
    )
    reason = forms.CharField(required=False, max_length=500, label="Reason (optional)")

    def __init__(self, *args: Any, terms: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from joinedup.accounts.models import Organisation
        from joinedup.partnerships.models import Partner

        # Only the partners the user may see (a partner's membership may itself be restricted).
        partner_ids = scope(Partner.objects.filter(partnership=terms.partnership), user).values(
            "organisation_id"
        )
        self.organisations = list(Organisation.objects.filter(pk__in=partner_ids).order_by("name"))
        for org in self.organisations:
            self.fields[f"org_{org.pk}"] = forms.IntegerField(
                min_value=0,
                max_value=50,
                required=False,
                label=f"Voting members needed from {org.name}",
                help_text="Leave empty or 0 for no minimum",
            )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        quorum = {
            org: data[f"org_{org.pk}"] for org in self.organisations if data.get(f"org_{org.pk}")
        }
        return {
            "chair_casting_vote": data["chair_casting_vote"],
            "quorum": quorum,
            "reason": data["reason"],
        }
