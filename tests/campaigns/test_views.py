"""HR compliance dashboard: scope, drill-down, filters, employee pages."""

import pytest
from django.urls import reverse

from netra.campaigns import rollups
from netra.people.factories import EmployeeFactory, OfficeFactory
from netra.people.models import EmploymentType, OfficeKind
from tests.conftest import login_with_mfa

from .conftest import hr_for, read_all, read_first, sign_pact


@pytest.fixture
def kec_hr(client, city, tracked):
    return login_with_mfa(client, hr_for(city["kec"]))


def url(name, *args):
    return reverse(f"campaigns:{name}", args=args)


def test_hr_lands_on_their_own_office(kec_hr, tracked, city):
    response = kec_hr.get(url("dashboard"), follow=True)
    assert response.redirect_chain[-1][0].startswith(url("office", tracked.pk, city["kec"].pk))
    assert response.context["total"].headcount == 4
    assert [r.office for r in response.context["rows"]] == [city["kel"], city["kec"]]
    assert response.context["rows"][-1].direct
    assert response["Cache-Control"].startswith("max-age=0")


def test_other_offices_are_404_everywhere(kec_hr, tracked, city, staff):
    dinas, sd = city["dinas"], city["sd"]
    outsider = staff["sd"][0]
    for path in (
        url("office", tracked.pk, dinas.pk),
        url("office", tracked.pk, city["pemkot"].pk),
        url("employees", tracked.pk, sd.pk),
        url("employee", tracked.pk, outsider.pk),
    ):
        assert kec_hr.get(path).status_code == 404, path


def test_learners_and_anonymous_get_nothing(client, learner, tracked, city):
    assert client.get(url("dashboard")).status_code == 302  # sign in first
    client.force_login(learner)
    assert client.get(url("dashboard")).status_code == 404
    assert client.get(url("office", tracked.pk, city["kec"].pk)).status_code == 404


def test_drilldown_counts_and_sorts_worst_first(client, city, tracked, courses, pact, staff):
    hr = login_with_mfa(client, hr_for(city["pemkot"]))
    user = staff["kel"][0].user
    for course in courses:
        read_all(user, course)
    sign_pact(user, pact)
    read_first(staff["sd"][0].user, courses[0])
    rollups.fold()
    response = hr.get(url("office", tracked.pk, city["pemkot"].pk), {"urut": "terburuk"})
    rows = {r.office.pk: r.summary for r in response.context["rows"]}
    assert rows[city["kec"].pk].completed == 1
    assert rows[city["dinas"].pk].in_progress == 1
    assert [r.summary.percent_complete for r in response.context["rows"] if not r.direct] == sorted(
        r.summary.percent_complete for r in response.context["rows"] if not r.direct
    )
    assert response.context["total"].completed == 1
    assert b"<svg" in response.content


def test_filters_by_employment_type_and_course(client, city, tracked, courses, staff):
    EmployeeFactory(office=city["kel"], employment_type=EmploymentType.PPPK)
    from netra.campaigns import progress

    progress.employees_sync([e.pk for e in city["kel"].employees.all()])
    read_all(staff["kel"][0].user, courses[1])
    rollups.fold()
    hr = login_with_mfa(client, hr_for(city["kec"]))
    kel = url("office", tracked.pk, city["kec"].pk)
    pppk = hr.get(kel, {"jenis": "PPPK"}).context["total"]
    assert (pppk.headcount, pppk.completed) == (1, 0)
    second = hr.get(kel, {"kursus": "2"}).context["total"]
    assert (second.headcount, second.completed) == (5, 1)
    ignored = hr.get(kel, {"kursus": "99", "jenis": "<script>"}).context["total"]
    assert ignored.headcount == 5


def test_employee_list_and_detail(kec_hr, tracked, city, courses, staff):
    read_first(staff["kel"][1].user, courses[0])
    rollups.fold()
    response = kec_hr.get(url("employees", tracked.pk, city["kec"].pk), {"status": "proses"})
    names = [row.progress.employee for row in response.context["rows"]]
    assert names == [staff["kel"][1]]
    everyone = kec_hr.get(url("employees", tracked.pk, city["kec"].pk))
    assert everyone.context["page"].paginator.count == 4
    direct = kec_hr.get(url("employees", tracked.pk, city["kec"].pk), {"langsung": "1"})
    assert {r.progress.employee for r in direct.context["rows"]} == set(staff["kec"])
    detail = kec_hr.get(url("employee", tracked.pk, staff["kel"][1].pk))
    assert detail.status_code == 200
    assert detail.context["status"].value == "proses"


def test_html_in_names_is_escaped(kec_hr, tracked, city):
    from netra.campaigns import progress

    e = EmployeeFactory(office=city["kel"], name="<script>alert(1)</script>")
    progress.employees_sync([e.pk])
    response = kec_hr.get(url("employees", tracked.pk, city["kel"].pk))
    assert b"<script>alert(1)" not in response.content
    assert b"&lt;script&gt;" in response.content


def test_moving_an_office_changes_what_hr_sees_at_once(client, city, tracked, staff):
    from netra.people import services

    hr = login_with_mfa(client, hr_for(city["kec"]))
    assert hr.get(url("employees", tracked.pk, city["kel"].pk)).status_code == 200
    services.office_move(city["kel"], city["dinas"])
    assert hr.get(url("employees", tracked.pk, city["kel"].pk)).status_code == 404
    assert hr.get(url("employee", tracked.pk, staff["kel"][0].pk)).status_code == 404


def test_superuser_sees_every_agency(admin_client, tracked, city):
    other = OfficeFactory(name="Pemerintah Kabupaten Lain", kind=OfficeKind.PEMDA)
    response = admin_client.get(url("overview", tracked.pk))
    assert [r.office for r in response.context["rows"]] == [other, city["pemkot"]]


def test_unknown_period_is_404(kec_hr, city):
    assert kec_hr.get(url("overview", 999)).status_code == 404
