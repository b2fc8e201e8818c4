"""The organisation administrator's webhooks pages: the endpoints (add one; its secret shown once)
and one endpoint (change it, rotate its secret, send a test event, disable or enable it after a
confirmation, and its delivery log, newest first, with "send again")."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.core.forms import attach_errors
from openverzuim.core.outbox import OutboxKind
from openverzuim.core.pages import get_in_scope_or_404, handle_form

from . import webhook_services as services
from .forms import WebhookEndpointForm
from .models import WebhookDelivery, WebhookEndpoint

LOG_PAGE_SIZE = 25


def endpoints(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = services.webhook_organisations(request.user)
    form = WebhookEndpointForm(
        request.POST if request.method == "POST" else None, organisations=organisations
    )
    created = handle_form(
        request,
        form,
        lambda data: services.endpoint_create(
            organisation=data["organisation"],
            url=data["url"],
            description=data["description"],
            kinds=data["kinds"],
            by=request.user,
        ),
    )
    if created is not None:
        form = WebhookEndpointForm(organisations=organisations)
    return render(
        request,
        "api/webhooks.html",
        {
            "form": form,
            "endpoints": services.endpoints_of(request.user),
            "labels": dict(OutboxKind.choices),
            "new_secret": created[1] if created else None,
            "new_endpoint": created[0] if created else None,
        },
    )


def endpoint(request: AuthenticatedHttpRequest, endpoint_id: int) -> HttpResponse:
    item: WebhookEndpoint = get_in_scope_or_404(
        services.endpoints_of(request.user).get, pk=endpoint_id
    )
    action = request.POST.get("action", "") if request.method == "POST" else ""
    secret = None
    form = WebhookEndpointForm(
        initial={
            "url": item.url,
            "description": item.description,
            "kinds": item.kinds,
            "lock_version": item.lock_version,
        }
    )
    if action == "save":
        form = WebhookEndpointForm(request.POST)
        if handle_form(
            request,
            form,
            lambda data: services.endpoint_update(
                endpoint=item,
                lock_version=data["lock_version"],
                url=data["url"],
                description=data["description"],
                kinds=data["kinds"],
                by=request.user,
            ),
        ):
            messages.success(request, _("Saved."))
            return redirect("webhooks:endpoint", endpoint_id=item.pk)
    elif action in ("disable", "enable") and request.POST.get("confirmed") != "1":
        return render(request, "api/webhook_confirm.html", {"endpoint": item, "action": action})
    elif action:
        try:
            secret = _act(request, item, action)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            if secret is None:
                return redirect("webhooks:endpoint", endpoint_id=item.pk)
        item.refresh_from_db()
    log = WebhookDelivery.objects.filter(endpoint=item).select_related("event")
    page = Paginator(log.order_by("-created_at", "-id"), LOG_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "api/webhook_endpoint.html",
        {
            "endpoint": item,
            "form": form,
            "page": page,
            "labels": dict(OutboxKind.choices) | {services.TEST_KIND: _("Test event")},
            "new_secret": secret,
        },
    )


def _act(request: AuthenticatedHttpRequest, item: WebhookEndpoint, action: str) -> str | None:
    """A button on the endpoint's page; the new secret when it was rotated."""
    if action == "rotate":
        return services.endpoint_rotate_secret(endpoint=item, by=request.user)
    if action == "test":
        services.endpoint_send_test(endpoint=item, by=request.user)
        messages.success(request, _("A test event was sent; its delivery is in the log below."))
    elif action in ("disable", "enable"):
        services.endpoint_set_active(endpoint=item, active=action == "enable", by=request.user)
        messages.success(
            request,
            _("The endpoint is enabled.") if action == "enable" else _("The endpoint is disabled."),
        )
    elif action == "resend":
        try:
            delivery = item.deliveries.select_related("event", "endpoint__organisation").get(
                pk=int(request.POST.get("delivery", ""))
            )
        except (ValueError, OverflowError, WebhookDelivery.DoesNotExist):
            raise Http404 from None
        services.delivery_resend(delivery=delivery, by=request.user)
        messages.success(request, _("The event will be sent again."))
    else:
        raise Http404
    return None
