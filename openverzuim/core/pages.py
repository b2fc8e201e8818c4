"""The plumbing every app's views share: find an object within the user's reach, and handle a form.

A view passes its selector (already scoped to the user) to `get_in_scope_or_404`; a miss is a 404
whether the object is elsewhere or out of reach (style.md §2.6). `handle_form` runs the service on a
valid POSTed form in one transaction and puts the service's ValidationError on the fields it names.
The service records its own write in the audit trail (accounts.audit.record_change).
`BoundedPaginator` pages a list whose count may run into the hundreds of thousands: it counts up to
a cap and no further.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.formats import number_format
from django.utils.functional import cached_property

from .forms import attach_errors


def get_in_scope_or_404(selector: Callable[..., Any], **lookup) -> Any:
    """`selector(**lookup)`, or a 404 when it finds nothing within the user's reach."""
    try:
        return selector(**lookup)
    except ObjectDoesNotExist:
        raise Http404 from None


def handle_form(request: HttpRequest, form, service_call: Callable[[dict], Any]) -> Any:
    """On a valid POST, `service_call(form.cleaned_data)` in one transaction and its result; None
    when the form is to be shown (again), with the service's errors on the fields they name."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        with transaction.atomic():
            return service_call(form.cleaned_data)
    except ValidationError as error:
        attach_errors(form, error)
        return None


#: How many rows a paged list counts before it says "more than": 200 pages of 50.
COUNT_CAP = 10_000


class BoundedPaginator(Paginator):
    """A Paginator over a queryset that counts at most `cap` + 1 rows (`COUNT(*)` over a
    `LIMIT cap + 1` subquery), so that a page of a million-row list does not count the million.
    Below the cap `count` is exact; above it `capped` is true, `count` is `cap` + 1 and the pages
    stop at the cap (a search or filter finds the rows beyond): the page says "more than"."""

    def __init__(
        self, object_list: QuerySet, per_page: int, cap: int | None = None, **kwargs
    ) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.queryset = object_list
        self.cap = COUNT_CAP if cap is None else cap

    @cached_property
    def count(self) -> int:
        # Only the primary keys inside the LIMIT: not the annotations a row of the page shows
        # (an EXISTS per row would be evaluated for every row counted).
        return self.queryset.order_by().values("pk")[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    @property
    def cap_shown(self) -> str:
        """The cap as the page writes it ("10.000" in Dutch, "10,000" in English)."""
        return number_format(self.cap, force_grouping=True)

    @cached_property
    def num_pages(self) -> int:
        if self.capped:
            return max(1, self.cap // self.per_page)
        return super().num_pages
