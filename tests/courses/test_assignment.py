import pytest

from courses.factories import course_with_modules
from courses.models import CourseAudienceOffice
from courses.selectors import course_cards_for_learner
from netra.people.factories import EmployeeFactory
from netra.people.models import EmploymentType

pytestmark = pytest.mark.django_db


def _titles(user):
    return {card.course.title for card in course_cards_for_learner(user=user)}


def _target(course, *offices):
    for office in offices:
        CourseAudienceOffice.objects.create(course=course, office=office)


class AudienceTests:
    def test_everyone_sees_course_when_audience_is_open(self, course_index, city):
        course_with_modules(parent=course_index, title="Untuk semua")
        for office in ("dinas", "sd", "kel"):
            user = EmployeeFactory(office=city[office], with_account=True).user
            assert _titles(user) == {"Untuk semua"}

    def test_subtree_members_see_course_when_office_targeted(self, course_index, city):
        course = course_with_modules(parent=course_index, title="Khusus kecamatan")
        _target(course, city["kec"])
        inside = EmployeeFactory(office=city["kel"], with_account=True).user
        at_target = EmployeeFactory(office=city["kec"], with_account=True).user
        outside = EmployeeFactory(office=city["sd"], with_account=True).user
        assert _titles(inside) == {"Khusus kecamatan"}
        assert _titles(at_target) == {"Khusus kecamatan"}
        assert _titles(outside) == set()

    def test_any_of_several_targets_counts_when_offices_listed(self, course_index, city):
        course = course_with_modules(parent=course_index, title="Dua unit")
        _target(course, city["sd"], city["kel"])
        assert _titles(EmployeeFactory(office=city["sd"], with_account=True).user)
        assert not _titles(EmployeeFactory(office=city["dinas"], with_account=True).user)

    @pytest.mark.parametrize(
        ("employment_type", "visible"),
        [(EmploymentType.PNS, True), (EmploymentType.PPPK, False), (EmploymentType.NON_ASN, True)],
    )
    def test_employment_type_filters_when_unticked(
        self, course_index, city, employment_type, visible
    ):
        course_with_modules(parent=course_index, title="Tanpa PPPK", audience_pppk=False)
        extra = (
            {"registration_number": "PTT-9"} if employment_type == EmploymentType.NON_ASN else {}
        )
        user = EmployeeFactory(
            office=city["kel"], employment_type=employment_type, with_account=True, **extra
        ).user
        assert (_titles(user) == {"Tanpa PPPK"}) is visible

    def test_type_and_office_both_apply_when_combined(self, course_index, city):
        course = course_with_modules(
            parent=course_index, title="PNS kecamatan", audience_pppk=False, audience_non_asn=False
        )
        _target(course, city["kec"])
        pppk_inside = EmployeeFactory(
            office=city["kel"], employment_type=EmploymentType.PPPK, with_account=True
        ).user
        assert _titles(pppk_inside) == set()

    def test_unpublished_course_is_hidden_when_in_scope(self, course_index, city, learner):
        course_with_modules(parent=course_index, title="Draf").unpublish()
        assert _titles(learner) == set()

    def test_started_course_stays_listed_when_out_of_scope(self, course_index, city, learner):
        from courses import services
        from courses.models import ModulePage

        course = course_with_modules(parent=course_index, title="Sukarela")
        _target(course, city["kec"])
        services.module_complete(user=learner, module=ModulePage.objects.child_of(course).first())
        cards = course_cards_for_learner(user=learner)
        assert [(c.course.title, c.is_assigned) for c in cards] == [("Sukarela", False)]

    def test_account_without_employee_has_no_assignments_when_listed(self, course_index):
        from netra.people.factories import UserFactory

        course_with_modules(parent=course_index)
        assert course_cards_for_learner(user=UserFactory()) == []

    def test_inactive_employee_gets_no_assignments(self, course_index, city):
        course_with_modules(parent=course_index)
        user = EmployeeFactory(office=city["kel"], is_active=False, with_account=True).user
        assert _titles(user) == set()
