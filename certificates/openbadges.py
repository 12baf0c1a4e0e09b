"""Open Badges 3.0 credentials for completed courses: built, signed, checked and revoked
here, with no ORM (plain inputs, plain outputs), so the certificate services and views can
call it. The only module that imports joserfc.

Specifications followed (1EdTech Open Badges 3.0, Final; W3C recommendations):

- OB 3.0 §B.1.2 AchievementCredential, in its VC Data Model 2.0 shape (`validFrom` and
  `validUntil`, not the VCDM 1.1 `issuanceDate`), with the ordered `@context` pair the
  class requires: VCDM 2.0, then the OB `context-3.0.3.json`.
- OB 3.0 §8.2 "JSON Web Token Proof Format" (#jwt-proof) for the signature: see
  `sign_credential`.
- OB 3.0 §9.1 step 4 checks status with a `BitstringStatusListEntry` (W3C Bitstring Status
  List v1.0); the drafts' `1EdTechRevocationList` is gone from the Final text, so it is not
  produced here. See `status_list_credential`.

The recipient is identified by `identifier` entries (OB 3.0 §B.1.3: `id` or at least one
`identifier`), the name in clear and the NIP or registration number salted and hashed
(§B.1.12 IdentityObject, §B.7 IdentityHash).
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
import re
import secrets
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import ECKey

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
# OB 3.0 §B.1.21: one credentialSchema entry MUST have this type.
OB_SCHEMA_TYPE = "1EdTechJsonSchemaValidator2019"

ALGORITHM = "ES256"  # the seal key is ECDSA P-256 (certificates/keys.py)
# OB 3.0 §8.2.3: "Additional JOSE Headers are NOT allowed."
ALLOWED_HEADERS = frozenset({"alg", "kid", "jwk", "typ"})
# OB 3.0 §8.2.4: claims that mirror credential members; stripped again on verification.
JWT_CLAIMS = ("iss", "jti", "nbf", "exp", "sub")
# The header carries the certificate chain (in `jwk.x5c`), far past joserfc's 512-byte
# default for headers; the limit stays, only larger.
MAX_HEADER_BYTES = 16384
CLOCK_SKEW = dt.timedelta(minutes=1)

# Bitstring Status List v1.0 §2.2: the bitstring "MUST be at least 16KB": 131072 entries.
STATUS_LIST_SIZE = 16 * 1024 * 8
STATUS_PURPOSE = "revocation"
# A status list is fetched from the network by verifiers: cap what a gzip may inflate to.
MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024

# OB 3.0 §B.1.30 IdentifierTypeEnum, extensible with "ext:" terms.
IDENTIFIER_TYPES = frozenset(
    {
        "name",
        "sourcedId",
        "systemId",
        "productId",
        "userName",
        "accountId",
        "emailAddress",
        "nationalIdentityNumber",
        "isbn",
        "issn",
        "lisSourcedId",
        "oneRosterSourcedId",
        "sisSourcedId",
        "ltiContextId",
        "ltiDeploymentId",
        "ltiToolId",
        "ltiPlatformId",
        "ltiUserId",
        "identifier",
    }
)
_EXTENSION_TERM = re.compile(r"ext:[A-Za-z0-9._-]+")
# A NIP is an employee number, not the national identity number (that is the NIK), so it
# gets an extension term rather than `nationalIdentityNumber`.
IDENTITY_TYPE_NIP = "ext:NIP"
IDENTITY_TYPE_REGISTRATION = "ext:NetraRegistrationNumber"


class InvalidCredential(ValueError):
    """A token that is not a credential this issuer signed: bad signature, algorithm,
    header or claims. The message is for logs, not for people."""


class CredentialNotYetValid(InvalidCredential):
    """Signed and intact, but `validFrom` is still in the future (OB 3.0 §9.1 step 4)."""


class CredentialExpired(InvalidCredential):
    """Signed and intact, but past `validUntil` (OB 3.0 §9.1 step 4)."""


@dataclass(frozen=True)
class Issuer:
    """The institution, as an OB 3.0 Profile (§B.1.14). `id` is the URL the profile is
    served at, e.g. https://host/openbadges/issuer.json."""

    id: str
    name: str
    url: str
    email: str = ""


@dataclass(frozen=True)
class BadgeAchievement:
    """What was achieved: OB 3.0 Achievement (§B.1.1). `criteria` is the Markdown narrative
    of what earning it takes; `image` a URL or data URI.

    `achievement_type` defaults to CertificateOfCompletion, the §B.1.28 term for
    "completion of an assignment, training or other activity" (a course certificate);
    "Certificate" in that vocabulary means occupational knowledge and skills."""

    id: str
    name: str
    description: str
    criteria: str
    image: str = ""
    achievement_type: str = "CertificateOfCompletion"


@dataclass(frozen=True)
class Evidence:
    """OB 3.0 Evidence (§B.1.9): a page (`id`) and/or words about the work done."""

    id: str = ""
    name: str = ""
    narrative: str = ""
    description: str = ""


@dataclass(frozen=True)
class Award:
    """One certificate awarded to one person.

    `id` identifies the credential: the public verification URL
    (https://host/verifikasi/<code>/) or a urn:uuid. `recipient_identifier` is the NIP (or
    a registration number for staff without one), hashed in the credential; leave it empty
    to identify by name only. `salt` should be stored with the certificate so that building
    the credential again gives the same bytes; empty means a fresh random salt.
    `issued_at` differs from `awarded_at` only when a credential is re-issued (e.g. after a
    key change): `validFrom` moves, `awardedDate` keeps the original (§B.1.2)."""

    id: str
    recipient_name: str
    awarded_at: dt.datetime
    status_list_url: str
    status_index: int
    recipient_identifier: str = ""
    recipient_identifier_type: str = IDENTITY_TYPE_NIP
    salt: str = ""
    issued_at: dt.datetime | None = None
    valid_until: dt.datetime | None = None
    narrative: str = ""
    evidence: tuple[Evidence, ...] = ()


# --- Building ---------------------------------------------------------------------------


def build_credential(award: Award, achievement: BadgeAchievement, issuer: Issuer) -> dict:
    """The unsigned OpenBadgeCredential (OB 3.0 §B.1.2) for `award`.

    Dates are RFC 3339 in UTC to the second (§B.7 DateTimeZ), so `nbf`/`exp` in the signed
    token equal them exactly, as §8.2.6.1 requires. Text is kept as given (names with
    quotes or angle brackets stay data); escaping is the displaying page's job."""
    for field, value in (
        ("award.id", award.id),
        ("achievement.id", achievement.id),
        ("award.status_list_url", award.status_list_url),
    ):
        _require_uri(field, value)
    if award.status_index < 0:
        raise ValueError("award.status_index must not be negative.")
    if not award.recipient_name.strip():
        raise ValueError("award.recipient_name is required.")

    valid_from = award.issued_at or award.awarded_at
    credential: dict[str, Any] = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": award.id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement.name,
        "issuer": issuer_profile(issuer),
        "validFrom": rfc3339(valid_from),
        "awardedDate": rfc3339(award.awarded_at),
    }
    if award.valid_until is not None:
        if _second(award.valid_until) <= _second(valid_from):
            raise ValueError("award.valid_until must be after the credential's validFrom.")
        credential["validUntil"] = rfc3339(award.valid_until)

    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": _identifiers(award),
        "achievement": _achievement(achievement, issuer),
    }
    if award.narrative:
        subject["narrative"] = award.narrative
    credential["credentialSubject"] = subject
    if award.evidence:
        credential["evidence"] = [_evidence(item) for item in award.evidence]
    credential["credentialSchema"] = [{"id": OB_SCHEMA, "type": OB_SCHEMA_TYPE}]
    credential["credentialStatus"] = status_entry(award.status_list_url, award.status_index)
    return credential


def issuer_profile(issuer: Issuer) -> dict:
    """The issuer as an OB 3.0 Profile (§B.1.14): embedded in each credential, and the
    document to serve at `issuer.id`."""
    _require_uri("issuer.id", issuer.id)
    profile: dict[str, Any] = {
        "id": issuer.id,
        "type": ["Profile"],
        "name": issuer.name,
        "url": issuer.url,
    }
    if issuer.email:
        profile["email"] = issuer.email
    return profile


def status_entry(list_url: str, index: int) -> dict:
    """A BitstringStatusListEntry (Bitstring Status List v1.0 §2.1) pointing at bit
    `index` of the revocation list published at `list_url`. The index is a string there,
    as the spec requires."""
    _require_uri("list_url", list_url)
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": STATUS_PURPOSE,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def identity_hash(value: str, salt: str) -> str:
    """OB 3.0 §B.7 IdentityHash: "sha256$" and the hex SHA-256 of the UTF-8 identifier
    with the salt appended (the spec's own example: a@example.com + Kosher)."""
    return "sha256$" + hashlib.sha256((value + salt).encode()).hexdigest()


def _identifiers(award: Award) -> list[dict]:
    # The name in clear: §B.1.12 allows a plaintext identityHash with `hashed: false`,
    # and wallets have nothing to show for a hashed name (1EdTech issue #610).
    identifiers: list[dict[str, Any]] = [
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": award.recipient_name,
        }
    ]
    # Whitespace is dropped: NIPs are written "19900512 201503 2 001", and a verifier
    # hashing the 18 digits must get the same value.
    value = "".join(award.recipient_identifier.split())
    if value:
        kind = award.recipient_identifier_type
        if kind not in IDENTIFIER_TYPES and not _EXTENSION_TERM.fullmatch(kind):
            raise ValueError(f"Unknown identityType {kind!r} (OB 3.0 §B.1.30).")
        salt = award.salt or secrets.token_hex(16)
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityType": kind,
                "hashed": True,
                "identityHash": identity_hash(value, salt),
                "salt": salt,
            }
        )
    return identifiers


def _achievement(achievement: BadgeAchievement, issuer: Issuer) -> dict:
    data: dict[str, Any] = {
        "id": achievement.id,
        "type": ["Achievement"],
        "achievementType": achievement.achievement_type,
        "name": achievement.name,
        "description": achievement.description,
        "criteria": {"narrative": achievement.criteria},
        "creator": issuer_profile(issuer),
    }
    if achievement.image:
        data["image"] = {"id": achievement.image, "type": "Image", "caption": achievement.name}
    return data


def _evidence(item: Evidence) -> dict:
    data: dict[str, Any] = {"type": ["Evidence"]}
    for key in ("id", "name", "narrative", "description"):
        if value := getattr(item, key):
            data[key] = value
    return data


def rfc3339(moment: dt.datetime) -> str:
    """An aware datetime as RFC 3339 in UTC, to the second: 2029-02-14T03:04:05Z."""
    return _second(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def _second(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Credential dates must be timezone-aware.")
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def _require_uri(field: str, value: str) -> None:
    parts = urlsplit(value or "")
    if not parts.scheme or not (parts.netloc or parts.path):
        raise ValueError(f"{field} must be an absolute URI, not {value!r}.")


# --- Keys -------------------------------------------------------------------------------


def key_id(certificate: x509.Certificate) -> str:
    """The RFC 7638 thumbprint of the certificate's public key: a stable name for the key,
    e.g. the last segment of the URL the JWK is served at."""
    return _ec_key(certificate).thumbprint()


def public_jwk(
    certificate: x509.Certificate,
    chain: Sequence[x509.Certificate] = (),
    *,
    kid: str | None = None,
) -> dict:
    """The seal's public key as a JWK (OB 3.0 §B.6.2), with `x5c`: the seal certificate
    and then each issuer up the chain (RFC 7517 §4.7), so a verifier can tie the key to
    the same PKI as the sealed PDFs. `kid` defaults to the thumbprint; give the URL the JWK
    is served at when signing with that URL as the header's `kid`."""
    key = _ec_key(certificate)
    x5c = [
        base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode("ascii")
        for cert in _certificate_path(certificate, chain)
    ]
    jwk = key.as_dict(private=False, use="sig", alg=ALGORITHM, kid=kid or key.thumbprint())
    jwk["x5c"] = x5c
    if "d" in jwk:  # OB 3.0 §8.2.3: "The JWK MUST never contain "d"."
        raise ValueError("A private key found its way into a public JWK.")
    return jwk


def jwks(
    certificate: x509.Certificate,
    chain: Sequence[x509.Certificate] = (),
    *,
    kid: str | None = None,
) -> dict:
    """A JWK Set (OB 3.0 §B.6.3) with the seal's public key, to publish for verifiers."""
    return {"keys": [public_jwk(certificate, chain, kid=kid)]}


def _certificate_path(
    certificate: x509.Certificate, chain: Sequence[x509.Certificate]
) -> list[x509.Certificate]:
    """`certificate`, then its issuer, and so on while `chain` has it: x5c must be in that
    order, and a PKCS#12 bag keeps no order."""
    path = [certificate]
    pool = [cert for cert in chain if cert != certificate]
    while path[-1].issuer != path[-1].subject:
        parent = next((cert for cert in pool if cert.subject == path[-1].issuer), None)
        if parent is None:
            break
        path.append(parent)
        pool.remove(parent)
    return path


def _ec_key(key: Any) -> ECKey:
    """An ECKey on P-256 from a certificate, a cryptography key, or a JWK dict."""
    if isinstance(key, x509.Certificate):
        key = key.public_key()
    try:
        imported = ECKey.import_key(key)
    except (JoseError, TypeError, ValueError) as error:
        raise ValueError("Not an EC key.") from error
    if imported.curve_name != "P-256":
        raise ValueError(f"{ALGORITHM} needs a P-256 key, not {imported.curve_name}.")
    return imported


# --- Signing and verifying --------------------------------------------------------------


def sign_credential(
    credential: Mapping[str, Any],
    private_key: ec.EllipticCurvePrivateKey,
    certificate: x509.Certificate,
    chain: Sequence[x509.Certificate] = (),
    *,
    kid: str | None = None,
) -> str:
    """The credential as a Compact JWS, per OB 3.0 §8.2 "JSON Web Token Proof Format".

    OB 3.0 profiles VC-JOSE-COSE and where they differ OB wins, so:
    - JOSE header (§8.2.3): only `alg`, `kid`, `jwk` and `typ` are allowed. `alg` is ES256
      (RS256 is the floor every verifier must support; others are permitted) and `typ` is
      "JWT", not VC-JOSE-COSE's "vc+jwt". `jwk` is always present, so a token checks
      offline; `kid` (a URL that dereferences to the JWK) only when given. The certificate
      chain travels inside the JWK as `x5c`, since a top-level `x5c` header is one of the
      additional headers §8.2.3 forbids.
    - Payload (§8.2.4): the credential itself at the top level (VCDM 2.0; no `vc` claim),
      plus `iss` = issuer.id, `jti` = id, `nbf` = validFrom, `exp` = validUntil when set, and
      `sub` = credentialSubject.id when the subject has one. Our subjects are identified by
      `identifier` instead (§B.1.3), so they carry no `sub`.

    Works for any VCDM 2.0 credential with an `id`, including the status list credential.
    """
    if not isinstance(private_key, ec.EllipticCurvePrivateKey):
        raise TypeError("The seal key must be an ECDSA key.")
    if private_key.public_key().public_numbers() != certificate.public_key().public_numbers():
        raise ValueError("The private key does not belong to the seal certificate.")
    header: dict[str, Any] = {"alg": ALGORITHM, "typ": "JWT"}
    if kid:
        header["kid"] = kid
    header["jwk"] = public_jwk(certificate, chain, kid=kid)

    claims = _claims(credential)
    payload = {**claims, **credential}
    return jws.serialize_compact(
        header,
        json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode(),
        ECKey.import_key(private_key),
        registry=_registry(),
    )


def verify_credential(token: str, public_key: Any, *, now: dt.datetime | None = None) -> dict:
    """The credential inside `token`, once checked per OB 3.0 §8.2.6: the signature against
    `public_key` (a cryptography EC public key, the seal certificate, or a JWK dict) and
    never against the key the token itself carries; `alg` is ES256 and nothing else (no
    "none", no HMAC); the header has only §8.2.3's members; `iss`, `jti`, `nbf`, `exp` and
    `sub` match the credential (§8.2.6.1); and `now` (default: the current time) lies
    between validFrom and validUntil, a minute either way for clock skew.

    Raises `InvalidCredential`, or its subclasses `CredentialNotYetValid` and
    `CredentialExpired` for a genuine credential outside its validity period. Revocation
    is a separate check against the status list (`is_revoked`)."""
    key = _ec_key(public_key)
    registry = _registry()
    try:
        signed = jws.extract_compact(token.encode("ascii"), registry=registry)
    except (JoseError, UnicodeError, ValueError) as error:
        raise InvalidCredential("Not a compact JWS.") from error
    header = signed.headers()
    if header.get("alg") != ALGORITHM:
        raise InvalidCredential(f"Algorithm {header.get('alg')!r} is not accepted.")
    if extra := set(header) - ALLOWED_HEADERS:
        raise InvalidCredential(f"Header members not allowed by OB 3.0: {sorted(extra)}.")
    if header.get("typ", "JWT") != "JWT":
        raise InvalidCredential("typ must be JWT.")
    if "jwk" in header and _embedded_thumbprint(header["jwk"]) != key.thumbprint():
        raise InvalidCredential("The token names another key than the one it is checked with.")
    try:
        if not jws.validate_compact(signed, key, registry=registry):
            raise InvalidCredential("Bad signature.")
    except JoseError as error:
        raise InvalidCredential(f"Signature check failed: {error}") from error

    try:
        payload = json.loads(signed.payload)
    except ValueError as error:
        raise InvalidCredential("The payload is not JSON.") from error
    if not isinstance(payload, dict):
        raise InvalidCredential("The payload is not a JSON object.")
    credential = {name: value for name, value in payload.items() if name not in JWT_CLAIMS}
    try:
        expected = _claims(credential)
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidCredential(f"The credential is incomplete: {error}") from error
    for name in JWT_CLAIMS:
        if payload.get(name) != expected.get(name):
            raise InvalidCredential(f"Claim {name!r} does not match the credential.")

    moment = _second(now or dt.datetime.now(dt.UTC))
    if moment + CLOCK_SKEW < _epoch(expected["nbf"]):
        raise CredentialNotYetValid("The credential is not valid yet.")
    if "exp" in expected and moment - CLOCK_SKEW >= _epoch(expected["exp"]):
        raise CredentialExpired("The credential has expired.")
    return credential


def _claims(credential: Mapping[str, Any]) -> dict[str, Any]:
    """The registered claims OB 3.0 §8.2.4 derives from the credential."""
    issuer = credential["issuer"]
    claims: dict[str, Any] = {
        "iss": issuer["id"] if isinstance(issuer, Mapping) else issuer,
        "jti": credential["id"],
        "nbf": _numeric_date(credential["validFrom"]),
    }
    if "validUntil" in credential:
        claims["exp"] = _numeric_date(credential["validUntil"])
    subject = credential["credentialSubject"]
    if isinstance(subject, Mapping) and "id" in subject:
        claims["sub"] = subject["id"]
    return claims


def _numeric_date(value: str) -> int:
    moment = dt.datetime.fromisoformat(value)
    return int(_second(moment).timestamp())


def _epoch(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def _embedded_thumbprint(jwk: Any) -> str:
    if not isinstance(jwk, Mapping) or "d" in jwk:
        raise InvalidCredential("The header's jwk is not a public JWK.")
    try:
        return _ec_key(dict(jwk)).thumbprint()
    except ValueError as error:
        raise InvalidCredential("The header's jwk is not a P-256 key.") from error


def _registry() -> jws.JWSRegistry:
    registry = jws.JWSRegistry(algorithms=[ALGORITHM])
    registry.max_header_length = MAX_HEADER_BYTES
    return registry


# --- Status list ------------------------------------------------------------------------


def status_position(certificate_pk: int, *, size: int = STATUS_LIST_SIZE) -> tuple[int, int]:
    """(list number, index in that list) for a certificate: `divmod(pk, size)`.

    Derived, not stored: nothing to allocate, no race between two issuances, and one list
    of 131072 entries covers the first 131072 certificates. This departs from a SHOULD in
    Bitstring Status List v1.0 §2.1 (assign `statusListIndex` randomly, so a position tells
    nothing of issuance order or volume); the credential's id is the public verification
    URL anyway, and random slots would need a stored, collision-checked column."""
    if certificate_pk < 0:
        raise ValueError("A primary key is never negative.")
    return divmod(certificate_pk, size)


def status_list_credential(
    list_url: str,
    issuer: Issuer,
    revoked_indexes: Iterable[int],
    *,
    size: int = STATUS_LIST_SIZE,
    valid_from: dt.datetime,
    valid_until: dt.datetime | None = None,
) -> dict:
    """The unsigned BitstringStatusListCredential (Bitstring Status List v1.0 §2.2) served
    at `list_url`, with the bits of `revoked_indexes` set. Sign it with `sign_credential`
    like any other credential (§3.1 step 5). `valid_until` bounds how long a verifier may
    rely on a copy. Revocation "is not reversible" (§2.1): a bit once published stays set;
    a temporary hold would need a separate list with statusPurpose "suspension"."""
    _require_uri("list_url", list_url)
    credential: dict[str, Any] = {
        "@context": [VC_CONTEXT],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.id,
        "validFrom": rfc3339(valid_from),
    }
    if valid_until is not None:
        credential["validUntil"] = rfc3339(valid_until)
    credential["credentialSubject"] = {
        "id": f"{list_url}#list",
        "type": "BitstringStatusList",
        "statusPurpose": STATUS_PURPOSE,
        "encodedList": encode_status_list(revoked_indexes, size=size),
    }
    return credential


def encode_status_list(set_indexes: Iterable[int], *, size: int = STATUS_LIST_SIZE) -> str:
    """Bitstring Status List v1.0 §3.3 (generation) and §2.2: `size` bits, index 0 the
    left-most (most significant) bit of the first byte, GZIP-compressed, then multibase
    base64url without padding ("u" prefix)."""
    if size < STATUS_LIST_SIZE or size % 8:
        raise ValueError(f"A status list holds a multiple of 8 and at least {STATUS_LIST_SIZE}.")
    bits = bytearray(size // 8)
    for index in set_indexes:
        if not 0 <= index < size:
            raise ValueError(f"Status index {index} is outside a list of {size}.")
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0: the same revocations give the same bytes, so the list can be cached by ETag.
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def decode_status_list(encoded: str) -> bytes:
    """The raw bitstring of an `encodedList` (Bitstring Status List v1.0 §3.4 expansion):
    multibase "u" prefix, base64url, GZIP. Refuses a list under the 16KB minimum or one that
    inflates past 16 MiB (a gzip bomb)."""
    if not encoded.startswith("u"):
        raise ValueError("encodedList must be multibase base64url (prefix 'u').")
    body = encoded[1:]
    try:
        compressed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip framing
        bits = inflater.decompress(compressed, MAX_STATUS_LIST_BYTES)
    except (ValueError, zlib.error) as error:
        raise ValueError("encodedList is not base64url-encoded GZIP.") from error
    if inflater.unconsumed_tail:
        raise ValueError("The status list is larger than this verifier accepts.")
    if not inflater.eof:
        raise ValueError("The status list is truncated.")
    if len(bits) < STATUS_LIST_SIZE // 8:
        raise ValueError("The status list is shorter than the 16KB minimum.")
    return bits


def is_revoked(encoded: str, index: int) -> bool:
    """Whether bit `index` of the list is set, i.e. the credential is revoked."""
    bits = decode_status_list(encoded)
    if not 0 <= index < len(bits) * 8:
        raise IndexError(f"Status index {index} is outside the list.")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
