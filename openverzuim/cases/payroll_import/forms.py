"""The upload and the column mapping of the payroll import."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openverzuim.accounts.models import Organisation
from openverzuim.core.forms import form_field

from .columns import COLUMNS, PRESETS
from .reading import ImportFileError, Table, read


class UploadForm(forms.Form):
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        queryset=None, label=gettext_lazy("Employer")
    )
    file = forms.FileField(
        label=gettext_lazy("Payroll file (CSV or XLSX)"),
        help_text=gettext_lazy(
            "One row per employee, the first row naming the "
            "columns. See the guide to the columns below."
        ),
    )

    preset = forms.ChoiceField(
        label=gettext_lazy("Payroll system"),
        required=False,
        choices=[("", gettext_lazy("Recognise the columns by their names"))]
        + [(key, preset.label) for key, preset in PRESETS.items()],
        help_text=gettext_lazy(
            "The layout of its employee export, where its maker documents the column names. The "
            "columns you choose are remembered for this employer's next file."
        ),
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organisation = form_field(self, "organisation", forms.ModelChoiceField)
        organisation.queryset = organisations
        organisation.initial = organisations.first()
        self.table: Table | None = None
        self.content = b""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.PAYROLL_IMPORT_MAX_MEGABYTES
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB.") % {"limit": limit}
            )
        self.content = upload.read()
        try:
            self.table = read(self.content, upload.name)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


class MappingForm(forms.Form):
    """One choice per canonical column: which of the file's columns holds it (or none)."""

    def __init__(self, *args, headers: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [
            (str(i), header or _("(column %(n)s)") % {"n": i + 1})
            for i, header in enumerate(headers)
        ]
        for column, (label, required) in COLUMNS.items():
            self.fields[column] = forms.TypedChoiceField(
                label=label,
                choices=choices,
                required=required,
                coerce=int,
                empty_value=None,
                help_text=column,
            )

    def mapping(self) -> dict[str, int]:
        return {column: index for column, index in self.cleaned_data.items() if index is not None}
