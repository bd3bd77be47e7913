"""Risk registers, risks, partners' own assessments, controls, assurances, reviews, acceptances.

Scores are stored as their inputs only (likelihood and consequence); the score, band, trend,
overdue flag and divergence are computed on read by `joinedup.risks.scoring` (no save() logic).
"""

from __future__ import annotations

from joinedup.risks.models.choices import (
    AppetiteLevel,
    Category,
    Level,
    Proximity,
    ReviewFrequency,
    Status,
    Treatment,
)
from joinedup.risks.models.registers import Appetite, Register
from joinedup.risks.models.reviews import Acceptance, RegisterReview, Review
from joinedup.risks.models.risks import Assurance, Contribution, Control, RegisterEntry, Risk

__all__ = [
    "Acceptance",
    "Appetite",
    "AppetiteLevel",
    "Assurance",
    "Category",
    "Contribution",
    "Control",
    "Level",
    "Proximity",
    "Register",
    "RegisterEntry",
    "RegisterReview",
    "Review",
    "ReviewFrequency",
    "Risk",
    "Status",
    "Treatment",
]
