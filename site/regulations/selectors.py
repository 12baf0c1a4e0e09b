"""Reads for the regulation library and the site search.

Lists cost a fixed number of queries whatever their length: the page of regulations, then
one query for the live relations pointing at them (their shown status, `rules.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from wagtail.models import Page, PageViewRestriction, get_page_models

from netra.home.wagtail_hooks import page_type_is_public

from . import rules
from .models import RegulationPage, RegulationRelation, RegulationStatus, RegulationType

LIBRARY_PAGE_SIZE = 20
SEARCH_PAGE_SIZE = 20

# Higher instruments first within a year (the order of RegulationType).
_TYPE_RANK = Case(
    *(
        When(regulation_type=value, then=Value(rank))
        for rank, value in enumerate(RegulationType.values)
    ),
    default=Value(len(RegulationType.values)),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class RegulationItem:
    page: RegulationPage
    status: str  # the status shown: rules.effective_status

    @property
    def status_label(self) -> str:
        return RegulationStatus(self.status).label


def _status_filter(status: str) -> Q:
    """Regulations whose *shown* status is `status` (needs `_with_incoming` annotations)."""
    revoked = Q(status=rules.DICABUT) | Q(revoked_by_live=True)
    amended = Q(status=rules.DIUBAH) | Q(amended_by_live=True)
    if status == rules.DICABUT:
        return revoked
    if status == rules.DIUBAH:
        return ~revoked & amended
    return ~revoked & ~amended


def _with_incoming(queryset):
    live_in = RegulationRelation.objects.filter(target=OuterRef("pk"), regulation__live=True)
    return queryset.annotate(
        revoked_by_live=Exists(live_in.filter(kind=rules.REVOKES)),
        amended_by_live=Exists(live_in.filter(kind=rules.AMENDS)),
    )


def _items(pages) -> list[RegulationItem]:
    pages = list(pages)
    incoming: dict[int, list[str]] = {}
    rows = RegulationRelation.objects.filter(
        target__in=[p.pk for p in pages], regulation__live=True
    ).values_list("target_id", "kind")
    for target_id, kind in rows:
        incoming.setdefault(target_id, []).append(kind)
    return [
        RegulationItem(page=p, status=rules.effective_status(p.status, incoming.get(p.pk, [])))
        for p in pages
    ]


def regulation_library(*, index, filters: dict, page_number) -> dict:
    """One page of the live regulations under `index` matching `filters` (keys of
    `forms.LibraryFilterForm`: q, jenis, tahun, status), newest year first, plus the
    years that have regulations (for the filter)."""
    regulations = RegulationPage.objects.live().descendant_of(index)
    years = sorted(set(regulations.values_list("year", flat=True)), reverse=True)
    matching = _with_incoming(regulations)
    if "jenis" in filters:
        matching = matching.filter(regulation_type=filters["jenis"])
    if "tahun" in filters:
        matching = matching.filter(year=filters["tahun"])
    if "status" in filters:
        matching = matching.filter(_status_filter(filters["status"]))
    matching = matching.order_by("-year", _TYPE_RANK, "number")
    if filters.get("q"):
        # The search backend sees only indexed filter fields, so narrow by id first.
        ids = list(matching.values_list("pk", flat=True))
        matching = RegulationPage.objects.filter(pk__in=ids).search(filters["q"])
    paginator = Paginator(matching, LIBRARY_PAGE_SIZE)
    page_obj = paginator.get_page(page_number)
    return {
        "page_obj": page_obj,
        "regulations": _items(page_obj.object_list),
        "years": years,
        "is_filtered": bool(filters),
    }


def regulation_detail(*, regulation: RegulationPage) -> dict:
    """What a regulation page shows besides its fields: the status shown, the editor's
    status when they differ, and the live regulations it amends or revokes and that amend
    or revoke it."""
    outgoing = [
        r
        for r in regulation.relations.select_related("target").order_by("sort_order")
        if r.target.live
    ]
    incoming = list(
        RegulationRelation.objects.filter(target=regulation, regulation__live=True)
        .select_related("regulation")
        .order_by("-regulation__year", "regulation__title")
    )
    status = rules.effective_status(regulation.status, [r.kind for r in incoming])
    return {
        "status": status,
        "status_label": RegulationStatus(status).label,
        "stored_status_label": (
            RegulationStatus(regulation.status).label if status != regulation.status else ""
        ),
        "amends": [r for r in outgoing if r.kind == rules.AMENDS],
        "revokes": [r for r in outgoing if r.kind == rules.REVOKES],
        "amended_by": [r for r in incoming if r.kind == rules.AMENDS],
        "revoked_by": [r for r in incoming if r.kind == rules.REVOKES],
    }


def pages_visible_to(request):
    """Live pages the visitor of `request` may open, by the rules Wagtail's serve view
    applies: the page type's `login_required` (netra.home.wagtail_hooks) and Wagtail's view
    restrictions (private pages: signed in, groups, password), each asked through
    `PageViewRestriction.accept_request`."""
    pages = Page.objects.live()
    if not request.user.is_authenticated:
        public_models = [m for m in get_page_models() if page_type_is_public(m)]
        content_types = ContentType.objects.get_for_models(*public_models).values()
        pages = pages.filter(content_type__in=[ct.pk for ct in content_types])
    for restriction in PageViewRestriction.objects.select_related("page"):
        if not restriction.accept_request(request):
            pages = pages.not_descendant_of(restriction.page, inclusive=True)
    return pages


@dataclass(frozen=True)
class SearchHit:
    page: Page
    url: str
    kind: str  # the page type's name, shown as a badge
    kind_code: str  # app_label-model, for styling
    description: str


def _description(page) -> str:
    for attribute in ("search_description", "summary", "intro"):
        value = getattr(page, attribute, "")
        if isinstance(value, str) and value.strip():
            return value
        if hasattr(value, "source") and value.source:  # RichText
            return value.source
    return ""


def site_search(*, request, query: str, page_number) -> dict:
    """One page of the pages matching `query` that the visitor may open, most relevant
    first: courses, modules, quizzes, regulations, regulation updates (whatever page types
    exist; none is imported here)."""
    results = pages_visible_to(request).search(query)
    paginator = Paginator(results, SEARCH_PAGE_SIZE)
    page_obj = paginator.get_page(page_number)
    found = list(page_obj.object_list)
    specific = {p.pk: p for p in Page.objects.filter(pk__in=[p.pk for p in found]).specific()}
    hits = []
    for page in found:
        page = specific.get(page.pk, page)
        meta = page.specific_class._meta
        hits.append(
            SearchHit(
                page=page,
                url=page.get_url(request),
                kind=str(meta.verbose_name),
                kind_code=f"{meta.app_label}-{meta.model_name}",
                description=_description(page),
            )
        )
    return {"page_obj": page_obj, "hits": hits}
