"""Errors as RFC 9457 problem details (`application/problem+json`), each naming its field.

`{"type", "title", "status", "detail", "errors": [{"field", "detail"}]}`; `field` is the request
field (dotted for nested ones), null for an error about the request as a whole.
"""

from __future__ import annotations

from http import HTTPStatus

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_TYPE = "application/problem+json"
#: `type` URIs: docs/api.md (the project's documentation address, pyproject.toml), the code as fragment.
TYPE_BASE = "https://github.com/open-verzuim/openverzuim/blob/main/docs/api.md#"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The resource changed since you read it (If-Match does not match its ETag)."
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "Send If-Match with the ETag you read, so that no change is overwritten."
    default_code = "precondition_required"


class IdempotencyMismatch(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "This Idempotency-Key was used with another request body."
    default_code = "idempotency_key_reused"


def _field_of(field: str, error: DjangoValidationError) -> str:
    """The field an error is about: a unique constraint over (organisation, x) is about x."""
    if field == "__all__" and error.code in ("unique", "unique_together"):
        check = [
            name for name in (error.params or {}).get("unique_check", ()) if name != "organisation"
        ]
        if len(check) == 1:
            return check[0]
    return "non_field_errors" if field == "__all__" else field


def service_errors(error: DjangoValidationError) -> exceptions.ValidationError:
    """A service's ValidationError (keyed by its fields) as the API's; `__all__` is the request's."""
    if not hasattr(error, "error_dict"):
        return exceptions.ValidationError({"non_field_errors": error.messages})
    fields: dict[str, list[str]] = {}
    for field, errors in error.error_dict.items():
        for one in errors:
            fields.setdefault(_field_of(field, one), []).extend(one.messages)
    return exceptions.ValidationError(fields)


def _errors(detail, prefix: str = "") -> list[dict]:
    if isinstance(detail, dict):
        found = []
        for field, inner in detail.items():
            name = "" if field in ("non_field_errors", "detail") else str(field)
            found += _errors(inner, f"{prefix}.{name}" if prefix and name else prefix or name)
        return found
    if isinstance(detail, list):
        found = []
        for index, inner in enumerate(detail):
            nested = isinstance(inner, dict | list)
            found += _errors(inner, f"{prefix}.{index}" if nested and prefix else prefix)
        return found
    return [{"field": prefix or None, "detail": str(detail)}]


def problem_handler(exc, context) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        exc = service_errors(exc)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    if response is None:
        return None  # a server error: Django's 500, logged
    code = getattr(exc, "default_code", "error")
    body = {
        "type": TYPE_BASE + str(code).replace("_", "-"),
        "title": HTTPStatus(response.status_code).phrase,  # the same for every occurrence
        "status": response.status_code,
    }
    if isinstance(exc, exceptions.ValidationError):
        body["title"] = "The request has invalid fields."
        body["detail"] = "; ".join(
            f"{e['field'] or 'request'}: {e['detail']}" for e in _errors(exc.detail)
        )
        body["errors"] = _errors(exc.detail)
    else:
        body["detail"] = str(exc.detail) if hasattr(exc, "detail") else body["title"]
    response.data = body
    response.content_type = PROBLEM_TYPE
    return response
