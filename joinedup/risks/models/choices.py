"""Vocabularies of the risks app (Orange Book categories, appetite levels, states...)."""

from __future__ import annotations

from django.db import models


class Level(models.TextChoices):
    PARTNERSHIP = "partnership", "Partnership"
    PROGRAMME = "programme", "Programme"
    STRATEGIC = "strategic", "Strategic / board assurance framework"
    CORPORATE = "corporate", "Corporate"
    DIRECTORATE = "directorate", "Directorate"
    SERVICE = "service", "Service"


class Category(models.TextChoices):
    """Orange Book (2023) Annex 4 example categories."""

    STRATEGY = "strategy", "Strategy"
    GOVERNANCE = "governance", "Governance"
    OPERATIONS = "operations", "Operations"
    LEGAL = "legal", "Legal"
    PROPERTY = "property", "Property"
    FINANCIAL = "financial", "Financial"
    COMMERCIAL = "commercial", "Commercial"
    PEOPLE = "people", "People"
    TECHNOLOGY = "technology", "Technology"
    INFORMATION = "information", "Information"
    SECURITY = "security", "Security"
    PROJECT = "project", "Project / programme"
    REPUTATIONAL = "reputational", "Reputational"


class AppetiteLevel(models.TextChoices):
    AVERSE = "averse", "Averse"
    MINIMAL = "minimal", "Minimal"
    CAUTIOUS = "cautious", "Cautious"
    OPEN = "open", "Open"
    EAGER = "eager", "Eager"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    ASSESSED = "assessed", "Assessed"
    TREATING = "treating", "Being treated"
    ESCALATED = "escalated", "Escalated"
    DE_ESCALATED = "de_escalated", "De-escalated"
    TOLERATED = "tolerated", "Tolerated"
    CLOSED = "closed", "Closed"
    ARCHIVED = "archived", "Archived"


class Treatment(models.TextChoices):
    TREAT = "treat", "Treat"
    TOLERATE = "tolerate", "Tolerate"
    TRANSFER = "transfer", "Transfer"
    TERMINATE = "terminate", "Terminate"
    TAKE = "take", "Take the opportunity"


class Proximity(models.TextChoices):
    IMMINENT = "imminent", "Imminent (under 3 months)"
    NEAR = "near", "Near (3 to 12 months)"
    DISTANT = "distant", "Distant (over 12 months)"


class ReviewFrequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    SIX_MONTHLY = "six_monthly", "Six-monthly"
    ANNUALLY = "annually", "Annually"


def _level_field(help_text: str = "") -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(null=True, blank=True, help_text=help_text)
