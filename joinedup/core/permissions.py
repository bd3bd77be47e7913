"""The one permission layer. Web pages, API, CLI and exports all ask these functions.

Policy (docs/adr/0003-access-policy.md):
- The workspace of a partnership is visible only to people with a current role in it; to
  everyone else every record of that partnership is a 404. Public records are also shown to
  anyone on the public pages.
- Inside the workspace: `public` and `partnership` records are visible to every member;
  `restricted` records to programme officers and people acting for a named organisation;
  `exempt` (Schedule 12A) records to programme officers and board members.
- Edit: programme officers edit every record they can see in their partnership; partner leads
  edit the records their own organisation owns; other roles do not edit governance records.
- Board members may also record reviews (of a risk, or of a whole register at a meeting):
  `can_record_review`.
- A record is never more visible than the record it lives in: a record that lives in another
  (a seat on a body, a risk in its register, an item in its meeting...) names it in
  `confidentiality_parent`, and one that links others (a reporting line between two bodies)
  names them in `visibility_depends_on`. It is visible (in the workspace and on the public
  pages) only if they are too, so its effective level is the most restrictive along the chain
  and a visible child never reveals a hidden parent (joinedup/core/confidentiality.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import rules
from django.db.models import Exists, ManyToManyField, Model, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from joinedup.core.actors import Actor
from joinedup.core.confidentiality import depends_on
from joinedup.core.models import Confidentiality, Partnership

Role = str
PROGRAMME_OFFICER = "programme_officer"
BOARD_MEMBER = "board_member"
PARTNER_LEAD = "partner_lead"
CONTRIBUTOR = "contributor"
VIEWER = "viewer"

_CACHE_ATTR = "_joinedup_roles"


def roles_by_partnership(user: Actor) -> dict[int, list[tuple[Role, int]]]:
    """{partnership id: [(role, organisation id), ...]} for the user's current roles (cached)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from joinedup.accounts.models import PartnershipRole

    today = timezone.localdate()
    rows = (
        PartnershipRole.objects.filter(user_id=user.pk)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=today))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .values_list("partnership_id", "role", "organisation_id")
    )
    result: dict[int, list[tuple[Role, int]]] = {}
    for pid, role, org_id in rows:
        result.setdefault(pid, []).append((role, org_id))
    setattr(user, _CACHE_ATTR, result)
    return result


def forget_roles(user: Actor) -> None:
    """Drop the cached roles after they change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def roles_in(user: Actor, partnership_id: int) -> set[Role]:
    return {role for role, _ in roles_by_partnership(user).get(partnership_id, [])}


def organisations_in(user: Actor, partnership_id: int, role: Role | None = None) -> set[int]:
    """Organisations the user acts for in the partnership (in one role, if given)."""
    return {
        org
        for held, org in roles_by_partnership(user).get(partnership_id, [])
        if role is None or held == role
    }


def led_organisations(user: Actor, partnership_id: int) -> set[int]:
    """Organisations the user is partner lead for: the only ones whose records they may edit."""
    return organisations_in(user, partnership_id, PARTNER_LEAD)


def is_superuser(user: Actor) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active)


def is_member(user: Actor, partnership: Partnership | int) -> bool:
    pid = partnership if isinstance(partnership, int) else partnership.pk
    return is_superuser(user) or pid in roles_by_partnership(user)


def has_role(user: Actor, partnership: Partnership | int, *wanted: Role) -> bool:
    pid = partnership if isinstance(partnership, int) else partnership.pk
    return is_superuser(user) or bool(roles_in(user, pid) & set(wanted))


def _restricted_orgs(obj: Any) -> set[int]:
    if not obj.pk:
        return set()
    return set(obj.restricted_to.values_list("pk", flat=True))


def _parents(obj: Any) -> list[Any]:
    """The records this one hangs from (a seat's body...): it is visible only if they are."""
    names = depends_on(obj.__class__)
    return [parent for name in names if (parent := getattr(obj, name)) is not None]


def _parents_q(model: type[Model], visible: Any) -> Q:
    """Rows of `model` whose parents are all in `visible(parent model)` (a nullable parent
    left empty does not hide the row)."""
    q = Q()
    for name in depends_on(model):
        field = model._meta.get_field(name)
        shown = Q(**{f"{name}__in": visible(field.related_model).values("pk")})
        q &= (shown | Q(**{f"{name}__isnull": True})) if field.null else shown
    return q


def can_view(user: Actor, obj: Any) -> bool:
    """May the user see this governed record in the workspace?"""
    if is_superuser(user):
        return True
    if not all(can_view(user, parent) for parent in _parents(obj)):
        return False
    pid = obj.partnership_id
    if pid not in roles_by_partnership(user):
        return False
    level = obj.confidentiality
    roles = roles_in(user, pid)
    if PROGRAMME_OFFICER in roles or level in (Confidentiality.PUBLIC, Confidentiality.PARTNERSHIP):
        return True
    if level == Confidentiality.EXEMPT:
        return BOARD_MEMBER in roles
    if level == Confidentiality.RESTRICTED:
        return bool(_restricted_orgs(obj) & organisations_in(user, pid))
    return False


def can_view_public(obj: Any) -> bool:
    """May anyone, signed in or not, see this record (and every record it hangs from) on the
    public pages?"""
    return obj.confidentiality == Confidentiality.PUBLIC and all(
        can_view_public(parent) for parent in _parents(obj)
    )


def owning_organisation_id(obj: Any) -> int | None:
    """The organisation whose partner lead may edit the record (None: the partnership's own)."""
    getter = getattr(obj, "owning_organisation_id", None)
    return getter() if callable(getter) else None


def can_edit(user: Actor, obj: Any) -> bool:
    """May the user change (or delete) this governed record?"""
    if not can_view(user, obj):
        return False
    if has_role(user, obj.partnership_id, PROGRAMME_OFFICER):
        return True
    owner = owning_organisation_id(obj)
    return owner is not None and owner in led_organisations(user, obj.partnership_id)


def can_record_review(user: Actor, obj: Any) -> bool:
    """May the user record a review of this record (a risk or a whole register)?

    Those who may edit it, and board members: reviewing the risk register is the board's and
    the steering group's own business (seed 000: "reviewed at each meeting").
    """
    return can_edit(user, obj) or (
        can_view(user, obj) and has_role(user, obj.partnership_id, BOARD_MEMBER)
    )


def can_create_in(
    user: Actor, partnership: Partnership, organisation_id: int | None = None
) -> bool:
    """May the user add a governance record to the partnership (for the given organisation)?"""
    if has_role(user, partnership, PROGRAMME_OFFICER):
        return True
    return organisation_id is not None and organisation_id in led_organisations(
        user, partnership.pk
    )


def can_administer(user: Actor, partnership: Partnership) -> bool:
    return has_role(user, partnership, PROGRAMME_OFFICER)


def can_manage_person(user: Actor, partnership: Partnership, person: Any) -> bool:
    """Programme officers manage everyone; partner leads manage people of their organisation."""
    if has_role(user, partnership, PROGRAMME_OFFICER):
        return True
    return person.organisation_id in led_organisations(user, partnership.pk)


def visible_q(user: Actor, model: type[Model]) -> Q:
    """A filter for `model` rows the user may see in the workspace (the list form of can_view)."""
    if is_superuser(user):
        return Q()
    by_pid = roles_by_partnership(user)
    if not by_pid:
        return Q(pk__in=[])
    open_levels = [Confidentiality.PUBLIC, Confidentiality.PARTNERSHIP]
    q = Q(partnership_id__in=list(by_pid), confidentiality__in=open_levels)
    officer = [pid for pid, rs in by_pid.items() if any(r == PROGRAMME_OFFICER for r, _ in rs)]
    board = [pid for pid, rs in by_pid.items() if any(r == BOARD_MEMBER for r, _ in rs)]
    q |= Q(partnership_id__in=officer)
    q |= Q(partnership_id__in=board, confidentiality=Confidentiality.EXEMPT)
    restricted_to = model._meta.get_field("restricted_to")
    assert isinstance(restricted_to, ManyToManyField)  # GovernedModel declares it so
    through = restricted_to.remote_field.through
    assert through is not None  # the join table, made by django when the models load
    owner_col = f"{model._meta.model_name}_id"
    for pid, rs in by_pid.items():
        orgs = {org for _, org in rs}
        allowed = through._default_manager.filter(
            **{owner_col: OuterRef("pk"), "organisation_id__in": orgs}
        )
        q |= Q(partnership_id=pid, confidentiality=Confidentiality.RESTRICTED) & Q(Exists(allowed))
    return q & _parents_q(model, lambda parent: scope(parent._default_manager.all(), user))


def scope(qs: QuerySet, user: Actor) -> QuerySet:
    """Only the rows of `qs` the user may see."""
    return qs.filter(visible_q(user, qs.model))


def public_q(model: type[Model]) -> Q:
    """A filter for `model` rows shown on the public pages: public, in public parents."""
    return Q(confidentiality=Confidentiality.PUBLIC) & _parents_q(
        model, lambda parent: scope_public(parent._default_manager.all())
    )


def scope_public(qs: QuerySet) -> QuerySet:
    return qs.filter(public_q(qs.model))


def get_visible_or_404(qs: QuerySet, user: Actor, **lookup: Any) -> Any:
    """The one row matching `lookup` that the user may see, else 404 (never 403)."""
    obj = scope(qs, user).filter(**lookup).first()
    if obj is None:
        raise Http404("Not found")
    return obj


def partnership_for_member_or_404(user: Actor, slug: str) -> Partnership:
    """The partnership with this slug if the user belongs to it; otherwise a 404."""
    partnership = Partnership.objects.filter(slug=slug).first()
    if partnership is None or not is_member(user, partnership):
        raise Http404("Not found")
    return partnership


def partnerships_for(user: Actor) -> Iterable[Partnership]:
    if is_superuser(user):
        return Partnership.objects.all()
    return Partnership.objects.filter(pk__in=list(roles_by_partnership(user)))


# The same predicates, registered with `rules` so templates and has_perm() use them too.
rules.add_perm("joinedup.view_record", rules.predicate(can_view))
rules.add_perm("joinedup.change_record", rules.predicate(can_edit))
