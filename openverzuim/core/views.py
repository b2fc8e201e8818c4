"""The home page, the health check and the system administrator's page of failed mail."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from .mail import mail_failing
from .mail import mail_retry as mail_retry_now
from .models import QueuedMail


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the process runs and the database answers a query; 503 otherwise.

    For load balancers and container orchestrators: no login, no session, nothing personal.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


#: Failed messages a page of the administrator's list shows.
MAIL_PAGE_SIZE = 50


@require_safe
def mail_queue(request: HttpRequest) -> HttpResponse:
    """The system administrator's list of mail that failed or was given up (scope "system")."""
    page = Paginator(mail_failing(), MAIL_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/mail_queue.html", {"page": page})


@require_POST
def mail_retry(request: HttpRequest) -> HttpResponse:
    """Try one failed message again now, once the administrator ticked the confirmation."""
    try:
        mail_id = int(request.POST.get("mail", ""))
    except (ValueError, OverflowError):
        raise Http404 from None
    if not request.POST.get("confirm"):
        messages.error(request, _("Tick the box to confirm that the message is sent again."))
        return redirect("core:mail_queue")
    try:
        mail_retry_now(mail_id=mail_id)
    except QueuedMail.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("The message is being tried again."))
    return redirect("core:mail_queue")
