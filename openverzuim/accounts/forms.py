from __future__ import annotations

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from openverzuim.core.forms import DateField, form_field

from .models import Department, Organisation
from .policies import grantable_roles, may_grant
from .roles import Role


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None
    )
    # Only the roles the inviter may grant (policies.GRANTABLE). An employee's login must be
    # linked to their employee record, or the portal shows them nothing: they are invited from
    # that record's page (cases:employee_invite), and no one grants that role here.
    role = forms.ChoiceField(
        label=_("Role"),
        choices=(),
        help_text=_("Employees are invited from their employee page."),
        error_messages={
            "invalid_choice": _(
                "Choose one of the roles listed. Employees are invited from their employee page."
            )
        },
    )
    department: forms.ModelChoiceField[Department] = forms.ModelChoiceField(
        label=_("Department"),
        queryset=None,
        required=False,
        help_text=_("For a line manager: the team whose cases they see."),
    )

    def __init__(self, *args, organisations, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        form_field(self, "organisation", forms.ModelChoiceField).queryset = organisations
        form_field(self, "department", forms.ModelChoiceField).queryset = Department.objects.filter(
            organisation__in=organisations
        )
        offered = set().union(*(grantable_roles(user, o) for o in organisations))
        form_field(self, "role", forms.ChoiceField).choices = [
            c for c in Role.choices if c[0] in offered
        ]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        organisation, role = data.get("organisation"), data.get("role")
        if organisation and role and not may_grant(self.user, role, organisation):
            self.add_error(
                "role",
                _("You cannot give this role at %(organisation)s.")
                % {"organisation": organisation},
            )
        return data


class AuditFilterForm(forms.Form):
    person = forms.CharField(label=_("Person"), required=False)
    case = forms.IntegerField(label=_("Case number"), required=False, min_value=1)
    date_from = DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = DateField(
        label=_("Up to and including"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date lies before the start date."))
        return data


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class SecondFactorForm(forms.Form):
    """At login and re-authentication: the authenticator's code, or one of the recovery codes."""

    token = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none"}),
    )


class ReauthenticateForm(SecondFactorForm):
    """The password again, and the authenticator code for a user who has set one up."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    field_order = ["password", "token"]

    def __init__(self, *args, needs_token: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not needs_token:
            del self.fields["token"]


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """The current password is checked like a login (through authenticate() with the request), so
    that django-axes counts a wrong one and stops a guesser who found a session left open."""

    def __init__(self, user, *args, request, **kwargs) -> None:
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        if (
            authenticate(self.request, username=self.user.get_username(), password=old_password)
            is None
        ):
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class ArbodienstForm(forms.Form):
    """The arbodienst that serves an employer, and from when (accounts.services.arbodienst_set)."""

    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Employer"), queryset=None
    )
    arbodienst = forms.ModelChoiceField(
        label=_("Occupational health service"),
        required=False,
        empty_label=_("none"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.ARBODIENST),
    )
    served_since = DateField(
        label=_("Serves you since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "organisation", forms.ModelChoiceField).queryset = organisations


class ClientForm(forms.Form):
    """A new client employer of an arbodienst, and the person who will administer it."""

    arbodienst: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Occupational health service"), queryset=None, empty_label=None
    )
    name = forms.CharField(label=_("Name of the employer"), max_length=200)
    kvk_number = forms.CharField(
        label=_("Chamber of Commerce number"), max_length=8, required=False
    )
    admin_first_name = forms.CharField(label=_("First name of the administrator"), max_length=150)
    admin_last_name = forms.CharField(label=_("Last name of the administrator"), max_length=150)
    admin_email = forms.EmailField(label=_("E-mail address of the administrator"))

    def __init__(self, *args, arbodiensten, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "arbodienst", forms.ModelChoiceField).queryset = arbodiensten
