"""Schemathesis against the API's own OpenAPI document: every operation, called with generated
data by an employer's key, never answers a server error, and every answer
matches the document (status, content type, body). Bounded examples: it runs in well under two
minutes."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from openverzuim.api.services import api_key_create

# The document as the server gives it (/api/v1/schema/), made here without a request or database.
RAW = json.loads(
    json.dumps(SchemaGenerator().get_schema(request=None, public=True), cls=DjangoJSONEncoder)
)
schema = schemathesis.openapi.from_dict(RAW)
schema.app = get_wsgi_application()

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_the_document_covers_every_resource():
    paths = set(RAW["paths"])
    assert {
        "/api/v1/cases/",
        "/api/v1/cases/{id}/timeline/",
        "/api/v1/employees/{id}/",
        "/api/v1/duties/",
    } <= paths
    assert all(
        "application/problem+json" in op["responses"]["404"]["content"]
        for path in RAW["paths"].values()
        for op in path.values()
    )


@pytest.fixture
def employer_key(eva_sick, anna, settings):
    """The key, with the WSGI app kept off the test's database connection as Django's own test
    client does: a request's end would otherwise close it, and the test's transaction with it."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.API_RATE_LIMIT_PER_MINUTE = 1_000_000
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield api_key_create(
            organisation=eva_sick.organisation, name="Payroll", role="employer_admin", by=anna
        )[1]
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@hypothesis_settings(
    max_examples=8, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
@pytest.mark.django_db(databases=["default", "medical"])
def test_the_api_keeps_its_own_contract(case, employer_key):
    response = case.call(headers={"Authorization": f"Bearer {employer_key}"})
    case.validate_response(response, checks=CHECKS)
