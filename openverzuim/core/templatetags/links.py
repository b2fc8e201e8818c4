"""Links in long lists: `{% id_url "cases:detail" case.pk %}` is `{% url "cases:detail" case.pk %}`
for a route whose one argument is an integer id, reversed once per template and route, not once
per row.

Django's `reverse` walks the resolver, quotes and checks the arguments on every call: about half the
time of rendering the worklist's 200 rows went to its 400 links (docs/performance.md). An integer
id is written as its digits whatever the route, so the link is the route reversed once with a
placeholder id, and each row's id put in its place.
"""

from django import template
from django.urls import reverse

register = template.Library()

#: An id no row has, to find where a route writes its id (the largest 32-bit integer).
PLACEHOLDER = 2_147_483_647


def _split(route_name: str) -> tuple[str, str] | None:
    """The route's link before and after its id; None if the placeholder is not found exactly once."""
    parts = reverse(route_name, args=[PLACEHOLDER]).split(str(PLACEHOLDER))
    return (parts[0], parts[1]) if len(parts) == 2 else None


@register.simple_tag(takes_context=True)
def id_url(context, route_name: str, pk: int) -> str:
    if not isinstance(pk, int) or isinstance(pk, bool):
        return reverse(route_name, args=[pk])
    cache = context.render_context.setdefault("id_url", {})
    if route_name not in cache:
        cache[route_name] = _split(route_name)
    split = cache[route_name]
    if split is None:
        return reverse(route_name, args=[pk])
    return f"{split[0]}{pk}{split[1]}"
