"""The OpenAPI document's shared parts: every operation may answer with a problem (RFC 9457); a
POST takes an Idempotency-Key, an update must send If-Match (conventions.py); and the links
between operations (OpenAPI 3 "links"): what a client does next with what an answer gave it, which
is also how schemathesis walks the API statefully (tests/api/test_schema_fuzz.py)."""

from __future__ import annotations

PROBLEM = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string", "nullable": True},
                    "detail": {"type": "string"},
                },
            },
        },
    },
    "required": ["type", "title", "status"],
}

#: status -> when an operation answers it.
PROBLEMS = {
    "400": "A field is invalid (`errors` names each).",
    "401": "No key, or a key that is not valid or was revoked.",
    "403": "The key's role may not do this.",
    "404": "No such resource within the key's reach.",
    "405": "This method is not allowed here.",
    "406": "Only JSON is answered.",
    "412": "If-Match does not match the resource's ETag: it changed since it was read.",
    "415": "Send the body in the operation's content type: JSON, or multipart/form-data for a file.",
    "422": "The Idempotency-Key was used with another body.",
    "428": "If-Match is required on an update.",
    "429": "Rate limit reached; Retry-After says when to try again.",
}


IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "maxLength": 255},
    "description": "A retry with the same key and body gets the first answer.",
}
IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": True,
    "schema": {"type": "string"},
    "description": "The ETag read before: 412 when the resource changed since.",
}
#: POSTs that honour If-Match when it is sent (views.CaseViewSet.recovery, CaseRecords.leave).
IF_MATCH_HONOURED = {
    "/api/v1/cases/{id}/recovery/": "The case's ETag read before: 412 when it changed since.",
    "/api/v1/cases/{id}/leave/": "The ETag of the leave list read before: 412 when it changed.",
}


def _link(operation: str, description: str, body: dict | None = None, **parameters: str) -> dict:
    link: dict = {"operationId": operation, "description": description}
    if parameters:
        link["parameters"] = {
            name.replace("__", ".").replace("_", "-")
            if name.startswith("header__")
            else name: value
            for name, value in parameters.items()
        }
    if body is not None:
        link["requestBody"] = body
    return link


_CASE = "$response.body#/case/id"  # a sick report's answer holds the case it opened or joined
_CASE_LINKS = {
    "GetCase": _link("cases_retrieve", "The case the report opened or joined.", id=_CASE),
    "GetTimeline": _link("cases_timeline_retrieve", "Its computed timeline.", id=_CASE),
    "GetEvents": _link("cases_events_list", "What happened in it.", id=_CASE),
    "RecordEvent": _link("cases_events_create", "Record an event in it.", id=_CASE),
    "ReportRecovery": _link("cases_recovery_create", "Report the recovery.", id=_CASE),
    "GetDocuments": _link("cases_documents_list", "Its documents.", id=_CASE),
    "GetLeave": _link("cases_leave_list", "Its leave periods.", id=_CASE),
    "GetTasks": _link("cases_tasks_list", "Its tasks.", id=_CASE),
    "GetAdvice": _link("cases_advice_list", "The physician's released advice.", id=_CASE),
}
_EMPLOYEE = "$response.body#/id"

#: (path, method, status) -> the links of that answer, by name. Only real ones: each follows what
#: the answer holds (an id, an ETag) to an operation that takes it.
LINKS: dict[tuple[str, str, str], dict[str, dict]] = {
    ("/api/v1/employees/", "post", "201"): {
        "GetEmployee": _link("employees_retrieve", "The new record.", id=_EMPLOYEE),
        "AddEmployment": _link("employees_employments_create", "Its contract.", id=_EMPLOYEE),
        "GetEmployments": _link("employees_employments_list", "Its contracts.", id=_EMPLOYEE),
        "ReportSick": _link("cases_create", "Report the employee sick.", {"employee": _EMPLOYEE}),
    },
    ("/api/v1/employees/{id}/", "get", "200"): {
        "UpdateEmployee": _link(
            "employees_partial_update",
            "Change the record read, with its ETag.",
            id=_EMPLOYEE,
            header__If_Match="$response.header.ETag",
        ),
        "ReplaceEmployee": _link(
            "employees_update",
            "Replace the record read, with its ETag.",
            id=_EMPLOYEE,
            header__If_Match="$response.header.ETag",
        ),
    },
    ("/api/v1/employees/{id}/employments/", "post", "201"): {
        "ReportSick": _link(
            "cases_create",
            "Report the employee of this contract sick.",
            {"employee": "$response.body#/employee"},
        ),
    },
    ("/api/v1/cases/", "post", "201"): _CASE_LINKS,
    ("/api/v1/cases/{id}/", "get", "200"): {
        "ReportRecovery": _link(
            "cases_recovery_create",
            "Report the recovery of the case read, with its ETag.",
            id="$response.body#/id",
            header__If_Match="$response.header.ETag",
        ),
        "GetTimeline": _link("cases_timeline_retrieve", "Its timeline.", id="$response.body#/id"),
    },
    ("/api/v1/cases/{id}/recovery/", "post", "200"): {
        "GetTimeline": _link("cases_timeline_retrieve", "Its timeline.", id="$response.body#/id"),
        "ReportSickAgain": _link(
            "cases_create",
            "A new sick report of the employee (within 28 days: the same case).",
            {"employee": "$response.body#/employee"},
        ),
    },
}


def add_links(result: dict) -> None:
    """The links of LINKS, on the answers they start from (a missing one is a mistake here)."""
    paths = result.get("paths", {})
    for (path, method, status), links in LINKS.items():
        response = paths[path][method]["responses"][status]
        response.setdefault("links", {}).update(links)


def problem_responses(result, generator, request, public):
    """drf-spectacular post-processing hook: add the problem responses to every operation, the
    Idempotency-Key and If-Match headers where they apply, and the links between operations."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM
    content = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for name, path in result.get("paths", {}).items():
        for method, operation in path.items():
            header = {"post": IDEMPOTENCY_KEY, "put": IF_MATCH, "patch": IF_MATCH}.get(method)
            if header:
                operation.setdefault("parameters", []).append(header)
            if method == "post" and name in IF_MATCH_HONOURED:
                operation["parameters"].append(
                    IF_MATCH | {"required": False, "description": IF_MATCH_HONOURED[name]}
                )
            responses = operation.setdefault("responses", {})
            for code, description in PROBLEMS.items():
                responses.setdefault(code, {"description": description, "content": content})
    add_links(result)
    return result
