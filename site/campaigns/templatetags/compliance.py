"""Template helpers for the compliance dashboard."""

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag
def query_with(request, key, value):
    """The current query string with `key` set to `value` (page, sort…), escaped by the
    template engine where it is used."""
    query = request.GET.copy()
    query[key] = value
    return query.urlencode()


@register.simple_tag
def bar_chart(rows):
    """A horizontal stacked bar per office (completed, in progress, the rest), as SVG with
    plain attributes so the page needs no script and no inline styles."""
    bars = []
    for row in rows:
        s = row.summary
        total = s.headcount or 1
        bars.append(
            {
                "row": row,
                "done": 100 * s.completed / total,
                "going": 100 * s.in_progress / total,
                "percent": s.percent_complete,
            }
        )
    return render_to_string("campaigns/includes/bar_chart.html", {"bars": bars})
