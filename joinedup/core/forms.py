"""GOV.UK markup for Django forms, and putting a service's validation errors back on a form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"


def attach_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's validation errors on the form: by field where it has one, else on top."""
    for name, messages in exc.message_dict.items():
        target = name if name in form.fields and name != NON_FIELD_ERRORS else None
        form.add_error(target, messages)
