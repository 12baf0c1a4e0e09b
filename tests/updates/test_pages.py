"""Regulation update pages: validation of the impact, public pages, the index's order and
pagination, and the home page's latest updates."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from netra.updates.factories import RegulationUpdatePageFactory, days_ago
from netra.updates.models import (
    ChangeKind,
    RegulationUpdatePage,
    UpdateAffectedCourse,
    UpdateChangedModule,
)

pytestmark = pytest.mark.django_db


def _draft(update_index, **kwargs):
    """An unsaved update with its impact rows, as the admin form would hand it over."""
    courses = kwargs.pop("courses", ())
    modules = kwargs.pop("modules", ())
    page = RegulationUpdatePage(
        title="SE Netralitas",
        slug="se-netralitas",
        summary="Ringkasan.",
        body="<p>Isi.</p>",
        **kwargs,
    )
    page.affected_courses = [UpdateAffectedCourse(course=c) for c in courses]
    page.changed_modules = [UpdateChangedModule(module=m) for m in modules]
    return page


class ValidationTests:
    def test_material_update_is_refused_when_it_names_no_course_or_pact(self, update_index):
        page = _draft(update_index, change_kind=ChangeKind.MATERIAL, impact_reason="Aturan baru.")
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert "minimal satu kursus atau satu pakta" in str(error.value.message_dict["change_kind"])

    def test_material_update_needs_a_reason_for_learners(self, update_index, course):
        page = _draft(update_index, change_kind=ChangeKind.MATERIAL, courses=[course])
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert "impact_reason" in error.value.message_dict

    def test_changed_module_is_refused_when_its_course_is_not_affected(
        self, update_index, course, other_course, modules
    ):
        page = _draft(
            update_index,
            change_kind=ChangeKind.MATERIAL,
            impact_reason="Aturan baru.",
            courses=[other_course],
            modules=[modules[0]],
        )
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        message = str(error.value.message_dict["change_kind"])
        assert "harus bagian dari kursus yang terdampak" in message
        assert modules[0].title in message

    def test_a_course_chosen_as_a_module_is_refused(self, update_index, course, other_course):
        page = _draft(update_index, courses=[course], modules=[other_course])
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert "halaman modul" in str(error.value.message_dict["change_kind"])

    def test_material_update_with_its_course_and_module_is_valid(
        self, update_index, course, modules
    ):
        page = _draft(
            update_index,
            change_kind=ChangeKind.MATERIAL,
            impact_reason="Aturan baru.",
            courses=[course],
            modules=[modules[1]],
        )
        page.clean()  # no error

    def test_minor_update_needs_no_course(self, update_index):
        _draft(update_index, change_kind=ChangeKind.MINOR).clean()  # no error

    def test_pact_alone_is_enough_for_a_material_update(self, update_index, pact):
        update = RegulationUpdatePageFactory(
            parent=update_index,
            change_kind=ChangeKind.MATERIAL,
            impact_reason="Klausul baru.",
            pacts=[pact],
        )
        assert update.pact_ids() == [pact.pk]


class PublicPageTests:
    def test_update_and_index_are_public_and_render_the_update(self, client, update_index):
        update = RegulationUpdatePageFactory(
            parent=update_index,
            title="Tanda suka dilarang",
            change_kind=ChangeKind.MINOR,
            impact_reason="Cukup dibaca.",
        )
        response = client.get(update.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Tanda suka dilarang" in html and "Cukup dibaca." in html
        assert 'rel="alternate" type="application/atom+xml"' in html
        assert client.get(update_index.url).status_code == 200

    def test_material_update_says_recertification_is_required(self, client, update_index, course):
        update = RegulationUpdatePageFactory(
            parent=update_index,
            change_kind=ChangeKind.MATERIAL,
            impact_reason="Modul 1 diperbarui.",
            courses=[course],
        )
        html = client.get(update.url).content.decode()
        assert "Wajib sertifikasi ulang" in html and "Modul 1 diperbarui." in html

    def test_index_lists_newest_first_and_paginates(self, client, update_index):
        for n in range(12):
            RegulationUpdatePageFactory(
                parent=update_index, title=f"Pembaruan {n:02d}", date=days_ago(n)
            )
        first = client.get(update_index.url).content.decode()
        assert (
            first.index("Pembaruan 00") < first.index("Pembaruan 01") < first.index("Pembaruan 09")
        )
        assert "Pembaruan 10" not in first and "Halaman 1 dari 2" in first
        second = client.get(update_index.url, {"halaman": 2}).content.decode()
        assert (
            "Pembaruan 10" in second and "Pembaruan 11" in second and "Pembaruan 00" not in second
        )
        # A page number that is not one shows the first page rather than an error.
        assert "Pembaruan 00" in client.get(update_index.url, {"halaman": "x"}).content.decode()

    def test_drafts_are_not_listed_or_served(self, client, update_index):
        draft = RegulationUpdatePageFactory(parent=update_index, title="Masih draf", publish=False)
        assert "Masih draf" not in client.get(update_index.url).content.decode()
        assert client.get(f"{update_index.url}{draft.slug}/").status_code == 404


class HomeListTests:
    def test_home_lists_the_three_latest_published_updates(self, client, home, update_index):
        for n in range(4):
            RegulationUpdatePageFactory(parent=update_index, title=f"Berita {n}", date=days_ago(n))
        RegulationUpdatePageFactory(parent=update_index, title="Draf rahasia", publish=False)
        html = client.get("/").content.decode()
        assert html.index("Berita 0") < html.index("Berita 1") < html.index("Berita 2")
        assert "Berita 3" not in html and "Draf rahasia" not in html
        assert update_index.url in html
        assert 'type="application/rss+xml"' in html

    def test_home_shows_no_update_section_without_updates(self, client, home, update_index):
        html = client.get("/").content.decode()
        assert "latest-updates" not in html and "application/atom+xml" not in html

    def test_latest_updates_cost_a_fixed_number_of_queries(self, client, home, update_index):
        def home_queries():
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/").status_code == 200
            return len(queries)

        RegulationUpdatePageFactory(parent=update_index)
        home_queries()  # warms the site and restriction caches
        one = home_queries()
        for _ in range(5):
            RegulationUpdatePageFactory(parent=update_index)
        home_queries()  # publishing replaced the pages generation: warm the caches again
        assert home_queries() == one


class RichTextTests:
    def test_page_links_and_formatting_survive_sanitising(self, client, update_index, course):
        update = RegulationUpdatePageFactory(
            parent=update_index,
            body=(
                f'<h3>Judul</h3><p><b>Tebal</b> <a linktype="page" id="{course.pk}">kursus</a> '
                '<a href="https://jdih.example.go.id/se">SE</a></p><ul><li>butir</li></ul>'
                '<p onclick="x()">teks<script>alert(1)</script></p>'
            ),
        )
        html = client.get(update.url).content.decode()
        assert f'<a href="{course.url}">kursus</a>' in html
        assert '<a href="https://jdih.example.go.id/se">SE</a>' in html
        assert "<h3>Judul</h3>" in html and "<b>Tebal</b>" in html and "<li>butir</li>" in html
        assert "<p>teksalert(1)</p>" in html and "onclick" not in html


class RegulationLinkTests:
    def test_update_links_the_live_regulations_it_concerns(self, client, home, update_index):
        from netra.regulations.factories import RegulationIndexPageFactory, RegulationPageFactory

        library = RegulationIndexPageFactory(parent=home)
        law = RegulationPageFactory(parent=library, title="UU Nomor 20 Tahun 2023 tentang ASN")
        draft = RegulationPageFactory(parent=library, title="Rancangan SE", publish=False)
        update = RegulationUpdatePageFactory(parent=update_index, regulations=[law, draft])
        html = client.get(update.url).content.decode()
        assert f'<a href="{law.url}">UU Nomor 20 Tahun 2023 tentang ASN</a>' in html
        assert "Rancangan SE" not in html
