"""Editors build quizzes in the Wagtail admin, preview them, and read statistics."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from netra.people.factories import UserFactory
from quizzes import blocks, services, tallies
from quizzes.factories import feed_like_question, single_choice_question
from quizzes.models import QuizPage
from tests.conftest import login_with_mfa

from .helpers import answer_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    return login_with_mfa(client, UserFactory(is_superuser=True, is_staff=True))


def _list(items):
    return {
        "count": len(items),
        **{
            str(i): {"value": value, "deleted": "", "order": i, "id": f"item-{i}"}
            for i, value in enumerate(items)
        },
    }


def _common(prompt):
    return {
        "prompt": prompt,
        "points": 1,
        "explanation": rich_text("<p>Karena ASN wajib netral.</p>"),
        "citations": _list(["UU 20/2023 Pasal 24 ayat (1) huruf d"]),
        "regulations": _list([]),
        "sanction": {"lowest": "moral", "highest": "berat", "note": ""},
    }


def _quiz_form(title, slug, questions):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": rich_text("<p>Pengantar</p>"),
            "questions": streamfield(questions),
            "pass_mark": 70,
            "estimated_minutes": 10,
            "max_attempts": 3,
            "cooldown_minutes": 0,
            "time_limit_minutes": "",
            "shuffle_options": "on",
            "feedback_timing": "immediate",
        }
    )


class QuizAdminTests:
    def test_editor_adds_a_quiz_with_nested_blocks(self, editor_client, course):
        url = f"/admin/pages/add/quizzes/quizpage/{course.pk}/"
        assert editor_client.get(url).status_code == 200
        form = _quiz_form(
            "Kuis baru",
            "kuis-baru",
            [
                (
                    "single_choice",
                    {
                        **_common("Siapa yang menjatuhkan hukuman?"),
                        "options": _list(
                            [
                                {"text": "Bawaslu", "correct": "", "feedback": "Bukan."},
                                {"text": "PPK", "correct": "on", "feedback": "Tepat."},
                            ]
                        ),
                    },
                ),
                (
                    "true_false",
                    {
                        **_common("Tanda suka pada unggahan calon itu boleh."),
                        "answer": "salah",
                        "feedback_true": "Keliru.",
                        "feedback_false": "Tepat.",
                    },
                ),
            ],
        )
        response = editor_client.post(url, form)
        assert response.status_code == 302, response.content.decode()[:3000]
        quiz = QuizPage.objects.get(slug="kuis-baru")
        assert [b.block_type for b in quiz.questions] == ["single_choice", "true_false"]
        options = quiz.questions[0].value["options"]
        assert [o["correct"] for o in options] == [False, True]

    def test_editor_cannot_save_a_single_choice_with_two_right_answers(self, editor_client, course):
        url = f"/admin/pages/add/quizzes/quizpage/{course.pk}/"
        option = {"text": "PPK", "correct": "on", "feedback": ""}
        form = _quiz_form(
            "Kuis salah",
            "kuis-salah",
            [("single_choice", {**_common("?"), "options": _list([option, option])})],
        )
        response = editor_client.post(url, form)
        assert response.status_code == 200
        assert "Tandai tepat satu pilihan sebagai jawaban benar." in response.content.decode()
        assert not QuizPage.objects.filter(slug="kuis-salah").exists()

    def test_edit_page_offers_the_statistics_button(self, editor_client, quiz):
        body = editor_client.get(f"/admin/pages/{quiz.pk}/edit/").content.decode()
        assert f"/admin/kuis/{quiz.pk}/statistik/" in body

    @pytest.mark.parametrize("mode", ["", "answers"])
    def test_preview_shows_every_question_and_the_key_only_on_request(self, quiz, mode):
        request = RequestFactory().get("/")
        request.user = UserFactory(is_superuser=True)
        response = quiz.serve_preview(request, mode)
        response.render()
        body = response.content.decode()
        assert "Anda menyukai ini" in body  # the accidental-like card
        assert "Rekan kerja memasukkan Anda ke grup WhatsApp" in body
        assert ("Kunci jawaban" in body) is (mode == "answers")
        assert ("Tepat: hentikan interaksinya" in body) is (mode == "answers")


class StatisticsViewTests:
    def test_editor_sees_per_question_statistics(self, editor_client, ready_learner, quiz):
        attempt = services.attempt_start(user=ready_learner, quiz=quiz).attempt
        answer_everything(services, ready_learner, attempt, right=False)
        services.attempt_finish(user=ready_learner, attempt_id=attempt.pk)
        body = editor_client.get(f"/admin/kuis/{quiz.pk}/statistik/").content.decode()
        assert "1 percobaan yang baru selesai belum masuk tabel" in body
        tallies.fold()
        body = editor_client.get(f"/admin/kuis/{quiz.pk}/statistik/").content.decode()
        assert "belum masuk tabel" not in body
        assert "1 percobaan selesai oleh 1 peserta; 0 lulus." in body
        assert "Biarkan saja, cuma satu tanda suka" in body  # the wrong feed action chosen
        assert "0%" in body

    def test_staff_without_edit_permission_is_refused(self, client, quiz):
        user = UserFactory(is_staff=True)
        user.groups.add(Group.objects.get_or_create(name="Pengunjung admin")[0])
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        login_with_mfa(client, user)
        response = client.get(f"/admin/kuis/{quiz.pk}/statistik/")
        # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
        assert response.status_code == 302 and response["Location"] == "/admin/"

    def test_learner_without_admin_access_is_kept_out(self, learner_client, quiz):
        response = learner_client.get(f"/admin/kuis/{quiz.pk}/statistik/")
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or "login" in response["Location"]


class BlockValidationTests:
    @pytest.mark.parametrize(
        "block",
        [
            blocks.SingleChoiceBlock(),
            blocks.MultipleChoiceBlock(),
            blocks.TrueFalseBlock(),
            blocks.FeedScenarioBlock(),
            blocks.BranchingScenarioBlock(),
        ],
    )
    def test_every_question_block_has_a_valid_preview_value(self, block):
        value = block.to_python(block.meta.preview_value)
        block.clean(value)
        assert block.meta.description

    def test_feed_card_refuses_two_like_buttons(self):
        _type, value = feed_like_question()
        value["actions"].append({**value["actions"][0], "correct": False})
        block = blocks.FeedScenarioBlock()
        with pytest.raises(StructBlockValidationError):
            block.clean(block.to_python(value))

    def test_feed_card_needs_a_right_action(self):
        _type, value = feed_like_question()
        for action in value["actions"]:
            action["correct"] = False
        block = blocks.FeedScenarioBlock()
        with pytest.raises(StructBlockValidationError):
            block.clean(block.to_python(value))

    def test_branch_follow_up_needs_a_right_answer(self):
        block = blocks.BranchingScenarioBlock()
        value = dict(block.meta.preview_value)
        value["choices"] = [dict(c) for c in value["choices"]]
        value["choices"][1]["follow_up_options"] = [
            {"text": "a", "correct": False, "feedback": ""},
            {"text": "b", "correct": False, "feedback": ""},
        ]
        with pytest.raises(StructBlockValidationError):
            block.clean(block.to_python(value))

    def test_sanction_range_cannot_run_backwards(self):
        _type, value = single_choice_question()
        value["sanction"] = {"lowest": "berat", "highest": "moral", "note": ""}
        block = blocks.SingleChoiceBlock()
        with pytest.raises(StructBlockValidationError):
            block.clean(block.to_python(value))

    def test_saving_a_quiz_gives_every_option_a_stable_key(self, quiz):
        stored = quiz.questions.raw_data
        feed = next(b for b in stored if b["type"] == "feed_post")
        assert all(action.get("id") for action in feed["value"]["actions"])
        quiz.refresh_from_db()
        again = next(b for b in quiz.questions.raw_data if b["type"] == "feed_post")
        assert [a["id"] for a in again["value"]["actions"]] == [
            a["id"] for a in feed["value"]["actions"]
        ]
