"""The canonical columns of the payroll import and the header aliases that find them (docs/import.md)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

#: canonical name -> (label, required). The order is the order of the template file and the form.
COLUMNS: dict[str, tuple] = {
    "employee_number": (_("employee number"), True),
    "first_name": (_("first name"), True),
    "last_name": (_("last name"), True),
    # A payroll file that keeps the tussenvoegsel apart ("de" of "de Vries"): put before the last
    # name on import, since the employee record keeps one last name.
    "last_name_prefix": (_("tussenvoegsel"), False),
    "date_of_birth": (_("date of birth"), False),
    "work_email": (_("work e-mail"), False),
    "department": (_("department"), False),
    "employment_start": (_("start of employment"), False),
    "employment_end": (_("end of employment"), False),
    "contract_hours": (_("contract hours per week"), False),
    "fulltime_hours": (_("full-time hours per week"), False),
    "wage": (_("gross wage"), False),
    "wage_period": (_("wage period"), False),
}

#: The columns of the employment; with a start date in a row, contract hours and wage are needed too.
EMPLOYMENT_COLUMNS = (
    "employment_start",
    "employment_end",
    "contract_hours",
    "fulltime_hours",
    "wage",
    "wage_period",
)

#: Header aliases (compared after normalising: lower case, no accents, no punctuation or spaces).
#: Dutch labels as payroll exports commonly write them, and English ones.
ALIASES: dict[str, tuple[str, ...]] = {
    "employee_number": (
        "personeelsnummer",
        "personeelsnr",
        "medewerkernummer",
        "medewerker",
        "werknemernummer",
        "werknemersnummer",
        "employeenumber",
        "employeeid",
        "employeeno",
        "nummer",
    ),
    "first_name": ("voornaam", "roepnaam", "firstname", "givenname"),
    "last_name": ("achternaam", "geslachtsnaam", "lastname", "surname", "familyname"),
    "last_name_prefix": ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "voorvoegsels"),
    "date_of_birth": ("geboortedatum", "dateofbirth", "birthdate", "birthday"),
    "work_email": (
        "email",
        "emailwerk",
        "emailadres",
        "emailadreswerk",
        "zakelijkemail",
        "emailzakelijk",
        "workemail",
        "emailaddress",
    ),
    "department": (
        "afdeling",
        "afdelingsnaam",
        "organisatorischeeenheid",
        "kostenplaats",
        "departmentname",
    ),
    "employment_start": (
        "datumindienst",
        "indienst",
        "indienstdatum",
        "begindatum",
        "begindatumdienstverband",
        "startdatum",
        "startdate",
        "hiredate",
        "employmentstartdate",
    ),
    "employment_end": (
        "datumuitdienst",
        "uitdienst",
        "uitdienstdatum",
        "einddatum",
        "einddatumdienstverband",
        "enddate",
        "employmentenddate",
        "terminationdate",
    ),
    "contract_hours": (
        "contracturen",
        "urenperweek",
        "arbeidsuren",
        "urencontract",
        "contracturenperweek",
        "hoursperweek",
        "weeklyhours",
    ),
    "fulltime_hours": (
        "fulltimeuren",
        "voltijduren",
        "urenfulltime",
        "fulltimeurenperweek",
        "normuren",
        "fulltimehours",
    ),
    "wage": (
        "salaris",
        "brutoloon",
        "brutosalaris",
        "loon",
        "maandloon",
        "bruto",
        "salary",
        "grosswage",
        "grosssalary",
    ),
    "wage_period": (
        "periode",
        "loonperiode",
        "salarisperiode",
        "verloningsperiode",
        "payperiod",
        "period",
    ),
}


def normalise(header: str) -> str:
    """`E-mail (werk)` -> `emailwerk`: lower case, accents and everything but letters and digits out."""
    text = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text.lower())


_LOOKUP = {normalise(name): name for name in COLUMNS} | {
    alias: name for name, aliases in ALIASES.items() for alias in aliases
}


@dataclass(frozen=True)
class Preset:
    """A payroll system's export layout: its documented header for each column (docs/import.md)."""

    label: str
    source: str  # where the column names are documented
    headers: dict[str, str]


#: The layouts whose column names their maker documents. AFAS Profit and Loket.nl are not here:
#: their employee exports are reports the customer configures, and we found no documented column
#: list (docs/import.md); the aliases above cover their usual Dutch labels.
PRESETS: dict[str, Preset] = {
    "nmbrs": Preset(
        "Visma Nmbrs",
        "support.nmbrs.nl, Importsheet tab: Werknemers",
        {
            "employee_number": "Persnr",
            "first_name": "Roepnaam",
            "last_name": "Naam",
            "last_name_prefix": "Voorvoegsels",
            "date_of_birth": "Geboortedatum",
            "work_email": "EmailWerk",
        },
    ),
}


def _first_match(
    found: dict[str, int], headers: list[str], lookup: dict[str, str]
) -> dict[str, int]:
    taken = set(found.values())
    for index, header in enumerate(headers):
        name = lookup.get(normalise(header))
        if name is not None and name not in found and index not in taken:
            found[name] = index
            taken.add(index)
    return found


def detect(
    headers: list[str], preset: str = "", saved: dict[str, str] | None = None
) -> dict[str, int]:
    """canonical column -> index of the header that names it: first as the employer's saved
    mapping names it (`saved`: column -> header), then as the chosen payroll system's layout
    (`preset`, a key of PRESETS), then canonically or by an alias. A header is used once."""
    found: dict[str, int] = {}
    for names in (saved or {}, PRESETS[preset].headers if preset in PRESETS else {}):
        _first_match(
            found, headers, {normalise(header): column for column, header in names.items()}
        )
    return _first_match(found, headers, _LOOKUP)
