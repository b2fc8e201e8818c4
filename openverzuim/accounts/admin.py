"""The system administrator's configuration: users, organisations, roles. No dossier content is
registered here (cases helper), the audit trail is read-only, and an authenticator's secret is never
shown: django-otp's own admin pages (key, QR code, recovery codes) are replaced by lists that can
only remove a lost device or a set of recovery codes."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Assignment, AuditEntry, Department, Membership, Organisation, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class OpenVerzuimUserAdmin(UserAdmin):
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "served_by"]
    search_fields = ["name"]


admin.site.register(Department)
admin.site.register(Assignment)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Append-only: readable and searchable, never added, changed or deleted by hand."""

    list_display = ["at", "user_name", "roles", "action", "organisation_id", "case_id", "subject"]
    list_filter = ["action"]
    search_fields = ["user_name", "subject"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for otp_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(otp_model):
        admin.site.unregister(otp_model)


@admin.register(TOTPDevice)
class AuthenticatorAdmin(admin.ModelAdmin):
    """Remove a lost authenticator; its secret is never displayed."""

    list_display = ["user", "name", "confirmed"]
    fields = ["user", "name", "confirmed"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StaticDevice)
class RecoveryCodesAdmin(AuthenticatorAdmin):
    """Remove a user's recovery codes; the codes are never displayed, nor can one be added."""
