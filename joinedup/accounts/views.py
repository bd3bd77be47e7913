"""Sign-in and the people pages of a partnership. Views only parse, call services, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from joinedup.accounts import permissions, selectors, services
from joinedup.accounts.forms import (
    AccountEmailForm,
    AccountPasswordForm,
    DeactivateForm,
    PeopleFilterForm,
    PersonForm,
    SignInForm,
)
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
    may_manage = permissions.may_manage(request.user, partnership, person)
    roles = selectors.roles_of_person(person=person, partnership=partnership)
    today = timezone.localdate()
    open_roles = any(g.end_date is None or g.end_date >= today for g in roles)
    account = permissions.can_set_active(request.user, person) and person.is_active
    context = {
        "person": person,
        "roles": roles,
        "memberships": selectors.body_memberships_of_person(
            user=request.user, person=person, partnership=partnership
        ),
        "may_manage": may_manage,
        "may_deactivate": may_manage and person.pk != request.user.pk and (open_roles or account),
    }
    return render(request, "accounts/person_detail.html", context)


def _organisations_for(user: Any, partnership: Partnership) -> QuerySet[Organisation]:
    allowed = services.grantable_organisation_ids(user, partnership)
    orgs = Organisation.objects.all()
    return orgs if allowed is None else orgs.filter(pk__in=allowed)


def _apply_errors(form: Any, error: ValidationError) -> None:
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
    if not permissions.may_manage(request.user, partnership, person):
        raise PermissionDenied("You cannot manage this person.")
    return person


@partnership_view
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    person = _manageable_person(request, partnership, pk)
    current = selectors.current_roles_qs(person, partnership).first()
    initial = {name: getattr(person, name) for name in services.PERSON_FIELDS}
    initial["role"] = current.role if current else None
    form = PersonForm(
        request.POST or None,
        initial=initial,
        person=person,
        organisations=_organisations_for(request.user, partnership),
        roles=services.grantable_roles(request.user, partnership),
        credentials=permissions.can_manage_credentials(request.user, person, partnership),
        details=permissions.can_edit_person_details(request.user, partnership, person),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # details and role change together, or not at all
                services.person_update(
                    actor=request.user,
                    partnership=partnership,
                    person=person,
                    password=data.get("password"),
                    # Only the fields offered: the others are not the manager's to change.
                    **{k: data[k] for k in services.PERSON_FIELDS if k in form.fields},
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
    """End the person's roles in this partnership; an administrator may also deactivate the
    whole account."""
    person = _manageable_person(request, partnership, pk)
    if person.pk == request.user.pk:
        raise PermissionDenied("You cannot deactivate yourself.")
    account = permissions.can_set_active(request.user, person) and person.is_active
    form = DeactivateForm(request.POST or None, account=account)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            with transaction.atomic():
                services.person_deactivate_in_partnership(
                    actor=request.user, partnership=partnership, person=person, reason=reason
                )
                if form.cleaned_data.get("everywhere"):
                    services.user_deactivate(actor=request.user, user=person, reason=reason)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            if form.cleaned_data.get("everywhere"):
                done = "can no longer sign in"
            else:
                done = f"no longer has a role in {partnership.name}"
            messages.success(request, f"{person.display_name} {done}.")
            return redirect("accounts:person_detail", slug=partnership.slug, pk=person.pk)
    context = {"form": form, "person": person, "account": account}
    return render(request, "accounts/person_deactivate.html", context)


# ---------------------------------------------------------------- your account


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own account: their sign-in details, and links to change them."""
    return render(request, "accounts/account.html", {"person": request.user})


@login_required
@require_http_methods(["GET", "POST"])
def account_email(request: HttpRequest) -> HttpResponse:
    person = request.user
    form = AccountEmailForm(request.POST or None, initial={"email": person.email})
    if request.method == "POST" and form.is_valid():
        try:
            services.account_email_change(
                actor=person, person=person, email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            person.refresh_from_db()
            _apply_errors(form, error)
        else:
            messages.success(request, "Your email address has been changed.")
            return redirect("accounts:account")
    context = {"form": form, "title": "Change your email address", "button": "Save email address"}
    return render(request, "accounts/account_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def account_password(request: HttpRequest) -> HttpResponse:
    person = request.user
    form = AccountPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.account_password_change(
                actor=person,
                person=person,
                current_password=data["current_password"],
                new_password=data["new_password"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            # Keep this session signed in; the person's other sessions end with the old password.
            update_session_auth_hash(request, person)
            messages.success(request, "Your password has been changed.")
            return redirect("accounts:account")
    context = {"form": form, "title": "Change your password", "button": "Change password"}
    return render(request, "accounts/account_form.html", context)
