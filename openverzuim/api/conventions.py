"""What every API view shares (docs/api.md, "Conventions"): the key, the rate limit, problem
details, cursor pages, ETag and If-Match, Idempotency-Key, and one audit entry per call.

ETags are the hash of the representation: a GET answers with one (and 304 to a matching
If-None-Match); an update must send it back in If-Match (428 without, 412 when the resource changed
since), checked on the row locked for the write. A POST with an Idempotency-Key runs in one
transaction that first inserts the key's row: a retry (even a concurrent one, which waits on the
row's unique key) gets the first answer again; the same key with another body is a 422.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from rest_framework import status
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from openverzuim.accounts import audit
from openverzuim.cases.models import Case

from .authentication import ApiKeyAuthentication, ApiKeyRateThrottle, HasApiKey
from .models import IdempotentRequest
from .problems import IdempotencyMismatch, PreconditionFailed, PreconditionRequired

IDEMPOTENCY_HEADER = "Idempotency-Key"
#: Ids in URLs: digits only, short enough for any database's bigint (a longer one is a plain 404).
ID = r"[0-9]{1,18}"


class Cursor(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"


def etag_of(data) -> str:
    text = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def _tags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def check_if_match(request, current) -> None:
    """Before an update: the client's If-Match must name the representation it is about to change."""
    header = request.headers.get("If-Match")
    if not header:
        raise PreconditionRequired
    if "*" not in _tags(header) and etag_of(current) not in _tags(header):
        raise PreconditionFailed


class _Replay(Exception):
    def __init__(self, response: Response):
        self.response = response


# What the mixins below are mixed into, for the type checker; at run time they stay plain mixins.
if TYPE_CHECKING:

    class _View(APIView): ...
else:
    _View = object


class ApiView(_View):
    """Mixed into every API view (before DRF's view class)."""

    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasApiKey]
    throttle_classes = [ApiKeyRateThrottle]
    pagination_class = Cursor
    #: What a read of this resource names in the audit trail ("cases", "case timeline", ...).
    audit_subject = ""

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and request.headers.get(IDEMPOTENCY_HEADER):
            with transaction.atomic():
                return super().dispatch(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.idempotent = None
        self.audit_object: Any = None  # the one case or employee record a call showed, if one
        key = request.headers.get(IDEMPOTENCY_HEADER)
        if request.method == "POST" and key:
            self.idempotent = self._claim(request, key[:255])

    def _claim(self, request, key: str) -> IdempotentRequest:
        sent = hashlib.sha256(
            request.method.encode() + request.path.encode() + b"\n" + request._request.body
        ).hexdigest()
        try:
            with transaction.atomic():
                return IdempotentRequest.objects.create(
                    api_key=request.auth, key=key, request_hash=sent
                )
        except IntegrityError:
            first = IdempotentRequest.objects.get(api_key=request.auth, key=key)
        if first.request_hash != sent:
            raise IdempotencyMismatch
        headers = {"Idempotent-Replayed": "true"} | (
            {"Location": first.location} if first.location else {}
        )
        raise _Replay(Response(first.body, status=first.status, headers=headers))

    def handle_exception(self, exc):
        if isinstance(exc, _Replay):
            return exc.response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        row = getattr(self, "idempotent", None)
        if row is not None:
            if 200 <= response.status_code < 300:
                row.status, row.body = response.status_code, response.data
                row.location = response.get("Location", "")[:500]
                row.save(update_fields=["status", "body", "location"])
            else:
                row.delete()  # not done: the same key may be sent again, corrected
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == status.HTTP_200_OK
            and isinstance(getattr(response, "data", None), dict | list)
        ):
            response["ETag"] = tag = etag_of(response.data)
            if tag in _tags(request.headers.get("If-None-Match", "")):
                response = Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": tag})
                response.accepted_renderer, response.accepted_media_type = (
                    request.accepted_renderer,
                    request.accepted_media_type,
                )
                response.renderer_context = self.get_renderer_context()
            self._note_read(request)
        return response

    def _note_read(self, request) -> None:
        """One audit entry for the call, whatever it listed: by the key, about its organisation
        (or the dossier of the one case or employee record it showed)."""
        api_key = request.auth
        if api_key is None or not self.audit_subject:
            return
        subject = f"API {request.method} {request.path}: {self.audit_subject}"
        shown = getattr(self, "audit_object", None)
        if shown is not None:
            dossier = {"case": shown} if isinstance(shown, Case) else {"employee": shown}
            audit.note_read(request._request, subject=subject, user=api_key.principal, **dossier)
        else:
            audit.note_read(
                request._request,
                subject=subject,
                user=api_key.principal,
                organisation_id=api_key.organisation_id,
            )
