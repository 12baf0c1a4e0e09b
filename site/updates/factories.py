"""factory_boy factories for regulation update pages, shared by tests and the demo seed.

Pages are added under `parent` and published through a revision, the way a reviewer's
approval publishes them. Affected courses, modules and pacts are passed as pages
(`courses=[…]`, `modules=[…]`, `pacts=[…]`) and become the page's impact rows;
`regulations=[…]` links library pages.
"""

import datetime

import factory
from django.utils import timezone

from .models import (
    ChangeKind,
    RegulationUpdateIndexPage,
    RegulationUpdatePage,
    UpdateAffectedCourse,
    UpdateAffectedPact,
    UpdateChangedModule,
    UpdateRegulation,
)


class RegulationUpdateIndexPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegulationUpdateIndexPage

    title = "Pembaruan Regulasi"
    slug = "pembaruan-regulasi"
    intro = "Perubahan aturan netralitas ASN dan dampaknya pada kursus serta pakta."

    @classmethod
    def _create(cls, model_class, *, parent, **kwargs):
        page = model_class(**kwargs)
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page


class RegulationUpdatePageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegulationUpdatePage

    title = factory.Sequence(lambda n: f"Surat Edaran Netralitas Nomor {n}")
    date = factory.LazyFunction(timezone.localdate)
    summary = "Ketentuan baru tentang unggahan ASN di media sosial selama masa kampanye."
    body = (
        "<p>Surat edaran ini menegaskan bahwa ASN dilarang menyukai, membagikan, dan "
        "mengomentari unggahan peserta pemilihan.</p>"
    )
    change_kind = ChangeKind.MINOR
    impact_reason = ""

    @classmethod
    def _create(
        cls,
        model_class,
        *,
        parent,
        courses=(),
        modules=(),
        pacts=(),
        regulations=(),
        publish=True,
        user=None,
        go_live_at=None,
        **kwargs,
    ):
        page = model_class(go_live_at=go_live_at, **kwargs)
        page.affected_courses = [UpdateAffectedCourse(course=c) for c in courses]
        page.changed_modules = [UpdateChangedModule(module=m) for m in modules]
        page.affected_pacts = [UpdateAffectedPact(pact=p) for p in pacts]
        page.regulations = [UpdateRegulation(regulation=r) for r in regulations]
        parent.add_child(instance=page)
        revision = page.save_revision(user=user)
        if publish:
            revision.publish(user=user)
        else:
            page.live = False
            page.save(update_fields=["live"])
        page.refresh_from_db()
        return page


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)
