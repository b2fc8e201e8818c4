"""The home page (Dutch by default, English on request) and the health check."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.urls import reverse

from openverzuim.accounts.models import User


@pytest.mark.django_db
def test_it_shows_the_home_page_in_dutch_by_default(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in html
    assert "Verzuim en re-integratie" in html
    assert "Wet verbetering poortwachter" in html
    assert "openverzuim timeline case.json" in html
    assert 'action="/i18n/setlang/"' in html


@pytest.mark.django_db
def test_it_shows_the_home_page_in_english_after_choosing_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [("/", 302)]
    assert '<html lang="en">' in html
    assert "Sickness absence and re-integration" in html
    assert "Verzuim en re-integratie" not in html
    # the choice sticks for the next page
    assert '<html lang="en">' in client.get(reverse("core:about")).content.decode()


@pytest.mark.django_db
def test_it_shows_a_logged_in_user_their_work_on_the_front_page(client):
    user = User.objects.create_user("anna", password="secret-password-1")
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    assert "cases/worklist.html" in [t.name for t in response.templates]


@pytest.mark.django_db
def test_healthz_answers_after_asking_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_says_503_when_the_database_does_not_answer(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("openverzuim.core.views.connection.cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405
