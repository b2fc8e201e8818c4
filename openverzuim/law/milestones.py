"""The milestone registry: everything the project says about one Poortwachter milestone, in one entry.

Each `Rule` carries its id (also the event type that fulfils it), who acts, its legal basis and how
the contract's table writes it, its names for the CLI's explanation (both languages: explain.py has
no catalogue), and the English source strings the apps show: the event that records it, the case
page's to-do line and the guide's plain-language duty. `timeline.py` pairs each rule with the block
that computes its date; the apps derive their tables from `MILESTONE_RULES` (issue 14, point 6):
`cases.EventKind`, the to-do texts, the guide's duties, the duty table.

law/ imports no Django, so the apps' strings are plain `str` here, marked with `gettext_noop` for the
catalogue (openverzuim/locale) and translated by the apps at the edge. A citation inside a sentence
is a `%(key)s` placeholder filled from its `Basis`, so a translation cannot alter the article.
"""

from __future__ import annotations

from dataclasses import dataclass

from .citations import ARBOWET, BKP, BW7, RPG, WIA, ZW, Basis, Citation, basis


def gettext_noop(message: str) -> str:
    """Marks an English source string for the apps' catalogue; translated where it is shown."""
    return message


@dataclass(frozen=True, slots=True)
class Text:
    """An English source string whose `%(key)s` placeholders are the short forms of `citations`."""

    message: str
    citations: tuple[tuple[str, Basis | Citation], ...] = ()

    def render(self, translated: str) -> str:
        """`translated` (the catalogue's form of `message`) with the citations filled in."""
        if not self.citations:
            return translated
        return translated % {key: cited.short() for key, cited in self.citations}


@dataclass(frozen=True, slots=True)
class Duty:
    """What the guide tells the employer: what to do, what happens when it is missed, and the slug
    of the knowledge page that explains more (guide/topics.py)."""

    what: Text
    why: Text
    topic: str


@dataclass(frozen=True, slots=True)
class Rule:
    """One milestone: see the module docstring. Its id names its block in timeline.py."""

    id: str
    party: str  # who is accountable
    parties: tuple[str, ...]  # who takes part
    basis: Basis
    cited_as: (
        str  # `basis` as the contract's table writes it: contract-v1 output (decisions.md C15)
    )
    names: tuple[str, str]  # (Dutch, English), explain.LANGUAGES' order: MILESTONE_NAMES reads them
    recorded: str  # the event that fulfils it, as the dossier lists it (cases.EventKind's label)
    todo: str  # one line on the case page's duty list
    duty: Duty  # the guide's explanation for the employer
    employee_duty: str | None = None  # the employee's part, on their own page, if they take part
    recurring: bool = False  # always the *next* one: never done, only open or overdue (rule 5)


@dataclass(frozen=True, slots=True)
class Fact:
    """An event type that records a fact the timeline reads, rather than fulfils a duty."""

    id: str
    recorded: str


_ = gettext_noop
# Where the guide's reasons cite the statute (RPG art. 6: contents of the re-integration report;
# BKP §4: what UWV weighs at the gatekeeper test; §5: the second track).
_REPORT, _TEST = basis(RPG.art("6")), basis(BKP.art("4"))

MILESTONE_RULES: tuple[Rule, ...] = (
    Rule(
        "occupational_health_notified",
        "employer",
        ("employer",),
        basis(
            RPG.art("2", lid="1"),
            ARBOWET.art("14", lid="1", sub="b"),
            decision="D4",
            note="practice: within one week",
        ),
        "RPG art. 2 lid 1; Arbowet art. 14 (practice: within one week)",
        ("Melding aan arbodienst/bedrijfsarts", "Occupational health service notified"),
        recorded=_("Occupational health service notified"),
        todo=_("Report the sickness to the occupational health service or company doctor."),
        duty=Duty(
            Text(
                _(
                    "Report the sickness to your occupational health service or company doctor. Tell "
                    "them who is sick, since when, how to reach them and what work is waiting; never "
                    "the diagnosis."
                )
            ),
            Text(
                _(
                    "Without the company doctor there is no problem analysis, and UWV can later judge "
                    "your re-integration efforts insufficient."
                )
            ),
            "rechten-en-plichten",
        ),
    ),
    Rule(
        "problem_analysis",
        "employer",
        ("employer", "occupational_physician"),
        basis(RPG.art("2", lid="2"), decision="D5"),
        "RPG art. 2 lid 2",
        ("Probleemanalyse", "Problem analysis"),
        recorded=_("Problem analysis received"),
        todo=_("Ask the company doctor for the problem analysis."),
        duty=Duty(
            Text(
                _(
                    "Ask the company doctor for the problem analysis: what your employee can and "
                    "cannot do, and what is needed to return. It is due by the end of week 6."
                )
            ),
            Text(
                _(
                    "A missing problem analysis makes the re-integration report incomplete "
                    "(%(report)s). A late one counts at UWV's gatekeeper test only where it led to "
                    "too little or the wrong re-integration effort, and that can bring a wage "
                    "sanction (%(test)s)."
                ),
                (("report", _REPORT), ("test", _TEST)),
            ),
            "rechten-en-plichten",
        ),
    ),
    Rule(
        "action_plan",
        "employer",
        ("employer", "employee"),
        basis(RPG.art("4", lid="1"), decision="D5"),
        "RPG art. 4 lid 1",
        ("Plan van aanpak", "Plan of action"),
        recorded=_("Plan of action agreed"),
        todo=_(
            "Agree the plan of action with the employee, within two weeks of the problem analysis."
        ),
        duty=Duty(
            Text(
                _(
                    "Draw up the plan of action together with your employee: the goal, who does what "
                    "by when, and who the case manager is. Both of you sign it, and your employee "
                    "gets a copy."
                )
            ),
            Text(
                _(
                    "A missing plan of action makes the re-integration report incomplete "
                    "(%(report)s); a late one counts only where it led to too little re-integration "
                    "effort (%(test)s). The plan is the backbone of the report UWV reads in week "
                    "91."
                ),
                (("report", _REPORT), ("test", _TEST)),
            ),
            "rechten-en-plichten",
        ),
        employee_duty=_("Make the plan of action together with your employer, and sign it."),
    ),
    Rule(
        "progress_review",
        "employer",
        ("employer", "employee", "case_manager"),
        basis(WIA.art("25", lid="2"), BW7.art("658a", lid="3"), note="practice: every six weeks"),
        "WIA art. 25 lid 2; BW 7:658a lid 3 (practice: every six weeks)",
        ("Volgende voortgangsevaluatie", "Next progress review"),
        recorded=_("Progress review held"),
        todo=_("Hold a progress review with the employee and the case manager."),
        duty=Duty(
            Text(
                _(
                    "Discuss the progress of the plan of action with your employee, and adjust the "
                    "plan when the company doctor's advice or the progress calls for it. Write down "
                    "what you agreed."
                )
            ),
            Text(
                _(
                    "The law asks for regular reviews (%(basis)s); every six weeks is the usual "
                    "practice, not a legal term. Long silences in the file weigh against you at the "
                    "gatekeeper test."
                ),
                (("basis", basis(WIA.art("25", lid="2"), BW7.art("658a", lid="3"))),),
            ),
            "passend-werk",
        ),
        employee_duty=_(
            "Talk about the progress of your plan with your employer regularly; in "
            "practice every six weeks."
        ),
        recurring=True,
    ),
    Rule(
        "safety_net_report",
        "employer",
        ("employer",),
        basis(ZW.art("38a", lid="3")),
        "ZW art. 38a lid 3",
        ("Vangnetmelding aan UWV", "Safety-net report to UWV"),
        recorded=_("Safety-net report sent to UWV"),
        todo=_("Report the sickness to UWV (Ziektewet safety net)."),
        duty=Duty(
            Text(
                _(
                    "Report the sickness to UWV: your employee falls under the Sickness Benefits Act "
                    "safety net, so you are entitled to sickness benefit to compensate the wage you "
                    "pay."
                )
            ),
            Text(
                _(
                    "Report late and UWV pays the benefit for at most one year back, and can fine "
                    "you up to EUR 455."
                )
            ),
            "loondoorbetaling",
        ),
    ),
    Rule(
        "uwv_42_week_report",
        "employer",
        ("employer",),
        basis(ZW.art("38", lid="1"), ZW.art("38", lid="4"), decision="D3"),
        "ZW art. 38 lid 1 and lid 4",
        ("42e-weeksmelding aan UWV", "42nd-week report to UWV"),
        recorded=_("42nd-week report sent to UWV"),
        todo=_("Send the 42nd-week sick report to UWV."),
        duty=Duty(
            Text(
                _(
                    "Report your employee's long-term sickness to UWV (the 42nd-week report), at the "
                    "latest on the day after week 42 of sickness."
                )
            ),
            Text(
                _(
                    "Late reports can be fined up to EUR 455, and without a report before week 81 "
                    "your employee loses protection for a late WIA application, which can lengthen "
                    "your wage payment."
                )
            ),
            "wia-aanvraag",
        ),
    ),
    Rule(
        "first_year_evaluation",
        "employer",
        ("employer", "employee"),
        basis(RPG.art("4", lid="2", sub="b"), BKP.art("5"), decision="D7"),
        "RPG art. 4 lid 2 b; BKP §5",
        ("Eerstejaarsevaluatie", "First-year evaluation"),
        recorded=_("First-year evaluation held"),
        todo=_("Hold the first-year evaluation with the employee."),
        duty=Duty(
            Text(
                _(
                    "Look back on the first year with your employee and the company doctor, and "
                    "decide whether a return in your own company is still realistic. Record the "
                    "decision on the second track."
                )
            ),
            Text(
                _(
                    "UWV checks that this evaluation took place, and expects work with another "
                    "employer to be looked at by then when no return in your own company is in "
                    "sight (%(basis)s)."
                ),
                (("basis", basis(BKP.art("4"), BKP.art("5"))),),
            ),
            "twee-sporen",
        ),
        employee_duty=_(
            "Look back on the first year together with your employer and decide what comes next."
        ),
    ),
    Rule(
        "track_two_start",
        "employer",
        ("employer",),
        basis(BW7.art("658a", lid="1"), BKP.art("5"), decision="D8"),
        "BW 7:658a lid 1; BKP §5",
        ("Start tweede spoor", "Start of the second track"),
        recorded=_("Second track started"),
        todo=_("Start the second track: work with another employer."),
        duty=Duty(
            Text(
                _(
                    "Start the search for work with another employer (the second track), usually "
                    "with a re-integration bureau, unless a return in your own company within three "
                    "months is expected."
                )
            ),
            Text(
                _(
                    "When work with another employer was not or not sufficiently explored, UWV has "
                    "you do it first and can impose a wage sanction of up to 52 weeks of wages "
                    "(%(basis)s)."
                ),
                (("basis", basis(BKP.art("5"), WIA.art("25", lid="9"))),),
            ),
            "twee-sporen",
        ),
    ),
    Rule(
        "reintegration_report",
        "employer",
        ("employer", "employee"),
        basis(WIA.art("25", lid="3"), WIA.art("25", lid="4")),
        "WIA art. 25 lid 3 and 4",
        ("Re-integratieverslag", "Re-integration report"),
        recorded=_("Re-integration report completed"),
        todo=_("Complete the re-integration report and give the employee a copy."),
        duty=Duty(
            Text(
                _(
                    "Complete the re-integration report with your employee and give them copies of "
                    "every document in it. The company doctor adds a current opinion; your employee "
                    "adds their own view."
                )
            ),
            Text(
                _(
                    "An incomplete report leads to an administrative wage sanction when it is not "
                    "completed within the short term UWV gives."
                )
            ),
            "wia-aanvraag",
        ),
        employee_duty=_(
            "Give your own opinion for the re-integration report, and check that you "
            "received copies of every document."
        ),
    ),
    Rule(
        "wia_application",
        "employee",
        ("employee",),
        basis(WIA.art("64", lid="3")),
        "WIA art. 64 lid 3",
        ("WIA-aanvraag", "WIA application"),
        recorded=_("WIA application submitted"),
        todo=_("The employee applies for WIA benefit, with the re-integration report."),
        duty=Duty(
            Text(
                _(
                    "Your employee applies for WIA benefit with UWV. Help them: the re-integration "
                    "report goes with the application."
                )
            ),
            Text(_("A late application lengthens your wage payment by the delay.")),
            "wia-aanvraag",
        ),
        employee_duty=_("Apply for WIA benefit with UWV."),
    ),
)

#: Event types that record a fact rather than fulfil a duty (the second-track decision, D8).
FACTS: tuple[Fact, ...] = (
    Fact("own_company_return_expected", _("Return in own company within 3 months expected")),
)
