"""Recorded wage stops and suspensions in the case's pay schedule (issue 7): the case page pays
nothing for stopped days and pays suspended days later. Amounts by hand from the statute.

Eva earns EUR 3000 a month, 100% in year 1 (her agreement, above 70% and above the minimum wage for 32
hours, below the cap), sick since 5 January 2026: without measures she is paid 3000 a month and
61035.47 to 2 January 2028 (test_pay_block.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.urls import reverse

from openverzuim.cases.engine import case_pay_schedule, case_timeline
from openverzuim.cases.models import WageMeasure


def _pay(client, case):
    return client.get(reverse("cases:detail", args=[case.pk])).context["pay"]


def _month(schedule, name):
    return next(m for m in schedule.months if m.month == name)


def test_a_wage_stop_pays_nothing_for_its_days(anna_client, eva_stopped):
    pay = _pay(anna_client, eva_stopped)
    march = _month(pay["schedule"], "2026-03")
    # BW 7:629 lid 3: no right to wage for 1-10 March. Paid 11-31 March: 3000 x 21/31 = 2032.26;
    # lost 3000 x 10/31 = 967.74, never paid later.
    assert (march.amount, march.back_pay) == (Decimal("2032.26"), Decimal("0.00"))
    # 61035.47 - 967.74 = 60067.73; paid by 22 Nov 2026: 31812.90 - 967.74 = 30845.16.
    assert pay["schedule"].total == pay["cost"].wages_without_work == Decimal("60067.73")
    assert pay["cost"].paid_to_date == Decimal("30845.16")
    page = anna_client.get(reverse("cases:detail", args=[eva_stopped.pk])).content.decode()
    assert "€2,032.26" in page and "€60,067.73" in page
    assert "1 Mar–10 Mar: €0.00 a month, no right to wage (BW 7:629 lid 3)" in page


def test_the_stop_is_explained_in_dutch_too(client, anna, eva_stopped):
    client.force_login(anna)
    page = client.get(
        reverse("cases:detail", args=[eva_stopped.pk]), HTTP_ACCEPT_LANGUAGE="nl"
    ).content.decode()
    assert "geen recht op loon (BW 7:629 lid 3)" in page


def test_a_suspension_is_paid_later_once_the_rules_are_kept(anna_client, eva_suspended):
    pay = _pay(anna_client, eva_suspended)
    april, may = _month(pay["schedule"], "2026-04"), _month(pay["schedule"], "2026-05")
    # BW 7:629 lid 6. April: 1-19 paid 3000 x 19/30 = 1900.00; 20-30 held back 3000 x 11/30 = 1100.00.
    assert (april.amount, april.suspended, april.back_pay) == (
        Decimal("1900.00"),
        Decimal("1100.00"),
        Decimal("0.00"),
    )
    # May: 1-5 held back 3000 x 5/31 = 483.87; from 6 May (rules kept) paid 3000 x 26/31 = 2516.13,
    # plus everything held back, now owed: 1100.00 + 483.87 = 1583.87. 2516.13 + 1583.87 = 4100.00.
    assert (may.amount, may.suspended, may.back_pay) == (
        Decimal("4100.00"),
        Decimal("483.87"),
        Decimal("1583.87"),
    )
    # Nothing is lost in the end: the same 61035.47 as without the suspension, none outstanding.
    assert pay["schedule"].total == Decimal("61035.47")
    assert pay["schedule"].suspended_total == Decimal("0.00")
    page = anna_client.get(reverse("cases:detail", args=[eva_suspended.pk])).content.decode()
    assert "back pay €1,583.87" in page and "suspended €1,100.00" in page
    assert "suspended, to be paid later (BW 7:629 lid 6)" in page


def test_a_suspension_ended_without_the_rules_kept_stays_owed(eva_sick, anna, today):
    WageMeasure.objects.create(
        case=eva_sick,
        kind="suspension",
        ground="lid6",
        rules_in_writing=True,
        cause_known_on=date(2026, 4, 16),
        start=date(2026, 4, 20),
        end=date(2026, 4, 30),
    )
    schedule = case_pay_schedule(eva_sick, case_timeline(eva_sick, today))
    # 20-30 April held back (3000 x 11/30 = 1100.00); without the day the rules were kept again
    # nothing is owed back yet (lid 6), but the holding stops at the recorded end: May is paid in full.
    assert _month(schedule, "2026-04").amount == Decimal("1900.00")
    assert _month(schedule, "2026-05").amount == Decimal("3000.00")
    assert schedule.suspended_total == Decimal("1100.00")
    assert schedule.total == Decimal("59935.47")  # 61035.47 - 1100.00


def test_a_sanction_adds_nothing_while_an_open_stop_runs(anna_client, eva_sick):
    WageMeasure.objects.create(
        case=eva_sick,
        kind="stop",
        ground="lid3_b",
        cause_known_on=date(2026, 10, 28),
        start=date(2026, 11, 1),
    )
    cost = _pay(anna_client, eva_sick)["cost"]
    # The stop has no end, so the 52 weeks a sanction would add are unpaid as well (lid 3): without
    # the stop the exposure is 25064.52 (test_pay_block.py); with it, nothing. Paid: Jan 2612.90 +
    # Feb-Oct 9 x 3000 = 29612.90, and nothing from 1 November.
    assert cost.exposure == Decimal("0.00")
    assert cost.schedule.total == Decimal("29612.90")
