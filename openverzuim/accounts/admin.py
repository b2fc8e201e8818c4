"""The system administrator's configuration: users, organisations, roles. No dossier content is
registered here (cases helper), the audit trail is read-only, and an authenticator's secret is never
shown: django-otp's own admin pages (key, QR code, recovery codes) are replaced by lists that can
only remove a lost device or a set of recovery codes."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Assignment, AuditEntry, Department, Membership, Organisation, User
from .policies import role_fits
from .roles import Role


class MembershipAdminForm(forms.ModelForm):
    """The admin obeys the granting rules too (policies.ROLE_KINDS): a physician only in an
    arbodienst, so that it reaches an employer only through the arbodienst serving it; the
    employee role only by accepting an invitation; no roles for the system administrator, whose
    login is for configuration."""

    class Meta:
        model = Membership
        fields = ["user", "organisation", "role", "department", "includes_children"]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        role, organisation = data.get("role"), data.get("organisation")
        user = User.objects.filter(pk=self.instance.user_id).first()
        if role == Role.EMPLOYEE and not (self.instance.pk and self.instance.role == role):
            self.add_error(
                "role",
                _(
                    "The employee role comes only with accepting an invitation "
                    "from the employee's page."
                ),
            )
        elif role and organisation and not role_fits(role, organisation):
            self.add_error(
                "role",
                _("The role %(role)s cannot be held in %(organisation)s (%(kind)s).")
                % {
                    "role": Role(role).label,
                    "organisation": organisation,
                    "kind": organisation.get_kind_display(),
                },
            )
        if user is not None and user.is_staff:
            self.add_error(
                None,
                _(
                    "A system administrator's login holds no roles: it is for "
                    "configuration only. Use a separate login."
                ),
            )
        return data


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipAdminForm
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
    readonly_fields = fields = ("user", "name", "confirmed")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StaticDevice)
class RecoveryCodesAdmin(AuthenticatorAdmin):
    """Remove a user's recovery codes; the codes are never displayed, nor can one be added."""
