"""The articles behind the UWV decisions and the leave a dossier records as facts (law.facts:
`WageSanction`, `CaseFacts.voluntary_extension_weeks`, `Leave`), for the pages that record and show
them. The rules themselves live in timeline.py (the end of wage payment) and counting.py (leave)."""

from __future__ import annotations

from .citations import WIA, basis

#: WIA art. 25 lid 9: UWV extends the wage payment by at most 52 weeks for a shortcoming.
WAGE_SANCTION_BASIS = basis(WIA.art("25", lid="9"))
#: WIA art. 25 lid 14: the sanction ends six weeks after UWV finds the shortcoming repaired.
REPAIR_BASIS = basis(WIA.art("25", lid="14"))
#: WIA art. 24 lid 1: on a joint request UWV extends the waiting time (at least 13 weeks, D15).
VOLUNTARY_EXTENSION_BASIS = basis(WIA.art("24", lid="1"), decision="D15")
#: WIA art. 23 lid 5 sub a: weeks of pregnancy and maternity benefit are not counted, so sickness
#: before and after the leave forms one episode.
LEAVE_BASIS = basis(WIA.art("23", lid="5", sub="a"), decision="D1")
