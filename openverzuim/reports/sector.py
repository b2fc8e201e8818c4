"""The sector average: CBS's absence percentage of the employer's sector (SBI section) beside its
own (docs/statistics.md, "Sector average").

Primary source: CBS StatLine table 80072ned, *Ziekteverzuimpercentage; bedrijfstakken (SBI 2008) en
bedrijfsgrootte* (the absence percentage of employees as reported by the companies, quarterly since
1996). The figures below were read from the table's public page on the retrieval date; a figure CBS
marks as provisional (`*`) says so. To add a quarter, add its rows with the same source: nothing
else changes. Only published figures belong here, never an estimate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .figures import Window

SOURCE = (
    "CBS StatLine 80072ned, Ziekteverzuimpercentage; bedrijfstakken (SBI 2008) en bedrijfsgrootte"
)
SOURCE_URL = "https://www.cbs.nl/nl-nl/cijfers/detail/80072ned"
RETRIEVED = date(2026, 12, 6)
#: The whole economy, SBI A-U: shown when the employer has not named its sector.
ALL_SECTIONS = "A-U"


@dataclass(frozen=True, slots=True)
class SectorFigure:
    section: str  # an SBI section letter, or ALL_SECTIONS
    year: int
    quarter: int
    percentage: Decimal
    provisional: bool


def _quarter(year: int, quarter: int, provisional: bool, rows: str) -> list[SectorFigure]:
    return [
        SectorFigure(section, year, quarter, Decimal(value), provisional)
        for section, value in (item.split("=") for item in rows.split())
    ]


#: 2022, third quarter, provisional (the page shows "2022 3e kwartaal*"). Section S's row was not
#: legible in the copy read, so it is left out rather than guessed.
FIGURES: tuple[SectorFigure, ...] = (
    *_quarter(
        2022,
        3,
        True,
        "A-U=5.0 A=3.1 B=4.2 C=5.9 D=4.8 E=5.8 F=4.9 G=4.5 H=5.8 I=4.1 J=3.7 K=3.0 L=3.9 M=3.4 "
        "N=4.4 O=5.5 P=4.8 Q=7.1 R=4.8",
    ),
)


def sector_figure(
    section: str, window: Window, figures: tuple[SectorFigure, ...] = FIGURES
) -> SectorFigure | None:
    """CBS's figure for the section (the whole economy without one) of the quarter the window ends
    in, or else of the latest quarter published before it; None when nothing is held for it."""
    wanted = section or ALL_SECTIONS
    held = [
        item
        for item in figures
        if item.section == wanted and (item.year, item.quarter) <= _quarter_of(window.end)
    ]
    return max(held, key=lambda item: (item.year, item.quarter), default=None)


def _quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1
