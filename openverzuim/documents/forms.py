"""Forms generated from a document type's spec: POST data in, content dict out, and back for display.

The spec does the validation (`DocumentType.clean`); these helpers only translate between the flat
names of an HTML form (`activities-0-term`) and the nested content (`activities[0].term`).
"""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from openverzuim.cases.medical_guard import MedicalTextGuardMixin
from openverzuim.core.forms import DateField
from openverzuim.core.uploads import file_size_problem
from openverzuim.medical import disclosures

from .models import SIGNATURE_COMMENT_LENGTH, Signature, UploadedFile
from .report import ITEMS
from .spec import PHYSICIAN

#: Empty rows offered under a list field, so a row can be added without JavaScript.
SPARE_ROWS = 3


def _released(case) -> dict[str, str]:
    """What the physician's latest release (medical.disclosures) prefills, by field name: the
    physician's own documents take its parts, the employer's the whole advice as one text."""
    advice = disclosures.latest_release(case)
    if advice is None:
        return {}
    limitations = f"{advice.limitations}\n\n{_('Possibilities')}: {advice.possibilities}"
    whole = "\n".join(
        (
            _("Advice of the company doctor %(name)s of %(day)s")
            % {"name": advice.author_name, "day": date_format(advice.released_on, "j F Y")},
            f"{_('Functional limitations')}: {advice.limitations}",
            f"{_('Possibilities')}: {advice.possibilities}",
            f"{_('Expected duration')}: {advice.expected_duration}",
            f"{_('Advice on work and adjustments')}: {advice.work_advice}",
        )
    )
    return {
        "limitations": limitations,
        "prognosis": advice.expected_duration,
        "advice": advice.work_advice,
        "physician_advice": whole,
    }


def prefilled_from_release(content: dict) -> bool:
    """A new document's form shows the physician's advice (for the audit trail)."""
    return bool(content.keys() & {"limitations", "prognosis", "advice", "physician_advice"})


def initial_content(spec, case) -> dict:
    """What a new document's form starts with, taken from the dossier: the case manager, and the
    physician's latest advice where the type has a field for it."""
    known = {"case_manager": str(case.case_manager or "")}
    released = _released(case)
    if spec.author == PHYSICIAN:
        known |= released
    else:
        known["physician_advice"] = released.get("physician_advice", "")
    return {f.name: known[f.name] for f in spec.fields if known.get(f.name)}


def content_from_post(spec, data) -> dict:
    content = {}
    for field in spec.fields:
        if field.kind != "list":
            content[field.name] = data.get(field.name, "")
            continue
        rows, index = [], 0
        while any(f"{field.name}-{index}-{c.name}" in data for c in field.columns):
            rows.append(
                {c.name: data.get(f"{field.name}-{index}-{c.name}", "") for c in field.columns}
            )
            index += 1
        content[field.name] = rows
    return content


def _error_key(path: str) -> str:
    """`activities[0].term` (the spec's name for a bad value) as the form's input name."""
    return path.replace("[", "-").replace("].", "-")


def form_fields(spec, content: dict, errors: dict[str, list[str]]) -> list[dict]:
    """What the template needs to draw each field: value, rows, guidance and its errors."""
    shown = {_error_key(k): v for k, v in errors.items()}
    drawn = []
    for field in spec.fields:
        item = {
            "field": field,
            "value": content.get(field.name, ""),
            "errors": shown.get(field.name, []),
        }
        if field.kind == "list":
            rows = list(content.get(field.name) or []) + [{}] * SPARE_ROWS
            item["rows"] = [
                [
                    {
                        "column": c,
                        "name": f"{field.name}-{i}-{c.name}",
                        "value": row.get(c.name, ""),
                        "errors": shown.get(f"{field.name}-{i}-{c.name}", []),
                    }
                    for c in field.columns
                ]
                for i, row in enumerate(rows)
            ]
        drawn.append(item)
    return drawn


class CopyReceivedForm(forms.Form):
    on = DateField(
        label=_("Copy received by the employee on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class UploadForm(MedicalTextGuardMixin, forms.Form):
    """A file from outside for the case; its type is judged by its content (core.uploads)."""

    medical_guard_fields = ("description",)
    kind = forms.ChoiceField(label=_("Kind of document"), choices=UploadedFile.Kind.choices)
    description = forms.CharField(
        label=_("Description"),
        max_length=300,
        required=False,
        help_text=_(
            'What it is, e.g. "UWV decision of 3 March on the wage sanction". Never '
            "medical information."
        ),
    )
    report_item = forms.ChoiceField(
        label=_("Supplies item of the re-integration report"),
        required=False,
        choices=[("", _("none"))]
        + [(letter, f"{letter}. {title}") for letter, _part, title, _types in ITEMS],
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG, Word (DOCX) or OpenDocument (ODT), at most 10 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        problem = file_size_problem(upload.size)  # before reading it into memory
        if problem:
            raise forms.ValidationError(problem)
        return upload


class SignForm(forms.Form):
    """How the signer signs: agreed, or seen but not agreed with a comment (the service checks
    that the comment is there; the form only reads what was sent)."""

    position = forms.ChoiceField(
        label=_("Your position"),
        choices=Signature.Position.choices,
        initial=Signature.Position.AGREED,
        widget=forms.RadioSelect,
        # A post without it (an older form, a script) signs as agreed, as signing always did.
        required=False,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=SIGNATURE_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required if you do not agree: say what you do not agree with. It is shown with your "
            "signature, on the document and in its PDF."
        ),
    )
