"""Drop a course's cached navigation when any page of it changes state."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import CoursePage, CourseStepMixin
from .selectors import drop_course_navigation


def _course_path(page) -> str | None:
    if isinstance(page, CoursePage):
        return page.path
    if isinstance(page, CourseStepMixin):
        return page.course_path
    return None


@receiver(page_published)
@receiver(page_unpublished)
def _page_state_changed(sender, instance, **kwargs):
    drop_course_navigation(_course_path(instance))


@receiver(post_delete)
def _page_deleted(sender, instance, **kwargs):
    # Any step type (modules here, quizzes in their own app), so no `sender` filter.
    if isinstance(instance, CoursePage | CourseStepMixin):
        drop_course_navigation(_course_path(instance))


@receiver(post_page_move)
def _page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    # Paths of a moved page's old and new course both change shape.
    drop_course_navigation(
        _course_path(parent_page_before.specific),
        _course_path(parent_page_after.specific),
        _course_path(instance.specific),
    )
