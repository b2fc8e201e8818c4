"""A unique marker planted in every field of the medical vault never reaches anyone but the
physician (issue 13, "a planted unique marker"): every route of the project (the permission
matrix's walk) is asked by every other persona for the own and the other organisation's objects,
and every page, JSON, PDF, ZIP (and the PDFs inside it), calendar feed and e-mail that comes back is
searched for it. The digest job runs too, so that its mails are searched.

The physician's release is not vault: it is meant for the employer. It is filled with plain advice
here, so the pages that show it are part of the walk.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections import Counter

import pytest
from django.core import mail
from pypdf import PdfReader

from openverzuim.medical import services as medical_services
from openverzuim.medical.fields import EncryptedBinaryField, EncryptedTextField
from openverzuim.medical.models import VAULT_MODELS
from openverzuim.reminders import digest
from tests.privacy.test_permission_matrix import OBJECTS, _value, all_routes, ask, objects  # noqa: F401

MARKER = "QX7VAULTMARK"  # short enough for the CAS code (20 characters)
#: Everyone but the physician; the employee the dossier is about is walked on her own below.
EMPLOYER_SIDE = ("anonymous", "anna", "bram", "lena", "rik", "finn", "carla", "sam")


@pytest.fixture
def planted(objects, today):  # noqa: F811 - the permission matrix's world, imported above
    """The marker in every vault field of both cases (the own case through the physician's
    services, the other by the model, as the matrix's world does), and a plain release."""
    world = objects
    dirk = world.personas["dirk"]
    case = world.own_case
    medical_services.note_add(
        case=case, author=dirk, today=today, consulted_on=today, text=f"note {MARKER}"
    )
    medical_services.analysis_add(
        case=case, author=dirk, today=today, analysed_on=today, text=f"analysis {MARKER}"
    )
    medical_services.diagnosis_add(
        case=case,
        author=dirk,
        today=today,
        diagnosed_on=today,
        cas_code=MARKER,
        text=f"diagnosis {MARKER}",
    )
    medical_services.correspondence_add(
        case=case,
        author=dirk,
        today=today,
        dated=today,
        correspondent=f"Dr. {MARKER}",
        text=f"letter {MARKER}",
        file_name=f"{MARKER}.pdf",
        file_content=f"%PDF {MARKER}".encode(),
    )
    other = world.other_case
    ids = {
        "case_id": other.pk,
        "employee_id": other.employee_id,
        "organisation_id": other.organisation_id,
        "author_id": 0,
        "author_name": "Dr. Smit",
    }
    for model in VAULT_MODELS:
        model.objects.create(
            **ids,
            **{model.date_field: today},
            **{field.name: None if _binary(field) else "" for field in _vault_fields(model)},
        )
    # Every encrypted field of every record (the matrix's letters too) carries the marker.
    for model in VAULT_MODELS:
        for record in model.objects.all():
            for field in _vault_fields(model):
                value = getattr(record, field.name) or (b"" if _binary(field) else "")
                if _binary(field):
                    setattr(record, field.name, value + MARKER.encode())
                elif field.name == "cas_code":
                    setattr(record, field.name, MARKER)
                else:
                    setattr(record, field.name, f"{value} {MARKER}".strip())
            record.save()
    medical_services.release_add(
        case=case,
        author=dirk,
        today=today,
        released_on=today,
        limitations="No lifting above 5 kg",
        possibilities="Seated counter work",
        expected_duration="Six weeks",
        work_advice="A high stool at the counter",
    )
    assert sum(model.objects.count() for model in VAULT_MODELS) >= 9
    return world


def _vault_fields(model) -> list:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, EncryptedTextField | EncryptedBinaryField)
    ]


def _binary(field) -> bool:
    return isinstance(field, EncryptedBinaryField)


def _texts(body: bytes) -> list[bytes]:
    """The body, and what a PDF or a ZIP (with the files in it) says when opened."""
    found = [body]
    if body.startswith(b"%PDF"):
        # A file that only looks like a PDF has been searched as bytes already.
        with contextlib.suppress(Exception):
            found.append(
                "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages).encode()
            )
    elif body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            for name in archive.namelist():
                found += [name.encode(), *_texts(archive.read(name))]
    return found


def _kind(response, body: bytes) -> str:
    if body.startswith(b"%PDF"):
        return "pdf"
    if body.startswith(b"PK"):
        return "zip"
    content_type = response.get("Content-Type", "")
    return next((k for k in ("calendar", "json", "html") if k in content_type), "other")


def _crawl(client, world, personas, verified_login=None) -> tuple[list[str], Counter]:
    """Every route x variant x persona: where the marker showed up, and what kinds were read."""
    client.raise_request_exception = False
    leaks, seen = [], Counter()
    for route in all_routes():
        for variant in ("own", "other"):
            url = route.url({k: str(_value(k, world, variant)) for k in route.kwargs})
            for persona in personas:
                user = world.personas[persona]
                client.logout()
                if user is not None:
                    client.force_login(user)
                response = ask(client, url)
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                if response.status_code == 200:
                    seen[_kind(response, body)] += 1
                if any(MARKER.encode().lower() in text.lower() for text in _texts(body)):
                    leaks.append(f"{persona:9} {variant:5} {route.label} {url}")
            if not route.kwargs:
                break
    return leaks, seen


def _mail_leaks() -> list[str]:
    leaks = []
    for message in mail.outbox:
        parts = [
            message.subject,
            message.body,
            *(content for content, _type in getattr(message, "alternatives", [])),
        ]
        parts += [a[1] if isinstance(a, tuple) else a.get_payload() for a in message.attachments]
        blob = "\n".join(p.decode() if isinstance(p, bytes) else str(p) for p in parts)
        if MARKER.lower() in blob.lower():
            leaks.append(f"mail to {message.to}: {message.subject}")
    return leaks


@pytest.mark.django_db(databases=["default", "medical"])
def test_no_employer_side_persona_ever_obtains_the_planted_marker(client, planted, today):
    for user in planted.personas.values():
        if user is not None and not user.email:
            user.email = f"{user.username}@example.nl"
            user.save(update_fields=["email"])
    leaks, seen = _crawl(client, planted, EMPLOYER_SIDE)
    digest.run(today)
    assert len(mail.outbox) >= 2  # the digest went out to the employer side
    leaks += _mail_leaks()
    # The walk read every kind of output a non-physician can obtain.
    assert seen["html"] > 200 and seen["pdf"] >= 2 and seen["zip"] >= 1 and seen["calendar"] >= 2, (
        seen
    )
    assert seen["json"] >= 1, seen
    assert not leaks, "the vault's marker reached:\n" + "\n".join(leaks)


@pytest.mark.django_db(databases=["default", "medical"])
def test_the_employee_obtains_the_marker_nowhere_on_the_employer_side(client, planted):
    """Her own medical file is hers to read, on the vault's side (the medical namespace, behind a
    second factor); every other page, PDF and export she can obtain holds none of it."""
    leaks, _seen = _crawl(client, planted, ("eva",))
    vault_routes = [r for r in all_routes() if r.namespaces[:1] == ("medical",)]
    leaks = [
        leak for leak in leaks if not any(f" {route.label} " in leak for route in vault_routes)
    ]
    assert not leaks, "the vault's marker reached:\n" + "\n".join(leaks)


def test_every_url_kwarg_of_the_walk_is_known():
    """The walk reuses the permission matrix's objects: a new kwarg is added there once."""
    assert all(k in OBJECTS for route in all_routes() for k in route.kwargs)
