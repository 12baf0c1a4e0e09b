"""Audience matching shared by courses and pacts: "is this employee in scope?" as a query
annotation (for lists) and as a check on one object (for a single page)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from .models import AudienceMixin, Employee


def audience_edit_panels(relation: str = "audience_offices") -> list:
    """The editor's "Sasaran" panels: employment types, then the targeted office subtrees
    (the inline model named by `relation`)."""
    return [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("audience_pns"),
                        FieldPanel("audience_pppk"),
                        FieldPanel("audience_non_asn"),
                    ]
                )
            ],
            heading=_("Jenis kepegawaian"),
        ),
        InlinePanel(
            relation,
            heading=_("Unit kerja sasaran"),
            label=_("unit kerja"),
            help_text=_(
                "Kosongkan untuk semua unit. Sebuah unit mencakup seluruh unit di bawahnya."
            ),
        ),
    ]


def audience_annotations(employee: Employee | None, *, link_model) -> tuple[dict, Q]:
    """Annotations and a filter saying whether an object's audience includes `employee`:
    their employment type is ticked and the object targets no office or an office above
    theirs (an ancestor path, computed without a query). `link_model` is the inline model
    with a `ParentalKey` named by its `audience_parent` attribute and an `office` key."""
    if employee is None:
        return {}, Q(pk__in=[])
    targeted = link_model.objects.filter(**{link_model.audience_parent: OuterRef("pk")})
    annotations = {
        "targets_offices": Exists(targeted),
        "targets_me": Exists(targeted.filter(office__path__in=employee.office.ancestor_paths())),
    }
    type_field = AudienceMixin.AUDIENCE_FIELD[employee.employment_type]
    assigned = Q(**{type_field: True}) & (Q(targets_offices=False) | Q(targets_me=True))
    return annotations, assigned


def in_audience(obj: AudienceMixin, employee: Employee | None, *, office_paths: list[str]) -> bool:
    """Whether `employee` is in `obj`'s audience; `office_paths` are the paths of the
    offices `obj` targets (empty: every office)."""
    if employee is None or not employee.is_active:
        return False
    if not getattr(obj, AudienceMixin.AUDIENCE_FIELD[employee.employment_type]):
        return False
    if not office_paths:
        return True
    return any(employee.office.path.startswith(path) for path in office_paths)
