"""Forms for signing in and managing people. They only check input; services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from joinedup.accounts.models import Organisation, PartnershipRole, User


class SignInForm(AuthenticationForm):
    """Django's sign-in form with GOV.UK wording."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}
        )
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


class PersonForm(forms.Form):
    """A person's details and their role in this partnership."""

    username = forms.CharField(
        max_length=150,
        help_text="Letters, digits and @ . + - _ only. Used to sign in.",
        error_messages={"required": "Enter a username"},
    )
    role_title = forms.CharField(
        label="Role title",
        max_length=200,
        required=False,
        help_text='The post, for example "Director of Public Health"',
    )
    first_name = forms.CharField(label="First name", max_length=150, required=False)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.org"
        },
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        empty_label="Choose an organisation",
        error_messages={"required": "Choose the organisation the person works for"},
    )
    role = forms.ChoiceField(
        label="Role in this partnership",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the person's role in this partnership"},
    )
    password = forms.CharField(
        label="Initial password",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Leave empty if the person will not sign in (or to keep their password).",
    )

    def __init__(
        self,
        *args: Any,
        organisations: Any,
        roles: list[str],
        person: User | None = None,
        credentials: bool = True,
        details: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["organisation"].queryset = organisations
        # What the manager may not change is not offered (joinedup.accounts.permissions):
        # sign-in details belong to the person, and their details to them too once they
        # have a role beyond this partnership.
        if not credentials:
            for name in ("username", "email", "password"):
                del self.fields[name]
        if not details:
            for name in ("role_title", "first_name", "last_name", "organisation"):
                del self.fields[name]
        labels = dict(PartnershipRole.Role.choices)
        if roles:
            self.fields["role"].choices = [(r, labels[r]) for r in roles]
        else:
            # The person holds a role the manager cannot change: leave the role as it is.
            del self.fields["role"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        clash = User.objects.filter(username__iexact=username)
        if self.person is not None:
            clash = clash.exclude(pk=self.person.pk)
        if clash.exists():
            raise forms.ValidationError("That username is already taken. Choose another.")
        return username


class DeactivateForm(forms.Form):
    reason = forms.CharField(
        label="Why is this person being deactivated?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Enter why the person is being deactivated"},
        help_text="For example, they have left the organisation. This is kept in the history.",
    )
    everywhere = forms.BooleanField(
        label="Also deactivate their account, so they cannot sign in anywhere",
        required=False,
        help_text="Their roles in other partnerships stay, but they will not be able to use "
        "them. Only administrators see this choice.",
    )

    def __init__(self, *args: Any, account: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not account:
            del self.fields["everywhere"]


class AccountEmailForm(forms.Form):
    """The signed-in person's own e-mail address."""

    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.org"
        },
    )


class AccountPasswordForm(forms.Form):
    """The signed-in person's new password, after their current one."""

    current_password = forms.CharField(
        label="Current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your current password"},
    )
    new_password = forms.CharField(
        label="New password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a new password"},
        help_text="At least 8 characters, not a common password and not like your username.",
    )
    confirm_password = forms.CharField(
        label="New password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter the new password again"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        new, again = data.get("new_password"), data.get("confirm_password")
        if new and again and new != again:
            self.add_error("confirm_password", "The two new passwords are not the same")
        return data


class PeopleFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, empty_label="All organisations"
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
