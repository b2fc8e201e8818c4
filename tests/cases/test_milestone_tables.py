"""Tables outside law/ keyed by milestone follow law's registry (timeline.RULES): the event kinds, the
case page's to-do texts and the guide's duty texts have exactly its ids."""

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
