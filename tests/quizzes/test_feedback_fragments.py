"""The feedback fragment is rendered once per distinct content and language, and never
served for other content."""

from unittest import mock

from django.utils import translation

from quizzes.templatetags import quiz_feedback

ITEM = {
    "key": "q1",
    "kind": "single_choice",
    "prompt": "Apa yang Anda lakukan?",
    "post": None,
    "stages": [
        {
            "stage": 0,
            "correct": True,
            "points": 1,
            "max_points": 1,
            "options": [
                {
                    "key": "a",
                    "text": "Batalkan suka",
                    "action": "",
                    "correct": True,
                    "chosen": True,
                    "feedback": "Tepat.",
                },
            ],
        }
    ],
    "correct": True,
    "complete": True,
    "explanation": "<p>ASN wajib netral.</p>",
    "citations": ["UU 20/2023 Pasal 9"],
    "regulations": [],
    "sanction_text": "",
}


def _render(item):
    with mock.patch.object(
        quiz_feedback, "render_to_string", wraps=quiz_feedback.render_to_string
    ) as spy:
        html = quiz_feedback.quiz_feedback(item)
    return html, spy.call_count


def test_same_feedback_is_rendered_once_when_shown_again():
    first, renders = _render(ITEM)
    again, renders_again = _render(dict(ITEM))
    assert renders == 1 and renders_again == 0
    assert again == first and "Batalkan suka" in first and "Pilihan Anda" in first


def test_other_choices_get_their_own_fragment():
    _render(ITEM)
    wrong = {**ITEM, "correct": False, "stages": [{**ITEM["stages"][0], "correct": False}]}
    html, renders = _render(wrong)
    assert renders == 1 and "Kurang tepat" in html


def test_each_language_gets_its_own_fragment():
    indonesian, _ = _render(ITEM)
    with translation.override("en"):
        english, renders = _render(ITEM)
    assert renders == 1 and english != indonesian and "Your choice" in english


def test_markup_in_content_is_escaped_in_the_cached_fragment():
    html, _ = _render({**ITEM, "prompt": "<script>alert(1)</script>"})
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_old_fragments_make_way_when_the_cache_is_full(monkeypatch):
    monkeypatch.setattr(quiz_feedback, "MAX_FRAGMENTS", 2)
    for key in ("a", "b", "c"):
        _render({**ITEM, "key": key})
    assert _render({**ITEM, "key": "c"})[1] == 0
    assert _render({**ITEM, "key": "a"})[1] == 1
