"""Words in a document that look medical: the employer side must never hold them (law.md §8.2).

The word list and the matching are `cases/medical_guard.py`'s, the one check every employer-side text
and the physician's release get.
"""

from __future__ import annotations

from openverzuim.cases.medical_guard import medical_terms_in


def _texts(value) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [value] if isinstance(value, str) else []


def version_medical_terms(version) -> list[str]:
    """The medical-looking words in a version's content and free text, each once."""
    found: list[str] = []
    for text in [*_texts(version.content), version.free_text]:
        found += [term for term in medical_terms_in(text) if term not in found]
    return found
