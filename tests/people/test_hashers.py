"""Password hashing as configured for every environment but the tests (which use MD5 for
speed): Argon2id at OWASP's minimum, and older PBKDF2 hashes upgraded at sign-in."""

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.test import override_settings

from netra.people.factories import UserFactory
from netra.settings import base

pytestmark = pytest.mark.django_db

PASSWORD = "Tahan-Uji-2026"


@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_new_passwords_are_argon2id_with_owasp_parameters():
    encoded = make_password(PASSWORD)
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password(PASSWORD, encoded)
    assert not check_password(PASSWORD + "x", encoded)
    assert not identify_hasher(encoded).must_update(encoded)


@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_a_pbkdf2_hash_still_signs_in_and_is_upgraded():
    user = UserFactory()
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    assert user.check_password(PASSWORD)  # upgrades through set_password + save

    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(PASSWORD)
