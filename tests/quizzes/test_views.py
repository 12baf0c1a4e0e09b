"""Playing a quiz over HTTP with plain forms (no JavaScript), as a phone browser would."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from netra.people.factories import EmployeeFactory
from quizzes import scoring, services
from quizzes.models import Answer, Attempt, AttemptStatus, FeedbackTiming

from .helpers import answer_everything, key_of, questions_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def player(client, ready_learner):
    client.force_login(ready_learner)
    return client


def _start(client, quiz) -> Attempt:
    response = client.post(f"/kuis/{quiz.pk}/mulai/")
    assert response.status_code == 302
    return Attempt.objects.get(pk=re.search(r"/percobaan/(\d+)/", response["Location"])[1])


def _post_answer(client, attempt, question, keys, stage=0, branch="", **extra):
    data = {"question": question["key"], "stage": stage, "choice": keys, **extra}
    if branch:
        data["branch"] = branch
    return client.post(f"/kuis/percobaan/{attempt.pk}/jawab/", data)


def _play_all(client, attempt):
    """Answer whatever the play page asks until it offers the final submit, choosing the
    first option each time, exactly as a learner clicking through would."""
    for _ in range(20):
        html = client.get(f"/kuis/percobaan/{attempt.pk}/").content.decode()
        found = re.search(r'name="question" value="([^"]+)"', html)
        if not found:
            return html
        data = {
            "question": found[1],
            "stage": re.search(r'name="stage" value="(\d)"', html)[1],
            "choice": re.search(r'name="choice" value="([^"]+)"', html)[1],
        }
        branch = re.search(r'name="branch" value="([^"]+)"', html)
        if branch:
            data["branch"] = branch[1]
        assert client.post(f"/kuis/percobaan/{attempt.pk}/jawab/", data).status_code == 302
    raise AssertionError("quiz never ended")


class QuizPageTests:
    def test_shows_why_the_quiz_is_locked_before_the_module_is_read(self, client, learner, quiz):
        client.force_login(learner)
        body = client.get(quiz.url).content.decode()
        assert "Selesaikan modul sebelumnya" in body
        assert f"/kuis/{quiz.pk}/mulai/" not in body

    def test_offers_start_with_the_rules_when_ready(self, player, quiz):
        body = player.get(quiz.url).content.decode()
        assert "Mulai kuis" in body and "Nilai lulus: 70" in body
        assert "Sisa 3 kesempatan" in body

    def test_course_page_lists_the_quiz_as_a_step(self, player, quiz):
        body = player.get(quiz.get_parent().url).content.decode()
        assert quiz.title in body and "Kuis" in body
        assert "1 dari 2 langkah selesai (50%)" in body


class PlayTests:
    def test_question_page_never_contains_the_answer_key(self, player, quiz):
        attempt = _start(player, quiz)
        spec = attempt.version.spec
        for _ in spec["questions"]:
            html = player.get(f"/kuis/percobaan/{attempt.pk}/").content.decode()
            current = re.search(r'name="question" value="([^"]+)"', html)[1]
            question = next(q for q in spec["questions"] if q["key"] == current)
            options = scoring.stage_options(question, 0)
            assert "correct" not in html
            for option in options:
                if option["feedback"]:
                    assert option["feedback"] not in html
            assert question["explanation"] not in html
            assert "Dasar aturan" not in html and "Rentang sanksi" not in html
            keys = [o["key"] for o in options]
            _post_answer(player, attempt, question, [keys[0]])
            if question["kind"] == scoring.BRANCHING:
                # The follow-up page shows the consequence of the choice, still no key.
                html = player.get(f"/kuis/percobaan/{attempt.pk}/").content.decode()
                follow = scoring.stage_options(question, 1, keys[0])
                assert "correct" not in html
                assert all(o["feedback"] not in html for o in follow if o["feedback"])
                _post_answer(player, attempt, question, [follow[0]["key"]], 1, keys[0])

    def test_accidental_like_card_opens_already_liked(self, player, quiz):
        attempt = _start(player, quiz)
        html = player.get(f"/kuis/percobaan/{attempt.pk}/").content.decode()
        assert "Anda menyukai ini" in html and "Batal suka" in html
        like = key_of(questions_of(attempt)[scoring.FEED])
        assert f'name="choice" value="{like}"' in html

    def test_answer_submit_costs_at_most_three_queries(
        self, player, quiz, django_assert_max_num_queries
    ):
        attempt = _start(player, quiz)
        question = questions_of(attempt)[scoring.SINGLE]
        with django_assert_max_num_queries(3):
            response = _post_answer(player, attempt, question, [key_of(question)])
        assert response.status_code == 302
        assert Answer.objects.get().is_correct

    def test_forged_score_fields_are_ignored(self, player, quiz):
        attempt = _start(player, quiz)
        question = questions_of(attempt)[scoring.SINGLE]
        wrong = key_of(question, correct=False)
        _post_answer(
            player, attempt, question, [wrong], points="99", is_correct="1", passed="1", score="100"
        )
        answer = Answer.objects.get()
        assert not answer.is_correct and answer.points == 0
        attempt.refresh_from_db()
        assert attempt.passed is None and attempt.percent is None

    def test_tampered_option_gets_a_clear_message_and_records_nothing(self, player, quiz):
        attempt = _start(player, quiz)
        questions = questions_of(attempt)
        foreign = key_of(questions[scoring.MULTIPLE])
        response = _post_answer(player, attempt, questions[scoring.SINGLE], [foreign])
        page = player.get(response["Location"]).content.decode()
        assert "Jawaban tidak dikenal untuk pertanyaan ini." in page
        assert not Answer.objects.exists()

    def test_malformed_stage_is_refused(self, player, quiz):
        attempt = _start(player, quiz)
        question = questions_of(attempt)[scoring.SINGLE]
        response = _post_answer(player, attempt, question, [key_of(question)], stage="x")
        assert response.status_code == 302
        assert not Answer.objects.exists()

    def test_double_click_records_one_answer_and_says_so(self, player, quiz):
        attempt = _start(player, quiz)
        question = questions_of(attempt)[scoring.SINGLE]
        _post_answer(player, attempt, question, [key_of(question)])
        response = _post_answer(player, attempt, question, [key_of(question)])
        page = player.get(response["Location"]).content.decode()
        assert "sudah tercatat sebelumnya" in page
        assert Answer.objects.count() == 1

    def test_feedback_explains_why_cites_the_rule_and_gives_the_range(self, player, quiz):
        attempt = _start(player, quiz)
        question = questions_of(attempt)[scoring.FEED]
        response = _post_answer(player, attempt, question, [key_of(question, correct=False)])
        assert "/umpan-balik/" in response["Location"]
        body = player.get(response["Location"]).content.decode()
        assert "Kurang tepat" in body
        assert "Tanda suka pada unggahan calon adalah bentuk dukungan." in body
        assert "SKB 2022 lampiran, daftar A no. 4 dan daftar B no. 6" in body
        assert "Sanksi moral (PP 42/2004) – Hukuman disiplin berat" in body

    def test_feedback_waits_for_the_end_when_so_configured(self, player, quiz):
        quiz.feedback_timing = FeedbackTiming.END
        quiz.save_revision().publish()
        quiz.refresh_from_db()
        attempt = _start(player, quiz)
        question = questions_of(attempt)[scoring.SINGLE]
        response = _post_answer(player, attempt, question, [key_of(question)])
        assert response["Location"] == f"/kuis/percobaan/{attempt.pk}/"
        early = player.get(f"/kuis/percobaan/{attempt.pk}/umpan-balik/{question['key']}/")
        assert early.status_code == 302 and "umpan-balik" not in early["Location"]
        player.post(f"/kuis/percobaan/{attempt.pk}/selesai/")
        late = player.get(f"/kuis/percobaan/{attempt.pk}/umpan-balik/{question['key']}/")
        assert late.status_code == 200 and "Mengapa" in late.content.decode()

    def test_resume_on_another_device(self, client, ready_learner, quiz):
        client.force_login(ready_learner)
        attempt = _start(client, quiz)
        question = questions_of(attempt)[scoring.FEED]  # the first question, no shuffling
        _post_answer(client, attempt, question, [key_of(question)])
        phone = Client()
        phone.force_login(ready_learner)
        quiz_page = phone.get(quiz.url).content.decode()
        assert "Lanjutkan kuis" in quiz_page
        response = phone.post(f"/kuis/{quiz.pk}/mulai/")
        assert response["Location"] == f"/kuis/percobaan/{attempt.pk}/"
        html = phone.get(response["Location"]).content.decode()
        assert "Pertanyaan 2 dari 5" in html
        assert Attempt.objects.count() == 1

    def test_answer_after_the_time_limit_is_refused_and_the_attempt_closes(self, player, quiz):
        attempt = _start(player, quiz)
        Attempt.objects.filter(pk=attempt.pk).update(
            deadline_at=timezone.now() - dt.timedelta(seconds=1)
        )
        question = questions_of(attempt)[scoring.SINGLE]
        response = _post_answer(player, attempt, question, [key_of(question)])
        assert not Answer.objects.exists()
        follow = player.get(response["Location"])
        assert follow["Location"] == f"/kuis/percobaan/{attempt.pk}/hasil/"
        body = player.get(follow["Location"]).content.decode()
        assert "Waktu habis" in body
        attempt.refresh_from_db()
        assert attempt.status == AttemptStatus.EXPIRED


class ResultTests:
    def test_result_shows_score_pass_mark_and_attempts_left(self, player, quiz):
        attempt = _start(player, quiz)
        final_page = _play_all(player, attempt)
        assert "Kirim dan lihat nilai" in final_page
        response = player.post(f"/kuis/percobaan/{attempt.pk}/selesai/")
        body = player.get(response["Location"]).content.decode()
        attempt.refresh_from_db()
        assert f'quiz-score__value">{attempt.percent}<' in body
        assert "Nilai lulus 70" in body
        if attempt.passed:
            assert "Selamat, Anda lulus!" in body
        else:
            assert "Belum lulus" in body and "Sisa 2 kesempatan" in body
        assert body.count("quiz-feedback ") == 5

    def test_double_final_submit_records_one_result(self, player, quiz):
        attempt = _start(player, quiz)
        _play_all(player, attempt)
        for _ in range(3):
            player.post(f"/kuis/percobaan/{attempt.pk}/selesai/")
        attempt.refresh_from_db()
        assert attempt.status == AttemptStatus.SUBMITTED
        assert Attempt.objects.filter(quiz=quiz).count() == 1

    def test_passing_marks_the_course_complete_for_the_learner(self, player, ready_learner, quiz):
        attempt = _start(player, quiz)
        answer_everything(services, ready_learner, attempt)
        player.post(f"/kuis/percobaan/{attempt.pk}/selesai/")
        body = player.get("/kursus-saya/").content.decode()
        assert "2 dari 2 langkah selesai (100%)" in body


class AccessTests:
    @pytest.mark.parametrize(
        ("method", "path"),
        [
            ("get", "/kuis/percobaan/{id}/"),
            ("post", "/kuis/percobaan/{id}/jawab/"),
            ("get", "/kuis/percobaan/{id}/umpan-balik/{key}/"),
            ("post", "/kuis/percobaan/{id}/selesai/"),
            ("get", "/kuis/percobaan/{id}/hasil/"),
        ],
    )
    def test_another_learner_gets_404_for_my_attempt(
        self, client, ready_learner, quiz, city, method, path
    ):
        attempt = services.attempt_start(user=ready_learner, quiz=quiz).attempt
        question = questions_of(attempt)[scoring.SINGLE]
        services.answer_submit(
            user=ready_learner,
            attempt_id=attempt.pk,
            question_key=question["key"],
            stage=0,
            choice_keys=[key_of(question)],
        )
        intruder = EmployeeFactory(office=city["kel"], with_account=True).user
        client.force_login(intruder)
        url = path.format(id=attempt.pk, key=question["key"])
        data = {"question": question["key"], "stage": 0, "choice": key_of(question)}
        response = getattr(client, method)(url, data if method == "post" else None)
        assert response.status_code == 404
        assert Answer.objects.count() == 1
        attempt.refresh_from_db()
        assert attempt.is_open

    @pytest.mark.parametrize(
        "path",
        ["/kuis/1/mulai/", "/kuis/percobaan/1/jawab/", "/kuis/percobaan/1/selesai/"],
    )
    def test_state_changing_endpoints_refuse_get(self, player, path):
        assert player.get(path).status_code == 405

    def test_unknown_attempt_is_404(self, player):
        assert player.get("/kuis/percobaan/999999/").status_code == 404

    def test_anonymous_visitor_is_sent_to_sign_in(self, client, quiz):
        response = client.get(quiz.url)
        assert response.status_code == 302 and "/akun/login/" in response["Location"]
