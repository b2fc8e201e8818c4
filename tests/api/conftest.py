"""API fixtures: keys of the bakery in every role a key may take, and one of the installer."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from openverzuim.accounts.roles import Role
from openverzuim.api.services import KEY_ROLES, api_key_create


class Api:
    """A client that sends one key, JSON in and out."""

    def __init__(self, key: str):
        self.key = key
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    def get(self, path: str, **headers):
        return self.client.get(path, headers=headers)

    def post(self, path: str, data=None, **headers):
        return self.client.post(path, data or {}, content_type="application/json", headers=headers)

    def patch(self, path: str, data, **headers):
        return self.client.patch(path, data, content_type="application/json", headers=headers)

    def put(self, path: str, data, **headers):
        return self.client.put(path, data, content_type="application/json", headers=headers)

    def delete(self, path: str, **headers):
        return self.client.delete(path, headers=headers)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def make_key(db):
    def make(organisation, role=Role.EMPLOYER_ADMIN, name="Payroll") -> Api:
        _, key = api_key_create(organisation=organisation, name=name, role=role, by=None)
        return Api(key)

    return make


@pytest.fixture
def bakery_api(make_key, bakery) -> Api:
    return make_key(bakery)


@pytest.fixture
def bakery_keys(make_key, bakery) -> dict[str, Api]:
    return {str(role): make_key(bakery, role, name=f"key {role}") for role in KEY_ROLES}


@pytest.fixture
def installer_api(make_key, installer) -> Api:
    return make_key(installer, name="Installer payroll")
