"""No lost or doubled writes on documents (issue 13 finding 4).

Each change of a document takes its row lock and counts `lock_version`; the edit form sends the value
it was rendered with. The sequential tests run on both databases; the simultaneous ones need
PostgreSQL (`simultaneously` in tests/conftest.py skips them on SQLite).
"""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from openverzuim.documents import selectors, services
from openverzuim.documents.models import DocumentVersion

CHANGED = "This document was changed by someone else since you opened it."


def _opened(user, document) -> tuple[Client, str]:
    """A browser with the edit form open, and the lock_version the form carries."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    page = client.get(reverse("documents:edit", args=[document.pk])).content.decode()
    return client, re.search(r'name="lock_version" value="(\d+)"', page).group(1)


def _plan(valid, goal: str, **extra) -> dict:
    plan = valid["action_plan"]
    data = {k: v for k, v in plan.items() if isinstance(v, str)} | {"goal": goal}
    for name in ("employer_activities", "employee_activities"):
        for column, value in plan[name][0].items():
            data[f"{name}-0-{column}"] = value
    return data | extra


def test_an_edit_from_a_form_opened_before_another_save_is_refused(
    anna, eva_sick, today, draft, valid
):
    document = draft("action_plan")
    first, first_version = _opened(anna, document)
    second, second_version = _opened(anna, document)
    assert first_version == second_version == "0"
    assert (
        first.post(
            reverse("documents:edit", args=[document.pk]),
            _plan(valid, "Eigen werk", lock_version=first_version),
        ).status_code
        == 302
    )
    response = second.post(
        reverse("documents:edit", args=[document.pk]),
        _plan(valid, "Ander werk", lock_version=second_version),
    )
    page = response.content.decode()
    assert response.status_code == 400 and CHANGED in page
    assert "Ander werk" in page  # what they typed is still on the screen
    assert 'name="lock_version" value="0"' in page  # and saving it again is refused again
    assert document.latest().content["goal"] == "Eigen werk"


def test_the_message_is_dutch_on_a_dutch_page(anna, eva_sick, today, draft, valid):
    document = draft("action_plan")
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(anna)
    response = client.post(
        reverse("documents:edit", args=[document.pk]), _plan(valid, "Eigen werk", lock_version="7")
    )
    assert "Iemand anders heeft dit document gewijzigd sinds u het opende." in (
        response.content.decode()
    )
    assert document.latest().content["goal"] != "Eigen werk"


def test_a_signature_counts_as_a_change_for_an_open_edit_form(
    anna, eva_user, dirk, eva_sick, today, draft, sign, valid
):
    document = draft("action_plan")
    client, lock_version = _opened(anna, document)
    sign(document)  # meanwhile everyone signs the draft the form shows
    response = client.post(
        reverse("documents:edit", args=[document.pk]),
        _plan(valid, "Ander werk", reason="Bijstelling", lock_version=lock_version),
    )
    assert response.status_code == 400 and CHANGED in response.content.decode()
    assert [v.number for v in document.versions.all()] == [1]


def test_the_service_saves_nothing_on_a_stale_lock_version(anna, eva_sick, today, draft, valid):
    document = draft("action_plan")
    reach = selectors.case_reach_for(user=anna, case_id=eva_sick.pk)
    with pytest.raises(ValidationError) as error:
        services.version_edit(
            version=document.latest(),
            content=valid["action_plan"] | {"goal": "Ander werk"},
            by=anna,
            parties=reach.parties,
            lock_version=3,
        )
    assert error.value.message_dict["lock_version"][0].startswith(CHANGED)
    document.refresh_from_db()
    assert document.lock_version == 0 and document.latest().content == valid["action_plan"]


@pytest.mark.django_db(transaction=True)
def test_eight_simultaneous_new_versions_make_one_version_and_seven_messages(
    simultaneously, anna, eva_user, dirk, eva_sick, today, draft, sign, valid
):
    document = draft("action_plan")
    sign(document)
    opened = [_opened(anna, document) for _ in range(8)]
    url = reverse("documents:edit", args=[document.pk])
    responses = simultaneously(
        8,
        lambda i: opened[i][0].post(
            url, _plan(valid, f"Doel {i}", reason=f"Reden {i}", lock_version=opened[i][1])
        ),
    )
    assert all(not isinstance(r, Exception) for r in responses), responses
    assert sorted(r.status_code for r in responses) == [302] + [400] * 7
    assert all(CHANGED in r.content.decode() for r in responses if r.status_code == 400)
    versions = list(DocumentVersion.objects.filter(document=document).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    winner = next(i for i, r in enumerate(responses) if r.status_code == 302)
    assert (versions[1].reason, versions[1].content["goal"]) == (
        f"Reden {winner}",
        f"Doel {winner}",
    )


@pytest.mark.django_db(transaction=True)
def test_eight_simultaneous_new_versions_by_the_service_never_share_a_number(
    simultaneously, anna, eva_user, dirk, eva_sick, today, draft, sign, valid
):
    """Without a lock_version (an API client) the numbers are still handed out in turn: the first
    makes v2, the others find a draft and are told to edit it; no IntegrityError."""
    document = draft("action_plan")
    sign(document)
    reach = selectors.case_reach_for(user=anna, case_id=eva_sick.pk)

    def new_version(i: int):
        with translation.override("en"):  # a thread starts in the default language
            return services.version_new(
                document=document,
                reason=f"Reden {i}",
                by=anna,
                parties=reach.parties,
                content=valid["action_plan"] | {"goal": f"Doel {i}"},
            )

    outcomes = simultaneously(8, new_version)
    made = [o for o in outcomes if isinstance(o, DocumentVersion)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(made) == 1 and len(refused) == 7, outcomes
    assert all("still a draft" in e.message_dict["reason"][0] for e in refused)
    v2 = DocumentVersion.objects.get(document=document, number=2)
    assert v2.content["goal"] == f"Doel {v2.reason.removeprefix('Reden ')}"


@pytest.mark.django_db(transaction=True)
def test_eight_simultaneous_draft_edits_one_wins_seven_are_told(
    simultaneously, anna, eva_sick, today, draft, valid
):
    document = draft("action_plan")
    opened = [_opened(anna, document) for _ in range(8)]
    url = reverse("documents:edit", args=[document.pk])
    responses = simultaneously(
        8, lambda i: opened[i][0].post(url, _plan(valid, f"Doel {i}", lock_version=opened[i][1]))
    )
    assert all(not isinstance(r, Exception) for r in responses), responses
    assert sorted(r.status_code for r in responses) == [302] + [400] * 7
    assert all(CHANGED in r.content.decode() for r in responses if r.status_code == 400)
    winner = next(i for i, r in enumerate(responses) if r.status_code == 302)
    document.refresh_from_db()
    assert document.latest().content["goal"] == f"Doel {winner}" and document.lock_version == 1
