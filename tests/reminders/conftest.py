"""The reminders tests share the personas' mailboxes and the medical-word check of the measures tests."""

from tests.measures.conftest import anna_client, find_medical, mailboxes, medical_note

__all__ = ["anna_client", "find_medical", "mailboxes", "medical_note"]
