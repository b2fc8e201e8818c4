"""The preferences form: one choice of delivery per kind meant for the user's roles."""

from __future__ import annotations

from django import forms

from .kinds import DELIVERIES, KINDS


class PreferencesForm(forms.Form):
    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for code, delivery in current.items():
            self.fields[code] = forms.ChoiceField(
                label=KINDS[code].label,
                choices=DELIVERIES,
                initial=delivery,
                widget=forms.RadioSelect,
            )
