"""The pay schedule for a person: per month the amount, and per line the rate and why."""

from __future__ import annotations

from decimal import Decimal

from .explain import format_date, format_money
from .parameters import MissingRow
from .pay import PaySchedule

BASIS = {
    "nl": {
        "statutory": "70% van het loon (BW 7:629 lid 1)",
        "cap": "loon begrensd op het maximumdagloon x 21,75 (Wfsv art. 17)",
        "agreement": "percentage uit de cao of arbeidsovereenkomst",
        "minimum_wage_floor": "minimaal het wettelijk minimumloon in de eerste 52 weken (BW 7:629 lid 1)",
        "waiting_day": "wachtdag (BW 7:629 lid 9)",
        "wage_stop": "geen recht op loon (BW 7:629 lid 3)",
        "wage_suspension": "opgeschort, later alsnog te betalen (BW 7:629 lid 6)",
        "own_work_in_full": "uren eigen werk volledig betaald (besluit D12)",
        "extension": "verlenging van de 104 weken: het wettelijke recht, tenzij een afspraak de "
        "verlenging dekt (BW 7:629 lid 11)",
    },
    "en": {
        "statutory": "70% of the wage (BW 7:629 lid 1)",
        "cap": "wage capped at the maximum daily wage x 21.75 (Wfsv art. 17)",
        "agreement": "percentage of the collective or employment agreement",
        "minimum_wage_floor": "at least the statutory minimum wage in the first 52 weeks (BW 7:629 lid 1)",
        "waiting_day": "waiting day (BW 7:629 lid 9)",
        "wage_stop": "no right to wage (BW 7:629 lid 3)",
        "wage_suspension": "suspended, to be paid later (BW 7:629 lid 6)",
        "own_work_in_full": "hours of own work paid in full (decision D12)",
        "extension": "extension of the 104 weeks: the statutory right, unless an agreement covers "
        "the extension (BW 7:629 lid 11)",
    },
}
# For the employee's own page: the same keys in everyday words, the article left to BASIS.
PLAIN = {
    "nl": {
        "statutory": "de wet geeft u bij ziekte 70% van uw loon",
        "cap": "boven een wettelijk maximum (het maximumdagloon) telt uw loon niet mee",
        "agreement": "uw cao of arbeidscontract geeft u dit percentage",
        "minimum_wage_floor": "in het eerste ziektejaar krijgt u nooit minder dan het minimumloon",
        "waiting_day": "wachtdag: uw contract bepaalt dat de eerste dag(en) onbetaald zijn",
        "wage_stop": "geen loon: uw werkgever heeft uw loon stopgezet en dat krijgt u niet terug",
        "wage_suspension": "uw werkgever houdt dit vast tot u de gevraagde informatie geeft; "
        "daarna krijgt u het alsnog",
        "own_work_in_full": "de uren dat u uw eigen werk weer doet, krijgt u volledig betaald",
        "extension": "na 104 weken betaalt uw werkgever door omdat die tijd is verlengd; dan geldt "
        "het wettelijke percentage, tenzij uw cao of contract ook die tijd regelt",
    },
    "en": {
        "statutory": "by law you keep 70% of your wage while sick",
        "cap": "your wage counts only up to a legal maximum (the maximum daily wage)",
        "agreement": "your collective or employment agreement pays this percentage",
        "minimum_wage_floor": "in your first year of sickness you never get less than the minimum wage",
        "waiting_day": "waiting day: your contract leaves the first day(s) unpaid",
        "wage_stop": "no pay: your employer stopped your wage and you do not get it back",
        "wage_suspension": "your employer holds this back until you give the information asked "
        "for; then you get it after all",
        "own_work_in_full": "the hours you do your own work again are paid in full",
        "extension": "after 104 weeks your employer pays on because that time was extended; the "
        "legal percentage applies, unless your agreement covers that time too",
    },
}
TEXT = {
    "nl": {
        "heading": "Loondoorbetaling bij ziekte",
        "wage": "Maandloon",
        "last": "Laatste betaaldag",
        "month": "Maand",
        "amount": "Bedrag",
        "total": "Totaal",
        "suspended": "opgeschort",
        "provisional": "Voorlopig: ontbrekend bedrag",
        "per_month": "per maand",
        "back_pay": "nabetaling opgeschort loon (BW 7:629 lid 6)",
        "outstanding": "Opgeschort, nog niet betaald",
    },
    "en": {
        "heading": "Continued wage payment during sickness",
        "wage": "Monthly wage",
        "last": "Last day of payment",
        "month": "Month",
        "amount": "Amount",
        "total": "Total",
        "suspended": "suspended",
        "provisional": "Provisional: missing amount",
        "per_month": "a month",
        "back_pay": "back pay of suspended wages (BW 7:629 lid 6)",
        "outstanding": "Suspended, not yet paid",
    },
}


#: The parameter tables a pay schedule reads, named as the reader knows them.
PARAMETER_NAMES = {
    "nl": {
        "maximum_daily_wage": "het maximumdagloon",
        "minimum_wage": "het wettelijk minimumloon",
        "minimum_wage_youth": "de jeugdpercentages van het minimumloon",
        "minimum_wage_youth_hourly": "het minimumjeugdloon per uur",
        "minimum_wage_youth_monthly": "het minimumjeugdloon per maand",
    },
    "en": {
        "maximum_daily_wage": "the maximum daily wage",
        "minimum_wage": "the statutory minimum wage",
        "minimum_wage_youth": "the youth percentages of the minimum wage",
        "minimum_wage_youth_hourly": "the youth minimum wage per hour",
        "minimum_wage_youth_monthly": "the youth minimum wage per month",
    },
}
FROM = {"nl": "per", "en": "from"}

#: What a schedule cannot compute (PaySchedule.warnings), said to the reader.
WARNINGS = {
    "nl": {
        "aow_age": "Let op: de AOW-leeftijd wordt mogelijk bereikt vóór de laatste betaaldag. "
        "Vanaf die leeftijd is het loon bij ziekte nog maar zes weken verschuldigd (BW "
        "7:629 lid 2; dertien weken bij ziekte vóór 1 juli 2023). Dit overzicht rekent "
        "dat niet uit, omdat de AOW-leeftijd of de regel die dan geldt niet in onze bronnen "
        "staat: het loopt door tot week 104."
    },
    "en": {
        "aow_age": "Note: the AOW (state pension) age may be reached before the last day of "
        "payment. From that age, sick pay is owed for six weeks only (BW 7:629 lid 2; "
        "thirteen weeks for sickness before 1 July 2023). This schedule does not "
        "compute that, because the AOW age or the rule that then applies is not in our "
        "sources: it runs on to week 104."
    },
}
#: BW 7:629 lid 2 sub b applied (PaySchedule.aow): why the schedule ends early.
AOW_APPLIED = {
    "nl": "De AOW-leeftijd is bereikt op {reached}: vanaf dan is het loon bij ziekte nog {weeks} "
    "weken verschuldigd, tot en met {last} (BW 7:629 lid 2 sub b).",
    "en": "The AOW (state pension) age was reached on {reached}: from then on sick pay is owed "
    "for {weeks} weeks, up to and including {last} (BW 7:629 lid 2 sub b).",
}


def missing_text(missing: MissingRow, lang: str = "nl") -> str:
    """ "het maximumdagloon per 1 jul 2026": which amount is not yet known (decision D16)."""
    name = PARAMETER_NAMES[lang].get(missing.name, missing.name)
    return f"{name} {FROM[lang]} {format_date(missing.effective_from, lang)}"


def warning_texts(schedule: PaySchedule, lang: str = "nl") -> list[str]:
    """What the schedule does not compute (its `warnings`), in the reader's language, and why it
    ends early when the AOW age shortened it (BW 7:629 lid 2 sub b)."""
    texts = [WARNINGS[lang][code] for code in schedule.warnings]
    aow = schedule.aow
    if aow is not None and aow.status == "applied" and aow.reached_on is not None:
        texts.append(
            AOW_APPLIED[lang].format(
                reached=format_date(aow.reached_on, lang),
                weeks=aow.weeks,
                last=format_date(aow.last_day, lang),
            )
        )
    return texts


def _euro(amount: Decimal, lang: str, width: int = 0) -> str:
    return format_money(amount, lang).rjust(width)


def explain_pay(schedule: PaySchedule, lang: str = "nl") -> str:
    text, basis = TEXT[lang], BASIS[lang]
    lines = [
        text["heading"],
        "",
        f"{text['wage']}: {_euro(schedule.terms.monthly_wage, lang)}",
        f"{text['last']}: {format_date(schedule.last_day, lang)}",
        "",
    ]
    for month in schedule.months:
        suspended = (
            f" ({text['suspended']} {_euro(month.suspended, lang)})" if month.suspended else ""
        )
        lines.append(f"{month.month}  {_euro(month.amount, lang, 12)}{suspended}")
        for line in month.lines:
            why = "; ".join(basis[key] for key in line.rate.basis)
            lines.append(
                f"    {format_date(line.first, lang, year=False)} - "
                f"{format_date(line.last, lang, year=False)}: "
                f"{_euro(line.rate.monthly_rate, lang)} {text['per_month']}, {why}"
            )
        if month.back_pay:
            lines.append(f"    + {_euro(month.back_pay, lang)} {text['back_pay']}")
    lines += ["", f"{text['total']}: {_euro(schedule.total, lang)}"]
    if schedule.suspended_total:
        lines.append(f"{text['outstanding']}: {_euro(schedule.suspended_total, lang)}")
    lines += [
        f"{text['provisional']}: {missing_text(missing, lang)}" for missing in schedule.provisional
    ]
    lines += warning_texts(schedule, lang)
    return "\n".join(lines) + "\n"
