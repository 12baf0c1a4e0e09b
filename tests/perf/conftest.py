"""Fixtures for the query budgets: one learner part-way through a course (a module read,
a quiz attempt open), one who finished it, signed its pact and holds a certificate, an
HR officer over the city, a tracked election period, and notifications."""

import pytest

from certificates import services as pact_services
from certificates.factories import PactIndexPageFactory, PactPageFactory
from certificates.models import Certificate
from courses import services as course_services
from courses.factories import course_with_modules, modules_of
from netra.campaigns import rebuild, rollups
from netra.campaigns.factories import ElectionPeriodFactory
from netra.notifications.factories import NotificationFactory
from netra.people.factories import EmployeeFactory, UserFactory
from netra.people.models import HrAssignment
from quizzes import services as quiz_services
from quizzes.factories import QuizPageFactory
from quizzes.models import QuizPage
from tests.certificates.conftest import finish_course
from tests.certificates.test_pact_services import sign
from tests.conftest import login_with_mfa


@pytest.fixture
def course(course_index):
    """Four modules and a quiz of every question kind."""
    course = course_with_modules(parent=course_index, modules=4, title="Netralitas ASN")
    QuizPageFactory(parent=course)
    return course


@pytest.fixture
def quiz(course):
    return QuizPage.objects.child_of(course).get()


@pytest.fixture
def pact(home, course):
    return PactPageFactory(
        parent=PactIndexPageFactory(parent=home), title="Pakta 2029", required_course=course
    )


@pytest.fixture
def staff(city):
    """Three employees with accounts in every office of the city."""
    return {
        key: [EmployeeFactory(office=office, with_account=True) for _ in range(3)]
        for key, office in city.items()
    }


@pytest.fixture
def period(course, pact, staff):
    """An election period requiring the course and the pact, counters folded."""
    period = ElectionPeriodFactory(courses=[course], pact=pact)
    rebuild.rebuild(period.pk)
    rollups.fold()
    return period


@pytest.fixture
def reader(learner, course):
    """A learner who has read the first module."""
    course_services.module_complete(user=learner, module=modules_of(course)[0])
    return learner


@pytest.fixture
def player(learner, course, quiz):
    """A learner with an open attempt at the quiz (every module read)."""
    for module in modules_of(course):
        course_services.module_complete(user=learner, module=module)
    return quiz_services.attempt_start(user=learner, quiz=quiz).attempt


@pytest.fixture
def certificate(django_capture_on_commit_callbacks, learner, course, pact):
    """The learner finished the course and signed the pact: their certificate, issued."""
    with django_capture_on_commit_callbacks(execute=True):
        finish_course(learner, course)
        sign(learner, pact_services.current_version(pact))
    return Certificate.objects.get(user=learner, course=course, superseded_at__isnull=True)


@pytest.fixture
def hr_client(client, city, period):
    user = UserFactory(totp=True)
    HrAssignment.objects.create(user=user, office=city["pemkot"])
    return login_with_mfa(client, user)


@pytest.fixture
def notified(learner):
    return [NotificationFactory(recipient=learner, title=f"Pembaruan {n}") for n in range(12)]
