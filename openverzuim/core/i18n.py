"""The language the rules engine's texts (law/explain.py, law/assessment_text.py) are asked for."""

from django.utils.translation import get_language


def engine_language() -> str:
    """"en" when the page is in English, else "nl" (Dutch, the default)."""
    return "en" if (get_language() or "nl").startswith("en") else "nl"
