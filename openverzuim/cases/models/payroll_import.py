"""One run of the payroll import: the uploaded file, its column mapping, its check and its result.

The row is also the progress bar's source: the page polls it while a background task works. The
file's bytes are kept only until the run ends (they hold wages and dates of birth).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.models import Organisation, User


class PayrollImport(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("uploaded")
        CHECKING = "checking", _("being checked")
        CHECKED = "checked", _("checked")
        IMPORTING = "importing", _("being imported")
        DONE = "done", _("imported")
        FAILED = "failed", _("not imported")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="payroll_imports"
    )
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(_("file"), max_length=255)
    content = models.BinaryField(blank=True)
    mapping = models.JSONField(default=dict, blank=True)  # canonical column -> header index
    good_rows = models.BooleanField(_("import the good rows"), default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UPLOADED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [[row, column, reason], ...]
    error_count = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("payroll import")
        verbose_name_plural = _("payroll imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        return 100 * self.rows_done // self.rows_total if self.rows_total else 0

    @property
    def running(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)


class PayrollImportMapping(models.Model):
    """The columns an employer's administrator last chose for the payroll import, by the file's
    header names (not positions, so a file with its columns in another order still matches); the
    upload chooses them again for the next file (payroll_import.columns.detect)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="payroll_import_mapping"
    )
    columns = models.JSONField(default=dict, blank=True)  # canonical column -> the file's header
    saved_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("saved column mapping")
        verbose_name_plural = _("saved column mappings")

    def __str__(self) -> str:
        return f"{self.organisation}: {len(self.columns)}"
