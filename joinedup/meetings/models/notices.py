"""Key decision notices (the forward plan) and a body's procedure rules for meetings."""

from __future__ import annotations

from django.db import models

from joinedup.core.models import ExemptParagraph, GovernedModel


class KeyDecisionNotice(GovernedModel):
    """A forward-plan entry for a key decision (SI 2012/2089 reg 9), or its exception route.

    The route is the one the dates allow: 28 clear days' notice (reg 9), else the general
    exception (O&S chair informed and a public notice 5 clear days before, reg 10), else special
    urgency (the O&S chair, or the chairman or vice-chairman, agreed it cannot wait, reg 11).
    """

    class Route(models.TextChoices):
        FORWARD_PLAN = "forward_plan", "Forward plan (28 clear days)"
        GENERAL_EXCEPTION = "general_exception", "General exception (5 clear days)"
        SPECIAL_URGENCY = "special_urgency", "Special urgency (agreement recorded)"

    class AgreedBy(models.TextChoices):
        OS_CHAIR = "os_chair", "Chair of the overview and scrutiny committee"
        CHAIRMAN = "chairman", "Chairman of the council"
        VICE_CHAIRMAN = "vice_chairman", "Vice-chairman of the council"

    body = models.ForeignKey(
        "partnerships.Body", on_delete=models.PROTECT, related_name="key_decision_notices"
    )
    matter = models.CharField(max_length=300, help_text="The matter to be decided")
    details = models.TextField(blank=True)
    decision_maker = models.CharField(
        max_length=200, help_text="The body, member or officer who will decide"
    )
    first_published_on = models.DateField(
        null=True, blank=True, help_text="When the notice was first published"
    )
    expected_decision_on = models.DateField()
    documents = models.TextField(blank=True, help_text="Documents to be submitted, one a line")
    private = models.BooleanField(
        default=False, help_text="The decision will be taken in private (exempt information)"
    )
    private_paragraph = models.PositiveSmallIntegerField(
        choices=ExemptParagraph.choices, null=True, blank=True
    )
    private_reasons = models.TextField(blank=True)
    route = models.CharField(max_length=20, choices=Route.choices, default=Route.FORWARD_PLAN)
    os_chair_informed_on = models.DateField(null=True, blank=True)
    exception_notice_published_on = models.DateField(null=True, blank=True)
    urgency_agreed_on = models.DateField(null=True, blank=True)
    urgency_agreed_by = models.CharField(max_length=16, choices=AgreedBy.choices, blank=True)
    urgency_reasons = models.TextField(blank=True)

    confidentiality_parent = "body"

    class Meta:
        ordering = ["-expected_decision_on", "id"]

    def owning_organisation_id(self) -> int | None:
        return self.body.owner_organisation_id

    def __str__(self) -> str:
        return f"Key decision: {self.matter} ({self.expected_decision_on:%d %B %Y})"

    def document_list(self) -> list[str]:
        return [line.strip() for line in self.documents.splitlines() if line.strip()]


class ProcedureRules(models.Model):
    """What a version of the terms of reference says about quorum by organisation and voting.

    Configuration of one TermsOfReference version (visible as that version is); changed only
    through `procedure_rules_set`, which writes the history.
    """

    terms = models.OneToOneField(
        "partnerships.TermsOfReference", on_delete=models.CASCADE, related_name="procedure"
    )
    chair_casting_vote = models.BooleanField(
        default=False, help_text="The chair has a second or casting vote on a tie"
    )
    # Its history page is as visible as the version of the terms (see partnerships/views/home.py).
    history_parent = "terms"

    class Meta:
        verbose_name_plural = "procedure rules"

    def __str__(self) -> str:
        return f"Procedure rules of {self.terms}"

    @property
    def partnership_id(self) -> int:
        return self.terms.partnership_id


class QuorumRequirement(models.Model):
    """At least `minimum` voting members present from `organisation` (cross-organisation quorum)."""

    rules = models.ForeignKey(ProcedureRules, on_delete=models.CASCADE, related_name="quorum")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    minimum = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["rules", "organisation"], name="quorum_req_unique")
        ]

    def __str__(self) -> str:
        return f"At least {self.minimum} from {self.organisation}"
