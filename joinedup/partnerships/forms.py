"""Forms for partners, bodies, seats, reporting lines and terms of reference.

They check input and offer choices; the services do the writing (and the final validation,
whose errors `attach_errors` puts back on the form).
"""

from __future__ import annotations

from typing import Any

from django import forms

from joinedup.accounts.models import Organisation, User
from joinedup.core import permissions
from joinedup.core.models import Partnership
from joinedup.partnerships import selectors
from joinedup.partnerships.models import (
    Body,
    BodyMembership,
    MembershipType,
    Partner,
    ReportingLine,
    TermsOfReference,
)
from joinedup.partnerships.permissions import (
    CHAIRING_ROLES,
    can_change_governance_terms,
)

GOVERNANCE_FIELDS = ["confidentiality", "exempt_paragraph", "restricted_to"]
DECISION_HELP = (
    "Kept in the record's history. Needed when you change the membership type, voting rights "
    "or chairing: the decision of the partnership it records (a minute or decision reference)"
)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def partner_organisations(partnership: Partnership, user: Any) -> Any:
    """Organisations of the partners the user may see (a hidden partner is never offered): the
    lookup the API and the services use too."""
    from joinedup.partnerships.lookups import partner_organisations as organisations_of

    return organisations_of(partnership, user=user)


def organisations_user_acts_for(user: Any, partnership: Partnership) -> Any:
    """Programme officers act for every partner organisation; partner leads for their own."""
    orgs = partner_organisations(partnership, user)
    if permissions.can_administer(user, partnership):
        return orgs
    return orgs.filter(pk__in=permissions.led_organisations(user, partnership.pk))


class GovernedForm(forms.ModelForm):
    """Adds confidentiality, exempt paragraph and the partner organisations a record names."""

    reason = forms.CharField(
        required=False,
        label="Reason for the change (optional)",
        max_length=500,
        help_text="Kept in the record's history",
    )

    def __init__(self, *args: Any, partnership: Partnership, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership, self.user = partnership, user
        field = self.fields["restricted_to"]
        field.queryset = partner_organisations(partnership, user)
        field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
        field.label = "Organisations that may see it"
        field.help_text = "Only for a restricted record: the partner organisations that may see it"
        self.fields["exempt_paragraph"].help_text = "Only for an exempt record (Schedule 12A)"

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned data under the names the services take."""
        data = dict(self.cleaned_data)
        data["restricted_to"] = list(data.get("restricted_to") or [])
        return data


def decide_terms(form: GovernedForm, record: Any, names: tuple[str, ...]) -> bool:
    """Show the partnership-decided terms as fixed to those who may not change them; ask those
    who may for the decision. True when the user may change them."""
    if can_change_governance_terms(form.user, record):
        form.fields["reason"].help_text = DECISION_HELP
        return True
    for name in names:
        if name in form.fields:
            form.fields[name].disabled = True
            form.fields[name].help_text = "Decided by the partnership (a programme officer)"
    return False


class PartnerForm(GovernedForm):
    class Meta:
        model = Partner
        fields = [
            "organisation",
            "membership_type",
            "voting",
            "start_date",
            "end_date",
            "commitments",
            "notes",
            *GOVERNANCE_FIELDS,
        ]
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["organisation"]
            decide_terms(self, self.instance, ("membership_type", "voting"))
        else:
            taken = Partner.objects.filter(partnership=self.partnership).values("organisation")
            self.fields["organisation"].queryset = Organisation.objects.exclude(pk__in=taken)

    def validate_unique(self) -> None:
        """The service checks the one-partner-per-organisation rule with a clearer message."""


class BodyForm(GovernedForm):
    class Meta:
        model = Body
        fields = [
            "name",
            "kind",
            "owner_organisation",
            "publication_rule",
            "purpose",
            "established_on",
            "dissolved_on",
            *GOVERNANCE_FIELDS,
        ]
        widgets = {"established_on": DATE, "dissolved_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner_organisation"]
        owner.queryset = partner_organisations(self.partnership, self.user)
        owner.empty_label = "The partnership itself"
        owner.label = "Body of"


class MembershipForm(GovernedForm):
    VOTING_CHOICES = [("", "As usual for the role"), ("yes", "Voting"), ("no", "Non-voting")]

    voting_choice = forms.ChoiceField(
        choices=VOTING_CHOICES,
        required=False,
        label="Voting",
        widget=forms.RadioSelect,
        help_text="Advisers, observers and secretaries do not vote unless you say so",
    )

    class Meta:
        model = BodyMembership
        fields = [
            "person",
            "representing",
            "role",
            "deputy_for",
            "membership_type",
            "start_date",
            "end_date",
            *GOVERNANCE_FIELDS,
        ]
        widgets = {"start_date": DATE, "end_date": DATE}

    field_order = [
        "person",
        "representing",
        "role",
        "deputy_for",
        "membership_type",
        "voting_choice",
    ]

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.body = body
        orgs = organisations_user_acts_for(self.user, self.partnership)
        self.fields["representing"].queryset = orgs
        self.fields["deputy_for"].queryset = selectors.body_memberships(
            user=self.user, body=body, current_only=True
        ).exclude(pk=self.instance.pk)
        self.fields["deputy_for"].label = "Deputy for"
        if self.instance.pk:
            del self.fields["person"]
            self.fields["voting_choice"].initial = "yes" if self.instance.voting else "no"
        else:
            self.fields["person"].queryset = User.objects.filter(organisation__in=orgs)
        record = self.instance if self.instance.pk else body
        if not decide_terms(self, record, ("membership_type", "voting_choice")):
            self._offer_roles_without_chairing()

    def _offer_roles_without_chairing(self) -> None:
        """A partner lead seats their people but does not make (or unmake) a chair."""
        role = self.fields["role"]
        if self.instance.pk and self.instance.role in CHAIRING_ROLES:
            role.disabled = True
            role.help_text = "Chairing is decided by the partnership (a programme officer)"
        else:
            role.choices = [c for c in role.choices if c[0] not in CHAIRING_ROLES]

    def service_kwargs(self) -> dict[str, Any]:
        data = super().service_kwargs()
        choice = data.pop("voting_choice", "")
        if choice:
            data["voting"] = choice == "yes"
        elif not self.instance.pk:
            data["voting"] = None
        return data


class ReportingLineForm(GovernedForm):
    class Meta:
        model = ReportingLine
        fields = ["parent", "kind", "note", *GOVERNANCE_FIELDS]

    def __init__(self, *args: Any, child: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        parent.queryset = selectors.body_list(user=self.user, partnership=self.partnership).exclude(
            pk=child.pk
        )
        parent.label = f"{child} reports to"

    def validate_unique(self) -> None:
        """The service checks duplicates and loops, and names the field."""


class TermsOfReferenceForm(GovernedForm):
    copy_latest = forms.BooleanField(
        required=False,
        initial=True,
        label="Start from the latest version",
        help_text="Fields you leave empty take the latest version's text",
    )

    class Meta:
        model = TermsOfReference
        fields = [
            "title",
            "purpose",
            "responsibilities",
            "membership",
            "quorum_rule",
            "quorum_fraction",
            "quorum_minimum",
            "meeting_frequency",
            "reporting",
            "review_due",
            *GOVERNANCE_FIELDS,
        ]
        widgets = {"review_due": DATE}

    def service_kwargs(self) -> dict[str, Any]:
        """With "start from the latest", only the fields filled in override the copy."""
        data = super().service_kwargs()
        if not data.get("copy_latest"):
            return data
        return {k: v for k, v in data.items() if v not in ("", None, []) or k == "copy_latest"}

    def validate_unique(self) -> None:
        """The service numbers the version."""


class TorApproveForm(forms.Form):
    approved_on = forms.DateField(label="Approved on", widget=DATE)
    approved_by = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        label="Approved by",
        help_text="The body that approved this version, e.g. Cabinet or the board itself",
    )

    def __init__(self, *args: Any, partnership: Partnership, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approved_by"].queryset = selectors.body_list(
            user=user, partnership=partnership
        )

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned data, which already has the names tor_version_approve takes."""
        return dict(self.cleaned_data)


class BodyFilterForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("", "All kinds"), *Body.Kind.choices], required=False, label="Kind of body"
    )
    q = forms.CharField(required=False, label="Name or purpose contains")


class PartnerFilterForm(forms.Form):
    membership_type = forms.ChoiceField(
        choices=[("", "All"), *MembershipType.choices], required=False, label="Membership type"
    )
    current_only = forms.BooleanField(required=False, label="Current partners only")


class MembershipFilterForm(forms.Form):
    membership_type = forms.ChoiceField(
        choices=[("", "All"), *MembershipType.choices], required=False, label="Membership type"
    )
    current_only = forms.BooleanField(required=False, label="Current members only")
