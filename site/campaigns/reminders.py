"""Reminder emails to the employees who have not finished a campaign, and a summary to the
head of each office asked about. The only writer of `ReminderLog` and of
`CampaignProgress.last_reminded_at`.

Called by the HR dashboard (through the `send_reminders` task, `reminder_views.py`) and by
`manage.py send_reminders` (on a schedule). The rule:

- **Who**: the active progress rows of the campaign in the chosen office subtrees, inside
  the requester's HR scope, that are not complete (`completed_at` empty, as the dashboard
  counts them).
- **Only with an address**: people whose account is active and has an email. The others
  are counted, named to the office head, and never marked as reminded.
- **Never twice within 24 hours**: a row is *claimed* by a guarded
  `UPDATE … SET last_reminded_at = now WHERE … (last_reminded_at IS NULL OR
  last_reminded_at <= now - 24h) RETURNING id`, and only the rows it returns are emailed.
  On PostgreSQL the candidates are first locked with `FOR UPDATE SKIP LOCKED`, so a second
  sender (a double click, the scheduled command during an HR click) takes other rows
  instead of waiting; should it still reach a row, PostgreSQL re-checks the condition on
  the committed row and the UPDATE leaves it out. SQLite serialises writers.
- **Batched**: `BATCH_SIZE` rows per claim; a batch's emails go over one SMTP connection
  and its log rows are one bulk insert, so a province of 100,000 people costs 500
  connections, not 100,000.
- **A failing mail server** stops the run: the claims of the batch's unsent messages are
  released (those people stay due), the sent ones are logged, and the error is raised.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netra.people.models import Employee, Office, User
from netra.people.selectors import Scope, hr_scope

from . import rules
from .models import CampaignCourse, CampaignProgress, ElectionPeriod, ReminderLog

logger = logging.getLogger(__name__)

REMIND_INTERVAL = dt.timedelta(hours=24)
BATCH_SIZE = 200
# Jabatan that head an office, in order of preference (see `office_head`).
HEAD_TITLES = ("Kepala", "Camat", "Lurah", "Sekretaris")
# An office head's summary names at most this many people per list; the log has the rest.
NAMES_IN_SUMMARY = 200

_HAS_EMAIL = Q(employee__user__is_active=True, employee__user__email__gt="")
_NO_EMAIL = (
    Q(employee__user__isnull=True)
    | Q(employee__user__is_active=False)
    | Q(employee__user__email="")
)


def _due(cutoff: dt.datetime) -> Q:
    return Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lte=cutoff)


def not_complete(
    period: ElectionPeriod, offices: Iterable[Office], scope: Scope
) -> QuerySet[CampaignProgress]:
    """Progress rows of active employees in the offices' subtrees and the scope who have
    not completed the campaign."""
    subtree = Q(pk__in=[])
    for office in offices:
        subtree |= Q(office_path__startswith=office.path)
    return (
        CampaignProgress.objects.filter(period=period, is_active=True, completed_at__isnull=True)
        .filter(scope.q("office_path"))
        .filter(subtree)
    )


@dataclass(frozen=True)
class Audience:
    """Who a reminder run would reach now: of the `pending` (not complete), `due` get an
    email, `recent` were reminded within 24 hours, `without_email` have no address."""

    pending: int = 0
    due: int = 0
    recent: int = 0
    without_email: int = 0


def reminders_preview(
    *, period: ElectionPeriod, offices: Iterable[Office], scope: Scope, now=None
) -> Audience:
    """What `reminders_send` would do now, without doing it (one aggregate query): for the
    confirmation page, the "nothing to send" answer to a second click, and `--dry-run`."""
    cutoff = (now or timezone.now()) - REMIND_INTERVAL
    counts = not_complete(period, offices, scope).aggregate(
        pending=Count("pk"),
        due=Count("pk", filter=_HAS_EMAIL & _due(cutoff)),
        recent=Count("pk", filter=Q(last_reminded_at__gt=cutoff)),
    )
    return Audience(
        pending=counts["pending"],
        due=counts["due"],
        recent=counts["recent"],
        without_email=counts["pending"] - counts["due"] - counts["recent"],
    )


# -- office heads ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str


def office_head(office: Office) -> tuple[list[Recipient], bool]:
    """Who receives an office's reminder summary, and whether that is its head.

    Offices have no "head" field yet, so the head is read from the roster: the active
    employee placed directly in the office (not in a unit under it) whose jabatan begins
    with the word "Kepala", else "Camat", else "Lurah", else "Sekretaris" (the first title
    found in that order; people with the same title by name), and whose account is active
    and has an email. An office without one falls back to the HR officers assigned to
    exactly that office (with an email); none of those either means no summary."""
    heads = (
        Employee.objects.filter(office=office, is_active=True)
        .filter(user__is_active=True, user__email__gt="")
        .filter(_starts_with_any("jabatan", HEAD_TITLES))
        .select_related("user")
        .order_by("name", "pk")
    )
    heads = list(heads)
    for title in HEAD_TITLES:
        for employee in heads:
            if _first_word_is(employee.jabatan, title):
                return [Recipient(employee.full_name, employee.user.email)], True
    officers = (
        User.objects.filter(hr_assignments__office=office, is_active=True, email__gt="")
        .select_related("employee")
        .order_by("pk")
        .distinct()
    )
    return [Recipient(user.display_name, user.email) for user in officers], False


def _starts_with_any(field_name: str, words: Iterable[str]) -> Q:
    query = Q(pk__in=[])
    for word in words:
        query |= Q(**{f"{field_name}__istartswith": word})
    return query


def _first_word_is(jabatan: str, title: str) -> bool:
    text = jabatan.strip().casefold()
    title = title.casefold()
    return text == title or text.startswith(title + " ")


# -- the email text -------------------------------------------------------------------------


def countdown(deadline: dt.date | None, today: dt.date) -> str:
    """The deadline as Indonesian offices say it: "H-5", "hari ini", "lewat 3 hari"."""
    days = rules.days_left(deadline, today)
    if days is None:
        return ""
    if days > 0:
        return _("H-%(days)d") % {"days": days}
    if days == 0:
        return _("hari ini")
    return ngettext("lewat %(days)d hari", "lewat %(days)d hari", -days) % {"days": -days}


def absolute_url(path: str) -> str:
    return urljoin(settings.WAGTAILADMIN_BASE_URL, path)


@dataclass(frozen=True)
class _Campaign:
    """What every reminder of one run says about the campaign, read once."""

    period: ElectionPeriod
    courses: tuple[tuple[int, str], ...]  # (slot, title) in the campaign's order
    pact_title: str
    today: dt.date

    @classmethod
    def of(cls, period: ElectionPeriod, today: dt.date) -> _Campaign:
        rows = (
            CampaignCourse.objects.filter(period=period)
            .select_related("course")
            .order_by("sort_order", "slot")
        )
        pact_title = period.pact.title if period.pact_id else ""
        return cls(period, tuple((row.slot, row.course.title) for row in rows), pact_title, today)

    def context(self) -> dict:
        return {
            "period": self.period,
            "deadline": self.period.deadline,
            "countdown": countdown(self.period.deadline, self.today),
            "overdue": self.period.is_overdue(self.today),
            "my_courses_url": absolute_url(reverse("courses:my_courses")),
            "my_pacts_url": absolute_url(reverse("certificates:my_pacts")),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }

    def missing(self, row: CampaignProgress) -> tuple[list[tuple[str, str]], bool]:
        """The required courses not done (title, status) and whether the pact is unsigned."""
        state = rules.State(row.started_mask, row.completed_mask, row.pact_signed_at is not None)
        courses = []
        for slot, title in self.courses:
            status = rules.course_status(state, slot)
            if status != rules.Status.COMPLETED:
                courses.append((title, status.label))
        return courses, self.period.pact_required and not state.pact_signed

    def subject(self) -> str:
        if self.period.deadline is None:
            return _("Pengingat: kewajiban %(period)s belum selesai") % {"period": self.period}
        return _("Pengingat: selesaikan kewajiban %(period)s (%(countdown)s)") % {
            "period": self.period,
            "countdown": countdown(self.period.deadline, self.today),
        }


_HEADERS = {"Auto-Submitted": "auto-generated"}  # RFC 3834: no out-of-office replies


def _message(template: str, subject: str, to: list[str], context: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"campaigns/email/{template}.txt", context),
        to=to,
        headers=_HEADERS,
    )
    message.attach_alternative(
        render_to_string(f"campaigns/email/{template}.html", context), "text/html"
    )
    return message


def _reminder(campaign: _Campaign, row: CampaignProgress, base: dict) -> EmailMultiAlternatives:
    courses, pact_missing = campaign.missing(row)
    context = {
        **base,
        "name": row.employee.full_name,
        "missing_courses": courses,
        "pact_missing": pact_missing,
        "pact_title": campaign.pact_title,
    }
    return _message("reminder", campaign.subject(), [row.employee.user.email], context)


# -- sending --------------------------------------------------------------------------------


@dataclass
class _OfficeTally:
    office: Office
    before: Audience
    reminded: int = 0
    names: list[str] = field(default_factory=list)


@dataclass
class ReminderResult:
    """What a run did: people emailed, in how many batches, who was skipped and why, and
    how many office summaries went out (or found nobody to go to)."""

    reminded: int = 0
    batches: int = 0
    recent: int = 0
    without_email: int = 0
    summaries: int = 0
    offices_without_head: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def reminders_send(
    *,
    period: ElectionPeriod,
    offices: list[Office],
    scope: Scope,
    requested_by: User | None = None,
    now: dt.datetime | None = None,
    batch_size: int = BATCH_SIZE,
) -> ReminderResult:
    """Email everyone not yet complete in the offices' subtrees (and `scope`) who was not
    reminded in the last 24 hours, in claimed batches, then send each office's head a
    summary of the people reminded there. Safe to run twice or at once: see the module
    docstring. `now` is the time of the run (tests move it)."""
    now = now or timezone.now()
    cutoff = now - REMIND_INTERVAL
    tallies = [
        _OfficeTally(o, reminders_preview(period=period, offices=[o], scope=scope, now=now))
        for o in offices
    ]
    overall = reminders_preview(period=period, offices=offices, scope=scope, now=now)
    result = ReminderResult(recent=overall.recent, without_email=overall.without_email)
    campaign = _Campaign.of(period, timezone.localdate(now))
    candidates = not_complete(period, offices, scope).filter(_HAS_EMAIL).filter(_due(cutoff))
    with translation.override(settings.LANGUAGE_CODE):
        base = campaign.context()
        after = 0  # keyset: each claim starts past the last row seen, never rescans
        while True:
            previous, after = _claim(
                candidates.filter(pk__gt=after), now=now, cutoff=cutoff, limit=batch_size
            )
            if after is None:
                break
            if not previous:
                continue  # another sender took these rows first
            sent = _send_batch(
                campaign, previous, base, now=now, requested_by=requested_by, period=period
            )
            result.batches += 1
            result.reminded += len(sent)
            if not sent:  # the backend accepted nothing: stop rather than claim them again
                logger.warning("period %s: a reminder batch sent nothing; stopping", period.pk)
                break
            for row in sent:
                for tally in tallies:
                    if row.office_path.startswith(tally.office.path):
                        tally.reminded += 1
                        if len(tally.names) < NAMES_IN_SUMMARY:
                            tally.names.append(row.employee.full_name)
        _send_summaries(campaign, tallies, base, scope=scope, result=result)
    logger.info("reminders for period %s: %s", period.pk, result.as_dict())
    return result


def _claim(candidates, *, now, cutoff, limit) -> tuple[dict[int, dt.datetime | None], int | None]:
    """Claim up to `limit` due rows, in id order. Returns {id: the previous
    last_reminded_at} of the rows this run now owns, and the last id looked at (None when
    no candidate is left). The claim commits before any email leaves, so call this outside
    a transaction (the task and the command do)."""
    with transaction.atomic():
        rows = list(
            candidates.select_for_update(skip_locked=True, of=("self",))
            .order_by("pk")
            .values_list("pk", "last_reminded_at")[:limit]
        )
        if not rows:
            return {}, None
        claimed = _guarded_update([pk for pk, _ in rows], now=now, cutoff=cutoff)
    previous = dict(rows)
    return {pk: previous[pk] for pk in claimed}, rows[-1][0]


def _guarded_update(ids: list[int], *, now, cutoff) -> list[int]:
    table = connection.ops.quote_name(CampaignProgress._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    sql = (
        f"UPDATE {table} SET last_reminded_at = %s "  # noqa: S608 - model meta; values are parameters  # nosec B608
        f"WHERE id IN ({', '.join(['%s'] * len(ids))}) "
        "AND (last_reminded_at IS NULL OR last_reminded_at <= %s) RETURNING id"
    )
    with connection.cursor() as cursor:
        # nosemgrep: netra-sql-string-formatting (model metadata only)
        cursor.execute(sql, [adapt(now), *ids, adapt(cutoff)])
        return [row[0] for row in cursor.fetchall()]


def _send_batch(campaign, previous, base, *, now, requested_by, period) -> list[CampaignProgress]:
    rows = list(
        CampaignProgress.objects.filter(pk__in=previous)
        .select_related("employee__user")
        .order_by("employee__name", "pk")
    )
    sent: list[CampaignProgress] = []
    try:
        with get_connection() as mail:
            for row in rows:
                user = row.employee.user
                if user is None or not user.email:  # the address went away since the claim
                    continue
                if mail.send_messages([_reminder(campaign, row, base)]):
                    sent.append(row)
    finally:
        # Runs on success too; after a failure the unsent stay due and the sent are logged.
        sent_ids = {row.pk for row in sent}
        _release({pk: at for pk, at in previous.items() if pk not in sent_ids}, now=now)
        batch = uuid.uuid4()
        ReminderLog.objects.bulk_create(
            ReminderLog(
                period=period,
                employee_id=row.employee_id,
                office_id=row.office_id,
                office_path=row.office_path,
                email=row.employee.user.email,
                sent_at=now,
                requested_by=requested_by,
                batch=batch,
            )
            for row in sent
        )
    return sent


def _release(previous: dict[int, dt.datetime | None], *, now) -> None:
    """Give claimed rows back their earlier `last_reminded_at` (unless someone has claimed
    them again since), so people whose email never left stay due."""
    by_value: dict[dt.datetime | None, list[int]] = {}
    for pk, at in previous.items():
        by_value.setdefault(at, []).append(pk)
    for at, ids in by_value.items():
        CampaignProgress.objects.filter(pk__in=ids, last_reminded_at=now).update(
            last_reminded_at=at
        )


def _send_summaries(campaign, tallies, base, *, scope, result: ReminderResult) -> None:
    messages = []
    for tally in tallies:
        if not tally.reminded:
            continue  # nothing new to report (a second run within the day)
        recipients, is_head = office_head(tally.office)
        if not recipients:
            result.offices_without_head += 1
            logger.warning("office %s: no head or HR officer with an email", tally.office.pk)
            continue
        without_email = list(
            not_complete(campaign.period, [tally.office], scope)
            .filter(_NO_EMAIL)
            .select_related("employee")
            .order_by("employee__name")[:NAMES_IN_SUMMARY]
        )
        context = {
            **base,
            "office": tally.office,
            "head": recipients[0].name if is_head else "",
            "before": tally.before,
            "reminded": tally.reminded,
            "names": tally.names,
            "more_names": tally.reminded - len(tally.names),
            "without_email": [row.employee.full_name for row in without_email],
            "log_url": absolute_url(
                reverse("campaigns:reminders", args=[campaign.period.pk])
                + f"?unit={tally.office.pk}"
            ),
        }
        subject = _("Ringkasan pengingat %(period)s: %(office)s") % {
            "period": campaign.period,
            "office": tally.office.name,
        }
        messages.append(_message("summary", subject, [r.email for r in recipients], context))
    if messages:
        with get_connection() as mail:
            result.summaries = mail.send_messages(messages) or 0


# -- asking from the dashboard --------------------------------------------------------------

# While a request is queued, the same request again only says so (see `reminders_request`).
REQUEST_PENDING_SECONDS = 300


def request_key(period_id: int, office_ids: Iterable[int]) -> str:
    offices = ",".join(str(pk) for pk in sorted(set(office_ids)))
    return f"campaigns:reminders:{period_id}:{offices}"


def reminders_request(*, period: ElectionPeriod, offices: list[Office], requested_by: User) -> bool:
    """Queue a reminder run for these offices once the request commits (the worker runs
    `tasks.send_reminders`). Returns False, queueing nothing, while the same request is
    still waiting: a double click sends one run, and even a second run would claim no one
    reminded by the first."""
    from .tasks import send_reminders  # the task module imports this one

    office_ids = [o.pk for o in offices]
    if not cache.add(request_key(period.pk, office_ids), requested_by.pk, REQUEST_PENDING_SECONDS):
        return False
    transaction.on_commit(lambda: send_reminders.enqueue(period.pk, office_ids, requested_by.pk))
    return True


def reminders_send_requested(
    *, period_id: int, office_ids: list[int], requested_by_id: int | None
) -> ReminderResult:
    """Run a queued request. The requester's scope is read again now: an officer whose
    assignment ended in between reminds nobody. Without a requester (a scheduled run)
    every office is in scope."""
    try:
        period = ElectionPeriod.objects.get(pk=period_id, tracked=True)
        requested_by = None
        scope = Scope((), everything=True)
        if requested_by_id is not None:
            requested_by = User.objects.filter(pk=requested_by_id).first()
            scope = hr_scope(requested_by) if requested_by else Scope(())
        offices = [
            office
            for office in Office.objects.filter(pk__in=office_ids, is_active=True).order_by("path")
            if scope.covers(office.path)
        ]
        return reminders_send(
            period=period, offices=offices, scope=scope, requested_by=requested_by
        )
    finally:
        cache.delete(request_key(period_id, office_ids))
