"""The notification pages and the header count: only one's own, POST to change, links
that stay on the site, escaped text, and a count that costs no query once cached."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netra.notifications import services
from netra.notifications.factories import NotificationFactory
from netra.notifications.models import Notification
from netra.people.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = "/notifikasi/"


def open_url(notification):
    return reverse("notifications:open", args=[notification.pk])


def notification_queries(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if "notifications_notification" in q["sql"]]


class ListTests:
    def test_anonymous_visitors_are_sent_to_sign_in(self, client):
        for response in (
            client.get(LIST),
            client.post(reverse("notifications:read_all")),
            client.post("/notifikasi/1/buka/"),
        ):
            assert response.status_code == 302
            assert response["Location"].startswith("/akun/login/")

    def test_shows_only_the_persons_own_newest_first_unread_highlighted(
        self, learner_client, learner
    ):
        older = NotificationFactory(recipient=learner, title="Pembaruan lama")
        newer = NotificationFactory(recipient=learner, title="Pembaruan baru")
        NotificationFactory(title="Milik orang lain")
        services.mark_read(user=learner, notification_id=older.pk)
        body = learner_client.get(LIST).content.decode()
        assert body.index("Pembaruan baru") < body.index("Pembaruan lama")
        assert "Milik orang lain" not in body
        assert body.count("notification--unread") == 1
        assert "1 belum dibaca" in body
        assert f'action="{open_url(newer)}"' in body

    def test_html_in_title_and_body_is_shown_as_text(self, learner_client, learner):
        NotificationFactory(
            recipient=learner, title="<b>Penting</b>", body="<script>alert(1)</script>"
        )
        body = learner_client.get(LIST).content.decode()
        assert "<script>alert(1)</script>" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "&lt;b&gt;Penting&lt;/b&gt;" in body

    def test_long_lists_are_paginated(self, learner_client, learner):
        for n in range(31):
            NotificationFactory(recipient=learner, key=f"k-{n}", title=f"Pesan nomor {n:02d}")
        first = learner_client.get(LIST).content.decode()
        second = learner_client.get(LIST + "?halaman=2").content.decode()
        assert "Pesan nomor 30" in first and "Pesan nomor 00" not in first
        assert "Pesan nomor 00" in second and "1 / 2" in first

    def test_an_empty_list_says_so(self, learner_client):
        assert "Belum ada notifikasi." in learner_client.get(LIST).content.decode()


class OpenTests:
    def test_opening_marks_read_and_goes_to_the_link(self, learner_client, learner):
        notification = NotificationFactory(recipient=learner, url="/kursus-saya/")
        response = learner_client.post(open_url(notification))
        assert response.status_code == 302 and response["Location"] == "/kursus-saya/"
        notification.refresh_from_db()
        assert notification.read_at is not None

    def test_a_second_submit_is_harmless(self, learner_client, learner):
        notification = NotificationFactory(recipient=learner)
        learner_client.post(open_url(notification))
        read_at = Notification.objects.get().read_at
        assert learner_client.post(open_url(notification)).status_code == 302
        assert Notification.objects.get().read_at == read_at

    def test_without_a_link_it_goes_back_to_the_list(self, learner_client, learner):
        notification = NotificationFactory(recipient=learner, url="")
        assert learner_client.post(open_url(notification))["Location"] == LIST

    def test_a_link_that_leaves_the_site_is_never_followed(self, learner_client, learner):
        notification = NotificationFactory(recipient=learner)
        # Past every writer (a hand-edited row): the view still checks before redirecting.
        Notification.objects.filter(pk=notification.pk).update(url="/\\evil.example/")
        assert learner_client.post(open_url(notification))["Location"] == LIST

    def test_someone_elses_notification_is_404_and_stays_unread(self, learner_client):
        other = NotificationFactory()
        assert learner_client.post(open_url(other)).status_code == 404
        other.refresh_from_db()
        assert other.read_at is None

    def test_get_is_refused(self, learner_client, learner):
        notification = NotificationFactory(recipient=learner)
        assert learner_client.get(open_url(notification)).status_code == 405
        assert learner_client.get(reverse("notifications:read_all")).status_code == 405
        assert Notification.objects.get().read_at is None

    def test_the_forms_need_the_csrf_token(self, client, learner):
        notification = NotificationFactory(recipient=learner)
        client = type(client)(enforce_csrf_checks=True)
        client.force_login(learner)
        assert client.post(open_url(notification)).status_code == 403
        assert client.post(reverse("notifications:read_all")).status_code == 403
        assert Notification.objects.get().read_at is None


class ReadAllTests:
    def test_marks_all_of_ones_own_read_and_says_how_many(self, learner_client, learner):
        NotificationFactory.create_batch(2, recipient=learner)
        other = NotificationFactory()
        response = learner_client.post(reverse("notifications:read_all"), follow=True)
        assert "2 notifikasi ditandai dibaca." in response.content.decode()
        assert not Notification.objects.filter(recipient=learner, read_at__isnull=True).exists()
        other.refresh_from_db()
        assert other.read_at is None

    def test_a_second_submit_says_nothing_is_left(self, learner_client, learner):
        NotificationFactory(recipient=learner)
        learner_client.post(reverse("notifications:read_all"))
        response = learner_client.post(reverse("notifications:read_all"), follow=True)
        assert "Tidak ada notifikasi yang belum dibaca." in response.content.decode()


class HeaderBadgeTests:
    PAGE = "/kursus-saya/"

    def badge(self, client) -> str | None:
        body = client.get(self.PAGE).content.decode()
        marker = "data-unread>"
        if marker not in body:
            return None
        return body.split(marker, 1)[1].split("<", 1)[0]

    def test_a_cached_count_costs_no_query(self, learner_client, learner, course_index):
        NotificationFactory.create_batch(2, recipient=learner)
        assert self.badge(learner_client) == "2"  # a miss: one COUNT, then cached
        with CaptureQueriesContext(connection) as ctx:
            assert learner_client.get(self.PAGE).status_code == 200
        assert notification_queries(ctx) == []

    def test_a_miss_costs_one_count(
        self, learner_client, learner, course_index, django_capture_on_commit_callbacks
    ):
        learner_client.get(self.PAGE)
        with django_capture_on_commit_callbacks(execute=True):
            NotificationFactory(recipient=learner)  # drops the cached count on commit
        with CaptureQueriesContext(connection) as ctx:
            learner_client.get(self.PAGE)
        assert len(notification_queries(ctx)) == 1

    def test_the_count_follows_notify_and_reading(
        self, learner_client, learner, course_index, django_capture_on_commit_callbacks
    ):
        assert self.badge(learner_client) is None
        with django_capture_on_commit_callbacks(execute=True):
            services.notify(user_ids=[learner.pk], key="update-1", title="Baru", body="", url="/")
        assert self.badge(learner_client) == "1"
        with django_capture_on_commit_callbacks(execute=True):
            services.notify(user_ids=[learner.pk], key="update-2", title="Baru", body="", url="/")
        assert self.badge(learner_client) == "2"
        with django_capture_on_commit_callbacks(execute=True):
            learner_client.post(open_url(Notification.objects.get(key="update-1")))
        assert self.badge(learner_client) == "1"
        with django_capture_on_commit_callbacks(execute=True):
            learner_client.post(reverse("notifications:read_all"))
        assert self.badge(learner_client) is None

    def test_anonymous_visitors_see_no_badge_and_cost_no_query(self, client, home):
        with CaptureQueriesContext(connection) as ctx:
            body = client.get("/").content.decode()
        assert "data-unread" not in body and notification_queries(ctx) == []

    def test_another_persons_notifications_do_not_count(
        self, learner_client, learner, course_index
    ):
        NotificationFactory(recipient=UserFactory())
        assert self.badge(learner_client) is None
