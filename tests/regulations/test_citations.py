"""Course modules, course pages and quiz feedback link the regulations they cite to the
library; content saved before the choosers existed keeps rendering."""

import re

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from courses import services as course_services
from courses.blocks import RegulationLinkBlock
from courses.factories import CoursePageFactory, ModulePageFactory, modules_of
from quizzes.factories import QuizPageFactory, feed_like_question, single_choice_question
from quizzes.models import Attempt

pytestmark = pytest.mark.django_db


def _rule_quote(citation, **extra):
    return ("rule_quote", {"text": "PNS dilarang mendukung calon.", "citation": citation, **extra})


class ModuleCitationTests:
    def test_rule_quote_links_to_the_regulation_page_when_chosen(
        self, learner_client, course_index, asn_laws
    ):
        course = CoursePageFactory(parent=course_index)
        pp94 = asn_laws["pp94"]
        module = ModulePageFactory(
            parent=course,
            body=[
                _rule_quote("PP 94/2021 Pasal 5 huruf n", source_url="", regulation=pp94),
                _rule_quote("SKB 2022, lampiran", source_url="https://jdih.example/skb"),
                _rule_quote("Tanpa tautan"),  # saved before the chooser existed
            ],
        )
        body = learner_client.get(module.url).content.decode()
        assert f'<a href="{pp94.url}">PP 94/2021 Pasal 5 huruf n</a>' in body
        assert 'href="https://jdih.example/skb"' in body
        assert "<figcaption>Tanpa tautan</figcaption>" in body

    def test_unpublished_regulation_falls_back_to_plain_text(
        self, learner_client, course_index, asn_laws
    ):
        pp94 = asn_laws["pp94"]
        module = ModulePageFactory(
            parent=CoursePageFactory(parent=course_index),
            body=[_rule_quote("PP 94/2021 Pasal 5", source_url="", regulation=pp94)],
        )
        pp94.unpublish()
        body = learner_client.get(module.url).content.decode()
        assert "<figcaption>PP 94/2021 Pasal 5</figcaption>" in body

    def test_course_page_lists_library_and_older_regulation_links(
        self, learner_client, course_index, asn_laws
    ):
        course = CoursePageFactory(
            parent=course_index,
            regulations=[
                ("regulation", {"regulation": asn_laws["uu20"], "citation": "Pasal 24"}),
                ("regulation", {"title": "UU 7/2017", "citation": "", "url": "https://x.example/"}),
            ],
        )
        body = learner_client.get(course.url).content.decode()
        assert f'<a href="{asn_laws["uu20"].url}">{asn_laws["uu20"].title}</a> — Pasal 24' in body
        assert 'href="https://x.example/"' in body and "UU 7/2017" in body

    def test_regulation_link_needs_a_page_or_a_name(self):
        block = RegulationLinkBlock()
        value = block.to_python({"title": "", "citation": "Pasal 1", "url": ""})
        with pytest.raises(StructBlockValidationError):
            block.clean(value)


class QuizFeedbackCitationTests:
    def test_feedback_links_the_chosen_regulations_through_their_stable_link(
        self, learner_client, learner, course_index, asn_laws
    ):
        course = CoursePageFactory(parent=course_index)
        module = ModulePageFactory(parent=course)
        pp94, uu20 = asn_laws["pp94"], asn_laws["uu20"]
        quiz = QuizPageFactory(
            parent=course,
            questions=[
                feed_like_question(regulations=[pp94, uu20]),
                single_choice_question(),  # no regulations: renders as before
            ],
        )
        course_services.module_complete(user=learner, module=modules_of(course)[0])
        assert module.pk == modules_of(course)[0].pk
        response = learner_client.post(f"/kuis/{quiz.pk}/mulai/")
        attempt = Attempt.objects.get(pk=re.search(r"/percobaan/(\d+)/", response["Location"])[1])
        feed = next(q for q in attempt.version.spec["questions"] if q["kind"] == "feed_post")
        assert feed["regulations"] == [
            {"id": pp94.pk, "label": "PP 94/2021"},
            {"id": uu20.pk, "label": "UU 20/2023"},
        ]
        single = next(q for q in attempt.version.spec["questions"] if q["kind"] != "feed_post")
        assert "regulations" not in single  # quizzes without links freeze as before
        wrong = next(o["key"] for o in feed["options"] if not o["correct"])
        answered = learner_client.post(
            f"/kuis/percobaan/{attempt.pk}/jawab/",
            {"question": feed["key"], "stage": 0, "choice": [wrong]},
        )
        body = learner_client.get(answered["Location"]).content.decode()
        assert f'<a href="/regulasi/{pp94.pk}/">PP 94/2021</a>' in body
        assert f'<a href="/regulasi/{uu20.pk}/">UU 20/2023</a>' in body
        assert learner_client.get(f"/regulasi/{pp94.pk}/")["Location"] == pp94.url
