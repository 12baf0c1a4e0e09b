"""Notifications: de-duplication, batched emails sent once, who is skipped, the HR
summaries per office, and reading."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from netra.notifications import emails, services
from netra.notifications.factories import NotificationFactory
from netra.notifications.models import Notification
from netra.people.factories import EmployeeFactory, OfficeFactory, UserFactory
from netra.people.models import HrAssignment
from tests.campaigns.test_reminders import CountingBackend, FailingBackend

pytestmark = pytest.mark.django_db

UPDATE = {
    "key": "update-42",
    "title": "Perubahan PP 94/2021 tentang Disiplin PNS",
    "body": "Modul 2 diperbarui. Mohon pelajari ulang sebelum 30 Juni.",
    "url": "/kursus-saya/",
}


def notify(users, **kwargs):
    return services.notify(user_ids=[u.pk for u in users], **{**UPDATE, **kwargs})


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what the services queue on commit (email jobs, cache drops) as a commit would."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


class NotifyTests:
    def test_notifying_twice_creates_one_row_and_one_email(self, commit, email_jobs):
        user = UserFactory()
        assert commit(notify, [user]) == 1
        assert commit(notify, [user]) == 0
        assert Notification.objects.filter(recipient=user, key="update-42").count() == 1
        assert len(email_jobs) == 1
        assert [m.to for m in mail.outbox] == [[user.email]]

    def test_only_the_missing_are_created_when_the_audience_grows(self, commit):
        first, second = UserFactory(), UserFactory()
        commit(notify, [first])
        assert commit(notify, [first, second, second]) == 1
        assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])

    def test_emails_go_in_batches_of_200_over_one_connection_each(
        self, commit, email_jobs, settings
    ):
        settings.EMAIL_BACKEND = "tests.campaigns.test_reminders.CountingBackend"
        CountingBackend.opened = []
        users = UserFactory.create_batch(450)
        assert commit(notify, users) == 450
        assert [len(job) for job in email_jobs] == [200, 200, 50]
        assert CountingBackend.opened == [200, 200, 50]
        assert len(mail.outbox) == 450
        assert len({m.to[0] for m in mail.outbox}) == 450

    def test_a_queryset_of_ids_is_read_in_chunks(self, commit, monkeypatch):
        monkeypatch.setattr(services, "CHUNK_SIZE", 2)
        users = UserFactory.create_batch(5)
        ids = type(users[0]).objects.filter(pk__in=[u.pk for u in users]).values_list("pk")
        assert commit(services.notify, user_ids=ids.values_list("pk", flat=True), **UPDATE) == 5
        assert len(mail.outbox) == 5

    def test_inactive_people_are_skipped_and_people_without_email_get_no_email(
        self, commit, email_jobs
    ):
        active = UserFactory()
        no_email = UserFactory(email="")
        inactive = UserFactory(is_active=False)
        assert commit(notify, [active, no_email, inactive]) == 2
        assert not Notification.objects.filter(recipient=inactive).exists()
        assert Notification.objects.get(recipient=no_email).emailed_at is None
        assert [m.to for m in mail.outbox] == [[active.email]]
        assert Notification.objects.get(recipient=active).emailed_at is not None

    def test_without_email_nothing_is_queued(self, commit, email_jobs):
        assert commit(notify, [UserFactory()], email=False) == 1
        assert email_jobs == [] and mail.outbox == []

    def test_nothing_is_emailed_when_the_transaction_rolls_back(self, email_jobs):
        user = UserFactory()
        with pytest.raises(RuntimeError), transaction.atomic():
            notify([user])
            raise RuntimeError
        assert email_jobs == [] and not Notification.objects.exists()

    @pytest.mark.parametrize(
        "url", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "kursus/"]
    )
    def test_an_external_url_is_refused(self, url):
        with pytest.raises(ValueError, match="path on this site"):
            notify([UserFactory()], url=url)
        assert not Notification.objects.exists()

    def test_the_database_refuses_an_external_url_even_past_the_service(self):
        user = UserFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Notification.objects.create(recipient=user, key="x", title="x", url="//evil.example")

    def test_a_title_on_several_lines_is_stored_on_one(self, commit):
        user = UserFactory()
        commit(notify, [user], title="Pembaruan\nregulasi")
        assert Notification.objects.get().title == "Pembaruan regulasi"
        assert mail.outbox[0].subject == "Pembaruan regulasi"


class EmailTests:
    def test_the_email_says_what_changed_and_links_back_absolutely(self, commit):
        person = EmployeeFactory(with_account=True)
        commit(notify, [person.user])
        message = mail.outbox[0]
        assert message.subject == UPDATE["title"]
        assert f"Yth. {person.full_name}," in message.body
        assert UPDATE["body"] in message.body
        assert "http://testserver/kursus-saya/" in message.body
        assert "http://testserver/notifikasi/" in message.body
        html = message.alternatives[0][0]
        assert '<a href="http://testserver/kursus-saya/">' in html
        assert message.extra_headers["Auto-Submitted"] == "auto-generated"

    def test_html_in_a_title_or_body_is_escaped_in_the_html_email(self, commit):
        commit(notify, [UserFactory()], title="<b>Penting</b>", body="<script>x()</script>")
        html = mail.outbox[0].alternatives[0][0]
        assert "<script>" not in html and "&lt;script&gt;" in html
        assert "&lt;b&gt;Penting&lt;/b&gt;" in html

    def test_a_retried_job_sends_nothing_twice(self, commit):
        users = UserFactory.create_batch(3)
        commit(notify, users, email=False)
        ids = list(Notification.objects.values_list("pk", flat=True))
        assert emails.notification_emails_send(ids) == 3
        assert emails.notification_emails_send(ids) == 0
        assert len(mail.outbox) == 3

    def test_a_mail_server_failure_leaves_the_unsent_for_the_retry(self, commit, settings):
        users = UserFactory.create_batch(3)
        commit(notify, users, email=False)
        ids = list(Notification.objects.values_list("pk", flat=True))
        settings.EMAIL_BACKEND = "tests.campaigns.test_reminders.FailingBackend"
        FailingBackend.sent = 0
        with pytest.raises(ConnectionError):
            emails.notification_emails_send(ids)
        assert Notification.objects.filter(emailed_at__isnull=False).count() == 1
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        assert emails.notification_emails_send(ids) == 2
        assert len(mail.outbox) == 3
        assert len({m.to[0] for m in mail.outbox}) == 3


class HrSummaryTests:
    @pytest.fixture
    def affected(self, city):
        """Two people in UPT SD Negeri 1 (under the Dinas) and three in Kelurahan
        Sukamaju (under the Kecamatan), plus someone in the Dinas who is not affected."""
        sd = [EmployeeFactory(office=city["sd"], with_account=True) for _ in range(2)]
        kel = [EmployeeFactory(office=city["kel"], with_account=True) for _ in range(3)]
        EmployeeFactory(office=city["dinas"], with_account=True)
        return [e.user.pk for e in sd + kel]

    def hr(self, *offices, **kwargs):
        user = UserFactory(**kwargs)
        for office in offices:
            HrAssignment.objects.create(user=user, office=office)
        return user

    def summarise(self, user_ids):
        return services.notify_hr_summary(
            key="update-42", title=UPDATE["title"], user_ids=user_ids, url="/sdm/kepatuhan/"
        )

    def test_each_responsible_officer_gets_one_summary_per_office(self, commit, city, affected):
        city_hr = self.hr(city["pemkot"])
        kec_hr = self.hr(city["kec"])
        health = OfficeFactory(name="Dinas Kesehatan", parent=city["pemkot"])
        other_hr = self.hr(health)
        assert commit(self.summarise, affected) == 3
        titles = sorted(Notification.objects.filter(recipient=city_hr).values_list("title"))
        assert titles == [
            (f"2 pegawai di UPT SD Negeri 1 terdampak: {UPDATE['title']}",),
            (f"3 pegawai di Kelurahan Sukamaju terdampak: {UPDATE['title']}",),
        ]
        assert list(Notification.objects.filter(recipient=kec_hr).values_list("title")) == [
            (f"3 pegawai di Kelurahan Sukamaju terdampak: {UPDATE['title']}",)
        ]
        assert not Notification.objects.filter(recipient=other_hr).exists()
        assert sorted(m.to[0] for m in mail.outbox) == sorted(
            [city_hr.email, city_hr.email, kec_hr.email]
        )

    def test_a_second_call_summarises_nothing_again(self, commit, city, affected):
        self.hr(city["pemkot"])
        commit(self.summarise, affected)
        assert commit(self.summarise, affected) == 0
        assert len(mail.outbox) == 2

    def test_an_officer_assigned_twice_on_one_branch_gets_one_per_office(
        self, commit, city, affected
    ):
        both = self.hr(city["pemkot"], city["kec"])
        assert commit(self.summarise, affected) == 2
        assert Notification.objects.filter(recipient=both).count() == 2

    def test_inactive_officers_inactive_offices_and_people_are_left_out(
        self, commit, city, affected
    ):
        self.hr(city["pemkot"], is_active=False)
        self.hr(city["kec"])  # assigned to an office since closed
        city["kec"].is_active = False
        city["kec"].save()
        person = city["sd"].employees.first()
        person.is_active = False
        person.save()
        city_hr = self.hr(city["pemkot"])
        assert commit(self.summarise, affected) == 2
        titles = sorted(t for (t,) in Notification.objects.values_list("title"))
        assert titles[0].startswith("1 pegawai di UPT SD Negeri 1")
        assert {n.recipient_id for n in Notification.objects.all()} == {city_hr.pk}

    def test_a_queryset_of_ids_is_grouped_by_the_database(self, commit, city, affected):
        city_hr = self.hr(city["pemkot"])
        ids = type(city_hr).objects.filter(pk__in=affected).values_list("pk", flat=True)
        assert commit(self.summarise, ids) == 2

    def test_nobody_affected_means_no_summary(self, commit, city):
        self.hr(city["pemkot"])
        assert commit(self.summarise, []) == 0


class ReadTests:
    def test_mark_read_is_only_for_the_recipient_and_harmless_twice(self):
        notification = NotificationFactory()
        stranger = UserFactory()
        assert services.mark_read(user=stranger, notification_id=notification.pk) is None
        notification.refresh_from_db()
        assert notification.read_at is None
        first = services.mark_read(user=notification.recipient, notification_id=notification.pk)
        again = services.mark_read(user=notification.recipient, notification_id=notification.pk)
        assert first.read_at is not None and again.read_at == first.read_at

    def test_mark_all_read_reads_only_the_persons_own(self):
        mine = NotificationFactory.create_batch(3, recipient=UserFactory())
        other = NotificationFactory()
        user = mine[0].recipient
        services.mark_read(user=user, notification_id=mine[0].pk)
        assert services.mark_all_read(user=user) == 2
        assert services.mark_all_read(user=user) == 0
        other.refresh_from_db()
        assert other.read_at is None
        assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
        assert Notification.objects.filter(recipient=user, read_at__lte=timezone.now()).count() == 3
