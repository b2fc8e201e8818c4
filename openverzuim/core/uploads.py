"""What an uploaded file may be: its size, and its type as its content shows it (never its name).

Shared by the physician's vault (medical) and the employer's files (documents). A file is accepted
when its first bytes say PDF, PNG or JPEG, or when it is a zip holding a Word (DOCX) or OpenDocument
text (ODT) document; a name ending in .pdf on anything else is refused.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

#: The largest file accepted (bytes): scans of a few pages fit easily.
MAX_FILE_SIZE = 10 * 1024 * 1024
#: A zip's inflated size may be checked up to this much: a small "document" that inflates to
#: gigabytes (a zip bomb) is no document.
_MAX_INFLATED = 20 * MAX_FILE_SIZE


@dataclass(frozen=True, slots=True)
class FileType:
    content_type: str
    extension: str
    label: str


PDF = FileType("application/pdf", "pdf", "PDF")
PNG = FileType("image/png", "png", "PNG")
JPEG = FileType("image/jpeg", "jpg", "JPEG")
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word (DOCX)"
)
ODT = FileType("application/vnd.oasis.opendocument.text", "odt", "OpenDocument (ODT)")
ACCEPTED = (PDF, PNG, JPEG, DOCX, ODT)

_MAGIC = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))


def file_size_problem(size: int) -> str | None:
    """Why a file of `size` bytes is refused, or None."""
    if size > MAX_FILE_SIZE:
        return _("The file is larger than %(size)d MB.") % {"size": MAX_FILE_SIZE // (1024 * 1024)}
    return None


def _zipped_document(content: bytes) -> FileType | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            if sum(info.file_size for info in infos) > _MAX_INFLATED:
                return None
            names = {info.filename for info in infos}
            if (
                "mimetype" in names
                and archive.read("mimetype").strip() == ODT.content_type.encode()
            ):
                return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        KeyError,
        ValueError,
        OSError,
        NotImplementedError,
        EOFError,
    ):
        return None
    return None


def detect_type(content: bytes) -> FileType | None:
    """The accepted type the content is, or None."""
    for magic, file_type in _MAGIC:
        if content.startswith(magic):
            return file_type
    if content.startswith(b"PK\x03\x04"):
        return _zipped_document(content)
    return None


def file_problem(content: bytes) -> str | None:
    """Why an uploaded file is refused (empty, too large, or of a type not accepted), or None."""
    if not content:
        return _("The file is empty.")
    problem = file_size_problem(len(content))
    if problem:
        return problem
    if detect_type(content) is None:
        return _(
            "This file is not a PDF, PNG, JPEG, Word (DOCX) or OpenDocument (ODT) document: "
            "its content was checked, not its name."
        )
    return None
