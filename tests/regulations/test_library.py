"""The public regulation library: filters, status and links between regulations."""

import pytest

from netra.regulations import rules
from netra.regulations.factories import RegulationPageFactory
from netra.regulations.models import RegulationType

pytestmark = pytest.mark.django_db


def _labels(response) -> list[str]:
    return [item.page.label for item in response.context["regulations"]]


class LibraryFilterTests:
    def test_lists_every_live_regulation_newest_first_when_unfiltered(self, client, asn_laws):
        RegulationPageFactory(parent=asn_laws["pp94"].get_parent(), publish=False, number="1")
        response = client.get(asn_laws["pp94"].get_parent().url)
        assert response.status_code == 200
        assert _labels(response) == ["UU 20/2023", "PP 94/2021", "UU 5/2014"]

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("jenis=uu", ["UU 20/2023", "UU 5/2014"]),
            ("tahun=2021", ["PP 94/2021"]),
            ("status=dicabut", ["UU 5/2014"]),
            ("status=berlaku", ["UU 20/2023", "PP 94/2021"]),
            ("jenis=uu&status=berlaku", ["UU 20/2023"]),
            ("jenis=uu&tahun=2014&status=dicabut", ["UU 5/2014"]),
            ("jenis=pp&tahun=2023", []),
            ("q=disiplin", ["PP 94/2021"]),
            ("q=aparatur&status=berlaku", ["UU 20/2023"]),
        ],
    )
    def test_filters_combine(self, client, library, asn_laws, query, expected):
        response = client.get(f"{library.url}?{query}")
        assert response.status_code == 200
        assert _labels(response) == expected

    @pytest.mark.parametrize(
        ("query", "message", "expected"),
        [
            ("tahun=abc&jenis=uu", "Tahun harus berupa angka", ["UU 20/2023", "UU 5/2014"]),
            ("tahun=99999&jenis=uu", "Tahun paling akhir 2100", ["UU 20/2023", "UU 5/2014"]),
            ("jenis=xx&tahun=2021", "Jenis regulasi tidak dikenal", ["PP 94/2021"]),
            ("status=hilang", "Status tidak dikenal", ["UU 20/2023", "PP 94/2021", "UU 5/2014"]),
        ],
    )
    def test_bad_value_is_explained_and_the_other_filters_still_apply(
        self, client, library, asn_laws, query, message, expected
    ):
        response = client.get(f"{library.url}?{query}")
        assert response.status_code == 200
        assert message in response.content.decode()
        assert _labels(response) == expected

    def test_pages_keep_the_filters_when_there_are_many(self, client, library):
        for number in range(25):
            RegulationPageFactory(parent=library, number=str(number), year=2020)
        first = client.get(f"{library.url}?tahun=2020")
        assert len(first.context["regulations"]) == 20
        assert "?tahun=2020&amp;halaman=2" in first.content.decode()
        second = client.get(f"{library.url}?tahun=2020&halaman=2")
        assert len(second.context["regulations"]) == 5
        assert client.get(f"{library.url}?halaman=xyz").status_code == 200

    def test_library_costs_the_same_queries_for_more_regulations(
        self, client, library, asn_laws, django_assert_max_num_queries
    ):
        for number in range(10):
            RegulationPageFactory(
                parent=library,
                number=str(number),
                relations=[(asn_laws["pp94"], rules.AMENDS)] if number == 0 else (),
            )
        with django_assert_max_num_queries(12):
            client.get(library.url)


class RegulationStatusTests:
    def test_revoked_regulation_shows_dicabut_and_the_newer_one_when_editor_left_berlaku(
        self, client, asn_laws
    ):
        body = client.get(asn_laws["uu5"].url).content.decode()
        assert "reg-status--dicabut" in body
        assert "Dicabut oleh" in body and "UU 20/2023" in body
        assert asn_laws["uu20"].url in body
        assert "Status yang dicatat editor: Berlaku" in body

    def test_newer_regulation_lists_what_it_revokes(self, client, asn_laws):
        body = client.get(asn_laws["uu20"].url).content.decode()
        assert "Mencabut" in body and asn_laws["uu5"].url in body
        assert "reg-status--berlaku" in body

    def test_amendment_shows_diubah_both_ways(self, client, library, asn_laws):
        amending = RegulationPageFactory(
            parent=library,
            number="17",
            year=2020,
            relations=[(asn_laws["pp94"], rules.AMENDS, "Pasal 5")],
        )
        body = client.get(asn_laws["pp94"].url).content.decode()
        assert "Diubah oleh" in body and amending.url in body and "(Pasal 5)" in body
        assert "reg-status--diubah" in body
        assert "Mengubah" in client.get(amending.url).content.decode()
        assert _labels(client.get(f"{library.url}?status=diubah")) == ["PP 94/2021"]

    def test_links_from_an_unpublished_regulation_do_not_count(self, client, asn_laws):
        asn_laws["uu20"].unpublish()
        body = client.get(asn_laws["uu5"].url).content.decode()
        assert "Dicabut oleh" not in body
        assert "reg-status--berlaku" in body

    def test_editor_status_stands_when_no_relation_says_otherwise(self, client, library):
        page = RegulationPageFactory(parent=library, status=rules.DICABUT)
        body = client.get(page.url).content.decode()
        assert "reg-status--dicabut" in body and "Status yang dicatat editor" not in body

    @pytest.mark.parametrize(
        ("stored", "incoming", "shown"),
        [
            ("berlaku", [], "berlaku"),
            ("berlaku", ["mengubah"], "diubah"),
            ("berlaku", ["mengubah", "mencabut"], "dicabut"),
            ("diubah", [], "diubah"),
            ("dicabut", ["mengubah"], "dicabut"),
        ],
    )
    def test_effective_status_is_the_stricter_one(self, stored, incoming, shown):
        assert rules.effective_status(stored, incoming) == shown


class PublicAccessTests:
    def test_anonymous_visitor_reads_library_and_regulation(self, client, asn_laws):
        assert client.get(asn_laws["uu20"].get_parent().url).status_code == 200
        assert client.get(asn_laws["uu20"].url).status_code == 200

    def test_stable_link_redirects_to_the_live_page(self, client, asn_laws):
        response = client.get(f"/regulasi/{asn_laws['pp94'].pk}/")
        assert response.status_code == 302 and response["Location"] == asn_laws["pp94"].url

    def test_stable_link_is_404_for_a_draft_or_another_page(self, client, library, home):
        draft = RegulationPageFactory(parent=library, publish=False)
        assert client.get(f"/regulasi/{draft.pk}/").status_code == 404
        assert client.get(f"/regulasi/{home.pk}/").status_code == 404

    def test_duplicate_type_number_year_is_refused_by_clean(self, library, asn_laws):
        from django.core.exceptions import ValidationError

        from netra.regulations.models import RegulationPage

        twin = RegulationPage(
            title="Salinan", regulation_type=RegulationType.PP, number="94", year=2021, issuer="x"
        )
        with pytest.raises(ValidationError, match="sudah ada"):
            twin.clean()


class RegulationAdminTests:
    def test_editor_publishes_a_regulation_that_revokes_an_older_one(
        self, admin_client, library, asn_laws
    ):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

        from netra.regulations.models import RegulationPage

        url = f"/admin/pages/add/regulations/regulationpage/{library.pk}/"
        assert admin_client.get(url).status_code == 200
        data = nested_form_data(
            {
                "title": "Peraturan Pemerintah Nomor 1 Tahun 2026 tentang Disiplin PNS",
                "slug": "pp-1-2026",
                "regulation_type": "pp",
                "number": "1",
                "year": 2026,
                "short_name": "",
                "issuer": "Presiden RI",
                "status": "berlaku",
                "effective_date": "",
                "summary": rich_text("<p>Pengganti PP 94/2021.</p>"),
                "official_url": "",
                "relations": inline_formset(
                    [{"target": asn_laws["pp94"].pk, "kind": "mencabut", "note": ""}]
                ),
                "action-publish": "publish",
            }
        )
        response = admin_client.post(url, data)
        assert response.status_code == 302, response.context["form"].errors
        new = RegulationPage.objects.get(slug="pp-1-2026")
        assert new.live and new.relations.get().target_id == asn_laws["pp94"].pk
        assert "reg-status--dicabut" in admin_client.get(asn_laws["pp94"].url).content.decode()

    def test_duplicate_number_is_refused_in_the_admin(self, admin_client, library, asn_laws):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

        data = nested_form_data(
            {
                "title": "Salinan PP 94",
                "slug": "salinan",
                "regulation_type": "pp",
                "number": "94",
                "year": 2021,
                "issuer": "Presiden RI",
                "status": "berlaku",
                "summary": rich_text(""),
                "relations": inline_formset([]),
            }
        )
        response = admin_client.post(
            f"/admin/pages/add/regulations/regulationpage/{library.pk}/", data
        )
        assert response.status_code == 200
        assert "sudah ada di pustaka" in response.content.decode()
