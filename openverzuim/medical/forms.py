"""The physician's forms. They parse input; services.py validates and decides."""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from openverzuim.cases.medical_guard import MedicalTextGuardMixin
from openverzuim.core.forms import DateField, form_field
from openverzuim.core.uploads import file_size_problem

from .models import Release

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 6})
EMPLOYER_SEES_THIS = _(
    "The employer sees this text. Never write a diagnosis, symptoms, treatment "
    "or any other medical detail."
)


class VaultForm(forms.Form):
    """A vault form; its first field is the record's date (the view fills in today)."""

    def service_arguments(self) -> dict:
        """The cleaned data as the service's keyword arguments."""
        return dict(self.cleaned_data)


class NoteForm(VaultForm):
    consulted_on = DateField(label=_("Consultation date"), widget=DATE)
    text = forms.CharField(label=_("Note"), widget=TEXT)


class AnalysisForm(VaultForm):
    analysed_on = DateField(label=_("Date of the analysis"), widget=DATE)
    text = forms.CharField(
        label=_("Medical findings"),
        widget=TEXT,
        help_text=_(
            "The medical part of the problem analysis. The employer receives only what you release."
        ),
    )


class DiagnosisForm(VaultForm):
    diagnosed_on = DateField(label=_("Date of the diagnosis"), widget=DATE)
    cas_code = forms.CharField(
        label=_("CAS code"),
        max_length=20,
        required=False,
        help_text=_("Optional: the code in the CAS classification."),
    )
    text = forms.CharField(label=_("Diagnosis"), widget=forms.Textarea(attrs={"rows": 3}))


class CorrespondenceForm(VaultForm):
    dated = DateField(label=_("Date of the letter"), widget=DATE)
    correspondent = forms.CharField(
        label=_("To or from"),
        max_length=300,
        help_text=_("For example the general practitioner or a specialist."),
    )
    text = forms.CharField(label=_("Content or summary"), widget=TEXT, required=False)
    file = forms.FileField(
        label=_("File"), required=False, help_text=_("Optional: the letter itself, at most 10 MB.")
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        problem = file_size_problem(upload.size) if upload else None
        if problem:
            raise forms.ValidationError(problem)
        return upload

    def service_arguments(self) -> dict:
        arguments = dict(self.cleaned_data)
        upload = arguments.pop("file")
        if upload:
            arguments.update(file_name=upload.name, file_content=upload.read())
        return arguments


class _ReleaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Release) -> str:
        return _("The release of %(day)s by %(author)s") % {
            "day": date_format(obj.released_on, "j F Y"),
            "author": obj.author_name,
        }


class ReleaseForm(MedicalTextGuardMixin, VaultForm):
    """What the employer will read. Medical words are refused once, naming the field and the words
    (cases.medical_guard, the check every employer-side text gets): rephrase, or confirm."""

    medical_guard_fields = ("limitations", "possibilities", "expected_duration", "work_advice")
    medical_guard_message = _(
        "%(field)s: this looks medical: %(terms)s. The employer reads this "
        "text exactly as written: describe what the employee can and cannot "
        "do in work terms, or tick the box below to confirm it is not "
        "medical."
    )

    released_on = DateField(label=_("Date"), widget=DATE)
    limitations = forms.CharField(
        label=_("Functional limitations"), widget=TEXT, help_text=EMPLOYER_SEES_THIS
    )
    possibilities = forms.CharField(
        label=_("Possibilities"), widget=TEXT, help_text=_("What the employee can still do.")
    )
    expected_duration = forms.CharField(
        label=_("Expected duration"),
        max_length=200,
        help_text=_("For example: about six weeks; unknown."),
    )
    work_advice = forms.CharField(label=_("Advice on work and adjustments"), widget=TEXT)
    corrects = _ReleaseChoiceField(
        label=_("Corrects an earlier release"),
        queryset=Release.objects.none(),
        required=False,
        empty_label=_("No: this is new advice"),
        help_text=_(
            "A release is never changed once the employer can read it; a correction is a "
            "newer release. Name the release it corrects, if any."
        ),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        earlier = Release.objects.filter(case=case)
        if not earlier.exists():
            del self.fields["corrects"]  # nothing to correct yet
            return
        form_field(self, "corrects", forms.ModelChoiceField).queryset = earlier
