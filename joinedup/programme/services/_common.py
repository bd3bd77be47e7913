"""What the programme services share, on top of the partnerships services' helpers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from joinedup.core.services import (
    UNSET,
    add_error,
    apply,
    check_and_save,
    deny_unless,
    is_set,
    partner_organisation_ids,
    validate,
)

__all__ = [
    "UNSET",
    "StaleVersionError",
    "add_error",
    "apply",
    "check_and_save",
    "check_partner",
    "deny_unless",
    "is_set",
    "partner_organisation_ids",
    "validate",
]


class StaleVersionError(ValidationError):
    """Someone else saved the record after this edit began: the edit is refused, not merged."""

    def __init__(self, *, current: int, expected: int) -> None:
        self.current, self.expected = current, expected
        message = (
            "Someone else changed this action while you were editing it "
            f"(you started from version {expected}; it is now version {current}). "
            "Nothing was saved: reload the action to see their changes, then make yours again."
        )
        super().__init__({NON_FIELD_ERRORS: [message]}, code="conflict")


def check_partner(partnership: Any, organisation: Any, field: str, errors: dict) -> None:
    """The organisation must be a partner of the partnership."""
    if organisation is not None and organisation.pk not in partner_organisation_ids(partnership):
        add_error(errors, field, f"{organisation} is not a partner of this partnership.")
