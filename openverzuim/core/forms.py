"""Form helpers every app can use."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .medical_terms import medical_terms_in


def attach_errors(form, error: ValidationError) -> None:
    """Put a service's errors on the form fields they name; the rest above the form."""
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class MedicalTextGuardMixin:
    """Warn before saving employer-side free text that looks medical (issue 4 item 6).

    List the guarded fields in `medical_guard_fields`. When one of them holds a term of
    `core.medical_terms`, the form is invalid with a warning on that field, and a checkbox
    "this is not medical information" appears. The form saves once the text is rephrased or the box
    is ticked. The checkbox never reaches `cleaned_data`, so services receive only their own fields.

    Put the mixin before the form class: ``class NoteForm(MedicalTextGuardMixin, forms.Form)``.
    """

    medical_guard_fields: tuple[str, ...] = ()
    #: The warning; `%(terms)s` are the words found, `%(field)s` the field's label.
    medical_guard_message = _("This looks medical: %(terms)s. An employer may not record medical "
                              "information: rephrase, or tick the box below to confirm it is not "
                              "medical.")
    CONFIRM_FIELD = "confirm_not_medical"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Hidden until a warning is shown: it carries no meaning before there is something to confirm.
        self.fields[self.CONFIRM_FIELD] = forms.BooleanField(
            label=_("I have checked: this text contains no medical information"), required=False,
            widget=forms.HiddenInput)
        self.medical_terms: dict[str, list[str]] = {}

    def clean(self):
        cleaned = super().clean()
        confirmed = cleaned.pop(self.CONFIRM_FIELD, False)
        self.confirmed_not_medical = bool(confirmed)
        if confirmed:
            return cleaned
        for name in self.medical_guard_fields:
            terms = medical_terms_in(cleaned.get(name) or "")
            if terms:
                self.medical_terms[name] = terms
                self.add_error(name, forms.ValidationError(
                    self.medical_guard_message, code="medical_terms",
                    params={"terms": ", ".join(terms), "field": self.fields[name].label}))
        if self.medical_terms:
            self.fields[self.CONFIRM_FIELD].widget = forms.CheckboxInput()
        return cleaned
