"""API keys (docs/api.md) and the stored answers of idempotent POSTs.

An organisation's key acts as one role of one organisation. It does so through a login of its own
(`principal`): a user without a password that holds exactly that membership, so that the ONE policy
table and the case selectors (accounts.policies, cases.policies) judge a key as they judge a person,
and the audit trail names the key. A personal key (`personal`) acts as the existing login of the
employee who made it: the policy table judges it as it judges her. Only a hash of the key is stored;
the key is shown once.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.models import Organisation, User
from openverzuim.accounts.roles import Role
from openverzuim.core.models import OutboxEvent


class ApiKey(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="api_keys",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    prefix = models.CharField(_("key prefix"), max_length=16, unique=True)
    key_hash = models.CharField(
        max_length=64
    )  # sha256 of the whole key; the key itself is not kept
    #: Whom the key acts as: a login of the key's own, or (personal) the employee's own login.
    principal = models.ForeignKey(User, on_delete=models.PROTECT, related_name="api_keys")
    personal = models.BooleanField(
        _("personal"), default=False, help_text=_("Acts as the login of the person who made it.")
    )
    created_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # An organisation's key has a login of its own, which no other key shares.
            models.UniqueConstraint(
                fields=["principal"],
                condition=models.Q(personal=False),
                name="api_key_own_login_per_organisation_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class IdempotentRequest(models.Model):
    """A POST sent with an `Idempotency-Key`: the first answer, replayed to a retry with the same body.
    The row is inserted before the view runs, inside the request's transaction, so a concurrent
    retry waits on the unique key and then replays (conventions.Idempotency)."""

    api_key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)  # method, path and body
    status = models.PositiveSmallIntegerField(null=True)
    body = models.JSONField(null=True)
    location = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["api_key", "key"], name="idempotency_key_unique_per_api_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.api_key_id}: {self.key}"


class OrganisationExportRun(models.Model):
    """One whole-organisation export asked for on the page "Export everything" (api.org_export):
    the progress bar's source while a background task writes it, then the file, downloadable by
    the organisation's administrators until `expires_at`, when `manage.py retention` removes it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("being written")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    steps_done = models.PositiveSmallIntegerField(default=0)
    steps_total = models.PositiveSmallIntegerField(default=1)
    # Under MEDIA_ROOT, which no URL serves: only the permission-checked download sends it.
    file = models.FileField(upload_to="exports/", blank=True)
    size = models.PositiveBigIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    message = models.CharField(max_length=500, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("organisation export")
        verbose_name_plural = _("organisation exports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A second click while one is being written starts nothing.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status__in=["queued", "running"]),
                name="one_running_export_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        return min(100, 100 * self.steps_done // max(self.steps_total, 1))

    @property
    def running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class WebhookEndpoint(models.Model):
    """A URL of another system that receives the organisation's events it chose (docs/api.md,
    "Webhooks"), signed with its secret per the Standard Webhooks specification. The secret must be
    kept to sign (unlike an API key, whose hash suffices); it is shown once, when made."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
        verbose_name=_("organisation"),
    )
    url = models.URLField(_("URL"), max_length=500)
    description = models.CharField(_("description"), max_length=100, blank=True)
    kinds = models.JSONField(_("events"), default=list)  # core.outbox.OutboxKind values
    secret = models.CharField(max_length=100)  # "whsec_" + base64 of 32 random bytes
    active = models.BooleanField(_("active"), default=True)
    #: Deliveries given up in a row, and since when the endpoint has failed without a success.
    failure_count = models.PositiveIntegerField(_("failures in a row"), default=0)
    failing_since = models.DateTimeField(null=True, blank=True)
    disabled_at = models.DateTimeField(_("disabled"), null=True, blank=True)
    disabled_reason = models.CharField(_("why disabled"), max_length=300, blank=True)
    lock_version = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["organisation_id", "pk"]
        indexes = [models.Index(fields=["organisation", "active"], name="webhook_org_active")]

    def __str__(self) -> str:
        return self.description or self.url


class WebhookDelivery(models.Model):
    """One event for one endpoint: sent until it is answered with 2xx or given up (api.webhooks)."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="+")
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    #: When to try (again); null once delivered or given up.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    last_error = models.CharField(_("error"), max_length=300, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    failed_at = models.DateTimeField(_("given up"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event"], name="webhook_one_delivery_per_event"
            )
        ]
        indexes = [
            models.Index(fields=["next_attempt_at"], name="webhook_delivery_due"),
            models.Index(fields=["endpoint", "-created_at", "-id"], name="webhook_delivery_log"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.endpoint_id}"
