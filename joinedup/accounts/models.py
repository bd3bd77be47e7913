"""Organisations, the people who work in them, their roles in partnerships, and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class Organisation(models.Model):
    """A public body or network: council, NHS trust, police, fire, voluntary-sector network..."""

    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        COUNTY_COUNCIL = "county_council", "County council"
        PCT = "pct", "Primary care trust"
        ICB = "icb", "Integrated care board"
        CCG = "ccg", "Clinical commissioning group"
        HOSPITAL_TRUST = "hospital_trust", "Hospital trust"
        FOUNDATION_TRUST = "foundation_trust", "NHS foundation trust"
        POLICE = "police", "Police"
        FIRE = "fire", "Fire and rescue"
        VOLUNTARY = "voluntary", "Voluntary, community and faith sector"
        COLLEGE = "college", "College"
        DWP = "dwp", "Department for Work and Pensions"
        OTHER = "other", "Other"

    class DayRule(models.TextChoices):
        CALENDAR = "calendar", "Calendar days"
        WORKING = "working", "Working days"

    slug = models.SlugField(unique=True, max_length=80)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    key_decision_day_rule = models.CharField(
        max_length=8,
        choices=DayRule.choices,
        default=DayRule.CALENDAR,
        help_text="How this organisation counts the 28 clear days of a key-decision notice",
    )
    website = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person. People appear by role title; many never sign in (unusable password)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    role_title = models.CharField(
        max_length=200, blank=True, help_text='The post, e.g. "Leader of the Council"'
    )

    class Meta:
        ordering = ["role_title", "username"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        full = self.get_full_name()
        return self.role_title or full or self.username


class PartnershipRole(models.Model):
    """What a person may do in one partnership, and for which organisation they act."""

    class Role(models.TextChoices):
        PROGRAMME_OFFICER = "programme_officer", "Programme officer"
        BOARD_MEMBER = "board_member", "Board member"
        PARTNER_LEAD = "partner_lead", "Partner lead"
        CONTRIBUTOR = "contributor", "Contributor"
        VIEWER = "viewer", "Viewer"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="partnership_roles")
    partnership = models.ForeignKey(
        "core.Partnership", on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The partner organisation the person acts for in this partnership",
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    audit_exclude = ("created_at",)

    class Meta:
        ordering = ["partnership", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership", "role"], name="partnership_role_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="partnership_role_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.partnership})"

    def is_current(self, on: object = None) -> bool:
        today = on or timezone.localdate()
        started = self.start_date is None or self.start_date <= today
        not_ended = self.end_date is None or self.end_date >= today
        return started and not_ended


def hash_token(raw: str) -> str:
    """The stored form of a raw API token (only this hash is ever kept)."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the REST API. Only a hash is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, default="default")
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} token {self.prefix}…"

    @classmethod
    def issue(cls, *, user: User, name: str = "default") -> tuple[ApiToken, str]:
        raw = "ju_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=raw[3:11], key_hash=hash_token(raw))
        return token, raw

    @classmethod
    def authenticate(cls, raw: str) -> User | None:
        token = (
            cls.objects.select_related("user")
            .filter(key_hash=hash_token(raw), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            return None
        return token.user
