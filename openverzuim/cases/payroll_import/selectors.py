"""The payroll import runs a user may see: those of organisations where the policy table grants
them "import_employees"."""

from __future__ import annotations

from django.db.models import QuerySet

from openverzuim.accounts.models import Organisation, User
from openverzuim.accounts.policies import grants, organisations_for

from ..models import PayrollImport


def import_organisations_for(*, user: User) -> QuerySet[Organisation]:
    return organisations_for(user, grants("import_employees").keys()).filter(
        kind=Organisation.Kind.EMPLOYER
    )


def payroll_imports_for(*, user: User) -> QuerySet[PayrollImport]:
    return PayrollImport.objects.filter(
        organisation__in=import_organisations_for(user=user)
    ).select_related("organisation")


def payroll_import_get_for(*, user: User, import_id: int) -> PayrollImport:
    """Raises PayrollImport.DoesNotExist for a run elsewhere or out of reach (the view's 404)."""
    return payroll_imports_for(user=user).get(pk=import_id)
