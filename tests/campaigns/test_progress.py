"""Campaign progress follows the learner's steps, the pact, the roster and the office tree,
and the folded counters always equal a recount."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certificates import services as pact_services
from courses import services as course_services
from netra.campaigns import progress, rebuild, rollups
from netra.campaigns.models import CampaignProgress, OfficeRollup, ProgressDelta
from netra.people import services as people_services
from netra.people.factories import EmployeeFactory
from netra.people.models import Employee, EmploymentType

from .conftest import read_all, read_first, sign_pact


def row_of(period, user):
    return CampaignProgress.objects.get(period=period, employee__user=user)


def counters(period, office, scope=0):
    rows = OfficeRollup.objects.filter(period=period, office=office, scope=scope)
    return tuple(
        sum(getattr(r, f) for r in rows)
        for f in ("headcount", "started", "completed", "pact_signed")
    )


def assert_consistent(period):
    rollups.fold()
    result = rollups.reconcile(period.pk)
    assert result.mismatches == []


def test_setup_counts_every_active_employee(tracked, city, staff):
    assert counters(tracked, city["pemkot"]) == (10, 0, 0, 0)
    assert counters(tracked, city["kec"]) == (4, 0, 0, 0)
    assert counters(tracked, city["kel"], scope=1) == (2, 0, 0, 0)
    assert_consistent(tracked)


def test_steps_courses_and_pact_move_an_employee_to_complete(tracked, courses, pact, city, staff):
    user = staff["kel"][0].user
    read_first(user, courses[0])
    row = row_of(tracked, user)
    assert (row.started_mask, row.completed_mask, row.completed_at) == (0b01, 0, None)
    assert row.started_at is not None
    read_all(user, courses[0])
    read_all(user, courses[1])
    assert row_of(tracked, user).completed_mask == 0b11
    assert row_of(tracked, user).completed_at is None  # the pact is still missing
    sign_pact(user, pact)
    row = row_of(tracked, user)
    assert row.pact_signed_at is not None and row.completed_at is not None
    rollups.fold()
    # The kelurahan, the kecamatan and the city all count them; the dinas does not.
    for key in ("kel", "kec", "pemkot"):
        assert counters(tracked, city[key]) == (
            10 if key == "pemkot" else 2 * (1 + (key == "kec")),
            1,
            1,
            1,
        )
    assert counters(tracked, city["dinas"])[1:] == (0, 0, 0)
    assert counters(tracked, city["kel"], scope=2) == (2, 1, 1, 1)
    assert_consistent(tracked)


def test_renewal_and_revocation_take_completion_back(tracked, courses, pact, staff):
    user = staff["sd"][0].user
    read_all(user, courses[0])
    read_all(user, courses[1])
    signature = sign_pact(user, pact)
    assert row_of(tracked, user).completed_at is not None
    course_services.enrolment_renew(user=user, course=courses[0], reason="Regulasi baru")
    row = row_of(tracked, user)
    assert (row.started_mask, row.completed_mask, row.completed_at) == (0b11, 0b10, None)
    pact_services.signature_revoke(signature=signature, by=user, reason="Salah orang")
    assert row_of(tracked, user).pact_signed_at is None
    assert_consistent(tracked)


def test_repeating_a_step_writes_nothing(tracked, courses, staff):
    user = staff["kel"][1].user
    read_first(user, courses[0])
    rollups.fold()
    read_first(user, courses[0])
    assert not ProgressDelta.objects.exists()


def test_roster_changes_move_the_counters(tracked, city, staff):
    employee = staff["kel"][0]
    read_all(employee.user, tracked.courses.first().course.specific)
    people_services.employee_upsert(
        nip=employee.nip,
        name=employee.name,
        employment_type=employee.employment_type,
        golongan=employee.golongan,
        office=city["sd"],
    )
    progress.employees_sync([employee.pk])
    rollups.fold()
    assert counters(tracked, city["kel"]) == (1, 0, 0, 0)
    assert counters(tracked, city["sd"])[:2] == (3, 1)
    assert row_of(tracked, employee.user).office_path == city["sd"].path
    Employee.objects.filter(pk=employee.pk).update(is_active=False)
    progress.employees_sync([employee.pk])
    rollups.fold()
    assert counters(tracked, city["sd"])[:2] == (2, 0)
    newcomer = EmployeeFactory(office=city["kel"], employment_type=EmploymentType.PPPK)
    progress.employees_sync([newcomer.pk])
    rollups.fold()
    assert counters(tracked, city["kel"]) == (2, 0, 0, 0)
    assert_consistent(tracked)


def test_moving_an_office_moves_its_counters_and_paths(tracked, courses, city, staff):
    read_first(staff["kel"][0].user, courses[0])
    rollups.fold()
    kel = people_services.office_move(city["kel"], city["dinas"])
    assert counters(tracked, city["kec"]) == (2, 0, 0, 0)
    assert counters(tracked, city["dinas"])[:2] == (6, 1)
    assert counters(tracked, city["pemkot"])[:2] == (10, 1)
    paths = set(CampaignProgress.objects.filter(office=kel).values_list("office_path", flat=True))
    assert paths == {kel.path}
    assert kel.path.startswith(city["dinas"].path)
    assert_consistent(tracked)


def test_rebuild_reads_what_happened_before_the_campaign(period, courses, pact, staff):
    user = staff["dinas"][0].user
    read_all(user, courses[1])
    sign_pact(user, pact)
    # As if the campaign had been set up only now: no progress rows, no counters.
    CampaignProgress.objects.all().delete()
    ProgressDelta.objects.all().delete()
    result = rebuild.rebuild(period.pk)
    assert result.rows_created == 10
    row = row_of(period, user)
    assert (row.started_mask, row.completed_mask) == (0b10, 0b10)
    assert row.pact_signed_at is not None
    again = rebuild.rebuild(period.pk)
    assert (again.rows_created, again.rows_changed) == (0, 0)
    assert_consistent(period)


def test_reconcile_finds_and_repairs_a_wrong_counter(tracked, city):
    OfficeRollup.objects.filter(period=tracked, office=city["kec"], scope=0).update(headcount=99)
    found = rollups.reconcile(tracked.pk)
    assert len(found.mismatches) == 1 and not found.fixed
    fixed = rollups.reconcile(tracked.pk, fix=True)
    assert fixed.fixed
    assert rollups.reconcile(tracked.pk).mismatches == []


OFFICES = ["pemkot", "dinas", "sd", "kec", "kel"]
events = st.lists(
    st.one_of(
        st.tuples(st.just("course"), st.integers(0, 9), st.integers(0, 1), st.booleans()),
        st.tuples(st.just("pact"), st.integers(0, 9), st.booleans()),
        st.tuples(st.just("move_employee"), st.integers(0, 9), st.sampled_from(OFFICES)),
        st.tuples(st.just("active"), st.integers(0, 9), st.booleans()),
        st.tuples(st.just("kind"), st.integers(0, 9), st.sampled_from(["PNS", "PPPK"])),
        st.tuples(st.just("move_office"), st.sampled_from(["sd", "kel"]), st.sampled_from(OFFICES)),
        st.tuples(st.just("fold")),
    ),
    max_size=25,
)


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(events=events)
def test_counters_equal_a_recount_after_any_events(tracked, courses, pact, city, staff, events):
    people = [e for key in OFFICES for e in staff[key]]
    with transaction.atomic():
        for event in events:
            _play(event, people, courses, pact, city)
        assert_consistent(tracked)
        transaction.set_rollback(True)


def _play(event, people, courses, pact, city):
    kind, *args = event
    if kind == "course":
        person, course, done = args
        progress.course_progress(
            user_id=people[person].user_id, course_id=courses[course].pk, completed=done
        )
    elif kind == "pact":
        person, signed = args
        progress.pact_progress(user_id=people[person].user_id, pact_id=pact.pk, signed=signed)
    elif kind in ("move_employee", "active", "kind"):
        person, value = args
        field = {"move_employee": "office", "active": "is_active", "kind": "employment_type"}[kind]
        if kind == "move_employee":
            value = city[value]
        Employee.objects.filter(pk=people[person].pk).update(**{field: value})
        if kind == "kind":  # keep the NIP-type constraint honest for PPPK
            pass
        progress.employees_sync([people[person].pk])
    elif kind == "move_office":
        office, parent = args
        office, parent = city[office].__class__.objects.get(pk=city[office].pk), city[parent]
        parent = parent.__class__.objects.get(pk=parent.pk)
        if not parent.path.startswith(office.path):
            people_services.office_move(office, parent)
    else:
        rollups.fold()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_folding_while_writers_commit_loses_nothing(tracked, staff):
    """Writers commit deltas while folds run back to back: every delta is counted exactly
    once (the fold reads exactly the rows it deletes)."""
    people = [e.pk for group in staff.values() for e in group]
    done = threading.Event()
    errors = []

    def write(offset):
        try:
            for n in range(60):
                employee = people[(offset + n) % len(people)]
                bit = 1 << (n % 2)
                change = progress.Change(completed=bit) if n % 3 else progress.Change(keep=~bit)
                # Like a learner's request: the change is written, then the request does
                # more work before it commits, while a fold may be running.
                with transaction.atomic():
                    progress.apply_change(tracked.pk, employee, change)
                    time.sleep(0.005)
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    def keep_folding():
        try:
            while not done.is_set():
                rollups.fold()
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    folder = threading.Thread(target=keep_folding)
    folder.start()
    writers = [threading.Thread(target=write, args=(k * 3,)) for k in range(3)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    done.set()
    folder.join()
    assert errors == []
    assert_consistent(tracked)
