"""`openverzuim assess FILE|-`: the gatekeeper assessment of a dossier (docs/assessment.md).

Input: a timeline-contract case with one more key, `dossier`, holding the facts of assessment_facts.py.
Errors name the field, as contract.py; cli.py prints them and exits 2.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, Literal, TypeVar, overload

from .assessment import Assessment, assess
from .assessment_facts import (
    NON_COOPERATION_RESPONSES,
    REPORT_ITEMS,
    REQUESTERS,
    ActionPlanContents,
    Advice,
    Agreement,
    Disagreement,
    Dossier,
    DossierFacts,
    ExpertOpinionRequest,
    NonCooperation,
    Review,
    TrackTwoDecision,
    WorkResumption,
)
from .assessment_text import SEVERITY_NAMES, STALL_REASONS, STEPS
from .contract import ContractError, _date, _list, _object, _required_date, parse_case
from .explain import LANGUAGES, format_date
from .pay import RESUMPTION_KINDS
from .pay_contract import MAX_HOURS, MAX_WAGE, _amount

ASSESSMENT_VERSION = 1
DOSSIER_KEYS = frozenset(
    {
        "action_plan",
        "reviews",
        "advice",
        "work_resumptions",
        "expert_opinions",
        "non_cooperation",
        "track_two_decision",
        "agreements",
        "reintegration_report_missing",
        "contract_hours",
        "weekly_wage",
        "disagreements",
    }
)
#: Who can sign a document as "seen, not agreed" (law.assessment_facts.Disagreement).
PARTIES = ("employee", "employer")
MAX_TEXT = 500


def _flag(obj: dict[str, Any], key: str, field: str) -> bool:
    value = obj.get(key)
    if not isinstance(value, bool):
        raise ContractError(f"{field}.{key}", f"expected true or false, got {value!r}")
    return value


@overload
def _choice(
    obj: dict[str, Any],
    key: str,
    field: str,
    choices: tuple[str, ...],
    *,
    nullable: Literal[False] = False,
) -> str: ...
@overload
def _choice(
    obj: dict[str, Any], key: str, field: str, choices: tuple[str, ...], *, nullable: bool
) -> str | None: ...
def _choice(
    obj: dict[str, Any], key: str, field: str, choices: tuple[str, ...], *, nullable: bool = False
) -> str | None:
    value = obj.get(key)
    if value is None and nullable:
        return None
    if not isinstance(value, str) or value not in choices:
        raise ContractError(
            f"{field}.{key}", f"expected one of {', '.join(choices)}, got {value!r}"
        )
    return value


def _hours(value: Any, field: str) -> Decimal:
    return _amount(value, field, Decimal(0), MAX_HOURS)


_Item = TypeVar("_Item")


def _items(
    obj: dict[str, Any],
    key: str,
    keys: frozenset[str],
    build: Callable[[dict[str, Any], str], _Item],
) -> tuple[_Item, ...]:
    result = []
    for i, item in enumerate(_list(obj.get(key) or [], f"dossier.{key}")):
        field = f"dossier.{key}[{i}]"
        result.append(build(_object(item, field, keys), field))
    return tuple(result)


def _review(item: dict[str, Any], field: str) -> Review:
    hours = item.get("hours_worked")
    return Review(
        _required_date(item, "date", field),
        None if hours is None else _hours(hours, f"{field}.hours_worked"),
    )


def _advice(item: dict[str, Any], field: str) -> Advice:
    advised = _required_date(item, "date", field)
    acted = _date(item.get("acted_on"), f"{field}.acted_on", nullable=True)
    if acted is not None and acted < advised:
        raise ContractError(f"{field}.acted_on", f"{acted} is before the advice of {advised}")
    return Advice(advised, acted)


def _resumption(item: dict[str, Any], field: str) -> WorkResumption:
    start = _required_date(item, "start", field)
    end = _date(item.get("end"), f"{field}.end", nullable=True)
    if end is not None and end < start:
        raise ContractError(f"{field}.end", f"{end} is before the start {start}")
    if "hours_per_week" not in item:
        raise ContractError(f"{field}.hours_per_week", "is required")
    return WorkResumption(
        _choice(item, "kind", field, RESUMPTION_KINDS),
        start,
        _hours(item["hours_per_week"], f"{field}.hours_per_week"),
        end,
    )


def _expert_opinion(item: dict[str, Any], field: str) -> ExpertOpinionRequest:
    return ExpertOpinionRequest(
        _required_date(item, "date", field), _choice(item, "requested_by", field, REQUESTERS)
    )


def _non_cooperation(item: dict[str, Any], field: str) -> NonCooperation:
    known = _required_date(item, "date", field)
    addressed = _date(item.get("addressed_on"), f"{field}.addressed_on", nullable=True)
    if addressed is not None and addressed < known:
        raise ContractError(f"{field}.addressed_on", f"{addressed} is before {known}")
    response = _choice(item, "response", field, NON_COOPERATION_RESPONSES, nullable=True)
    if (addressed is None) != (response is None):
        raise ContractError(
            f"{field}.response", "addressed_on and response go together: give both or neither"
        )
    return NonCooperation(known, addressed, response)


def _agreement(item: dict[str, Any], field: str) -> Agreement:
    return Agreement(
        _required_date(item, "due", field),
        _date(item.get("done_on"), f"{field}.done_on", nullable=True),
    )


def _disagreement(item: dict[str, Any], field: str) -> Disagreement:
    document = item.get("document")
    if not isinstance(document, str) or not document.strip() or len(document) > MAX_TEXT:
        raise ContractError(
            f"{field}.document",
            f"expected the document's title, a text of 1 to {MAX_TEXT} characters",
        )
    return Disagreement(
        _required_date(item, "date", field),
        _choice(item, "party", field, PARTIES),
        document.strip(),
    )


def _track_two(value: Any) -> TrackTwoDecision | None:
    if value is None:
        return None
    field = "dossier.track_two_decision"
    item = _object(value, field, frozenset({"date", "reason"}))
    reason = item.get("reason")
    if not isinstance(reason, str) or not reason.strip() or len(reason) > MAX_TEXT:
        raise ContractError(
            f"{field}.reason",
            f"expected a text of 1 to {MAX_TEXT} characters "
            "saying why there is no second track yet",
        )
    return TrackTwoDecision(_required_date(item, "date", field), reason.strip())


def _missing_items(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    field = "dossier.reintegration_report_missing"
    items = _list(value, field)
    for i, item in enumerate(items):
        if item not in REPORT_ITEMS:
            raise ContractError(
                f"{field}[{i}]",
                f"{item!r} is not an item of RPG art. 6 lid 1 (expected a letter from a to l)",
            )
    return tuple(sorted(set(items)))


def parse_dossier(obj: Any, *, today: date) -> tuple[Dossier, date]:
    """The assess command's input to (dossier, as_of); `today` is the default `as_of`."""
    _object(
        obj,
        "(root)",
        frozenset(
            {"dossier", "as_of", "sickness", "leave", "safety_net", "employment", "events", "uwv"}
        ),
    )
    case, as_of = parse_case({k: v for k, v in obj.items() if k != "dossier"}, today=today)
    raw = _object(obj.get("dossier") or {}, "dossier", DOSSIER_KEYS)
    plan = raw.get("action_plan")
    if plan is not None:
        _object(plan, "dossier.action_plan", frozenset({"activities", "terms", "case_manager"}))
        plan = ActionPlanContents(
            *(
                _flag(plan, key, "dossier.action_plan")
                for key in ("activities", "terms", "case_manager")
            )
        )
    contract_hours, wage = raw.get("contract_hours"), raw.get("weekly_wage")
    facts = DossierFacts(
        action_plan=plan,
        reviews=_items(raw, "reviews", frozenset({"date", "hours_worked"}), _review),
        advice=_items(raw, "advice", frozenset({"date", "acted_on"}), _advice),
        resumptions=_items(
            raw,
            "work_resumptions",
            frozenset({"kind", "start", "end", "hours_per_week"}),
            _resumption,
        ),
        expert_opinions=_items(
            raw, "expert_opinions", frozenset({"date", "requested_by"}), _expert_opinion
        ),
        non_cooperation=_items(
            raw,
            "non_cooperation",
            frozenset({"date", "addressed_on", "response"}),
            _non_cooperation,
        ),
        track_two_decision=_track_two(raw.get("track_two_decision")),
        agreements=_items(raw, "agreements", frozenset({"due", "done_on"}), _agreement),
        reintegration_report_missing=_missing_items(raw.get("reintegration_report_missing")),
        contract_hours=None
        if contract_hours is None
        else _hours(contract_hours, "dossier.contract_hours"),
        weekly_wage=None
        if wage is None
        else _amount(wage, "dossier.weekly_wage", Decimal(0), MAX_WAGE),
        disagreements=_items(
            raw, "disagreements", frozenset({"date", "party", "document"}), _disagreement
        ),
    )
    return Dossier(case, facts), as_of


def _texts(render: Callable[[str], str]) -> dict[str, str]:
    return {lang: render(lang) for lang in LANGUAGES}


def render_assessment(result: Assessment) -> dict[str, Any]:
    """The assessment as JSON-ready data; every text in both languages."""
    exposure, stall = result.exposure, result.stall
    return {
        "assessment": ASSESSMENT_VERSION,
        "as_of": result.as_of.isoformat(),
        "exposure": {
            "level": exposure.level,
            "weeks": exposure.weeks,
            "amount": None if exposure.amount is None else f"{exposure.amount:.2f}",
            "line": _texts(exposure.line),
            "basis": str(exposure.basis),
        },
        "findings": [
            {
                "id": f.id,
                "severity": f.severity,
                "on": f.on.isoformat() if f.on else None,
                "reason": _texts(f.reason),
                "action": _texts(f.action),
                "basis": str(f.basis),
                "basis_short": f.basis.short(),
                "decision": f.basis.decision,
            }
            for f in result.findings
        ],
        "stalled": None
        if stall is None
        else {
            "since": stall.since.isoformat(),
            "reasons": list(stall.reasons),
            "steps": [
                {"id": step, "text": {lang: STEPS[lang][step] for lang in LANGUAGES}}
                for step in stall.steps
            ],
        },
    }


def assess_command(
    today: Callable[[], date],
) -> tuple[Callable[[Any], str], Callable[[Any, str], str]]:
    """The (JSON, --explain) pair for cli.py's COMMANDS; `today` is read only when needed."""

    def as_json(obj: Any) -> str:
        result = assess(*parse_dossier(obj, today=today()))
        return json.dumps(render_assessment(result), indent=2, ensure_ascii=False) + "\n"

    def as_text(obj: Any, lang: str) -> str:
        return explain_assessment(assess(*parse_dossier(obj, today=today())), lang)

    return as_json, as_text


def explain_assessment(result: Assessment, lang: str = "nl") -> str:
    """The assessment for a person: the exposure line, then per finding its reason, action and rule."""
    heading = {"nl": "Poortwachtertoets op {date}", "en": "Gatekeeper assessment on {date}"}[lang]
    lines = [
        heading.format(date=format_date(result.as_of, lang)),
        "",
        result.exposure.line(lang),
        "",
    ]
    for finding in result.findings:
        lines += [
            f"[{SEVERITY_NAMES[lang][finding.severity]}] {finding.reason(lang)}",
            f"    -> {finding.action(lang)}",
            f"    ({finding.basis.short()})",
        ]
    if result.stall is not None:
        why = ", ".join(STALL_REASONS[lang][r] for r in result.stall.reasons)
        lines += [
            "",
            {"nl": "Vastgelopen sinds {date} ({why}):", "en": "Stalled since {date} ({why}):"}[
                lang
            ].format(date=format_date(result.stall.since, lang), why=why),
        ]
        lines += [f"  {n}. {STEPS[lang][step]}" for n, step in enumerate(result.stall.steps, 1)]
    return "\n".join(lines) + "\n"
