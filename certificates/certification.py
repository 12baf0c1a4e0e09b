"""Writes for certificates: issue, supersede, revoke, renew, and the emails about them.

Every path (the worker after a course or pact is finished, the admin, HR, management
commands) goes through these functions, so the same rules apply and the same evidence is
recorded. The rules themselves are the pure `rules.py`.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses import services as course_services
from courses.models import CoursePage, Enrolment, StepCompletion
from netra.people.audience import in_audience
from netra.people.selectors import employee_for_user, employees_for_users
from quizzes.models import Attempt, QuizPage

from . import evidence, pacts, rules, selectors, verification
from .models import Certificate, PactPage, PactSignature
from .services import current_version, evidence_append, evidence_append_many, signer_snapshots

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IssueResult:
    certificate: Certificate | None
    created: bool
    missing: tuple[rules.Missing, ...] = ()


def policy_for(course: CoursePage) -> rules.Policy:
    period = course.certificate_election_period
    return rules.Policy(
        validity=rules.Validity(course.certificate_validity),
        months=course.certificate_valid_months,
        period_name=period.name if period else "",
        period_end=period.voting_day if period else None,
    )


@dataclass(frozen=True)
class _CourseRules:
    """What every learner of one course is checked against: read once per batch."""

    course: CoursePage
    module_ids: frozenset[int]
    quiz_ids: frozenset[int]
    # Live pacts that require the course: (page, paths of its audience offices, version).
    pacts: tuple[tuple[PactPage, tuple[str, ...], object], ...]


def _course_rules(course: CoursePage) -> _CourseRules:
    steps = list(course.get_children().live().values_list("pk", "content_type_id"))
    quiz_type = ContentType.objects.get_for_model(QuizPage).pk
    quiz_ids = frozenset(pk for pk, type_id in steps if type_id == quiz_type)
    pages = (
        PactPage.objects.live()
        .filter(required_course=course)
        .order_by("pk")
        .prefetch_related("audience_offices__office")
    )
    pacts = tuple(
        (page, tuple(link.office.path for link in page.audience_offices.all()), version)
        for page in pages
        for version in [current_version(page)]
    )
    return _CourseRules(
        course=course,
        module_ids=frozenset(pk for pk, _type in steps) - quiz_ids,
        quiz_ids=quiz_ids,
        pacts=pacts,
    )


def _learners_facts(rules_: _CourseRules, *, employees: dict, enrolments: dict) -> dict:
    """`rules.Facts` and the satisfying pact signatures of each learner (user id), read
    with one query per kind of fact whatever the number of learners. A learner must have
    signed the current version of each required pact whose audience includes them."""
    user_ids = list(enrolments)
    done = defaultdict(set)
    completions = StepCompletion.objects.filter(
        enrolment_id__in=[e.pk for e in enrolments.values()]
    ).values_list("enrolment_id", "step_id")
    for enrolment_id, step_id in completions:
        done[enrolment_id].add(step_id)
    passes = defaultdict(list)
    if rules_.quiz_ids:
        attempts = Attempt.objects.filter(
            user_id__in=user_ids, quiz_id__in=rules_.quiz_ids, passed=True
        ).values_list("user_id", "quiz_id", "started_at")
        for user_id, quiz_id, started_at in attempts:
            passes[user_id].append((quiz_id, started_at))
    versions = [version.pk for _page, _offices, version in rules_.pacts if version is not None]
    signed = {}
    if versions:
        signatures = PactSignature.objects.filter(
            version_id__in=versions, user_id__in=user_ids, revoked_at__isnull=True
        ).select_related("evidence")
        signed = {(s.user_id, s.version_id): s for s in signatures}
    course = rules_.course
    found = {}
    for user_id, enrolment in enrolments.items():
        employee = employees.get(user_id)
        steps_done = done[enrolment.pk]
        # A quiz counts when its step is done and, after a renewal, passed again since.
        passed = {
            quiz_id
            for quiz_id, started_at in passes[user_id]
            if quiz_id in steps_done
            and (enrolment.renewed_at is None or started_at >= enrolment.renewed_at)
        }
        pact_facts, signatures = [], []
        for page, offices, version in rules_.pacts:
            if employee is None or not in_audience(page, employee, office_paths=list(offices)):
                continue
            signature = signed.get((user_id, version.pk)) if version is not None else None
            pact_facts.append(rules.RequiredPact(title=page.title, signed=signature is not None))
            if signature is not None:
                signatures.append(signature)
        facts = rules.Facts(
            certificates_enabled=course.certificate_enabled,
            has_employee=employee is not None,
            course_live=course.live,
            modules_total=len(rules_.module_ids),
            modules_done=len(rules_.module_ids & steps_done),
            quizzes_total=len(rules_.quiz_ids),
            quizzes_passed=len(passed),
            pacts=tuple(pact_facts),
        )
        found[user_id] = (facts, signatures)
    return found


def certificate_requirements(*, user, course: CoursePage) -> tuple[list[rules.Missing], tuple]:
    """What the learner still lacks for this course's certificate (for "Kursus saya")."""
    employee = employee_for_user(user)
    # Not enrolled yet: an unsaved enrolment has nothing done.
    enrolment = Enrolment.objects.filter(user=user, course=course).first() or Enrolment(
        user=user, course=course
    )
    facts, _signatures = _learners_facts(
        _course_rules(course),
        employees={user.pk: employee} if employee is not None else {},
        enrolments={user.pk: enrolment},
    )[user.pk]
    return rules.missing_requirements(facts), facts.pacts


def certificate_issue(*, user, course: CoursePage) -> IssueResult:
    """Issue the certificate of `course` to `user` if every requirement is met.

    Idempotent: a completion (one cycle of the enrolment) gets one certificate, whoever
    asks and however often. A completion after a renewal supersedes the earlier one.
    """
    return certificates_issue(course=course, user_ids=[user.pk])[user.pk]


def certificates_issue(*, course: CoursePage, user_ids) -> dict[int, IssueResult]:
    """`certificate_issue` for many learners of one course at once (the outbox drain):
    the same rules and evidence, with a query per kind of fact and one INSERT per table
    for the whole batch instead of per learner. Returns each learner's result."""
    user_ids = list(dict.fromkeys(user_ids))
    try:
        with transaction.atomic():
            return _issue_locked(course, user_ids)
    except IntegrityError:
        # Another issuer issued one of these completions a moment ago (the row locks make
        # that rare; SQLite has none): one learner at a time, each settling on theirs.
        if len(user_ids) > 1:
            results = {}
            for user_id in user_ids:
                results.update(certificates_issue(course=course, user_ids=[user_id]))
            return results
        existing = Certificate.objects.filter(
            user_id=user_ids[0], course=course, superseded_at__isnull=True
        ).first()
        if existing is None:
            raise
        return {user_ids[0]: IssueResult(existing, False)}


def _issue_locked(course: CoursePage, user_ids: list[int]) -> dict[int, IssueResult]:
    # One issuer at a time per learner and course (a double enqueue, two workers); in id
    # order, so two batches never wait on each other crosswise.
    enrolments = {
        e.user_id: e
        for e in Enrolment.objects.select_for_update()
        .filter(course=course, user_id__in=user_ids)
        .order_by("pk")
    }
    results = {
        user_id: IssueResult(None, False, (rules.Missing.MODULES,))
        for user_id in user_ids
        if user_id not in enrolments or enrolments[user_id].completed_at is None
    }
    enrolments = {u: e for u, e in enrolments.items() if u not in results}
    if not enrolments:
        return results
    current = {
        c.user_id: c
        for c in Certificate.objects.filter(
            course=course, user_id__in=list(enrolments), superseded_at__isnull=True
        ).select_related("evidence")
    }
    for user_id, certificate in current.items():
        enrolment = enrolments[user_id]
        if (certificate.enrolment_id, certificate.cycle) == (enrolment.pk, enrolment.cycle):
            results[user_id] = IssueResult(certificate, False)
            del enrolments[user_id]
    employees = employees_for_users(list(enrolments))
    due = []
    facts = _learners_facts(_course_rules(course), employees=employees, enrolments=enrolments)
    for user_id, (learner_facts, signatures) in facts.items():
        missing = rules.missing_requirements(learner_facts)
        if missing:
            results[user_id] = IssueResult(None, False, tuple(missing))
        else:
            due.append((enrolments[user_id], employees[user_id], signatures, current.get(user_id)))
    for certificate in _record_issues(course, due):
        results[certificate.user_id] = IssueResult(certificate, True)
    return results


def _record_issues(course: CoursePage, due: list) -> list[Certificate]:
    """Certificates for the completions in `due` ((enrolment, employee, pact signatures,
    the certificate it supersedes or None) each), with their evidence entries."""
    if not due:
        return []
    now = timezone.now()
    issued_on = timezone.localdate(now)
    policy = policy_for(course)
    until = rules.valid_until(policy, issued_on)
    note = rules.validity_note(policy, until)[:255]
    snapshots = signer_snapshots([employee for _e, employee, _s, _p in due])
    # Each certificate's entry, then (when it renews one) the superseded entry.
    entries, certificates, positions = [], [], []
    for enrolment, employee, signatures, previous in due:
        snapshot = snapshots[employee.pk]
        certificate = Certificate(
            verification_code=verification.new_code(),
            user_id=enrolment.user_id,
            employee=employee,
            office_path=employee.office.path,
            recipient=snapshot,
            course=course,
            course_title=course.title[:255],
            enrolment=enrolment,
            cycle=enrolment.cycle,
            course_completed_at=enrolment.completed_at,
            issued_at=now,
            valid_until=until,
            validity_note=note,
        )
        certificates.append(certificate)
        positions.append(len(entries))
        entries.append(
            (
                "certificate.issued",
                _issued_payload(certificate, employee, signatures, previous, snapshot),
            )
        )
        if previous is not None:
            entries.append(
                (
                    "certificate.superseded",
                    {
                        "certificate": str(previous.reference),
                        "issued_evidence": previous.evidence.entry_hash,
                        "superseded_by": str(certificate.reference),
                        "superseded_at": evidence.timestamp(now),
                    },
                )
            )
    appended = evidence_append_many(entries)
    for certificate, position in zip(certificates, positions, strict=True):
        certificate.evidence = appended[position]
    previous_ones = [previous for *_rest, previous in due if previous is not None]
    # Only one current certificate per learner and course: the old ones step aside first.
    Certificate.objects.filter(pk__in=[p.pk for p in previous_ones]).update(superseded_at=now)
    Certificate.objects.bulk_create(certificates)
    links = []
    for certificate, (_e, _employee, signatures, previous) in zip(certificates, due, strict=True):
        certificate.number = rules.certificate_number(year=issued_on.year, serial=certificate.pk)
        links += [
            Certificate.pact_signatures.through(certificate=certificate, pactsignature=signature)
            for signature in signatures
        ]
        if previous is not None:
            previous.superseded_at = now
            previous.superseded_by = certificate
    Certificate.objects.bulk_update(certificates, ["number"])
    Certificate.pact_signatures.through.objects.bulk_create(links)
    Certificate.objects.bulk_update(previous_ones, ["superseded_by"])
    return certificates


def _issued_payload(certificate, employee, signatures, previous, snapshot) -> dict:
    enrolment, course = certificate.enrolment, certificate.course
    return {
        "course": {
            "page_id": course.pk,
            "title": course.title,
            "revision_id": course.live_revision_id,
        },
        "holder": {
            "user_id": certificate.user_id,
            "employee_id": employee.pk,
            "id_number": employee.nip or employee.registration_number,
            "employment_type": employee.employment_type,
        },
        "holder_snapshot_hash": pacts.sha256_of(snapshot),
        "enrolment": {
            "id": enrolment.pk,
            "cycle": enrolment.cycle,
            "completed_at": evidence.timestamp(enrolment.completed_at),
        },
        "pact_signatures": [
            {"signature": str(s.reference), "evidence": s.evidence.entry_hash} for s in signatures
        ],
        "verification_code_sha256": pacts.sha256_of({"code": certificate.verification_code}),
        "issued_at": evidence.timestamp(certificate.issued_at),
        "valid_until": certificate.valid_until.isoformat() if certificate.valid_until else None,
        "supersedes": str(previous.reference) if previous else None,
    }


def issue_after_completion(*, user, course: CoursePage) -> None:
    """Ask for the certificate of a course the learner may have just earned (course
    completed, or the required pact signed). The request is a row written in the caller's
    transaction, so it exists exactly when the completion does; the worker drains the
    requests in batches and re-checks every requirement (`outbox.py`)."""
    if not course.certificate_enabled:
        return
    from . import outbox

    outbox.request_add(user_id=user.pk, course_id=course.pk)


# --- Revocation ----------------------------------------------------------------------------


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Revoke a certificate with a reason shown on the public verification page from now
    on. Admins with the permission may revoke any; HR officers only within their own
    offices. Idempotent; recorded in the evidence chain."""
    if not selectors.may_revoke(by, certificate):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan pencabutan wajib diisi.")})
    certificate = Certificate.objects.select_for_update(no_key=True).get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        return certificate
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason[:500]
    certificate.revoked_by = by
    certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    evidence_append(
        kind="certificate.revoked",
        payload={
            "certificate": str(certificate.reference),
            "number": certificate.number,
            "issued_evidence": certificate.evidence.entry_hash,
            "by_user_id": by.pk,
            "reason": certificate.revoked_reason,
            "revoked_at": evidence.timestamp(certificate.revoked_at),
        },
    )
    return certificate


# --- Renewal (recertification) -------------------------------------------------------------


class RenewalRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def recertification_start(*, user, course: CoursePage, reason: str = "") -> bool:
    """The learner takes the course again to renew a certificate that has expired, ends
    within the course's notice period, or was revoked. Their completions are archived
    (history kept) and the course starts over; the current certificate stays as it is
    until the new one supersedes it. Returns False when nothing needed renewing (a
    repeated click while already re-taking)."""
    current = (
        Certificate.objects.filter(user=user, course=course, superseded_at__isnull=True)
        .order_by("-issued_at")
        .first()
    )
    if current is None:
        raise RenewalRefused(_("Anda belum memiliki sertifikat kursus ini."))
    if not selectors.certificate_renewable(current):
        raise RenewalRefused(_("Sertifikat Anda masih berlaku; belum perlu diperbarui."))
    result = course_services.enrolment_renew(
        user=user, course=course, reason=reason or "recertification"
    )
    return result.renewed


# --- Emails --------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(certificate: Certificate, *, template: str, subject: str, extra: dict) -> bool:
    address = certificate.user.email
    if not address:
        return False
    context = {
        "certificate": certificate,
        "name": certificate.recipient.get("full_name", ""),
        "detail_url": _absolute(reverse("certificates:certificate", args=[certificate.reference])),
        "site_name": settings.WAGTAIL_SITE_NAME,
        **extra,
    }
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            subject=subject,
            message=render_to_string(f"certificates/email/{template}.txt", context),
            from_email=None,
            recipient_list=[address],
            html_message=render_to_string(f"certificates/email/{template}.html", context),
        )
    return True


def certificate_email_send(certificate_id: int) -> bool:
    """Tell the learner their certificate is ready, with the link (once)."""
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update(of=("self",), no_key=True)
            .select_related("user")
            .get(pk=certificate_id)
        )
        if certificate.emailed_at is not None or not certificate.pdf:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Sertifikat Anda: %(course)s") % {"course": certificate.course_title}
        sent = _send(certificate, template="issued", subject=subject, extra={})
        certificate.emailed_at = timezone.now()
        certificate.save(update_fields=["emailed_at"])
        return sent


def expiry_notices_send(*, today=None) -> int:
    """Email every learner whose current certificate ends within its course's notice
    period (once per certificate). Run daily (`manage.py send_certificate_notices`)."""
    today = today or timezone.localdate()
    sent = 0
    candidates = (
        Certificate.objects.filter(
            superseded_at__isnull=True,
            revoked_at__isnull=True,
            expiry_notified_at__isnull=True,
            valid_until__gte=today,
        )
        .select_related("course", "user")
        .order_by("valid_until")
    )
    for certificate in candidates.iterator(chunk_size=500):
        days = certificate.course.certificate_expiry_notice_days
        if not rules.expiry_notice_due(certificate.valid_until, today=today, notice_days=days):
            continue
        with transaction.atomic():
            claimed = Certificate.objects.filter(
                pk=certificate.pk, expiry_notified_at__isnull=True
            ).update(expiry_notified_at=timezone.now())
            if not claimed:
                continue
            with translation.override(settings.LANGUAGE_CODE):
                subject = _("Sertifikat Anda segera berakhir: %(course)s") % {
                    "course": certificate.course_title
                }
            sent += _send(
                certificate,
                template="expiring",
                subject=subject,
                extra={"days_left": (certificate.valid_until - today).days},
            )
    return sent
