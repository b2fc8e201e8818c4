"""The occupational physician's medical file (the vault) and the release to the employer.

The vault's models live on the `medical` database alias (router.py). A foreign key cannot cross
databases, so a vault record names its case, employee, organisation and author by plain ids, which
services.py checks against the default database when the record is made; the author's name is
kept as written then. The sensitive fields are encrypted at rest (fields.py).

`Release` is the exception: what the physician releases to the employer (law.md §8.2) sits on the
default database beside the case, and holds no medical field.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import EncryptedBinaryField, EncryptedTextField


class VaultRecord(models.Model):
    """What every vault record carries: whose dossier, who wrote it, when."""

    case_id = models.BigIntegerField(db_index=True)
    employee_id = models.BigIntegerField(db_index=True)
    organisation_id = models.BigIntegerField()
    author_id = models.BigIntegerField()
    author_name = models.CharField(_("author"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    #: The name of the record's own date field (the consultation, the letter, ...).
    date_field = ""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {getattr(self, self.date_field)}"


class ConsultationNote(VaultRecord):
    """What the physician noted at a consultation (*spreekuur*)."""

    date_field = "consulted_on"

    consulted_on = models.DateField(_("consultation date"))
    text = EncryptedTextField(_("note"))

    class Meta:
        verbose_name = _("consultation note")
        verbose_name_plural = _("consultation notes")
        ordering = ["-consulted_on", "-pk"]


class ProblemAnalysisMedical(VaultRecord):
    """The medical part of the problem analysis; the employer receives only the release."""

    date_field = "analysed_on"

    analysed_on = models.DateField(_("date of the analysis"))
    text = EncryptedTextField(_("medical findings"))

    class Meta:
        verbose_name = _("problem analysis, medical part")
        verbose_name_plural = _("problem analyses, medical part")
        ordering = ["-analysed_on", "-pk"]


class Diagnosis(VaultRecord):
    """A diagnosis, optionally coded in the CAS (the occupational physicians' classification)."""

    date_field = "diagnosed_on"

    diagnosed_on = models.DateField(_("date of the diagnosis"))
    cas_code = EncryptedTextField(_("CAS code"), blank=True)
    text = EncryptedTextField(_("diagnosis"))

    class Meta:
        verbose_name = _("diagnosis")
        verbose_name_plural = _("diagnoses")
        ordering = ["-diagnosed_on", "-pk"]


class Correspondence(VaultRecord):
    """A letter to or from a treating physician or specialist, with an optional file."""

    date_field = "dated"

    dated = models.DateField(_("date of the letter"))
    correspondent = EncryptedTextField(_("to or from"))
    text = EncryptedTextField(_("content or summary"), blank=True)
    file_name = EncryptedTextField(_("file name"), blank=True)
    file_content = EncryptedBinaryField(null=True, blank=True)
    file_size = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("medical correspondence")
        verbose_name_plural = _("medical correspondence")
        ordering = ["-dated", "-pk"]


#: The vault's record types, for the code that walks all of them (retention, key rotation).
VAULT_MODELS = (ConsultationNote, ProblemAnalysisMedical, Diagnosis, Correspondence)


class Release(models.Model):
    """What the physician tells the employer: work ability and advice, never medical details.

    A release is never edited once saved (the employer may have read it): a correction is a newer
    release, which may name the one it corrects."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="medical_releases"
    )
    released_on = models.DateField(_("date"))
    limitations = models.TextField(_("functional limitations"))
    possibilities = models.TextField(_("possibilities (what the employee can do)"))
    expected_duration = models.CharField(_("expected duration"), max_length=200)
    work_advice = models.TextField(_("advice on work and adjustments"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(_("author"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        verbose_name=_("corrects"),
    )

    class Meta:
        verbose_name = _("release to the employer")
        verbose_name_plural = _("releases to the employer")
        ordering = ["-released_on", "-pk"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.released_on}"
