"""A learner with something in every corner of Netra: a certificate and a signed pact
(with their sealed PDFs), quiz attempts, campaign progress, a reminder, notifications, an
authenticator, a session, admin preferences, an HR scope, Wagtail log entries about them and
a roster import naming them. Pact and course fixtures come from tests/certificates."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.users.models import UserProfile

from certificates import services as pact_services
from certificates.factories import PactIndexPageFactory, PactPageFactory
from certificates.models import Certificate
from courses.factories import course_with_modules
from netra.campaigns import rebuild, rollups
from netra.campaigns.factories import ElectionPeriodFactory
from netra.campaigns.models import ReminderLog
from netra.notifications.factories import NotificationFactory
from netra.people import services as people_services
from netra.people.factories import EmployeeFactory, totp_activate
from netra.people.models import HrAssignment, RosterImport
from quizzes.factories import QuizPageFactory
from tests.certificates.conftest import finish_course
from tests.certificates.test_pact_services import sign
from tests.conftest import PASSWORD


@pytest.fixture
def course(course_index):
    """One module and a quiz, required by the pact (as in tests/certificates)."""
    course = course_with_modules(parent=course_index, modules=1, title="Netralitas di Medsos")
    QuizPageFactory(parent=course)
    return course


@pytest.fixture
def pact(home, course):
    index = PactIndexPageFactory(parent=home)
    return PactPageFactory(parent=index, title="Pakta Netralitas 2029", required_course=course)


@pytest.fixture
def earn(django_capture_on_commit_callbacks):
    """`earn(user, course, pact)`: finish the course and sign the pact with the jobs queued
    after commit run (certificate, PDFs); returns the certificate."""

    def run(user, course, pact):
        with django_capture_on_commit_callbacks(execute=True):
            finish_course(user, course)
        with django_capture_on_commit_callbacks(execute=True):
            sign(user, pact_services.current_version(pact))
        return Certificate.objects.get(user=user, course=course, superseded_at__isnull=True)

    return run


@pytest.fixture
def period(course, pact, city):
    period = ElectionPeriodFactory(courses=[course], pact=pact)
    rebuild.rebuild(period.pk)
    return period


@pytest.fixture
def other(city):
    """Another learner in the same office, who must never appear in anyone else's data."""
    return EmployeeFactory(
        office=city["dinas"], email="lain@example.go.id", password=PASSWORD, name="Budi Lain"
    ).user


def fill(user, *, course, pact, earn, city, period):
    """Give `user` a row in every registered model it can have."""
    certificate = earn(user, course, pact)
    employee = user.employee
    NotificationFactory(recipient=user, key=f"uji-{user.pk}", title="Pembaruan regulasi")
    ReminderLog.objects.create(
        period=period,
        employee=employee,
        office=employee.office,
        office_path=employee.office.path,
        email=user.email,
        batch="00000000-0000-0000-0000-000000000001",
    )
    HrAssignment.objects.create(user=user, office=city["sd"])
    totp_activate(user)
    UserProfile.get_for_user(user)
    Client().force_login(user)  # a stored session, on a browser of its own
    log(instance=employee, action="wagtail.edit", user=None)
    RosterImport.objects.create(
        file_name="siasn.csv",
        file_size=10,
        file_sha256="0" * 64,
        status=RosterImport.Status.APPLIED,
        report={
            "deactivated": [
                {"key": employee.nip, "name": employee.full_name, "unit": employee.office.name},
                {"key": "199001012015031001", "name": "Orang Lain", "unit": "Dinas"},
            ]
        },
    )
    return certificate


@pytest.fixture
def full_learner(learner, course, pact, earn, city, period):
    """The conftest learner (a PNS at the Dinas Pendidikan) with data everywhere."""
    fill(learner, course=course, pact=pact, earn=earn, city=city, period=period)
    return learner


def deactivate(employee, django_capture_on_commit_callbacks):
    """What the roster import or the admin does when someone leaves."""
    with django_capture_on_commit_callbacks(execute=True):
        people_services.employee_upsert(
            nip=employee.nip,
            registration_number=employee.registration_number,
            name=employee.name,
            front_title=employee.front_title,
            back_title=employee.back_title,
            employment_type=employee.employment_type,
            golongan=employee.golongan,
            jabatan=employee.jabatan,
            office=employee.office,
            is_active=False,
        )
    rollups.fold()
    employee.refresh_from_db()
    assert not employee.is_active
    return employee


@pytest.fixture
def departed(full_learner, django_capture_on_commit_callbacks):
    """The full learner's employee record after they left (deactivated, counters folded)."""
    return deactivate(full_learner.employee, django_capture_on_commit_callbacks)


def sessions_of(user) -> int:
    return sum(
        1
        for s in Session.objects.filter(expire_date__gt=timezone.now())
        if s.get_decoded().get("_auth_user_id") == str(user.pk)
    )
