"""factory_boy factories for course pages, shared by tests and the demo seed.

Pages are added under `parent` with treebeard's `add_child` and published through a
revision, the way an editor would publish them in the Wagtail admin.
"""

import factory

from netra.home.factories import PageFactory

from .models import CourseIndexPage, CoursePage, ModulePage


class CourseIndexPageFactory(PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Kursus"
    slug = "kursus"


class CoursePageFactory(PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Kursus Netralitas {n}")
    summary = "Aturan netralitas ASN di media sosial menjelang pemilihan."


class ModulePageFactory(PageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Modul {n}")
    intro = "Ringkasan modul."
    body = factory.LazyFunction(
        lambda: [
            ("heading", "Menyukai unggahan calon"),
            ("paragraph", "<p>Menyukai unggahan calon adalah bentuk dukungan.</p>"),
            (
                "do_dont",
                {
                    "title": "Di media sosial",
                    "allowed": ["Membagikan informasi resmi KPU"],
                    "forbidden": ["Menyukai unggahan calon"],
                },
            ),
            (
                "rule_quote",
                {
                    "text": "PNS dilarang memberikan dukungan kepada calon.",
                    "citation": "PP 94/2021 Pasal 5 huruf n",
                    "source_url": "",
                },
            ),
        ]
    )


def course_with_modules(*, parent, modules: int = 3, **course_kwargs) -> CoursePage:
    """A published course with `modules` published modules, for tests."""
    course = CoursePageFactory(parent=parent, **course_kwargs)
    for _ in range(modules):
        ModulePageFactory(parent=course)
    return course


def modules_of(course: CoursePage) -> list[ModulePage]:
    """The course's modules in reading order, for tests."""
    return list(ModulePage.objects.child_of(course).order_by("path"))
