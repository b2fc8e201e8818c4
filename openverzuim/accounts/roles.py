"""The roles a user can hold in an organisation. What each role may do is `policies.POLICY`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EMPLOYER_ADMIN = "employer_admin", _("Employer / HR")
    CASE_MANAGER = "case_manager", _("Case manager")
    LINE_MANAGER = "line_manager", _("Line manager")
    EMPLOYEE = "employee", _("Employee")
    OCCUPATIONAL_PHYSICIAN = "occupational_physician", _("Occupational physician")
    REINTEGRATION_CONSULTANT = "reintegration_consultant", _("Re-integration consultant")
    ARBODIENST_ADMIN = "arbodienst_admin", _("Occupational health service administrator")


#: Roles that act for the employer and may open and change dossiers.
EMPLOYER_ROLES = (Role.EMPLOYER_ADMIN, Role.CASE_MANAGER)

#: Roles with access to medical data: they must log in with a second factor.
MEDICAL_ROLES = (Role.OCCUPATIONAL_PHYSICIAN,)

#: The system administrator is not a membership: Django's `is_staff` (configuration, no dossiers).
SYSTEM_ADMIN = "system_admin"
