"""Registers of interests, gifts and hospitality, dispensations, declarations and votes."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from joinedup.core.models import GovernedModel

DEFAULT_GIFT_THRESHOLD = Decimal("50.00")


class InterestCategory(models.TextChoices):
    DPI = "dpi", "Disclosable pecuniary interest"
    ORI = "ori", "Other registrable interest"
    NRI = "nri", "Non-registrable interest"
    NHS_CONFLICT = "nhs_conflict", "NHS conflict of interest"
    OTHER = "other", "Other interest"


class InterestScheme(models.Model):
    """An organisation's code of conduct settings: its gift threshold (the £50 default)."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="interest_scheme"
    )
    name = models.CharField(max_length=200, default="Members' code of conduct")
    gift_threshold = models.DecimalField(
        max_digits=8, decimal_places=2, default=DEFAULT_GIFT_THRESHOLD
    )

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class RegisterEntry(GovernedModel):
    """One entry in a person's register of interests, under their organisation's scheme."""

    class DpiKind(models.TextChoices):
        EMPLOYMENT = "employment", "Employment, office, trade, profession or vocation"
        SPONSORSHIP = "sponsorship", "Sponsorship"
        CONTRACTS = "contracts", "Contracts with the authority"
        LAND = "land", "Land in the area"
        LICENCES = "licences", "Licences to occupy land"
        TENANCIES = "tenancies", "Corporate tenancies"
        SECURITIES = "securities", "Securities"

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Whose scheme the entry is registered under",
    )
    category = models.CharField(max_length=14, choices=InterestCategory.choices)
    dpi_kind = models.CharField(max_length=12, choices=DpiKind.choices, blank=True)
    subject = models.CharField(
        max_length=200, help_text="The company, body or land the interest is in (for prompts)"
    )
    details = models.TextField(blank=True)
    sensitive = models.BooleanField(
        default=False, help_text="Show that an interest exists but not its details (s.32)"
    )
    spouse_partner = models.BooleanField(default=False)
    notified_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person__role_title", "category", "subject"]
        verbose_name_plural = "register entries"

    def owning_organisation_id(self) -> int | None:
        return self.organisation_id

    def __str__(self) -> str:
        return f"{self.person}: {self.get_category_display()} – {self.public_subject}"

    @property
    def public_subject(self) -> str:
        return "Sensitive interest (details withheld)" if self.sensitive else self.subject


class GiftHospitality(GovernedModel):
    """A gift or hospitality a person received; registrable at or above the scheme threshold."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField()
    donor = models.CharField(max_length=200)
    description = models.CharField(max_length=300)
    estimated_value = models.DecimalField(max_digits=10, decimal_places=2)
    accepted = models.BooleanField(default=True)

    class Meta:
        ordering = ["-received_on"]
        verbose_name_plural = "gifts and hospitality"

    def owning_organisation_id(self) -> int | None:
        return self.organisation_id

    def __str__(self) -> str:
        return f"{self.description} from {self.donor}"


class Dispensation(GovernedModel):
    """Permission to take part despite an interest, for a period of at most four years."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    interest = models.ForeignKey(
        RegisterEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dispensations",
        help_text="The registered interest it covers",
    )
    scope = models.TextField(help_text="The business it covers")
    granted_by = models.CharField(
        max_length=200, blank=True, help_text="Who granted it, e.g. Standards Committee"
    )
    grounds = models.TextField(blank=True, help_text="Why it was granted (s.33(2))")
    granted_on = models.DateField()
    valid_from = models.DateField()
    valid_to = models.DateField()
    revoked_on = models.DateField(null=True, blank=True)
    revocation_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-valid_from"]

    def owning_organisation_id(self) -> int | None:
        return self.organisation_id

    def __str__(self) -> str:
        return f"Dispensation for {self.person} ({self.valid_from} to {self.valid_to})"


class Declaration(GovernedModel):
    """An interest declared on one agenda item, and what the person did about it."""

    class Action(models.TextChoices):
        LEFT_ROOM = "left_room", "Left the room"
        DID_NOT_VOTE = "did_not_vote", "Did not vote"
        SPOKE_ONLY = "spoke_only", "Spoke as the public may, then left"
        DISPENSATION = "dispensation", "Took part under a dispensation"
        REMAINED = "remained", "Remained and took part"

    item = models.ForeignKey(
        "meetings.AgendaItem", on_delete=models.CASCADE, related_name="declarations"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    interest_type = models.CharField(max_length=14, choices=InterestCategory.choices)
    description = models.TextField(blank=True)
    register_entry = models.ForeignKey(
        RegisterEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=14, choices=Action.choices)
    dispensation = models.ForeignKey(
        Dispensation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    confidentiality_parent = "item"

    class Meta:
        ordering = ["item", "person__role_title"]

    def owning_organisation_id(self) -> int | None:
        return self.item.meeting.body.owner_organisation_id

    def __str__(self) -> str:
        return f"{self.person}: {self.get_interest_type_display()} ({self.get_action_display()})"


class Vote(GovernedModel):
    """A recorded vote of one member on one item."""

    class Choice(models.TextChoices):
        FOR = "for", "For"
        AGAINST = "against", "Against"
        ABSTAIN = "abstain", "Abstained"

    item = models.ForeignKey("meetings.AgendaItem", on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=8, choices=Choice.choices)
    casting = models.BooleanField(
        default=False, help_text="The chair's second or casting vote on a tie"
    )

    confidentiality_parent = "item"

    class Meta:
        ordering = ["item", "casting", "choice", "person__role_title"]
        constraints = [
            models.UniqueConstraint(fields=["item", "person", "casting"], name="vote_unique_kind")
        ]

    def owning_organisation_id(self) -> int | None:
        return self.item.meeting.body.owner_organisation_id

    def __str__(self) -> str:
        return f"{self.person}: {self.get_choice_display()}"
