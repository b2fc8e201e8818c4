"""The words of the gatekeeper assessment: per finding its reason in one sentence and what to do now,
the exposure line and the seven steps for a stalled case (seed 003), in Dutch and English.

`law/` imports no Django, so the two languages are tables here, as in explain.py. Placeholders are the
finding's params; dates are printed with explain.format_date.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .explain import format_date, format_money

# id: (reason, action) per language.
FINDINGS = {
    "nl": {
        "problem_analysis_missing": (
            "De probleemanalyse had er op {due} moeten zijn en ontbreekt nog.",
            "Vraag de bedrijfsarts vandaag om de probleemanalyse.",
        ),
        "problem_analysis_late": (
            "De probleemanalyse kwam op {done}, na de termijn van {due}.",
            "Leg vast waarom de analyse later kwam en of dat de re-integratie heeft vertraagd.",
        ),
        "action_plan_missing": (
            "Het plan van aanpak had er op {due} moeten zijn en ontbreekt nog.",
            "Stel het plan van aanpak nu samen met de werknemer op.",
        ),
        "action_plan_late": (
            "Het plan van aanpak kwam op {done}, na de termijn van {due}.",
            "Leg vast waarom het plan later kwam en of dat de re-integratie heeft vertraagd.",
        ),
        "action_plan_without_activities": (
            "Het plan van aanpak van {plan} noemt geen activiteiten en doelen.",
            "Stel het plan bij met concrete activiteiten van werkgever en werknemer en hun doel.",
        ),
        "action_plan_without_terms": (
            "Het plan van aanpak van {plan} noemt geen termijnen.",
            "Zet bij elke activiteit in het plan een termijn.",
        ),
        "action_plan_without_case_manager": (
            "Het plan van aanpak van {plan} wijst geen casemanager aan.",
            "Wijs een casemanager aan en zet die in het plan.",
        ),
        "reviews_too_far_apart": (
            "Tussen de evaluaties van {from} en {to} zaten {days} dagen, meer dan zes weken.",
            "Plan de evaluaties voortaan hooguit zes weken na elkaar.",
        ),
        "review_overdue": (
            "De laatste evaluatie was op {last}; de volgende had uiterlijk {due} moeten zijn.",
            "Plan deze week een voortgangsgesprek en leg het vast.",
        ),
        "advice_not_followed": (
            "Het advies van de bedrijfsarts van {advised} is na {days} dagen nog niet opgevolgd.",
            "Voer het advies uit of stel het plan van aanpak bij, en leg vast waarom.",
        ),
        "advice_followed_late": (
            "Het advies van de bedrijfsarts van {advised} werd pas na {days} dagen opgevolgd.",
            "Leg vast waarom het advies later werd opgevolgd.",
        ),
        "first_year_evaluation_missing": (
            "De eerstejaarsevaluatie had er op {due} moeten zijn en ontbreekt nog.",
            "Houd de eerstejaarsevaluatie nu en beslis over het tweede spoor.",
        ),
        "first_year_evaluation_late": (
            "De eerstejaarsevaluatie kwam op {done}, na de termijn van {due}.",
            "Leg vast waarom de evaluatie later kwam.",
        ),
        "track_two_not_started": (
            "Het tweede spoor had op {due} moeten starten en er is geen reden vastgelegd.",
            "Start het tweede spoor of leg de reden vast waarom het nog niet nodig is.",
        ),
        "track_two_late": (
            "Het tweede spoor startte op {done}, na de termijn van {due}.",
            "Leg vast waarom het tweede spoor later startte.",
        ),
        "track_two_reason_recorded": (
            "Het tweede spoor is niet gestart; vastgelegde reden: {reason}.",
            "Toets bij elke evaluatie of die reden nog geldt.",
        ),
        "therapeutic_work_too_long": (
            "De werknemer werkt sinds {start} al {days} dagen op arbeidstherapeutische basis, "
            "langer dan zes weken.",
            "Kies met de bedrijfsarts voor gewoon (passend) werk met loonwaarde of een andere aanpak.",
        ),
        "hours_stagnating": (
            "De gewerkte uren zijn over {count} evaluaties sinds {since} niet gestegen ({hours} uur "
            "per week).",
            "Bespreek de stagnatie met de bedrijfsarts en stel het plan van aanpak bij.",
        ),
        "employee_signed_not_agreed": (
            "De werknemer tekende '{document}' op {on} als 'gezien, niet akkoord'.",
            "Bespreek het bezwaar en leg de uitkomst vast; blijft het meningsverschil over de "
            "re-integratie bestaan, vraag dan het UWV om een deskundigenoordeel.",
        ),
        "employer_signed_not_agreed": (
            "De werkgever tekende '{document}' op {on} als 'gezien, niet akkoord'.",
            "Leg vast waarover u het niet eens bent; blijft het meningsverschil bestaan, vraag dan "
            "het UWV om een deskundigenoordeel.",
        ),
        "no_expert_opinion": (
            "De re-integratie stagneert sinds {since} en er is geen deskundigenoordeel gevraagd.",
            "Vraag het UWV om een deskundigenoordeel.",
        ),
        "non_cooperation_not_addressed": (
            "De werknemer werkt sinds {since} niet mee en daar is nog niet op gereageerd.",
            "Spreek de werknemer aan, schriftelijk, en overweeg een loonmaatregel of een "
            "deskundigenoordeel.",
        ),
        "non_cooperation_addressed_late": (
            "Op het niet meewerken van {since} is pas op {answered} gereageerd, niet onverwijld.",
            "Reageer voortaan onverwijld (Open Verzuim waarschuwt na twee werkdagen, beslissing "
            "D13); een loonmaatregel over de tijd daarvoor houdt geen stand.",
        ),
        "reintegration_report_missing": (
            "Het re-integratieverslag had er op {due} moeten zijn en ontbreekt nog.",
            "Stel het re-integratieverslag nu op met de werknemer en de bedrijfsarts.",
        ),
        "reintegration_report_late": (
            "Het re-integratieverslag kwam op {done}, na de termijn van {due}.",
            "Controleer dat de werknemer de WIA-aanvraag op tijd indient.",
        ),
        "reintegration_report_incomplete": (
            "In het re-integratieverslag ontbreken de onderdelen {items}.",
            "Vul de ontbrekende onderdelen aan.",
        ),
    },
    "en": {
        "problem_analysis_missing": (
            "The problem analysis was due on {due} and is still missing.",
            "Ask the occupational physician for the problem analysis today.",
        ),
        "problem_analysis_late": (
            "The problem analysis came on {done}, after its due date of {due}.",
            "Record why it came late and whether that delayed the re-integration.",
        ),
        "action_plan_missing": (
            "The plan of action was due on {due} and is still missing.",
            "Draw up the plan of action with the employee now.",
        ),
        "action_plan_late": (
            "The plan of action came on {done}, after its due date of {due}.",
            "Record why it came late and whether that delayed the re-integration.",
        ),
        "action_plan_without_activities": (
            "The plan of action of {plan} names no activities and goals.",
            "Adjust the plan with concrete activities of employer and employee and their goals.",
        ),
        "action_plan_without_terms": (
            "The plan of action of {plan} names no terms.",
            "Give every activity in the plan a term.",
        ),
        "action_plan_without_case_manager": (
            "The plan of action of {plan} names no case manager.",
            "Appoint a case manager and name them in the plan.",
        ),
        "reviews_too_far_apart": (
            "The reviews of {from} and {to} were {days} days apart, more than six weeks.",
            "Hold the reviews at most six weeks apart from now on.",
        ),
        "review_overdue": (
            "The last review was on {last}; the next was due by {due}.",
            "Hold a progress review this week and record it.",
        ),
        "advice_not_followed": (
            "The occupational physician's advice of {advised} has not been acted on after {days} days.",
            "Carry out the advice or adjust the plan of action, and record why.",
        ),
        "advice_followed_late": (
            "The occupational physician's advice of {advised} was acted on only after {days} days.",
            "Record why the advice was acted on late.",
        ),
        "first_year_evaluation_missing": (
            "The first-year evaluation was due on {due} and is still missing.",
            "Hold the first-year evaluation now and decide on the second track.",
        ),
        "first_year_evaluation_late": (
            "The first-year evaluation came on {done}, after its due date of {due}.",
            "Record why the evaluation came late.",
        ),
        "track_two_not_started": (
            "The second track was due to start on {due} and no reason is recorded.",
            "Start the second track or record why it is not needed yet.",
        ),
        "track_two_late": (
            "The second track started on {done}, after its due date of {due}.",
            "Record why the second track started late.",
        ),
        "track_two_reason_recorded": (
            "The second track has not started; recorded reason: {reason}.",
            "Check at every review whether that reason still holds.",
        ),
        "therapeutic_work_too_long": (
            "The employee has done therapeutic work since {start}, {days} days, longer than six weeks.",
            "Choose with the physician between regular (suitable) work with wage value and another "
            "approach.",
        ),
        "hours_stagnating": (
            "The hours worked have not gone up over {count} reviews since {since} ({hours} hours a week).",
            "Discuss the stagnation with the occupational physician and adjust the plan of action.",
        ),
        "employee_signed_not_agreed": (
            "The employee signed '{document}' on {on} as 'seen, not agreed'.",
            "Discuss the objection and record the outcome; if the disagreement about the "
            "re-integration remains, ask UWV for an expert opinion.",
        ),
        "employer_signed_not_agreed": (
            "The employer signed '{document}' on {on} as 'seen, not agreed'.",
            "Record what you disagree with; if the disagreement remains, ask UWV for an expert "
            "opinion.",
        ),
        "no_expert_opinion": (
            "The re-integration has stalled since {since} and no expert opinion was asked.",
            "Ask UWV for an expert opinion.",
        ),
        "non_cooperation_not_addressed": (
            "The employee has not cooperated since {since} and this has not been addressed.",
            "Address the employee in writing and consider a wage measure or an expert opinion.",
        ),
        "non_cooperation_addressed_late": (
            "The non-cooperation of {since} was addressed only on {answered}, not without delay.",
            "Respond without delay from now on (Open Verzuim warns after two working days, decision "
            "D13); a wage measure for the time before will not hold.",
        ),
        "reintegration_report_missing": (
            "The re-integration report was due on {due} and is still missing.",
            "Draw up the re-integration report with the employee and the physician now.",
        ),
        "reintegration_report_late": (
            "The re-integration report came on {done}, after its due date of {due}.",
            "Make sure the employee applies for WIA on time.",
        ),
        "reintegration_report_incomplete": (
            "The re-integration report lacks items {items}.",
            "Complete the missing items.",
        ),
    },
}

SEVERITY_NAMES = {
    "nl": {"serious": "ernstig", "warning": "let op", "info": "info"},
    "en": {"serious": "serious", "warning": "warning", "info": "info"},
}

EXPOSURE = {
    "nl": {
        "none": "Geen risico op een loonsanctie: de werknemer herstelde voor het einde van de wachttijd.",
        "low": "Risico op een loonsanctie: laag; bij een tekortkoming tot {weeks} weken loon{amount}.",
        "some": "Risico op een loonsanctie: aanwezig; tot {weeks} weken loon{amount}.",
        "high": "Risico op een loonsanctie: hoog; tot {weeks} weken loon{amount}.",
        "amount": " ({amount})",
    },
    "en": {
        "none": "No wage-sanction exposure: the employee recovered before the end of the waiting time.",
        "low": "Wage-sanction exposure: low; a shortfall costs up to {weeks} weeks of wages{amount}.",
        "some": "Wage-sanction exposure: some; up to {weeks} weeks of wages{amount}.",
        "high": "Wage-sanction exposure: high; up to {weeks} weeks of wages{amount}.",
        "amount": " ({amount})",
    },
}

# Seed 003, "7 stappen om de reïntegratie weer vlot te trekken".
STEPS = {
    "nl": {
        "talk": "Ga zo snel mogelijk met elkaar in gesprek en maak nieuwe werkafspraken.",
        "reintegration_agreement": "Leg de wederzijdse verplichtingen vast in het plan van aanpak of "
        "de bijstelling ervan: een aparte re-integratieovereenkomst is geen "
        "wettelijk instrument (BW 7:658a lid 3).",
        "daily_activities": "Bespreek activiteiten uit het dagelijks leven (niet de medische situatie).",
        "work_order": "Maak er een werkopdracht van: wat de werknemer in welke periode doet.",
        "businesslike": "Wees meelevend, maar blijf zakelijk: er is een opdracht met een deadline.",
        "consequences": "Verbind consequenties aan het niet nakomen van afspraken: een loonstop bij "
        "weigeren mee te werken aan de re-integratie (BW 7:629 lid 3 sub d en e), "
        "loonopschorting alleen bij schriftelijke controlevoorschriften (lid 6), in "
        "het uiterste geval ontslag.",
        "dossier": "Zorg voor een goed dossier: leg alle afspraken vast en laat ze ondertekenen.",
    },
    "en": {
        "talk": "Talk to each other as soon as possible and make new working agreements.",
        "reintegration_agreement": "Record the obligations of both sides in the plan of action or its "
        "adjustment: a separate re-integration agreement is no legal "
        "instrument (BW 7:658a lid 3).",
        "daily_activities": "Discuss activities of daily life (not the medical situation).",
        "work_order": "Turn it into a work order: what the employee does in which period.",
        "businesslike": "Be sympathetic, but stay businesslike: there is a task with a deadline.",
        "consequences": "Attach consequences to agreements not kept: a wage stop for refusing to "
        "cooperate with the re-integration (BW 7:629 lid 3 sub d and e), a wage "
        "suspension only for written control rules (lid 6), dismissal as a last "
        "resort.",
        "dossier": "Keep a good dossier: record every agreement and have it signed.",
    },
}

STALL_REASONS = {
    "nl": {
        "hours_stagnating": "de uren stijgen niet",
        "advice_not_followed": "advies niet opgevolgd",
        "agreements_overdue": "afspraken over tijd",
    },
    "en": {
        "hours_stagnating": "hours not increasing",
        "advice_not_followed": "advice not followed",
        "agreements_overdue": "agreements overdue",
    },
}


def _value(value: object, lang: str) -> str:
    if isinstance(value, date):
        return format_date(value, lang)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def _format(template: str, params: dict[str, object], lang: str) -> str:
    return template.format_map({key: _value(value, lang) for key, value in params.items()})


def reason(finding_id: str, params: dict[str, object], lang: str = "nl") -> str:
    return _format(FINDINGS[lang][finding_id][0], params, lang)


def action(finding_id: str, params: dict[str, object], lang: str = "nl") -> str:
    return _format(FINDINGS[lang][finding_id][1], params, lang)


def exposure_line(level: str, weeks: int, amount: Decimal | None, lang: str = "nl") -> str:
    text = EXPOSURE[lang]
    money = "" if amount is None else text["amount"].format(amount=format_money(amount, lang))
    return text[level].format(weeks=weeks, amount=money)
