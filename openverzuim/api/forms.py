from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.models import Organisation
from openverzuim.accounts.roles import Role
from openverzuim.core.forms import form_field
from openverzuim.core.outbox import OutboxKind

from .services import KEY_ROLES


class ApiKeyForm(forms.Form):
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("The system that will use the key, e.g. the payroll system."),
    )
    role = forms.ChoiceField(
        label=_("Acts as"),
        choices=[c for c in Role.choices if c[0] in KEY_ROLES],
        help_text=_("The key may do what a person in this role may do."),
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = form_field(self, "organisation", forms.ModelChoiceField)
        field.queryset, field.initial = organisations, organisations.first()


class WebhookEndpointForm(forms.Form):
    """A new endpoint (with its organisation) or a change to one (with the version it read)."""

    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None
    )
    url = forms.CharField(
        label=_("URL"),
        max_length=500,
        help_text=_("The https:// address of the receiving system, e.g. its webhook URL."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=100,
        required=False,
        help_text=_("E.g. the system that receives the events."),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Events"), choices=OutboxKind.choices, widget=forms.CheckboxSelectMultiple
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if organisations is None:  # a change: the organisation stays the endpoint's
            del self.fields["organisation"]
        else:
            del self.fields["lock_version"]
            field = form_field(self, "organisation", forms.ModelChoiceField)
            field.queryset, field.initial = organisations, organisations.first()


class PersonalKeyForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("The program that will use the key, e.g. your own spreadsheet."),
    )
