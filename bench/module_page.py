"""Benchmark: a learner's module page with Netra's routing and caches vs Wagtail's defaults.

Builds its own data (a city's worth of course content: courses of 5, 50 and 200 modules)
in a throw-away test database, then serves the same module page both ways in the same run
and reports queries and median latency, with the ratio against the baseline.

    make bench            # or: .venv/bin/python bench/module_page.py
"""

import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.settings.test")
import warnings

warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from courses.factories import CourseIndexPageFactory, course_with_modules  # noqa: E402
from courses.models import ModulePage  # noqa: E402
from netra.home import routing  # noqa: E402
from netra.home.models import HomePage  # noqa: E402
from netra.home.page_cache import CachedViewRestrictionsMixin  # noqa: E402
from netra.people.factories import EmployeeFactory, OfficeFactory  # noqa: E402

ROUNDS = 40


def _measure(client, url):
    client.get(url)  # warm caches
    connection.queries_log.clear()  # a full log (maxlen) would hide new entries
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    queries = len(ctx)  # read now: later requests reset the connection's query log
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200
    return queries, statistics.median(timings) * 1000


def _wagtail_defaults():
    """Swap in Wagtail's own routing (site look-up and tree walk) and uncached view
    restrictions (the baseline)."""
    saved = (
        HomePage.route,
        CachedViewRestrictionsMixin.get_view_restrictions,
        routing.route_for_request,
    )
    HomePage.route = Page.route
    CachedViewRestrictionsMixin.get_view_restrictions = Page.get_view_restrictions
    routing.route_for_request = Page.route_for_request
    return saved


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Beranda", slug="beranda", hero_title="N"))
        Site.objects.update(root_page=home, hostname="testserver")
        index = CourseIndexPageFactory(parent=home)
        office = OfficeFactory(name="Pemkot Bench", code="BENCH")
        user = EmployeeFactory(office=office, with_account=True).user
        client = Client()
        client.force_login(user)
        print(f"{'modules':>8} {'variant':>16} {'queries':>8} {'median ms':>10} {'ratio':>7}")
        for size in (5, 50, 200):
            course = course_with_modules(parent=index, modules=size)
            url = ModulePage.objects.child_of(course).order_by("path")[size // 2].url
            cache.clear()
            q_new, t_new = _measure(client, url)
            saved = _wagtail_defaults()
            cache.clear()
            try:
                q_base, t_base = _measure(client, url)
            finally:
                (
                    HomePage.route,
                    CachedViewRestrictionsMixin.get_view_restrictions,
                    routing.route_for_request,
                ) = saved
            print(f"{size:>8} {'wagtail default':>16} {q_base:>8} {t_base:>10.2f} {1:>7.2f}")
            print(f"{size:>8} {'netra':>16} {q_new:>8} {t_new:>10.2f} {t_new / t_base:>7.2f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
