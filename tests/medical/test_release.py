"""The physician's release form (issue 13 item 5): the medical-word guard with rephrase or confirm,
a preview of exactly what the employer will read before anything is saved, and corrections as
newer releases (a release is never edited)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from openverzuim.medical import services
from openverzuim.medical.models import Release
from openverzuim.medical.urls import urlpatterns

pytestmark = pytest.mark.django_db(databases=["default", "medical"])

MEDICAL = {
    "released_on": "2026-11-20",
    "limitations": "Hernia en burn-out, depressieve klachten",
    "possibilities": "Seated work",
    "expected_duration": "Six weeks",
    "work_advice": "A stool at the counter",
}
PLAIN = dict(MEDICAL, limitations="No lifting above 5 kg; no standing longer than an hour")
PLAIN_ARGUMENTS = dict(PLAIN, released_on=date(2026, 11, 1))


def _url(case):
    return reverse("medical:release_new", args=[case.pk])


def test_medical_words_are_refused_once_naming_the_field_and_the_words(dirk_client, eva_sick):
    response = dirk_client.post(_url(eva_sick), MEDICAL, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    (message,) = response.context["form"].errors["limitations"]
    assert message.startswith(
        "Functional limitations: this looks medical: hernia, burn-out, depressieve."
    )
    assert 'type="checkbox" name="confirm_not_medical"' in response.content.decode()
    assert not Release.objects.exists()


def test_the_warning_is_in_dutch_by_default(dirk_client, eva_sick):
    page = dirk_client.post(_url(eva_sick), MEDICAL).content.decode()
    assert "Functionele beperkingen: dit lijkt medisch: hernia, burn-out, depressieve." in page


def test_rephrased_text_goes_to_the_preview_and_only_the_release_button_saves(
    dirk_client, eva_sick
):
    preview = dirk_client.post(_url(eva_sick), PLAIN, HTTP_ACCEPT_LANGUAGE="en")
    page = preview.content.decode()
    assert "This is exactly what Bakkerij De Korenschoof will read" in page
    assert "No lifting above 5 kg; no standing longer than an hour" in page
    assert "Advice of 20 Nov 2026 · Dirk" in page  # the employer's own rendering
    assert not Release.objects.exists()
    changed = dirk_client.post(_url(eva_sick), dict(PLAIN, change="1"), HTTP_ACCEPT_LANGUAGE="en")
    assert changed.context["form"].data["limitations"] == PLAIN["limitations"]
    assert not Release.objects.exists()
    saved = dirk_client.post(_url(eva_sick), dict(PLAIN, release="1"))
    assert saved.status_code == 302
    assert Release.objects.get().limitations == PLAIN["limitations"]


def test_confirmed_text_is_released_as_written(dirk_client, eva_sick):
    confirmed = dict(MEDICAL, confirm_not_medical="on")
    preview = dirk_client.post(_url(eva_sick), confirmed, HTTP_ACCEPT_LANGUAGE="en")
    assert (
        "You confirmed that this text contains no medical information." in preview.content.decode()
    )
    assert dirk_client.post(_url(eva_sick), dict(confirmed, release="1")).status_code == 302
    assert Release.objects.get().limitations == MEDICAL["limitations"]


def test_releasing_without_the_confirmation_is_refused_on_the_last_step_too(dirk_client, eva_sick):
    """The guard runs on the final POST as well: skipping the preview does not skip the check."""
    response = dirk_client.post(_url(eva_sick), dict(MEDICAL, release="1"))
    assert response.status_code == 200 and not Release.objects.exists()


def test_a_correction_is_a_newer_release_naming_the_one_it_corrects(
    dirk_client, eva_sick, dirk, today
):
    first = services.release_add(case=eva_sick, author=dirk, today=today, **PLAIN_ARGUMENTS)
    response = dirk_client.post(_url(eva_sick), dict(PLAIN, corrects=str(first.pk), release="1"))
    assert response.status_code == 302
    newer = Release.objects.exclude(pk=first.pk).get()
    assert newer.corrects == first
    assert Release.objects.get(pk=first.pk).limitations == PLAIN["limitations"]  # untouched


def test_a_correction_must_name_a_release_of_the_same_case(eva_sick, dirk, today, otto_case):
    other = Release.objects.create(
        case=otto_case,
        released_on=today,
        limitations="x",
        possibilities="y",
        expected_duration="z",
        work_advice="w",
        author_name="Someone",
    )
    with pytest.raises(ValidationError) as error:
        services.release_add(
            case=eva_sick,
            author=dirk,
            today=today,
            released_on=today,
            limitations="a",
            possibilities="b",
            expected_duration="c",
            work_advice="d",
            corrects=other,
        )
    assert "corrects" in error.value.message_dict


def test_the_form_offers_only_this_cases_releases_to_correct(
    dirk_client, eva_sick, otto_case, dirk, today
):
    assert "corrects" not in dirk_client.get(_url(eva_sick)).context["form"].fields
    services.release_add(case=eva_sick, author=dirk, today=today, **PLAIN_ARGUMENTS)
    other = Release.objects.create(
        case=otto_case,
        released_on=today,
        limitations="x",
        possibilities="y",
        expected_duration="z",
        work_advice="w",
        author_name="Someone",
    )
    response = dirk_client.post(
        _url(eva_sick), dict(PLAIN, corrects=str(other.pk)), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "corrects" in response.context["form"].errors


def test_there_is_no_route_to_edit_or_delete_a_release():
    assert [p.name for p in urlpatterns if "release" in p.name] == ["release_new"]


@pytest.fixture
def otto_case(installer, carla, today):
    from datetime import date
    from decimal import Decimal

    from openverzuim.cases import services as case_services
    from openverzuim.cases.models import Employee

    otto = Employee.objects.create(
        organisation=installer, first_name="Otto", last_name="Bakker", employee_number="7"
    )
    case_services.employment_create(
        employee=otto, start=date(2019, 3, 1), contract_hours=Decimal("40"), wage=Decimal("3500")
    )
    return case_services.sick_report_create(
        employee=otto, first_sick_day=date(2026, 9, 1), by=carla, today=today
    ).case
