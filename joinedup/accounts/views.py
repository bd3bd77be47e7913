"""Sign-in and the people pages of a partnership. Views only parse, call services, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from joinedup.accounts import selectors, services
from joinedup.accounts.forms import DeactivateForm, PeopleFilterForm, PersonForm, SignInForm
from joinedup.accounts.models import Organisation, User
from joinedup.core.decorators import partnership_view
from joinedup.core.models import Partnership

PAGE_SIZE = 25


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Sign-out is a POST (Django 5); it then goes to the sign-in page."""


@partnership_view
def people(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    orgs = selectors.organisations_of_people(user=request.user, partnership=partnership)
    filters = PeopleFilterForm(request.GET or None, organisations=orgs)
    org = filters.cleaned_data.get("organisation") if filters.is_valid() else None
    qs = selectors.person_list_for_partnership(
        user=request.user, partnership=partnership, organisation_id=org.pk if org else None
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page_obj": page,
        "people": page.object_list,
        "can_add": bool(services.grantable_roles(request.user, partnership)),
    }
    # One view serves the page and, for the htmx filter, just the table.
    if getattr(request, "htmx", False) and not request.htmx.boosted:
        return render(request, "accounts/_partials/people_table.html", context)
    return render(request, "accounts/people.html", context)


@partnership_view
def person_detail(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    person = selectors.person_in_partnership_or_404(
        user=request.user, partnership=partnership, pk=pk
    )
    may_manage = services.may_manage(request.user, partnership, person)
    context = {
        "person": person,
        "roles": selectors.roles_of_person(person=person, partnership=partnership),
        "memberships": selectors.body_memberships_of_person(
            user=request.user, person=person, partnership=partnership
        ),
        "may_manage": may_manage,
        "may_deactivate": may_manage and person.is_active and person.pk != request.user.pk,
    }
    return render(request, "accounts/person_detail.html", context)


def _organisations_for(user: Any, partnership: Partnership) -> QuerySet[Organisation]:
    allowed = services.grantable_organisation_ids(user, partnership)
    orgs = Organisation.objects.all()
    return orgs if allowed is None else orgs.filter(pk__in=allowed)


def _apply_errors(form: PersonForm | DeactivateForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@partnership_view
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    roles = services.grantable_roles(request.user, partnership)
    if not roles:
        raise PermissionDenied("You cannot add people to this partnership.")
    form = PersonForm(
        request.POST or None,
        organisations=_organisations_for(request.user, partnership),
        roles=roles,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_create(
                actor=request.user,
                partnership=partnership,
                **{k: data[k] for k in (*services.PERSON_FIELDS, "role", "password")},
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"{person.display_name} has been added.")
            return redirect("accounts:person_detail", slug=partnership.slug, pk=person.pk)
    return render(request, "accounts/person_form.html", {"form": form, "creating": True})


def _manageable_person(request: HttpRequest, partnership: Partnership, pk: int) -> User:
    person = selectors.person_in_partnership_or_404(
        user=request.user, partnership=partnership, pk=pk
    )
    if not services.may_manage(request.user, partnership, person):
        raise PermissionDenied("You cannot manage this person.")
    return person


@partnership_view
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    person = _manageable_person(request, partnership, pk)
    current = services.current_roles_qs(person, partnership).first()
    initial = {name: getattr(person, name) for name in services.PERSON_FIELDS}
    initial["role"] = current.role if current else None
    form = PersonForm(
        request.POST or None,
        initial=initial,
        person=person,
        organisations=_organisations_for(request.user, partnership),
        roles=services.grantable_roles(request.user, partnership),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # details and role change together, or not at all
                services.person_update(
                    actor=request.user,
                    partnership=partnership,
                    person=person,
                    password=data["password"],
                    **{k: data[k] for k in services.PERSON_FIELDS},
                )
                if data.get("role"):
                    services.partnership_role_set(
                        actor=request.user,
                        partnership=partnership,
                        person=person,
                        role=data["role"],
                    )
        except ValidationError as error:
            person.refresh_from_db()
            _apply_errors(form, error)
        else:
            messages.success(request, f"{person.display_name} has been updated.")
            return redirect("accounts:person_detail", slug=partnership.slug, pk=person.pk)
    context = {"form": form, "creating": False, "person": person}
    return render(request, "accounts/person_form.html", context)


@partnership_view
@require_http_methods(["GET", "POST"])
def person_deactivate(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    person = _manageable_person(request, partnership, pk)
    if person.pk == request.user.pk:
        raise PermissionDenied("You cannot deactivate yourself.")
    form = DeactivateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_deactivate(
                actor=request.user,
                user=person,
                reason=form.cleaned_data["reason"],
                partnership=partnership,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"{person.display_name} can no longer sign in.")
            return redirect("accounts:person_detail", slug=partnership.slug, pk=person.pk)
    return render(request, "accounts/person_deactivate.html", {"form": form, "person": person})
