"""The whole-organisation export: one ZIP with which an employer leaves with everything
(docs/exports.md, "Leaving with everything"), and the resources `org_import` reads back.

Each resource is a JSON Lines member (`cases.jsonl`, one row a line) in the API's own schema: the
API's serializer of that resource (api.serializers) with, beside what the API shows, every column a
move needs to recreate the row (the full BSN, who recorded what, the archived PDF's file name), so
that a re-import loses nothing. Beside them every version of every document as its PDF
(documents.pdf.version_file: the archived file once signed) and every uploaded file, and
`manifest.json` with the SHA-256 of every member, written last.

Nothing medical leaves: the physician's released advice comes through medical.disclosures (what
the employer may know), the vault has no resource here. No password hash, no second factor, no API
key, no invitation token. The duty table is not a resource: the engine derives it again on import.

Rows are read in chunks (`.iterator(chunk_size=...)`) and written to a file as they come, so a
40,000-case organisation takes the memory of one chunk.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from rest_framework import serializers

from openverzuim.accounts.models import Assignment, Department, Membership, Organisation, User
from openverzuim.cases.models import (
    Case,
    Employee,
    Employment,
    Event,
    LeavePeriod,
    ReintegrationCost,
    SicknessPeriod,
    Task,
    WageMeasure,
    WorkResumption,
)
from openverzuim.documents.models import Document, DocumentVersion, Signature, UploadedFile
from openverzuim.documents.pdf import version_file
from openverzuim.measures.models import EscalationStep, ExpertOpinionRequest
from openverzuim.medical import disclosures

from . import serializers as api

#: The format of the ZIP; `org_import` reads this version only.
FORMAT = "openverzuim-organisation-export"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
#: Rows read from the database at a time.
CHUNK_SIZE = 500


def complete(base: Any, *, drop: Iterable[str] = (), **declared: Any) -> type:
    """`base` (an API serializer) showing also every column of its model it leaves out, read-only:
    what the export needs to recreate the row. `declared` replaces fields of `base`."""
    model = base.Meta.model
    names = [name for name in base.Meta.fields if name not in drop]
    names += [
        field.name
        for field in model._meta.concrete_fields
        if field.name not in names and field.name not in drop
    ]
    meta = type("Meta", (base.Meta,), {"fields": names, "read_only_fields": names})
    return type(f"Export{base.__name__}", (base,), {"Meta": meta, **declared})


def _file_name() -> serializers.FileField:
    """A stored file as its name in the storage (the API would give a URL)."""
    return serializers.FileField(use_url=False, read_only=True)


class UserSerializer(serializers.ModelSerializer):
    """A login, without its password hash or any second factor: the new provider sends each
    person a link to set a password. Staff and superuser flags are the server's, not the tenant's."""

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "email", "is_active", "date_joined"]
        read_only_fields = fields


class MembershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Membership
        fields = ["id", "user", "organisation", "role", "department", "includes_children"]
        read_only_fields = fields


class AssignmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Assignment
        fields = ["id", "user", "role", "case_id"]
        read_only_fields = fields


class LeaveSerializer(serializers.ModelSerializer):
    class Meta:
        model = LeavePeriod
        fields = ["id", "case", "kind", "start", "end", "note"]
        read_only_fields = fields


class TaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = ["id", "case", "title", "due", "assignee", "status", "follows_up", "closed_on"]
        read_only_fields = fields


class CostSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReintegrationCost
        fields = ["id", "case", "date", "description", "amount"]
        read_only_fields = fields


class EscalationStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = EscalationStep
        fields = ["id", "case", "path", "step", "taken_on", "follow_up_on", "event", "note"]
        read_only_fields = fields


class UploadSerializer(serializers.ModelSerializer):
    """An uploaded file's metadata; its content is the member `member` of the ZIP."""

    file = _file_name()
    member = serializers.SerializerMethodField()

    class Meta:
        model = UploadedFile
        fields = [
            "id",
            "case",
            "kind",
            "description",
            "report_item",
            "original_name",
            "content_type",
            "extension",
            "size",
            "file",
            "member",
        ]
        read_only_fields = fields

    def get_member(self, upload: UploadedFile) -> str:
        return upload_member(upload)


ExportSignature = complete(api.SignatureSerializer)
ExportVersion = complete(
    api.DocumentVersionSerializer,
    signatures=ExportSignature(many=True, read_only=True),
    pdf=_file_name(),
)
ExportCase = complete(
    api.CaseDetailSerializer,
    periods=complete(api.SicknessPeriodSerializer)(many=True, read_only=True),
    resumptions=complete(api.WorkResumptionSerializer)(many=True, read_only=True),
)


def upload_member(upload: UploadedFile) -> str:
    return f"uploads/{upload.pk}.{upload.extension}"


def version_member(document_id: int, number: int) -> str:
    return f"documents/{document_id}/v{number}.pdf"


@dataclass(frozen=True)
class Nested:
    """A list inside each row (a case's periods, a version's signatures), at `key`."""

    key: str
    model: type[models.Model]
    nested: tuple[Nested, ...] = ()


def nested_models(nested: Iterable[Nested]) -> Iterator[type[models.Model]]:
    for item in nested:
        yield item.model
        yield from nested_models(item.nested)


@dataclass(frozen=True)
class Resource:
    """One member `<name>.jsonl`: the rows of `rows(organisation)`, each through `serializer`."""

    name: str
    model: type[models.Model]
    serializer: type
    rows: Callable[[Organisation], QuerySet[Any]]
    #: The nested lists of a row, recreated with it.
    nested: tuple[Nested, ...] = ()

    @property
    def member(self) -> str:
        return f"{self.name}.jsonl"


def _cases(organisation: Organisation) -> QuerySet[Case]:
    return Case.objects.filter(organisation=organisation)


def _in_cases(model: type[models.Model]) -> Callable[[Organisation], QuerySet[Any]]:
    return lambda organisation: model._default_manager.filter(case__organisation=organisation)


def _users(organisation: Organisation) -> QuerySet[User]:
    """Everyone the organisation's rows name: its members, its employees' own logins, and whoever
    a case, task, event, document, signature or file names (a physician who signed, say)."""
    cases = _cases(organisation)
    named = (
        ("employee_records", Employee.objects.filter(organisation=organisation), "user"),
        ("cases", cases, "case_manager"),
        ("cases", cases, "created_by"),
        ("assignments", Assignment.objects.filter(case_id__in=cases.values("pk")), "user"),
        ("tasks", Task.objects.filter(case__in=cases), "assignee"),
        ("tasks", Task.objects.filter(case__in=cases), "created_by"),
        ("tasks", Task.objects.filter(case__in=cases), "closed_by"),
        ("events", Event.objects.filter(case__in=cases), "recorded_by"),
        ("events", Event.objects.filter(case__in=cases), "withdrawn_by"),
        ("documents", Document.objects.filter(case__in=cases), "created_by"),
        ("versions", DocumentVersion.objects.filter(document__case__in=cases), "created_by"),
        ("signatures", Signature.objects.filter(version__document__case__in=cases), "user"),
        ("uploads", UploadedFile.objects.filter(case__in=cases), "uploaded_by"),
        *(
            (model.__name__, model._default_manager.filter(case__in=cases), "recorded_by")
            for model in (WageMeasure, ExpertOpinionRequest, EscalationStep)
        ),
        (
            "leave",
            LeavePeriod.objects.filter(employee__organisation=organisation),
            "recorded_by",
        ),
        ("costs", ReintegrationCost.objects.filter(case__in=cases), "recorded_by"),
    )
    condition = Q(memberships__organisation=organisation)
    for _label, queryset, column in named:
        condition |= Q(pk__in=queryset.values(column))
    return User.objects.filter(pk__in=User.objects.filter(condition).values("pk"))


#: The resources in the order of their dependencies: `org_import` creates them in this order.
RESOURCES: tuple[Resource, ...] = (
    Resource(
        "organisation",
        Organisation,
        complete(api.OrganisationSerializer),
        lambda organisation: Organisation.objects.filter(pk=organisation.pk),
    ),
    Resource(
        "departments",
        Department,
        complete(api.DepartmentSerializer),
        lambda organisation: Department.objects.filter(organisation=organisation),
    ),
    Resource("users", User, UserSerializer, _users),
    Resource(
        "memberships",
        Membership,
        complete(MembershipSerializer),
        lambda organisation: Membership.objects.filter(organisation=organisation),
    ),
    Resource(
        "employees",
        Employee,
        complete(
            api.EmployeeSerializer,
            drop=("masked_bsn",),
            bsn=serializers.CharField(read_only=True),
        ),
        lambda organisation: Employee.objects.filter(organisation=organisation),
    ),
    Resource(
        "employments",
        Employment,
        complete(api.EmploymentSerializer),
        lambda organisation: Employment.objects.filter(employee__organisation=organisation),
    ),
    Resource(
        "cases",
        Case,
        ExportCase,
        lambda organisation: (
            _cases(organisation)
            .select_related("employee")
            .prefetch_related("periods", "resumptions")
        ),
        nested=(Nested("periods", SicknessPeriod), Nested("resumptions", WorkResumption)),
    ),
    Resource(
        "assignments",
        Assignment,
        complete(AssignmentSerializer),
        lambda organisation: Assignment.objects.filter(
            case_id__in=_cases(organisation).values("pk")
        ),
    ),
    Resource(
        "leave",
        LeavePeriod,
        complete(LeaveSerializer),
        # Leave belongs to the employee; a case holds only the leave within it.
        lambda organisation: LeavePeriod.objects.filter(employee__organisation=organisation),
    ),
    Resource("events", Event, complete(api.EventSerializer), _in_cases(Event)),
    Resource("tasks", Task, complete(TaskSerializer, drop=("duty",)), _in_cases(Task)),
    Resource(
        "documents",
        Document,
        complete(api.DocumentSerializer, versions=ExportVersion(many=True, read_only=True)),
        lambda organisation: (
            Document.objects.filter(case__organisation=organisation)
            .select_related("case__employee")
            .prefetch_related(
                Prefetch(
                    "versions",
                    DocumentVersion.objects.order_by("number").prefetch_related("signatures"),
                )
            )
        ),
        nested=(Nested("versions", DocumentVersion, (Nested("signatures", Signature),)),),
    ),
    Resource("uploads", UploadedFile, complete(UploadSerializer), _in_cases(UploadedFile)),
    Resource(
        "wage_measures", WageMeasure, complete(api.WageMeasureSerializer), _in_cases(WageMeasure)
    ),
    Resource(
        "expert_opinions",
        ExpertOpinionRequest,
        complete(api.ExpertOpinionSerializer),
        _in_cases(ExpertOpinionRequest),
    ),
    Resource(
        "escalation_steps",
        EscalationStep,
        complete(EscalationStepSerializer),
        _in_cases(EscalationStep),
    ),
    Resource("costs", ReintegrationCost, complete(CostSerializer), _in_cases(ReintegrationCost)),
)

#: The physician's released advice, read through medical.disclosures: for reading only (the
#: employer side writes no advice; the new provider's physician releases it again).
ADVICE = "advice.jsonl"


class _HashingWriter:
    """A ZIP member that keeps its SHA-256 and size while it is written."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.sha256 = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.sha256.update(data)
        self.size += len(data)
        self.stream.write(data)


def json_line(row: Any) -> bytes:
    return json.dumps(row, ensure_ascii=False, sort_keys=True).encode() + b"\n"


@dataclass
class Progress:
    """What a run reports after each step: `done` of `total` steps."""

    done: int
    total: int
    step: str


def steps_total() -> int:
    """Resources, the advice, the PDFs and the uploaded files: what `Progress.total` counts."""
    return len(RESOURCES) + 3


class OrganisationExport:
    """Writes one organisation's export into `target` (a path or a binary file open for writing)."""

    def __init__(self, organisation: Organisation, target: Any) -> None:
        self.organisation = organisation
        self.target = target
        self.members: dict[str, dict[str, Any]] = {}
        self.counts: dict[str, int] = {}

    def write(self, progress: Callable[[Progress], object] = lambda p: None) -> dict[str, Any]:
        """Write the ZIP; returns its manifest."""
        total = steps_total()
        with zipfile.ZipFile(
            self.target, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True
        ) as archive:
            self.archive = archive
            done = 0
            for resource in RESOURCES:
                rows = resource.rows(self.organisation).order_by("pk")
                self.counts[resource.name] = self._rows(
                    resource.member,
                    (resource.serializer(row).data for row in rows.iterator(CHUNK_SIZE)),
                )
                done += 1
                progress(Progress(done, total, resource.name))
            self.counts["advice"] = self._rows(ADVICE, self._advice())
            progress(Progress(done + 1, total, "advice"))
            self.counts["document_pdfs"] = self._version_pdfs()
            progress(Progress(done + 2, total, "document_pdfs"))
            self.counts["files"] = self._uploaded_files()
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "organisation": {
                    "id": self.organisation.pk,
                    "name": self.organisation.name,
                    "kvk_number": self.organisation.kvk_number,
                },
                "exported_at": timezone.now().isoformat(),
                "counts": self.counts,
                "members": self.members,
            }
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
            progress(Progress(total, total, "files"))
        return manifest

    @contextmanager
    def _member(self, name: str) -> Iterator[_HashingWriter]:
        with self.archive.open(name, "w", force_zip64=True) as stream:
            writer = _HashingWriter(stream)
            yield writer
        self.members[name] = {"sha256": writer.sha256.hexdigest(), "size": writer.size}

    def _rows(self, name: str, rows: Iterable[Any]) -> int:
        count = 0
        with self._member(name) as writer:
            for row in rows:
                writer.write(json_line(row))
                count += 1
        return count

    def _advice(self) -> Iterator[dict[str, Any]]:
        cases = (
            _cases(self.organisation)
            .order_by("pk")
            .prefetch_related("medical_releases")
            .iterator(chunk_size=CHUNK_SIZE)
        )
        for case in cases:
            for disclosure in reversed(disclosures.releases_for(case)):
                yield api.AdviceSerializer(disclosure).data

    def _copy(self, name: str, opened: IO[bytes]) -> None:
        with opened, self._member(name) as writer:
            while chunk := opened.read(1024 * 1024):
                writer.write(chunk)

    def _version_pdfs(self) -> int:
        count = 0
        versions = (
            DocumentVersion.objects.filter(document__case__organisation=self.organisation)
            .select_related("document__case__employee")
            .prefetch_related("signatures__user")
            .order_by("pk")
            .iterator(chunk_size=CHUNK_SIZE)
        )
        for version in versions:
            content, archived = version_file(version)
            name = version_member(version.document_id, version.number)
            if content is not None:
                with self._member(name) as writer:
                    writer.write(content)
            else:
                self._copy(name, archived)  # type: ignore[arg-type]  # an open file
            count += 1
        return count

    def _uploaded_files(self) -> int:
        count = 0
        uploads = (
            UploadedFile.objects.filter(case__organisation=self.organisation)
            .order_by("pk")
            .iterator(chunk_size=CHUNK_SIZE)
        )
        for upload in uploads:
            name = upload.file.name
            if name and default_storage.exists(name):
                self._copy(upload_member(upload), upload.file.open("rb"))
                count += 1
        return count
