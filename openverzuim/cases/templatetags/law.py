"""Citations on a page, built from law's data rather than typed: `{% load law %}`.

`{% cite "BW" "629" lid="10" %}` prints "BW 7:629 lid 10"; `{% cite "RPG" "6" lid="1" as contents %}`
names it for a translated sentence, which takes it as a placeholder (`{% blocktranslate %}… ({{ contents }})`),
so a translation cannot alter the article. tests/law/test_app_citations.py checks every `{% cite %}` of
every template against the statute texts."""

from django import template

from openverzuim.law.citations import SOURCE_BY_SHORT, Citation

register = template.Library()


def citation(source: str, article: str, lid: str | None = None, sub: str | None = None) -> Citation:
    """The citation a `{% cite %}` tag names; KeyError for a source law/citations.py does not hold."""
    return SOURCE_BY_SHORT[source].art(article, lid, sub)


@register.simple_tag
def cite(source: str, article: str, lid: str | None = None, sub: str | None = None) -> str:
    return citation(source, article, lid, sub).short()
