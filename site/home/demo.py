"""Demo seed: make the home page the default site's root (idempotent)."""

from wagtail.models import Page, Site

from .models import HomePage

HOME = {
    "title": "Beranda",
    "slug": "beranda",
    "hero_title": "Netral di kantor, netral di media sosial",
    "hero_text": (
        "Netra membantu ASN dan pegawai non-ASN memahami aturan netralitas menjelang "
        "Pemilu dan Pilkada, termasuk di media sosial: unggah, komentar, bagikan, bahkan "
        "menyukai unggahan calon. Pelajari modulnya, kerjakan kuisnya, lalu tandatangani "
        "pakta integritas secara digital."
    ),
}


def seed(*, stdout):
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(**HOME))
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Netra"
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Netra"
        site.save()
        # Wagtail's initial "Welcome" page is not ours; drop it once nothing points at it.
        if old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()
    stdout.write("  home page is the site root")
