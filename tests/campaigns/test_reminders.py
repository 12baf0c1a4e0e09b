"""Reminders: who gets one, never twice within 24 hours, batches, office-head summaries,
the HR pages (scope, double submit), the log, the command, and concurrent senders."""

import datetime as dt
import threading
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from netra.campaigns import progress, reminders
from netra.campaigns.factories import ElectionPeriodFactory
from netra.campaigns.models import CampaignProgress, ReminderLog
from netra.people.factories import EmployeeFactory
from netra.people.selectors import Scope
from tests.conftest import login_with_mfa

from .conftest import hr_for, read_all, read_first, sign_pact

EVERYTHING = Scope((), everything=True)


def url(name, *args):
    return reverse(f"campaigns:{name}", args=args)


def send(period, *offices, **kwargs):
    return reminders.reminders_send(
        period=period, offices=list(offices), scope=kwargs.pop("scope", EVERYTHING), **kwargs
    )


def reminded_addresses() -> list[str]:
    return sorted(
        address for m in mail.outbox if m.subject.startswith("Pengingat") for address in m.to
    )


def summaries() -> list:
    return [m for m in mail.outbox if m.subject.startswith("Ringkasan")]


def employee(office, **kwargs):
    e = EmployeeFactory(office=office, with_account=True, **kwargs)
    progress.employees_sync([e.pk])
    return e


class CountingBackend(EmailBackend):
    """The locmem backend, counting connections and what each one carried."""

    opened: list[int] = []

    def open(self):
        CountingBackend.opened.append(0)
        return True

    def send_messages(self, messages):
        CountingBackend.opened[-1] += len(messages)
        return super().send_messages(messages)


class ReminderRuleTests:
    def test_everyone_not_complete_in_the_subtree_is_reminded_once(
        self, city, tracked, courses, pact, staff
    ):
        done = staff["kel"][0].user
        for course in courses:
            read_all(done, course)
        sign_pact(done, pact)
        mail.outbox.clear()

        result = send(tracked, city["kec"])

        expected = sorted(e.user.email for e in [*staff["kec"], staff["kel"][1]])
        assert reminded_addresses() == expected
        assert (result.reminded, result.batches) == (3, 1)
        logs = ReminderLog.objects.filter(period=tracked)
        assert sorted(logs.values_list("email", flat=True)) == expected
        assert {log.office_path for log in logs} <= {city["kec"].path, city["kel"].path}
        assert len({log.batch for log in logs}) == 1

    def test_never_twice_within_24_hours_and_again_after(self, city, tracked, staff):
        now = timezone.now()
        assert send(tracked, city["kec"], now=now).reminded == 4
        mail.outbox.clear()
        again = send(tracked, city["kec"], now=now + dt.timedelta(hours=23, minutes=59))
        assert (again.reminded, again.recent) == (0, 4)
        assert reminded_addresses() == []
        later = send(tracked, city["kec"], now=now + dt.timedelta(hours=24, minutes=1))
        assert later.reminded == 4
        assert ReminderLog.objects.count() == 8
        at = now + dt.timedelta(hours=24, minutes=1)
        assert CampaignProgress.objects.filter(last_reminded_at=at).count() == 4

    def test_batches_go_over_one_connection_each(self, city, tracked, staff, settings):
        employee(city["kel"])  # five people under the kecamatan
        settings.EMAIL_BACKEND = "tests.campaigns.test_reminders.CountingBackend"
        CountingBackend.opened = []
        result = send(tracked, city["kec"], batch_size=2)
        assert (result.reminded, result.batches) == (5, 3)
        assert CountingBackend.opened == [2, 2, 1]  # no head to summarise to
        assert ReminderLog.objects.values("batch").distinct().count() == 3

    def test_people_without_an_email_are_counted_not_reminded(self, city, tracked, staff):
        EmployeeFactory(office=city["kel"])  # no account at all
        progress.employees_sync([e.pk for e in city["kel"].employees.all()])
        no_address = staff["kel"][0].user
        no_address.email = ""
        no_address.save()
        inactive = staff["kel"][1].user
        inactive.is_active = False
        inactive.save()

        preview = reminders.reminders_preview(
            period=tracked, offices=[city["kel"]], scope=EVERYTHING
        )
        assert (preview.pending, preview.due, preview.without_email) == (3, 0, 3)
        result = send(tracked, city["kec"])
        assert (result.reminded, result.without_email) == (2, 3)
        assert reminded_addresses() == sorted(e.user.email for e in staff["kec"])
        assert not CampaignProgress.objects.filter(
            office=city["kel"], last_reminded_at__isnull=False
        ).exists()

    def test_the_scope_limits_who_is_reminded(self, city, tracked, staff):
        scope = Scope((city["kel"].path,))
        assert send(tracked, city["kec"], scope=scope).reminded == 2
        assert reminded_addresses() == sorted(e.user.email for e in staff["kel"])

    def test_the_email_names_the_campaign_deadline_and_what_is_missing(
        self, city, tracked, courses, staff
    ):
        person = staff["kel"][0]
        read_first(person.user, courses[0])
        mail.outbox.clear()
        today = timezone.localdate()
        send(tracked, city["kel"])
        message = next(m for m in mail.outbox if m.to == [person.user.email])
        days = (tracked.deadline - today).days
        assert message.subject == f"Pengingat: selesaikan kewajiban {tracked.name} (H-{days})"
        body = message.body
        assert f"Yth. {person.full_name}," in body
        assert "Batas penyelesaian: 24 September 2029" in body
        assert 'Kursus "Netralitas ASN" (Sedang berjalan)' in body
        assert 'Kursus "Etika Media Sosial" (Belum mulai)' in body
        assert 'Menandatangani pakta integritas "Pakta Pilkada"' in body
        assert "http://testserver/kursus-saya/" in body
        html = message.alternatives[0].content
        assert '<a href="http://testserver/kursus-saya/">' in html
        assert message.extra_headers["Auto-Submitted"] == "auto-generated"

    def test_a_mail_server_failure_keeps_the_unsent_due(self, city, tracked, staff, settings):
        settings.EMAIL_BACKEND = "tests.campaigns.test_reminders.FailingBackend"
        FailingBackend.sent = 0
        with pytest.raises(ConnectionError):
            send(tracked, city["kec"])
        assert ReminderLog.objects.count() == 1  # the one that left is logged
        assert CampaignProgress.objects.filter(last_reminded_at__isnull=False).count() == 1
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        assert send(tracked, city["kec"]).reminded == 3

    @pytest.mark.parametrize(
        ("days", "text"), [(5, "H-5"), (1, "H-1"), (0, "hari ini"), (-3, "lewat 3 hari")]
    )
    def test_countdown_reads_as_offices_say_it(self, days, text):
        today = dt.date(2029, 9, 19)
        assert reminders.countdown(today + dt.timedelta(days=days), today) == text
        assert reminders.countdown(None, today) == ""


class FailingBackend(EmailBackend):
    """Accepts one message, then the server goes away."""

    sent = 0

    def send_messages(self, messages):
        if FailingBackend.sent >= 1:
            raise ConnectionError("SMTP server went away")
        FailingBackend.sent += 1
        return super().send_messages(messages)


class OfficeHeadTests:
    def test_the_first_title_in_order_heads_the_office(self, city, tracked, staff):
        employee(city["kec"], jabatan="Sekretaris Kecamatan", name="Ani Sekcam")
        camat = employee(city["kec"], jabatan="Camat Utara", name="Zainal Camat")
        employee(city["kel"], jabatan="Kepala Seksi", name="Bukan Di Kecamatan")
        head = reminders.Recipient(camat.full_name, camat.user.email)
        assert reminders.office_head(city["kec"]) == ([head], True)

    def test_kepala_comes_before_camat_and_lurah(self, city, tracked):
        employee(city["kel"], jabatan="Lurah Sukamaju")
        kepala = employee(city["kel"], jabatan="Kepala Kelurahan")
        assert reminders.office_head(city["kel"])[0] == [
            reminders.Recipient(kepala.full_name, kepala.user.email)
        ]

    def test_a_head_without_email_or_a_lookalike_title_is_skipped(self, city, tracked):
        lurah = employee(city["kel"], jabatan="Lurah")
        lurah.user.email = ""
        lurah.user.save()
        employee(city["kel"], jabatan="Kepalang Tanggung")  # not the word "Kepala"
        sekretaris = employee(city["kel"], jabatan="Sekretaris Kelurahan")
        assert reminders.office_head(city["kel"])[0] == [
            reminders.Recipient(sekretaris.full_name, sekretaris.user.email)
        ]

    def test_without_a_head_the_offices_hr_officers_get_it(self, city, tracked):
        officer = hr_for(city["kec"], email="sdm.kec@example.go.id")
        hr_for(city["pemkot"], email="sdm.kota@example.go.id")  # an ancestor's officer: no
        hr_for(city["kec"], email="")  # no address: no
        recipients, is_head = reminders.office_head(city["kec"])
        assert ([r.email for r in recipients], is_head) == ([officer.email], False)
        assert reminders.office_head(city["dinas"]) == ([], False)

    def test_each_selected_office_gets_a_summary_of_its_subtree(self, city, tracked, staff):
        camat = employee(city["kec"], jabatan="Camat")
        lurah = employee(city["kel"], jabatan="Lurah")
        EmployeeFactory(office=city["kel"], name="Tanpa Surel")
        progress.employees_sync([e.pk for e in city["kel"].employees.all()])

        result = send(tracked, city["kec"], city["kel"])

        assert (result.reminded, result.summaries, result.offices_without_head) == (6, 2, 0)
        by_to = {tuple(m.to): m for m in summaries()}
        kec = by_to[(camat.user.email,)]
        assert kec.subject == f"Ringkasan pengingat {tracked.name}: Kecamatan Utara"
        assert f"Yth. {camat.full_name}," in kec.body
        assert "Belum selesai: 7" in kec.body
        assert "Diingatkan sekarang: 6" in kec.body
        assert "Tanpa alamat email (mohon diingatkan langsung): 1" in kec.body
        for person in [*staff["kec"], *staff["kel"], camat, lurah]:
            assert f"- {person.full_name}" in kec.body
        assert "- Tanpa Surel" in kec.body
        kel = by_to[(lurah.user.email,)]
        assert "Diingatkan sekarang: 3" in kel.body
        assert f"- {staff['kec'][0].full_name}\n" not in kel.body
        assert f"?unit={city['kel'].pk}" in kel.body

    def test_no_summary_when_nobody_new_was_reminded(self, city, tracked, staff):
        employee(city["kec"], jabatan="Camat")
        send(tracked, city["kec"])
        mail.outbox.clear()
        assert send(tracked, city["kec"]).summaries == 0
        assert mail.outbox == []


@pytest.fixture
def kec_hr(client, city, tracked):
    return login_with_mfa(client, hr_for(city["kec"]))


class ReminderPageTests:
    def test_the_confirmation_says_how_many_would_be_reminded(self, kec_hr, city, tracked, staff):
        send(tracked, city["kel"])  # two already reminded today
        page = kec_hr.get(url("remind_confirm", tracked.pk), {"unit": city["kec"].pk})
        assert page.status_code == 200
        assert page.context["audience"] == reminders.Audience(
            pending=4, due=2, recent=2, without_email=0
        )
        assert "Kirim pengingat ke 2 pegawai" in page.content.decode()

    def test_sending_queues_the_run_and_a_second_click_sends_nothing(
        self, kec_hr, city, tracked, staff, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = kec_hr.post(url("remind", tracked.pk), {"unit": city["kec"].pk}, follow=True)
        log_url = f"{url('reminders', tracked.pk)}?unit={city['kec'].pk}"
        assert response.redirect_chain[-1][0] == log_url
        assert "Pengingat sedang dikirim kepada 4 pegawai" in response.content.decode()
        assert len(reminded_addresses()) == 4
        assert set(ReminderLog.objects.values_list("requested_by", flat=True)) == {
            response.context["user"].pk
        }
        log = kec_hr.get(url("reminders", tracked.pk), {"unit": city["kec"].pk})
        assert len(log.context["page"].object_list) == 4  # the run came after the redirect

        with django_capture_on_commit_callbacks(execute=True):
            again = kec_hr.post(url("remind", tracked.pk), {"unit": city["kec"].pk}, follow=True)
        assert "Tidak ada pengingat baru" in again.content.decode()
        assert len(reminded_addresses()) == 4

    def test_a_double_click_before_the_worker_runs_queues_one_run(
        self, kec_hr, city, tracked, staff, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks() as callbacks:
            kec_hr.post(url("remind", tracked.pk), {"unit": city["kec"].pk})
            second = kec_hr.post(url("remind", tracked.pk), {"unit": city["kec"].pk}, follow=True)
        assert len(callbacks) == 1
        assert "sudah diminta dan sedang dikirim" in second.content.decode()

    def test_remind_is_post_only(self, kec_hr, tracked, city):
        assert kec_hr.get(url("remind", tracked.pk), {"unit": city["kec"].pk}).status_code == 405

    def test_other_offices_are_404(self, kec_hr, city, tracked, staff):
        dinas = city["dinas"].pk
        assert kec_hr.get(url("remind_confirm", tracked.pk), {"unit": dinas}).status_code == 404
        response = kec_hr.post(url("remind", tracked.pk), {"unit": [city["kel"].pk, dinas]})
        assert response.status_code == 404
        assert kec_hr.get(url("reminders", tracked.pk), {"unit": dinas}).status_code == 404
        assert kec_hr.get(url("reminders", tracked.pk), {"unit": "x"}).status_code == 404
        assert mail.outbox == []

    def test_the_log_shows_only_the_scope(self, kec_hr, city, tracked, staff):
        send(tracked, city["pemkot"])
        response = kec_hr.get(url("reminders", tracked.pk))
        shown = {entry.employee for entry in response.context["page"].object_list}
        assert shown == {*staff["kec"], *staff["kel"]}
        body = response.content.decode()
        assert staff["kel"][0].user.email in body
        assert staff["dinas"][0].user.email not in body
        assert "Terjadwal" in body

    def test_an_officer_whose_assignment_ended_reminds_nobody(self, city, tracked, staff):
        officer = hr_for(city["kec"])
        officer.hr_assignments.all().delete()
        result = reminders.reminders_send_requested(
            period_id=tracked.pk, office_ids=[city["kec"].pk], requested_by_id=officer.pk
        )
        assert result.reminded == 0
        assert mail.outbox == []

    def test_learners_get_404(self, client, learner, tracked, city):
        client.force_login(learner)
        assert client.get(url("reminders", tracked.pk)).status_code == 404
        assert client.post(url("remind", tracked.pk), {"unit": city["dinas"].pk}).status_code == 404


class SendRemindersCommandTests:
    def test_reminds_every_office_of_campaigns_still_open(self, city, tracked, staff):
        ElectionPeriodFactory(deadline=dt.date(2020, 1, 1))  # past: skipped
        out = StringIO()
        call_command("send_reminders", stdout=out)
        assert out.getvalue().splitlines() == [
            f"{tracked.name}: 10 reminded in 1 batch(es), 0 reminded in the last 24 h, "
            "0 without email, 0 office summaries, 1 office(s) with nobody to summarise to"
        ]
        assert len(reminded_addresses()) == 10
        assert set(ReminderLog.objects.values_list("requested_by", flat=True)) == {None}

    def test_dry_run_sends_nothing_and_office_limits_the_run(self, city, tracked, staff):
        out = StringIO()
        call_command("send_reminders", "--office", "KEC-U", "--dry-run", stdout=out)
        assert "4 would be reminded" in out.getvalue()
        assert mail.outbox == []
        call_command("send_reminders", "--office", "KEC-U", "--period", str(tracked.pk), stdout=out)
        assert len(reminded_addresses()) == 4

    def test_unknown_office_or_period_is_an_error(self, tracked):
        from django.core.management.base import CommandError

        with pytest.raises(CommandError):
            call_command("send_reminders", "--office", "NOPE")
        with pytest.raises(CommandError):
            call_command("send_reminders", "--period", "999")


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks (SKIP LOCKED) are PostgreSQL's"
)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_senders_email_each_person_once(city, tracked, staff):
    for office in city.values():  # 30 people under the city
        for _ in range(4):
            EmployeeFactory(office=office, with_account=True)
    progress.employees_sync([e.pk for o in city.values() for e in o.employees.all()])
    mail.outbox = []
    barrier = threading.Barrier(4)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(send(tracked, city["pemkot"], batch_size=3))
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    addresses = reminded_addresses()
    assert len(addresses) == len(set(addresses)) == 30
    assert sum(r.reminded for r in results) == 30
    assert ReminderLog.objects.count() == ReminderLog.objects.values("employee").distinct().count()
    assert ReminderLog.objects.count() == 30
