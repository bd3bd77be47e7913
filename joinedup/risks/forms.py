"""Forms for registers and risks. They check input and offer choices; the services write."""

from __future__ import annotations

from typing import Any

from django import forms

from joinedup.accounts.models import Organisation, User
from joinedup.core.models import Partnership
from joinedup.core.permissions import scope
from joinedup.partnerships.forms import (
    DATE,
    GOVERNANCE_FIELDS,
    GovernedForm,
    organisations_user_acts_for,
    partner_organisations,
)
from joinedup.partnerships.models import Body
from joinedup.risks import selectors
from joinedup.risks.models import (
    AppetiteLevel,
    Category,
    Control,
    Register,
    RegisterEntry,
    Risk,
    Status,
)
from joinedup.risks.scoring import TRANSITIONS, Matrix


def people_of(partnership: Partnership) -> Any:
    """The people of the partnership, by post: the one lookup the API and the services use."""
    from joinedup.accounts.lookups import people_of_partnership

    return people_of_partnership(partnership)


class RegisterFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label="Partner"
    )
    category = forms.ChoiceField(choices=[("", "Any"), *Category.choices], required=False)
    band = forms.ChoiceField(required=False, label="Current band")
    owner = forms.ModelChoiceField(queryset=User.objects.none(), required=False)
    overdue = forms.BooleanField(required=False, label="Review overdue only")

    def __init__(self, *args: Any, partnership: Partnership, user: Any, matrix: Matrix) -> None:
        super().__init__(*args)
        self.fields["organisation"].queryset = partner_organisations(partnership, user)
        self.fields["owner"].queryset = people_of(partnership)
        self.fields["band"].choices = [("", "Any")] + [(b.key, b.name) for b in matrix.bands]
        for name in ("organisation", "owner"):
            self.fields[name].empty_label = "Any"


def _with_version(data: dict[str, Any]) -> dict[str, Any]:
    """The hidden `version` field under the name the services take."""
    if "version" in data:
        data["expected_version"] = data.pop("version") or 0
    return data


def _action_field(form: Any, partnership: Partnership, user: Any) -> None:
    field = form.fields["work_actions"]
    field.queryset = selectors.action_choices(user=user, partnership=partnership)
    field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
    field.required = False
    field.label = "Work-programme actions that treat this risk"
    field.help_text = "Their status appears with the risk in the board report"


class RiskForm(GovernedForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Risk
        fields = [
            "reference",
            "title",
            "cause",
            "event",
            "effect",
            "category",
            "objective",
            "lead_organisation",
            "owner",
            "treatment",
            "actions",
            "proximity",
            "review_frequency",
            "parent",
            "work_actions",
            *GOVERNANCE_FIELDS,
        ]
        labels = {
            "parent": "Partnership risk it feeds (optional)",
            "cause": "Cause (because of…)",
            "event": "Event (there is a risk that…)",
            "effect": "Effect (which would lead to…)",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = partner_organisations(
            self.partnership, self.user
        )
        self.fields["owner"].queryset = people_of(self.partnership)
        self.fields["reference"].required = False
        self.fields["reference"].help_text = "Leave empty to number it for you"
        self.fields["parent"].queryset = selectors.parent_choices(
            user=self.user,
            risk=self.instance if self.instance.pk else None,
            partnership=self.partnership,
        )
        self.fields["parent"].empty_label = "None"
        _action_field(self, self.partnership, self.user)
        if self.instance.pk:
            del self.fields["reference"]
            del self.fields["lead_organisation"]
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]

    def validate_unique(self) -> None:
        """The service checks references with a clearer message."""

    def service_kwargs(self) -> dict[str, Any]:
        data = super().service_kwargs()
        data["work_actions"] = list(data.get("work_actions") or [])
        return _with_version(data)


class RiskActionsForm(forms.Form):
    """Link work-programme actions to the risk (a change of the risk, so it carries its version)."""

    work_actions = forms.ModelMultipleChoiceField(queryset=None)
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(required=False, label="Reason for the change (optional)")

    def __init__(self, *args: Any, risk: Risk, user: Any) -> None:
        super().__init__(*args)
        _action_field(self, risk.partnership, user)
        self.fields["work_actions"].initial = [a.pk for a in risk.work_actions.all()]
        self.fields["version"].initial = risk.version

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["work_actions"] = list(data.get("work_actions") or [])
        return _with_version(data)


class RegisterForm(GovernedForm):
    """A register's name, governing body and escalation threshold, with its version."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Register
        fields = [
            "name",
            "governing_body",
            "escalation_threshold",
            "description",
            *GOVERNANCE_FIELDS,
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bodies = Body.objects.filter(partnership=self.partnership)
        self.fields["governing_body"].queryset = scope(bodies, self.user)
        self.fields["version"].initial = self.instance.version

    def validate_unique(self) -> None:
        """The register keeps its slug."""

    def service_kwargs(self) -> dict[str, Any]:
        return _with_version(super().service_kwargs())


class AppetiteForm(forms.Form):
    """The register's appetite for one category, who approved it and when it is reviewed."""

    category = forms.ChoiceField(choices=Category.choices)
    level = forms.ChoiceField(choices=AppetiteLevel.choices, widget=forms.RadioSelect)
    max_residual = forms.TypedChoiceField(
        coerce=int, label="Highest residual score tolerated", choices=[]
    )
    approved_by = forms.ModelChoiceField(queryset=User.objects.none(), required=False)
    approved_on = forms.DateField(widget=DATE, required=False, label="Approved on")
    review_due = forms.DateField(widget=DATE, required=False, label="Next review due")
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(required=False, label="Reason for the change (optional)")

    def __init__(self, *args: Any, register: Register, matrix: Matrix) -> None:
        super().__init__(*args)
        self.fields["max_residual"].choices = [(v, str(v)) for v in sorted(matrix.products())]
        self.fields["approved_by"].queryset = people_of(register.partnership)
        self.fields["version"].initial = register.version

    def service_kwargs(self) -> dict[str, Any]:
        return _with_version(dict(self.cleaned_data))


class ReasonForm(forms.Form):
    """A reason, kept in the history (for revoking an acceptance or withdrawing a share)."""

    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, label: str) -> None:
        super().__init__(*args)
        self.fields["reason"].label = label

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ControlRatingForm(forms.Form):
    effectiveness = forms.ChoiceField(
        choices=Control.Effectiveness.choices, widget=forms.RadioSelect, label="How well it works"
    )
    reason = forms.CharField(required=False, label="Evidence or reason (optional)")

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


def _level_choices(levels: Any) -> list[tuple[str, str]]:
    return [("", "Not scored")] + [(str(lv.value), f"{lv.value} – {lv.name}") for lv in levels]


class AssessForm(forms.Form):
    """Inherent, current and target likelihood × consequence from the register's matrix."""

    target_date = forms.DateField(required=False, widget=DATE)
    reason = forms.CharField(required=False, label="Reason for the change (optional)")

    def __init__(self, *args: Any, matrix: Matrix, risk: Risk) -> None:
        super().__init__(*args)
        for stage in ("inherent", "current", "target"):
            for axis, levels in (
                ("likelihood", matrix.likelihood),
                ("consequence", matrix.consequence),
            ):
                name = f"{stage}_{axis}"
                self.fields[name] = forms.TypedChoiceField(
                    choices=_level_choices(levels),
                    coerce=int,
                    empty_value=None,
                    required=stage == "inherent",
                    label=f"{stage.capitalize()} {axis}",
                    initial=getattr(risk, name),
                )
        self.fields["target_date"].initial = risk.target_date
        self.order_fields([f for f in self.fields if f not in ("target_date", "reason")])

    def _pair(self, stage: str) -> tuple[int, int] | None:
        likelihood = self.cleaned_data.get(f"{stage}_likelihood")
        consequence = self.cleaned_data.get(f"{stage}_consequence")
        if likelihood is None and consequence is None:
            return None
        return (likelihood, consequence)  # type: ignore[return-value]

    def service_kwargs(self) -> dict[str, Any]:
        return {
            "inherent": self._pair("inherent"),
            "current": self._pair("current"),
            "target": self._pair("target"),
            "target_date": self.cleaned_data.get("target_date"),
            "reason": self.cleaned_data.get("reason", ""),
        }


class ReviewForm(forms.Form):
    reviewer = forms.ModelChoiceField(queryset=User.objects.none(), required=False)
    reviewed_on = forms.DateField(widget=DATE, label="Date of the review")
    commentary = forms.CharField(widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = people_of(partnership)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class RegisterReviewForm(forms.Form):
    meeting_date = forms.DateField(widget=DATE, label="Date of the meeting")
    body = forms.ModelChoiceField(queryset=Body.objects.none(), label="Body that met")
    reviewed_by = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )
    minute = forms.CharField(widget=forms.Textarea, required=False, label="Minute of the review")

    def __init__(self, *args: Any, register: Register, user: Any) -> None:
        super().__init__(*args)
        bodies = Body.objects.filter(partnership=register.partnership)
        self.fields["body"].queryset = scope(bodies, user)
        self.fields["body"].initial = register.governing_body_id
        self.fields["reviewed_by"].queryset = people_of(register.partnership)

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["reviewed_by"] = list(data.get("reviewed_by") or [])
        return data


class AcceptForm(forms.Form):
    approver = forms.ModelChoiceField(queryset=User.objects.none(), required=False)
    justification = forms.CharField(widget=forms.Textarea, required=False)
    accepted_on = forms.DateField(widget=DATE)
    expires_on = forms.DateField(widget=DATE, required=False)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approver"].queryset = people_of(partnership)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ImportForm(forms.Form):
    file = forms.FileField(label="Register spreadsheet (.xlsx)")
    dry_run = forms.BooleanField(required=False, label="Check only, do not import")


class ShareForm(GovernedForm):
    """A partner shows its risk on another register, at the level it chooses."""

    class Meta:
        model = RegisterEntry
        fields = ["register", *GOVERNANCE_FIELDS]
        labels = {"register": "Show it on"}

    def __init__(self, *args: Any, risk: Risk, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["register"].queryset = scope(
            Register.objects.filter(partnership=self.partnership), self.user
        ).exclude(pk=risk.register_id)
        self.fields["confidentiality"].help_text = "The level at which the risk is shown there"

    def validate_unique(self) -> None:
        """Sharing again updates the level."""


class ContributionForm(forms.Form):
    """A partner's owner and own assessment of a joint risk."""

    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    owner = forms.ModelChoiceField(queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, risk: Risk, user: Any, matrix: Matrix) -> None:
        super().__init__(*args)
        self.fields["organisation"].queryset = organisations_user_acts_for(user, risk.partnership)
        self.fields["owner"].queryset = people_of(risk.partnership)
        for axis, levels in (
            ("likelihood", matrix.likelihood),
            ("consequence", matrix.consequence),
        ):
            self.fields[axis] = forms.TypedChoiceField(
                choices=_level_choices(levels),
                coerce=int,
                empty_value=None,
                required=False,
                label=f"Own {axis}",
            )

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Move the risk to", widget=forms.RadioSelect)
    reason = forms.CharField(required=False, label="Reason (kept in the history)")

    def __init__(self, *args: Any, risk: Risk) -> None:
        super().__init__(*args)
        allowed = TRANSITIONS.get(risk.status, frozenset())
        self.fields["status"].choices = [(k, v) for k, v in Status.choices if k in allowed]

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)
