"""Each timeline duty in plain language: what to do, in two sentences, and what happens when it is missed.

The dates and statuses come from the engine (law.timeline); this module only explains them. The
consequences follow law.md: a wage sanction of up to 52 weeks for re-integration not done (WIA art. 25
lid 9), a fine of up to EUR 455 for a late report to UWV (ZW art. 38 lid 3, art. 38a lid 8).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Explanation:
    what: Promise
    why: Promise
    topic: str = ""  # slug of the knowledge page that explains more


EMPLOYER_DUTIES = {
    "occupational_health_notified": Explanation(
        _("Report the sickness to your occupational health service or company doctor. Tell them who is "
          "sick, since when, how to reach them and what work is waiting; never the diagnosis."),
        _("Without the company doctor there is no problem analysis, and UWV can later judge your "
          "re-integration efforts insufficient."), "rechten-en-plichten"),
    "problem_analysis": Explanation(
        _("Ask the company doctor for the problem analysis: what your employee can and cannot do, and "
          "what is needed to return. It is due by the end of week 6."),
        _("A missing problem analysis makes the re-integration report incomplete (RPG art. 6). A late "
          "one counts at UWV's gatekeeper test only where it led to too little or the wrong "
          "re-integration effort, and that can bring a wage sanction (BKP §4)."), "rechten-en-plichten"),
    "action_plan": Explanation(
        _("Draw up the plan of action together with your employee: the goal, who does what by when, and "
          "who the case manager is. Both of you sign it, and your employee gets a copy."),
        _("A missing plan of action makes the re-integration report incomplete (RPG art. 6); a late one "
          "counts only where it led to too little re-integration effort (BKP §4). The plan is the "
          "backbone of the report UWV reads in week 91."), "rechten-en-plichten"),
    "progress_review": Explanation(
        _("Discuss the progress of the plan of action with your employee, and adjust the plan when the "
          "company doctor's advice or the progress calls for it. Write down what you agreed."),
        _("The law asks for regular reviews (WIA art. 25 lid 2; BW 7:658a lid 3); every six weeks is "
          "the usual practice, not a legal term. Long silences in the file weigh against you at the "
          "gatekeeper test."), "passend-werk"),
    "safety_net_report": Explanation(
        _("Report the sickness to UWV: your employee falls under the Sickness Benefits Act safety net, "
          "so you are entitled to sickness benefit to compensate the wage you pay."),
        _("Report late and UWV pays the benefit for at most one year back, and can fine you up to "
          "EUR 455."), "loondoorbetaling"),
    "uwv_42_week_report": Explanation(
        _("Report your employee's long-term sickness to UWV (the 42nd-week report), at the latest on the "
          "day after week 42 of sickness."),
        _("Late reports can be fined up to EUR 455, and without a report before week 81 your employee "
          "loses protection for a late WIA application, which can lengthen your wage payment."),
        "wia-aanvraag"),
    "first_year_evaluation": Explanation(
        _("Look back on the first year with your employee and the company doctor, and decide whether a "
          "return in your own company is still realistic. Record the decision on the second track."),
        _("UWV checks that this evaluation took place, and expects work with another employer to be "
          "looked at by then when no return in your own company is in sight (BKP §4 and §5)."),
        "twee-sporen"),
    "track_two_start": Explanation(
        _("Start the search for work with another employer (the second track), usually with a "
          "re-integration bureau, unless a return in your own company within three months is expected."),
        _("When work with another employer was not or not sufficiently explored, UWV has you do it "
          "first and can impose a wage sanction of up to 52 weeks of wages (BKP §5; WIA art. 25 "
          "lid 9)."), "twee-sporen"),
    "reintegration_report": Explanation(
        _("Complete the re-integration report with your employee and give them copies of every document "
          "in it. The company doctor adds a current opinion; your employee adds their own view."),
        _("An incomplete report leads to an administrative wage sanction when it is not completed within "
          "the short term UWV gives."), "wia-aanvraag"),
    "wia_application": Explanation(
        _("Your employee applies for WIA benefit with UWV. Help them: the re-integration report goes with "
          "the application."),
        _("A late application lengthens your wage payment by the delay."), "wia-aanvraag"),
}

#: The document that fulfils a duty, prepared from the dossier (documents.types): one click away.
DOCUMENT_FOR = {"action_plan": "action_plan", "progress_review": "progress_review",
                "first_year_evaluation": "first_year_evaluation"}

EMPLOYEE_DUTIES = {
    "action_plan": _("Make the plan of action together with your employer, and sign it."),
    "progress_review": _("Talk about the progress of your plan with your employer regularly; in "
                         "practice every six weeks."),
    "first_year_evaluation": _("Look back on the first year together with your employer and decide "
                               "what comes next."),
    "reintegration_report": _("Give your own opinion for the re-integration report, and check that you "
                              "received copies of every document."),
    "wia_application": _("Apply for WIA benefit with UWV."),
}

#: What an employee must always do, whatever the date (BW 7:660a; BW 7:629 lid 6).
EMPLOYEE_STANDING_DUTIES = (
    _("Follow your employer's rules for reporting sick and being reachable."),
    _("See the company doctor when you are invited."),
    _("Do suitable work your employer offers, and cooperate with what helps you return."),
)
