"""GOV.UK Frontend markup for Django form fields, used by templates/govuk/forms/*.html.

Widgets are drawn with Django's own widget templates (through a DjangoTemplates renderer, so
they are found whether or not `django.forms` is an installed app) and given GOV.UK classes,
error states and `aria-describedby` links to the hint and error message.
"""

from __future__ import annotations

import copy
from typing import Any

from django import forms, template
from django.forms.renderers import DjangoTemplates
from django.forms.widgets import Input
from django.utils.safestring import SafeString, mark_safe

register = template.Library()
_WIDGET_RENDERER = DjangoTemplates()

_TEXT_TYPES = {"text", "email", "number", "url", "password", "tel", "search", "date", "time"}


def kind_of(field: forms.BoundField) -> str:
    """The GOV.UK component that suits the field's widget."""
    widget = field.field.widget
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, Input) and widget.input_type in _TEXT_TYPES:
        return "input"
    return "other"


@register.filter
def govuk_kind(field: forms.BoundField) -> str:
    return kind_of(field)


@register.filter
def govuk_anchor(field: forms.BoundField) -> str:
    """The id the error summary links to: the input itself, or the first option of a group."""
    if kind_of(field) in ("radios", "checkboxes"):
        return f"{field.auto_id}_0" if field.auto_id else ""
    return field.id_for_label or field.auto_id or ""


_OPTIONAL = "(optional)"


def _bare_label(field: forms.BoundField) -> str:
    label = str(field.label or "").strip()
    if label.casefold().endswith(_OPTIONAL):
        label = label[: -len(_OPTIONAL)].rstrip()
    return label


@register.filter
def govuk_label(field: forms.BoundField) -> str:
    """The field's label, marked "(optional)" once when the field is not required (some forms
    already write it into the label)."""
    label = _bare_label(field)
    return label if field.field.required else f"{label} {_OPTIONAL}"


@register.filter
def govuk_summary_error(error: Any, field: forms.BoundField) -> str:
    """An error as the error summary lists it: naming the field unless the message does
    ("Title: This field is required.")."""
    message, label = str(error), _bare_label(field)
    if not label or label.casefold() in message.casefold():
        return message
    return f"{label}: {message}"


@register.filter
def govuk_hint_id(field: forms.BoundField) -> str:
    return f"{field.auto_id}-hint"


@register.filter
def govuk_error_id(field: forms.BoundField) -> str:
    return f"{field.auto_id}-error"


def described_by(field: forms.BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


def _classes(field: forms.BoundField, kind: str, widget: forms.Widget) -> str:
    base = {
        "input": "govuk-input",
        "textarea": "govuk-textarea",
        "select": "govuk-select",
        "file": "govuk-file-upload",
    }.get(kind, "")
    if not base:
        return str(widget.attrs.get("class", ""))
    classes = [base]
    if kind == "input" and getattr(widget, "input_type", "") == "date":
        classes.append("govuk-input--width-10")
    if field.errors:
        classes.append(f"{base}--error")
    extra = widget.attrs.get("class")
    if extra:
        classes.append(str(extra))
    return " ".join(classes)


def _widget_for(field: forms.BoundField) -> forms.Widget:
    widget = field.field.widget
    # A plain DateInput becomes the browser's accessible date picker, which submits ISO dates.
    if type(widget) is forms.DateInput and widget.input_type == "text":
        widget = copy.deepcopy(widget)
        widget.input_type = "date"
        widget.format = "%Y-%m-%d"
    return widget


@register.simple_tag
def govuk_widget(field: forms.BoundField) -> SafeString:
    """The field's input, textarea or select with GOV.UK classes and error state."""
    widget = _widget_for(field)
    kind = kind_of(field)
    attrs: dict[str, Any] = {"class": _classes(field, kind, widget)}
    if ids := described_by(field):
        attrs["aria-describedby"] = ids
    attrs = field.build_widget_attrs(attrs, widget)
    # GOV.UK validates on the server, so the browser's own pop-up messages are left out.
    attrs.pop("required", None)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    if kind == "select" and getattr(widget, "allow_multiple_selected", False):
        attrs["class"] = str(attrs["class"]).replace(
            "govuk-select", "govuk-select app-select-multiple"
        )
    html = widget.render(
        name=field.html_name, value=field.value(), attrs=attrs, renderer=_WIDGET_RENDERER
    )
    return mark_safe(html)  # noqa: S308 - Django's widget templates escape every value


@register.filter
def govuk_is_checked(field: forms.BoundField) -> bool:
    """Is a single checkbox ticked (from submitted data or the initial value)?"""
    return bool(field.field.widget.check_test(field.value()))
