"""Demo seed for courses: the catalogue page and "Netralitas ASN di Media Sosial".

The text lives in `demo_content.py`. Pages are created once and then left alone, so an
editor's changes in the Wagtail admin survive a second `seed_demo`.
"""

import datetime as dt

from django.utils import timezone

from netra.home.models import HomePage
from netra.people.models import User
from netra.regulations.demo import regulations_cited

from . import services
from .demo_content import COURSE
from .factories import CourseIndexPageFactory, CoursePageFactory, ModulePageFactory
from .models import CourseIndexPage, CoursePage, ModulePage

DEMO_LEARNER_USERNAME = "199005122015032001"


def _linked(value: dict, citation: str) -> dict:
    """The block value with its citation linked to the library page it names (seeded by
    netra.regulations before courses), or unlinked when the library does not have it."""
    cited = regulations_cited([citation])
    return {**value, "regulation": cited[0] if cited else None}


def seed(*, stdout):
    home = HomePage.objects.get()
    index = CourseIndexPage.objects.child_of(home).first() or CourseIndexPageFactory(
        parent=home,
        title="Kursus",
        slug="kursus",
        intro="<p>Modul sosialisasi netralitas ASN untuk seluruh pegawai Pemerintah Kota.</p>",
    )
    course = CoursePage.objects.filter(slug=COURSE["slug"]).first()
    if course is None:
        course = CoursePageFactory(
            parent=index,
            title=COURSE["title"],
            slug=COURSE["slug"],
            summary=COURSE["summary"],
            learning_objectives=COURSE["learning_objectives"],
            audience_description=COURSE["audience_description"],
            estimated_minutes=COURSE["estimated_minutes"],
            deadline=timezone.localdate() + dt.timedelta(days=30),
            regulations=[("regulation", _linked(r, r["title"])) for r in COURSE["regulations"]],
            certificate_validity="months",
            certificate_valid_months=12,
            certificate_expiry_notice_days=30,
        )
        for module in COURSE["modules"]:
            ModulePageFactory(
                parent=course,
                title=module["title"],
                slug=module["slug"],
                intro=module["intro"],
                estimated_minutes=module["estimated_minutes"],
                body=[
                    (kind, _linked(value, value["citation"]) if kind == "rule_quote" else value)
                    for kind, value in module["body"]
                ],
            )
        # Show the demo learner a course already under way.
        learner = User.objects.filter(username=DEMO_LEARNER_USERNAME).first()
        first = ModulePage.objects.child_of(course).order_by("path").first()
        if learner and first:
            services.module_complete(user=learner, module=first)
    stdout.write(
        f"  course “{course.title}” with {ModulePage.objects.child_of(course).count()} modules"
    )
