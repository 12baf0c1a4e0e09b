"""HR sees who a regulation update sent back ("perlu diperbarui") in the employee list and
on the employee page, within their own offices only, without a query per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import recertification
from netra.campaigns.export_views import written_nip
from netra.updates.impact import Impact
from tests.conftest import login_with_mfa

from .conftest import hr_for, read_all

pytestmark = pytest.mark.django_db

REASON = "Perpres 12/2029 menambah larangan baru."


def send_back(course, *users):
    for user in users:
        read_all(user, course)
    return recertification.apply_impact(
        Impact(
            impact_id=1,
            update_page_id=900,
            title="Perubahan aturan",
            reason=REASON,
            material=True,
            course_ids=(course.pk,),
        )
    )


def employees_url(period, office):
    return reverse("campaigns:employees", args=[period.pk, office.pk])


def employee_url(period, employee):
    return reverse("campaigns:employee", args=[period.pk, employee.pk])


def test_hr_sees_perlu_diperbarui_within_their_scope(client, tracked, courses, staff, city):
    inside, outside = staff["kel"][0], staff["sd"][0]
    send_back(courses[0], inside.user, outside.user)
    hr = login_with_mfa(client, hr_for(city["kec"]))

    response = hr.get(employees_url(tracked, city["kec"]))
    flagged = {r.progress.employee_id: r.renewals for r in response.context["rows"]}
    assert [r.what for r in flagged[inside.pk]] == [courses[0].title]
    assert all(not v for k, v in flagged.items() if k != inside.pk)
    assert outside.pk not in flagged
    assert "Perlu diperbarui" in response.content.decode()

    detail = hr.get(employee_url(tracked, inside)).content.decode()
    assert "Perlu diperbarui" in detail and REASON in detail
    assert hr.get(employee_url(tracked, outside)).status_code == 404
    assert hr.get(employees_url(tracked, city["sd"])).status_code == 404


def test_the_flag_goes_once_the_course_is_completed_again(client, tracked, courses, staff, city):
    person = staff["kel"][0]
    send_back(courses[0], person.user)
    read_all(person.user, courses[0])
    hr = login_with_mfa(client, hr_for(city["kec"]))
    detail = hr.get(employee_url(tracked, person)).content.decode()
    assert "Perlu diperbarui" not in detail


def test_the_list_costs_the_same_queries_however_many_are_flagged(
    client, tracked, courses, staff, city
):
    hr = login_with_mfa(client, hr_for(city["pemkot"]))
    url = employees_url(tracked, city["pemkot"])
    send_back(courses[0], staff["kel"][0].user)
    hr.get(url)  # warm the caches the first page view fills
    with CaptureQueriesContext(connection) as one:
        assert hr.get(url).status_code == 200
    send_back(courses[1], *(e.user for key in ("dinas", "sd", "kec") for e in staff[key]))
    with CaptureQueriesContext(connection) as many:
        response = hr.get(url)
    assert sum(bool(r.renewals) for r in response.context["rows"]) == 7
    assert len(many) == len(one)


def test_the_employee_export_carries_the_renewal_and_its_reason(
    client, tracked, courses, staff, city
):
    inside = staff["kel"][0]
    send_back(courses[0], inside.user)
    hr = login_with_mfa(client, hr_for(city["kec"]))
    url = reverse("campaigns:employees_export", args=[tracked.pk, city["kec"].pk, "csv"])
    text = b"".join(hr.get(url).streaming_content).decode("utf-8-sig")
    header = next(line for line in text.splitlines() if line.startswith("Nama;"))
    assert header.endswith(";Perlu diperbarui")
    # Matched by NIP: factory names are random and two employees may share one.
    (line,) = [line for line in text.splitlines() if f";{written_nip(inside.nip)};" in line]
    assert line.startswith(inside.full_name)
    assert line.endswith(f"{courses[0].title}: {REASON}")
    neighbour = f";{written_nip(staff['kel'][1].nip)};"
    (other,) = [line for line in text.splitlines() if neighbour in line]
    assert other.endswith(";")
