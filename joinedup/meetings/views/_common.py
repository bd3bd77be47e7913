"""What the meetings pages share: lookups that 404 for the invisible, edit checks, redirects."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from joinedup.core import permissions
from joinedup.core.models import Partnership
from joinedup.core.views.helpers import form_page, paginate, require
from joinedup.meetings import selectors
from joinedup.meetings.models import AgendaItem, Decision, Meeting

__all__ = ["form_page", "item_or_404", "meeting_or_404", "paginate", "require", "url"]

FORM = "meetings/form.html"


def meeting_or_404(request: Any, partnership: Partnership, pk: int) -> Meeting:
    return selectors.meeting_get(user=request.user, partnership=partnership, pk=pk)


def item_or_404(request: Any, partnership: Partnership, pk: int, item_pk: int) -> AgendaItem:
    meeting = meeting_or_404(request, partnership, pk)
    return selectors.item_get(user=request.user, meeting=meeting, pk=item_pk)


def url(obj: Meeting | AgendaItem | Decision) -> str:
    """The page of a meeting, an item or a decision."""
    slug = obj.partnership.slug
    if isinstance(obj, Meeting):
        return reverse("meetings:meeting_detail", args=[slug, obj.pk])
    if isinstance(obj, AgendaItem):
        return reverse("meetings:item_detail", args=[slug, obj.meeting_id, obj.pk])
    return reverse("meetings:decision_detail", args=[slug, obj.pk])


def editable(request: Any, obj: Any) -> bool:
    return permissions.can_edit(request.user, obj)
