"""Fixtures for regulation updates: the index page, a course with modules, a pact, the
editorial groups, and a fake impact handler that counts what it is asked to do."""

import pytest

from certificates.factories import PactIndexPageFactory, PactPageFactory
from courses.factories import course_with_modules, modules_of
from netra.people.factories import UserFactory
from netra.updates import impact
from netra.updates.editorial import EDITORS, REVIEWERS, editorial_setup
from netra.updates.factories import RegulationUpdateIndexPageFactory


@pytest.fixture
def update_index(home):
    return RegulationUpdateIndexPageFactory(parent=home)


@pytest.fixture
def course(course_index):
    return course_with_modules(parent=course_index, modules=2, title="Netralitas di Medsos")


@pytest.fixture
def other_course(course_index):
    return course_with_modules(parent=course_index, modules=1, title="Etika Kampanye")


@pytest.fixture
def modules(course):
    return modules_of(course)


@pytest.fixture
def pact(home, course):
    index = PactIndexPageFactory(parent=home)
    return PactPageFactory(parent=index, title="Pakta Netralitas 2029", required_course=course)


@pytest.fixture
def editorial(update_index):
    """Groups, workflow and page permissions as `setup_editorial` leaves them."""
    editorial_setup()
    from django.contrib.auth.models import Group

    return {
        "editors": Group.objects.get(name=EDITORS),
        "reviewers": Group.objects.get(name=REVIEWERS),
    }


@pytest.fixture
def editor(editorial):
    user = UserFactory(username="editor-regulasi")
    user.groups.add(editorial["editors"])
    return user


@pytest.fixture
def reviewer(editorial):
    user = UserFactory(username="peninjau-regulasi")
    user.groups.add(editorial["reviewers"])
    return user


class FakeHandler:
    """Stands in for the courses/certificates handlers: reports `affected` users and
    "renews" each (user, impact kind) once, however often it is called, as the real ones
    must."""

    def __init__(self, affected):
        self.affected = set(affected)
        self.calls = []
        self.renewed = set()

    def __call__(self, data: impact.Impact) -> impact.Outcome:
        self.calls.append(data)
        fresh = set()
        if data.material:
            for user_id in self.affected:
                key = (user_id, data.update_page_id, data.course_ids, data.pact_ids)
                if key not in self.renewed:
                    self.renewed.add(key)
                    fresh.add(user_id)
        return impact.Outcome(affected_user_ids=set(self.affected), renewed_user_ids=fresh)


@pytest.fixture
def fake_handler(monkeypatch, learner):
    """The only registered handler while the test runs; affects the `learner`."""
    handler = FakeHandler({learner.pk})
    monkeypatch.setattr(impact, "_handlers", {"fake": handler})
    return handler
