"""The compiled catalogues (.mo) are committed, so that `make run` and `make test` need no gettext
tools. This test fails when a .po file was edited but not recompiled (`make messages`)."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "openverzuim"
LOCALE = PACKAGE / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))
#: The shared catalogue and those of the apps that keep their own (Makefile: APP_CATALOGUES).
ALL_CATALOGUES = sorted(PACKAGE.glob("**/locale/*/LC_MESSAGES/django.po"))


def _po_entries(path: Path) -> dict[str, str]:
    """msgid -> msgstr of the translated, non-fuzzy singular entries of a .po file."""
    entries, fuzzy, key, parts = {}, False, None, {}
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#,"):
            fuzzy = "fuzzy" in line
        elif line.startswith(("msgid ", "msgstr ", "msgid_plural ", "msgstr[")):
            key, _, value = line.partition(" ")
            parts[key] = ast.literal_eval(value)
        elif line.startswith('"') and key:
            parts[key] += ast.literal_eval(line)
        elif not line.strip():
            if parts.get("msgid") and parts.get("msgstr") and not fuzzy:
                entries[parts["msgid"]] = parts["msgstr"]
            fuzzy, key, parts = False, None, {}
    return entries


def test_there_is_a_dutch_and_an_english_catalogue():
    assert [p.parts[-3] for p in CATALOGUES] == ["en", "nl"]


@pytest.mark.parametrize(
    "po", ALL_CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE).parent.parent.parent)
)
def test_the_compiled_catalogue_matches_its_source(po):
    with po.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for msgid, msgstr in _po_entries(po).items():
        assert compiled.gettext(msgid) == msgstr, (
            f"{po}: {msgid!r} not compiled; run `make messages`"
        )


def _untranslated(path: Path) -> list[str]:
    """msgids of a .po file with an empty or fuzzy translation."""
    missing = []
    for block in path.read_text(encoding="utf-8").split("\n\n")[1:]:  # [0] is the header
        fields, fuzzy = {}, False
        for line in block.splitlines():
            if line.startswith("#,"):
                fuzzy = "fuzzy" in line
            elif line.startswith(("msgid", "msgstr")):
                key, _, value = line.partition(" ")
                fields[key] = ast.literal_eval(value)
            elif line.startswith('"'):
                fields[key] += ast.literal_eval(line)
        translations = [v for k, v in fields.items() if k.startswith("msgstr")]
        if "msgid" in fields and (fuzzy or not all(translations)):
            missing.append(fields["msgid"])
    return missing


def test_every_string_of_the_shared_catalogue_has_its_dutch_translation():
    assert _untranslated(LOCALE / "nl" / "LC_MESSAGES" / "django.po") == []
