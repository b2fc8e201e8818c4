from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.models import Department, Organisation, Sector
from openverzuim.core.forms import EARLIEST_DATE, LATEST_DATE, form_field


class CaseloadFilterForm(forms.Form):
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=None,
        empty_label=_("All organisations"),
        error_messages={
            "invalid_choice": _(
                "Organisation: choose one of the employers in the list; "
                "the whole caseload is shown instead."
            )
        },
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the employers the user may count: another one is "not one of the choices".
        form_field(self, "organisation", forms.ModelChoiceField).queryset = organisations


class StatisticsForm(forms.Form):
    """Whose statistics, over which window: the window ends in (or holds) the month given."""

    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        empty_label=None,
        error_messages={
            "invalid_choice": _("Organisation: choose one of the employers in the list."),
            "required": _("Organisation: choose one of the employers in the list."),
        },
    )
    department: forms.ModelChoiceField[Department] = forms.ModelChoiceField(
        label=_("Department"),
        required=False,
        queryset=None,
        empty_label=_("All departments"),
        error_messages={
            "invalid_choice": _("Department: choose one of the departments of the organisation.")
        },
    )
    period = forms.ChoiceField(
        label=_("Period"),
        initial="quarter",
        choices=[
            ("month", _("Month")),
            ("quarter", _("Quarter")),
            ("year", _("Year")),
            ("rolling", _("Rolling 12 months")),
        ],
        error_messages={
            key: _("Period: choose month, quarter, year or rolling 12 months.")
            for key in ("invalid_choice", "required")
        },
    )
    month = forms.RegexField(
        label=_("Up to month"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        widget=forms.TextInput(attrs={"type": "month"}),
        error_messages={"invalid": _("Up to month: give a month as year-month, e.g. 2026-03.")},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "organisation", forms.ModelChoiceField).queryset = organisations
        form_field(self, "department", forms.ModelChoiceField).queryset = Department.objects.filter(
            organisation__in=organisations
        ).order_by("name", "pk")

    def clean_month(self) -> tuple[int, int] | None:
        text = self.cleaned_data.get("month")
        if not text:
            return None
        year, month = (int(part) for part in text.split("-"))
        if not EARLIEST_DATE.year < year < LATEST_DATE.year:
            raise forms.ValidationError(
                _("Up to month: give a year between %(first)s and %(last)s.")
                % {"first": EARLIEST_DATE.year + 1, "last": LATEST_DATE.year - 1}
            )
        return year, month

    def clean(self):
        super().clean()
        data = self.cleaned_data
        organisation, department = data.get("organisation"), data.get("department")
        if organisation and department and department.organisation_id != organisation.pk:
            self.add_error(
                "department", _("Department: choose one of the departments of the organisation.")
            )
        return data


class SectorForm(forms.Form):
    """The sector (SBI section) an employer's statistics are compared with."""

    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        empty_label=None,
        error_messages={
            "invalid_choice": _("Organisation: choose one of the employers in the list."),
            "required": _("Organisation: choose one of the employers in the list."),
        },
    )
    sector = forms.ChoiceField(
        label=_("Sector (SBI section)"),
        required=False,
        choices=[("", _("Not named: compare with all sectors")), *Sector.choices],
        error_messages={"invalid_choice": _("Sector: choose one of the SBI sections in the list.")},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "organisation", forms.ModelChoiceField).queryset = organisations
