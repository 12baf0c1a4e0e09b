"""Reads for pacts: the learner's view of a pact, who may open a signed pact, and what
the public verification page shows."""

from __future__ import annotations

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from courses.models import Enrolment
from netra.people.audience import audience_annotations, in_audience
from netra.people.models import Office
from netra.people.selectors import (
    employee_for_user,
    hr_scope,
    oversees,
    scoped_office,
)

from . import pact_diff, pacts, rules, verification
from .models import (
    Certificate,
    PactAudienceOffice,
    PactPage,
    PactRenewalRequest,
    PactSignature,
    PactVersion,
)


def signing_state(*, user, page: PactPage, version: PactVersion | None) -> tuple:
    """(employee, eligibility, signature of `version` or None) for a learner and a pact."""
    employee = employee_for_user(user)
    signature = (
        PactSignature.objects.filter(version=version, user=user).first()
        if version is not None and user.is_authenticated
        else None
    )
    course = page.required_course
    course_completed = (
        course is not None
        and user.is_authenticated
        and Enrolment.objects.filter(user=user, course=course, completed_at__isnull=False).exists()
    )
    office_paths = list(page.audience_offices.values_list("office__path", flat=True))
    eligibility = pacts.signing_eligibility(
        has_employee=employee is not None,
        in_audience=in_audience(page, employee, office_paths=office_paths),
        has_version=version is not None,
        course_title=course.title if course is not None else None,
        course_completed=course_completed,
        already_signed=signature is not None,
    )
    return employee, eligibility, signature


def pact_context_for_learner(*, user, pact: PactPage) -> dict:
    """Context for a pact page: the current version's text, whether and why the learner
    may sign it, their signature of it, and their signatures of earlier versions."""
    from .services import current_version

    version = current_version(pact)
    employee, eligibility, signature = signing_state(user=user, page=pact, version=version)
    history = (
        PactSignature.objects.filter(user=user, version__pact=pact)
        .exclude(version=version)
        .select_related("version")
        .order_by("-signed_at")
        if user.is_authenticated
        else PactSignature.objects.none()
    )
    history = list(history)
    # What changed since the version the learner last signed, read before signing again.
    earlier = next((h for h in history if h.revoked_at is None), history[0] if history else None)
    diff = None
    if (
        signature is None
        and version is not None
        and earlier is not None
        and earlier.version.number < version.number
    ):
        diff = pact_diff.pact_diff(earlier.version.content, version.content)
    return {
        "version": version,
        "employee": employee,
        "eligibility": eligibility,
        "signature": signature,
        "history": history,
        "diff": diff,
        "diff_from": earlier.version if diff is not None else None,
        "renewals": open_pact_renewals_for_learner(user, pact_id=pact.pk).get(pact.pk, []),
    }


def open_pact_renewals_for_learner(user, *, pact_id: int | None = None) -> dict[int, list]:
    """The learner's open requests to sign a pact again ("perlu diperbarui": a material
    regulation update), newest first, per pact id. One query."""
    if not user.is_authenticated:
        return {}
    qs = PactRenewalRequest.objects.filter(user=user, resolved_at__isnull=True)
    if pact_id is not None:
        qs = qs.filter(pact_id=pact_id)
    found: dict[int, list] = {}
    for request in qs.order_by("-created_at", "-pk"):
        found.setdefault(request.pact_id, []).append(request)
    return found


def campaign_renewal_facts(user_ids: list[int]):
    """(user id, pact title, reason) for each open re-signing request of these learners:
    the "perlu diperbarui" HR sees beside an employee (registered in `apps.py`)."""
    return list(
        PactRenewalRequest.objects.filter(user_id__in=user_ids, resolved_at__isnull=True)
        .order_by("created_at", "pk")
        .values_list("user_id", "pact__title", "reason")
    )


def pact_cards_for_learner(*, user) -> list[dict]:
    """The live pacts whose audience includes the learner, or that they signed before,
    each with the learner's status on its current version."""
    employee = employee_for_user(user)
    annotations, in_scope = audience_annotations(employee, link_model=PactAudienceOffice)
    signed_pacts = set(
        PactSignature.objects.filter(user=user).values_list("version__pact_id", flat=True)
    )
    pages = (
        PactPage.objects.live()
        .annotate(**annotations)
        .filter(in_scope | Q(pk__in=signed_pacts))
        .select_related("election_period")
        .order_by("-first_published_at")
    )
    renewals = open_pact_renewals_for_learner(user)
    cards = []
    for page in pages:  # a handful of pacts at a time: one election period or two
        assigned = employee is not None and _matches(page, employee)
        version = PactVersion.objects.filter(pact=page).order_by("-number").first()
        signature = (
            PactSignature.objects.filter(user=user, version=version).first() if version else None
        )
        cards.append(
            {
                "pact": page,
                "version": version,
                "signature": signature,
                "assigned": assigned,
                "renewals": renewals.get(page.pk, []) if signature is None else [],
            }
        )
    return cards


def _matches(page: PactPage, employee) -> bool:
    type_field = PactPage.AUDIENCE_FIELD[employee.employment_type]
    return getattr(page, type_field) and (not page.targets_offices or page.targets_me)


def signature_for_viewer(*, user, reference) -> PactSignature | None:
    """A signed pact, if `user` may open it: the signer, a superuser, or an HR officer over
    the signer's office as it is now (a moved office changes hands at once). Everyone else
    gets None (a 404)."""
    signature = (
        PactSignature.objects.select_related("version", "evidence", "employee__office")
        .filter(reference=reference)
        .first()
    )
    if signature is None or not user.is_authenticated:
        return None
    if signature.user_id == user.pk:
        return signature
    if oversees(user, _office_path_now(signature)):
        return signature
    return None


def verification_lookup(code: str) -> dict | None:
    """What the public page shows for a code (a certificate's or a signed pact's), or
    None for unknown and malformed codes alike. Never the NIP; the name masked."""
    if not verification.is_well_formed(code):
        return None
    certificate = (
        Certificate.objects.select_related("evidence", "superseded_by")
        .filter(verification_code=code)
        .first()
    )
    if certificate is not None:
        return _certificate_verification(certificate)
    signature = (
        PactSignature.objects.select_related("version", "version__pact", "evidence")
        .filter(verification_code=code)
        .first()
    )
    if signature is None:
        return None
    latest = PactVersion.objects.filter(pact_id=signature.version.pact_id).aggregate(
        n=Max("number")
    )["n"]
    status = verification.document_status(
        revoked=signature.revoked_at is not None,
        superseded=latest is not None and latest > signature.version.number,
    )
    return {
        "kind": "pact",
        "status": status,
        "title": signature.version.content["title"],
        "version_number": signature.version.number,
        "latest_version": latest,
        "masked_name": verification.mask_name(signature.signer.get("name", "")),
        "office": signature.signer.get("office", {}).get("name", ""),
        "signed_at": signature.signed_at,
        "revoked_at": signature.revoked_at,
        "revoked_reason": signature.revoked_reason,
        "evidence_sequence": signature.evidence.sequence,
        "evidence_hash": signature.evidence.entry_hash,
        "pdf_sha256": signature.pdf_sha256,
    }


# --- Certificates --------------------------------------------------------------------------


def certificate_status(certificate: Certificate, *, today=None) -> verification.Status:
    return rules.certificate_status(
        revoked=certificate.revoked_at is not None,
        superseded=certificate.superseded_at is not None,
        valid_until=certificate.valid_until,
        today=today or timezone.localdate(),
    )


def certificate_renewable(certificate: Certificate, *, today=None) -> bool:
    return rules.renewable(
        revoked=certificate.revoked_at is not None,
        superseded=certificate.superseded_at is not None,
        valid_until=certificate.valid_until,
        today=today or timezone.localdate(),
        notice_days=certificate.course.certificate_expiry_notice_days,
    )


def _certificate_verification(certificate: Certificate) -> dict:
    recipient = certificate.recipient
    office = recipient.get("office", {}).get("name", "")
    ancestors = recipient.get("office_ancestors", [])
    return {
        "kind": "certificate",
        "status": certificate_status(certificate),
        "title": certificate.course_title,
        "number": certificate.number,
        "masked_name": verification.mask_name(recipient.get("name", "")),
        "office": office,
        # The issuing office: the top of the holder's office tree (the agency).
        "issuing_office": ancestors[0] if ancestors else office,
        "issued_at": certificate.issued_at,
        "valid_until": certificate.valid_until,
        "validity_note": certificate.validity_note,
        "revoked_at": certificate.revoked_at,
        "revoked_reason": certificate.revoked_reason,
        "superseded_at": certificate.superseded_at,
        "superseded_by_issued_at": (
            certificate.superseded_by.issued_at if certificate.superseded_by else None
        ),
        "evidence_sequence": certificate.evidence.sequence,
        "evidence_hash": certificate.evidence.entry_hash,
        "pdf_sha256": certificate.pdf_sha256,
        "pending": not certificate.pdf_sha256,
    }


def _office_path_now(record) -> str:
    """Where the holder or signer works now: HR scope follows the roster and office moves,
    not the snapshot taken at issue (that one stays on the document)."""
    return record.employee.office.path if record.employee_id else record.office_path


def may_revoke(user, certificate: Certificate) -> bool:
    """Admins with the revoke permission, for any certificate; HR officers for the
    certificates of their own offices (where the holder works now)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.has_perm("certificates.revoke_certificate"):
        return True
    return oversees(user, _office_path_now(certificate))


def certificate_for_viewer(*, user, reference) -> Certificate | None:
    """A certificate, if `user` may open it: the holder, an admin who may view
    certificates, or an HR officer over the holder's office now. Everyone else gets None
    (a 404)."""
    if not user.is_authenticated:
        return None
    certificate = (
        Certificate.objects.select_related("evidence", "employee__office", "course")
        .filter(reference=reference)
        .first()
    )
    if certificate is None:
        return None
    if certificate.user_id == user.pk or user.has_perm("certificates.view_certificate"):
        return certificate
    if oversees(user, _office_path_now(certificate)):
        return certificate
    return None


def current_certificates_for_learner(user) -> dict[int, Certificate]:
    """The learner's current certificate per course id (one query)."""
    if not user.is_authenticated:
        return {}
    return {
        c.course_id: c
        for c in Certificate.objects.filter(user=user, superseded_at__isnull=True).only(
            "reference",
            "number",
            "course_id",
            "issued_at",
            "valid_until",
            "pdf",
            "revoked_at",
            "superseded_at",
            "verification_code",
        )
    }


def certificates_for_learner(user) -> list[Certificate]:
    """Every certificate the learner holds or held, newest first (history included)."""
    if not user.is_authenticated:
        return []
    return list(
        Certificate.objects.filter(user=user).select_related("course").order_by("-issued_at")
    )


def office_for_hr(user, office_id) -> Office | None:
    """An office the HR officer (or superuser) may look into, or None (a 404)."""
    return scoped_office(hr_scope(user), office_id)


def offices_for_hr(user) -> list[Office]:
    """The offices an HR officer can pick from: their assigned subtrees, in tree order."""
    scope = hr_scope(user)
    if scope.is_empty:
        return []
    return list(Office.objects.filter(scope.q("path"), is_active=True).order_by("path"))


def certificates_in_office(office: Office, *, search: str = "") -> QuerySet[Certificate]:
    """Current certificates (renewed ones replaced by their successor) of holders who work
    in the office's subtree now."""
    qs = Certificate.objects.filter(
        employee__office__path__startswith=office.path, superseded_at__isnull=True
    ).order_by("employee__office__path", "recipient__name", "course_title")
    search = search.strip()
    if search:
        qs = qs.filter(
            Q(number__iexact=search)
            | Q(employee__nip=search)
            | Q(employee__name__icontains=search)
            | Q(course_title__icontains=search)
        )
    return qs


def _current_signatures(pact_id: int):
    """Valid (not revoked) signatures of the latest version of a pact."""
    latest = PactVersion.objects.filter(pact_id=pact_id).order_by("-number").values("pk")[:1]
    return PactSignature.objects.filter(version_id__in=latest, revoked_at__isnull=True)


def current_signer_ids(pact_id: int):
    return _current_signatures(pact_id).values_list("user_id", flat=True)


def holds_current_signature(*, user_id: int, pact_id: int) -> bool:
    return _current_signatures(pact_id).filter(user_id=user_id).exists()


def campaign_pact_facts(pact_id: int):
    """Users holding a valid signature of the pact's current version: what a newly set-up
    campaign starts from (registered in `apps.py`)."""
    return _current_signatures(pact_id).values_list("user_id", flat=True).iterator(chunk_size=5000)
