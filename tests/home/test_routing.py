"""Page routing from the cache (netra.home.routing): a cached route never outlives the
page it names, and every serve rule still runs on it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.factories import course_with_modules, modules_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(course_index):
    return modules_of(course_with_modules(parent=course_index, modules=2))[1]


def page_queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries if "wagtailcore_" in q["sql"]]


class CachedRouteTests:
    def test_a_warm_route_reads_no_page_or_site_row(self, learner_client, module):
        learner_client.get(module.url)
        assert page_queries(learner_client, module.url) == []

    def test_unpublished_page_is_404_when_its_route_was_cached(self, learner_client, module):
        assert learner_client.get(module.url).status_code == 200
        module.unpublish()
        assert learner_client.get(module.url).status_code == 404

    def test_renamed_page_moves_to_its_new_url_when_its_route_was_cached(
        self, learner_client, module
    ):
        old_url = module.url
        assert learner_client.get(old_url).status_code == 200
        module.slug = "nama-baru"
        module.save_revision().publish()
        module.refresh_from_db()
        assert learner_client.get(old_url).status_code == 404
        assert learner_client.get(module.url).status_code == 200

    def test_republished_title_shows_when_its_route_was_cached(self, learner_client, module):
        learner_client.get(module.url)
        module.title = "Judul yang diperbarui"
        module.save_revision().publish()
        assert "Judul yang diperbarui" in learner_client.get(module.url).content.decode()

    def test_deleted_page_is_404_when_its_route_was_cached(self, learner_client, module):
        url = module.url
        assert learner_client.get(url).status_code == 200
        module.delete()
        assert learner_client.get(url).status_code == 404

    def test_anonymous_visitor_is_still_sent_to_sign_in_on_a_cached_route(
        self, client, learner_client, module
    ):
        learner_client.get(module.url)
        learner_client.logout()
        response = client.get(module.url)
        assert response.status_code == 302 and "/akun/login/" in response["Location"]
