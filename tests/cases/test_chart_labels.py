"""The timeline picture reads on its own: weeks to 104, today labelled inside the picture, every
milestone labelled with its name and date, no two labels on top of each other, no leader line
through another label; over the engine's generated cases as well as the worked example."""

from __future__ import annotations

import re
from datetime import date
from xml.etree import ElementTree

from django.template.loader import render_to_string
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openverzuim.cases.chart import (
    CHAR_WIDTH,
    FONT_SIZE,
    Box,
    Chart,
    build_chart,
    place_labels,
    text_width,
)
from openverzuim.law import CaseFacts, SicknessPeriod, timeline
from openverzuim.law.contract import ContractError, parse_case
from tests.law.strategies import cases

SVG = "{http://www.w3.org/2000/svg}"


def _svg(chart: Chart, lang: str = "nl") -> ElementTree.Element:
    with translation.override(lang):
        html = render_to_string("cases/_chart.html", {"chart": chart})
    svg = re.search(r"<svg.*</svg>", html, re.S).group(0)
    return ElementTree.fromstring(svg)  # noqa: S314 (our own template's output, no entities)


def _view_box(svg: ElementTree.Element) -> tuple[float, float, float, float]:
    x, y, width, height = map(float, svg.get("viewBox").split())
    return x, y, width, height


def _texts(svg: ElementTree.Element, cls: str) -> list[ElementTree.Element]:
    return [t for t in svg.iter(f"{SVG}text") if t.get("class") == cls]


def _assert_readable(chart: Chart) -> None:
    """What every picture must satisfy, whatever the case."""
    boxes = [m.label for m in chart.markers]
    for i, box in enumerate(boxes):
        assert 0 <= box.x <= chart.width - box.width, box
        assert 0 <= box.y <= chart.height - box.height, box
        for other in boxes[i + 1 :]:
            assert not box.overlaps(other), (box, other)
    for marker in chart.markers:
        # The leader line runs from the dot down to its own label: through no other label.
        for other in chart.markers:
            if other is not marker and other.label.y < marker.label.y:
                assert not other.label.covers_x(marker.x), (marker.id, other.id)
    if chart.today_label is not None:
        box = chart.today_label
        assert 0 <= box.x <= chart.width - box.width


def test_the_worked_example_shows_week_104_today_and_every_milestone_with_its_date():
    result = timeline(CaseFacts((SicknessPeriod(date(2026, 1, 5)),)), date(2026, 11, 22))
    chart = build_chart(result, "nl")
    svg = _svg(chart)
    ticks = [t.text for t in _texts(svg, "tick-label")]
    assert ticks[0] == "wk 0" and ticks[-1] == "wk 104"
    assert ticks == [f"wk {w}" for w in (0, 13, 26, 39, 52, 65, 78, 91, 104)]
    (today,) = _texts(svg, "today-label")
    assert today.text == "vandaag"
    labels = _texts(svg, "marker-label")
    dated = [m for m in result.milestones if m.due]
    assert len(labels) == len(dated) == len(chart.markers)
    written = {"".join(t.itertext()) for t in labels}
    assert "Probleemanalyse15 feb 2026" in written  # the name, then the date under it
    _assert_readable(chart)


def test_the_last_week_label_and_today_stay_inside_the_picture():
    """'wk 104' sits at the right end and 'vandaag' at the left end on day 1: both fully inside."""
    result = timeline(CaseFacts((SicknessPeriod(date(2026, 1, 5)),)), date(2026, 1, 5))
    chart = build_chart(result, "nl")
    svg = _svg(chart)
    _, _, width, _ = _view_box(svg)
    last = _texts(svg, "tick-label")[-1]
    centre = float(last.get("x"))
    assert last.text == "wk 104"
    assert centre - text_width("wk 104") / 2 >= 0 and centre + text_width("wk 104") / 2 <= width
    (today,) = _texts(svg, "today-label")
    assert float(today.get("x")) >= 0
    assert float(today.get("x")) + text_width(today.text) <= width
    assert chart.today_label is not None and chart.today_label.x == 0  # pushed in from the edge


def test_the_fit_and_leave_days_are_bands_of_their_own_and_named_in_the_description():
    result = timeline(
        CaseFacts(
            (SicknessPeriod(date(2026, 1, 5), date(2026, 2, 13)), SicknessPeriod(date(2026, 3, 2)))
        ),
        date(2026, 6, 1),
    )
    svg = _svg(build_chart(result, "en"), "en")
    assert [r.get("class") for r in svg.iter(f"{SVG}rect")].count("band band-fit") == 1
    desc = svg.find(f"{SVG}desc").text
    assert "Fit: 14 Feb 2026 – 1 Mar 2026." in desc
    assert "Problem analysis: 3 Mar 2026, overdue." in desc
    assert svg.get("aria-describedby") == "chart-desc milestone-table"


def test_each_marker_is_a_link_named_by_its_label_for_the_keyboard():
    result = timeline(CaseFacts((SicknessPeriod(date(2026, 1, 5)),)), date(2026, 3, 1))
    svg = _svg(build_chart(result, "nl"))
    links = list(svg.iter(f"{SVG}a"))
    assert links and all(a.get("href", "").startswith("#md-") for a in links)
    for link in links:
        (label,) = [t for t in link.iter(f"{SVG}text") if t.get("class") == "marker-label"]
        assert "".join(label.itertext()).strip()


def test_the_picture_is_drawn_one_unit_to_a_pixel_so_its_text_stays_legible():
    """The SVG's width and height are its viewBox's (site.css does not scale it): text of FONT_SIZE
    user units is FONT_SIZE CSS pixels on any screen; a narrow one scrolls the picture in its box."""
    result = timeline(CaseFacts((SicknessPeriod(date(2026, 1, 5)),)), date(2027, 12, 1))
    chart = build_chart(result, "en")
    svg = _svg(chart, "en")
    _, _, width, height = _view_box(svg)
    assert (float(svg.get("width")), float(svg.get("height"))) == (width, height)
    assert float(svg.get("font-size")) == FONT_SIZE >= 12
    assert CHAR_WIDTH >= 0.6 * FONT_SIZE  # a width estimate no narrower than a real sans-serif


def test_labels_of_markers_on_one_day_go_in_separate_rows():
    boxes = place_labels([100.0, 100.0, 100.0], [80.0, 80.0, 80.0])
    assert len({b.y for b in boxes}) == 3


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=60)
@given(st.lists(st.tuples(st.floats(0, 990), st.floats(10, 300)), max_size=25))
def test_placed_labels_never_overlap_and_no_leader_line_crosses_a_label(pairs):
    pairs.sort()
    xs = [x for x, _ in pairs]
    boxes = place_labels(xs, [w for _, w in pairs])
    for i, box in enumerate(boxes):
        assert box.x > xs[i]  # right of its own leader line
        for j, other in enumerate(boxes):
            if i != j:
                assert not box.overlaps(other)
                if other.y < box.y:
                    assert not other.covers_x(xs[i])


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=60)
@given(cases())
def test_every_generated_case_gives_a_readable_picture(case):
    try:
        facts, as_of = parse_case(case, today=date(2026, 1, 1))
    except ContractError:
        return  # the contract refuses the case; the engine's own tests cover that
    result = timeline(facts, as_of)
    for lang in ("nl", "en"):
        chart = build_chart(result, lang)
        _assert_readable(chart)
        assert len(chart.markers) == sum(1 for m in result.milestones if m.due)
        assert {t.label for t in chart.ticks} >= {f"wk {w}" for w in range(0, 92, 13)}
        assert chart.ticks[-1].x <= chart.width


def test_box_overlap_is_strict():
    assert not Box(0, 0, 10, 10).overlaps(Box(10, 0, 10, 10))
    assert Box(0, 0, 10, 10).overlaps(Box(9.5, 9.5, 10, 10))
