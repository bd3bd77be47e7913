"""Load the demo: two partnerships from the seed papers, with people by role title only.

The data lives in YAML beside this module (joinedup/demo/data/). Loading is idempotent: every
record is found by a stable key (slug, username, or the pair that makes it unique) and created
only when missing, so a second run writes nothing. Partnerships, organisations and people are
brought back to the YAML if they differ; governed records that exist are left as they are, so
changes made while trying the demo survive. Governed records and sign-ins are created through
the services, as the demo administrator, so each record gets its history entry.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.db.models import Model

from joinedup.accounts import services as accounts_services
from joinedup.accounts.models import Organisation, PartnershipRole, User
from joinedup.core.audit import audited_save
from joinedup.core.models import Confidentiality, Partnership
from joinedup.partnerships import services
from joinedup.partnerships.models import (
    Body,
    BodyMembership,
    Partner,
    ReportingLine,
    TermsOfReference,
)

DEMO_PASSWORD = "demo-password-1"
ADMIN_USERNAME = "admin"
DATA_DIR = Path(__file__).resolve().parent / "data"
PARTNERSHIP_FILES = ("herefordshire.yaml", "chorley.yaml")

ROLE_ORDER = [role for role, _ in PartnershipRole.Role.choices]


@dataclass(frozen=True)
class SignIn:
    """One demo sign-in: who it is and what they may do where."""

    username: str
    role_title: str
    partnership: str
    role: str


def read_data(name: str) -> dict[str, Any]:
    """One partnership's demo data, as written in joinedup/demo/data/."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def demo_load(*, password: str = DEMO_PASSWORD) -> list[SignIn]:
    """Create (or leave as they are) the demo partnerships; return the demo sign-ins."""
    with transaction.atomic():
        admin = _admin(password)
        sign_ins = [SignIn(admin.username, admin.role_title, "all partnerships", "superuser")]
        for name in PARTNERSHIP_FILES:
            sign_ins += _Loader(read_data(name), actor=admin, password=password).run()
        for load_module in _module_loaders():
            load_module(actor=admin)
    return sign_ins


# Each domain app that has demo data provides `<app>.demo.load(*, actor)`: idempotent, run after
# the partnerships, bodies and people above exist, in this order.
MODULE_DEMOS = ("joinedup.programme.demo", "joinedup.risks.demo", "joinedup.meetings.demo")


def _module_loaders() -> list[Any]:
    loaders = []
    for dotted in MODULE_DEMOS:
        try:
            module = importlib.import_module(dotted)
        except ModuleNotFoundError as exc:
            # Only "this app has no demo module" is skipped; a broken import inside one is raised.
            if exc.name is None or not (dotted == exc.name or dotted.startswith(exc.name + ".")):
                raise
            continue
        loaders.append(module.load)
    return loaders


def _admin(password: str) -> User:
    values = {"role_title": "Joined-Up administrator", "is_staff": True, "is_superuser": True}
    return _person(ADMIN_USERNAME, values, password=password, reason="Demo administrator")


def _person(username: str, values: dict[str, Any], *, password: str | None, reason: str) -> User:
    """The user with this username, created if missing; `password` None: cannot sign in."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, **values)
        if password is None:
            user.set_unusable_password()
        else:
            user.set_password(password)
        audited_save(user, actor=None, reason=reason)
    elif _differs(user, values):
        _assign(user, values)
        audited_save(user, actor=None, reason=reason)
    if password is not None and not user.check_password(password):
        # Someone changed the demo password: put it back so the printed sign-ins work.
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def _differs(obj: Model, values: dict[str, Any]) -> bool:
    return any(getattr(obj, name) != value for name, value in values.items())


def _assign(obj: Model, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(obj, name, value)


def _upsert(model: type[Model], lookup: dict[str, Any], values: dict[str, Any], reason: str) -> Any:
    """An ungoverned record (partnership, organisation, role) found by `lookup`, kept current."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
    elif not _differs(obj, values):
        return obj
    else:
        _assign(obj, values)
    audited_save(obj, actor=None, reason=reason)
    return obj


def _text(value: Any) -> str:
    return str(value or "").strip()


def _reason(item: dict[str, Any]) -> str:
    source = _text(item.get("source"))
    return f"Demo data ({source})" if source else "Demo data"


class _Loader:
    """Loads one partnership's YAML: organisations, partners, people, bodies, terms of reference."""

    def __init__(self, data: dict[str, Any], *, actor: User, password: str) -> None:
        self.data = data
        self.actor = actor
        self.password = password
        self.orgs: dict[str, Organisation] = {}
        self.people: dict[str, User] = {}
        self.bodies: dict[str, Body] = {}

    def run(self) -> list[SignIn]:
        self.partnership = self._partnership(self.data["partnership"])
        for item in self.data.get("organisations", []):
            self.orgs[item["slug"]] = self._organisation(item)
        for item in self.data.get("partners", []):
            self._partner(item)
        sign_ins = [s for item in self.data.get("people", []) if (s := self._person(item))]
        for item in self.data.get("bodies", []):
            self.bodies[item["slug"]] = self._body(item)
        for item in self.data.get("bodies", []):
            self._reporting_lines(item)
            self._memberships(item)
        for item in self.data.get("terms_of_reference", []):
            self._terms_of_reference(item)
        return sorted(sign_ins, key=lambda s: ROLE_ORDER.index(s.role))

    # -- ungoverned records -------------------------------------------------------------------

    def _partnership(self, item: dict[str, Any]) -> Partnership:
        values = {
            "name": item["name"],
            "short_name": _text(item.get("short_name")),
            "description": _text(item.get("description")),
            "area": _text(item.get("area")),
            "established_on": item.get("established_on"),
        }
        partnership: Partnership = _upsert(
            Partnership, {"slug": item["slug"]}, values, _reason(item)
        )
        return partnership

    def _organisation(self, item: dict[str, Any]) -> Organisation:
        values = {
            "name": item["name"],
            "short_name": _text(item.get("short_name")),
            "kind": item["kind"],
        }
        reason = f"Demo data: partner of {self.partnership}"
        organisation: Organisation = _upsert(Organisation, {"slug": item["slug"]}, values, reason)
        return organisation

    def _person(self, item: dict[str, Any]) -> SignIn | None:
        organisation = self.orgs[item["organisation"]]
        values = {"role_title": item["role_title"], "organisation": organisation}
        role = item.get("sign_in")
        reason = f"Demo person in {self.partnership}"
        if role and not User.objects.filter(username=item["username"]).exists():
            # A sign-in: added to the partnership with their role, as an administrator would.
            accounts_services.person_create(
                actor=self.actor,
                partnership=self.partnership,
                username=item["username"],
                organisation=organisation,
                role=role,
                role_title=item["role_title"],
                password=self.password,
                reason=reason,
            )
        password = self.password if role else None
        person = _person(item["username"], values, password=password, reason=reason)
        self.people[person.username] = person
        if not role:
            return None
        held = PartnershipRole.objects.filter(
            user=person,
            partnership=self.partnership,
            role=role,
            organisation=organisation,
            end_date__isnull=True,
        )
        if not held.exists():
            accounts_services.partnership_role_grant(
                actor=self.actor,
                partnership=self.partnership,
                person=person,
                role=role,
                organisation=organisation,
                reason=reason,
            )
        return SignIn(person.username, person.role_title, self.partnership.slug, role)

    # -- governed records, through the services ----------------------------------------------

    def _confidentiality(self, item: dict[str, Any]) -> dict[str, Any]:
        level = item.get("confidentiality", Confidentiality.PARTNERSHIP)
        orgs = [self.orgs[slug] for slug in item.get("restricted_to", [])]
        return {
            "confidentiality": level,
            "exempt_paragraph": item.get("exempt_paragraph"),
            "restricted_to": orgs if level == Confidentiality.RESTRICTED else None,
        }

    def _partner(self, item: dict[str, Any]) -> Partner:
        organisation = self.orgs[item["organisation"]]
        existing = Partner.objects.filter(
            partnership=self.partnership, organisation=organisation
        ).first()
        if existing is not None:
            return existing
        return services.partner_create(
            actor=self.actor,
            partnership=self.partnership,
            organisation=organisation,
            membership_type=item.get("membership_type", "full"),
            voting=item.get("voting", True),
            start_date=item.get("start_date"),
            commitments=_text(item.get("commitments")),
            notes=_text(item.get("notes")),
            reason=_reason(item),
            **self._confidentiality(item),
        )

    def _body(self, item: dict[str, Any]) -> Body:
        existing = Body.objects.filter(slug=item["slug"]).first()
        if existing is not None:
            return existing
        owner = self.orgs[item["owner"]] if item.get("owner") else None
        return services.body_create(
            actor=self.actor,
            partnership=self.partnership,
            slug=item["slug"],
            name=item["name"],
            kind=item["kind"],
            owner_organisation=owner,
            publication_rule=item.get("publication_rule", Body.PublicationRule.NONE),
            purpose=_text(item.get("purpose")),
            established_on=item.get("established_on"),
            reason=_reason(item),
            **self._confidentiality(item),
        )

    def _reporting_lines(self, item: dict[str, Any]) -> None:
        child = self.bodies[item["slug"]]
        for line in item.get("reports_to", []):
            parent = self.bodies[line["parent"]]
            if ReportingLine.objects.filter(child=child, parent=parent).exists():
                continue
            # A line is as confidential as the body it describes.
            services.reporting_line_create(
                actor=self.actor,
                child=child,
                parent=parent,
                kind=line["kind"],
                note=_text(line.get("note")),
                reason=_reason(item),
                **self._confidentiality(item),
            )

    def _memberships(self, item: dict[str, Any]) -> None:
        body = self.bodies[item["slug"]]
        for seat in item.get("members", []):
            person = self.people[seat["person"]]
            if BodyMembership.objects.filter(body=body, person=person).exists():
                continue
            representing = seat.get("representing")
            services.body_membership_create(
                actor=self.actor,
                body=body,
                person=person,
                representing=self.orgs[representing] if representing else None,
                role=seat.get("role", BodyMembership.Role.MEMBER),
                membership_type=seat.get("membership_type", "full"),
                voting=seat.get("voting"),
                start_date=seat.get("start_date"),
                reason=_reason(item),
            )

    def _terms_of_reference(self, item: dict[str, Any]) -> None:
        body = self.bodies[item["body"]]
        if TermsOfReference.objects.filter(body=body, version=item["version"]).exists():
            return
        fields = ("title", "purpose", "responsibilities", "membership", "reporting")
        tor = services.tor_version_create(
            actor=self.actor,
            body=body,
            reason=_reason(item),
            meeting_frequency=_text(item.get("meeting_frequency")),
            **{name: _text(item.get(name)) for name in fields},
        )
        if tor.version != item["version"]:
            raise ValueError(f"{body}: terms of reference must be listed in version order.")
        approved_on: dt.date | None = item.get("approved_on")
        if approved_on:
            services.tor_version_approve(
                actor=self.actor,
                tor=tor,
                approved_on=approved_on,
                approved_by=self.bodies[item["approved_by"]],
                reason=_reason(item),
            )
