"""The canonical columns of the payroll import and the header aliases that find them (docs/import.md)."""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

#: canonical name -> (label, required). The order is the order of the template file and the form.
COLUMNS: dict[str, tuple] = {
    "employee_number": (_("employee number"), True),
    "first_name": (_("first name"), True),
    "last_name": (_("last name"), True),
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


def detect(headers: list[str]) -> dict[str, int]:
    """canonical column -> index of the first header that names it (canonically or by an alias)."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = _LOOKUP.get(normalise(header))
        if name is not None and name not in found:
            found[name] = index
    return found
