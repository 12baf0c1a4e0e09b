import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.factories import course_with_modules, modules_of
from courses.models import StepCompletion
from netra.people.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

MODULE_PAGE_QUERY_BUDGET = 4


class MyCoursesViewTests:
    def test_lists_assigned_course_with_progress_and_deadline(self, learner_client, course_index):
        import datetime as dt

        course = course_with_modules(
            parent=course_index, modules=4, title="Netralitas", deadline=dt.date(2030, 1, 31)
        )
        learner_client.post(f"/belajar/modul/{modules_of(course)[0].pk}/selesai/")
        body = learner_client.get("/kursus-saya/").content.decode()
        assert "Netralitas" in body
        assert "1 dari 4 langkah selesai (25%)" in body
        assert "31 Januari 2030" in body

    def test_query_count_stays_flat_when_courses_multiply(self, learner_client, course_index):
        def count():
            with CaptureQueriesContext(connection) as ctx:
                assert learner_client.get("/kursus-saya/").status_code == 200
            return len(ctx.captured_queries)

        course_with_modules(parent=course_index, modules=2)
        learner_client.get("/kursus-saya/")  # warm the session, site and catalogue caches
        few = count()
        for _ in range(6):
            course_with_modules(parent=course_index, modules=3)
        # The first request after a page change rebuilds the shared course catalogue: a
        # fixed two queries (the courses, their live steps) whatever their number.
        assert count() == few + 2
        assert count() == few

    def test_the_shared_catalogue_follows_publishing(self, learner_client, course_index):
        course = course_with_modules(parent=course_index, modules=3, title="Netralitas")
        first, _second, third = modules_of(course)
        learner_client.post(f"/belajar/modul/{first.pk}/selesai/")
        assert "1 dari 3 langkah selesai" in learner_client.get("/kursus-saya/").content.decode()
        third.unpublish()
        assert "1 dari 2 langkah selesai" in learner_client.get("/kursus-saya/").content.decode()
        course.refresh_from_db()
        course.unpublish()
        assert "Netralitas" not in learner_client.get("/kursus-saya/").content.decode()

    def test_redirects_to_login_when_anonymous(self, client, course_index):
        response = client.get("/kursus-saya/")
        assert response.status_code == 302 and response["Location"].startswith("/akun/login/")


class ModulePageTests:
    @pytest.mark.parametrize("size", [3, 25])
    def test_module_page_stays_within_query_budget_whatever_the_course_size(
        self, learner_client, course_index, size
    ):
        course = course_with_modules(parent=course_index, modules=size)
        url = modules_of(course)[1].url
        learner_client.get(url)  # warm caches: session, site root paths, course navigation
        with CaptureQueriesContext(connection) as ctx:
            response = learner_client.get(url)
        assert response.status_code == 200
        assert len(ctx.captured_queries) <= MODULE_PAGE_QUERY_BUDGET, "\n".join(
            q["sql"] for q in ctx.captured_queries
        )

    def test_learner_sees_no_wagtail_userbar(self, learner_client, course_index):
        course = course_with_modules(parent=course_index, modules=1)
        body = learner_client.get(modules_of(course)[0].url).content.decode()
        assert "wagtail-userbar" not in body and "Tandai selesai" in body

    def test_mark_done_moves_to_next_module_when_posted(self, learner_client, course_index):
        course = course_with_modules(parent=course_index, modules=2)
        first, second = modules_of(course)
        response = learner_client.post(f"/belajar/modul/{first.pk}/selesai/")
        assert response.status_code == 302 and response["Location"] == second.url
        page = learner_client.get(first.url).content.decode()
        assert "Modul ini sudah selesai" in page

    def test_last_module_returns_to_course_when_posted(self, learner_client, course_index):
        course = course_with_modules(parent=course_index, modules=1)
        response = learner_client.post(
            f"/belajar/modul/{modules_of(course)[0].pk}/selesai/", follow=True
        )
        assert response.redirect_chain[-1][0] == course.url
        assert "Semua langkah kursus sudah selesai" in response.content.decode()

    def test_double_submit_records_once_and_says_so(self, learner_client, course_index):
        course = course_with_modules(parent=course_index, modules=2)
        url = f"/belajar/modul/{modules_of(course)[0].pk}/selesai/"
        learner_client.post(url)
        second = learner_client.post(url, follow=True)
        assert StepCompletion.objects.count() == 1
        assert "sudah ditandai selesai sebelumnya" in second.content.decode()

    def test_out_of_order_submit_explains_and_saves_nothing(self, learner_client, course_index):
        course = course_with_modules(parent=course_index, modules=3)
        third = modules_of(course)[2]
        response = learner_client.post(f"/belajar/modul/{third.pk}/selesai/", follow=True)
        assert "Selesaikan modul sebelumnya" in response.content.decode()
        assert not StepCompletion.objects.exists()

    def test_get_on_mark_done_is_refused(self, learner_client, course_index):
        course = course_with_modules(parent=course_index, modules=1)
        response = learner_client.get(f"/belajar/modul/{modules_of(course)[0].pk}/selesai/")
        assert response.status_code == 405

    def test_unknown_module_gives_404_when_posted(self, learner_client, course_index):
        assert learner_client.post("/belajar/modul/999999/selesai/").status_code == 404

    def test_navigation_shows_new_title_when_module_is_republished(
        self, learner_client, course_index
    ):
        course = course_with_modules(parent=course_index, modules=2)
        first, second = modules_of(course)
        learner_client.get(first.url)
        second.title = "Judul baru modul dua"
        second.save_revision().publish()
        assert "Judul baru modul dua" in learner_client.get(first.url).content.decode()

    def test_module_body_shows_the_published_change_when_it_was_cached(
        self, learner_client, course_index
    ):
        module = modules_of(course_with_modules(parent=course_index, modules=1))[0]
        assert "Menyukai unggahan calon" in learner_client.get(module.url).content.decode()
        module.body = [("paragraph", "<p>Aturan yang baru diterbitkan.</p>")]
        module.save_revision().publish()
        body = learner_client.get(module.url).content.decode()
        assert "Aturan yang baru diterbitkan." in body and "Menyukai unggahan calon" not in body

    def test_preview_shows_the_draft_body_when_the_live_one_is_cached(
        self, learner_client, course_index
    ):
        module = modules_of(course_with_modules(parent=course_index, modules=1))[0]
        learner_client.get(module.url)  # the live body, cached
        module.body = [("paragraph", "<p>Draf yang belum terbit.</p>")]
        module.save_revision()
        draft = module.get_latest_revision_as_object()
        preview = draft.make_preview_request().render().content.decode()
        assert "Draf yang belum terbit." in preview
        assert "Draf yang belum terbit." not in learner_client.get(module.url).content.decode()

    def test_cached_body_keeps_each_learners_own_progress(
        self, client, course_index, city, learner
    ):
        first, second = modules_of(course_with_modules(parent=course_index, modules=2))
        other = EmployeeFactory(office=city["kel"], with_account=True).user
        client.force_login(learner)
        client.post(f"/belajar/modul/{first.pk}/selesai/")
        assert "Tandai selesai" in client.get(second.url).content.decode()
        client.force_login(other)
        page = client.get(second.url).content.decode()
        assert "Selesaikan modul sebelumnya" in page and "1 dari 2" not in page

    def test_progress_is_per_learner_when_two_learn(self, client, course_index, city, learner):
        course = course_with_modules(parent=course_index, modules=2)
        other = EmployeeFactory(office=city["kel"], with_account=True).user
        client.force_login(learner)
        client.post(f"/belajar/modul/{modules_of(course)[0].pk}/selesai/")
        client.force_login(other)
        assert "0 dari 2 langkah selesai" in client.get(course.url).content.decode()

    def test_anonymous_visitor_is_sent_to_login_when_opening_a_module(self, client, course_index):
        course = course_with_modules(parent=course_index, modules=1)
        response = client.get(modules_of(course)[0].url)
        assert response.status_code == 302 and "/akun/login/" in response["Location"]

    def test_mobile_viewport_is_declared(self, learner_client, course_index):
        course = course_with_modules(parent=course_index, modules=1)
        body = learner_client.get(course.url).content.decode()
        assert 'name="viewport" content="width=device-width, initial-scale=1"' in body


class LanguageTests:
    def test_switches_to_english_when_chosen(self, learner_client, course_index):
        learner_client.post("/i18n/setlang/", {"language": "en", "next": "/kursus-saya/"})
        body = learner_client.get("/kursus-saya/").content.decode()
        assert "My courses" in body and 'lang="en"' in body

    def test_defaults_to_indonesian(self, learner_client, course_index):
        body = learner_client.get("/kursus-saya/").content.decode()
        assert "Kursus saya" in body and 'lang="id"' in body
