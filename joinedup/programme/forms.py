"""Forms for plans, actions, progress, milestones and refresh.

They check input and offer choices the user may see; the services do the writing (and the final
validation, whose errors `attach_errors` puts back on the form).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from joinedup.accounts.models import Organisation
from joinedup.core import permissions
from joinedup.core.models import Partnership
from joinedup.partnerships import selectors as partnership_selectors
from joinedup.partnerships.forms import (
    DATE,
    GOVERNANCE_FIELDS,
    GovernedForm,
    organisations_user_acts_for,
    partner_organisations,
)
from joinedup.programme import selectors
from joinedup.programme.models import (
    Action,
    CanonicalState,
    Milestone,
    Plan,
    ProgressUpdate,
    StatusVocabulary,
    Workstream,
)


def _bodies(partnership: Partnership, user: Any) -> Any:
    return partnership_selectors.body_list(user=user, partnership=partnership)


class PlanForm(GovernedForm):
    class Meta:
        model = Plan
        fields = [
            "name",
            "slug",
            "description",
            "period_start",
            "period_end",
            "owning_body",
            "vocabulary",
            "reports_to",
            "report_interval_months",
            "last_reported_on",
            "next_report_on",
            *GOVERNANCE_FIELDS,
        ]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "last_reported_on": DATE,
            "next_report_on": DATE,
        }
        labels = {
            "slug": "Short name for web addresses",
            "report_interval_months": "Report progress every (months)",
            "next_report_on": "Next report due",
        }
        help_texts = {"next_report_on": "Leave empty to count on from the last report"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bodies = _bodies(self.partnership, self.user)
        self.fields["owning_body"].queryset = bodies
        self.fields["reports_to"].queryset = bodies
        self.fields["vocabulary"].queryset = StatusVocabulary.objects.all()
        if self.instance.pk:
            # The words already given to actions belong to the plan's vocabulary.
            del self.fields["slug"], self.fields["vocabulary"]

    def validate_unique(self) -> None:
        """The database and the service report a taken slug."""


class WorkstreamForm(forms.ModelForm):
    class Meta:
        model = Workstream
        fields = ["name", "description", "order"]

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ActionForm(GovernedForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Action
        fields = [
            "reference",
            "title",
            "description",
            "workstream",
            "lead_organisation",
            "owner",
            "responsible_body",
            "start_date",
            "due_date",
            "completed_on",
            "status",
            "closed_reason",
            *GOVERNANCE_FIELDS,
        ]
        widgets = {
            "start_date": DATE,
            "due_date": DATE,
            "completed_on": DATE,
            "title": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"title": "Proposed activity", "status": "Status"}
        help_texts = {"reference": "Leave empty to number it after the last one"}

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["reference"].required = False
        # A closed workstream takes no more actions (an action already in it may stay there).
        streams = selectors.workstreams(user=self.user, plan=plan)
        current = self.instance.workstream_id if self.instance.pk else None
        self.fields["workstream"].queryset = streams.filter(
            Q(closed_on__isnull=True) | Q(pk=current)
        )
        self.fields["status"].queryset = selectors.status_words(plan)
        self.fields["status"].empty_label = "Not started"
        lead = self.fields["lead_organisation"]
        lead.queryset = organisations_user_acts_for(self.user, self.partnership)
        lead.empty_label = "Joint (no single lead partner)"
        # Only a programme officer may add or keep an action with no lead partner.
        lead.required = not permissions.can_administer(self.user, self.partnership)
        self.fields["owner"].queryset = selectors.owner_candidates(
            user=self.user, partnership=self.partnership
        )
        self.fields["responsible_body"].queryset = _bodies(self.partnership, self.user)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"], self.fields["closed_reason"]

    def validate_unique(self) -> None:
        """The service reports a reference the plan already has."""

    def service_kwargs(self) -> dict[str, Any]:
        data = super().service_kwargs()
        if "version" in data:
            data["expected_version"] = data.pop("version") or 0
        return data


class ProgressForm(forms.ModelForm):
    completed_on = forms.DateField(
        required=False, widget=DATE, label="Completed on", help_text="If it is now complete"
    )

    class Meta:
        model = ProgressUpdate
        fields = ["date", "narrative", "status", "see_action"]
        widgets = {"date": DATE, "narrative": forms.Textarea(attrs={"rows": 4})}
        labels = {
            "narrative": "Progress to date",
            "status": "Status now",
            "see_action": "Or: the same progress as (“As above”)",
        }

    def __init__(self, *args: Any, action: Action, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["narrative"].required = False
        self.fields["status"].queryset = selectors.status_words(action.plan)
        self.fields["status"].empty_label = "Unchanged"
        others = selectors.visible_actions(user=user, plan=action.plan).exclude(pk=action.pk)
        self.fields["see_action"].queryset = others
        self.fields["see_action"].label_from_instance = lambda a: f"{a.reference}. {a.title[:70]}"

    def _post_clean(self) -> None:
        """The service validates the update with its action (the form has no action yet)."""

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "due_label", "achieved_on"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "due_date": DATE,
            "achieved_on": DATE,
        }

    def _post_clean(self) -> None:
        """The service validates the milestone with its plan."""

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class RefreshForm(forms.Form):
    name = forms.CharField(max_length=200, label="Name of the refreshed plan")
    slug = forms.SlugField(max_length=100, label="Short name for web addresses")
    period_start = forms.DateField(widget=DATE, required=False, label="Starts on")
    period_end = forms.DateField(widget=DATE, required=False, label="Ends on")
    drop = forms.ModelMultipleChoiceField(
        queryset=Action.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Open actions to close instead of carrying forward",
        help_text="Every other open action is carried forward with its history",
    )
    drop_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Why they are closed",
        help_text="For example: To be deleted – no longer relevant to this period.",
    )
    reason = forms.CharField(required=False, max_length=500, label="Reason for the refresh")

    def __init__(self, *args: Any, plan: Plan, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        open_actions = selectors.visible_actions(user=user, plan=plan).exclude(
            status__state__in=["complete", "cancelled", "superseded"]
        )
        self.fields["drop"].queryset = open_actions
        self.fields["drop"].label_from_instance = lambda a: f"{a.reference}. {a.title[:90]}"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("drop") and not (data.get("drop_reason") or "").strip():
            self.add_error("drop_reason", "Say why these actions are closed.")
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        why = data.pop("drop_reason", "").strip()
        data["drop"] = {a.pk: why for a in data.pop("drop") or []}
        return data


STATE_CHOICES = [("", "Any status"), *CanonicalState.choices]


class ActionFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Search actions")
    workstream = forms.ModelChoiceField(
        queryset=Workstream.objects.none(), required=False, empty_label="All workstreams"
    )
    state = forms.ChoiceField(choices=STATE_CHOICES, required=False, label="Status")
    lead_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="All lead partners",
        label="Lead partner",
    )
    overdue_only = forms.BooleanField(required=False, label="Only overdue actions")

    def __init__(self, *args: Any, plan: Plan, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["workstream"].queryset = selectors.workstreams(user=user, plan=plan)
        self.fields["lead_organisation"].queryset = partner_organisations(plan.partnership, user)

    def selector_kwargs(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data.get("q", ""),
            "workstream": data["workstream"].pk if data.get("workstream") else None,
            "state": data.get("state") or None,
            "lead_organisation": data["lead_organisation"].pk
            if data.get("lead_organisation")
            else None,
            "overdue_only": bool(data.get("overdue_only")),
        }


class WorkstreamCloseForm(forms.Form):
    closed_on = forms.DateField(widget=DATE, label="Closed on")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why is it closed?",
        help_text="Kept in the history, e.g. “Merged into Integrated Locality Working”",
        max_length=1000,
    )

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)
