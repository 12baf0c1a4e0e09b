"""factory_boy factories for the regulation library, shared by tests and the demo seed.

Pages are added under `parent` and published through a revision, the way an editor
publishes them in the Wagtail admin. `RegulationPageFactory(relations=[(old, "mencabut")])`
records that the new regulation revokes (or, with "mengubah", amends) `old`.
"""

import datetime as dt

import factory

from netra.home.factories import PageFactory

from . import rules
from .models import RegulationIndexPage, RegulationPage, RegulationRelation, RegulationType


class RegulationIndexPageFactory(PageFactory):
    class Meta:
        model = RegulationIndexPage

    title = "Pustaka Regulasi"
    slug = "pustaka-regulasi"


class RegulationPageFactory(PageFactory):
    class Meta:
        model = RegulationPage

    regulation_type = RegulationType.PP
    number = factory.Sequence(lambda n: str(100 + n))
    year = 2021
    title = factory.LazyAttribute(
        lambda o: f"Peraturan Uji Nomor {o.number} Tahun {o.year} tentang Netralitas"
    )
    slug = factory.LazyAttribute(lambda o: f"{o.regulation_type}-{o.number}-{o.year}".lower())
    issuer = "Presiden Republik Indonesia"
    status = rules.BERLAKU
    effective_date = dt.date(2021, 8, 31)
    summary = "<p>Ringkasan regulasi uji.</p>"

    @classmethod
    def _page(cls, model_class, *, relations=(), **kwargs):
        page = model_class(**kwargs)
        for target, kind, *note in relations:
            page.relations.add(RegulationRelation(target=target, kind=kind, note="".join(note)))
        return page
