"""Journey: the case manager of a case near week 91 files UWV's letter and the employee's opinion,
which arrived on paper, through the upload page, and the re-integration report becomes complete.

The rest of the dossier is what the case already holds (built through the services, not the
browser): the problem analysis, the plan of action and both evaluations as recorded events, the
employer's part and the physician's current opinion as documents signed in the app, with a copy to
the employee, and the arbodienst that serves the bakery. Only item l is left for the browser."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfWriter

from openverzuim.accounts import services as accounts_services
from openverzuim.accounts.models import Membership, Organisation, User
from openverzuim.accounts.roles import Role
from openverzuim.cases import services
from openverzuim.cases.assignment import case_assign, state_of
from openverzuim.cases.models import Employee
from openverzuim.documents import selectors as document_selectors
from openverzuim.documents import services as document_services
from openverzuim.documents.models import UploadedFile
from tests.e2e.steps import PASSWORD, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

#: The two documents of the report made in the app, each by its author, with what they say.
SIGNED_IN_THE_APP = {
    "report_employer_part": {
        "business": "Ambachtelijke bakkerij",
        "job": "Verkoopmedewerker",
        "competences": "MBO-2 detailhandel",
        "working_relationship": "Goed",
        "suitable_work": "Alleen kassawerk",
    },
    "current_opinion": {
        "course": "Langzaam verbeterd",
        "limitations": "Maximaal 4 uur per dag",
        "prognosis": "Geen verdere verbetering",
    },
}


def _user(username: str, name: str, organisation: Organisation, role: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.nl", PASSWORD, first_name=name)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def _sign_and_hand_over(case, code: str, author: User, signers: dict, anna: User, today) -> None:
    """`author` drafts the document, every party in `signers` signs it, and Anna records that
    Eva received her copy: what the app asks of a report document."""
    reach = document_selectors.case_reach_for(user=author, case_id=case.pk)
    document = document_services.document_create(
        case=reach.case,
        type_code=code,
        by=author,
        content=SIGNED_IN_THE_APP[code],
        parties=reach.parties,
    )
    version = document.latest()
    for party in document.spec.signers:
        signer = signers[party]
        document_services.version_sign(
            version=version,
            party=party,
            by=signer,
            parties=document_selectors.case_reach_for(user=signer, case_id=case.pk).parties,
            today=today,
            expected_sha256=version.content_sha256,
        )
    version.refresh_from_db()
    document_services.copy_received_record(version=version, on=today, by=anna, today=today)


@pytest.fixture
def week_91(settings, tmp_path):
    """Eva's case, 91 weeks after her first sick day, with Bea as its case manager."""
    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.localdate()
    first_day = today - timedelta(weeks=91)
    bakery = Organisation.objects.create(name="Bakkerij De Korenschoof")
    noorderlicht = Organisation.objects.create(
        name="Arbodienst Noorderlicht", kind=Organisation.Kind.ARBODIENST
    )
    anna = _user("anna", "Anna", bakery, Role.EMPLOYER_ADMIN)
    bea = _user("bea", "Bea", bakery, Role.CASE_MANAGER)
    dirk = _user("dirk", "Dirk", noorderlicht, Role.OCCUPATIONAL_PHYSICIAN)
    eva_user = _user("eva", "Eva", bakery, Role.EMPLOYEE)
    accounts_services.arbodienst_set(
        by=anna,
        organisation=bakery,
        arbodienst=noorderlicht,
        served_since=first_day - timedelta(days=730),
    )
    eva = Employee.objects.create(
        organisation=bakery,
        first_name="Eva",
        last_name="de Vries",
        employee_number="1001",
        user=eva_user,
    )
    services.employment_create(
        employee=eva,
        start=first_day - timedelta(days=1500),
        contract_hours=Decimal("32"),
        wage=Decimal("3000"),
    )
    case = services.sick_report_create(
        employee=eva, first_sick_day=first_day, by=anna, today=today
    ).case
    case_assign(case=case, by=anna, today=today, seen=state_of(case), case_manager=bea)
    # Made outside the app, recorded in the case history on the day they happened.
    for kind, day in (
        ("problem_analysis", first_day + timedelta(weeks=6)),
        ("action_plan", first_day + timedelta(weeks=8)),
        ("first_year_evaluation", first_day + timedelta(weeks=46)),
        ("progress_review", today - timedelta(weeks=3)),
    ):
        services.event_record(case=case, kind=kind, date=day, by=bea, today=today)
    signers = {"employer": anna, "physician": dirk, "employee": eva_user}
    _sign_and_hand_over(case, "report_employer_part", anna, signers, anna, today)
    _sign_and_hand_over(case, "current_opinion", dirk, signers, anna, today)
    return case


def _pdf(text: str) -> bytes:
    """A small valid one-page PDF (its title carries `text`, so two files differ)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": text})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _upload(page, case, *, kind: str, description: str, item: str, name: str, content: bytes):
    """Bea files a PDF on the upload page, reached from the case's documents."""
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Documenten", exact=True).click()
    page.get_by_role("link", name="Bestand toevoegen").click()
    page.wait_for_url(f"**/documents/cases/{case.pk}/files/new/")
    page.select_option("select[name=kind]", value=kind)
    page.fill("input[name=description]", description)
    page.select_option("select[name=report_item]", value=item)
    page.set_input_files(
        "input[name=file]", {"name": name, "mimeType": "application/pdf", "buffer": content}
    )
    with page.expect_navigation():
        page.click("main form.form button[type=submit]")
    assert "Het bestand is aan het dossier toegevoegd." in page.locator("main").inner_text()


def test_the_case_manager_files_uwvs_letter_and_the_opinion_and_the_bundle_is_complete(
    page, week_91, screenshot
):
    case = week_91
    log_in(page, "bea")
    page.goto(f"/documents/cases/{case.pk}/report/")
    missing = page.locator(".missing li").all_inner_texts()
    assert len(missing) == 1 and missing[0].startswith("l. "), missing  # only her opinion
    assert not page.locator(".notice.complete").count()

    letter = _pdf("UWV: aanvraag WIA-uitkering")
    _upload(
        page,
        case,
        kind="uwv_letter",
        description="Brief van UWV: WIA-aanvraag indienen",
        item="",
        name="uwv-brief.pdf",
        content=letter,
    )
    opinion = _pdf("Oordeel van Eva de Vries")
    _upload(
        page,
        case,
        kind="signed_scan",
        description="Oordeel van Eva, op papier getekend",
        item="l",
        name="oordeel-eva.pdf",
        content=opinion,
    )
    files = page.locator("main table.uploads").inner_text()
    assert "Brief van UWV" in files and "uwv-brief.pdf" in files
    assert "Ondertekende scan" in files and "oordeel-eva.pdf" in files
    assert UploadedFile.objects.filter(case=case).count() == 2

    page.get_by_role("link", name="Re-integratieverslag: controleren en bundelen").click()
    page.wait_for_url(f"**/documents/cases/{case.pk}/report/")
    assert page.locator(".notice.complete").is_visible()
    assert not page.locator(".missing").count()
    rows = {
        row.locator("th").inner_text(): row.locator("td").nth(1).inner_text()
        for row in page.locator("main table tbody tr").all()
    }
    assert sorted(rows) == list("abcdefghijkl")
    assert "Arbodienst Noorderlicht" in rows["a"]
    for letter_of_item in "fgh":
        assert "vastgelegd in de geschiedenis van het dossier" in rows[letter_of_item]
    assert "versie 1" in rows["b"] and "versie 1" in rows["j"]
    # Item l names the scan that supplies it; UWV's letter supplies no item and is not listed.
    assert "Ondertekende scan: Oordeel van Eva, op papier getekend" in rows["l"]
    assert "Brief van UWV" not in "".join(rows.values())
    screenshot("week-91-report-complete")

    with page.expect_download() as download:
        page.locator("main table tbody tr", has_text="Ondertekende scan").get_by_role(
            "link", name="Ondertekende scan"
        ).click()
    with open(download.value.path(), "rb") as received:
        assert received.read() == opinion

    # The one-click bundle carries the scan beside the report and the two signed documents.
    with page.expect_download() as download:
        page.get_by_role("link", name="Bundel downloaden").click()
    with zipfile.ZipFile(download.value.path()) as bundle:
        names = bundle.namelist()
        assert names[0] == "00-re-integratieverslag.pdf" and len(names) == 4, names
        assert bundle.read(names[-1]) == opinion and names[-1].endswith("-l-signed_scan.pdf")
