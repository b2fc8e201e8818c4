"""A timeline for a person: per milestone its date, status, how the date was computed and its article.

Used by `openverzuim timeline --explain`, and later by the UI and the API, so the "why this date" text
is written once. Dutch by default, English on request. `law/` cannot use Django's translation
machinery (it imports no Django), so the two languages are tables here.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .counting import Interruption
from .milestones import MILESTONE_RULES
from .timeline import (
    MINIMUM_WAGE_FLOOR_BASIS,
    NOT_APPLICABLE,
    WAITING_TIME_BASIS,
    Milestone,
    Timeline,
)
from .wage_duty import WAGE_CONTINUATION_BASIS

LANGUAGES = ("nl", "en")

_MONTHS = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

#: Each milestone's name per language: the rule's own (milestones.py), one place for both.
MILESTONE_NAMES = {
    lang: {rule.id: rule.names[i] for rule in MILESTONE_RULES} for i, lang in enumerate(LANGUAGES)
}

_TEXT = {
    "nl": {
        "done": "gedaan op {date}",
        "late": "te laat, gedaan op {date}",
        "open": "open",
        "overdue": "termijn verstreken",
        "not_applicable": "n.v.t.",
        "day_1": "dag 1 + {days} dagen",
        "end_of_week": "einde week {week}",
        "day_after_week": "de dag na week {week}",
        "plus_days": "{base} + {days} dagen",
        "shifted": "{days} dagen later door {what}",
        "and": " en ",
        "fit": "de hersteldagen {range}",
        "leave": "het verlof {range}",
        "event": "{name} op {date} + {days} dagen",
        "latest_review": "laatste van plan van aanpak en voortgangsevaluatie ({date}) + {days} dagen",
        "waiting_time": "laatste dag wachttijd ({date}) - {days} dagen",
        "recovered": "hersteld na {date}: de termijn wordt niet bereikt",
        "employment_end": "dienstverband eindigt {date}",
        "no_action_plan": "nog geen plan van aanpak",
        "no_safety_net": "geen vangnet: alleen voor werknemers in het Ziektewet-vangnet",
        "safety_net": "vangnet: de vangnetmelding vervangt deze melding",
        "own_company_return_expected": "terugkeer in eigen bedrijf binnen 3 maanden verwacht",
        "window": "venster vanaf {date}",
        "heading": "Tijdlijn Wet verbetering poortwachter",
        "first_sick_day": "Eerste ziektedag",
        "as_of": "Peildatum",
        "sick_day_count": "ziektedag {days}, week {week}",
        "not_sick": "{days} ziektedagen, nu niet ziek",
        "periods": "Perioden",
        "still_sick": "nog ziek",
        "waiting_time_last_day": "Laatste dag wachttijd",
        "wage_continuation_last_day": "Laatste dag loondoorbetaling",
        "minimum_wage_floor_last_day": "Laatste dag minimumloongarantie",
        "no_date": "-",
        "ends_early": "episode eindigde eerder",
        "extension": "vrijwillige verlenging {weeks} weken",
        "late_application": "WIA-aanvraag {days} dagen te laat",
        "sanction": "loonsanctie tot en met {date}",
        "capped_recovery": "hersteld",
        "sanction_shortened": "loonsanctie {days} dagen korter: UWV besloot te laat",
        "sanction_lapsed": "geen loonsanctie: UWV besloot na afloop van de wachttijd",
        "wia_letter": "brief van UWV ontvangen op {date} + {days} dagen (te late brief)",
        "capped_employment_end": "einde dienstverband",
        "capped_aow_age": "AOW-leeftijd (BW 7:629 lid 2 sub b)",
        "practice: within one week": "praktijk: binnen één week",
        "practice: every six weeks": "praktijk: elke zes weken",
    },
    "en": {
        "done": "done on {date}",
        "late": "late, done on {date}",
        "open": "open",
        "overdue": "overdue",
        "not_applicable": "n/a",
        "day_1": "day 1 + {days} days",
        "end_of_week": "end of week {week}",
        "day_after_week": "the day after week {week}",
        "plus_days": "{base} + {days} days",
        "shifted": "shifted {days} days by {what}",
        "and": " and ",
        "fit": "the fit period {range}",
        "leave": "the leave {range}",
        "event": "{name} of {date} + {days} days",
        "latest_review": "latest of plan of action and progress review ({date}) + {days} days",
        "waiting_time": "last day of waiting time ({date}) - {days} days",
        "recovered": "recovered after {date}: the term is never reached",
        "employment_end": "employment ends {date}",
        "no_action_plan": "no plan of action yet",
        "no_safety_net": "no safety net: only for employees in the Ziektewet safety net",
        "safety_net": "safety net: the safety-net report replaces this report",
        "own_company_return_expected": "return in own company within 3 months expected",
        "window": "window from {date}",
        "heading": "Poortwachter timeline",
        "first_sick_day": "First sick day",
        "as_of": "As of",
        "sick_day_count": "sick day {days}, week {week}",
        "not_sick": "{days} sick days, not sick now",
        "periods": "Periods",
        "still_sick": "still sick",
        "waiting_time_last_day": "Last day of waiting time",
        "wage_continuation_last_day": "Last day of wage payment",
        "minimum_wage_floor_last_day": "Last day of minimum-wage floor",
        "no_date": "-",
        "ends_early": "episode ended before",
        "extension": "voluntary extension {weeks} weeks",
        "late_application": "WIA application {days} days late",
        "sanction": "wage sanction up to {date}",
        "capped_recovery": "recovered",
        "sanction_shortened": "wage sanction {days} days shorter: UWV decided late",
        "sanction_lapsed": "no wage sanction: UWV decided after the waiting time ended",
        "wia_letter": "UWV's letter received on {date} + {days} days (a late letter)",
        "capped_employment_end": "end of employment",
        "capped_aow_age": "AOW age (BW 7:629 lid 2 sub b)",
        "practice: within one week": "practice: within one week",
        "practice: every six weeks": "practice: every six weeks",
    },
}


_COLUMNS = {
    "nl": ("Mijlpaal", "Datum", "Status", "Berekening", "Grondslag"),
    "en": ("Milestone", "Date", "Status", "How computed", "Basis"),
}


def format_date(day: date | None, lang: str = "nl", *, year: bool = True) -> str:
    if day is None:
        return _TEXT[lang]["no_date"]
    text = f"{day.day} {_MONTHS[lang][day.month - 1]}"
    return f"{text} {day.year}" if year else text


def format_month(day: date, lang: str = "nl", *, year: bool = True) -> str:
    """A calendar month as the reader writes it: "mrt 2027" in Dutch, "Mar 2027" in English (a
    chart's axis leaves the year out)."""
    text = _MONTHS[lang][day.month - 1]
    return f"{text} {day.year}" if year else text


def format_money(amount: Decimal, lang: str = "nl") -> str:
    """An amount in euros as the reader writes it: "€ 61.919,38" in Dutch, "€61,919.38" in English;
    the one formatter of amounts for pages, PDFs and the engine's sentences alike."""
    grouped = f"{amount.quantize(_CENT, rounding=ROUND_HALF_UP):,.2f}"
    if lang == "en":
        return f"-€{grouped[1:]}" if grouped.startswith("-") else f"€{grouped}"
    return "€ " + grouped.translate(_DUTCH_DIGITS)


_CENT = Decimal("0.01")
_DUTCH_DIGITS = str.maketrans({",": ".", ".": ","})


def _range(stretch: Interruption, lang: str) -> str:
    same_year = stretch.first.year == stretch.last.year
    return (
        f"{format_date(stretch.first, lang, year=not same_year)} - "
        f"{format_date(stretch.last, lang, year=not same_year)}"
    )


def _shift(result: Timeline, reached: date, sick_days: int, lang: str) -> str:
    """What moved the day on which S reached `sick_days` (+1: day 1 is S = 1) past day 1 + S - 1.

    Only the stretches before that day count: days added after it (the 42 days to the second track)
    are calendar days, and a gap inside them moves nothing (docs/decisions.md C17)."""
    shift = (reached - result.first_sick_day).days - (sick_days - 1)
    if shift <= 0:
        return ""
    text = _TEXT[lang]
    stretches = [s for s in result.episode.interruptions(result.facts.leave) if s.last < reached]
    what = text["and"].join(text[s.kind].format(range=_range(s, lang)) for s in stretches)
    return ", " + text["shifted"].format(days=shift, what=what)


def how_computed(milestone: Milestone, result: Timeline, lang: str = "nl") -> str:
    """ "day 1 + 41 days, shifted 16 days by the fit period 14 Feb - 1 Mar", in `lang`."""
    text = _TEXT[lang]
    due = milestone.due
    match milestone.derivation:
        case ("not_applicable", reason):
            if reason == "recovered":
                return text["recovered"].format(
                    date=format_date(result.episode.periods[-1].end, lang)
                )
            return text[reason]
        case _ if due is None:
            raise ValueError(f"{milestone.id}: {milestone.derivation} without a due date")
        case ("sick_day", n, extra):
            week = text["end_of_week"].format(week=n // 7)
            if extra == 1:
                week = text["day_after_week"].format(week=n // 7)
            elif extra:
                week = text["plus_days"].format(base=week, days=extra)
            line = f"{text['day_1'].format(days=n - 1 + extra)} ({week})"
            line += _shift(result, due - timedelta(extra), n, lang)
        case ("event", event, days):
            anchor = due - timedelta(days)
            line = text["event"].format(
                name=MILESTONE_NAMES[lang][event].lower(), date=format_date(anchor, lang), days=days
            )
        case ("latest_review", days):
            line = text["latest_review"].format(
                date=format_date(due - timedelta(days), lang), days=days
            )
        case ("waiting_time", days):
            line = text["waiting_time"].format(
                date=format_date(result.wage_continuation.waiting_time_last_day, lang), days=-days
            )
        case ("wia_letter", days):
            line = text["wia_letter"].format(
                date=format_date(due - timedelta(days), lang), days=days
            )
    if milestone.status == NOT_APPLICABLE:
        line += "; " + _not_applicable_reason(milestone, result, lang)
    if milestone.window_start is not None:
        line += "; " + text["window"].format(date=format_date(milestone.window_start, lang))
    return line


def _not_applicable_reason(milestone: Milestone, result: Timeline, lang: str) -> str:
    last = result.episode.periods[-1].end
    if last is not None and milestone.due is not None and last < milestone.due:
        return _TEXT[lang]["recovered"].format(date=format_date(last, lang))
    end = result.facts.employment_end
    return _TEXT[lang]["employment_end"].format(date=format_date(end, lang))


def status_text(milestone: Milestone, lang: str = "nl") -> str:
    return _TEXT[lang][milestone.status].format(date=format_date(milestone.done_on, lang))


def basis_text(milestone: Milestone, lang: str = "nl") -> str:
    rule_basis = milestone.rule.basis
    note = f" ({_TEXT[lang][rule_basis.note]})" if rule_basis.note else ""
    return rule_basis.short() + note


def explain(result: Timeline, lang: str = "nl") -> str:
    """The whole timeline as an aligned plain-text table, one line per milestone."""
    text = _TEXT[lang]
    lines = [text["heading"], ""]
    if result.week is not None:
        count = text["sick_day_count"].format(days=result.sick_days, week=result.week)
    else:
        count = text["not_sick"].format(days=result.sick_days)
    periods = "; ".join(
        f"{format_date(p.start, lang)} - {format_date(p.end, lang) if p.end else text['still_sick']}"
        for p in result.episode.periods
    )
    lines += [
        f"{text['first_sick_day']}: {format_date(result.first_sick_day, lang)}",
        f"{text['as_of']}: {format_date(result.as_of, lang)} ({count})",
        f"{text['periods']}: {periods}",
        "",
    ]
    rows = [_COLUMNS[lang]] + [
        (
            MILESTONE_NAMES[lang][m.id],
            format_date(m.due, lang),
            status_text(m, lang),
            how_computed(m, result, lang),
            basis_text(m, lang),
        )
        for m in result.milestones
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:4])]
        lines.append("  ".join([*cells, row[4]]).rstrip())
    lines.append("")
    lines += _closing_lines(result, lang)
    return "\n".join(lines) + "\n"


def _closing_lines(result: Timeline, lang: str) -> list[str]:
    text = _TEXT[lang]
    wage = result.wage_continuation
    parts = []
    weeks = result.facts.voluntary_extension_weeks
    if weeks:
        parts.append(text["extension"].format(weeks=weeks))
    if wage.late_application_days:
        parts.append(text["late_application"].format(days=wage.late_application_days))
    if wage.sanction_last_day is not None:
        parts.append(text["sanction"].format(date=format_date(wage.sanction_last_day, lang)))
    if wage.sanction_shortened_days:
        parts.append(text["sanction_shortened"].format(days=wage.sanction_shortened_days))
    if wage.sanction_lapsed:
        parts.append(text["sanction_lapsed"])
    if wage.capped_by:
        parts.append(text[f"capped_{wage.capped_by}"])
    rows = (
        ("waiting_time_last_day", result.waiting_time_last_day, WAITING_TIME_BASIS, ""),
        (
            "wage_continuation_last_day",
            wage.last_day,
            WAGE_CONTINUATION_BASIS,
            f" ({'; '.join(parts)})" if parts else "",
        ),
        (
            "minimum_wage_floor_last_day",
            result.minimum_wage_floor_last_day,
            MINIMUM_WAGE_FLOOR_BASIS,
            "",
        ),
    )
    return [
        f"{text[key]}: {format_date(day, lang) if day else text['ends_early']}{note}"
        f"  ({rule_basis.short()})"
        for key, day, rule_basis, note in rows
    ]
