"""The demo seed: the library under the home page, the regulations and their links, and
the demo course and quiz citing them; running it again changes nothing."""

import io

import pytest

from courses import demo as course_demo
from courses.models import CoursePage, ModulePage
from netra.regulations import demo, rules
from netra.regulations.models import RegulationIndexPage, RegulationPage, RegulationRelation
from quizzes import demo as quiz_demo
from quizzes.models import QuizPage

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        sorted(RegulationPage.objects.values_list("pk", "regulation_type", "number", "year")),
        sorted(RegulationRelation.objects.values_list("regulation_id", "target_id", "kind")),
        RegulationIndexPage.objects.count(),
    )


class DemoSeedTests:
    def test_seed_twice_gives_the_same_rows(self, home):
        demo.seed(stdout=io.StringIO())
        first = _snapshot()
        out = io.StringIO()
        demo.seed(stdout=out)
        assert _snapshot() == first
        assert first[2] == 1
        assert len(first[0]) == len(demo.REGULATIONS)
        assert "(0 new)" in out.getvalue()
        assert RegulationIndexPage.objects.get().get_parent().pk == home.pk

    def test_replaced_regulations_show_as_revoked_or_amended(self, client, home):
        demo.seed(stdout=io.StringIO())
        uu5 = RegulationPage.objects.get(number="5", year=2014)
        body = client.get(uu5.url).content.decode()
        assert "reg-status--dicabut" in body and "Dicabut oleh" in body and "UU 20/2023" in body
        library = RegulationIndexPage.objects.get()
        listed = client.get(f"{library.url}?status=dicabut").context["regulations"]
        assert {item.page.label for item in listed} == {"UU 5/2014", "SKB Netralitas ASN 2020"}
        pp11 = RegulationPage.objects.get(number="11", year=2017)
        assert RegulationRelation.objects.get(target=pp11).kind == rules.AMENDS

    def test_demo_course_and_quiz_cite_the_seeded_regulations(self, learner_client, home):
        demo.seed(stdout=io.StringIO())
        course_demo.seed(stdout=io.StringIO())
        quiz_demo.seed(stdout=io.StringIO())
        uu20 = RegulationPage.objects.get(number="20", year=2023)
        first_module = ModulePage.objects.order_by("path").first()
        quotes = [b.value for b in first_module.body if b.block_type == "rule_quote"]
        assert quotes[0]["regulation"].pk == uu20.pk
        assert f'href="{uu20.url}"' in learner_client.get(first_module.url).content.decode()
        course = CoursePage.objects.get()
        assert course.regulations[0].value["regulation"].pk == uu20.pk
        quiz = QuizPage.objects.get()
        cited = {page.label for block in quiz.questions for page in block.value["regulations"]}
        assert {"PP 94/2021", "SKB Netralitas ASN 2022", "UU 20/2023"} <= cited

    def test_citations_resolve_by_alias_and_ignore_unknown_ones(self, home):
        demo.seed(stdout=io.StringIO())
        pages = demo.regulations_cited(
            ["PP 94/2021 Pasal 5 huruf n", "Surat MenPAN-RB B/36/2018", "SKB 2022 lampiran"]
        )
        assert [p.label for p in pages] == ["PP 94/2021", "SKB Netralitas ASN 2022"]
