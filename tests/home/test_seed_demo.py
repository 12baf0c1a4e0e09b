import io

from django.core.management import call_command
from django.test import TestCase

from courses.models import CoursePage, ModulePage
from netra.people.models import Employee, EmploymentType, Office, User
from netra.people.nip import parse_nip
from quizzes import scoring
from quizzes.models import QuizPage


def _seed():
    call_command("seed_demo", stdout=io.StringIO())


def _counts():
    return (
        Office.objects.count(),
        Employee.objects.count(),
        User.objects.count(),
        ModulePage.objects.count(),
        QuizPage.objects.count(),
    )


class SeedDemoTests(TestCase):
    """One seed for the class (it takes seconds): each test runs in a savepoint over it."""

    @classmethod
    def setUpTestData(cls):
        _seed()

    def test_seed_builds_a_city_with_valid_people_and_a_course(self):
        assert Office.objects.filter(kind="opd").count() >= 8
        assert Office.objects.filter(kind="kecamatan").count() == 5
        assert Office.objects.filter(kind="kelurahan").count() >= 10
        asn = Employee.objects.exclude(employment_type=EmploymentType.NON_ASN)
        assert Employee.objects.count() >= 300
        for employee in asn:
            parse_nip(employee.nip)  # raises on any invalid NIP
        course = CoursePage.objects.get(slug="netralitas-asn-di-media-sosial")
        assert ModulePage.objects.child_of(course).live().count() >= 4
        assert "lorem" not in str(ModulePage.objects.first().body).lower()
        quiz = QuizPage.objects.child_of(course).live().get()
        kinds = [block.block_type for block in quiz.questions]
        assert len(kinds) >= 12
        assert kinds.count(scoring.FEED) >= 3 and kinds.count(scoring.BRANCHING) >= 2
        assert {scoring.SINGLE, scoring.MULTIPLE, scoring.TRUE_FALSE} <= set(kinds)
        assert any(
            block.value["post"]["already_liked"]
            for block in quiz.questions
            if block.block_type == scoring.FEED
        )
        assert self.client.login(username="199005122015032001", password="Demo-Netra-2026")
        assert User.objects.get(username="admin").is_superuser

    def test_seed_publishes_a_material_update_and_editorial_accounts(self):
        from netra.updates.editorial import EDITORS, REVIEWERS
        from netra.updates.models import ChangeKind, RegulationUpdatePage, UpdateImpact

        material = RegulationUpdatePage.objects.live().get(change_kind=ChangeKind.MATERIAL)
        assert material.impact_reason
        assert [row.course_id for row in material.affected_courses.all()] == [
            CoursePage.objects.get(slug="netralitas-asn-di-media-sosial").pk
        ]
        assert material.changed_modules.get().module.slug == "tidak-sengaja-menyukai"
        impact = UpdateImpact.objects.get(update=material)
        assert impact.applied_at is not None
        assert User.objects.get(username="editor").groups.get().name == EDITORS
        assert User.objects.get(username="peninjau").groups.get().name == REVIEWERS

    def test_seed_is_idempotent_when_run_twice(self):
        from netra.updates.models import ChangeKind, RegulationUpdatePage

        counts = _counts()
        _seed()
        assert _counts() == counts
        # The material update is not published (nor applied) a second time.
        assert RegulationUpdatePage.objects.filter(change_kind=ChangeKind.MATERIAL).count() == 1

    def test_demo_learner_sees_the_course_after_signing_in(self):
        self.client.post(
            "/akun/login/",
            {"login": "rina.wulandari@wiratama.example", "password": "Demo-Netra-2026"},
        )
        body = self.client.get("/kursus-saya/").content.decode()
        assert "Netralitas ASN di Media Sosial" in body
        assert "1 dari 8 langkah selesai" in body
