"""Signals other apps listen to. Sent after the transaction that caused them commits."""

from django.dispatch import Signal

# A learner finished every live step of a course. kwargs: user, course (CoursePage),
# enrolment. `certificates` issues the certificate from it.
course_completed = Signal()
