"""The measures app's forms: they parse; the services validate and save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from openverzuim.cases.models import WageMeasure
from openverzuim.core.forms import DateField, form_field, formfield

from .models import ExpertOpinionRequest
from .paths import Path

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class WageMeasureForm(forms.ModelForm):
    class Meta:
        formfield_callback = formfield
        model = WageMeasure
        fields = [
            "kind",
            "ground",
            "cause_known_on",
            "employee_told_on",
            "written_warning_on",
            "rules_in_writing",
            "start",
            "end",
            "complied_on",
            "note",
        ]
        widgets = {
            name: DATE
            for name in (
                "cause_known_on",
                "employee_told_on",
                "written_warning_on",
                "start",
                "end",
                "complied_on",
            )
        }


class ExpertOpinionForm(forms.ModelForm):
    class Meta:
        formfield_callback = formfield
        model = ExpertOpinionRequest
        fields = ["requester", "question", "for_dismissal", "requested_on", "note"]
        widgets = {"requested_on": DATE}


class OpinionOutcomeForm(forms.Form):
    opinion_on = DateField(label=_("opinion received on"), widget=DATE)
    outcome = forms.ChoiceField(label=_("outcome"), choices=ExpertOpinionRequest.Outcome.choices)
    note = forms.CharField(
        label=_("note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Never record medical information here."),
    )


class StepForm(forms.Form):
    step = forms.ChoiceField(label=_("step"))
    taken_on = DateField(label=_("date"), widget=DATE)
    follow_up_on = DateField(
        label=_("check again on"),
        required=False,
        widget=DATE,
        help_text=_("For an agreement or a work order: the day you check it was kept."),
    )
    note = forms.CharField(
        label=_("note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Never record medical information here."),
    )

    def __init__(self, *args, path: Path, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "step", forms.ChoiceField).choices = [
            (s.slug, s.title) for s in path.steps
        ]
