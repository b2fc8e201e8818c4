"""The privacy guard on free text: the word list, and the form mixin that warns before saving."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from openverzuim.cases.medical_guard import (
    MEDICAL_TERMS,
    MedicalTextGuardMixin,
    medical_terms_in,
    normalise,
)


def test_the_list_holds_well_over_150_distinct_dutch_and_english_terms():
    assert len(MEDICAL_TERMS) == len(set(MEDICAL_TERMS)) >= 150
    for dutch, english in [
        ("hernia", "hernia"),
        ("depressie", "depression"),
        ("pijnstillers", "painkillers"),
        ("fysiotherapie", "physiotherapy"),
        ("schouder", "shoulder"),
    ]:
        assert dutch in MEDICAL_TERMS and english in MEDICAL_TERMS


@pytest.mark.parametrize(
    "text, found",
    [
        ("Heeft een HERNIA en gebruikt Codeïne", ["hernia", "codeine"]),  # case and accents
        ("Back pain since Monday; physio twice a week", ["back pain", "physio"]),
        ("Burn-out, zegt ze. Nog een burn-out?", ["burn-out"]),  # each term once
        ("Ligt in het ziekenhuis na een operatie aan de knie", ["ziekenhuis", "operatie", "knie"]),
    ],
)
def test_it_finds_medical_terms_case_and_accent_insensitively(text, found):
    assert medical_terms_in(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Bestellingen overdragen aan Piet; afspraak met de klant verzetten naar volgende week.",
        "Hand over the Monday deliveries; cancel the supplier meeting.",
        "Heeft verlof opgenomen en komt vrijdag langs.",
        "",
    ],
)
def test_everyday_work_notes_pass(text):
    assert medical_terms_in(text) == []


def test_it_matches_whole_words_only():
    assert medical_terms_in("hartelijke groet, de maagdenburger kniebank") == []
    assert medical_terms_in("pijn") == ["pijn"]


def test_normalise_folds_case_accents_and_white_space():
    assert normalise("  Codeïne \n GEBRUIK ") == "codeine gebruik"


class NoteForm(MedicalTextGuardMixin, forms.Form):
    medical_guard_fields = ("note",)
    note = forms.CharField(required=False)
    title = forms.CharField(required=False)  # not guarded


def test_the_mixin_warns_and_names_the_terms():
    form = NoteForm({"note": "Slikt antidepressiva"})
    assert not form.is_valid()
    with translation.override("en"):
        assert form.errors["note"] == [
            "This looks medical: antidepressiva. An employer may not record medical information: "
            "rephrase, or tick the box below to confirm it is not medical."
        ]
    assert form.medical_terms == {"note": ["antidepressiva"]}
    # The confirmation box appears only with the warning.
    assert 'type="checkbox" name="confirm_not_medical"' in str(form["confirm_not_medical"])
    assert 'type="hidden"' in str(NoteForm()["confirm_not_medical"])


def test_the_warning_speaks_dutch_in_the_dutch_ui():
    form = NoteForm({"note": "Slikt antidepressiva"})
    with translation.override("nl"):
        assert form.errors["note"][0].startswith("Dit lijkt medisch: antidepressiva.")


def test_a_rephrased_note_passes():
    form = NoteForm({"note": "Werkt voorlopig niet; overdracht is geregeld."})
    assert form.is_valid()
    assert form.cleaned_data == {
        "note": "Werkt voorlopig niet; overdracht is geregeld.",
        "title": "",
    }


def test_a_confirmed_note_passes_and_the_box_stays_out_of_the_data():
    form = NoteForm(
        {
            "note": "Heeft het druk met de longen-campagne van de klant, the heart of it",
            "confirm_not_medical": "on",
        }
    )
    assert form.is_valid()
    assert "confirm_not_medical" not in form.cleaned_data


def test_only_the_named_fields_are_guarded():
    assert NoteForm({"title": "hernia"}).is_valid()
