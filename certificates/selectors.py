"""Reads for pacts: the learner's view of a pact, who may open a signed pact, and what
the public verification page shows."""

from __future__ import annotations

from django.db.models import Max, Q

from courses.models import Enrolment
from netra.people.audience import audience_annotations, in_audience
from netra.people.selectors import employee_for_user, oversees

from . import pacts, verification
from .models import PactAudienceOffice, PactPage, PactSignature, PactVersion


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
    return {
        "version": version,
        "employee": employee,
        "eligibility": eligibility,
        "signature": signature,
        "history": list(history),
    }


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
    cards = []
    for page in pages:  # a handful of pacts at a time: one election period or two
        assigned = employee is not None and _matches(page, employee)
        version = PactVersion.objects.filter(pact=page).order_by("-number").first()
        signature = (
            PactSignature.objects.filter(user=user, version=version).first() if version else None
        )
        cards.append(
            {"pact": page, "version": version, "signature": signature, "assigned": assigned}
        )
    return cards


def _matches(page: PactPage, employee) -> bool:
    type_field = PactPage.AUDIENCE_FIELD[employee.employment_type]
    return getattr(page, type_field) and (not page.targets_offices or page.targets_me)


def signature_for_viewer(*, user, reference) -> PactSignature | None:
    """A signed pact, if `user` may open it: the signer, a superuser, or an HR officer over
    the signer's office (at signing time or now). Everyone else gets None (a 404)."""
    signature = (
        PactSignature.objects.select_related("version", "evidence", "employee__office")
        .filter(reference=reference)
        .first()
    )
    if signature is None or not user.is_authenticated:
        return None
    if signature.user_id == user.pk:
        return signature
    current_office = signature.employee.office.path if signature.employee_id else ""
    if oversees(user, signature.office_path, current_office):
        return signature
    return None


def verification_lookup(code: str) -> dict | None:
    """What the public page shows for a code, or None for unknown and malformed codes
    alike. Never the NIP; the name masked."""
    if not verification.is_well_formed(code):
        return None
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
