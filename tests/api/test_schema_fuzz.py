"""Schemathesis against the API's own OpenAPI document, with an employer's key and with an
employee's own (personal) key: every operation, called with generated data, never answers a server
error, and every answer matches the document (status, content type, body). Statelessly, operation by
operation; and statefully, following the document's links (api/schema.py LINKS, and those
schemathesis infers from the answers' schemas) from one call to the next: an employee created, her
contract added, her sick report, the case read, its timeline, its recovery with the ETag read.
Bounded examples and steps: each run takes well under two minutes."""

from __future__ import annotations

import copy
import json
from collections import Counter
from datetime import date

import pytest
import schemathesis
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.formats import STRING_FORMATS, unregister_string_format

from openverzuim.api.schema import LINKS
from openverzuim.api.services import api_key_create, personal_key_create

# The document as the server gives it (/api/v1/schema/), made here without a request or database.
RAW = json.loads(
    json.dumps(SchemaGenerator().get_schema(request=None, public=True), cls=DjangoJSONEncoder)
)
schema = schemathesis.openapi.from_dict(copy.deepcopy(RAW))  # it adds the links it infers
schema.app = get_wsgi_application()
# The stateful run: valid data only (the stateless runs send invalid data too) and no made-up
# Authorization header, so that each scenario goes as deep as the links lead.
stateful = schemathesis.openapi.from_dict(copy.deepcopy(RAW))
stateful.app = schema.app
stateful.config.generation.update(modes=[GenerationMode.POSITIVE], with_security_parameters=False)
# The dossier's operations, which the links join: employee, contract, sick report, case and what
# hangs from it. The people and roles operations have no links to them; beside them the run spent
# its steps there and seldom reached a sick report (the stateless runs cover them).
dossier = stateful.include(path_regex=r"^/api/v1/(employees|cases|documents|duties)/")

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
def wsgi_on_test_db(settings):
    """The WSGI app kept off the test's database connection as Django's own test client does: a
    request's end would otherwise close it, and the test's transaction with it."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.API_RATE_LIMIT_PER_MINUTE = 1_000_000
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def employer_key(eva_sick, anna, wsgi_on_test_db) -> str:
    return api_key_create(
        organisation=eva_sick.organisation, name="Payroll", role="employer_admin", by=anna
    )[1]


@pytest.fixture
def employee_key(eva_sick, eva_user, wsgi_on_test_db) -> str:
    """Eva's own key: it acts as her login (her case, read only)."""
    return personal_key_create(user=eva_user, name="Spreadsheet", by=eva_user)[1]


EXAMPLES = hypothesis_settings(
    max_examples=8, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)


@schema.parametrize()
@EXAMPLES
@pytest.mark.django_db(databases=["default", "medical"])
def test_the_api_keeps_its_own_contract(case, employer_key):
    response = case.call(headers={"Authorization": f"Bearer {employer_key}"})
    case.validate_response(response, checks=CHECKS)


@schema.parametrize()
@EXAMPLES
@pytest.mark.django_db(databases=["default", "medical"])
def test_the_api_keeps_its_own_contract_for_an_employees_key(case, employee_key):
    response = case.call(headers={"Authorization": f"Bearer {employee_key}"})
    case.validate_response(response, checks=CHECKS)


def test_the_document_links_what_a_client_does_next():
    """Each link of LINKS is in the document, on the answer it starts from, to an operation that
    exists (schemathesis refuses the document otherwise: see the stateful run below)."""
    operations = {op["operationId"] for path in RAW["paths"].values() for op in path.values()}
    for (path, method, status), links in LINKS.items():
        document = RAW["paths"][path][method]["responses"][status]["links"]
        assert document == links
        assert {link["operationId"] for link in links.values()} <= operations
    assert "If-Match" in {
        p["name"] for p in RAW["paths"]["/api/v1/cases/{id}/recovery/"]["post"]["parameters"]
    }


@pytest.fixture
def dates_of_a_dossier():
    """Dates a dossier holds (the two years before the frozen today) for the stateful run, so that
    a scenario gets past the date checks (1900-2100, not in the future) to what follows; the
    stateless runs keep sending any date at all."""
    before = STRING_FORMATS.get("date")
    schemathesis.openapi.format("date", st.dates(date(2025, 1, 1), date(2026, 11, 22)).map(str))
    try:
        yield
    finally:
        if before is None:
            unregister_string_format("date")
        else:
            STRING_FORMATS["date"] = before


def _run_statefully(key: str, *, scenarios: int, steps: int, over=stateful) -> Counter:
    """The state machine from the document's links, every call with `key`: each step's answer
    checked (no server error, status, content type and body as documented). Returns how often
    each (method, path, status) was answered, for the test to see how deep the run went."""
    answered: Counter = Counter()

    class Workflow(over.as_state_machine()):  # type: ignore[misc]
        def setup(self):
            """Each scenario starts from the same database (rolled back at its end): what one
            made cannot change what the next finds, which Hypothesis needs to replay it."""
            self.scenario = transaction.atomic()
            self.scenario.__enter__()

        def teardown(self):
            transaction.set_rollback(True)
            self.scenario.__exit__(None, None, None)

        def get_call_kwargs(self, case):
            return {"headers": {"Authorization": f"Bearer {key}"}}

        def after_call(self, response, case):
            answered[(case.method, case.operation.path, response.status_code)] += 1

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS, transport_kwargs=kwargs)

    Workflow.run(
        settings=hypothesis_settings(
            max_examples=scenarios,
            stateful_step_count=steps,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.generate],
        )
    )
    return answered


@pytest.mark.django_db(databases=["default", "medical"])
def test_the_api_keeps_its_contract_statefully_for_an_employer(
    employer_key, eva_sick, dates_of_a_dossier
):
    answered = _run_statefully(employer_key, scenarios=100, steps=10, over=dossier)
    assert not [call for call in answered if call[2] >= 500]
    created = {call for call in answered if 200 <= call[2] < 300 and call[0] == "POST"}
    # The links carried the run past the first call: employees made, and sick reports with them.
    assert ("POST", "/api/v1/employees/", 201) in created, answered
    assert ("POST", "/api/v1/cases/", 201) in created, answered
    assert any(
        path.startswith("/api/v1/cases/{id}/") for _, path, status in answered if status == 200
    )


@pytest.mark.django_db(databases=["default", "medical"])
def test_the_api_keeps_its_contract_statefully_for_an_employees_key(
    employee_key, eva_sick, dates_of_a_dossier
):
    answered = _run_statefully(employee_key, scenarios=40, steps=6)
    assert not [call for call in answered if call[2] >= 500]
    assert not [call for call in answered if call[0] != "GET" and 200 <= call[2] < 300], answered
    # Her case, reached by the links from the list (the only id she is given).
    assert any(
        path.startswith("/api/v1/cases/{id}/") for _, path, status in answered if status == 200
    ), answered
