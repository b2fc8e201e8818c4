"""The timeline picture: geometry only, every date from the engine."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.html import escape

from openverzuim.cases.chart import WIDTH, build_chart
from openverzuim.law import CaseFacts, SicknessPeriod, timeline


def test_it_places_periods_gaps_today_and_every_dated_milestone():
    facts = CaseFacts(
        (SicknessPeriod(date(2026, 1, 5), date(2026, 2, 13)), SicknessPeriod(date(2026, 3, 2)))
    )
    result = timeline(facts, date(2026, 11, 22))
    chart = build_chart(result, "en")
    assert [b.kind for b in chart.bands] == ["sick", "sick", "fit"]
    fit = chart.bands[2]
    assert 0 < fit.x < chart.bands[1].x and fit.width > 0
    dated = [m for m in result.milestones if m.due]
    assert [m.id for m in chart.markers] == [m.id for m in sorted(dated, key=lambda m: m.due)]
    assert all(0 <= m.x <= WIDTH for m in chart.markers)
    assert 0 < chart.today_x < WIDTH
    analysis = next(m for m in chart.markers if m.id == "problem_analysis")
    assert analysis.title.startswith("Problem analysis: 03-03-2026 · overdue")
    assert "shifted 16 days by the fit period 14 Feb - 1 Mar" in analysis.title
    assert analysis.title.endswith("Regeling procesgang eerste en tweede ziektejaar, art. 2 lid 2")


def test_each_marker_opens_its_details_on_tap_or_click(client, anna, eva_sick):
    """A <title> shows on hover only: each marker links to a details box with the date, the
    explanation and the article, which the page shows for the marker chosen (CSS :target)."""
    client.force_login(anna)
    response = client.get(reverse("cases:detail", args=[eva_sick.pk]))
    html = response.content.decode()
    markers = response.context["chart"].markers
    assert markers
    for marker in markers:
        assert f'href="#md-{marker.id}" class="marker status-{marker.status}"' in html
        box = html[html.index(f'id="md-{marker.id}"') :]
        box = box[: box.index("</div>")]
        for text in (marker.name, marker.status_text, marker.how, marker.basis):
            assert escape(text) in box, (marker.id, text)
    analysis = html[html.index('id="md-problem_analysis"') :]
    assert "15 February 2026" in analysis[: analysis.index("</div>")]
