"""Demo seed for pacts and certificates: "Pakta Saya" with the Pilkada 2024 pact, which
requires the demo course, and the certificate design's signatory. Created once and then
left alone, so editors' changes survive a second seed."""

from courses.models import CoursePage, ModulePage
from netra.campaigns.demo import seed_campaign
from netra.campaigns.models import ElectionPeriod
from netra.home.models import HomePage
from netra.updates.demo import seed_material_update

from .demo_content import PACT
from .factories import PactIndexPageFactory, PactPageFactory
from .models import CertificateDesign, PactIndexPage, PactPage
from .services import current_version


def seed(*, stdout):
    home = HomePage.objects.get()
    index = PactIndexPage.objects.first() or PactIndexPageFactory(
        parent=home,
        intro="<p>Pakta integritas netralitas yang wajib ditandatangani pegawai.</p>",
    )
    pact = PactPage.objects.filter(slug=PACT["slug"]).first()
    if pact is None:
        pact = PactPageFactory(
            parent=index,
            title=PACT["title"],
            slug=PACT["slug"],
            election_period=ElectionPeriod.objects.filter(name="Pilkada Serentak 2024").first(),
            required_course=CoursePage.objects.order_by("path").first(),
        )
    version = current_version(pact)
    stdout.write(f"  pact “{pact.title}” (version {version.number if version else '-'})")
    seed_campaign(course=pact.required_course, pact=pact, stdout=stdout)
    course = pact.required_course
    if course is not None:
        module = ModulePage.objects.child_of(course).filter(slug="tidak-sengaja-menyukai").first()
        seed_material_update(course=course, module=module, pact=pact, stdout=stdout)

    design = CertificateDesign.load()
    if not design.signatory_name:
        design.signatory_name = "Drs. Bambang Sutrisno, M.Si."
        design.signatory_title = "Kepala BKPSDM Kota Wiratama"
        design.signatory_id = "NIP 197003151995031002"
        design.save()
    stdout.write(f"  certificates signed by {design.signatory_name}")
