"""Thin views for playing a quiz. Plain forms and redirects (post/redirect/get), so the
quiz works without JavaScript; `static/quizzes/feed.js` only adds feed-card touches.

Rules live in `services.py` (writes) and `selectors.py` (reads). An attempt id that is
not the learner's gives 404, the same as one that does not exist.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import scoring, selectors, services
from .models import QuizPage


def _attempt_or_404(request, attempt_id: int):
    try:
        return services.attempt_for_user(user=request.user, attempt_id=attempt_id)
    except services.AttemptNotFound:
        raise Http404(_("Percobaan tidak ditemukan.")) from None


@require_POST
def attempt_start(request, quiz_id: int):
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    try:
        result = services.attempt_start(user=request.user, quiz=quiz)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(quiz.get_url(request))
    if result.resumed:
        messages.info(request, _("Melanjutkan percobaan yang belum selesai."))
    return redirect("quizzes:attempt_play", attempt_id=result.attempt.pk)


@require_GET
def attempt_play(request, attempt_id: int):
    attempt = _attempt_or_404(request, attempt_id)
    if attempt.is_open and attempt.deadline_at and attempt.deadline_at <= timezone.now():
        services.attempt_finish(user=request.user, attempt_id=attempt.pk)
        messages.warning(request, _("Waktu pengerjaan habis. Jawaban Anda sudah dinilai."))
        return redirect("quizzes:attempt_result", attempt_id=attempt.pk)
    if not attempt.is_open:
        return redirect("quizzes:attempt_result", attempt_id=attempt.pk)
    return render(
        request,
        "quizzes/attempt_play.html",
        {"attempt": attempt, "state": selectors.attempt_play_state(attempt)},
    )


@require_POST
def answer_submit(request, attempt_id: int):
    """Record one answer. Only the question key, stage, branch and chosen option keys are
    read from the form; anything else it carries (a score, a "passed" flag) is ignored."""
    try:
        stage = int(request.POST.get("stage", "0"))
    except ValueError:
        stage = -1
    question_key = request.POST.get("question", "")
    try:
        result = services.answer_submit(
            user=request.user,
            attempt_id=attempt_id,
            question_key=question_key,
            stage=stage,
            choice_keys=request.POST.getlist("choice"),
            branch_key=request.POST.get("branch", ""),
        )
    except services.AttemptNotFound:
        raise Http404(_("Percobaan tidak ditemukan.")) from None
    except scoring.InvalidResponse as exc:
        messages.error(request, exc.message)
        return redirect("quizzes:attempt_play", attempt_id=attempt_id)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("quizzes:attempt_play", attempt_id=attempt_id)
    if not result.created:
        messages.info(request, _("Jawaban untuk pertanyaan ini sudah tercatat sebelumnya."))
    last_stage = result.stage == scoring.stage_count(result.question) - 1
    if last_stage and result.feedback_visible:
        return redirect("quizzes:answer_feedback", attempt_id=attempt_id, question_key=question_key)
    return redirect("quizzes:attempt_play", attempt_id=attempt_id)


@require_GET
def answer_feedback(request, attempt_id: int, question_key: str):
    attempt = _attempt_or_404(request, attempt_id)
    feedback = selectors.answer_feedback(attempt, question_key)
    if feedback is None:
        return redirect("quizzes:attempt_play", attempt_id=attempt.pk)
    state = selectors.attempt_play_state(attempt) if attempt.is_open else None
    return render(
        request,
        "quizzes/answer_feedback.html",
        {"attempt": attempt, "item": feedback, "state": state},
    )


@require_POST
def attempt_finish(request, attempt_id: int):
    try:
        result = services.attempt_finish(user=request.user, attempt_id=attempt_id)
    except services.AttemptNotFound:
        raise Http404(_("Percobaan tidak ditemukan.")) from None
    if result.step_message:
        messages.warning(request, result.step_message)
    return redirect("quizzes:attempt_result", attempt_id=attempt_id)


@require_GET
def attempt_result(request, attempt_id: int):
    attempt = _attempt_or_404(request, attempt_id)
    if attempt.is_open:
        return redirect("quizzes:attempt_play", attempt_id=attempt.pk)
    # For its title and address only: not its questions, which the version's spec has.
    quiz = QuizPage.objects.defer_streamfields().defer("intro").filter(pk=attempt.quiz_id).first()
    if quiz is not None:
        attempt.quiz = quiz  # `attempts_left` reads it too
    return render(
        request,
        "quizzes/attempt_result.html",
        {
            "attempt": attempt,
            "quiz": quiz,
            # From the cached site root paths: with the request, Wagtail would look the
            # Site up in the database again.
            "quiz_url": quiz.get_url() if quiz and quiz.live else "/",
            "review": selectors.attempt_review(attempt),
            "attempts_left": selectors.attempts_left(attempt),
            "pass_mark": attempt.version.spec["settings"]["pass_mark"],
        },
    )
