"""Demo seed: the regulation updates index, one published update, and the editorial
groups, workflow and page permissions (idempotent)."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from netra.home.models import HomePage
from netra.people import services as people_services
from netra.people.demo import DEMO_PASSWORD, DEMO_RECOVERY_SEED, DEMO_TOTP_SECRET
from netra.people.factories import totp_activate
from netra.regulations.models import RegulationPage

from . import services
from .editorial import EDITORS, REVIEWERS, editorial_setup
from .factories import RegulationUpdateIndexPageFactory, RegulationUpdatePageFactory
from .models import ChangeKind, RegulationUpdateIndexPage, RegulationUpdatePage, UpdateImpact

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
    seed_editorial_accounts(stdout=stdout)


# Who drafts and who approves in the demo; both need the authenticator app for the admin.
EDITORIAL_ACCOUNTS = (
    ("editor", "editor@wiratama.example", EDITORS),
    ("peninjau", "peninjau@wiratama.example", REVIEWERS),
)

DEMO_MATERIAL_UPDATE = {
    "title": "Siaran langsung kegiatan kampanye di akun pribadi termasuk pelanggaran (demo)",
    "slug": "siaran-langsung-kampanye-demo",
    "summary": (
        "Contoh perubahan material: modul tentang tanda suka yang tidak disengaja dan "
        "kuisnya diperbarui, dan pakta perlu ditandatangani ulang bila teksnya berubah."
    ),
    "body": (
        "<p>Pembaruan contoh ini menunjukkan alur sertifikasi ulang: pegawai yang sudah "
        "menyelesaikan kursus diminta membaca ulang modul yang berubah dan mengulang kuis."
        "</p>"
    ),
    "impact_reason": (
        "Aturan baru menegaskan bahwa menyiarkan langsung kegiatan kampanye di akun "
        "pribadi juga bentuk keberpihakan; modul dan kuis telah diperbarui."
    ),
}


def seed_editorial_accounts(*, stdout) -> None:
    for username, email, group_name in EDITORIAL_ACCOUNTS:
        user = people_services.account_provision(
            username=username, email=email, password=DEMO_PASSWORD
        )
        user.groups.add(Group.objects.get(name=group_name))
        totp_activate(user, secret=DEMO_TOTP_SECRET, recovery_seed=DEMO_RECOVERY_SEED)
    stdout.write("  demo accounts: editor (Editor Regulasi), peninjau (Peninjau Regulasi)")


def seed_material_update(*, course, module, pact, stdout) -> None:
    """A published material update of the demo course (one module changed) and pact,
    applied at once so the demo shows its effect. Called by the certificates seed, which
    runs after the course and the pact exist (`site` does not import those apps)."""
    index = RegulationUpdateIndexPage.objects.first()
    if (
        index is None
        or RegulationUpdatePage.objects.filter(change_kind=ChangeKind.MATERIAL).exists()
    ):
        return
    update = RegulationUpdatePageFactory(
        parent=index,
        date=timezone.localdate() - datetime.timedelta(days=1),
        change_kind=ChangeKind.MATERIAL,
        courses=[course],
        modules=[module] if module else [],
        pacts=[pact],
        **DEMO_MATERIAL_UPDATE,
    )
    for record in UpdateImpact.objects.filter(update=update, applied_at__isnull=True):
        result = services.apply_impact(record.pk)
        stdout.write(
            f"  material update “{update.title}”: {result.affected} affected, "
            f"{result.renewed} sent back"
        )
