"""The AOW age (*pensioengerechtigde leeftijd*, AOW art. 7a lid 1) by date of birth, and the day
from which BW 7:629 lid 2 sub b shortens the wage duty.

AOW art. 7a lid 1 gives the age per calendar year ("in 2019: 66 jaar en vier maanden"); its last
sentence: "Op pensioengerechtigden die in een bepaald kalenderjaar de pensioengerechtigde leeftijd
hebben bereikt zijn de pensioengerechtigde leeftijd … in de kalenderjaren daarna niet van
toepassing." So a person reaches it on the first day `birth + age(year)` that falls in `year`
itself. The rows up to 2025 are statute (docs/law-texts/algemene-ouderdomswet.md, three versions);
the years from 2026 are fixed by the Minister's announcements in the Staatscourant (lid 2), which
the repository does not hold: for them the date is not known (None), never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from .citations import AOW, BW7_FROM_2016, basis
from .counting import Episode

# The version of art. 7a each row is read from: the one in force in that calendar year.
_V2013 = "AOW art. 7a lid 1, text valid from 2013-01-01"
_V2015 = "AOW art. 7a lid 1, text valid from 2015-06-18"
_V2020 = "AOW art. 7a lid 1, text valid from 2020-01-01 (Wet temporisering, Stb. 2019, 246)"


@dataclass(frozen=True, slots=True)
class AowAgeRow:
    """The pensioengerechtigde leeftijd of one calendar year (`year` None: "vóór 1 januari 2013")."""

    year: int | None
    years: int
    months: int
    source: str


AOW_AGES = (
    AowAgeRow(None, 65, 0, _V2013),  # a. vóór 1 januari 2013: 65
    AowAgeRow(2013, 65, 1, _V2013),  # b.
    AowAgeRow(2014, 65, 2, _V2013),  # c.
    AowAgeRow(2015, 65, 3, _V2013),  # d. (the same in every later version)
    AowAgeRow(2016, 65, 6, _V2015),  # e. (2013 text: 65 and 5 months, replaced before 2016)
    AowAgeRow(2017, 65, 9, _V2015),  # f.
    AowAgeRow(2018, 66, 0, _V2015),  # g.
    AowAgeRow(2019, 66, 4, _V2015),  # h.
    AowAgeRow(2020, 66, 4, _V2020),  # i. (2015 text: 66 and 8 months, replaced before 2020)
    AowAgeRow(2021, 66, 4, _V2020),  # j.
    AowAgeRow(2022, 66, 7, _V2020),  # k.
    AowAgeRow(2023, 66, 10, _V2020),  # l.
    AowAgeRow(2024, 67, 0, _V2020),  # m.
    AowAgeRow(2025, 67, 0, _V2020),  # n.
)
#: The last calendar year whose AOW age the repository holds (lid 1 sub n). From 2026 (sub o) the age
#: is announced in the Staatscourant under lid 2; those announcements are not in docs/law-texts/.
LAST_FIXED_YEAR = AOW_AGES[-1].year or 0
FIRST_RAISED_YEAR = 2013  # lid 1 sub a: "vóór 1 januari 2013: 65"

AOW_AGE_BASIS = basis(AOW.art("7a", lid="1"), AOW.art("7a", lid="2"))


def _month(birth: date, years: int, months: int) -> tuple[int, int]:
    """The (year, month) in which `birth` plus whole years and months falls."""
    total = birth.month - 1 + months
    return birth.year + years + total // 12, total % 12 + 1


def _plus(birth: date, years: int, months: int) -> date | None:
    """`birth` plus a whole number of years and months; None when that day does not exist (born on
    the 29th-31st, a shorter month): the statute does not say which day is then meant."""
    try:
        return date(*_month(birth, years, months), birth.day)
    except ValueError:
        return None


def aow_age_date(birth: date) -> date | None:
    """The day the AOW age is reached (AOW art. 7 lid 1 sub a, art. 7a lid 1), or None when the
    repository does not hold it: a year from 2026 (lid 2, not yet in our sources) or a day the
    calendar lacks in the year it would be reached (see `_plus`)."""
    for row in AOW_AGES:
        year, _ = _month(birth, row.years, row.months)
        # "vóór 1 januari 2013" (row.year None) takes every year before 2013. The ages never fall,
        # so a later row never gives an earlier year; a later year means a later row applies.
        if year == row.year or (row.year is None and year < FIRST_RAISED_YEAR):
            return _plus(birth, row.years, row.months)
    return None


def aow_age_not_before(birth: date) -> date:
    """A day before which the AOW age cannot be reached, for any birth date; the day itself where
    `aow_age_date` knows it. The reaching day only moves later with a later birth date and lid 2
    never lowers the age ("Indien V negatief is … wordt deze gesteld op 0"), so the same reckoning
    for the 28th (a day every month has) with 2025's 67 years for the later years is a lower bound.
    Used only to tell that lid 2 cannot apply within a schedule."""
    known = aow_age_date(birth)
    if known is not None:
        return known
    early = birth.replace(day=min(birth.day, 28))
    found = aow_age_date(early)
    if found is not None:
        return found
    last = AOW_AGES[-1]
    return max(
        date(*_month(early, last.years, last.months), early.day), date(LAST_FIXED_YEAR + 1, 1, 1)
    )


# BW 7:629 lid 2 sub b, from 1 January 2016 (Wet werken na de AOW-gerechtigde leeftijd, Stb. 2015,
# 376; docs/law-texts/bw7-629-from-2016.md): from the AOW age the right of lid 1 holds "voor een
# tijdvak van zes weken"; sickness that began earlier keeps it "vanaf die datum …, voor zover het
# totale tijdvak niet meer bedraagt dan 104 weken". Art. VIIIa lid 1 of that act: thirteen weeks
# until a date fixed by royal decree, 1 July 2023 (Stb. 2023, 169), for sickness that began before it.
LID_2_IN_FORCE = date(2016, 1, 1)
SIX_WEEKS_FROM = date(2023, 7, 1)
WEEKS_BEFORE, WEEKS_FROM = 13, 6
AOW_WAGE_DUTY_BASIS = basis(
    BW7_FROM_2016.art("629", lid="2", sub="b"),
    AOW.art("7", lid="1", sub="a"),
    AOW.art("7a", lid="1"),
)


class AowLimit(NamedTuple):
    """What BW 7:629 lid 2 sub b does to a schedule that runs to `last_day`.

    `status`: "not_reached" (lid 2 certainly ends nothing before `last_day`), "applied" (`last_day`
    is the day the shortened duty ends, `reached_on` and `weeks` say why) or "unknown" (it may come
    before, and the repository cannot say when, or which text governs: `reason`)."""

    status: str  # "not_reached", "applied" or "unknown"
    last_day: date
    reached_on: date | None = None
    weeks: int | None = None
    reason: str = ""


def aow_limit(birth: date, episode: Episode, last_day: date) -> AowLimit:
    """The last day of the wage duty under BW 7:629 lid 2 sub b, at most `last_day` (the duty of
    lid 1 and 11 as the timeline computed it). Weeks are counted in sick days of the episode, as
    the 104 weeks are (decision D1)."""
    # Six weeks from the AOW age at the earliest, counted in sick days, end no sooner than 41
    # calendar days after it: reached later than that before `last_day`, lid 2 shortens nothing.
    if aow_age_not_before(birth) + timedelta(days=7 * WEEKS_FROM - 1) >= last_day:
        return AowLimit("not_reached", last_day)
    first_sick_day = episode.periods[0].start
    if first_sick_day < LID_2_IN_FORCE:
        return AowLimit(
            "unknown",
            last_day,
            reason="BW 7:629 lid 2 sub b is in force from 2016-01-01 and its transitional law for "
            "sickness that began before then is not in our sources",
        )
    reached = aow_age_date(birth)
    if reached is None:
        return AowLimit(
            "unknown",
            last_day,
            reason="the AOW age of this date of birth is not fixed in our sources (AOW art. 7a "
            f"lid 2: the years from {LAST_FIXED_YEAR + 1} are announced in the Staatscourant)",
        )
    weeks = WEEKS_BEFORE if first_sick_day < SIX_WEEKS_FROM else WEEKS_FROM
    before = episode.sick_days_until(reached.toordinal() - 1)  # 0 when AOW-aged from day 1
    end = date.fromordinal(episode.day_of(before + 7 * weeks))
    if end >= last_day:
        return AowLimit("not_reached", last_day, reached, weeks)
    return AowLimit("applied", end, reached, weeks)
