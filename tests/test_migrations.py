"""The models and the migrations agree: a model change without its migration fails here."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db(databases=["default", "medical"])  # makemigrations checks both histories
def test_every_model_change_has_its_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db(transaction=True)  # migrating backwards and forwards needs real transactions
def test_wage_measures_recorded_before_the_move_to_cases_are_kept(eva_sick):
    """signals 0002 / cases 0003 move WageMeasure to cases: the table is renamed, not re-created."""
    from datetime import date

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from openverzuim.cases.models import WageMeasure

    before = [("signals", "0001_initial"), ("cases", "0002_reintegration_cost")]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps.get_model("signals", "WageMeasure")
        recorded = old.objects.create(
            case_id=eva_sick.pk,
            kind="stop",
            ground="lid3_e",
            cause_known_on=date(2026, 2, 26),
            start=date(2026, 3, 1),
            end=date(2026, 3, 10),
            note="Weigert het plan van aanpak",
        )
    finally:
        executor = MigrationExecutor(connection)  # a fresh loader: the graph as migrated now
        executor.migrate(latest)
    measure = WageMeasure.objects.get()
    assert (measure.pk, measure.case, measure.kind, measure.start, measure.end, measure.note) == (
        recorded.pk,
        eva_sick,
        "stop",
        date(2026, 3, 1),
        date(2026, 3, 10),
        "Weigert het plan van aanpak",
    )
    assert list(eva_sick.wage_measures.all()) == [measure]
    # New rows go on numbering after the moved ones, and the content type moved along.
    later = WageMeasure.objects.create(
        case=eva_sick,
        kind="stop",
        ground="lid3_e",
        cause_known_on=date(2026, 4, 1),
        start=date(2026, 4, 2),
    )
    assert later.pk > measure.pk
    assert set(
        ContentType.objects.filter(model="wagemeasure").values_list("app_label", flat=True)
    ) == {"cases"}


@pytest.mark.django_db(transaction=True)
def test_one_open_case_per_employee_closes_recovered_earlier_cases_and_stops_at_duplicates(
    eva, anna
):
    """cases 0005: an earlier open case whose employee recovered is closed on the recovery day
    (nothing deleted); two open cases that are both still sick stop the migration with their ids."""
    from datetime import date

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from openverzuim.cases.models import Case, SicknessPeriod

    before = [("cases", "0004_employee_invitation")]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        OldCase, OldPeriod = (
            old.get_model("cases", "Case"),
            old.get_model("cases", "SicknessPeriod"),
        )
        recovered = OldCase.objects.create(organisation_id=eva.organisation_id, employee_id=eva.pk)
        OldPeriod.objects.create(case=recovered, start=date(2026, 1, 5), end=date(2026, 1, 9))
        sick = OldCase.objects.create(organisation_id=eva.organisation_id, employee_id=eva.pk)
        OldPeriod.objects.create(case=sick, start=date(2026, 3, 2))
        twice = OldCase.objects.create(organisation_id=eva.organisation_id, employee_id=eva.pk)
        OldPeriod.objects.create(case=twice, start=date(2026, 3, 2))
        with pytest.raises(RuntimeError, match=rf"employee {eva.pk}: cases .*{twice.pk}"):
            MigrationExecutor(connection).migrate(latest)
        OldPeriod.objects.filter(case=twice).update(end=date(2026, 3, 2))  # a person resolved it
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    assert dict(Case.objects.values_list("pk", "closed_on")) == {
        recovered.pk: date(2026, 1, 10),
        sick.pk: None,
        twice.pk: date(2026, 3, 3),
    }
    assert SicknessPeriod.objects.count() == 3


@pytest.mark.django_db(
    transaction=True
)  # SQLite's schema editor refuses to run inside a transaction
def test_the_grounds_citing_their_article_change_labels_only_not_a_stored_value():
    """The wage-measure grounds' labels are built from law.sanctions.ground_basis: the migration that
    records them alters no column and no row on either database."""
    from io import StringIO

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from openverzuim.law.sanctions import GROUNDS

    loader = MigrationLoader(connection)
    name = next(n for app, n in loader.disk_migrations if app == "cases" and "grounds_cite" in n)
    out = StringIO()
    call_command("sqlmigrate", "cases", name, stdout=out)
    statements = [
        line
        for line in out.getvalue().splitlines()
        if line.strip() and not line.startswith("--") and line.strip() not in ("BEGIN;", "COMMIT;")
    ]
    assert statements == []
    field = (
        loader.project_state(("cases", name))
        .apps.get_model("cases", "WageMeasure")
        ._meta.get_field("ground")
    )
    assert [value for value, _ in field.choices] == list(GROUNDS)
    assert dict(field.choices)["lid3_c"] == (
        "BW 7:629 lid 3 sub c: suitable work refused without a valid reason"
    )


@pytest.mark.django_db(transaction=True)
def test_the_split_of_signals_into_measures_and_reminders_keeps_every_row(eva_sick, anna):
    """signals 0003 / measures 0001 / reminders 0001: the four tables are renamed, not re-created;
    rows, their ids and the content types follow."""
    from datetime import date

    from django.contrib.contenttypes.models import ContentType
    from django.db import IntegrityError, connection, transaction
    from django.db.migrations.executor import MigrationExecutor

    from openverzuim.measures.models import EscalationStep, ExpertOpinionRequest
    from openverzuim.reminders.models import CalendarFeed, DigestSent

    before = [("signals", "0002_wage_measure_to_cases")]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        opinion = old.get_model("signals", "ExpertOpinionRequest").objects.create(
            case_id=eva_sick.pk,
            requester="employer",
            question="incapacity",
            requested_on=date(2026, 3, 2),
            fee="0.00",
            note="Vraag aan UWV",
        )
        step = old.get_model("signals", "EscalationStep").objects.create(
            case_id=eva_sick.pk,
            path="stalled",
            step="agreement",
            taken_on=date(2026, 3, 3),
            follow_up_on=date(2026, 3, 17),
            recorded_by_id=anna.pk,
        )
        sent = old.get_model("signals", "DigestSent").objects.create(
            user_id=anna.pk, day=date(2026, 3, 4), duties=3
        )
        feed = old.get_model("signals", "CalendarFeed").objects.create(
            user_id=anna.pk, token="t0ken"
        )
        ContentType.objects.get_or_create(app_label="signals", model="escalationstep")
        ContentType.objects.filter(app_label="measures", model="escalationstep").delete()
    finally:
        executor = MigrationExecutor(connection)  # a fresh loader: the graph as migrated now
        executor.migrate(latest)
    assert list(ExpertOpinionRequest.objects.values_list("pk", "case_id", "question", "note")) == [
        (opinion.pk, eva_sick.pk, "incapacity", "Vraag aan UWV")
    ]
    assert list(
        EscalationStep.objects.values_list("pk", "step", "follow_up_on", "recorded_by")
    ) == [(step.pk, "agreement", date(2026, 3, 17), anna.pk)]
    assert list(DigestSent.objects.values_list("pk", "user", "day", "duties")) == [
        (sent.pk, anna.pk, date(2026, 3, 4), 3)
    ]
    assert list(CalendarFeed.objects.values_list("pk", "user", "token")) == [
        (feed.pk, anna.pk, "t0ken")
    ]
    assert list(eva_sick.expert_opinions.all()) == [ExpertOpinionRequest.objects.get()]
    # New rows go on numbering after the moved ones; the unique day of a digest still holds.
    later = EscalationStep.objects.create(
        case=eva_sick, path="stalled", step="work_order", taken_on=date(2026, 3, 18)
    )
    assert later.pk > step.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        DigestSent.objects.create(user=anna, day=date(2026, 3, 4), duties=1)
    assert set(
        ContentType.objects.filter(model="escalationstep").values_list("app_label", flat=True)
    ) == {"measures"}
    assert not ContentType.objects.filter(app_label="signals").exists()


@pytest.mark.django_db(transaction=True)
def test_employers_with_contracts_before_the_rollup_are_marked_for_the_next_daily_job(
    eva, installer
):
    """cases 0020: an organisation that had contracts before the rollup is marked pending (the
    daily job writes it afresh); one without contracts is not."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from openverzuim.cases.models import StatisticsPending

    before = [("cases", "0019_case_open_manager_due")]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    marked = set(StatisticsPending.objects.values_list("organisation_id", flat=True))
    assert eva.employments.exists() and eva.organisation_id in marked
    assert installer.pk not in marked
