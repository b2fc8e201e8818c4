"""PDFs of document versions and of the re-integration report bundle (WeasyPrint).

Each page carries the case and the employee in its header and "page x of y" in its footer; a signed
version lists its signatures with the SHA-256 of the content they cover.
"""

from __future__ import annotations

from datetime import date

from openverzuim.core.i18n import engine_language
from openverzuim.core.pdf import render_pdf
from openverzuim.law.explain import format_date

from .spec import PARTY_LABELS


def field_rows(spec, content: dict) -> list[dict]:
    """The content as labelled rows for pages and PDFs; a list field brings its columns and rows."""
    rows = []
    for field in spec.fields:
        value = content.get(field.name)
        row = {"label": field.label, "kind": field.kind, "name": field.name}
        if field.kind == "list":
            row["columns"] = [c.label for c in field.columns]
            row["rows"] = [
                [_shown(c, item.get(c.name)) for c in field.columns] for item in value or []
            ]
        else:
            row["value"] = _shown(field, value)
        rows.append(row)
    return rows


def _shown(field, value) -> str:
    if field.kind == "checkbox":
        return "✓" if value else "–"
    if field.kind == "choice":
        return field.choice_label(value or "")
    if field.kind == "date" and value:
        return _date_shown(value)
    return "" if value is None else str(value)


def _date_shown(value) -> str:
    """A stored ISO date ("2026-12-20") as the reader writes it ("20 dec 2026"), in the pages' one
    short form (law.explain.format_date)."""
    try:
        return format_date(date.fromisoformat(str(value)), engine_language())
    except ValueError:
        return str(value)


def version_context(version) -> dict:
    document = version.document
    return {
        "version": version,
        "document": document,
        "case": document.case,
        "spec": document.spec,
        "rows": field_rows(document.spec, version.content),
        "signatures": list(version.signatures.all()),
        "missing": [PARTY_LABELS[p] for p in version.missing_parties()],
    }


def version_pdf(version) -> bytes:
    return render_pdf("documents/pdf/version.html", version_context(version))


def version_file(version) -> tuple[bytes | None, object | None]:
    """The PDF of a version, as (bytes, None) or (None, an open archived file): the archived file
    once signed, a fresh print of the same content and signatures for a draft or a lost archive."""
    if version.signed_on and version.pdf and version.pdf.storage.exists(version.pdf.name):
        return None, version.pdf.open("rb")
    return version_pdf(version), None
