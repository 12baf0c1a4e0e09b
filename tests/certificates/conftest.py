"""A throw-away CA and seal key for the whole test session (created offline, ~ms)."""

import pytest
from django.conf import settings

from certificates.keys import create_seal


@pytest.fixture(scope="session")
def seal_key(tmp_path_factory):
    ca_path, seal_path = create_seal(
        tmp_path_factory.mktemp("seal"), organisation="Pemkot Uji", password="uji-segel"
    )
    saved = (settings.NETRA_SEAL_PKCS12, settings.NETRA_SEAL_PASSWORD)
    settings.NETRA_SEAL_PKCS12, settings.NETRA_SEAL_PASSWORD = str(seal_path), "uji-segel"
    yield ca_path
    settings.NETRA_SEAL_PKCS12, settings.NETRA_SEAL_PASSWORD = saved
