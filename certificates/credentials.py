"""Certificates as Open Badges 3.0 credentials: the bridge from the database to the pure
`openbadges.py`. Signed with the same seal key as the PDFs.

Public documents (no login): the issuer profile, the seal's public key (the `kid` of every
token) and the revocation status lists. A certificate's own credential is given to its
holder only; it carries their name.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from . import openbadges, signing
from .models import Certificate, CertificateDesign


def absolute(path: str) -> str:
    return urljoin(settings.WAGTAILADMIN_BASE_URL, path)


def key_url() -> str:
    return absolute(reverse("certificates:badge_key"))


def issuer() -> openbadges.Issuer:
    design = CertificateDesign.load()
    return openbadges.Issuer(
        id=absolute(reverse("certificates:badge_issuer")),
        name=design.issuer_name,
        url=absolute("/"),
        email=settings.NETRA_BADGE_ISSUER_EMAIL,
    )


def status_list_url(number: int) -> str:
    return absolute(reverse("certificates:badge_status", args=[number]))


def _end_of_day(day: dt.date) -> dt.datetime:
    """A certificate valid "until 21 November" is valid all of that day, local time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def credential_for(certificate: Certificate, *, issuer_=None) -> dict:
    from .issuing import verification_url

    issuer_ = issuer_ or issuer()
    course = certificate.course
    course_url = course.full_url or absolute(course.url or "/")
    list_number, index = openbadges.status_position(certificate.pk)
    recipient = certificate.recipient
    award = openbadges.Award(
        id=verification_url(certificate.verification_code),
        recipient_name=recipient.get("full_name", ""),
        recipient_identifier=recipient.get("nip", ""),
        salt=certificate.badge_salt,
        awarded_at=certificate.issued_at,
        issued_at=certificate.issued_at,
        valid_until=_end_of_day(certificate.valid_until) if certificate.valid_until else None,
        status_list_url=status_list_url(list_number),
        status_index=index,
        narrative=certificate.validity_note,
    )
    achievement = openbadges.BadgeAchievement(
        id=course_url,
        name=certificate.course_title,
        description=course.summary or certificate.course_title,
        criteria=(
            "Menyelesaikan seluruh modul, lulus kuis skenario, dan menandatangani pakta "
            "integritas yang disyaratkan."
        ),
    )
    return openbadges.build_credential(award, achievement, issuer_)


def _sign(credential: dict) -> str:
    private_key, certificate, chain = signing.seal_key_material()
    return openbadges.sign_credential(credential, private_key, certificate, chain, kid=key_url())


def signed_credential(certificate: Certificate) -> str:
    """The certificate as a compact JWS (OB 3.0 JWT proof format)."""
    return _sign(credential_for(certificate))


def public_key() -> dict:
    _private_key, certificate, chain = signing.seal_key_material()
    return openbadges.public_jwk(certificate, chain, kid=key_url())


def issuer_profile() -> dict:
    return openbadges.issuer_profile(issuer())


def signed_status_list(number: int) -> str:
    """Status list `number` (certificates `number * size` up to the next list) as a signed
    BitstringStatusListCredential, built from the database on every request so a
    revocation shows at once."""
    size = openbadges.STATUS_LIST_SIZE
    revoked = Certificate.objects.filter(
        pk__gte=number * size, pk__lt=(number + 1) * size, revoked_at__isnull=False
    ).values_list("pk", flat=True)
    now = timezone.now()
    credential = openbadges.status_list_credential(
        status_list_url(number),
        issuer(),
        (pk - number * size for pk in revoked),
        valid_from=now,
        # A verifier may rely on a copy for a day at most.
        valid_until=now + dt.timedelta(days=1),
    )
    return _sign(credential)
