"""Forms of the UWV decisions and leave of a case: they parse; the services decide (uwv.services).

Each carries the case's `uwv_version` as it was shown, so that a save over someone else's change is
refused instead of overwriting it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from openverzuim import law
from openverzuim.core.forms import DateField
from openverzuim.law.contract import MAX_VOLUNTARY_EXTENSION_WEEKS, MIN_VOLUNTARY_EXTENSION_WEEKS

from ..forms import DATE


class _Versioned(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class WageSanctionForm(_Versioned):
    weeks = forms.IntegerField(
        label=_("Weeks of wage sanction"),
        min_value=1,
        max_value=law.MAX_WAGE_SANCTION_WEEKS,
        help_text=_("As in UWV's decision: at most 52 weeks."),
    )
    decided_on = DateField(label=_("Date of UWV's decision"), widget=DATE)


class SanctionRepairForm(_Versioned):
    confirmed_on = DateField(
        label=_("UWV confirmed the repair on"),
        widget=DATE,
        help_text=_("The wage sanction ends six weeks after this date, if that is before its end."),
    )


class VoluntaryExtensionForm(_Versioned):
    weeks = forms.IntegerField(
        label=_("Weeks of extension"),
        min_value=MIN_VOLUNTARY_EXTENSION_WEEKS,
        max_value=MAX_VOLUNTARY_EXTENSION_WEEKS,
        help_text=_("At least 13 weeks, as agreed with UWV."),
    )
    agreed_on = DateField(label=_("Agreed with UWV on"), widget=DATE)


class LeaveForm(_Versioned):
    start = DateField(label=_("First day of leave"), widget=DATE)
    end = DateField(label=_("Last day of leave"), widget=DATE)

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The last day of leave is before its first day."))
        return cleaned


class LeaveRemoveForm(_Versioned):
    """Nothing to fill in: the POST with the version is the confirmation."""


class ReportSentForm(forms.Form):
    date = DateField(label=_("Sent to UWV on"), widget=DATE)
