"""The guided paths, step by step, in plain language: what each step is, why, and the rule it rests on.

Three paths: the employer's when the employee does not cooperate (seed 001), the seven steps for a
stalled case (seed 003) and the employee's when the employer does not cooperate (seed 000). Where a
seed is wrong the law wins and the step says so in `correction` (decision D18).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from openverzuim.cases.models import EventKind
from openverzuim.core.i18n import cited
from openverzuim.law.citations import BKP, BW7, SUWI, WFSV, WIA, Basis, basis

if TYPE_CHECKING:
    from openverzuim.core.i18n import LazyStr

EMPLOYER, STALLED, EMPLOYEE = "employer", "stalled", "employee"


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    text: LazyStr
    basis: Basis | None = None
    correction: LazyStr | None = None  # where the seed article is wrong, what the law says
    event_kind: str | None = None  # the dossier event the step also records, if one exists
    follow_up: bool = False  # an agreement or order: ask for the day it is checked
    form: str | None = None  # the page that records the step in detail (measures URL name)
    letter: str | None = None  # the page with the step's letter (measures URL name)


@dataclass(frozen=True)
class Path:
    slug: str
    title: Promise
    intro: Promise
    steps: tuple[Step, ...]

    def step(self, slug: str) -> Step | None:
        return next((s for s in self.steps if s.slug == slug), None)


CONVERSATION = _(
    "Listen, summarise and ask on. Do not judge, do not give your opinion, do not give "
    "advice. Ask what stands in the way and what the employee needs; agree what happens "
    "next and by when. Never ask about the diagnosis or treatment."
)
EXPERT_OPINION = Step(
    "expert_opinion",
    _("Ask UWV for an expert opinion"),
    _(
        "When you disagree about the re-integration, UWV gives an expert opinion (deskundigenoordeel) "
        "within about two to four weeks. It is not binding, but a court asks for it, and UWV expects "
        "you to use it to break a deadlock."
    ),
    basis(SUWI.art("32"), BW7.art("629a", lid="1"), BKP.art("10")),
    form="measures:opinion_new",
)

EMPLOYER_PATH = Path(
    EMPLOYER,
    _("When the employee does not cooperate"),
    _(
        "Work through these steps in order and record each one: UWV checks at the end whether you "
        "addressed non-cooperation, and an employer who lets it be can get a wage sanction itself."
    ),
    (
        Step(
            "conversation",
            _("Have the conversation"),
            CONVERSATION,
            basis(BW7.art("660a")),
            event_kind=EventKind.MEETING,
        ),
        Step(
            "reintegration_bureau",
            _("Engage a re-integration bureau"),
            _(
                "A bureau brings knowledge of the rules, coaching that motivates, a network of employers "
                "and knowledge of the labour market. The costs are yours."
            ),
            basis(BW7.art("658a", lid="1"), BKP.art("9")),
        ),
        Step(
            "physician_mediator",
            _("Ask the company doctor to mediate"),
            _(
                "The company doctor knows the medical situation and keeps it confidential. The employee "
                "may speak more freely there; the doctor advises you without sharing medical details."
            ),
            basis(WIA.art("25", lid="5")),
        ),
        EXPERT_OPINION,
        Step(
            "written_warning",
            _("Warn the employee in writing"),
            _(
                "Name the duty that is not kept, the date by which it must be kept, and what follows if "
                "not: a wage stop and, in the end, dismissal. Keep a copy in the dossier."
            ),
            basis(BW7.art("660a"), BW7.art("671b", lid="5", sub="a")),
            letter="measures:warning_letter",
        ),
        Step(
            "wage_measure",
            _("Suspend or stop the wage"),
            cited(
                gettext_noop(
                    "Suspension (%(suspension)s) is for written control rules not kept, such as missing the "
                    "company doctor's appointment: once the employee keeps them, you pay the withheld wage. "
                    "A stop (lid 3 a-f) is for refusing suitable work, instructions or the plan of action: "
                    "the wage for that time is lost for good. Either way, tell the employee without delay "
                    "once you know the cause or reasonably should have known it, naming the ground, the "
                    "start and how to end it; otherwise you cannot rely on it (lid 7). The law does not ask "
                    "for writing, but a letter is your proof. The law sets no number of days: Open Verzuim "
                    "warns after two working days, which is our decision (D13), not a legal term."
                ),
                suspension=BW7.art("629", lid="6"),
            ),
            basis(
                BW7.art("629", lid="3"),
                BW7.art("629", lid="6"),
                BW7.art("629", lid="7"),
                decision="D13",
            ),
            correction=cited(
                gettext_noop(
                    'The usual advice calls both measures a "loonsanctie" and offers suspension '
                    "for non-cooperation, to be announced in advance. The law: suspension only "
                    "for written control rules, non-cooperation with re-integration means a stop, "
                    "and notice is due without delay once you know or should have known the cause. "
                    "A loonsanctie is UWV's sanction on the employer (%(article)s)."
                ),
                article=WIA.art("25", lid="9"),
            ),
            form="measures:measure_new",
        ),
        Step(
            "dismissal",
            _("Ask the court to end the contract (last resort)"),
            _(
                "Only for persistent refusal without a valid reason, on the ground of culpable conduct. "
                "The court refuses unless you first warned in writing or stopped the wage with prompt "
                "notice, and you hold a UWV expert statement on the employee's duties."
            ),
            basis(
                BW7.art("669", lid="3", sub="e"),
                BW7.art("671b", lid="5"),
                BW7.art("670a", lid="1"),
                decision="D18",
            ),
            correction=cited(
                gettext_noop(
                    "The ground is %(ground)s with the preconditions of "
                    "%(preconditions)s, not sub c (that is frequent absence) and "
                    "not %(agreement)s (termination by agreement)."
                ),
                ground=BW7.art("669", lid="3", sub="e"),
                preconditions=BW7.art("671b", lid="5"),
                agreement=BW7.art("670b"),
            ),
        ),
    ),
)

STALLED_PATH = Path(
    STALLED,
    _("When the re-integration stalls: seven steps"),
    _(
        "No progress, agreements not kept, advice not followed: take these steps, and record each one."
    ),
    (
        Step(
            "talk_now",
            _("1. Talk now"),
            _(
                "Name the responsibilities again, find out why they are not taken, and make new work "
                "agreements so that it does happen."
            ),
            basis(BW7.art("660a")),
            event_kind=EventKind.MEETING,
        ),
        Step(
            "agreement",
            _("2. Make a re-integration agreement"),
            _("Write down what each of you will do and by when."),
            basis(BW7.art("658a", lid="3")),
            correction=_(
                "Such an agreement is no legal instrument of its own: the law's instrument "
                "is the plan of action. Put the agreements in the plan or its adjustment."
            ),
            follow_up=True,
        ),
        Step(
            "daily_activities",
            _("3. Talk about daily activities, never medical matters"),
            _(
                "Sitting, standing, walking, cycling, driving: what can the employee do, and how does "
                "that translate into tasks at work? The company doctor's functional limitations are "
                "the basis. Do not ask about illness or treatment, and do not record it."
            ),
        ),
        Step(
            "work_order",
            _("4. Turn it into a work order"),
            _(
                "Write down what the employee does in a set period to work on recovery and return, in a "
                "form the employee knows from work."
            ),
            basis(BW7.art("658a", lid="2")),
            follow_up=True,
        ),
        Step(
            "businesslike",
            _("5. Be involved, stay businesslike"),
            _(
                "Show interest in how things are at home, and keep clear that there is a task to "
                "complete with a deadline."
            ),
        ),
        Step(
            "consequences",
            _("6. Attach consequences"),
            _(
                "If the employee refuses without a valid reason to cooperate with the re-integration (the "
                "plan of action, reasonable instructions, suitable work offered), the law gives a wage "
                "stop; a wage suspension is only for written control rules not kept; in the end, "
                "dismissal. Each has its preconditions: follow the employer's path."
            ),
            basis(
                BW7.art("629", lid="3", sub="c"),
                BW7.art("629", lid="3", sub="d"),
                BW7.art("629", lid="3", sub="e"),
                BW7.art("629", lid="6"),
            ),
            correction=cited(
                gettext_noop(
                    "The usual advice offers a wage suspension for re-integration "
                    "agreements not kept. The law: refusing to cooperate with the "
                    "re-integration is a ground for a stop (%(stop)s to e); a "
                    "suspension (lid 6) is only for written control rules, such as "
                    "being reachable."
                ),
                stop=BW7.art("629", lid="3", sub="c"),
            ),
        ),
        Step(
            "keep_dossier",
            _("7. Keep the dossier"),
            _(
                "Record every agreement and have the employee sign it. UWV judges the efforts by the "
                "dossier."
            ),
            basis(WIA.art("25", lid="1")),
        ),
    ),
)

EMPLOYEE_PATH = Path(
    EMPLOYEE,
    _("When your employer does not cooperate"),
    _(
        "What your employer owes you, and where to go when it does not happen. What you record here is "
        "visible only to you."
    ),
    (
        Step(
            "know_your_rights",
            _("Know what your employer owes you"),
            _(
                "Pay: at least 70 per cent of your wage up to the maximum daily wage, for up to 104 "
                "weeks, in the first year at least the minimum wage (your collective agreement often "
                "gives more). Active guidance: your employer takes the lead and looks for work. Suitable "
                "work: your own work, adapted if needed, or other work. Workplace adjustments: "
                "furniture, hours, tasks, aids, coaching."
            ),
            basis(
                BW7.art("629", lid="1"),
                WFSV.art("17", lid="1"),
                BW7.art("658a", lid="1"),
                BW7.art("658a", lid="4"),
            ),
            correction=_(
                "The usual advice says more work counts as suitable after six months. That is "
                "no legal boundary: what counts as suitable widens gradually the longer you "
                "are ill."
            ),
        ),
        Step(
            "conversation",
            _("Talk to your employer, prepared"),
            _(
                "Decide beforehand what you do and do not want to discuss. Say what troubles you and "
                "what you would like to see differently. Make no promises on the spot: you may always "
                "take time to think or to ask advice. Medical details are for the company doctor only."
            ),
        ),
        Step(
            "expert_opinion",
            EXPERT_OPINION.title,
            _(
                "When you disagree about suitable work, or think your employer does too little, ask UWV "
                "for an expert opinion. It costs you a fee and is not binding, but it often shows both "
                "of you the way, and a court needs it."
            ),
            basis(SUWI.art("32", lid="3"), SUWI.art("32a", lid="2"), BW7.art("658b")),
        ),
        Step(
            "mediator",
            _("Bring in a mediator"),
            _(
                "If talking is hard or the relationship is damaged: a professional mediator, someone "
                "within the company or a re-integration bureau. Choose someone independent whom you "
                "both trust."
            ),
        ),
        Step(
            "legal_help",
            _("Get legal help"),
            _(
                "Your union (if you are a member), Het Juridisch Loket (free first advice) or your "
                "legal-expenses insurance."
            ),
        ),
        Step(
            "court",
            _("Go to court (last resort)"),
            _(
                "The cantonal court can order your employer to pay or to do its re-integration duties. "
                "It needs the UWV expert opinion. A court case weighs on the relationship: take advice "
                "first."
            ),
            basis(BW7.art("629a", lid="1"), BW7.art("658b")),
        ),
    ),
)

PATHS = {p.slug: p for p in (EMPLOYER_PATH, STALLED_PATH, EMPLOYEE_PATH)}
#: The paths the employer side walks on a case; the employee's path is the employee's own.
EMPLOYER_PATHS = (EMPLOYER, STALLED)
