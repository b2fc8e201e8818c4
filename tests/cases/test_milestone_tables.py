"""Tables outside law/ keyed by law's registries follow them: the event kinds, the case page's to-do texts
and the guide's duty texts have the milestone ids; the wage-measure choices the kinds and grounds."""

from __future__ import annotations

from openverzuim.cases.models import EventKind
from openverzuim.cases.templatetags.cases import TODO
from openverzuim.guide.duties import EMPLOYER_DUTIES
from openverzuim.law.timeline import MILESTONE_RULES

IDS = [rule.id for rule in MILESTONE_RULES]


def test_every_milestone_has_an_event_kind_with_its_id_as_value():
    assert set(IDS) <= {kind.value for kind in EventKind}


def test_the_to_do_texts_and_the_guides_duties_cover_exactly_the_milestones():
    assert list(TODO) == IDS
    assert set(EMPLOYER_DUTIES) == set(IDS)


def test_the_wage_measure_choices_are_the_laws_kinds_and_grounds():
    from openverzuim.cases.models import WageMeasure
    from openverzuim.law.sanctions import GROUNDS, MEASURE_KINDS

    assert tuple(WageMeasure.Kind.values) == MEASURE_KINDS
    assert set(WageMeasure.Ground.values) == set(GROUNDS)
