"""`joinedup createuser`, `joinedup token` and `joinedup deactivate`: add a person, give them
an API token, stop them.

The command line acts as the system (history entries say "system"): whoever can run it
already administers the installation. `joinedup deactivate --as USERNAME` acts as that person
instead, with their rights (joinedup.accounts.permissions): an officer may end a person's roles
in their partnership, but only a superuser (or the system) deactivates a whole account.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from joinedup.cli.errors import refused, usage
from joinedup.cli.main import app

REASON_CREATE = "Created with `joinedup createuser`"
REASON_TOKEN = "Issued with `joinedup token`"
ActAs = Annotated[
    str | None,
    typer.Option("--as", help="Act as this username, with their rights (default: the system)."),
]


def _fail(message: str) -> typer.Exit:
    # Refused (exit 1); an unknown record or bad usage is `usage(...)` (exit 2): cli/errors.py.
    return refused(message)


def _messages(error: Any) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
    return " ".join(error.messages)


@app.command("createuser")
def createuser(
    username: Annotated[str, typer.Argument(help="Sign-in name, e.g. leader-of-the-council.")],
    organisation: Annotated[
        str, typer.Option("--organisation", help="Slug of the organisation they work for.")
    ],
    partnership: Annotated[
        str | None, typer.Option("--partnership", help="Slug of a partnership to give a role in.")
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            help="Role in that partnership: programme_officer, board_member, partner_lead, "
            "contributor or viewer.",
        ),
    ] = None,
    role_title: Annotated[
        str, typer.Option("--role-title", help='Their post, e.g. "Chief Executive".')
    ] = "",
    password: Annotated[
        str | None,
        typer.Option("--password", help="Password; without one they cannot sign in yet."),
    ] = None,
) -> None:
    """Add a person to an organisation, optionally with a role in a partnership."""
    from django.core.exceptions import ValidationError
    from django.db import transaction

    org = _find_organisation(organisation)
    grant_in = _find_partnership_and_role(partnership, role, org)
    try:
        with transaction.atomic():
            user = _create_person(username, org, role_title, password)
            if grant_in is not None:
                _grant_role(user, grant_in, role or "", org)
    except ValidationError as error:
        raise _fail(_messages(error)) from error
    typer.echo(f"Created {user.username} ({user.display_name}, {org}).")
    if grant_in is not None:
        typer.echo(f"Role: {str(role).replace('_', ' ')} in {grant_in}.")
    if password is None:
        typer.echo(
            f"No password set: {user.username} cannot sign in until one is set "
            f"(joinedup manage changepassword {user.username})."
        )


def _find_organisation(slug: str) -> Any:
    from joinedup.accounts.models import Organisation

    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        raise usage(f"No organisation with slug {slug!r}.")
    return found


def _find_partnership_and_role(slug: str | None, role: str | None, org: Any) -> Any:
    from joinedup.accounts.models import PartnershipRole
    from joinedup.core.models import Partnership
    from joinedup.partnerships.lookups import organisation_belongs

    if slug is None and role is None:
        return None
    if slug is None or role is None:
        raise usage("Give --partnership and --role together.")
    if role not in PartnershipRole.Role.values:
        choices = ", ".join(PartnershipRole.Role.values)
        raise usage(f"Unknown role {role!r}. Choose one of: {choices}.")
    partnership = Partnership.objects.filter(slug=slug).first()
    if partnership is None:
        raise usage(f"No partnership with slug {slug!r}.")
    if not organisation_belongs(partnership, org):  # the lookup the pages and API use
        raise _fail(f"{org} is not a partner of {partnership}.")
    return partnership


def _create_person(username: str, org: Any, role_title: str, password: str | None) -> Any:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from joinedup.accounts.models import User
    from joinedup.core.audit import audited_save

    if User.objects.filter(username=username).exists():
        raise _fail(f"A person with username {username!r} already exists.")
    user = User(username=username, organisation=org, role_title=role_title)
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise _fail("Password: " + " ".join(error.messages)) from error
        user.set_password(password)
    audited_save(user, actor=None, reason=REASON_CREATE)
    return user


def _grant_role(user: Any, partnership: Any, role: str, org: Any) -> None:
    from joinedup.accounts.models import PartnershipRole
    from joinedup.core.audit import audited_save

    grant = PartnershipRole(user=user, partnership=partnership, role=role, organisation=org)
    audited_save(grant, actor=None, reason=REASON_CREATE)


@app.command("token")
def token(
    username: Annotated[str, typer.Argument(help="Whose token it is.")],
    name: Annotated[
        str, typer.Option("--name", help="A label, to tell tokens apart when revoking.")
    ] = "default",
) -> None:
    """Issue a new API token and print it once (only a hash is kept)."""
    from django.db import transaction

    from joinedup.accounts.models import ApiToken, User
    from joinedup.core.audit import write_entry
    from joinedup.core.models import AuditEntry

    user = User.objects.filter(username=username).first()
    if user is None:
        raise usage(f"No person with username {username!r}.")
    if not user.is_active:
        raise _fail(f"{username} is deactivated; reactivate them before issuing a token.")
    with transaction.atomic():
        issued, raw = ApiToken.issue(user=user, name=name)
        # The history names the token by its prefix; the secret and its hash stay out of it.
        changes = {"user": [None, str(user)], "name": [None, name], "prefix": [None, issued.prefix]}
        write_entry(
            issued,
            action=AuditEntry.Action.CREATE,
            changes=changes,
            actor=None,
            reason=REASON_TOKEN,
        )
    typer.echo(
        f"API token {name!r} for {username} (shown once; send as 'Authorization: Bearer <token>'):",
        err=True,
    )
    typer.echo(raw)


@app.command("deactivate")
def deactivate(
    username: Annotated[str, typer.Argument(help="Whom to deactivate.")],
    reason: Annotated[str, typer.Option("--reason", help="Why (kept in the history).")],
    partnership: Annotated[
        str | None,
        typer.Option(
            "--partnership",
            help="End their roles in this partnership only; without it, deactivate the whole "
            "account (administrators only).",
        ),
    ] = None,
    act_as: ActAs = None,
) -> None:
    """End a person's roles in one partnership, or deactivate their whole account."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from joinedup.accounts import services

    actor = _act_as(act_as)
    try:
        if partnership is None:
            person = _find_person(username)
            services.user_deactivate(actor=actor, user=person, reason=reason)
            typer.echo(f"{username} can no longer sign in; their API tokens are revoked.")
            return
        found = _find_member_partnership(partnership, actor)
        person = _find_person(username, partnership=found, actor=actor)
        ended = services.person_deactivate_in_partnership(
            actor=actor, partnership=found, person=person, reason=reason
        )
    except PermissionDenied as error:
        raise _fail(str(error) or "You may not do that.") from error
    except ValidationError as error:
        raise _fail(_messages(error)) from error
    typer.echo(f"Ended {len(ended)} role(s) of {username} in {found}; their account is unchanged.")


def _act_as(username: str | None) -> Any:
    from joinedup.accounts.models import User
    from joinedup.core.actors import SystemActor

    if username is None:
        return SystemActor()
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise usage(f"No active person with username {username!r}.")
    return user


def _find_person(username: str, *, partnership: Any = None, actor: Any = None) -> Any:
    """The person; with a partnership, only one the actor may see there (else not found)."""
    from django.http import Http404

    from joinedup.accounts.models import User
    from joinedup.accounts.selectors import person_in_partnership_or_404

    person = User.objects.filter(username=username).first()
    if person is not None and partnership is not None:
        try:
            person_in_partnership_or_404(user=actor, partnership=partnership, pk=person.pk)
        except Http404:
            person = None
    if person is None:
        where = f" in {partnership}" if partnership is not None else ""
        raise usage(f"No person with username {username!r}{where}.")
    return person


def _find_member_partnership(slug: str, actor: Any) -> Any:
    from joinedup.core.models import Partnership
    from joinedup.core.permissions import is_member

    found = Partnership.objects.filter(slug=slug).first()
    # A partnership the actor does not belong to is answered as one that does not exist.
    if found is None or not is_member(actor, found):
        raise usage(f"No partnership with slug {slug!r}.")
    return found
