"""The legal sources the engine rests on, as data.

A `Citation` travels with every computed date to the CLI's `basis` field, `--explain`, the UI and the
API (architecture.md rule 2). Sources are stored by identifier (the BWB id of wetten.overheid.nl), so
links are built, never pasted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SourceKind = Literal[
    "S", "P", "U", "G"
]  # statute, UWV policy rule, UWV page, secondary (law.md §0)


@dataclass(frozen=True, slots=True)
class Source:
    short: str
    title: str
    bwb_id: str | None
    kind: SourceKind
    law_text: str | None = None  # file in docs/law-texts/, checked by tests/law/test_citations.py
    unit: str = "art."  # how a part is named: "art." for articles, "§" for policy-rule sections
    short_unit: str = "art. "
    #: A later text of a source whose main law text is older: the first day it is in force. Such a
    #: source cites as its main one does and names its own law text (issue: rules by date).
    in_force_from: str | None = None

    def art(self, article: str, lid: str | None = None, sub: str | None = None) -> Citation:
        return Citation(self, article, lid, sub)

    @property
    def url(self) -> str | None:
        return f"https://wetten.overheid.nl/{self.bwb_id}" if self.bwb_id else None


@dataclass(frozen=True, slots=True)
class Citation:
    source: Source
    article: str
    lid: str | None = None
    sub: str | None = None

    def _tail(self) -> str:
        return (f" lid {self.lid}" if self.lid else "") + (f" sub {self.sub}" if self.sub else "")

    def __str__(self) -> str:
        """The form users see: "Regeling procesgang eerste en tweede ziektejaar, art. 2 lid 2"."""
        return f"{self.source.title}, {self.source.unit} {self.article}{self._tail()}"

    def short(self) -> str:
        """The form lawyers write: "RPG art. 2 lid 2", "BW 7:658a lid 1"."""
        return f"{self.source.short} {self.source.short_unit}{self.article}{self._tail()}"


@dataclass(frozen=True, slots=True)
class Basis:
    """What a rule rests on: one or more citations, the project decision that shapes it (law.md §0a),
    and a note where the date is practice rather than statute."""

    citations: tuple[Citation, ...]
    decision: str | None = None
    note: str | None = None

    def __str__(self) -> str:
        return "; ".join(str(c) for c in self.citations)

    def short(self) -> str:
        return "; ".join(c.short() for c in self.citations)


def basis(*citations: Citation, decision: str | None = None, note: str | None = None) -> Basis:
    return Basis(tuple(citations), decision, note)


RPG = Source(
    "RPG",
    "Regeling procesgang eerste en tweede ziektejaar",
    "BWBR0013540",
    "S",
    "regeling-procesgang-eerste-en-tweede-ziektejaar.md",
)
BW7 = Source(
    "BW",
    "Burgerlijk Wetboek Boek 7",
    "BWBR0005290",
    "S",
    "bw7-burgerlijk-wetboek-boek7.md",
    short_unit="7:",
)
ZW = Source("ZW", "Ziektewet", "BWBR0001888", "S", "ziektewet.md")
WIA = Source("WIA", "Wet werk en inkomen naar arbeidsvermogen", "BWBR0019057", "S", "wet-wia.md")
ARBOWET = Source(
    "Arbowet", "Arbeidsomstandighedenwet", "BWBR0010346", "S", "arbeidsomstandighedenwet.md"
)
BKP = Source(
    "BKP",
    "Beleidsregels beoordelingskader poortwachter",
    "BWBR0014375",
    "P",
    "beleidsregels-beoordelingskader-poortwachter.md",
    unit="§",
    short_unit="§ ",
)

# Sources of the wage measures, expert opinions and working days (law/sanctions.py).
SUWI = Source(
    "SUWI",
    "Wet structuur uitvoeringsorganisatie werk en inkomen",
    "BWBR0013060",
    "S",
    "wet-suwi.md",
)
AWT = Source("Awt", "Algemene termijnenwet", "BWBR0002448", "S", "algemene-termijnenwet.md")

# Sources of the amounts the pay schedule reads (law/parameters/): the cap and the minimum wage.
WFSV = Source(
    "Wfsv",
    "Wet financiering sociale verzekeringen",
    "BWBR0017745",
    "S",
    "wet-financiering-sociale-verzekeringen.md",
)
WML = Source(
    "WML", "Wet minimumloon en minimumvakantiebijslag", "BWBR0002638", "S", "wet-minimumloon.md"
)

# BW 7:629 lid 2 as the Wet werken na de AOW-gerechtigde leeftijd (Stb. 2015, 376) worded it from
# 1 January 2016: the AOW age (sub b). The 2015 text in `BW7.law_text` has household staff only.
BW7_FROM_2016 = Source(
    "BW",
    "Burgerlijk Wetboek Boek 7",
    "BWBR0005290",
    "S",
    "bw7-629-from-2016.md",
    short_unit="7:",
    in_force_from="2016-01-01",
)
# The AOW age (law/aow.py).
AOW = Source("AOW", "Algemene Ouderdomswet", "BWBR0002221", "S", "algemene-ouderdomswet.md")

SOURCES = (RPG, BW7, ZW, WIA, ARBOWET, BKP, SUWI, AWT, WFSV, WML, AOW, BW7_FROM_2016)
#: Each source by the short name lawyers write ("BW", "RPG"): how a template names one (`{% cite %}`).
#: A later text (`in_force_from`) shares its short name with the main source and is not listed.
SOURCE_BY_SHORT = {source.short: source for source in SOURCES if source.in_force_from is None}
