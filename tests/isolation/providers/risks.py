"""Risk registers and their risks, with everything that hangs off a risk (joinedup/risks)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from joinedup.accounts.tests.factories import UserFactory
from joinedup.partnerships.tests.factories import BodyFactory
from joinedup.risks.models import (
    Acceptance,
    Appetite,
    Assurance,
    Contribution,
    Control,
    Register,
    RegisterEntry,
    RegisterReview,
    Review,
    Risk,
)
from tests.isolation.providers import Entity, Provider, by_slug, create, finish

ENTITIES = (
    Entity(
        "register",
        model="risks.Register",
        params=("register", "register_slug", "register_id", "register_pk"),
        segments=("registers", "register"),
        render=by_slug,
        body_fields=("to_register",),
        text_key="slug",
    ),
    Entity(
        "appetite",
        marked=False,  # no free text: shown with its risk or register, whose marker is checked
        model="risks.Appetite",
        params=("appetite", "appetite_id", "appetite_pk"),
        segments=("appetites", "appetite"),
    ),
    Entity(
        "risk",
        model="risks.Risk",
        params=("risk", "risk_id", "risk_pk"),
        segments=("risks", "risk"),
        body_fields=("parent",),  # the partnership risk a risk feeds
    ),
    Entity(
        "risk_entry",
        marked=False,  # no free text: shown with its risk or register, whose marker is checked
        model="risks.RegisterEntry",
        params=("entry", "entry_id", "entry_pk"),
        segments=("entries", "shares", "shared"),
    ),
    Entity(
        "contribution",
        marked=False,  # no free text: shown with its risk or register, whose marker is checked
        model="risks.Contribution",
        # A partner's contribution to a risk is addressed by the partner organisation's slug.
        params=("contribution", "contribution_id", "contribution_pk", "org_slug", "part"),
        render=lambda obj, param: (
            str(obj.organisation.slug) if param.name == "org_slug" else str(obj.pk)
        ),
        segments=("contributions", "contribution", "assessments"),
    ),
    Entity(
        "control",
        model="risks.Control",
        params=("control", "control_id", "control_pk"),
        segments=("controls", "control"),
    ),
    Entity(
        "assurance",
        model="risks.Assurance",
        params=("assurance", "assurance_id", "assurance_pk"),
        segments=("assurances", "assurance"),
    ),
    Entity(
        "register_review",
        model="risks.RegisterReview",
        params=("register_review", "register_review_id", "register_review_pk"),
        segments=("register-reviews",),
    ),
    Entity(
        "risk_review",
        model="risks.Review",
        params=("review", "review_id", "review_pk"),
        segments=("reviews", "review"),
    ),
    Entity(
        "acceptance",
        model="risks.Acceptance",
        params=("acceptance", "acceptance_id", "acceptance_pk"),
        segments=("acceptances", "acceptance"),
    ),
)


def _risk_records(
    register: Register,
    level: str,
    owner: Any,
    marker: str,
    reference: str,
    *,
    person: Any,
    body: Any,
    category: str,
) -> dict[str, Any]:
    """A risk on `register` with an appetite, a contribution, a control, an assurance, a review
    and an acceptance, all at `level`."""
    partnership = register.partnership
    appetite = create(
        Appetite,
        level,
        partnership=partnership,
        register=register,
        category=category,
        level="cautious",
        max_residual=9,
    )
    risk = create(
        Risk,
        level,
        partnership=partnership,
        register=register,
        reference=reference,
        title=f"{marker} risk",
        cause=f"{marker} cause",
        event=f"{marker} event",
        effect=f"{marker} effect",
        category=category,
        lead_organisation=owner,
        inherent_likelihood=4,
        inherent_consequence=4,
        current_likelihood=3,
        current_consequence=4,
        target_likelihood=2,
        target_consequence=3,
        status="assessed",
        next_review_due=dt.date(2026, 3, 1),
    )
    contribution = create(
        Contribution,
        level,
        partnership=partnership,
        risk=risk,
        organisation=owner,
        likelihood=3,
        consequence=4,
    )
    control = create(
        Control,
        level,
        partnership=partnership,
        risk=risk,
        description=f"{marker} control",
        owner_organisation=owner,
    )
    assurance = create(
        Assurance,
        level,
        partnership=partnership,
        risk=risk,
        line="2",
        source=f"{marker} assurance",
        organisation=owner,
        result="positive",
        date=dt.date(2025, 10, 1),
    )
    register_review = create(
        RegisterReview,
        level,
        partnership=partnership,
        register=register,
        body=body,
        meeting_date=dt.date(2025, 10, 15),
        minute=f"{marker} register review minute",
    )
    review = create(
        Review,
        level,
        partnership=partnership,
        risk=risk,
        register_review=register_review,
        reviewed_on=dt.date(2025, 10, 15),
        reviewer=person,
        current_likelihood=3,
        current_consequence=4,
        current_score=12,
        status="assessed",
        commentary=f"{marker} review commentary",
    )
    acceptance = create(
        Acceptance,
        level,
        partnership=partnership,
        risk=risk,
        approver=person,
        justification=f"{marker} acceptance justification",
        accepted_on=dt.date(2025, 10, 15),
        expires_on=dt.date(2026, 10, 15),
    )
    return {
        "appetite": appetite,
        "risk": risk,
        "contribution": contribution,
        "control": control,
        "assurance": assurance,
        "register_review": register_review,
        "risk_review": review,
        "acceptance": acceptance,
    }


def make(
    world: Any, partnership: Any, level: str, owner: Any, restricted_to: list[Any], marker: str
) -> dict[str, Any]:
    tag = marker.lower()
    body = BodyFactory(
        partnership=partnership,
        slug=f"{tag}-risk-body",
        name=f"{marker} risk committee",
        owner_organisation=owner,
        confidentiality=level,
        exempt_paragraph=3 if level == "exempt" else None,
    )
    person = UserFactory(username=f"{tag}-risk-reviewer", organisation=owner)
    register = create(
        Register,
        level,
        partnership=partnership,
        slug=f"{tag}-register",
        name=f"{marker} register",
        description=f"{marker} register description",
        organisation=owner,
        governing_body=body,
    )
    shared_register = create(
        Register,
        level,
        partnership=partnership,
        slug=f"{tag}-shared-register",
        name=f"{marker} shared register",
        organisation=None,
        governing_body=body,
    )
    records: dict[str, Any] = {
        "register": register,
        "shared_register": shared_register,
        "risk_body": body,
    }
    records.update(
        _risk_records(
            register, level, owner, marker, "QX1", person=person, body=body, category="financial"
        )
    )
    records["risk_entry"] = create(
        RegisterEntry,
        level,
        partnership=partnership,
        register=shared_register,
        risk=records["risk"],
    )
    # The shared register is the partnership's own (no organisation): only the programme
    # officer edits it; it is not an entity of the matrix, so that does not matter here.
    finish(list(records.values()), level, restricted_to, marker)
    return records


def nest(world: Any, sets: dict[str, Any]) -> None:
    """Restricted and exempt risks (with all that hangs off them) on the public register,
    restricted and exempt shares of them on the public shared register, and restricted and
    exempt controls, assurances, reviews and acceptances of the public risk and reviews of the
    public register."""
    public = sets["public"]
    for level, category in (("restricted", "legal"), ("exempt", "people")):
        marker = sets[level].marker
        nested = _risk_records(
            public["register"],
            level,
            world.nhs,
            f"{marker} nested",
            f"QX-{level}",
            person=public["risk_review"].reviewer,
            body=public["risk_body"],
            category=category,
        )
        nested["entry"] = create(
            RegisterEntry,
            level,
            partnership=public.partnership,
            register=public["shared_register"],
            risk=nested["risk"],
        )
        # Hidden records hanging off the public risk and register themselves.
        risk = public["risk"]
        nested["control_of_public_risk"] = create(
            Control,
            level,
            partnership=risk.partnership,
            risk=risk,
            description=f"{marker} nested control of the public risk",
            owner_organisation=world.nhs,
        )
        nested["assurance_of_public_risk"] = create(
            Assurance,
            level,
            partnership=risk.partnership,
            risk=risk,
            line="3",
            source=f"{marker} nested assurance of the public risk",
            organisation=world.nhs,
            result="partial",
        )
        nested["review_of_public_risk"] = create(
            Review,
            level,
            partnership=risk.partnership,
            risk=risk,
            reviewed_on=dt.date(2025, 11, 15),
            reviewer=public["risk_review"].reviewer,
            status="assessed",
            commentary=f"{marker} nested review of the public risk",
        )
        nested["acceptance_of_public_risk"] = create(
            Acceptance,
            level,
            partnership=risk.partnership,
            risk=risk,
            approver=public["risk_review"].reviewer,
            justification=f"{marker} nested acceptance of the public risk",
            accepted_on=dt.date(2025, 11, 15),
            expires_on=dt.date(2026, 11, 15),
        )
        nested["review_of_public_register"] = create(
            RegisterReview,
            level,
            partnership=risk.partnership,
            register=public["register"],
            body=public["risk_body"],
            meeting_date=dt.date(2025, 11, 15),
            minute=f"{marker} nested review of the public register",
        )
        finish(list(nested.values()), level, [world.nhs], marker)
    # Hidden work-programme actions linked to the public risk: its pages, API answers and
    # downloads must not name them to those who may not see them.
    public["risk"].work_actions.add(sets["restricted"]["action"], sets["exempt"]["action"])


PROVIDER = Provider(
    app="risks",
    entities=ENTITIES,
    make=make,
    nest=nest,
    api_lists={
        "registers": "risks.Register",
        "risk-registers": "risks.Register",
        "risks": "risks.Risk",
        "appetites": "risks.Appetite",
        "contributions": "risks.Contribution",
        "controls": "risks.Control",
        "assurances": "risks.Assurance",
        "reviews": "risks.Review",
        "acceptances": "risks.Acceptance",
    },
)
