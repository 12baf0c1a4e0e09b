"""A material regulation update sends the learners who completed an affected course back
through the modules marked changed and the quiz, once per update; a minor one resets
nothing. The handler is what `netra.updates` calls for every path (publish, admin action,
command), so it is tested here through `Impact`s built directly."""

import pytest
from django.db import connection
from django.urls import reverse

from courses import recertification, services
from courses.factories import course_with_modules, modules_of
from courses.models import ArchivedStepCompletion, Enrolment, RenewalRequest, StepCompletion
from netra.people.factories import EmployeeFactory
from netra.updates import impact as impact_registry
from netra.updates.impact import Impact
from quizzes.factories import QuizPageFactory
from quizzes.models import QuizPage
from tests.certificates.conftest import finish_course
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db

REASON = "Perpres 12/2029 menambah larangan baru untuk ASN di media sosial."


@pytest.fixture
def course(course_index):
    """Three reading modules and a quiz."""
    course = course_with_modules(parent=course_index, modules=3, title="Netralitas ASN")
    QuizPageFactory(parent=course)
    return course


@pytest.fixture
def people(city):
    return [EmployeeFactory(office=city["dinas"], with_account=True).user for _ in range(3)]


def material(course, *changed, update_page_id=900, **kwargs):
    return Impact(
        impact_id=1,
        update_page_id=update_page_id,
        title="Perubahan aturan media sosial",
        reason=REASON,
        material=True,
        course_ids=(course.pk,),
        changed_step_ids=tuple(m.pk for m in changed),
        url="/peraturan/pembaruan/medsos/",
        **kwargs,
    )


def quiz_of(course):
    return QuizPage.objects.child_of(course).get()


def done_steps(user, course):
    return set(
        StepCompletion.objects.filter(enrolment__user=user, enrolment__course=course).values_list(
            "step_id", flat=True
        )
    )


class MaterialImpactTests:
    def test_only_completed_enrolments_are_renewed_and_only_changed_steps_archived(
        self, course, people
    ):
        finished, reading, _outsider = people
        finish_course(finished, course)
        m1, m2, m3 = modules_of(course)
        services.module_complete(user=reading, module=m1)

        outcome = recertification.apply_impact(material(course, m2))

        assert outcome.renewed_user_ids == {finished.pk}
        assert outcome.affected_user_ids == {finished.pk, reading.pk}
        enrolment = Enrolment.objects.get(user=finished, course=course)
        assert enrolment.completed_at is None and enrolment.cycle == 2
        assert enrolment.renewed_at is not None
        # The changed module and the quiz go back; the unchanged modules stay done.
        assert done_steps(finished, course) == {m1.pk, m3.pk}
        archived = ArchivedStepCompletion.objects.filter(enrolment=enrolment)
        assert {(a.step_id, a.cycle) for a in archived} == {(m2.pk, 1), (quiz_of(course).pk, 1)}
        request = RenewalRequest.objects.get(user=finished)
        assert (request.course, request.reason, request.cycle) == (course, REASON, 1)
        assert request.resolved_at is None
        assert set(request.step_ids) == {m2.pk, quiz_of(course).pk}
        # The learner still reading is not sent back, and has no request.
        assert done_steps(reading, course) == {m1.pk}
        assert not RenewalRequest.objects.filter(user=reading).exists()

    def test_applying_the_same_update_again_renews_nobody(self, course, people):
        finished = people[0]
        finish_course(finished, course)
        m2 = modules_of(course)[1]
        recertification.apply_impact(material(course, m2))

        again = recertification.apply_impact(material(course, m2))

        assert again.renewed_user_ids == set()
        assert again.affected_user_ids == {finished.pk}
        assert Enrolment.objects.get(user=finished).cycle == 2
        assert ArchivedStepCompletion.objects.count() == 2
        assert RenewalRequest.objects.count() == 1

    def test_a_learner_who_completed_again_is_not_sent_back_twice_by_the_same_update(
        self, course, people
    ):
        finished = people[0]
        finish_course(finished, course)
        m2 = modules_of(course)[1]
        recertification.apply_impact(material(course, m2))
        finish_course(finished, course)  # re-reads m2 and passes the quiz again

        request = RenewalRequest.objects.get(user=finished)
        enrolment = Enrolment.objects.get(user=finished)
        assert enrolment.completed_at is not None
        assert request.resolved_at == enrolment.completed_at

        assert recertification.apply_impact(material(course, m2)).renewed_user_ids == set()
        assert Enrolment.objects.get(user=finished).completed_at is not None
        # Another material update is another request.
        other = recertification.apply_impact(material(course, m2, update_page_id=901))
        assert other.renewed_user_ids == {finished.pk}
        assert Enrolment.objects.get(user=finished).cycle == 3

    def test_without_changed_modules_only_the_quiz_is_taken_again(self, course, people):
        finished = people[0]
        finish_course(finished, course)
        recertification.apply_impact(material(course))
        assert done_steps(finished, course) == {m.pk for m in modules_of(course)}

    def test_a_course_without_quiz_or_changed_module_is_taken_again_whole(
        self, course_index, people
    ):
        course = course_with_modules(parent=course_index, modules=2)
        finished = people[0]
        for module in modules_of(course):
            services.module_complete(user=finished, module=module)
        recertification.apply_impact(material(course))
        assert done_steps(finished, course) == set()

    def test_other_courses_are_untouched(self, course, course_index, people):
        other = course_with_modules(parent=course_index, modules=1)
        finished = people[0]
        finish_course(finished, course)
        services.module_complete(user=finished, module=modules_of(other)[0])
        recertification.apply_impact(material(course, modules_of(course)[0]))
        assert Enrolment.objects.get(user=finished, course=other).completed_at is not None

    def test_renewals_are_chunked_with_every_learner_renewed_once(
        self, course, people, monkeypatch
    ):
        monkeypatch.setattr(recertification, "CHUNK", 2)
        for user in people:
            finish_course(user, course)
        outcome = recertification.apply_impact(material(course, modules_of(course)[0]))
        assert outcome.renewed_user_ids == {u.pk for u in people}
        assert RenewalRequest.objects.count() == 3
        assert set(Enrolment.objects.values_list("cycle", flat=True)) == {2}


class MinorImpactTests:
    def test_a_minor_update_notifies_the_enrolled_and_resets_nothing(self, course, people):
        finished, reading, _outsider = people
        finish_course(finished, course)
        services.module_complete(user=reading, module=modules_of(course)[0])
        minor = Impact(
            impact_id=2,
            update_page_id=902,
            title="Perbaikan ejaan",
            reason="Perbaikan redaksi.",
            material=False,
            course_ids=(course.pk,),
            changed_step_ids=(modules_of(course)[0].pk,),
        )

        outcome = recertification.apply_impact(minor)

        assert outcome.affected_user_ids == {finished.pk, reading.pk}
        assert outcome.renewed_user_ids == set()
        assert Enrolment.objects.get(user=finished).completed_at is not None
        assert not RenewalRequest.objects.exists()
        assert not ArchivedStepCompletion.objects.exists()


def test_the_handler_is_registered_for_updates():
    assert impact_registry.handlers()["courses"] is recertification.apply_impact


def test_enrolment_renew_still_renews_one_learner_once(course, people):
    finished = people[0]
    finish_course(finished, course)
    first = services.enrolment_renew(user=finished, course=course, reason="Masa berlaku habis")
    second = services.enrolment_renew(user=finished, course=course, reason="Masa berlaku habis")
    assert (first.renewed, first.archived) == (True, 4)
    assert (second.renewed, second.archived) == (False, 0)
    assert first.enrolment.cycle == 2 and done_steps(finished, course) == set()


class LearnerPageTests:
    def test_my_courses_and_the_course_page_say_perlu_diperbarui_with_the_reason(
        self, client, course, learner
    ):
        finish_course(learner, course)
        m2 = modules_of(course)[1]
        recertification.apply_impact(material(course, m2))
        client.force_login(learner)

        page = client.get(reverse("courses:my_courses")).content.decode()
        assert "Perlu diperbarui" in page and REASON in page
        assert "/peraturan/pembaruan/medsos/" in page

        response = client.get(course.url)
        text = response.content.decode()
        assert "Perlu diperbarui" in text and REASON in text
        changed = {s["id"] for s in response.context["steps"] if s["changed"]}
        assert changed == {m2.pk, quiz_of(course).pk}
        assert response.context["next_step"]["id"] == m2.pk

        finish_course(learner, course)
        assert "Perlu diperbarui" not in client.get(reverse("courses:my_courses")).content.decode()
        assert "Perlu diperbarui" not in client.get(course.url).content.decode()

    def test_a_reason_with_markup_is_shown_as_text(self, client, course, learner):
        finish_course(learner, course)
        recertification.apply_impact(
            Impact(
                impact_id=3,
                update_page_id=903,
                title="Uji",
                reason="<script>alert(1)</script>",
                material=True,
                course_ids=(course.pk,),
            )
        )
        client.force_login(learner)
        page = client.get(reverse("courses:my_courses")).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    def test_another_learners_renewal_is_not_shown(self, client, course, people, learner):
        finish_course(people[0], course)
        recertification.apply_impact(material(course))
        client.force_login(learner)
        assert "Perlu diperbarui" not in client.get(course.url).content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_applications_renew_each_learner_once(course_index, city):
    course = course_with_modules(parent=course_index, modules=2)
    QuizPageFactory(parent=course)
    users = [EmployeeFactory(office=city["dinas"], with_account=True).user for _ in range(6)]
    for user in users:
        finish_course(user, course)
    impact = material(course, modules_of(course)[0])
    outcomes = at_once(lambda: recertification.apply_impact(impact))
    renewed = [uid for o in outcomes for uid in o.renewed_user_ids]
    assert sorted(renewed) == sorted(u.pk for u in users)  # each exactly once, in total
    assert RenewalRequest.objects.count() == 6
    assert set(Enrolment.objects.values_list("cycle", flat=True)) == {2}
    assert ArchivedStepCompletion.objects.count() == 12
