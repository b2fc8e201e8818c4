"""Words that make employer-side free text look medical (issue 4 item 6; law.md §8.1).

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
    "long covid", "burn out", "panic attack", "panic attacks", "heart attack", "eating disorder",
    "multiple sclerose", "multiple sclerosis", "hoge bloeddruk", "back pain", "psychische klachten",
    "mental illness", "sleeping pills", "blood thinners", "medisch specialist", "blood test",
)


def _split(block: str) -> list[str]:
    """The words of a block, with the multi-word terms kept whole."""
    for phrase in MULTI_WORD:
        block = block.replace(phrase, phrase.replace(" ", "_"))
    return [word.replace("_", " ") for word in block.split()]


MEDICAL_TERMS: tuple[str, ...] = tuple(dict.fromkeys(
    _split(DIAGNOSES) + _split(MEDICATION) + _split(TREATMENTS) + _split(BODY_PARTS)))


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
