"""A document of a case, its versions and their signatures.

A version whose content someone has signed is frozen: `DocumentVersion.save()` refuses to change its
content, and a change means a new version with a reason (RPG art. 4 lid 5: an adjustment of the plan
again needs agreement and signing).
"""

from __future__ import annotations

import hashlib
import json
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.models import User
from openverzuim.cases.models import Case

from .spec import PARTY_LABELS
from .types import TYPES, document_type


def content_sha256(type_code: str, content: dict, free_text: str) -> str:
    """The hash a signature covers: the canonical JSON of type, structured content and free text."""
    canonical = json.dumps(
        {"type": type_code, "content": content, "free_text": free_text},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


class Document(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    type_code = models.CharField(
        _("type"), max_length=40, choices=[(code, t.title) for code, t in TYPES.items()]
    )
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic concurrency: one up for every change (draft edit, new version, signature), under the
    # row lock; a form sends the value it was rendered with, and a change since refuses the save.
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.spec.title} #{self.pk}"

    @property
    def spec(self):
        return document_type(self.type_code)

    def latest(self) -> DocumentVersion:
        return max(self.versions.all(), key=lambda v: v.number)

    def last_signed(self) -> DocumentVersion | None:
        signed = [v for v in self.versions.all() if v.signed_on]
        return max(signed, key=lambda v: v.number) if signed else None


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"), default=dict)
    free_text = models.TextField(_("free text"), blank=True)
    reason = models.CharField(_("reason for this version"), max_length=500, blank=True)
    content_sha256 = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the last required signature arrives; the archived PDF is made at that moment.
    signed_on = models.DateField(_("signed by everyone on"), null=True, blank=True)
    pdf = models.FileField(_("archived PDF"), upload_to="documents/%Y/", blank=True)
    copy_to_employee_on = models.DateField(
        _("copy received by the employee on"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="document_version_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    def save(self, *args, **kwargs) -> None:
        self.content_sha256 = self.compute_hash()
        if (
            self.pk
            and Signature.objects.filter(version_id=self.pk)
            .exclude(content_sha256=self.content_sha256)
            .exists()
        ):
            raise ValidationError(
                {
                    "content": _(
                        "This version is signed and cannot change; "
                        "make a new version with a reason."
                    )
                }
            )
        super().save(*args, **kwargs)

    def compute_hash(self) -> str:
        return content_sha256(self.document.type_code, self.content, self.free_text)

    @property
    def is_frozen(self) -> bool:
        return bool(self.signatures.all())

    def missing_parties(self) -> list[str]:
        """The parties the type asks for who have not signed this version yet."""
        signed = {s.party for s in self.signatures.all()}
        return [p for p in self.document.spec.signers if p not in signed]


#: The longest comment a signer may add to "seen, not agreed".
SIGNATURE_COMMENT_LENGTH = 2000


class Signature(models.Model):
    """One party's signature on the exact content of a version, with the signer's position: agreed,
    or seen but not agreed with a comment saying why (the employee in a dispute signs for receipt
    and states the disagreement, on which an expert opinion can build, SUWI art. 32)."""

    class Position(models.TextChoices):
        AGREED = "agreed", _("agreed")
        SEEN_NOT_AGREED = "seen_not_agreed", _("seen, not agreed")

    version = models.ForeignKey(
        DocumentVersion, on_delete=models.PROTECT, related_name="signatures"
    )
    party = models.CharField(_("signed for"), max_length=20, choices=list(PARTY_LABELS.items()))
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=40)
    signed_at = models.DateTimeField(_("signed at"))
    signed_on = models.DateField(_("signed on"))
    content_sha256 = models.CharField(max_length=64)
    position = models.CharField(
        _("position"), max_length=20, choices=Position.choices, default=Position.AGREED
    )
    comment = models.TextField(_("comment"), max_length=SIGNATURE_COMMENT_LENGTH, blank=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "party"], name="signature_one_per_party"),
            # "Seen, not agreed" without a reason would tell nobody what is disputed.
            models.CheckConstraint(
                condition=models.Q(position="agreed") | ~models.Q(comment=""),
                name="signature_disagreement_has_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.party}) {self.signed_on}"

    @property
    def agreed(self) -> bool:
        return self.position == self.Position.AGREED


def _upload_path(instance: UploadedFile, filename: str) -> str:
    """A random name under MEDIA_ROOT: the sender's file name is kept in the row, never used as a
    path, and the extension is the one of the type the content was found to be."""
    return f"uploads/{instance.case_id}/{uuid.uuid4().hex}.{instance.extension}"


class UploadedFile(models.Model):
    """A file that arrived from outside (UWV, a labour expert, a re-integration bureau, a signed
    scan), added by the employer side. Stored under MEDIA_ROOT, which no URL serves: only the
    permission-checked view sends it, as a download. Never in the medical vault, and never there."""

    class Kind(models.TextChoices):
        UWV_LETTER = "uwv_letter", _("Letter from UWV")
        LABOUR_EXPERT = "labour_expert_report", _("Labour expert's report")
        BUREAU = "reintegration_bureau_report", _("Re-integration bureau's report")
        SIGNED_SCAN = "signed_scan", _("Signed scan")
        OTHER = "other", _("Other")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="uploaded_files")
    kind = models.CharField(_("kind of document"), max_length=40, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    #: The letter of the re-integration report item (report.ITEMS) this file supplies, if any.
    report_item = models.CharField(_("re-integration report item"), max_length=1, blank=True)
    file = models.FileField(upload_to=_upload_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"
