"""Keeps the medical vault on its own database alias, and everything else off it.

Every model of the `medical` app lives in the vault unless it is named in `DEFAULT_DATABASE_MODELS`:
a new medical model is private by default. The only exception is the physician's release to the
employer (what the employer may know, law.md §8.2), which sits beside the case it is about.
"""

from __future__ import annotations

VAULT = "medical"
APP_LABEL = "medical"
#: Models of the medical app that belong on the default database (lower-case model names).
DEFAULT_DATABASE_MODELS = frozenset({"release"})


def in_vault(app_label: str, model_name: str) -> bool:
    return app_label == APP_LABEL and model_name.lower() not in DEFAULT_DATABASE_MODELS


class MedicalRouter:
    def _database_for(self, model_or_instance) -> str | None:
        # `_meta`, not `type()`: an instance may be a lazy proxy such as request.user.
        meta = model_or_instance._meta
        return VAULT if in_vault(meta.app_label, meta.model_name) else None

    def db_for_read(self, model, **hints) -> str | None:
        return self._database_for(model)

    def db_for_write(self, model, **hints) -> str | None:
        return self._database_for(model)

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        """No relation crosses the vault's border: its records refer to cases by plain ids."""
        if (self._database_for(obj1) == VAULT) != (self._database_for(obj2) == VAULT):
            return False
        return None

    def allow_migrate(
        self, db: str, app_label: str, model_name: str | None = None, **hints
    ) -> bool:
        if model_name is None:  # operations without a model (RunPython, RunSQL): their app's home
            return (db == VAULT) == (app_label == APP_LABEL)
        return (db == VAULT) == in_vault(app_label, model_name)
