"""Functions that change documents: create, edit a draft, sign, new version, copy to the employee.

Each runs in one transaction and raises a ValidationError naming the field. `parties` is what the
acting user is in the case (`policies.parties_of`): the views pass the selector's `Reach.parties`.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openverzuim.accounts import audit
from openverzuim.accounts.models import User
from openverzuim.cases import notices
from openverzuim.cases.models import Case
from openverzuim.cases.outbox import emit_for_case
from openverzuim.cases.services import event_record
from openverzuim.core.forms import refuse_nul
from openverzuim.core.outbox import OutboxKind
from openverzuim.core.uploads import detect_type, file_problem

from .models import SIGNATURE_COMMENT_LENGTH, Document, DocumentVersion, Signature, UploadedFile
from .pdf import version_pdf
from .policies import role_of
from .report import ITEMS
from .spec import EMPLOYEE, EMPLOYER, PARTY_LABELS
from .types import TYPES


def _require_author(spec, parties) -> None:
    if spec.author not in parties:
        raise ValidationError(
            {
                "type_code": _("Only the %(party)s writes this document.")
                % {"party": str(PARTY_LABELS[spec.author]).lower()}
            }
        )


def _lock(document_id: int, lock_version: int | str | None) -> Document:
    """Lock the document's row for one change, so that changes to it happen one after the other
    (and version numbers are handed out in turn), and count the change. `lock_version` is what the
    form was rendered with: if someone else changed the document since, nothing is saved. None (a
    caller that does not send it) skips that check, never the lock."""
    document = Document.objects.select_for_update().get(pk=document_id)
    if lock_version is not None and str(lock_version) != str(document.lock_version):
        raise ValidationError(
            {
                "lock_version": _(
                    "This document was changed by someone else since you opened it. Nothing was saved: "
                    "open it again to see their change, then make yours."
                )
            }
        )
    document.lock_version += 1
    document.save(update_fields=["lock_version"])
    return document


def _clean_text(name: str, text: str) -> str:
    """A free text of the form (`free_text`, `reason`), stripped; one with a NUL byte is refused."""
    try:
        refuse_nul(text)
    except ValidationError as error:
        raise ValidationError({name: error.messages}) from None
    return text.strip()


def _clean_free_text(spec, free_text: str) -> str:
    free_text = _clean_text("free_text", free_text)
    if free_text and spec.free_text_label is None:
        raise ValidationError({"free_text": _("This document has no free-text part.")})
    return free_text


@transaction.atomic
def document_create(
    *, case: Case, type_code: str, content: dict, by: User, parties, free_text: str = ""
) -> Document:
    spec = TYPES.get(type_code)
    if spec is None:
        raise ValidationError({"type_code": _("Unknown document type.")})
    _require_author(spec, parties)
    cleaned = spec.clean(content)
    document = Document.objects.create(case=case, type_code=type_code, created_by=by)
    DocumentVersion.objects.create(
        document=document,
        number=1,
        content=cleaned,
        free_text=_clean_free_text(spec, free_text),
        created_by=by,
    )
    _record_content(document, spec, by)
    return document


def _record_content(document: Document, spec, by: User) -> None:
    audit.record_change(
        by=by,
        case=document.case,
        subject=f"document {document.pk}",
        fields=", ".join(f.name for f in spec.fields),
    )


@transaction.atomic
def version_edit(
    *,
    version: DocumentVersion,
    content: dict,
    by: User,
    parties,
    free_text: str = "",
    lock_version: int | str | None = None,
) -> DocumentVersion:
    """Change a draft in place: only the newest version, and only while nobody has signed it."""
    _lock(version.document_id, lock_version)
    version = DocumentVersion.objects.get(pk=version.pk)
    spec = version.document.spec
    _require_author(spec, parties)
    if version.signatures.exists():
        raise ValidationError(
            {
                "content": _(
                    "This version is signed and cannot change; make a new version with a reason."
                )
            }
        )
    if version.document.versions.filter(number__gt=version.number).exists():
        raise ValidationError({"content": _("Only the newest version can be edited.")})
    version.content = spec.clean(content)
    version.free_text = _clean_free_text(spec, free_text)
    version.save()
    _record_content(version.document, spec, by)
    return version


@transaction.atomic
def version_new(
    *,
    document: Document,
    content: dict,
    reason: str,
    by: User,
    parties,
    free_text: str = "",
    lock_version: int | str | None = None,
) -> DocumentVersion:
    """A change after signing (an adjustment, *bijstelling*): a new version that says why. Its number
    is the newest plus one, read under the document's lock (and unique per document)."""
    document = _lock(document.pk, lock_version)
    spec = document.spec
    _require_author(spec, parties)
    latest = document.versions.latest("number")
    if not latest.signatures.exists():
        raise ValidationError(
            {"reason": _("The newest version is still a draft: edit it instead.")}
        )
    reason = _clean_text("reason", reason)
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the document changes (e.g. the evaluation of 6 March).")}
        )
    version = DocumentVersion.objects.create(
        document=document,
        number=latest.number + 1,
        content=spec.clean(content),
        free_text=_clean_free_text(spec, free_text),
        reason=reason,
        created_by=by,
    )
    _record_content(document, spec, by)
    return version


def _signing_position(position: str, comment: str) -> str:
    """The signer's comment, checked against the position: required with "seen, not agreed"."""
    if position not in Signature.Position.values:
        raise ValidationError({"position": _("Choose whether you agree or have only seen it.")})
    comment = comment.strip()
    if "\x00" in comment:
        raise ValidationError({"comment": _("The comment contains a character that is not text.")})
    if len(comment) > SIGNATURE_COMMENT_LENGTH:
        raise ValidationError(
            {
                "comment": _("Keep the comment to %(n)s characters.")
                % {"n": SIGNATURE_COMMENT_LENGTH}
            }
        )
    if position == Signature.Position.SEEN_NOT_AGREED and not comment:
        raise ValidationError(
            {"comment": _("Say what you do not agree with: the comment is required.")}
        )
    return comment


@transaction.atomic
def version_sign(
    *,
    version: DocumentVersion,
    party: str,
    by: User,
    parties,
    today: date,
    expected_sha256: str,
    position: str = Signature.Position.AGREED,
    comment: str = "",
) -> Signature:
    """`by` signs the exact content of `version` for `party`: `expected_sha256` is the fingerprint
    of the content the signer read (the signing form carries it), required. `position`: agreed, or
    seen but not agreed, which needs a `comment`. The last required signature completes the
    version, whatever the positions (a disagreement is signed for receipt): its PDF is archived
    and, the first time, the document's timeline events recorded."""
    comment = _signing_position(position, comment)
    _lock(version.document_id, None)
    version = DocumentVersion.objects.select_related("document", "document__case").get(
        pk=version.pk
    )
    document = version.document
    if party not in parties:
        raise ValidationError({"party": _("You cannot sign for this party.")})
    if party not in version.missing_parties():
        raise ValidationError(
            {"party": _("This party does not sign this version, or already signed it.")}
        )
    if document.versions.filter(number__gt=version.number).exists():
        raise ValidationError({"version": _("A newer version exists: sign that one.")})
    if not expected_sha256:
        raise ValidationError(
            {
                "sha256": _(
                    "The fingerprint of the text you read is missing, so "
                    "the signature cannot say what was signed; open the "
                    "document again and sign from there."
                )
            }
        )
    if expected_sha256 != version.content_sha256:
        raise ValidationError(
            {"version": _("The document changed while you read it; read it again.")}
        )
    signature = Signature.objects.create(
        version=version,
        party=party,
        user=by,
        role=role_of(by, document.case, party),
        signed_at=timezone.now(),
        signed_on=today,
        content_sha256=version.content_sha256,
        position=position,
        comment=comment,
    )
    missing = version.missing_parties()
    if not missing:
        _complete(version, by, today)
    _tell_signed(version, signature, missing)
    audit.record_change(
        by=by,
        case=document.case,
        subject=f"document {document.pk} v{version.number}",
        fields="signature" if position == Signature.Position.AGREED else "signature, disagreement",
    )
    return signature


def _tell_signed(version: DocumentVersion, signature: Signature, missing: list[str]) -> None:
    """The employer hears the employee signed; the employee hears a document waits for her once
    another party signed it (a draft still changes until then). A letter announcing a progress
    review tells her the meeting's date when it is sent (signed by the employer)."""
    document = version.document
    case = document.case
    title = notices.msgid(document.spec.title)
    if signature.party == EMPLOYEE:
        notices.tell(
            "signature_arrived",
            case,
            notices.employer_side(case),
            f"signature:{signature.pk}",
            "documents:case",
            document=title,
        )
    elif EMPLOYEE in missing:
        notices.tell(
            "document_to_sign",
            case,
            notices.employee_of(case),
            f"version:{version.pk}",
            "documents:mine",
            document=title,
        )
    if document.type_code == "review_invitation" and not missing:
        try:
            meeting = date.fromisoformat(str(version.content.get("meeting_date")))
        except ValueError:
            meeting = None  # the letter's date field was left empty
        if meeting is not None:
            notices.tell(
                "review_planned",
                case,
                notices.employee_of(case),
                f"version:{version.pk}",
                "portal:my_case",
                day=meeting,
            )


def _complete(version: DocumentVersion, by: User, today: date) -> None:
    first_signing = not version.document.versions.filter(signed_on__isnull=False).exists()
    version.signed_on = today
    version.pdf.save(
        f"{version.document.type_code}-{version.document.pk}-v{version.number}.pdf",
        ContentFile(version_pdf(version)),
        save=False,
    )
    version.save()
    emit_for_case(
        version.document.case,
        OutboxKind.DOCUMENT_SIGNED,
        version.pk,
        document=version.document_id,
        document_type=version.document.type_code,
        version=version.number,
        signed_on=today,
    )
    if first_signing:
        spec = version.document.spec
        # A review report is signed days after the meeting: the meeting is what the timeline counts.
        held_on = spec.event_date(version.content, today)
        for kind in spec.events_on_signing(version.content):
            event_record(
                case=version.document.case,
                kind=kind,
                date=held_on,
                by=by,
                today=today,
                note=str(version.document),
            )


@transaction.atomic
def copy_received_record(*, version: DocumentVersion, on: date, by: User, today: date) -> None:
    """Record the day the employee received a copy of a signed version (WIA art. 25 lid 3)."""
    if not version.signed_on:
        raise ValidationError({"on": _("Only a signed version can be handed over as a copy.")})
    if on > today:
        raise ValidationError({"on": _("The date cannot be in the future.")})
    if on < version.signed_on:
        raise ValidationError(
            {
                "on": _("The date lies before the signing (%(day)s).")
                % {"day": version.signed_on.isoformat()}
            }
        )
    version.copy_to_employee_on = on
    version.save(update_fields=["copy_to_employee_on", "content_sha256"])
    audit.record_change(
        by=by,
        case=version.document.case,
        subject=f"document {version.document_id} v{version.number}",
        fields="copy_to_employee_on",
    )


@transaction.atomic
def upload_create(
    *,
    case: Case,
    by: User,
    parties,
    kind: str,
    file_name: str,
    content: bytes,
    description: str = "",
    report_item: str = "",
) -> UploadedFile:
    """File a document that arrived from outside in the case: only the employer side does, and
    only a file whose content is an accepted type (core.uploads), whatever its name says."""
    if EMPLOYER not in parties:
        raise ValidationError({"__all__": _("Only the employer side files documents here.")})
    problem = file_problem(content)
    if problem:
        raise ValidationError({"file": problem})
    if report_item and report_item not in {letter for letter, *_rest in ITEMS}:
        raise ValidationError({"report_item": _("Choose an item of the list.")})
    file_type = detect_type(content)
    if file_type is None:  # file_problem above refuses what no type matches; kept for the types
        raise ValidationError({"file": _("This kind of file is not accepted.")})
    # The name is only shown and offered back on download: control characters go.
    name = "".join(c for c in file_name if c.isprintable())[:255] or "document"
    upload = UploadedFile(
        case=case,
        kind=kind,
        description=description,
        report_item=report_item,
        original_name=name,
        content_type=file_type.content_type,
        extension=file_type.extension,
        size=len(content),
        uploaded_by=by,
    )
    upload.full_clean(exclude=["file"])
    upload.file.save("upload", ContentFile(content), save=False)
    upload.save()
    audit.record_change(
        by=by,
        case=case,
        subject=f"uploaded file {upload.pk}",
        fields="kind, description, report_item, file",
    )
    return upload
