"""The medical guard of employer-side free text (issue 4 item 6; law.md §8.1): the words that make a
text look medical, and the form mixin that warns before such a text is saved.

An employer may not record a diagnosis, symptoms, medication or treatment (AP, Beleidsregels over
de zieke werknemer). The curated Dutch and English list below lets a form warn before saving; the
person can rephrase or confirm. It is a guard against slips, not a classifier: words that are
common outside medicine ("arm", "been", "enkel", "hoofd", "back", "head", "cold", "hand") are left
out on purpose, because a warning on every second note would teach people to tick it blindly.

Matching is whole-word, case-insensitive and accent-tolerant ("codeine" finds "codeïne").
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

#: Diagnoses and conditions.
DIAGNOSES = """
griep flu influenza covid covid-19 corona long covid migraine hernia burn-out burnout burn out
overspannen overspanning overspannenheid depressie depressief depressieve depression depressed angststoornis
anxiety paniekaanval paniekaanvallen panic attack panic attacks ptss ptsd adhd autisme autism kanker
cancer tumor tumour leukemie leukemia leukaemia diabetes suikerziekte astma asthma copd epilepsie
epilepsy hartinfarct heart attack herseninfarct beroerte stroke hersenschudding concussion artrose
arthrosis artritis arthritis reuma rheuma rheumatism fibromyalgie fibromyalgia longontsteking
pneumonia bronchitis blindedarmontsteking appendicitis zwanger zwangerschap pregnant pregnancy
miskraam miscarriage fractuur fracture botbreuk verslaving addiction alcoholisme alcoholism
eetstoornis eating disorder anorexia boulimia bulimia dementie dementia multiple sclerose
multiple sclerosis parkinson alzheimer hiv hepatitis lyme infectie infection ontsteking
inflammation whiplash rsi tennisarm hypertensie hypertension hoge bloeddruk bipolair bipolar
schizofrenie schizophrenia psychose psychosis dwangstoornis ocd tinnitus duizelig duizeligheid
dizziness vertigo hoofdpijn headache buikpijn rugpijn back pain rugklachten nekklachten
hartklachten psychische klachten mental illness misselijk misselijkheid nausea koorts fever
symptoom symptomen symptom symptoms diagnose diagnosis ziektebeeld pijn pain spierpijn chronisch
chronic allergie allergy
"""

#: Medication.
MEDICATION = """
medicijn medicijnen medicatie medication medicine medicines geneesmiddel geneesmiddelen
pijnstiller pijnstillers painkiller painkillers paracetamol ibuprofen naproxen diclofenac tramadol
codeine morfine morphine oxycodon oxycodone antibiotica antibiotics antibioticum antidepressiva
antidepressant antidepressants insuline insulin diazepam oxazepam temazepam prednison prednisone
methylfenidaat ritalin sertraline citalopram fluoxetine paroxetine venlafaxine metformine metformin
omeprazol omeprazole lithium quetiapine slaapmiddel slaappillen sleeping pills bloedverdunner
bloedverdunners blood thinners
"""

#: Treatments, care and the places they happen.
TREATMENTS = """
operatie geopereerd surgery operated chemo chemotherapie chemotherapy bestraling radiotherapie
radiotherapy fysiotherapie fysiotherapeut fysio physiotherapy physiotherapist physio therapie
therapy therapeut therapist ziekenhuis hospital ziekenhuisopname hospitalised hospitalized
treatment ggz psycholoog psychologist psychiater psychiatrist huisarts
medisch specialist mri ct-scan rontgen x-ray bloedonderzoek blood test dialyse dialysis
transplantatie transplant injectie injection anesthesie anaesthesia anesthesia narcose gips
krukken crutches revalidatie rehabilitation ivf bevalling childbirth
"""

#: Body parts and organs.
BODY_PARTS = """
nek neck schouder shoulder knie knee heup wrist elleboog elbow wervel wervels vertebra
ruggengraat spine hart heart longen lungs liver nier nieren kidney kidneys maag stomach darmen
bowel intestines hersenen brain blaas bladder baarmoeder uterus borst breast prostaat prostate
schildklier thyroid spieren muscles pees pezen tendon gewrichten joints kaak jaw oren
"""

# Terms of two or more words are written joined by "_" below; everything else is split on spaces.
MULTI_WORD = (
    "long covid",
    "burn out",
    "panic attack",
    "panic attacks",
    "heart attack",
    "eating disorder",
    "multiple sclerose",
    "multiple sclerosis",
    "hoge bloeddruk",
    "back pain",
    "psychische klachten",
    "mental illness",
    "sleeping pills",
    "blood thinners",
    "medisch specialist",
    "blood test",
)


def _split(block: str) -> list[str]:
    """The words of a block, with the multi-word terms kept whole."""
    for phrase in MULTI_WORD:
        block = block.replace(phrase, phrase.replace(" ", "_"))
    return [word.replace("_", " ") for word in block.split()]


MEDICAL_TERMS: tuple[str, ...] = tuple(
    dict.fromkeys(_split(DIAGNOSES) + _split(MEDICATION) + _split(TREATMENTS) + _split(BODY_PARTS))
)


def normalise(text: str) -> str:
    """Lower case, accents off, runs of white space as one space: "Codeïne  GEBRUIK" -> "codeine gebruik"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


@cache
def _pattern() -> re.Pattern[str]:
    # Longest first, so that "back pain" wins over "pain" at the same place.
    terms = sorted({normalise(t) for t in MEDICAL_TERMS}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?!\w)")


def medical_terms_in(text: str) -> list[str]:
    """The medical terms in `text`, in the order they first occur, each once."""
    if not text:
        return []
    return list(dict.fromkeys(match.group(1) for match in _pattern().finditer(normalise(text))))


# What the mixin below is mixed into, for the type checker; at run time it stays a plain mixin, so
# that it is no form class of its own.
if TYPE_CHECKING:
    _Form = forms.BaseForm
else:
    _Form = object


class MedicalTextGuardMixin(_Form):
    """Warn before saving employer-side free text that looks medical (issue 4 item 6).

    List the guarded fields in `medical_guard_fields`. When one of them holds a term of
    `MEDICAL_TERMS` above, the form is invalid with a warning on that field, and a checkbox
    "this is not medical information" appears. The form saves once the text is rephrased or the box
    is ticked. The checkbox never reaches `cleaned_data`, so services receive only their own fields.

    Put the mixin before the form class: ``class NoteForm(MedicalTextGuardMixin, forms.Form)``.
    """

    medical_guard_fields: tuple[str, ...] = ()
    #: The warning; `%(terms)s` are the words found, `%(field)s` the field's label.
    medical_guard_message = _(
        "This looks medical: %(terms)s. An employer may not record medical "
        "information: rephrase, or tick the box below to confirm it is not "
        "medical."
    )
    CONFIRM_FIELD = "confirm_not_medical"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Hidden until a warning is shown: it carries no meaning before there is something to confirm.
        self.fields[self.CONFIRM_FIELD] = forms.BooleanField(
            label=_("I have checked: this text contains no medical information"),
            required=False,
            widget=forms.HiddenInput,
        )
        self.medical_terms: dict[str, list[str]] = {}

    def clean(self):
        super().clean()  # the form's own checks; they leave their result in cleaned_data
        cleaned = self.cleaned_data
        confirmed = cleaned.pop(self.CONFIRM_FIELD, False)
        self.confirmed_not_medical = bool(confirmed)
        if confirmed:
            return cleaned
        for name in self.medical_guard_fields:
            terms = medical_terms_in(cleaned.get(name) or "")
            if terms:
                self.medical_terms[name] = terms
                self.add_error(
                    name,
                    forms.ValidationError(
                        self.medical_guard_message,
                        code="medical_terms",
                        params={"terms": ", ".join(terms), "field": self.fields[name].label},
                    ),
                )
        if self.medical_terms:
            self.fields[self.CONFIRM_FIELD].widget = forms.CheckboxInput()
        return cleaned
