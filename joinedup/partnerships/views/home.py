"""A partnership's pages that show what the apps above core hold: its home, the history of a
record, the public page (URL names stay in the "core" namespace: see config/urls.py)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from joinedup.accounts import selectors as people_selectors
from joinedup.accounts.models import PartnershipRole, User
from joinedup.accounts.services import may_manage
from joinedup.core.actors import Actor
from joinedup.core.audit import history_for
from joinedup.core.decorators import partnership_view
from joinedup.core.models import AuditEntry, GovernedModel, Partnership
from joinedup.core.permissions import can_administer, can_view, roles_in, scope, scope_public
from joinedup.partnerships.models import Body, Partner

RECENT_CHANGES = 10


def _recent_changes(user: Actor, partnership: Partnership) -> QuerySet[AuditEntry] | None:
    # Entries can name restricted or exempt records, so only programme officers (who see every
    # record of the partnership) get the feed; others see changes on each record's own page.
    if not can_administer(user, partnership):
        return None
    return AuditEntry.objects.filter(partnership=partnership).select_related("content_type")[
        :RECENT_CHANGES
    ]


@partnership_view
def partnership_home(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    user = request.user
    role_labels = dict(PartnershipRole.Role.choices)
    context = {
        "partners_count": scope(Partner.objects.filter(partnership=partnership), user).count(),
        "bodies_count": scope(Body.objects.filter(partnership=partnership), user).count(),
        "people_count": people_selectors.person_list_for_partnership(
            user=user, partnership=partnership
        ).count(),
        "my_roles": sorted(role_labels[r] for r in roles_in(user, partnership.pk)),
        "recent_changes": _recent_changes(user, partnership),
    }
    return render(request, "core/partnership_home.html", context)


def _resolve(model_label: str, pk: str) -> Model:
    try:
        model = apps.get_model(model_label)
        obj = model._default_manager.filter(pk=pk).first()
    except (LookupError, ValueError, ValidationError) as error:
        raise Http404("Not found") from error
    if obj is None:
        raise Http404("Not found")
    return obj


def _visible_history(request: HttpRequest, partnership: Partnership, obj: Model) -> Any:
    """The history entries for `obj`, or a 404 if the user may not see it here."""
    user = request.user
    if isinstance(obj, GovernedModel):
        if obj.partnership_id != partnership.pk or not can_view(user, obj):
            raise Http404("Not found")
        return history_for(obj)
    if isinstance(obj, Partnership):
        if obj.pk != partnership.pk or not can_administer(user, partnership):
            raise Http404("Not found")
        return history_for(obj)
    if isinstance(obj, User):
        person = _manageable_person(request, partnership, obj)
        return _person_history(person, partnership)
    if isinstance(obj, PartnershipRole):
        # A role is part of its person's record: those who may read theirs may read it.
        if obj.partnership_id != partnership.pk:
            raise Http404("Not found")
        _manageable_person(request, partnership, obj.user)
        return history_for(obj)
    parent = _history_parent(obj)
    if parent is not None:
        # A record with no confidentiality of its own is exactly as visible as its parent.
        if getattr(obj, "partnership_id", None) != partnership.pk:
            raise Http404("Not found")
        _visible_history(request, partnership, parent)
        return history_for(obj)
    raise Http404("Not found")


def _history_parent(obj: Model) -> Model | None:
    """The governed record a plain one hangs from (`history_parent` names the field)."""
    name = getattr(obj.__class__, "history_parent", None)
    return getattr(obj, name, None) if name else None


def _manageable_person(request: HttpRequest, partnership: Partnership, obj: User) -> User:
    """The person, if the reader is them or may manage them in this partnership; else 404."""
    user = request.user
    person = people_selectors.person_in_partnership_or_404(
        user=user, partnership=partnership, pk=obj.pk
    )
    if person.pk != user.pk and not may_manage(user, partnership, person):
        raise Http404("Not found")
    return person


def _person_history(person: User, partnership: Partnership) -> QuerySet[AuditEntry]:
    """The person's own changes and those of their roles in this partnership."""
    role_ids = [
        str(pk)
        for pk in person.partnership_roles.filter(partnership=partnership).values_list(
            "pk", flat=True
        )
    ]
    own = history_for(person)
    return AuditEntry.objects.filter(
        Q(pk__in=own.values("pk"))
        | Q(
            content_type__model="partnershiprole",
            content_type__app_label="accounts",
            object_id__in=role_ids,
        )
    ).select_related("actor", "content_type")


@partnership_view
def history(request: HttpRequest, partnership: Partnership, model: str, pk: str) -> HttpResponse:
    obj = _resolve(model, pk)
    entries = _visible_history(request, partnership, obj)
    return render(request, "core/history.html", {"object": obj, "entries": entries})


def public_partnership(request: HttpRequest, slug: str) -> HttpResponse:
    """Open to anyone: the partnership's name and its public partners and bodies, nothing else."""
    partnership = get_object_or_404(Partnership, slug=slug)
    partners = scope_public(Partner.objects.filter(partnership=partnership)).select_related(
        "organisation"
    )
    bodies = scope_public(Body.objects.filter(partnership=partnership))
    context = {"public_partnership": partnership, "partners": partners, "bodies": bodies}
    return render(request, "core/public_partnership.html", context)
