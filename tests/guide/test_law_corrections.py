"""The law, second edition (issue 18, points 1-12): what the guide, the paths and the assessment say
about the law, checked on the rendered pages and on the data, in Dutch (the default) and English.

Each test names the point and the source the corrected text rests on (shared/domain/law.md, its
decisions in §0a, and the statutes in domain/law-texts/).
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from openverzuim.guide.duties import EMPLOYEE_DUTIES, EMPLOYER_DUTIES
from openverzuim.guide.topics import BY_SLUG
from openverzuim.law.assessment_text import STEPS
from openverzuim.measures.paths import EMPLOYEE_PATH, EMPLOYER_PATH, STALLED_PATH


def _page(client, slug: str, language: str = "nl") -> str:
    client.cookies["django_language"] = language
    response = client.get(reverse("guide:topic", args=[slug]))
    assert response.status_code == 200
    return response.content.decode()


def _text(value, language: str = "nl") -> str:
    with translation.override(language):
        return str(value)


def _citations(topic_slug: str) -> list[str]:
    return [citation.short() for citation in BY_SLUG[topic_slug].basis]


def test_1_a_late_problem_analysis_counts_only_where_it_harmed_the_reintegration():
    """BKP §4: procedural steps are secondary; only a missing item makes the report incomplete."""
    for duty in ("problem_analysis", "action_plan"):
        nl = _text(EMPLOYER_DUTIES[duty].why)
        assert "onvolledig (RPG art. 6)" in nl and "(BKP § 4)" in nl
        assert "een van de redenen" not in nl and "een reden voor een loonsanctie" not in nl
    en = _text(EMPLOYER_DUTIES["problem_analysis"].why, "en")
    assert "only where it led to too little or the wrong re-integration effort" in en


def test_2_seventy_percent_is_of_the_wage_up_to_the_maximum_daily_wage(client, db):
    """BW 7:629 lid 1; Wfsv art. 17 lid 1: 70% of the wage up to the maximum daily wage."""
    assert "70% van het loon tot het maximumdagloon" in _page(client, "rechten-en-plichten")
    assert "70% of the wage up to the maximum daily wage" in _page(
        client, "rechten-en-plichten", "en"
    )
    assert "Wfsv art. 17 lid 1" in _page(client, "rechten-en-plichten")
    assert _text(BY_SLUG["loondoorbetaling"].summary).startswith(
        "Minstens 70% van het loon tot het maximumdagloon"
    )
    assert "Wfsv art. 17 lid 1" in _citations("loondoorbetaling")
    know = EMPLOYEE_PATH.step("know_your_rights")
    assert "70 procent van uw loon tot het maximumdagloon" in _text(know.text)
    assert "Wfsv art. 17 lid 1" in know.basis.short()


def test_3_pay_stops_earlier_from_the_aow_age_for_household_staff_and_when_employment_ends(
    client, db
):
    """BW 7:629 lid 2 shortens the duty; the employment can also end otherwise than by its term."""
    body = _page(client, "loondoorbetaling")
    assert "AOW-leeftijd" in body and "huishoudelijk personeel" in body
    assert "zes weken verschuldigd in plaats van 104 (BW 7:629 lid 2)" in body
    assert "met wederzijds goedvinden, door de rechter, of door opzegging" in body
    assert "BW 7:629 lid 2" in _citations("loondoorbetaling")


def test_4_notice_of_a_wage_measure_is_due_without_delay_and_two_days_is_our_decision():
    """BW 7:629 lid 7: onverwijld, from when the employer knew or should have known; no writing
    required; two working days is decision D13."""
    step = EMPLOYER_PATH.step("wage_measure")
    en, nl = _text(step.text, "en"), _text(step.text)
    assert "once you know the cause or reasonably should have known it" in en
    assert "in writing without delay" not in en and "within two working days of" not in en
    assert "The law does not ask for writing" in en
    assert "which is our decision (D13), not a legal term" in en
    assert "redelijkerwijs had moeten kennen" in nl and "onze keuze (beslissing D13)" in nl
    assert step.basis.decision == "D13"
    assert "or should have known the cause" in _text(step.correction, "en")


def test_5_refusing_reintegration_is_a_wage_stop_and_a_suspension_is_for_control_rules_only():
    """BW 7:629 lid 3 sub c-e (stop) against lid 6 (suspension, written control rules)."""
    step = STALLED_PATH.step("consequences")
    en = _text(step.text, "en")
    assert "the law gives a wage stop; a wage suspension is only for written control rules" in en
    assert {"BW 7:629 lid 3 sub d", "BW 7:629 lid 3 sub e", "BW 7:629 lid 6"} <= {
        c.short() for c in step.basis.citations
    }
    assert "lid 3 sub c to e" in _text(step.correction, "en")
    assert "lid 3 sub c tot en met e" in _text(step.correction)
    # The assessment's seven steps say the same, and put the agreement in the plan of action.
    assert (
        "loonstop bij weigeren mee te werken aan de re-integratie (BW 7:629 lid 3 sub d en e)"
        in (STEPS["nl"]["consequences"])
    )
    assert (
        "loonopschorting alleen bij schriftelijke controlevoorschriften (lid 6)"
        in (STEPS["nl"]["consequences"])
    )
    assert "in het plan van aanpak" in STEPS["nl"]["reintegration_agreement"]
    assert "in the plan of action" in STEPS["en"]["reintegration_agreement"]
    assert "in een re-integratieovereenkomst" not in STEPS["nl"]["reintegration_agreement"]


def test_6_the_expert_opinion_exception_is_lid_2_and_the_fee_waiver_covers_frequent_absence(
    client, db
):
    """BW 7:629a lid 2: not disputed, or not reasonably to be asked; UWV: free for the employer for
    dismissal for non-cooperation and for frequent absence (law.md §6.1)."""
    body = _page(client, "deskundigenoordeel")
    assert (
        "(BW 7:629a lid 2)" in body and "in redelijkheid niet van de werknemer kan worden" in body
    )
    assert "wegens niet meewerken of wegens veelvuldig verzuim" in body
    assert "BW 7:629a lid 2" in _citations("deskundigenoordeel")
    assert "or the opinion cannot reasonably be asked of the employee (BW 7:629a lid 2)" in _page(
        client, "deskundigenoordeel", "en"
    )


def test_7_a_second_opinion_from_another_company_doctor_is_a_right_since_july_2017(client, db):
    """Arbowet art. 14, as amended with effect from 1 July 2017 (the texts in law-texts predate it)."""
    body = _page(client, "oneens-met-de-bedrijfsarts")
    assert "Sinds 1 juli 2017 is dat uw wettelijk recht (Arbowet art. 14" in body
    assert "hoe dat bij hen geregeld is" not in body
    assert "Arbowet art. 14" in _citations("oneens-met-de-bedrijfsarts")


def test_8_six_weekly_reviews_are_practice_and_the_law_says_regularly():
    """WIA art. 25 lid 2 (periodiek), BW 7:658a lid 3 (regelmatig); six weeks is law.md §2.6 practice."""
    why = _text(EMPLOYER_DUTIES["progress_review"].why)
    assert "(WIA art. 25 lid 2; BW 7:658a lid 3)" in why and "geen wettelijke termijn" in why
    assert "UWV verwacht minstens eens per zes weken" not in why
    assert "in de praktijk eens per zes weken" in _text(EMPLOYEE_DUTIES["progress_review"])


def test_9_no_unsourced_most_common_reason_for_a_wage_sanction(client, db):
    for duty in ("first_year_evaluation", "track_two_start"):
        for language in ("nl", "en"):
            text = _text(EMPLOYER_DUTIES[duty].why, language)
            assert "meest voorkomende" not in text and "most common" not in text
    assert "(BKP § 5; WIA art. 25 lid 9)" in _text(EMPLOYER_DUTIES["track_two_start"].why)
    assert "meest voorkomende" not in _page(client, "twee-sporen")
    assert "most common" not in _page(client, "twee-sporen", "en")


def test_10_waiting_days_come_once_per_added_together_episode(client, db):
    """BW 7:629 lid 9 read with lid 10: periods less than four weeks apart are one episode."""
    body = _page(client, "loondoorbetaling")
    assert "hebben de wachtdagen dus maar één keer (BW 7:629 lid 9 in samenhang met lid 10)" in body
    assert "BW 7:629 lid 10" in _citations("loondoorbetaling")


def test_11_the_second_track_is_prepared_alongside_the_first(client, db):
    """BKP §5: at the first-year evaluation, work with another employer is prepared next to the
    first track, not only once the first has failed."""
    body = _page(client, "twee-sporen")
    assert "vaste volgorde" not in body and "pas als dat er niet is" not in body
    assert "naast het eerste spoor ook werk bij een andere werkgever voorbereiden (BKP § 5)" in body
    assert "fixed order" not in _page(client, "twee-sporen", "en")


@pytest.mark.parametrize(
    "language, wording",
    [
        ("nl", "uiterlijk op de dag na week 42 van de ziekte (ZW art. 38 lid 1)"),
        ("en", "at the latest on the day after week 42 of sickness (ZW art. 38 lid 1)"),
    ],
)
def test_12_the_42nd_week_report_has_one_wording_everywhere(client, db, language, wording):
    """ZW art. 38 lid 1: the first day after 42 weeks (D1+294), as the duty already says."""
    body = _page(client, "rechten-en-plichten", language)
    assert wording in body
    assert "in week 42," not in body
    duty = _text(EMPLOYER_DUTIES["uwv_42_week_report"].what, language)
    assert wording.split(" (")[0] in duty
