"""The OpenAPI document's shared parts: every operation may answer with a problem (RFC 9457); a
POST takes an Idempotency-Key, an update must send If-Match (conventions.py)."""

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
    "415": "Send JSON.",
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


def problem_responses(result, generator, request, public):
    """drf-spectacular post-processing hook: add the problem responses to every operation, and
    the Idempotency-Key and If-Match headers where they apply."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM
    content = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            header = {"post": IDEMPOTENCY_KEY, "put": IF_MATCH, "patch": IF_MATCH}.get(method)
            if header:
                operation.setdefault("parameters", []).append(header)
            responses = operation.setdefault("responses", {})
            for code, description in PROBLEMS.items():
                responses.setdefault(code, {"description": description, "content": content})
    return result
