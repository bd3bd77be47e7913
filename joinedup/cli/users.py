"""`joinedup createuser` and `joinedup token`: add a person, give them an API token.

The command line acts as the system (history entries say "system"): whoever can run it
already administers the installation.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from joinedup.cli.main import app

REASON_CREATE = "Created with `joinedup createuser`"
REASON_TOKEN = "Issued with `joinedup token`"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(1)


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
        raise _fail(f"No organisation with slug {slug!r}.")
    return found


def _find_partnership_and_role(slug: str | None, role: str | None, org: Any) -> Any:
    from joinedup.accounts.models import PartnershipRole
    from joinedup.core.models import Partnership
    from joinedup.partnerships.models import Partner

    if slug is None and role is None:
        return None
    if slug is None or role is None:
        raise _fail("Give --partnership and --role together.")
    if role not in PartnershipRole.Role.values:
        choices = ", ".join(PartnershipRole.Role.values)
        raise _fail(f"Unknown role {role!r}. Choose one of: {choices}.")
    partnership = Partnership.objects.filter(slug=slug).first()
    if partnership is None:
        raise _fail(f"No partnership with slug {slug!r}.")
    if not Partner.objects.filter(partnership=partnership, organisation=org).exists():
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
        raise _fail(f"No person with username {username!r}.")
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
