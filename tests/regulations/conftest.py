import datetime as dt

import pytest

from netra.regulations import rules
from netra.regulations.factories import RegulationIndexPageFactory, RegulationPageFactory
from netra.regulations.models import RegulationType


@pytest.fixture
def library(home):
    return RegulationIndexPageFactory(parent=home)


@pytest.fixture
def asn_laws(library):
    """UU 5/2014, revoked by UU 20/2023 (its own page still says "berlaku", as an editor
    who has not caught up would leave it), and PP 94/2021."""
    old = RegulationPageFactory(
        parent=library,
        regulation_type=RegulationType.UU,
        number="5",
        year=2014,
        title="Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara",
        issuer="DPR dan Presiden RI",
        effective_date=dt.date(2014, 1, 15),
    )
    new = RegulationPageFactory(
        parent=library,
        regulation_type=RegulationType.UU,
        number="20",
        year=2023,
        title="Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
        issuer="DPR dan Presiden RI",
        summary="<p>Netralitas menjadi asas dan kewajiban setiap pegawai ASN.</p>",
        relations=[(old, rules.REVOKES)],
    )
    pp = RegulationPageFactory(
        parent=library,
        regulation_type=RegulationType.PP,
        number="94",
        year=2021,
        title="Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
        summary="<p>Tujuh bentuk dukungan kepada calon yang dilarang bagi PNS.</p>",
    )
    return {"uu5": old, "uu20": new, "pp94": pp}
