from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from openverzuim.core.forms import DateField

from .models import Department
from .roles import Role


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    # An employee's login must be linked to their employee record, or the portal shows them
    # nothing: they are invited from that record's page (cases:employee_invite), not from here.
    role = forms.ChoiceField(
        label=_("Role"), choices=[c for c in Role.choices if c[0] != Role.EMPLOYEE],
        help_text=_("Employees are invited from their employee page."),
        error_messages={"invalid_choice": _(
            "Choose one of the roles listed. Employees are invited from their employee page.")})
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=None, required=False,
        help_text=_("For a line manager: the team whose cases they see."))

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["department"].queryset = Department.objects.filter(organisation__in=organisations)


class AuditFilterForm(forms.Form):
    person = forms.CharField(label=_("Person"), required=False)
    case = forms.IntegerField(label=_("Case number"), required=False, min_value=1)
    date_from = DateField(label=_("From"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = DateField(label=_("Up to and including"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date lies before the start date."))
        return data


class TokenForm(forms.Form):
    token = forms.CharField(label=_("Code from your authenticator app"), max_length=10,
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                          "inputmode": "numeric"}))


class ReauthenticateForm(TokenForm):
    """The password again, and the authenticator code for a user who has set one up."""

    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput(
        attrs={"autocomplete": "current-password", "autofocus": True}))
    field_order = ["password", "token"]

    def __init__(self, *args, needs_token: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not needs_token:
            del self.fields["token"]
