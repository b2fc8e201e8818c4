"""Fixtures of the notification tests: the documents' drafting and signing helpers, the medical
words nobody may leak, and a served physician with a verified login for the vault's services."""

from __future__ import annotations

from tests.documents.conftest import draft, media_root, parties, sign
from tests.measures.conftest import MEDICAL_NOTE, find_medical, medical_note

__all__ = ["MEDICAL_NOTE", "draft", "find_medical", "media_root", "medical_note", "parties", "sign"]
