import pytest
from django.core.exceptions import ValidationError

from courses import services
from courses.factories import ModulePageFactory, course_with_modules, modules_of
from courses.models import Enrolment, StepCompletion
from courses.selectors import course_cards_for_learner

pytestmark = pytest.mark.django_db


class ModuleCompleteTests:
    def test_progress_rises_when_modules_are_done_in_order(self, course_index, learner):
        course = course_with_modules(parent=course_index, modules=4)
        mods = modules_of(course)
        services.module_complete(user=learner, module=mods[0])
        services.module_complete(user=learner, module=mods[1])
        [card] = course_cards_for_learner(user=learner)
        assert (card.progress.completed, card.progress.total, card.progress.percent) == (2, 4, 50)
        assert Enrolment.objects.get().completed_at is None

    def test_course_completes_when_last_module_done(self, course_index, learner):
        course = course_with_modules(parent=course_index, modules=2)
        first, last = modules_of(course)
        assert not services.module_complete(user=learner, module=first).course_completed
        assert services.module_complete(user=learner, module=last).course_completed
        assert Enrolment.objects.get().completed_at is not None

    def test_refuses_when_an_earlier_module_is_not_done(self, course_index, learner):
        course = course_with_modules(parent=course_index, modules=3)
        with pytest.raises(ValidationError) as caught:
            services.module_complete(user=learner, module=modules_of(course)[2])
        assert caught.value.code == "out_of_order"
        assert not StepCompletion.objects.exists()

    def test_marking_twice_keeps_one_record_when_double_submitted(self, course_index, learner):
        course = course_with_modules(parent=course_index, modules=2)
        first = modules_of(course)[0]
        assert services.module_complete(user=learner, module=first).created
        assert not services.module_complete(user=learner, module=first).created
        assert StepCompletion.objects.count() == 1

    def test_refuses_when_module_is_unpublished(self, course_index, learner):
        course = course_with_modules(parent=course_index, modules=1)
        module = modules_of(course)[0]
        module.unpublish()
        module.refresh_from_db()
        with pytest.raises(ValidationError):
            services.module_complete(user=learner, module=module)

    def test_new_module_reopens_progress_when_published_later(self, course_index, learner):
        course = course_with_modules(parent=course_index, modules=1)
        services.module_complete(user=learner, module=modules_of(course)[0])
        ModulePageFactory(parent=course)
        [card] = course_cards_for_learner(user=learner)
        assert (card.progress.completed, card.progress.total) == (1, 2)

    def test_unpublished_modules_do_not_block_order_when_skipped(self, course_index, learner):
        course = course_with_modules(parent=course_index, modules=3)
        first, middle, last = modules_of(course)
        middle.unpublish()
        services.module_complete(user=learner, module=first)
        assert services.module_complete(user=learner, module=last).course_completed
