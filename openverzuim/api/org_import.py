"""Reading a whole-organisation export (api.org_export) back into a database that does not hold the
organisation: every row with its id and relations, every uploaded file and archived PDF stored as
it was (docs/exports.md, "Leaving with everything").

The ZIP is checked before anything is written: its member names (no path leaves the ZIP), their
sizes (no zip bomb), the manifest's format and the SHA-256 of every member. Then everything is
written in one transaction: a refusal halfway leaves nothing behind, and the files stored before
it are removed again. The duty table is derived by the engine afterwards, as after any change.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Q

from openverzuim.accounts import audit
from openverzuim.accounts.models import Organisation, User
from openverzuim.cases.duties import duties_refresh_many
from openverzuim.cases.models import Case, Employee, Task
from openverzuim.cases.statistics_rollup import statistics_refresh
from openverzuim.cases.tasks import task_duties_restore
from openverzuim.core.uploads import MAX_FILE_SIZE
from openverzuim.documents.models import DocumentVersion, UploadedFile
from openverzuim.medical import disclosures

from .org_export import (
    ADVICE,
    CHUNK_SIZE,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    RESOURCES,
    Nested,
    Resource,
    nested_models,
    upload_member,
    version_member,
)

#: The largest member of each kind, inflated: a ZIP that claims more is refused unread.
MAX_MANIFEST = 10 * 1024 * 1024
MAX_JSONL = 4 * 1024 * 1024 * 1024
MAX_PDF = 10 * MAX_FILE_SIZE
#: The names a member may have; nothing else is read, so no name can point outside.
_JSONL = re.compile(r"[a-z_]{1,40}\.jsonl")
_PDF = re.compile(r"documents/[0-9]{1,18}/v[0-9]{1,9}\.pdf")
_UPLOAD = re.compile(r"uploads/[0-9]{1,18}\.[a-z0-9]{1,10}")


class ImportRefused(Exception):
    """Why an export is not imported; nothing was saved."""


@dataclass
class Imported:
    organisation: Organisation
    counts: dict[str, int] = field(default_factory=dict)


def _limit(name: str) -> int | None:
    """The largest size a member called `name` may have, or None for a name that is refused."""
    if name == MANIFEST:
        return MAX_MANIFEST
    if _JSONL.fullmatch(name):
        return MAX_JSONL
    if _PDF.fullmatch(name):
        return MAX_PDF
    if _UPLOAD.fullmatch(name):
        return MAX_FILE_SIZE
    return None


def _open_zip(path: Any) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise ImportRefused("The file is not a ZIP file.") from None


def _hash(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    digest = hashlib.sha256()
    with archive.open(info) as member:
        while chunk := member.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def check(archive: zipfile.ZipFile) -> dict[str, Any]:
    """The manifest of a sound export; ImportRefused naming the member otherwise."""
    infos = archive.infolist()
    for info in infos:
        limit = _limit(info.filename)
        if limit is None:
            raise ImportRefused(f"The member {info.filename!r} is not part of an export.")
        if info.file_size > limit:
            raise ImportRefused(
                f"The member {info.filename!r} is larger than an export's member may be."
            )
    names = {info.filename for info in infos}
    if MANIFEST not in names:
        raise ImportRefused(f"The ZIP has no {MANIFEST}: it is not an organisation export.")
    try:
        manifest = json.loads(archive.read(MANIFEST))
        listed = manifest["members"]
        if manifest["format"] != FORMAT or not isinstance(listed, dict):
            raise ValueError
    except (ValueError, KeyError, TypeError, zipfile.BadZipFile):
        raise ImportRefused(f"{MANIFEST} is not the manifest of an organisation export.") from None
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ImportRefused(
            f"{MANIFEST}: format version {manifest.get('format_version')!r}; "
            f"this version reads {FORMAT_VERSION}."
        )
    for name in sorted(names - {MANIFEST} - set(listed)):
        raise ImportRefused(f"The member {name!r} is not in {MANIFEST}.")
    for name in sorted(set(listed) - names):
        raise ImportRefused(f"The member {name!r} of {MANIFEST} is missing from the ZIP.")
    for info in infos:
        if info.filename == MANIFEST:
            continue
        try:
            sha256 = _hash(archive, info)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
            raise ImportRefused(f"The member {info.filename!r} cannot be read.") from None
        if sha256 != listed[info.filename].get("sha256"):
            raise ImportRefused(
                f"The member {info.filename!r} does not match its SHA-256 in {MANIFEST}: "
                "the file was changed after the export."
            )
    return manifest


def _lines(archive: zipfile.ZipFile, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    if name not in archive.NameToInfo:
        raise ImportRefused(f"The member {name!r} is missing from the ZIP.")
    with archive.open(name) as member:
        for number, line in enumerate(member, start=1):
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError
            except ValueError:
                raise ImportRefused(f"{name} line {number}: not a JSON object.") from None
            yield number, row


@contextmanager
def _timestamps_as_exported() -> Iterator[None]:
    """Rows keep the moments they were recorded at: auto_now(_add) would stamp the import's."""
    stamped = [
        f
        for resource in RESOURCES
        for model in (resource.model, *nested_models(resource.nested))
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in stamped]  # type: ignore[attr-defined]
    for f in stamped:
        f.auto_now = f.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add  # type: ignore[attr-defined]


class _Importer:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.organisation_ids: set[int] = set()
        self.stored: list[str] = []  # files written to the storage, removed on a refusal

    def instance(self, model: type[models.Model], row: dict[str, Any], where: str) -> models.Model:
        values = {}
        for column in model._meta.concrete_fields:
            if column.name not in row:
                continue
            value = row[column.name]
            if column.is_relation:
                if column.related_model is Organisation and value not in self.organisation_ids:
                    # the holding or arbodienst of the former provider: not part of the export
                    value = None
                values[column.attname] = value
                continue
            try:
                values[column.attname] = (
                    (value or "")
                    if isinstance(column, models.FileField)
                    else column.to_python(value)
                )
            except ValidationError as error:
                raise ImportRefused(f"{where}: {column.name}: {' '.join(error.messages)}") from None
        return model(**values)

    def collect(
        self,
        lists: tuple[Nested, ...],
        row: dict[str, Any],
        into: dict[type[models.Model], list[models.Model]],
        where: str,
    ) -> None:
        for item in lists:
            for inner in row.get(item.key) or []:
                if not isinstance(inner, dict):
                    raise ImportRefused(f"{where}: {item.key}: not a list of JSON objects.")
                into.setdefault(item.model, []).append(self.instance(item.model, inner, where))
                self.collect(item.nested, inner, into, where)

    def resource(self, resource: Resource) -> int:
        count = 0
        batch: list[models.Model] = []
        nested: dict[type[models.Model], list[models.Model]] = {}
        for number, row in _lines(self.archive, resource.member):
            where = f"{resource.member} line {number}"
            instance = self.instance(resource.model, row, where)
            if resource.model is User:
                instance.set_unusable_password()  # type: ignore[attr-defined]
            if resource.model is Organisation:
                self.organisation_ids.add(instance.pk)
            batch.append(instance)
            self.collect(resource.nested, row, nested, where)
            count += 1
            if len(batch) >= CHUNK_SIZE:
                self._save(resource, batch, nested)
                batch, nested = [], {}
        self._save(resource, batch, nested)
        return count

    def _save(
        self,
        resource: Resource,
        batch: list[models.Model],
        nested: dict[type[models.Model], list[models.Model]],
    ) -> None:
        try:
            with transaction.atomic():
                resource.model._default_manager.bulk_create(batch)
                for model, rows in nested.items():
                    model._default_manager.bulk_create(rows)
        except DatabaseError as error:
            raise ImportRefused(
                f"{resource.member}: the rows cannot be saved in this database ({error})."
            ) from None
        for version in nested.get(DocumentVersion, []):
            if version.pdf:  # type: ignore[attr-defined]  # the archive of a signed version
                self._store(
                    version.pdf,  # type: ignore[attr-defined]
                    version_member(version.document_id, version.number),  # type: ignore[attr-defined]
                )
        for upload in batch:
            if isinstance(upload, UploadedFile):
                self._store(upload.file, upload_member(upload))

    def _store(self, stored: Any, member: str) -> None:
        """The member's bytes under the file's own name in the storage (a name already taken
        gets the storage's free variant, and the row follows it)."""
        instance = stored.instance
        if member not in self.archive.NameToInfo:
            raise ImportRefused(f"The member {member!r} is missing from the ZIP.")
        with self.archive.open(member) as content:
            name = default_storage.save(stored.name, File(content, name=stored.name))
        self.stored.append(name)
        if name != stored.name:
            type(instance)._default_manager.filter(pk=instance.pk).update(
                **{stored.field.name: name}
            )

    def remove_stored(self) -> None:
        for name in self.stored:
            default_storage.delete(name)


def _id(row: dict[str, Any]) -> int:
    if not isinstance(row.get("id"), int):
        raise ImportRefused(f"A row without a numeric id: {str(row)[:80]}")
    return row["id"]


def _clashes(archive: zipfile.ZipFile) -> None:
    """Refuse at once, in words, when the organisation or one of its logins is here already."""
    for _number, row in _lines(archive, "organisation.jsonl"):
        if Organisation.objects.filter(pk=_id(row)).exists():
            raise ImportRefused(
                f"An organisation with id {row.get('id')} already exists in this database: "
                "import into a database that does not hold it."
            )
        if (
            row.get("kvk_number")
            and Organisation.objects.filter(kvk_number=row["kvk_number"]).exists()
        ):
            raise ImportRefused(
                f"An organisation with Chamber of Commerce number {row['kvk_number']} already "
                "exists in this database."
            )
    batch: list[tuple[int, str]] = []
    for _number, row in _lines(archive, "users.jsonl"):
        batch.append((_id(row), str(row.get("username"))))
        if len(batch) >= CHUNK_SIZE:
            _logins_clash(batch)
            batch = []
    _logins_clash(batch)


def _logins_clash(batch: list[tuple[int, str]]) -> None:
    here = (
        User.objects.filter(
            Q(pk__in=[pk for pk, _name in batch]) | Q(username__in=[name for _pk, name in batch])
        )
        .values_list("username", "pk")
        .first()
    )
    if here is not None:
        raise ImportRefused(
            f"users.jsonl: the login {here[0]!r} (id {here[1]}) already exists in this database: "
            "import into a database that does not hold the organisation's logins."
        )


def _reset_sequences() -> None:
    """New rows after the import take ids after the imported ones (PostgreSQL keeps a sequence
    per table; SQLite follows the largest id by itself)."""
    models_ = {resource.model for resource in RESOURCES} | {
        model for resource in RESOURCES for model in nested_models(resource.nested)
    }
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def import_organisation(source: str | IO[bytes], *, today: date) -> Imported:
    """Import the export at `source` (a path or a binary file); ImportRefused says why not."""
    with _open_zip(source) as archive:
        manifest = check(archive)
        _clashes(archive)
        importer = _Importer(archive)
        try:
            with transaction.atomic(), _timestamps_as_exported():
                counts = {resource.name: importer.resource(resource) for resource in RESOURCES}
                counts["advice"] = disclosures.releases_restore(
                    [row for _n, row in _lines(archive, ADVICE)]
                )
                try:
                    connection.check_constraints()
                except DatabaseError as error:
                    raise ImportRefused(
                        f"The rows do not hold together in this database ({error})."
                    ) from None
                _reset_sequences()
                organisation = Organisation.objects.get(pk=manifest["organisation"]["id"])
                cases = Case.objects.filter(organisation=organisation)
                duties_refresh_many(cases, today)
                # Employees without a case have days in the absence statistics as well.
                statistics_refresh(Employee.objects.filter(organisation=organisation))
                task_duties_restore(Task.objects.filter(case__in=cases))
                audit.record_write(
                    user=None,
                    organisation_id=organisation.pk,
                    subject="organisation import",
                    fields=", ".join(f"{name} {count}" for name, count in counts.items()),
                )
        except BaseException:
            importer.remove_stored()
            raise
    return Imported(organisation, counts)
