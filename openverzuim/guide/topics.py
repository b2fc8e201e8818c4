"""The knowledge pages: what each is about, whom it is for, and the law it rests on.

The text of a page lives in `templates/guide/topics/<slug>.<language>.html`, one file per language,
because a page is prose with headings and lists rather than a string to translate. The citations are
data, shown under every page with a link to wetten.overheid.nl (architecture.md rule 2).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from openverzuim.law.citations import ARBOWET, BKP, BW7, RPG, SUWI, WFSV, WIA, ZW, Citation

EMPLOYER, EMPLOYEE, BOTH = "employer", "employee", "both"


@dataclass(frozen=True)
class Topic:
    slug: str
    title: Promise
    summary: Promise
    audience: str
    basis: tuple[Citation, ...]
    milestones: tuple[str, ...] = ()  # the timeline moments at which this page matters

    def template(self, language: str) -> str:
        return f"guide/topics/{self.slug}.{language}.html"


TOPICS = (
    Topic(
        "rechten-en-plichten",
        _("Rights and duties during sickness"),
        _("What employer and employee owe each other from the first sick day to week 104."),
        BOTH,
        (
            BW7.art("629", "1"),
            WFSV.art("17", "1"),
            BW7.art("658a", "1"),
            BW7.art("660a"),
            WIA.art("25", "1"),
            RPG.art("4", "1"),
            ZW.art("38", "1"),
        ),
        ("occupational_health_notified", "problem_analysis", "action_plan"),
    ),
    Topic(
        "loondoorbetaling",
        _("Pay during sickness"),
        _(
            "At least 70% of the wage up to the maximum daily wage for 104 weeks, never below the "
            "minimum wage in the first year."
        ),
        BOTH,
        (
            BW7.art("629", "1"),
            WFSV.art("17", "1"),
            BW7.art("629", "2"),
            BW7.art("629", "9"),
            BW7.art("629", "10"),
            BW7.art("629", "11"),
        ),
        (),
    ),
    Topic(
        "twee-sporen",
        _("The first and the second track"),
        _("Back to work in your own company, or with another employer when that is out of reach."),
        BOTH,
        (BW7.art("658a", "1"), BKP.art("5"), WIA.art("25", "9")),
        ("first_year_evaluation", "track_two_start"),
    ),
    Topic(
        "passend-werk",
        _("Suitable work"),
        _("Which work counts as suitable, and why that widens the longer the sickness lasts."),
        BOTH,
        (BW7.art("658a", "4"), BW7.art("660a", sub="c"), BKP.art("8"), BKP.art("3")),
        ("action_plan", "progress_review"),
    ),
    Topic(
        "loon-opschorten-of-stoppen",
        _("Suspending or stopping pay"),
        _(
            "When an employer may hold back pay, which ground applies, and what it means for back pay."
        ),
        BOTH,
        (BW7.art("629", "3"), BW7.art("629", "6"), BW7.art("629", "7")),
        (),
    ),
    Topic(
        "deskundigenoordeel",
        _("The UWV expert opinion"),
        _("An independent opinion from UWV when employer and employee disagree."),
        BOTH,
        (SUWI.art("32"), SUWI.art("32a"), BW7.art("629a", "1"), BW7.art("629a", "2")),
        ("progress_review",),
    ),
    Topic(
        "oneens-met-de-bedrijfsarts",
        _("When you disagree with the company doctor"),
        _("Your options, from a written objection to a UWV expert opinion."),
        EMPLOYEE,
        (SUWI.art("32a"), BW7.art("629a", "1"), BW7.art("660a"), ARBOWET.art("14")),
        ("problem_analysis",),
    ),
    Topic(
        "vastgelopen",
        _("When you get stuck"),
        _(
            "A strained relationship, psychological complaints, grief over losing your job: what helps."
        ),
        EMPLOYEE,
        (BW7.art("658a", "3"), BKP.art("5")),
        ("progress_review",),
    ),
    Topic(
        "wia-aanvraag",
        _("The WIA application"),
        _("The re-integration report by week 91 and the application by week 93."),
        BOTH,
        (WIA.art("25", "3"), WIA.art("64", "3"), WIA.art("65"), BW7.art("629", "11")),
        ("reintegration_report", "wia_application"),
    ),
    Topic(
        "ontslag-en-tijdelijk-contract",
        _("Dismissal and fixed-term contracts"),
        _("The dismissal ban during sickness, refusing to cooperate, and a contract that ends."),
        BOTH,
        (
            BW7.art("670", "1"),
            BW7.art("670a", "1"),
            BW7.art("669", "3"),
            BW7.art("671b", "5"),
            ZW.art("38", "2"),
        ),
        (),
    ),
)

BY_SLUG = {topic.slug: topic for topic in TOPICS}


def topics_for_milestone(milestone_id: str) -> list[Topic]:
    return [topic for topic in TOPICS if milestone_id in topic.milestones]
