"""People and their roles: who holds which role in the key's organisation, given and taken away,
and the employee's invitation to the portal. Actions on /users/ and /employees/ (mixed into
views.UserViewSet and views.EmployeeViewSet); every write is the settings pages' own service.

A key grants only what its role may grant there (accounts.policies GRANTABLE: an employer
administrator's key the employer-side roles; never the physician's, never the employee's, which
comes only with accepting the employee's invitation) and only in its own organisation: the
organisation is the key's, not a field of the request.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from openverzuim.accounts import services as account_services
from openverzuim.accounts.models import Department, Membership, Organisation, User
from openverzuim.accounts.policies import grantable_roles, grants, organisations_for
from openverzuim.accounts.views import invitation_accept_url
from openverzuim.cases import services as case_services
from openverzuim.cases.invitation_views import employee_invitation_url

from . import serializers
from .conventions import _View

#: A role's code in a path (/users/{id}/roles/{role}/): longer or other text is no role.
ROLE = r"[a-z_]{1,40}"


class UserGrants(_View):
    """POST /users/ invites someone with a role; /users/{id}/roles/ lists, adds and takes away."""

    def _organisation(self) -> Organisation:
        return self.request.auth.organisation

    def _departments(self):
        return Department.objects.filter(organisation=self.request.auth.organisation_id)

    def _granted(self, user: User):
        """The roles `user` holds in the key's organisation that the key may grant."""
        return Membership.objects.filter(
            user=user,
            organisation_id=self.request.auth.organisation_id,
            role__in=grantable_roles(self.request.user, self._organisation()),
        )

    def _accept_url(self) -> str:
        return invitation_accept_url(self.request._request)

    @extend_schema(
        request=serializers.InvitationSerializer, responses={201: serializers.UserSerializer}
    )
    def create(self, request, *args, **kwargs):
        """Invite someone by e-mail address with a role in the key's organisation (the invitation
        page's service): a new address gets a login and a link to choose a password, a known login
        the role and an e-mail saying so."""
        organisation = self._organisation()
        if not grantable_roles(request.user, organisation):
            raise exceptions.PermissionDenied("This key's role may not give people roles.")
        serializer = serializers.InvitationSerializer(
            data=request.data, departments=self._departments()
        )
        serializer.is_valid(raise_exception=True)
        user = account_services.invite(
            by=request.user,
            organisation=organisation,
            accept_url=self._accept_url(),
            **serializer.validated_data,
        )
        shown = self.get_queryset().get(pk=user.pk)
        location = request.build_absolute_uri(f"{request.path}{user.pk}/")
        return Response(
            serializers.UserSerializer(shown).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )

    @extend_schema(methods=["GET"], responses=serializers.GrantedRoleSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=serializers.GrantSerializer,
        responses={201: serializers.GrantedRoleSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=serializers.GrantedRoleSerializer,
        filter_backends=[],
    )
    def roles(self, request, pk=None):
        """The roles the person holds here that the key may grant; POST gives another (the
        invitation page's service: the person gets an e-mail saying so)."""
        user = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(self._granted(user))
            return self.get_paginated_response(
                serializers.GrantedRoleSerializer(page, many=True).data
            )
        serializer = serializers.GrantSerializer(data=request.data, departments=self._departments())
        serializer.is_valid(raise_exception=True)
        try:
            account_services.invite(
                by=request.user,
                email=user.email or user.username,
                organisation=self._organisation(),
                accept_url=self._accept_url(),
                **serializer.validated_data,
            )
        except ValidationError as error:
            # The service names the address it was given; here the request names a role.
            if hasattr(error, "error_dict") and "email" in error.error_dict:
                error.error_dict["role"] = error.error_dict.pop("email")
            raise
        granted = self._granted(user).get(role=serializer.validated_data["role"])
        location = request.build_absolute_uri(f"{request.path}{granted.role}/")
        return Response(
            serializers.GrantedRoleSerializer(granted).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )

    @extend_schema(responses={204: OpenApiResponse(description="The role was taken away.")})
    @action(
        detail=True,
        methods=["delete"],
        url_path=rf"roles/(?P<role>{ROLE})",
        filter_backends=[],
        pagination_class=None,
    )
    def role(self, request, pk=None, role=None):
        """Take the role away (accounts.services.membership_revoke): never the organisation's last
        administrator. A role the person does not hold, or the key may not grant, is a 404."""
        user = self.get_object()
        if not self._granted(user).filter(role=role).exists():
            raise exceptions.NotFound("This person holds no such role here that this key grants.")
        account_services.membership_revoke(
            by=request.user, user=user, organisation=self._organisation(), role=role
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class EmployeeInvitations(_View):
    """POST /employees/{id}/invitation/: the employee page's "invite to the portal"."""

    @extend_schema(request=None, responses={201: serializers.EmployeeInvitationSerializer})
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def invitation(self, request, pk=None):
        """E-mail the employee a one-time link to the work address on the record; accepting it
        links their login (a new one, or one they have) to the record (cases.services.
        employee_invite). Sending again renews the open invitation."""
        employee = self.get_object()
        if (
            not organisations_for(request.user, grants("link_login").keys())
            .filter(pk=employee.organisation_id)
            .exists()
        ):
            raise exceptions.PermissionDenied("This key's role may not invite employees.")
        invitation = case_services.employee_invite(
            employee=employee,
            by=request.user,
            accept_url=employee_invitation_url(request._request),
        )
        return Response(
            serializers.EmployeeInvitationSerializer(invitation).data,
            status=status.HTTP_201_CREATED,
        )
