"""Demo seed: the regulation updates index, one published update, and the editorial
groups, workflow and page permissions (idempotent)."""

import datetime

from django.utils import timezone

from netra.home.models import HomePage
from netra.regulations.models import RegulationPage

from .editorial import editorial_setup
from .factories import RegulationUpdateIndexPageFactory, RegulationUpdatePageFactory
from .models import RegulationUpdateIndexPage, RegulationUpdatePage

DEMO_UPDATE = {
    "title": "Larangan memberi tanda suka pada unggahan peserta pemilihan ditegaskan",
    "slug": "larangan-tanda-suka-ditegaskan",
    "summary": (
        "Surat edaran bersama terbaru menegaskan bahwa menyukai, membagikan, atau "
        "mengomentari unggahan peserta pemilihan termasuk pelanggaran netralitas ASN."
    ),
    "body": (
        "<p>Surat edaran bersama tentang netralitas ASN pada masa kampanye menegaskan "
        "bahwa tanda suka (<i>like</i>) pada unggahan calon atau partai adalah bentuk "
        "keberpihakan.</p>"
        "<h3>Yang perlu dilakukan</h3>"
        "<ul><li>Periksa kembali akun media sosial Anda.</li>"
        "<li>Batalkan tanda suka pada unggahan peserta pemilihan.</li></ul>"
    ),
}


def seed(*, stdout):
    home = HomePage.objects.first()
    index = RegulationUpdateIndexPage.objects.first()
    if index is None and home is not None:
        index = RegulationUpdateIndexPageFactory(parent=home)
    if index is not None and not RegulationUpdatePage.objects.exists():
        # The regulations app seeds before this one (INSTALLED_APPS order).
        regulations = list(RegulationPage.objects.live().order_by("-year")[:2])
        RegulationUpdatePageFactory(
            parent=index,
            date=timezone.localdate() - datetime.timedelta(days=3),
            regulations=regulations,
            **DEMO_UPDATE,
        )
    for line in editorial_setup():
        stdout.write(f"  {line}")
