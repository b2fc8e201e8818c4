from django.db import models


def end_not_before_start(name: str) -> models.CheckConstraint:
    """An open end (null) or an end on or after the start: a stretch of days is never negative."""
    return models.CheckConstraint(
        condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")), name=name
    )
