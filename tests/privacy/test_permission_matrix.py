"""Every URL pattern of the project x every persona x own/other organisation's objects answers as the
route declarations (core/routes.py, the apps' routes.py) and the policy table (accounts.policies)
say: the page, a 404, or the login. A route without a declaration fails here.

Another app's routes with new URL kwargs need one line each in OBJECTS: how to make the kwarg's
value for the own and the other organisation, and which case (if any) the object belongs to. An app
that decides per object beyond `can(user, action, case)` (a party rule, the physician's vault) adds
its rule to OBJECT_RULES, calling its own policies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RoutePattern
from django.utils import timezone

from openverzuim.accounts.models import AuditEntry
from openverzuim.accounts.policies import grants, organisations_for, roles_of
from openverzuim.accounts.roles import MEDICAL_ROLES
from openverzuim.api import webhook_services
from openverzuim.api.models import OrganisationExportRun
from openverzuim.cases import tasks as case_tasks
from openverzuim.cases.models import LeavePeriod
from openverzuim.cases.policies import can, visible_employees
from openverzuim.core.routes import Access, declaration_for
from openverzuim.documents import policies as document_policies
from openverzuim.documents import services as document_services
from openverzuim.documents.spec import EMPLOYER
from openverzuim.documents.types import TYPES
from openverzuim.guide.topics import TOPICS
from openverzuim.measures import services as measure_services
from openverzuim.measures.paths import EMPLOYER_PATHS
from openverzuim.medical import policies as medical_policies
from openverzuim.medical import selectors as medical_selectors
from openverzuim.medical import services as medical_services
from openverzuim.medical.models import Correspondence
from openverzuim.reminders import services as reminder_services
from openverzuim.reminders.models import CalendarFeed
from tests.documents.conftest import VALID


@dataclass(frozen=True)
class Route:
    name: str | None
    namespaces: tuple[str, ...]
    parts: tuple  # the patterns from the root down to this one

    @property
    def label(self) -> str:
        return self.name or "".join(str(p) for p in self.parts)

    @property
    def kwargs(self) -> list[str]:
        names = []
        for part in self.parts:
            names += (
                re.findall(r"<(?:\w+:)?(\w+)>", str(part))
                if isinstance(part, RoutePattern)
                else list(part.regex.groupindex)
            )
        return names

    def url(self, values: dict[str, str]) -> str:
        path = ""
        for part in self.parts:
            if isinstance(part, RoutePattern):
                path += re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m[1]], str(part))
            else:
                text = part.regex.pattern.lstrip("^").rstrip("$").replace("\\Z", "")
                path += re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values[m[1]], text)
        return "/" + path


def all_routes(
    resolver: URLResolver | None = None, parts: tuple = (), namespaces: tuple[str, ...] = ()
) -> Iterator[Route]:
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from all_routes(entry, parts + (entry.pattern,), inner)
        elif isinstance(entry, URLPattern):
            name = entry.name and ":".join(namespaces + (entry.name,))
            yield Route(name, namespaces, parts + (entry.pattern,))


def undeclared(routes) -> list[str]:
    return [r.label for r in routes if declaration_for(r.name, list(r.namespaces)) is None]


@dataclass(frozen=True)
class Kwarg:
    own: Callable  # world -> the value for the bakery (own organisation)
    other: Callable  # world -> the value for the other employer
    case: Callable | None = None  # (world, variant) -> the Case the object belongs to


def _case_of(world, variant):
    return world.own_case if variant == "own" else world.other_case


#: URL kwarg -> how to fill it. One line per kwarg; the object routes of other apps add theirs.
OBJECTS: dict[str, Kwarg] = {
    "case_id": Kwarg(lambda w: w.own_case.pk, lambda w: w.other_case.pk, _case_of),
    "event_id": Kwarg(lambda w: w.own_event.pk, lambda w: w.other_event.pk, _case_of),
    # cases: a leave period (WAZO) recorded in each case
    "leave_id": Kwarg(lambda w: w.leave["own"].pk, lambda w: w.leave["other"].pk, _case_of),
    "employee_id": Kwarg(lambda w: w.own_employee.pk, lambda w: w.other_employee.pk),
    "uidb64": Kwarg(lambda w: "MQ", lambda w: "Mg"),
    # the calendar feed's private token (also the invitation's: a wrong one shows its own page)
    "token": Kwarg(lambda w: _feed_token(w, "anna"), lambda w: _feed_token(w, "carla")),
    # medical: a letter with its file in the case's vault
    "item_id": Kwarg(lambda w: w.letters["own"].pk, lambda w: w.letters["other"].pk, _case_of),
    # documents: a draft plan of action (version 1), and the type to draft: one the employee
    # writes for the own case, one the employer writes for the other
    "document_id": Kwarg(
        lambda w: w.documents["own"].pk, lambda w: w.documents["other"].pk, _case_of
    ),
    "number": Kwarg(lambda w: "1", lambda w: "1"),
    # documents: a file from outside (a UWV letter) filed in each case
    "file_id": Kwarg(lambda w: w.uploads["own"].pk, lambda w: w.uploads["other"].pk, _case_of),
    "type_code": Kwarg(lambda w: "employee_opinion", lambda w: "action_plan"),
    # measures: a wage measure, a UWV expert opinion request and both employer paths
    "measure_id": Kwarg(lambda w: w.measures["own"].pk, lambda w: w.measures["other"].pk, _case_of),
    "request_id": Kwarg(lambda w: w.opinions["own"].pk, lambda w: w.opinions["other"].pk, _case_of),
    # api: a written whole-organisation export of each organisation
    "run_id": Kwarg(lambda w: w.exports["own"].pk, lambda w: w.exports["other"].pk),
    # cases: a task on each organisation's case
    "task_id": Kwarg(lambda w: w.tasks["own"].pk, lambda w: w.tasks["other"].pk, _case_of),
    "path": Kwarg(lambda w: EMPLOYER_PATHS[0], lambda w: EMPLOYER_PATHS[1]),
    # api: a role held by a person (/api/v1/users/{pk}/roles/{role}/)
    "role": Kwarg(lambda w: "employer_admin", lambda w: "case_manager"),
    # api: a webhook endpoint of each organisation
    "endpoint_id": Kwarg(lambda w: w.webhooks["own"].pk, lambda w: w.webhooks["other"].pk),
    # guide: two knowledge pages and two steps of the first-sick-day wizard
    "slug": Kwarg(lambda w: TOPICS[0].slug, lambda w: TOPICS[1].slug),
    "step": Kwarg(lambda w: "notify", lambda w: "rules"),
    # Django's admin (one group, the system administrator's)
    "object_id": Kwarg(lambda w: "1", lambda w: "999"),
    "pk": Kwarg(lambda w: "1", lambda w: "999"),
    "id": Kwarg(lambda w: "1", lambda w: "999"),
    "content_type_id": Kwarg(lambda w: "1", lambda w: "2"),
    "app_label": Kwarg(lambda w: "auth", lambda w: "otp_totp"),
    "url": Kwarg(lambda w: "no-such-page/", lambda w: "other/page/"),
}


def _feed_token(world, persona: str) -> str:
    """Read at request time: an earlier route (calendar_change) may have renewed the feed."""
    return CalendarFeed.objects.get(user=world.personas[persona]).token


def _value(kwarg: str, world, variant: str):
    return getattr(OBJECTS[kwarg], variant)(world)


def _document_rule(user, route: Route, world, variant: str, case) -> bool:
    """documents/policies.py: the case is reachable, and the party rule of the view holds."""
    if case is None:
        return True  # documents:mine lists the employee's own documents only
    if not document_policies.reachable_cases(user).filter(pk=case.pk).exists():
        return False
    parties = document_policies.parties_of(user, case)
    document = world.documents[variant]
    rule = {
        "new": lambda: TYPES[_value("type_code", world, variant)].author in parties,
        "edit": lambda: document.spec.author in parties,  # only the type's author
        "sign": lambda: bool(parties & set(document.latest().missing_parties())),
        "copy": lambda: EMPLOYER in parties,
        "report": lambda: EMPLOYER in parties,
        "bundle": lambda: EMPLOYER in parties,
        "upload": lambda: EMPLOYER in parties,
        "upload_file": lambda: EMPLOYER in parties,
    }
    return rule.get(route.name.split(":")[1], lambda: True)()


def _vault_rule(user, route: Route, world, variant: str, case) -> bool:
    """medical/policies.py: a physician (the second factor is verified at every login here) of an
    arbodienst that serves the case's employer; a letter only of that case. The employee's own
    file: a letter only of her own case (the second factor is asked after that check)."""
    if declaration_for(route.name, list(route.namespaces)).scope == "own":
        return case is None or case.employee.user_id == user.pk
    if not medical_policies.is_physician(user):
        return False
    if case is None:
        return True  # the caseload lists the served cases only
    if not medical_policies.physician_cases(user).filter(pk=case.pk).exists():
        return False
    if "item_id" in route.kwargs:
        try:
            medical_selectors.correspondence_file(case=case, item_id=world.letters[variant].pk)
        except ObjectDoesNotExist:
            return False
    return True


def _export_rule(user, route: Route, world, variant: str, case) -> bool:
    """An organisation's export: the administrators of that organisation (accounts.policies)."""
    if "run_id" not in route.kwargs:
        return True
    reach = organisations_for(user, grants("export_all").keys())
    return reach.filter(pk=world.exports[variant].organisation_id).exists()


def _webhook_rule(user, route: Route, world, variant: str, case) -> bool:
    """api/webhook_services.py: an endpoint of an organisation the user manages webhooks of."""
    if "endpoint_id" not in route.kwargs:
        return True
    endpoint = world.webhooks[variant]
    return webhook_services.endpoints_of(user).filter(pk=endpoint.pk).exists()


#: Apps that decide per object beyond `can(user, action, case)`: their own policies, called.
OBJECT_RULES: dict[str, Callable] = {
    "documents": _document_rule,
    "medical": _vault_rule,
    "orgexport": _export_rule,
    "webhooks": _webhook_rule,
}


def expected(user, declaration: Access, route: Route, world, variant: str) -> str:
    """What the table declares: "page", "404" or "login"."""
    if declaration.scope == "public":
        return "page"
    if user is None:
        return "login"
    if declaration.scope == "authenticated":
        return "page"
    if declaration.scope == "system":
        return "page" if user.is_staff else "404"
    if not roles_of(user) & declaration.roles:
        return "404"
    kwargs = route.kwargs
    case = _case_of(world, variant) if any(OBJECTS[k].case for k in kwargs) else None
    rule = OBJECT_RULES.get(route.namespaces[0] if route.namespaces else "")
    if rule is not None:
        return "page" if rule(user, route, world, variant, case) else "404"
    if case is not None and not can(user, declaration.action, case):
        return "404"
    if "employee_id" in kwargs:
        employee = world.own_employee if variant == "own" else world.other_employee
        action = "change" if declaration.action == "change" else "view"
        if not visible_employees(user, action).filter(pk=employee.pk).exists():
            return "404"
    return "page"


def outcome(response) -> str:
    if response.status_code == 404:
        return "404"
    if response.status_code == 302 and response["Location"].startswith("/accounts/login/"):
        return "login"
    if response.status_code in (403, 500):
        return str(response.status_code)
    return "page"


def test_every_route_of_the_project_has_an_access_declaration(db):
    routes = list(all_routes())
    assert len(routes) > 30
    assert not undeclared(routes), f"declare in the app's routes.py: {undeclared(routes)}"


def test_the_check_fails_for_a_route_without_a_declaration(settings):
    settings.ROOT_URLCONF = "tests.privacy.undeclared_urls"
    assert undeclared(all_routes(get_resolver("tests.privacy.undeclared_urls"))) == ["not_declared"]


@pytest.mark.django_db
def test_an_undeclared_route_is_refused_even_to_the_employer(client, settings, anna):
    settings.ROOT_URLCONF = "tests.privacy.undeclared_urls"
    client.force_login(anna)
    assert client.get("/not-declared/").status_code == 404


@pytest.fixture
def objects(world, today, settings, tmp_path):
    """The objects the other apps' routes name, once in each organisation's case (the world's)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    anna, carla, dirk = (world.personas[p] for p in ("anna", "carla", "dirk"))
    cases = {"own": (world.own_case, anna), "other": (world.other_case, carla)}
    world.letters = {
        "own": medical_services.correspondence_add(
            case=world.own_case,
            author=dirk,
            today=today,
            dated=today,
            correspondent="Dr. Jansen",
            file_name="mri.pdf",
            file_content=b"%PDF-1.4 MRI",
        )
    }
    # No physician serves the installer, so no service would write its vault: the model does.
    other = world.other_case
    world.letters["other"] = Correspondence.objects.create(
        case_id=other.pk,
        employee_id=other.employee_id,
        organisation_id=other.organisation_id,
        author_id=0,
        author_name="Another arbodienst",
        dated=today,
        correspondent="Dr. Smit",
        file_name="letter.pdf",
        file_content=b"%PDF-1.4 letter",
        file_size=15,
    )
    world.documents = {
        variant: document_services.document_create(
            case=case,
            type_code="action_plan",
            by=by,
            content=VALID["action_plan"],
            parties=document_policies.parties_of(by, case),
            free_text="",
        )
        for variant, (case, by) in cases.items()
    }
    world.measures = {
        variant: measure_services.wage_measure_create(
            case=case,
            by=by,
            today=today,
            kind="suspension",
            ground="lid6",
            cause_known_on=today,
            employee_told_on=today,
            start=today,
            rules_in_writing=True,
        )
        for variant, (case, by) in cases.items()
    }
    world.opinions = {
        variant: measure_services.expert_opinion_create(
            case=case,
            by=by,
            today=today,
            requester="employer",
            question="suitable_work",
            requested_on=today,
        )
        for variant, (case, by) in cases.items()
    }
    world.tasks = {
        variant: case_tasks.task_create(
            case=case, title="Terugbellen", due=today, assignee=by, by=by, today=today
        )
        for variant, (case, by) in cases.items()
    }
    for user in (anna, carla):
        reminder_services.calendar_feed_renew(user=user)
    world.uploads = {
        variant: document_services.upload_create(
            case=case,
            by=by,
            parties={EMPLOYER},
            kind="uwv_letter",
            file_name="uwv.pdf",
            content=b"%PDF-1.4 UWV",
        )
        for variant, (case, by) in cases.items()
    }
    # A written export of each organisation, downloadable (api.export_runs).
    world.exports = {}
    for variant, (case, by) in cases.items():
        run = OrganisationExportRun.objects.create(
            organisation=case.organisation, requested_by=by, status="done", counts={}
        )
        run.file.save(f"export-{variant}.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18))
        OrganisationExportRun.objects.filter(pk=run.pk).update(
            expires_at=timezone.now() + timedelta(hours=1)
        )
        world.exports[variant] = run
    world.webhooks = {
        variant: webhook_services.endpoint_create(
            organisation=case.organisation,
            url="http://127.0.0.1:9/hook",
            description="",
            kinds=["case.opened"],
            by=by,
        )[0]
        for variant, (case, by) in cases.items()
    }
    # Long before either episode (a service would refuse leave overlapping the open period).
    world.leave = {
        variant: LeavePeriod.objects.create(
            employee_id=case.employee_id, case=case, start=date(2024, 3, 1), end=date(2024, 6, 20)
        )
        for variant, (case, _by) in cases.items()
    }
    return world


def ask(client, url: str):
    """A GET; a POST-only view answers that with 405 before it looks at its object, so it is asked
    again with an empty POST, which reaches the object check (and saves nothing but a feed link)."""
    response = client.get(url)
    return client.post(url) if response.status_code == 405 else response


@pytest.mark.django_db(databases=["default", "medical"])
def test_every_route_answers_every_persona_as_declared(client, objects, verified_login):
    world = objects
    client.raise_request_exception = False  # a 500 is a mismatch to report, not a crash
    mismatches, checked, shadowed = [], 0, set()
    medical_roles = set(MEDICAL_ROLES)
    for route in all_routes():
        declaration = declaration_for(route.name, list(route.namespaces))
        if declaration.scope == "api":
            continue  # a key, not a session: tests/api/test_permission_matrix.py
        unknown = [k for k in route.kwargs if k not in OBJECTS]
        assert not unknown, f"{route.label}: add {unknown} to OBJECTS"
        for variant in ("own", "other"):
            url = route.url({k: str(_value(k, world, variant)) for k in route.kwargs})
            if route.name and resolve(url).view_name != route.name:
                shadowed.add(route.label)  # an earlier pattern answers this URL (front_page)
                break
            for persona, user in world.personas.items():
                client.logout()
                if user is not None:
                    (
                        verified_login(client, user)
                        if persona == "dirk"
                        else client.force_login(user)
                    )
                want = expected(user, declaration, route, world, variant)
                got = outcome(ask(client, url))
                checked += 1
                if declaration.scope == "system" and want == "page" and got in ("403", "404"):
                    got = want  # past our door; the admin itself refuses a missing object or a
                    # read-only model (non-staff and anonymous are still checked exactly)
                if got != want:
                    mismatches.append(
                        f"{persona:9} {variant:5} {route.label}: {got}, declared {want}"
                    )
                if (
                    declaration.scope == "medical"
                    and got == "page"
                    and not roles_of(user) & medical_roles
                ):
                    mismatches.append(f"{persona:9} {variant:5} {route.label}: MEDICAL DATA SHOWN")
            if not route.kwargs:
                break  # no objects: the other variant is the same request
    assert checked > 300
    assert shadowed == {"core:home", "cases:worklist"}  # both served through front_page at "/"
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.django_db(databases=["default", "medical"])
def test_the_vault_sends_a_physician_without_a_second_factor_to_set_one_up(client, objects):
    client.force_login(objects.personas["dirk"])
    vault = [
        r for r in all_routes() if declaration_for(r.name, list(r.namespaces)).scope == "medical"
    ]
    assert len(vault) >= 8
    for route in vault:
        response = client.get(route.url({k: str(_value(k, objects, "own")) for k in route.kwargs}))
        assert response.status_code == 302, route.label
        assert response["Location"].startswith(reverse("accounts:two_factor_setup")), route.label


@pytest.mark.django_db(databases=["default", "medical"])
def test_a_vault_letter_is_reached_only_through_its_own_case(client, objects, verified_login):
    verified_login(client, objects.personas["dirk"])
    case_id = objects.own_case.pk
    for letter, status in ((objects.letters["own"], 200), (objects.letters["other"], 404)):
        url = reverse(
            "medical:correspondence_file", kwargs={"case_id": case_id, "item_id": letter.pk}
        )
        assert client.get(url).status_code == status


@pytest.mark.django_db(databases=["default", "medical"])
def test_the_arbodienst_administrator_counts_the_caseload_and_opens_no_case(client, world):
    """Finn's arbodienst serves the bakery: the policy grants her the caseload (counts) of it and
    no case of it, let alone of the employer it does not serve."""
    finn = world.personas["finn"]
    client.force_login(finn)
    routes = {r.name: r for r in all_routes()}
    caseload = routes["reports:caseload"]
    assert (
        expected(finn, declaration_for(caseload.name, ["reports"]), caseload, world, "own")
        == "page"
    )
    assert client.get(reverse("reports:caseload")).status_code == 200
    for name in ("cases:detail", "cases:recovery", "measures:case", "medical:case"):
        route = routes[name]
        for variant, case in (("own", world.own_case), ("other", world.other_case)):
            declaration = declaration_for(name, list(route.namespaces))
            assert expected(finn, declaration, route, world, variant) == "404", (name, variant)
            assert client.get(reverse(name, args=[case.pk])).status_code == 404, (name, variant)


@pytest.mark.django_db(databases=["default", "medical"])
def test_every_page_that_shows_a_dossier_leaves_a_read_in_the_audit_trail(
    client, objects, verified_login
):
    """Issue 4 item 5: every read of dossier data is logged. Each route about one case (a case
    kwarg) or in the vault, opened by everyone the table lets in but the employee the dossier is
    about (whose own reads "who viewed my dossier" leaves out), adds a read entry for that user and
    that case; the form pages too, since they show the case they change."""
    world = objects
    missing, checked = [], 0
    for route in all_routes():
        declaration = declaration_for(route.name, list(route.namespaces))
        names_a_case = any(OBJECTS[k].case for k in route.kwargs if k in OBJECTS)
        if not (names_a_case or declaration.scope == "medical"):
            continue
        url = route.url({k: str(_value(k, world, "own")) for k in route.kwargs})
        for persona, user in world.personas.items():
            if (
                user in (None, world.own_employee.user)
                or expected(user, declaration, route, world, "own") != "page"
            ):
                continue
            client.logout()
            (verified_login(client, user) if persona == "dirk" else client.force_login(user))
            before = AuditEntry.objects.filter(user_id=user.pk, action="read").count()
            response = client.get(url)
            if response.status_code != 200:
                continue  # a POST-only action, or a form's redirect: what it writes is tested apart
            checked += 1
            reads = AuditEntry.objects.filter(user_id=user.pk, action="read").order_by("-pk")
            new = list(reads[: max(reads.count() - before, 0)])
            if not new:
                missing.append(f"{persona:9} {route.label}")
            elif names_a_case and not any(e.case_id == world.own_case.pk for e in new):
                missing.append(f"{persona:9} {route.label}: read logged without the case")
    assert checked > 40
    assert not missing, "no audit entry for:\n" + "\n".join(missing)


@pytest.mark.django_db(databases=["default", "medical"])
def test_enrolling_a_second_factor_answers_every_persona_as_the_policy_table_says(client, world):
    """The enrol_device cell (relation self): every persona may add an authenticator to their own
    login, but one who has an authenticator only after verifying it in this session; otherwise the
    setup page sends them to the verify page and makes no new key (issue 13, finding 1)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from openverzuim.accounts.policies import grants, may_enrol_device

    assert set(grants("enrol_device").values()) == {"self"}
    setup, verify = reverse("accounts:two_factor_setup"), reverse("accounts:two_factor_verify")
    mismatches = []
    for persona, user in world.personas.items():
        if user is None:
            continue
        for state in ("no device", "unverified", "verified"):
            TOTPDevice.objects.filter(user=user).delete()
            client.logout()
            client.force_login(user)
            if state != "no device":
                device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
            if state == "verified":
                session = client.session
                session[DEVICE_ID_SESSION_KEY] = device.persistent_id
                session.save()
            allowed = may_enrol_device(user, verified=state == "verified")
            response = client.get(setup)
            got = (
                "page"
                if response.status_code == 200
                else (
                    "verify"
                    if response.status_code == 302 and response["Location"].startswith(verify)
                    else str(response.status_code)
                )
            )
            if got != ("page" if allowed else "verify"):
                mismatches.append(f"{persona:9} {state:10}: {got}")
            if not allowed and TOTPDevice.objects.filter(user=user, confirmed=False).exists():
                mismatches.append(f"{persona:9} {state:10}: a new key was made")
    assert not mismatches, "\n".join(mismatches)
