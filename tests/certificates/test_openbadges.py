"""Open Badges 3.0 credentials: valid against the official 1EdTech schema, signed with the
seal key and refused when anything is off, revocable through a Bitstring Status List."""

import base64
import datetime as dt
import gzip
import hashlib
import hmac
import json
import re
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from joserfc import jws
from joserfc.jwk import ECKey
from jsonschema import Draft201909Validator

from certificates import openbadges, signing
from certificates.keys import create_seal

SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "ob_v3p0_achievementcredential_schema.json").read_text()
)
NIP = "199005122015032001"
WIB = dt.timezone(dt.timedelta(hours=7))
AWARDED = dt.datetime(2029, 2, 14, 10, 4, 5, 123456, tzinfo=WIB)
NOW = dt.datetime(2029, 3, 1, tzinfo=dt.UTC)
LIST_URL = "https://netra.example.go.id/openbadges/status/0"
KID = "https://netra.example.go.id/openbadges/keys/segel"
RFC3339_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")

ISSUER = openbadges.Issuer(
    id="https://netra.example.go.id/openbadges/issuer.json",
    name="Pemerintah Kota Uji",
    url="https://netra.example.go.id/",
    email="bkpsdm@example.go.id",
)
ACHIEVEMENT = openbadges.BadgeAchievement(
    id="https://netra.example.go.id/kursus/netralitas-di-medsos/",
    name="Netralitas ASN di Media Sosial",
    description="Menyelesaikan kursus netralitas ASN di media sosial.",
    criteria="Membaca semua modul dan lulus kuis skenario.",
    image="https://netra.example.go.id/static/badge.png",
)


def award(**changes) -> openbadges.Award:
    values = {
        "id": "https://netra.example.go.id/verifikasi/AB12CD34/",
        "recipient_name": "Rina Wulandari",
        "recipient_identifier": NIP,
        "recipient_identifier_type": openbadges.IDENTITY_TYPE_NIP,
        "salt": "garam-uji",
        "awarded_at": AWARDED,
        "status_list_url": LIST_URL,
        "status_index": 42,
    }
    return openbadges.Award(**{**values, **changes})


def credential(**changes) -> dict:
    return openbadges.build_credential(award(**changes), ACHIEVEMENT, ISSUER)


def schema_errors(document) -> list[str]:
    validator = Draft201909Validator(SCHEMA, format_checker=Draft201909Validator.FORMAT_CHECKER)
    return [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(document)]


def segments(token: str) -> tuple[dict, dict]:
    header, payload, _signature = token.split(".")
    return json.loads(_unb64(header)), json.loads(_unb64(payload))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@pytest.fixture(scope="module")
def seal(seal_key):
    """The session's throw-away seal, read the way the site reads it."""
    return signing.seal_key_material()


@pytest.fixture(scope="module")
def token(seal):
    private_key, certificate, chain = seal
    return openbadges.sign_credential(
        credential(valid_until=AWARDED + dt.timedelta(days=365)),
        private_key,
        certificate,
        chain,
        kid=KID,
    )


class SchemaTests:
    def test_the_vendored_schema_is_the_published_one(self):
        path = Path(__file__).parent / "schemas" / "ob_v3p0_achievementcredential_schema.json"
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest == "b7358e895f492e74055dc6bfc7ffc420d0e497f90c4579fb83d9519b86d393ea"
        assert SCHEMA["$id"] == openbadges.OB_SCHEMA
        Draft201909Validator.check_schema(SCHEMA)

    def test_credential_validates_against_the_official_schema(self):
        full = credential(
            valid_until=AWARDED + dt.timedelta(days=365),
            narrative="Lulus kuis dengan nilai 90.",
            evidence=(
                openbadges.Evidence(
                    id="https://netra.example.go.id/kursus/netralitas-di-medsos/kuis/",
                    name="Kuis skenario",
                ),
            ),
        )
        assert schema_errors(full) == []
        assert schema_errors(credential(recipient_identifier="")) == []

    def test_schema_and_format_checks_can_fail(self):
        # Guards the two tests above: without the format extra installed, a date-time
        # is never checked, and a broken credential would still "validate".
        broken = credential()
        broken["validFrom"] = "14 Februari 2029"
        del broken["credentialSubject"]["achievement"]["criteria"]
        errors = schema_errors(broken)
        assert any("validFrom" in error for error in errors)
        assert any("criteria" in error for error in errors)

    def test_credential_follows_the_ob_3_0_shape(self):
        data = credential()
        assert data["@context"] == [openbadges.VC_CONTEXT, openbadges.OB_CONTEXT]
        assert data["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
        assert data["credentialSchema"] == [
            {"id": openbadges.OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}
        ]
        assert data["credentialStatus"] == {
            "id": f"{LIST_URL}#42",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "42",
            "statusListCredential": LIST_URL,
        }
        achievement = data["credentialSubject"]["achievement"]
        assert achievement["achievementType"] == "CertificateOfCompletion"
        assert achievement["criteria"] == {"narrative": ACHIEVEMENT.criteria}
        assert data["issuer"]["id"] == ISSUER.id and "id" not in data["credentialSubject"]


class RecipientTests:
    def test_the_nip_never_appears_in_clear(self, token):
        for document in (credential(), *segments(token)):
            text = json.dumps(document, ensure_ascii=False)
            assert NIP not in text and "19900512 201503 2 001" not in text

    def test_the_nip_is_a_salted_sha256_identity_hash(self):
        name, nip = credential()["credentialSubject"]["identifier"]
        assert name == {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": "Rina Wulandari",
        }
        assert nip["identityType"] == "ext:NIP" and nip["hashed"] is True
        assert nip["salt"] == "garam-uji"
        expected = hashlib.sha256(f"{NIP}garam-uji".encode()).hexdigest()
        assert nip["identityHash"] == f"sha256${expected}"

    def test_identity_hash_matches_the_spec_example(self):
        # OB 3.0 §B.7 IdentityHash: 'a@example.com' salted with 'Kosher'.
        assert openbadges.identity_hash("a@example.com", "Kosher") == (
            "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"
        )

    def test_a_nip_written_with_spaces_hashes_like_the_18_digits(self):
        spaced = credential(recipient_identifier="19900512 201503 2 001")
        assert spaced == credential()

    def test_each_credential_gets_its_own_salt_when_none_is_stored(self):
        first, second = credential(salt=""), credential(salt="")
        salts = {c["credentialSubject"]["identifier"][1]["salt"] for c in (first, second)}
        assert len(salts) == 2

    def test_an_unknown_identity_type_is_refused(self):
        with pytest.raises(ValueError, match="identityType"):
            credential(recipient_identifier_type="NIP")

    def test_markup_and_quotes_in_names_stay_data(self, seal):
        name = 'Rina "Ina" <b>Wulandari</b> & O\'Brien'
        private_key, certificate, chain = seal
        data = credential(recipient_name=name)
        assert data["credentialSubject"]["identifier"][0]["identityHash"] == name
        _header, payload = segments(
            openbadges.sign_credential(data, private_key, certificate, chain)
        )
        assert payload["credentialSubject"]["identifier"][0]["identityHash"] == name
        assert "&lt;" not in json.dumps(payload) and "&quot;" not in json.dumps(payload)


class DateTests:
    def test_dates_are_rfc3339_in_utc_to_the_second(self):
        data = credential(valid_until=AWARDED + dt.timedelta(days=365))
        for field in ("validFrom", "awardedDate", "validUntil"):
            assert RFC3339_UTC.fullmatch(data[field]), data[field]
        # 10:04:05 WIB (UTC+7) is 03:04:05 UTC.
        assert data["validFrom"] == "2029-02-14T03:04:05Z"
        assert dt.datetime.fromisoformat(data["validFrom"]).tzinfo is not None

    def test_a_reissued_credential_keeps_its_awarded_date(self):
        data = credential(issued_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
        assert data["validFrom"] == "2030-01-01T00:00:00Z"
        assert data["awardedDate"] == "2029-02-14T03:04:05Z"

    @pytest.mark.parametrize(
        "changes",
        [
            {"awarded_at": dt.datetime(2029, 2, 14, 10, 4, 5)},
            {"valid_until": AWARDED - dt.timedelta(days=1)},
        ],
        ids=["naive", "ends-before-it-starts"],
    )
    def test_bad_dates_are_refused(self, changes):
        with pytest.raises(ValueError):
            credential(**changes)


class SignatureTests:
    def test_the_token_verifies_with_the_seal_public_key(self, token, seal):
        _private_key, certificate, _chain = seal
        verified = openbadges.verify_credential(token, certificate.public_key(), now=NOW)
        assert verified == credential(valid_until=AWARDED + dt.timedelta(days=365))
        # The certificate and the published JWK name the same key.
        jwk = openbadges.public_jwk(certificate)
        assert openbadges.verify_credential(token, jwk, now=NOW) == verified

    def test_the_header_follows_ob_3_0_section_8_2(self, token, seal, seal_key):
        _private_key, certificate, _chain = seal
        header, payload = segments(token)
        assert set(header) == {"alg", "typ", "kid", "jwk"}
        assert (header["alg"], header["typ"], header["kid"]) == ("ES256", "JWT", KID)
        assert "d" not in header["jwk"] and header["jwk"]["kid"] == KID
        # x5c: the seal certificate, then the CA that issued it (the PDF seals' CA).
        x5c = [x509.load_der_x509_certificate(base64.b64decode(c)) for c in header["jwk"]["x5c"]]
        ca = x509.load_pem_x509_certificate(Path(seal_key).read_bytes())
        assert x5c == [certificate, ca]
        assert payload["iss"] == ISSUER.id and payload["jti"] == payload["id"]
        assert payload["nbf"] == int(dt.datetime(2029, 2, 14, 3, 4, 5, tzinfo=dt.UTC).timestamp())
        assert payload["exp"] - payload["nbf"] == 365 * 86400
        assert "vc" not in payload and "sub" not in payload

    def test_one_changed_payload_character_breaks_the_signature(self, token, seal):
        _private_key, certificate, _chain = seal
        header, payload, signature = token.split(".")
        data = _unb64(payload).replace(b"Rina Wulandari", b"Rina Wulandary")
        forged = ".".join([header, _b64(data), signature])
        with pytest.raises(openbadges.InvalidCredential):
            openbadges.verify_credential(forged, certificate.public_key(), now=NOW)
        flipped = payload[:10] + ("A" if payload[10] != "A" else "B") + payload[11:]
        with pytest.raises(openbadges.InvalidCredential):
            openbadges.verify_credential(
                ".".join([header, flipped, signature]), certificate.public_key(), now=NOW
            )

    def test_another_key_does_not_verify(self, token, tmp_path):
        _ca, p12 = create_seal(tmp_path, organisation="Pihak Lain")
        other_key = pkcs12.load_key_and_certificates(p12.read_bytes(), None)[0]
        with pytest.raises(openbadges.InvalidCredential):
            openbadges.verify_credential(token, other_key.public_key(), now=NOW)

    def test_a_token_signed_by_another_key_is_refused(self, token, seal, tmp_path):
        # Re-signed with a stranger's key, carrying the stranger's own jwk: the verifier
        # uses the key it was given, never the one in the token.
        _private_key, certificate, _chain = seal
        _ca, p12 = create_seal(tmp_path, organisation="Pemalsu")
        key, cert, chain = pkcs12.load_key_and_certificates(p12.read_bytes(), None)
        forged = openbadges.sign_credential(credential(), key, cert, chain)
        with pytest.raises(openbadges.InvalidCredential):
            openbadges.verify_credential(forged, certificate.public_key(), now=NOW)

    def test_alg_none_is_refused(self, token, seal):
        _private_key, certificate, _chain = seal
        _header, payload, _signature = token.split(".")
        unsigned = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode()) + f".{payload}."
        with pytest.raises(openbadges.InvalidCredential, match="none"):
            openbadges.verify_credential(unsigned, certificate.public_key(), now=NOW)

    def test_hs256_keyed_with_the_public_key_is_refused(self, token, seal):
        # The classic confusion attack: an HMAC whose "secret" is the public key's PEM.
        _private_key, certificate, _chain = seal
        secret = certificate.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        _header, payload, _signature = token.split(".")
        signing_input = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()) + "." + payload
        mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
        with pytest.raises(openbadges.InvalidCredential, match="HS256"):
            openbadges.verify_credential(
                f"{signing_input}.{_b64(mac)}", certificate.public_key(), now=NOW
            )

    def test_an_extra_header_is_refused(self, seal):
        # OB 3.0 §8.2.3 allows alg, kid, jwk and typ only; a signed token with x5c at the
        # top level is genuine but not conformant.
        private_key, certificate, chain = seal
        _header, payload = segments(
            openbadges.sign_credential(credential(), private_key, certificate, chain)
        )
        header = {"alg": "ES256", "x5c": openbadges.public_jwk(certificate)["x5c"]}
        nonconformant = jws.serialize_compact(
            header, json.dumps(payload).encode(), ECKey.import_key(private_key)
        )
        with pytest.raises(openbadges.InvalidCredential, match="x5c"):
            openbadges.verify_credential(nonconformant, certificate.public_key(), now=NOW)

    def test_validity_period_is_enforced(self, token, seal):
        _private_key, certificate, _chain = seal
        key = certificate.public_key()
        with pytest.raises(openbadges.CredentialNotYetValid):
            openbadges.verify_credential(token, key, now=AWARDED - dt.timedelta(days=1))
        with pytest.raises(openbadges.CredentialExpired):
            openbadges.verify_credential(token, key, now=AWARDED + dt.timedelta(days=366))

    def test_signing_refuses_a_key_that_is_not_the_certificate_s(self, seal):
        _private_key, certificate, chain = seal
        stranger = ec.generate_private_key(ec.SECP256R1())
        with pytest.raises(ValueError, match="does not belong"):
            openbadges.sign_credential(credential(), stranger, certificate, chain)

    def test_jwks_publishes_the_public_key_only(self, seal):
        _private_key, certificate, chain = seal
        (jwk,) = openbadges.jwks(certificate, chain)["keys"]
        assert {"kty", "crv", "x", "y", "use", "alg", "kid", "x5c"} == set(jwk)
        assert (jwk["kty"], jwk["crv"], jwk["alg"]) == ("EC", "P-256", "ES256")
        assert jwk["kid"] == openbadges.key_id(certificate)


class StatusListTests:
    def test_revoked_indexes_are_set_and_others_are_not(self):
        revoked = {0, 7, 8, 42, 131071}
        encoded = openbadges.encode_status_list(revoked)
        for index in (*revoked, 1, 6, 9, 41, 43, 131070):
            assert openbadges.is_revoked(encoded, index) is (index in revoked)

    def test_encoding_is_multibase_base64url_gzip_msb_first(self):
        encoded = openbadges.encode_status_list({0, 9})
        assert encoded.startswith("u") and re.fullmatch(r"u[A-Za-z0-9_-]+", encoded)
        bits = gzip.decompress(_unb64(encoded[1:]))
        assert len(bits) == 16384  # 131072 entries: the spec's 16KB minimum
        assert bits[:2] == bytes([0b1000_0000, 0b0100_0000])
        assert openbadges.decode_status_list(encoded) == bits

    def test_the_status_list_credential_has_the_spec_shape(self):
        data = openbadges.status_list_credential(
            LIST_URL, ISSUER, [3], valid_from=AWARDED, valid_until=AWARDED + dt.timedelta(1)
        )
        validator = Draft201909Validator(
            STATUS_LIST_SCHEMA, format_checker=Draft201909Validator.FORMAT_CHECKER
        )
        assert [error.message for error in validator.iter_errors(data)] == []
        assert data["credentialSubject"]["id"] == f"{LIST_URL}#list"
        assert openbadges.is_revoked(data["credentialSubject"]["encodedList"], 3)

    def test_a_credential_points_at_its_bit_in_the_list(self, seal):
        private_key, certificate, chain = seal
        entry = credential(status_index=1234)["credentialStatus"]
        data = openbadges.status_list_credential(
            entry["statusListCredential"], ISSUER, [1234], valid_from=AWARDED
        )
        token = openbadges.sign_credential(data, private_key, certificate, chain)
        published = openbadges.verify_credential(token, certificate.public_key(), now=NOW)
        encoded = published["credentialSubject"]["encodedList"]
        assert openbadges.is_revoked(encoded, int(entry["statusListIndex"]))
        assert not openbadges.is_revoked(encoded, 1233)

    def test_the_same_revocations_give_the_same_bytes(self):
        assert openbadges.encode_status_list([5, 1]) == openbadges.encode_status_list([1, 5])

    @pytest.mark.parametrize(
        "encoded",
        [
            "H4sIAAAAAAAA",  # no multibase prefix
            "u" + _b64(gzip.compress(bytes(100))),  # under the 16KB minimum
            "u" + _b64(gzip.compress(bytes(17 * 1024 * 1024))),  # a gzip bomb
            "u" + _b64(b"not gzip at all"),
        ],
        ids=["no-prefix", "too-short", "too-large", "not-gzip"],
    )
    def test_malformed_lists_are_refused(self, encoded):
        with pytest.raises(ValueError):
            openbadges.decode_status_list(encoded)

    def test_an_index_outside_the_list_is_refused(self):
        with pytest.raises(ValueError):
            openbadges.encode_status_list([131072])
        with pytest.raises(IndexError):
            openbadges.is_revoked(openbadges.encode_status_list([]), 131072)

    @pytest.mark.parametrize(
        ("pk", "position"), [(1, (0, 1)), (131071, (0, 131071)), (131072, (1, 0))]
    )
    def test_status_position_is_divmod_of_the_primary_key(self, pk, position):
        assert openbadges.status_position(pk) == position


# What Bitstring Status List v1.0 §2.2 requires of the list credential (no official JSON
# Schema is published for it).
STATUS_LIST_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2019-09/schema",
    "type": "object",
    "required": ["@context", "id", "type", "issuer", "validFrom", "credentialSubject"],
    "properties": {
        "@context": {"type": "array", "items": [{"const": "https://www.w3.org/ns/credentials/v2"}]},
        "type": {
            "type": "array",
            "allOf": [
                {"contains": {"const": "VerifiableCredential"}},
                {"contains": {"const": "BitstringStatusListCredential"}},
            ],
        },
        "issuer": {"type": "string", "minLength": 1},
        "validFrom": {"type": "string", "format": "date-time"},
        "validUntil": {"type": "string", "format": "date-time"},
        "credentialSubject": {
            "type": "object",
            "required": ["id", "type", "statusPurpose", "encodedList"],
            "properties": {
                "type": {"const": "BitstringStatusList"},
                "statusPurpose": {"const": "revocation"},
                "encodedList": {"type": "string", "pattern": "^u[A-Za-z0-9_-]+$"},
            },
        },
    },
}
