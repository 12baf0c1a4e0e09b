import pytest

from certificates import services as pact_services
from certificates.factories import PactIndexPageFactory, PactPageFactory
from courses import services as course_services
from courses.factories import course_with_modules, modules_of
from netra.campaigns import rebuild, rollups
from netra.campaigns.factories import ElectionPeriodFactory
from netra.people.factories import EmployeeFactory, UserFactory
from netra.people.models import HrAssignment
from tests.certificates.test_pact_services import sign


@pytest.fixture
def courses(course_index):
    """Two required courses of two reading modules each."""
    return [
        course_with_modules(parent=course_index, modules=2, title="Netralitas ASN"),
        course_with_modules(parent=course_index, modules=2, title="Etika Media Sosial"),
    ]


@pytest.fixture
def pact(home):
    return PactPageFactory(parent=PactIndexPageFactory(parent=home), title="Pakta Pilkada")


@pytest.fixture
def period(courses, pact, city):
    return ElectionPeriodFactory(courses=courses, pact=pact)


@pytest.fixture
def staff(city):
    """Two employees in each office of the city, with accounts. Named after their office:
    the factory's random names can repeat, and tests tell offices apart by who is listed."""
    people = {}
    for key, office in city.items():
        people[key] = [
            EmployeeFactory(office=office, with_account=True, name=f"Staf {office.name} {i}")
            for i in (1, 2)
        ]
    return people


@pytest.fixture
def tracked(period, staff):
    """The campaign set up for the city's staff, counters folded."""
    rebuild.rebuild(period.pk)
    rollups.fold()
    return period


def read_all(user, course):
    for module in modules_of(course):
        course_services.module_complete(user=user, module=module)


def read_first(user, course):
    course_services.module_complete(user=user, module=modules_of(course)[0])


def sign_pact(user, pact):
    return sign(user, pact_services.current_version(pact)).signature


def hr_for(*offices, **kwargs):
    user = UserFactory(totp=True, **kwargs)
    for office in offices:
        HrAssignment.objects.create(user=user, office=office)
    return user
