"""The knowledge pages: public, in Dutch and English, each with the law it rests on."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from openverzuim.guide.topics import TOPICS

TEMPLATES = Path(__file__).resolve().parents[2] / "openverzuim" / "guide" / "templates"


def _get(client, url: str, language: str):
    client.cookies["django_language"] = language
    return client.get(url)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_it_lists_every_topic_without_a_login(client, db, language):
    response = _get(client, reverse("guide:index"), language)
    assert response.status_code == 200
    for topic in TOPICS:
        assert reverse("guide:topic", args=[topic.slug]) in response.content.decode()


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.slug)
def test_every_topic_has_a_dutch_and_an_english_text(topic):
    for language in ("nl", "en"):
        assert (TEMPLATES / topic.template(language)).is_file()


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.slug)
def test_it_shows_each_topic_with_its_citations_linked(client, db, topic, language):
    response = _get(client, reverse("guide:topic", args=[topic.slug]), language)
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in body
    assert topic.basis, "a knowledge page without its law is an opinion"
    for citation in topic.basis:
        assert str(citation) in body
        assert citation.source.url in body


def test_it_answers_an_unknown_topic_with_404(client, db):
    assert client.get(reverse("guide:topic", args=["bestaat-niet"])).status_code == 404


def test_where_the_seeds_are_wrong_the_page_says_so_and_cites_the_right_ground(client, db):
    """D18: refusing to cooperate is BW 7:669 lid 3 sub e, not 7:670b lid 3 or sub c."""
    body = _get(
        client, reverse("guide:topic", args=["ontslag-en-tijdelijk-contract"]), "nl"
    ).content.decode()
    assert "7:669 lid 3 sub e" in body
    assert "beslissing D18" in body
    assert "plan van aanpak" in body


def test_suitable_work_calls_the_half_year_a_rule_of_thumb(client, db):
    """D14: the widening of suitable work is gradual; 'after six months' is no legal boundary."""
    body = _get(client, reverse("guide:topic", args=["passend-werk"]), "en").content.decode()
    assert "rule of thumb" in body
    assert "decision D14" in body
