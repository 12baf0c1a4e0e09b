"""Scenario quizzes: the QuizPage an editor builds, and the learner records.

QuizPage is a step of a course (a child of CoursePage, after its modules). Its questions
are a StreamField of `blocks.py`. A learner never plays the live blocks: each attempt is
bound to a QuizVersion, a frozen snapshot of the questions and rules (`versions.py`), so
editing a published quiz cannot change or corrupt attempts already made.

Records (QuizVersion, Attempt, Answer) are written only by `services.py`, the statistics
(QuestionTally, OptionTally) only by `tallies.py`; reads go through `selectors.py`;
scoring is the pure `scoring.py`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.models import CourseStepMixin
from netra.home.page_cache import CachedViewRestrictionsMixin

from .blocks import QuizStreamBlock


class FeedbackTiming(models.TextChoices):
    IMMEDIATE = "immediate", _("Setelah setiap jawaban")
    END = "end", _("Di akhir kuis")


class QuizPage(CourseStepMixin, CachedViewRestrictionsMixin, Page):
    """The quiz step of a course. Passing it completes the step (`services.attempt_finish`
    calls `courses.services.step_complete`)."""

    step_kind = "quiz"

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link", "ul"])
    estimated_minutes = models.PositiveSmallIntegerField(_("perkiraan durasi (menit)"), default=15)
    pass_mark = models.PositiveSmallIntegerField(
        _("nilai lulus (%)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("jumlah percobaan"), default=3, help_text=_("0 berarti tanpa batas.")
    )
    cooldown_minutes = models.PositiveIntegerField(
        _("jeda antarpercobaan (menit)"), default=30, help_text=_("0 berarti tanpa jeda.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("batas waktu (menit)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Kosongkan bila tanpa batas waktu."),
    )
    shuffle_questions = models.BooleanField(_("acak urutan pertanyaan"), default=False)
    shuffle_options = models.BooleanField(_("acak urutan pilihan"), default=True)
    feedback_timing = models.CharField(
        _("umpan balik ditampilkan"),
        max_length=12,
        choices=FeedbackTiming.choices,
        default=FeedbackTiming.IMMEDIATE,
    )
    questions = StreamField(QuizStreamBlock(), verbose_name=_("pertanyaan"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("questions"),
    ]
    rules_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("estimated_minutes")]),
                FieldRowPanel(
                    [
                        FieldPanel("max_attempts"),
                        FieldPanel("cooldown_minutes"),
                        FieldPanel("time_limit_minutes"),
                    ]
                ),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_options")]),
                FieldPanel("feedback_timing"),
            ],
            heading=_("Aturan kuis"),
        )
    ]
    settings_panels = [*rules_panels, *Page.settings_panels]

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []
    preview_modes = [("", _("Tampilan peserta")), ("answers", _("Dengan kunci jawaban"))]

    class Meta:
        verbose_name = _("kuis")
        verbose_name_plural = _("kuis")

    def clean(self):
        super().clean()
        # Touch every block so list items get their ids before the revision is written:
        # those ids are the question and option keys that attempts and statistics refer to.
        for block in self.questions:
            block.value  # noqa: B018

    def get_context(self, request, *args, **kwargs):
        from .selectors import quiz_page_for_learner

        context = super().get_context(request, *args, **kwargs)
        context.update(quiz_page_for_learner(user=request.user, quiz=self))
        return context

    def serve_preview(self, request, mode_name):
        """Editors see every question as a learner would, optionally with the key, from the
        unsaved draft and without starting an attempt."""
        from .selectors import quiz_preview_items
        from .versions import build_spec

        show_answers = mode_name == "answers"
        return TemplateResponse(
            request,
            "quizzes/quiz_preview.html",
            {
                "page": self,
                "questions": quiz_preview_items(build_spec(self), show_answers=show_answers),
                "show_answers": show_answers,
            },
        )


class QuizVersion(models.Model):
    """A frozen snapshot of a quiz's questions and rules. Attempts point here, so a later
    edit makes a new version and leaves earlier attempts scored as they were played.
    Identical content shares one version (unique digest per quiz)."""

    quiz = models.ForeignKey(QuizPage, on_delete=models.PROTECT, related_name="versions")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    digest = models.CharField(max_length=64)
    spec = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("versi kuis")
        verbose_name_plural = _("versi kuis")
        constraints = [
            models.UniqueConstraint(fields=["quiz", "digest"], name="quizzes_version_unique")
        ]

    def __str__(self):
        return f"{self.quiz} · {self.digest[:8]}"


class AttemptStatus(models.TextChoices):
    OPEN = "open", _("Sedang dikerjakan")
    SUBMITTED = "submitted", _("Selesai")
    EXPIRED = "expired", _("Waktu habis")


class Attempt(models.Model):
    """One go at a quiz. At most one open attempt per learner and quiz, and numbers are
    unique, so two tabs cannot start two attempts or exceed the maximum."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(QuizPage, on_delete=models.PROTECT, related_name="attempts")
    version = models.ForeignKey(QuizVersion, on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveSmallIntegerField(_("percobaan ke"))
    status = models.CharField(
        max_length=10, choices=AttemptStatus.choices, default=AttemptStatus.OPEN
    )
    seed = models.PositiveIntegerField()
    started_at = models.DateTimeField(_("mulai"))
    deadline_at = models.DateTimeField(_("batas waktu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    points = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    max_points = models.PositiveSmallIntegerField(null=True, blank=True)
    percent = models.PositiveSmallIntegerField(_("nilai (%)"), null=True, blank=True)
    passed = models.BooleanField(_("lulus"), null=True, blank=True)
    # Finished but not yet in the per-question statistics (`tallies.fold` clears it).
    tally_pending = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("percobaan kuis")
        verbose_name_plural = _("percobaan kuis")
        indexes = [
            models.Index(
                fields=["id"],
                condition=Q(tally_pending=True),
                name="quizzes_attempt_tally_pending",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz", "number"], name="quizzes_attempt_number_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=Q(status="open"),
                name="quizzes_one_open_attempt",
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(finished_at__isnull=False),
                name="quizzes_finished_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.quiz} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status == AttemptStatus.OPEN


class Answer(models.Model):
    """The learner's answer to one stage of one question (a branching scenario has two).
    Unique per attempt, question and stage: a double submit records one answer. Written
    by `services.answer_submit` in a single statement."""

    attempt = models.ForeignKey(Attempt, on_delete=models.PROTECT, related_name="answers")
    question_key = models.CharField(max_length=64)
    stage = models.PositiveSmallIntegerField(default=0)
    choice_keys = models.JSONField()
    # The single key of a one-answer stage: the branch a follow-up depends on, and the
    # option the statistics group by. Blank for multiple choice.
    choice = models.CharField(max_length=64, blank=True)
    points = models.DecimalField(max_digits=5, decimal_places=2)
    max_points = models.PositiveSmallIntegerField()
    is_correct = models.BooleanField()
    answered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("jawaban")
        verbose_name_plural = _("jawaban")
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question_key", "stage"], name="quizzes_answer_unique"
            )
        ]

    def __str__(self):
        return f"{self.attempt} · {self.question_key}/{self.stage}"


class QuestionTally(models.Model):
    """How often a question stage was answered, and answered correctly, over finished
    attempts: the admin's per-question statistics without scanning every answer."""

    quiz = models.ForeignKey(QuizPage, on_delete=models.CASCADE, related_name="+")
    question_key = models.CharField(max_length=64)
    stage = models.PositiveSmallIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    correct = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "question_key", "stage"], name="quizzes_question_tally_unique"
            )
        ]

    def __str__(self):
        return f"{self.question_key}/{self.stage}: {self.correct}/{self.answered}"


class OptionTally(models.Model):
    """How often each option was chosen, for "most chosen wrong option"."""

    quiz = models.ForeignKey(QuizPage, on_delete=models.CASCADE, related_name="+")
    question_key = models.CharField(max_length=64)
    stage = models.PositiveSmallIntegerField(default=0)
    option_key = models.CharField(max_length=64)
    chosen = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "question_key", "stage", "option_key"],
                name="quizzes_option_tally_unique",
            )
        ]

    def __str__(self):
        return f"{self.question_key}/{self.stage} {self.option_key}: {self.chosen}"
