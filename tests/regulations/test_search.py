"""Site search at /cari/: what each visitor finds, and Indonesian stemming on PostgreSQL."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from wagtail.models import PageViewRestriction

from courses.factories import CoursePageFactory, ModulePageFactory

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [hit.page.title for hit in response.context["hits"]]


@pytest.fixture
def neutrality_module(course_index):
    course = CoursePageFactory(
        parent=course_index,
        title="Netralitas ASN di Media Sosial",
        summary="Menjaga netralitas saat bermedia sosial.",
    )
    return ModulePageFactory(
        parent=course,
        title="Menyukai unggahan calon",
        body=[("paragraph", "<p>Menyukai unggahan calon melanggar netralitas pegawai.</p>")],
    )


class SearchAccessTests:
    def test_anonymous_visitor_finds_regulations_but_not_courses(
        self, client, asn_laws, neutrality_module
    ):
        response = client.get("/cari/", {"q": "netralitas"})
        assert response.status_code == 200
        titles = _titles(response)
        assert asn_laws["uu20"].title in titles
        assert neutrality_module.title not in titles
        assert "Netralitas ASN di Media Sosial" not in titles

    def test_signed_in_learner_also_finds_courses_and_modules(
        self, learner_client, asn_laws, neutrality_module
    ):
        response = learner_client.get("/cari/", {"q": "netralitas"})
        titles = _titles(response)
        assert asn_laws["uu20"].title in titles
        assert neutrality_module.title in titles
        assert "Netralitas ASN di Media Sosial" in titles
        body = response.content.decode()
        assert "search-kind--courses-modulepage" in body
        assert "search-kind--regulations-regulationpage" in body
        assert ">Regulasi</span>" in body and ">Modul</span>" in body

    def test_restricted_course_is_hidden_from_learners_outside_the_group(
        self, learner_client, learner, asn_laws, neutrality_module
    ):
        course = neutrality_module.get_parent()
        restriction = PageViewRestriction.objects.create(
            page=course, restriction_type=PageViewRestriction.GROUPS
        )
        editors = Group.objects.create(name="Penyusun materi")
        restriction.groups.add(editors)
        assert neutrality_module.title not in _titles(
            learner_client.get("/cari/", {"q": "netralitas"})
        )
        learner.groups.add(editors)
        assert neutrality_module.title in _titles(learner_client.get("/cari/", {"q": "netralitas"}))

    def test_drafts_are_never_found(self, client, library):
        from netra.regulations.factories import RegulationPageFactory

        RegulationPageFactory(parent=library, title="Rancangan netralitas", publish=False)
        assert _titles(client.get("/cari/", {"q": "rancangan"})) == []

    def test_search_by_number_finds_the_regulation(self, client, asn_laws):
        assert asn_laws["pp94"].title in _titles(client.get("/cari/", {"q": "94"}))

    def test_empty_and_overlong_queries_get_a_clean_page(self, client, asn_laws):
        empty = client.get("/cari/")
        assert empty.status_code == 200 and "hits" not in empty.context
        long = client.get("/cari/", {"q": "x" * 201})
        assert long.status_code == 200
        assert "Kata kunci terlalu panjang" in long.content.decode()

    def test_results_are_paginated(self, client, library):
        from netra.regulations.factories import RegulationPageFactory

        for number in range(23):
            RegulationPageFactory(
                parent=library, number=str(number), title=f"Pedoman etika {number}"
            )
        first = client.get("/cari/", {"q": "pedoman"})
        assert len(first.context["hits"]) == 20
        assert first.context["page_obj"].paginator.count == 23
        assert len(client.get("/cari/", {"q": "pedoman", "halaman": 2}).context["hits"]) == 3

    def test_header_has_the_search_box(self, client, home):
        body = client.get("/").content.decode()
        assert 'action="/cari/"' in body and 'name="q"' in body


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
class IndonesianStemmingTests:
    def test_berkampanye_finds_kampanye(self, client, library):
        from netra.regulations.factories import RegulationPageFactory

        page = RegulationPageFactory(
            parent=library,
            title="Pedoman larangan kampanye bagi pegawai",
            summary="<p>Pegawai tidak boleh menjadi pelaksana kampanye.</p>",
        )
        assert page.title in _titles(client.get("/cari/", {"q": "berkampanye"}))
        assert page.title in _titles(client.get("/cari/", {"q": "mengkampanyekan"}))
