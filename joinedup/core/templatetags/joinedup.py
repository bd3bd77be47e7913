"""Joined-Up template helpers: confidentiality tags, history links, the current nav section.

{% load joinedup %}
{% confidentiality_tag obj %}        GOV.UK tag for obj.confidentiality (or a level string)
{% history_url obj %}                URL of the object's history page (or "" if it has none)
{% nav_section as section %}         "home", "partners", "bodies", "programme", "risks", "people"
                                     or ""
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Model
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from joinedup.core.models import Confidentiality, ExemptParagraph

register = template.Library()

_TAG_STYLE = {
    Confidentiality.PUBLIC: ("Public", "govuk-tag--green"),
    Confidentiality.PARTNERSHIP: ("Partnership", "govuk-tag--blue"),
    Confidentiality.RESTRICTED: ("Restricted", "govuk-tag--orange"),
    Confidentiality.EXEMPT: ("Exempt", "govuk-tag--red"),
}


@register.simple_tag
def confidentiality_tag(obj: Any) -> SafeString:
    """A coloured GOV.UK tag for a record's confidentiality level (with the exempt paragraph)."""
    level = getattr(obj, "confidentiality", obj)
    text, css = _TAG_STYLE.get(level, (str(level or "Unknown").title(), "govuk-tag--grey"))
    title = Confidentiality(level).label if level in Confidentiality.values else text
    paragraph = getattr(obj, "exempt_paragraph", None)
    if level == Confidentiality.EXEMPT and paragraph:
        text = f"Exempt, para {paragraph}"
        title = ExemptParagraph(paragraph).label
    return format_html(
        '<strong class="govuk-tag {}" title="{}"><span class="govuk-visually-hidden">'
        "Confidentiality: </span>{}</strong>",
        css,
        title,
        text,
    )


@register.simple_tag
def history_url(obj: Model, partnership: Any = None) -> str:
    """The history page of a record in its partnership ("" when it belongs to none)."""
    target = partnership or getattr(obj, "partnership", None)
    if target is None or obj.pk is None:
        return ""
    label = f"{obj._meta.app_label}.{obj._meta.model_name}"
    try:
        return reverse("core:history", args=[target.slug, label, str(obj.pk)])
    except NoReverseMatch:
        return ""


_SECTIONS = {
    "core:partnership_home": "home",
}


@register.simple_tag(takes_context=True)
def nav_section(context: template.Context) -> str:
    """Which item of the partnership menu the current page belongs to."""
    if "nav_section" in context:
        return str(context["nav_section"])
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.view_name in _SECTIONS:
        return _SECTIONS[match.view_name]
    if match.namespace == "accounts":
        return "people"
    if match.namespace in ("programme", "risks", "meetings"):
        return match.namespace
    if match.namespace == "partnerships":
        return "partners" if match.url_name.startswith("partner") else "bodies"
    return ""


@register.inclusion_tag("core/_partials/recent_history.html")
def recent_history(obj: Model, partnership: Any = None, limit: int = 3) -> dict[str, Any]:
    """The record's latest changes (who, when, which fields) with a link to its full history."""
    from joinedup.core.audit import history_for

    return {
        "entries": list(history_for(obj)[:limit]),
        "history_href": history_url(obj, partnership),
    }


@register.filter
def change_label(entry: Any, name: str) -> str:
    """The label of a field an audit entry changed ("Current consequence", not the raw name)."""
    from django.contrib.contenttypes.models import ContentType

    from joinedup.core.audit import field_label

    # get_for_id is cached: no query per entry.
    model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
    return field_label(model, str(name))
