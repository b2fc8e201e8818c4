from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.models import Organisation
from openverzuim.core.forms import form_field


class CaseloadFilterForm(forms.Form):
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=None, empty_label=_("All organisations"),
        error_messages={"invalid_choice": _("Organisation: choose one of the employers in the list; "
                                            "the whole caseload is shown instead.")})

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the employers the user may count: another one is "not one of the choices".
        form_field(self, "organisation", forms.ModelChoiceField).queryset = organisations
