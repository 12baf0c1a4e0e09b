"""Writes for certificates' records: the evidence chain, pact versions and signatures.

Views, the publish hook, the admin and management commands all go through these
functions, so every path applies the same rules and records the same evidence.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.campaigns import progress as campaign_progress
from netra.people.models import Employee, Office

from . import evidence, pacts, selectors, verification
from .models import EvidenceEntry, PactPage, PactRenewalRequest, PactSignature, PactVersion

# Any constant: one PostgreSQL advisory lock guards the chain's tail.
_CHAIN_LOCK = 7_362_518_204


def evidence_append(*, kind: str, payload: dict) -> EvidenceEntry:
    """Append one entry to the evidence chain, linked to the current tail."""
    return evidence_append_many([(kind, payload)])[0]


def evidence_append_many(entries: list[tuple[str, dict]]) -> list[EvidenceEntry]:
    """Append entries (kind, payload) to the evidence chain in order, each linked to the
    one before: one lock, one read of the tail and one INSERT for the lot.

    Appends are serialised with a transaction-scoped advisory lock on PostgreSQL, so two
    signatures at the same instant never both link to the same tail (a fork). Elsewhere
    the unique sequence number refuses a fork and the append is retried.
    """
    if not entries:
        return []
    # Microseconds only: the hash must match what the database gives back.
    entries = [(kind, _json_roundtrip(payload)) for kind, payload in entries]
    for _attempt in range(5):
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
                tail = (
                    EvidenceEntry.objects.order_by("-sequence")
                    .only("sequence", "entry_hash")
                    .first()
                )
                sequence = tail.sequence if tail else 0
                prev_hash = tail.entry_hash if tail else evidence.GENESIS
                created_at = timezone.now()
                rows = []
                for kind, payload in entries:
                    sequence += 1
                    entry_hash = evidence.entry_hash(
                        sequence=sequence,
                        kind=kind,
                        prev_hash=prev_hash,
                        created_at=created_at,
                        payload=payload,
                    )
                    rows.append(
                        EvidenceEntry(
                            sequence=sequence,
                            kind=kind,
                            payload=payload,
                            prev_hash=prev_hash,
                            entry_hash=entry_hash,
                            created_at=created_at,
                        )
                    )
                    prev_hash = entry_hash
                return EvidenceEntry.objects.bulk_create(rows, batch_size=1000)
        except IntegrityError:
            continue
    raise RuntimeError("evidence chain busy: could not append after 5 tries")


def _json_roundtrip(payload: dict) -> dict:
    """The payload as it will read back from the database (tuples become lists...)."""
    return json.loads(evidence.canonical(payload))


# --- Pacts -------------------------------------------------------------------------------


def pact_content(page: PactPage) -> dict:
    """The text a version freezes: everything printed on the pact, nothing else."""
    return {
        "title": page.title,
        "preamble": page.preamble,
        "commitment_intro": page.commitment_intro,
        "clauses": [{"id": block.id, "text": str(block.value)} for block in page.clauses],
        "closing": page.closing,
        "consent": page.consent_text,
    }


def pact_version_sync(page: PactPage) -> PactVersion | None:
    """Freeze the live text as a new version when it differs from the latest one (or
    there is none). Called on publish; idempotent. Returns the current version, or None
    when the page is not live."""
    if not page.live:
        return None
    content = _json_roundtrip(pact_content(page))
    digest = pacts.content_hash(content)
    with transaction.atomic():
        # Serialise publishes of the same pact so two cannot both create version N+1.
        PactPage.objects.select_for_update().filter(pk=page.pk).first()
        latest = PactVersion.objects.filter(pact=page).order_by("-number").first()
        if latest is not None and latest.content_hash == digest:
            return latest
        version = PactVersion.objects.create(
            pact=page,
            number=(latest.number + 1) if latest else 1,
            revision_id=page.live_revision_id,
            content=content,
            content_hash=digest,
            published_at=page.last_published_at or timezone.now(),
        )
        if latest is not None:
            # Signatures of older versions stop counting now; campaigns must see that
            # whether or not a regulation update asked for it (thousands: in the worker).
            transaction.on_commit(lambda: _enqueue_progress_resync(page.pk))
        return version


def _enqueue_progress_resync(pact_id: int) -> None:
    from .tasks import pact_progress_resync

    pact_progress_resync.enqueue(pact_id)


def pact_progress_resync(pact_id: int) -> int:
    """Take campaign pact progress back from everyone whose valid signature is on an older
    version than the current one (after a new version is published). Idempotent: a second
    run finds their progress already unsigned and writes nothing."""
    current = set(selectors.current_signer_ids(pact_id))
    older = (
        PactSignature.objects.filter(version__pact_id=pact_id, revoked_at__isnull=True)
        .exclude(user_id__in=current)
        .values_list("user_id", flat=True)
        .distinct()
    )
    stale = sorted(set(older) - current)
    return campaign_progress.pact_progress_many(user_ids=stale, pact_id=pact_id, signed=False)


def current_version(page: PactPage) -> PactVersion | None:
    """The version learners sign now: the latest one. Publishing freezes versions (see
    `signals.py`); a live pact without one (made before that hook existed) gets its first
    version here."""
    if not page.live:
        return None
    latest = PactVersion.objects.filter(pact=page).order_by("-number").first()
    return latest if latest is not None else pact_version_sync(page)


class SigningRefused(Exception):
    """A signature was refused; `message` is for the learner, `code` for tests and logs."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


class ReauthenticationNeeded(SigningRefused):
    """Everything else is in order, but the password or TOTP code must be entered again."""


@dataclass(frozen=True)
class SignResult:
    signature: PactSignature
    created: bool


def signer_snapshot(employee: Employee) -> dict:
    """Who signed, as they were at signing time: printed on the PDF and hashed into the
    evidence, so a later transfer or promotion never rewrites an old pact."""
    return signer_snapshots([employee])[employee.pk]


def signer_snapshots(employees: list[Employee]) -> dict[int, dict]:
    """`signer_snapshot` of each employee (with `office` loaded), by employee id: one
    query for the names of every office above them."""
    wanted = {p for e in employees for p in e.office.ancestor_paths(include_self=False)}
    names = dict(Office.objects.filter(path__in=wanted).values_list("path", "name"))
    snapshots = {}
    for employee in employees:
        office = employee.office
        snapshots[employee.pk] = {
            "name": employee.name,
            "full_name": employee.full_name,
            "nip": employee.nip or "",
            "registration_number": employee.registration_number,
            "employment_type": employee.employment_type,
            "employment_type_label": str(employee.get_employment_type_display()),
            "golongan": employee.golongan,
            "golongan_label": str(employee.get_golongan_display()) if employee.golongan else "",
            "jabatan": employee.jabatan,
            "office": {
                "id": office.pk,
                "code": office.code,
                "name": office.name,
                "path": office.path,
            },
            # Top-down, as the tree is: a path sorts before its descendants'.
            "office_ancestors": [
                names[p] for p in sorted(office.ancestor_paths(include_self=False)) if p in names
            ],
        }
    return snapshots


def pact_sign(
    *,
    user,
    version: PactVersion,
    typed_name: str,
    consent: bool,
    content_hash: str,
    auth_methods: list[dict],
    reauthenticated_at: dt.datetime | None,
    ip_address: str | None,
    user_agent: str,
) -> SignResult:
    """Sign `version` as `user`. Refuses (SigningRefused, nothing written) unless the
    version is the pact's current one and is the text the learner saw, the learner is in
    its audience and finished the required course, the typed name matches the roster,
    consent is given, and the learner re-authenticated within
    `NETRA_PACT_REAUTH_SECONDS`. A repeat (double click, retry, second tab) returns the
    existing signature instead of a second one.
    """
    page = version.pact
    existing = PactSignature.objects.filter(version=version, user=user).first()
    if existing is not None:
        return SignResult(existing, created=False)
    if current_version(page) != version:
        raise SigningRefused(
            _("Teks pakta telah diperbarui. Bacalah versi terbaru lalu tanda tangani."),
            code="stale_version",
        )
    if content_hash != version.content_hash:
        raise SigningRefused(
            _("Teks yang Anda baca tidak sama dengan teks pakta. Muat ulang halaman."),
            code="text_mismatch",
        )
    employee, eligibility, signature = selectors.signing_state(
        user=user, page=page, version=version
    )
    if eligibility.blocker == pacts.Blocker.ALREADY_SIGNED and signature is not None:
        # Another tab signed between the check above and this one: theirs is the answer.
        return SignResult(signature, created=False)
    if not eligibility.allowed:
        raise SigningRefused(eligibility.message, code=str(eligibility.blocker))
    if not pacts.typed_name_matches(typed_name, name=employee.name, full_name=employee.full_name):
        raise SigningRefused(
            _("Nama yang Anda ketik tidak sama dengan nama Anda di data kepegawaian."),
            code="name_mismatch",
        )
    if not consent:
        raise SigningRefused(_("Centang pernyataan persetujuan."), code="no_consent")
    now = timezone.now()
    window = dt.timedelta(seconds=settings.NETRA_PACT_REAUTH_SECONDS)
    if reauthenticated_at is None or not (now - window <= reauthenticated_at <= now):
        raise ReauthenticationNeeded(
            _("Masukkan kembali kata sandi atau kode autentikator Anda."), code="reauth"
        )
    return _record_signature(
        user=user,
        employee=employee,
        version=version,
        typed_name=typed_name,
        auth_methods=auth_methods,
        reauthenticated_at=reauthenticated_at,
        ip_address=ip_address,
        user_agent=user_agent[:400],
        signed_at=now,
    )


def _record_signature(*, user, employee, version, signed_at, **facts) -> SignResult:
    snapshot = signer_snapshot(employee)
    reference = uuid.uuid4()
    payload = {
        "signature": str(reference),
        "pact": {
            "page_id": version.pact_id,
            "version_id": version.pk,
            "version": version.number,
            "title": version.content["title"],
            "content_hash": version.content_hash,
        },
        "signer": {
            "user_id": user.pk,
            "employee_id": employee.pk,
            "id_number": employee.nip or employee.registration_number,
            "employment_type": employee.employment_type,
        },
        "office_snapshot_hash": pacts.sha256_of(snapshot),
        "auth": {
            "methods": facts["auth_methods"],
            "reauthenticated_at": evidence.timestamp(facts["reauthenticated_at"]),
        },
        "consent": {"text": version.content["consent"], "accepted": True},
        "typed_name": {"value": facts["typed_name"], "matches": True},
        "client": {"ip": facts["ip_address"], "user_agent": facts["user_agent"]},
        "signed_at": evidence.timestamp(signed_at),
    }
    try:
        with transaction.atomic():
            entry = evidence_append(kind="pact.signed", payload=payload)
            signature = PactSignature.objects.create(
                reference=reference,
                version=version,
                user=user,
                employee=employee,
                office_path=employee.office.path,
                signer=snapshot,
                typed_name=facts["typed_name"],
                signed_at=signed_at,
                reauthenticated_at=facts["reauthenticated_at"],
                auth_methods=facts["auth_methods"],
                ip_address=facts["ip_address"],
                user_agent=facts["user_agent"],
                evidence=entry,
                verification_code=verification.new_code(),
            )
    except IntegrityError:
        # The same person signed the same version a moment ago (another tab, a retry):
        # their evidence entry rolled back with this transaction; return theirs.
        existing = PactSignature.objects.filter(version=version, user=user).first()
        if existing is None:
            raise
        return SignResult(existing, created=False)
    transaction.on_commit(lambda: _enqueue_pdf(signature.pk))
    # Answers any re-signing a regulation update asked for (only the current version can
    # be signed, so every open request of this pact is met).
    PactRenewalRequest.objects.filter(
        user=user, pact_id=version.pact_id, resolved_at__isnull=True
    ).update(resolved_at=signed_at)
    campaign_progress.pact_progress(user_id=user.pk, pact_id=version.pact_id, signed=True)
    course = version.pact.required_course
    if course is not None:
        # Signing may be the last requirement of that course's certificate.
        from .certification import issue_after_completion

        issue_after_completion(user=user, course=course)
    return SignResult(signature, created=True)


def _enqueue_pdf(signature_id: int) -> None:
    from .tasks import render_pact_pdf

    render_pact_pdf.enqueue(signature_id)


@transaction.atomic
def signature_revoke(*, signature: PactSignature, by, reason: str) -> PactSignature:
    """Revoke a signed pact (e.g. signed by mistake for the wrong person): the verification
    page shows it as revoked from now on. Idempotent; recorded in the evidence chain."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan pencabutan wajib diisi.")})
    signature = PactSignature.objects.select_for_update(no_key=True).get(pk=signature.pk)
    if signature.revoked_at is not None:
        return signature
    signature.revoked_at = timezone.now()
    signature.revoked_reason = reason[:500]
    signature.revoked_by = by
    signature.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    evidence_append(
        kind="pact.revoked",
        payload={
            "signature": str(signature.reference),
            "signed_evidence": signature.evidence.entry_hash,
            "by_user_id": by.pk,
            "reason": signature.revoked_reason,
            "revoked_at": evidence.timestamp(signature.revoked_at),
        },
    )
    if not selectors.holds_current_signature(
        user_id=signature.user_id, pact_id=signature.version.pact_id
    ):
        campaign_progress.pact_progress(
            user_id=signature.user_id, pact_id=signature.version.pact_id, signed=False
        )
    return signature
