"""Demo risk registers (joinedup/risks/demo_data/*.yaml), loaded through the services.

Idempotent: registers are found by slug and risks by (register, reference); a risk's scores,
partners, controls and sharing are written only when the risk is first created, and the year
of register reviews only when the register has none.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from joinedup.accounts.models import Organisation, User
from joinedup.core.models import Partnership
from joinedup.partnerships.models import Body
from joinedup.risks import selectors, services
from joinedup.risks.models import Register, RegisterReview, Risk

DATA_DIR = Path(__file__).resolve().parent / "demo_data"
FILES = ("herefordshire.yaml", "chorley.yaml")


def load(*, actor: Any) -> None:
    """Create whatever of the demo registers is missing."""
    with transaction.atomic():
        for name in FILES:
            with (DATA_DIR / name).open(encoding="utf-8") as handle:
                data = yaml.safe_load(handle)
            partnership = Partnership.objects.filter(slug=data["partnership"]).first()
            if partnership is not None:
                _Loader(partnership, actor).run(data)


def _actions(names: list[str]) -> list[Any]:
    """Work-programme actions named "plan-slug:reference" (left out if that demo is not loaded)."""
    return selectors.actions_named(names)


def _org(slug: str | None) -> Organisation | None:
    return Organisation.objects.get(slug=slug) if slug else None


def _person(username: str | None) -> User | None:
    return User.objects.get(username=username) if username else None


def _pair(value: list[int] | None) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value else None


class _Loader:
    def __init__(self, partnership: Partnership, actor: Any) -> None:
        self.partnership, self.actor = partnership, actor

    def _body(self, slug: str | None) -> Body | None:
        return Body.objects.get(partnership=self.partnership, slug=slug) if slug else None

    def run(self, data: dict[str, Any]) -> None:
        for item in data.get("registers", []):
            self.register(item)
        created = [self.risk(item) for item in data.get("risks", [])]
        self.reviews(data.get("reviews"), [c for c in created if c is not None])

    def register(self, item: dict[str, Any]) -> Register:
        found = Register.objects.filter(slug=item["slug"]).first()
        if found is not None:
            return found
        register = services.register_create(
            actor=self.actor,
            partnership=self.partnership,
            slug=item["slug"],
            name=item["name"],
            level=item.get("level", "partnership"),
            organisation=_org(item.get("organisation")),
            governing_body=self._body(item.get("governing_body")),
            escalation_threshold=item.get("escalation_threshold", 15),
            description=item.get("description", "").strip(),
            reason=f"Demo data ({item.get('source', '')})",
        )
        for appetite in item.get("appetites", []):
            services.appetite_set(actor=self.actor, register=register, **appetite)
        return register

    def risk(self, item: dict[str, Any]) -> tuple[Risk, dict[str, Any]] | None:
        register = Register.objects.get(slug=item["register"])
        if Risk.objects.filter(register=register, reference=item["reference"]).exists():
            return None
        restricted = [_org(s) for s in item.get("restricted_to", [])]
        risk = services.risk_create(
            actor=self.actor,
            register=register,
            reference=item["reference"],
            title=item["title"],
            category=item["category"],
            lead_organisation=_org(item["lead"]),
            owner=_person(item.get("owner")),
            cause=item.get("cause", ""),
            event=item.get("event", ""),
            effect=item.get("effect", ""),
            objective=item.get("objective", ""),
            actions=item.get("actions", ""),
            proximity=item.get("proximity", ""),
            review_frequency=item.get("review_frequency", "quarterly"),
            confidentiality=item.get("confidentiality", "partnership"),
            restricted_to=restricted or None,
            work_actions=_actions(item.get("work_actions", [])),
            reason=f"Demo data ({item.get('source', '')})",
        )
        self._details(risk, item)
        return risk, item

    def _details(self, risk: Risk, item: dict[str, Any]) -> None:
        day = dt.date(2007, 2, 6)
        for part in item.get("contributions", []):
            score = _pair(part.get("score"))
            services.contribution_set(
                actor=self.actor,
                risk=risk,
                organisation=_org(part["organisation"]),  # type: ignore[arg-type]
                owner=_person(part.get("owner")),
                likelihood=score[0] if score else None,
                consequence=score[1] if score else None,
                today=day,
            )
        first = next(iter(item.get("history", {}).values()), None)
        services.risk_assess(
            actor=self.actor,
            risk=risk,
            inherent=_pair(item["inherent"]),  # type: ignore[arg-type]
            current=_pair(first or item.get("current")),
            target=_pair(item.get("target")),
            target_date=item.get("target_date"),
            today=day,
        )
        for control in item.get("controls", []):
            services.control_add(
                actor=self.actor,
                risk=risk,
                description=control["description"],
                kind=control.get("kind", "preventive"),
                owner_organisation=_org(control["organisation"]),  # type: ignore[arg-type]
            )
        for assurance in item.get("assurances", []):
            services.assurance_add(
                actor=self.actor,
                risk=risk,
                line=str(assurance["line"]),
                source=assurance["source"],
                organisation=_org(assurance["organisation"]),  # type: ignore[arg-type]
                result=assurance["result"],
            )
        if item.get("share_to"):
            services.risk_share(
                actor=self.actor,
                risk=risk,
                register=Register.objects.get(slug=item["share_to"]),
                reason="Shared by its owner on the partnership register",
            )

    def reviews(self, data: dict[str, Any] | None, created: list[tuple[Risk, dict]]) -> None:
        if not data:
            return
        register = Register.objects.get(slug=data["register"])
        if RegisterReview.objects.filter(register=register).exists():
            return
        people = [_person(u) for u in data["reviewed_by"]]
        for meeting in data["meetings"]:
            date, body = meeting["date"], self._body(meeting["body"])
            self._rescore(created, date)
            services.register_review_at_meeting(
                actor=self.actor,
                register=register,
                body=body,
                meeting_date=date,
                reviewed_by=[p for p in people if p is not None],
                minute=f"The {body} reviewed the risk register.",
            )

    def _rescore(self, created: list[tuple[Risk, dict]], date: dt.date) -> None:
        """Move a risk's current score on the date its history says it changed."""
        for risk, item in created:
            score = item.get("history", {}).get(date.isoformat())
            if score is None:
                continue
            risk.refresh_from_db()
            services.risk_assess(
                actor=self.actor,
                risk=risk,
                inherent=_pair(item["inherent"]),  # type: ignore[arg-type]
                current=_pair(score),
                target=_pair(item.get("target")),
                target_date=item.get("target_date"),
                today=date,
                reason=f"Re-scored at the meeting of {date:%d %B %Y}",
            )
