"""Writes for certificates: issue, supersede, revoke, renew, and the emails about them.

Every path (the worker after a course or pact is finished, the admin, HR, management
commands) goes through these functions, so the same rules apply and the same evidence is
recorded. The rules themselves are the pure `rules.py`.
"""

from __future__ import annotations

import logging
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
from netra.people.selectors import employee_for_user
from quizzes.models import Attempt, QuizPage

from . import evidence, pacts, rules, selectors, verification
from .models import Certificate, PactPage, PactSignature
from .services import current_version, evidence_append, signer_snapshot

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


def required_pacts(*, course: CoursePage, employee) -> list[tuple[PactPage, object]]:
    """Live pacts that require this course and whose audience includes the learner,
    each with its current version: the learner must have signed each of those."""
    found = []
    pages = (
        PactPage.objects.live()
        .filter(required_course=course)
        .prefetch_related("audience_offices__office")
    )
    for page in pages:
        offices = [link.office.path for link in page.audience_offices.all()]
        if employee is not None and in_audience(page, employee, office_paths=offices):
            found.append((page, current_version(page)))
    return found


def _facts(*, user, course: CoursePage, employee, enrolment: Enrolment | None):
    """The facts `rules.missing_requirements` decides on, and the pact signatures that
    satisfy the pact requirement."""
    steps = list(course.get_children().live().values_list("pk", "content_type_id"))
    quiz_type = ContentType.objects.get_for_model(QuizPage).pk
    quiz_ids = {pk for pk, type_id in steps if type_id == quiz_type}
    module_ids = {pk for pk, _type in steps} - quiz_ids
    done = (
        set(StepCompletion.objects.filter(enrolment=enrolment).values_list("step_id", flat=True))
        if enrolment is not None
        else set()
    )
    passed = set()
    if quiz_ids & done:
        attempts = Attempt.objects.filter(user=user, quiz_id__in=quiz_ids & done, passed=True)
        if enrolment.renewed_at is not None:
            attempts = attempts.filter(started_at__gte=enrolment.renewed_at)
        passed = set(attempts.values_list("quiz_id", flat=True))
    pact_facts, signatures = [], []
    for page, version in required_pacts(course=course, employee=employee):
        signature = (
            PactSignature.objects.filter(version=version, user=user, revoked_at__isnull=True)
            .select_related("evidence")
            .first()
            if version is not None
            else None
        )
        pact_facts.append(rules.RequiredPact(title=page.title, signed=signature is not None))
        if signature is not None:
            signatures.append(signature)
    facts = rules.Facts(
        certificates_enabled=course.certificate_enabled,
        has_employee=employee is not None,
        course_live=course.live,
        modules_total=len(module_ids),
        modules_done=len(module_ids & done),
        quizzes_total=len(quiz_ids),
        quizzes_passed=len(passed),
        pacts=tuple(pact_facts),
    )
    return facts, signatures


def certificate_requirements(*, user, course: CoursePage) -> tuple[list[rules.Missing], tuple]:
    """What the learner still lacks for this course's certificate (for "Kursus saya")."""
    employee = employee_for_user(user)
    enrolment = Enrolment.objects.filter(user=user, course=course).first()
    facts, _signatures = _facts(user=user, course=course, employee=employee, enrolment=enrolment)
    return rules.missing_requirements(facts), facts.pacts


def certificate_issue(*, user, course: CoursePage) -> IssueResult:
    """Issue the certificate of `course` to `user` if every requirement is met.

    Idempotent: a completion (one cycle of the enrolment) gets one certificate, whoever
    asks and however often. A completion after a renewal supersedes the earlier one.
    """
    employee = employee_for_user(user)
    try:
        with transaction.atomic():
            # One issuer at a time per learner and course (a double enqueue, two workers).
            enrolment = Enrolment.objects.select_for_update().filter(user=user, course=course)
            enrolment = enrolment.first()
            if enrolment is None or enrolment.completed_at is None:
                return IssueResult(None, False, (rules.Missing.MODULES,))
            current = Certificate.objects.filter(
                user=user, course=course, superseded_at__isnull=True
            ).first()
            if current is not None and (current.enrolment_id, current.cycle) == (
                enrolment.pk,
                enrolment.cycle,
            ):
                return IssueResult(current, False)
            facts, signatures = _facts(
                user=user, course=course, employee=employee, enrolment=enrolment
            )
            missing = rules.missing_requirements(facts)
            if missing:
                return IssueResult(None, False, tuple(missing))
            certificate = _record_issue(
                user=user,
                employee=employee,
                course=course,
                enrolment=enrolment,
                signatures=signatures,
                previous=current,
            )
    except IntegrityError:
        # Another worker issued this very completion a moment ago.
        existing = Certificate.objects.filter(
            user=user, course=course, superseded_at__isnull=True
        ).first()
        if existing is None:
            raise
        return IssueResult(existing, False)
    return IssueResult(certificate, True)


def _record_issue(*, user, employee, course, enrolment, signatures, previous) -> Certificate:
    now = timezone.now()
    issued_on = timezone.localdate(now)
    policy = policy_for(course)
    until = rules.valid_until(policy, issued_on)
    snapshot = signer_snapshot(employee)
    code = verification.new_code()
    payload = {
        "course": {
            "page_id": course.pk,
            "title": course.title,
            "revision_id": course.live_revision_id,
        },
        "holder": {
            "user_id": user.pk,
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
        "verification_code_sha256": pacts.sha256_of({"code": code}),
        "issued_at": evidence.timestamp(now),
        "valid_until": until.isoformat() if until else None,
        "supersedes": str(previous.reference) if previous else None,
    }
    if previous is not None:
        previous.superseded_at = now
        previous.save(update_fields=["superseded_at"])
    entry = evidence_append(kind="certificate.issued", payload=payload)
    certificate = Certificate.objects.create(
        verification_code=code,
        user=user,
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
        validity_note=rules.validity_note(policy, until)[:255],
        evidence=entry,
    )
    certificate.number = rules.certificate_number(year=issued_on.year, serial=certificate.pk)
    certificate.save(update_fields=["number"])
    certificate.pact_signatures.set(signatures)
    if previous is not None:
        previous.superseded_by = certificate
        previous.save(update_fields=["superseded_by"])
        evidence_append(
            kind="certificate.superseded",
            payload={
                "certificate": str(previous.reference),
                "issued_evidence": previous.evidence.entry_hash,
                "superseded_by": str(certificate.reference),
                "superseded_at": evidence.timestamp(now),
            },
        )
    return certificate


def issue_after_completion(*, user, course: CoursePage) -> None:
    """Queue the certificate of a course the learner may have just earned (course
    completed, or the required pact signed). The worker re-checks every requirement."""
    if not course.certificate_enabled:
        return
    from .tasks import issue_certificate

    transaction.on_commit(lambda: issue_certificate.enqueue(user.pk, course.pk))


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
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
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
            Certificate.objects.select_for_update(of=("self",))
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
