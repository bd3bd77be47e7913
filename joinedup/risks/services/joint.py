"""Joint risks and sharing: partners' own assessments, mirror entries, agreed scores, closure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from joinedup.accounts.lookups import check_person
from joinedup.accounts.models import Organisation, User
from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.audit import audited_delete, audited_save
from joinedup.core.confidentiality import INHERIT
from joinedup.core.lookups import refuse
from joinedup.core.models import Confidentiality
from joinedup.core.services import (
    UNSET,
    add_error,
    check_and_save,
    deny_unless,
)
from joinedup.partnerships.lookups import check_organisation
from joinedup.risks import permissions as risk_permissions
from joinedup.risks.models import Contribution, Register, RegisterEntry, Risk, Status
from joinedup.risks.services._common import (
    check_pair,
    evaluate_escalation,
    matrix_of,
    next_version,
    partner_register,
    raise_if,
    save_risk,
    today_or,
)


def _mirror(risk: Risk, organisation_id: int, actor: Actor) -> None:
    """Each partner's register shows a linked mirror entry of the joint risk."""
    register = partner_register(risk, organisation_id)
    if register is None or register.pk == risk.register_id:
        return
    if not RegisterEntry.objects.filter(register=register, risk=risk).exists():
        entry = RegisterEntry(
            register=register,
            risk=risk,
            kind=RegisterEntry.Kind.MIRROR,
            partnership_id=risk.partnership_id,
            confidentiality=risk.confidentiality,
            exempt_paragraph=risk.exempt_paragraph,
        )
        audited_save(entry, actor=actor, reason="Mirror of a joint risk")


@transaction.atomic
def contribution_set(
    *,
    actor: Actor,
    risk: Risk,
    organisation: Organisation,
    owner: User | None,
    likelihood: int | None,
    consequence: int | None,
    today: dt.date | None = None,
    reason: str = "",
) -> Contribution:
    """Record a partner's part in a joint risk, with its own owner and its own assessment."""
    outside: dict[str, list[str]] = {}
    check_organisation(risk.partnership, organisation, "organisation", outside)
    check_person(risk.partnership, owner, "owner", outside)
    refuse(outside)
    deny_unless(
        permissions.can_view(actor, risk)
        and risk_permissions.can_act_for(actor, risk, organisation.pk),
        "You may record only your own organisation's assessment.",
    )
    errors: dict[str, list[str]] = {}
    if (likelihood is None) != (consequence is None):
        add_error(errors, "consequence", "Give both likelihood and consequence, or neither.")
    elif likelihood is not None and consequence is not None:
        check_pair(matrix_of(risk.register), (likelihood, consequence), "likelihood", errors)
    raise_if(errors)
    contribution = Contribution.objects.filter(risk=risk, organisation=organisation).first()
    if contribution is None:
        contribution = Contribution(
            risk=risk,
            organisation=organisation,
            partnership_id=risk.partnership_id,
            confidentiality=INHERIT,  # the risk's (joinedup/core/confidentiality.py)
        )
    contribution.owner, contribution.likelihood = owner, likelihood
    contribution.consequence = consequence
    check_and_save(contribution, errors={}, restricted_to=UNSET, actor=actor, reason=reason)
    _mirror(risk, organisation.pk, actor)
    evaluate_escalation(risk, actor=actor, today=today_or(today), reason=reason)
    save_risk(risk, actor=actor, reason=reason or "Partner assessment recorded")
    return contribution


@transaction.atomic
def risk_agree_joint_score(
    *, actor: Actor, risk: Risk, likelihood: int, consequence: int, reason: str = ""
) -> Risk:
    """Record the partners' agreed joint score: the divergence flag clears at once; escalations
    are judged again at the next review."""
    deny_unless(permissions.can_edit(actor, risk), "You may not change this risk.")
    errors: dict[str, list[str]] = {}
    check_pair(matrix_of(risk.register), (likelihood, consequence), "likelihood", errors)
    inherent = (risk.inherent_likelihood or 0) * (risk.inherent_consequence or 0)
    if inherent and likelihood * consequence > inherent:
        add_error(errors, "likelihood", "The current (residual) score exceeds the inherent score.")
    raise_if(errors)
    risk.current_likelihood, risk.current_consequence = likelihood, consequence
    save_risk(risk, actor=actor, reason=reason or "Joint score agreed")
    return risk


@transaction.atomic
def contribution_confirm_closure(
    *, actor: Actor, contribution: Contribution, on: dt.date | None = None, reason: str = ""
) -> Contribution:
    """A contributing owner (or their partner lead) confirms the joint risk may be closed."""
    allowed = contribution.owner_id == getattr(actor, "pk", None) or risk_permissions.can_act_for(
        actor, contribution.risk, contribution.organisation_id
    )
    deny_unless(allowed, "Only the contributing owner may confirm closure.")
    contribution.closure_confirmed_on = today_or(on)
    audited_save(contribution, actor=actor, reason=reason or "Closure confirmed")
    return contribution


@transaction.atomic
def risk_share(
    *,
    actor: Actor,
    risk: Risk,
    register: Register,
    confidentiality: str = Confidentiality.PARTNERSHIP,
    exempt_paragraph: int | None = None,
    restricted_to: Iterable[Organisation] | None = None,
    reason: str = "",
) -> RegisterEntry:
    """The owning partner shows its risk on another register, at the level it chooses.

    The partner keeps the risk; the chosen level becomes the risk's own confidentiality.
    """
    deny_unless(permissions.can_edit(actor, risk), "Only the risk's owner may share it.")
    errors: dict[str, list[str]] = {}
    if register.partnership_id != risk.partnership_id or register.pk == risk.register_id:
        add_error(errors, "register", "Choose another register of this partnership.")
    if risk.status in (Status.CLOSED, Status.ARCHIVED):
        add_error(errors, "register", "A closed risk cannot be shared.")
    raise_if(errors)
    entry = RegisterEntry.objects.filter(register=register, risk=risk).first() or RegisterEntry(
        register=register, risk=risk, partnership_id=risk.partnership_id
    )
    for obj in (entry, risk):
        obj.confidentiality, obj.exempt_paragraph = confidentiality, exempt_paragraph
    next_version(risk)
    check_and_save(risk, errors={}, restricted_to=restricted_to, actor=actor, reason=reason)
    check_and_save(entry, errors={}, restricted_to=restricted_to, actor=actor, reason=reason)
    return entry


@transaction.atomic
def risk_unshare(*, actor: Actor, entry: RegisterEntry, reason: str = "") -> None:
    """Withdraw a partner's risk from another register; the partner keeps the risk.

    Only the owning partner's lead or a programme officer may; a joint risk's mirror entries
    stay while the partners share the risk.
    """
    risk = entry.risk
    deny_unless(permissions.can_edit(actor, risk), "Only the risk's owner may withdraw it.")
    errors: dict[str, list[str]] = {}
    if entry.kind == RegisterEntry.Kind.MIRROR:
        add_error(errors, "entry", "A joint risk's mirror entry cannot be withdrawn.")
    if not reason.strip():
        add_error(errors, "reason", "Say why the risk is withdrawn from the register.")
    raise_if(errors)
    audited_delete(entry, actor=actor, reason=reason)
    save_risk(risk, actor=actor, reason=f"Withdrawn from {entry.register.name}: {reason}")
