"""An HR officer's journey in a desktop Chromium: sign in with NIP, password and the code
from the authenticator app, open the compliance dashboard of the city, drill down to one
kecamatan and one kelurahan, see who has not finished, and download the XLSX."""

from io import BytesIO
from pathlib import Path

import openpyxl
import pytest

from netra.campaigns import rebuild, rollups
from netra.campaigns.factories import ElectionPeriodFactory
from netra.people.factories import EmployeeFactory, totp_activate
from netra.people.models import HrAssignment
from tests.campaigns.conftest import read_all
from tests.conftest import PASSWORD, totp_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def desk(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="id-ID", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def setting(city, course_index):
    from courses.factories import course_with_modules

    course = course_with_modules(parent=course_index, modules=1, title="Netralitas ASN")
    period = ElectionPeriodFactory(courses=[course])
    done = EmployeeFactory(office=city["kel"], with_account=True, name="Sri Rahayu")
    EmployeeFactory(office=city["kel"], name="Budi Santoso")
    EmployeeFactory(office=city["sd"], name="Orang Dinas")
    rebuild.rebuild(period.pk)
    read_all(done.user, course)
    rollups.fold()
    officer = EmployeeFactory(
        office=city["pemkot"], email="sdm@example.go.id", password=PASSWORD
    ).user
    HrAssignment.objects.create(user=officer, office=city["pemkot"])
    totp_activate(officer)
    return {"period": period, "officer": officer}


def test_hr_drills_down_to_a_kelurahan_and_downloads_xlsx(desk, live_server, city, setting):
    page = desk
    officer = setting["officer"]
    page.goto(f"{live_server.url}/akun/login/")
    page.fill("input[name=login]", officer.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main").get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/akun/2fa/authenticate/")
    page.get_by_label("Kode autentikator").fill(totp_code())
    page.locator("main").get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/kursus-saya/")

    page.get_by_role("link", name="Kepatuhan").click()
    page.wait_for_url("**/sdm/kepatuhan/**/unit/**")
    assert page.get_by_role("heading", level=1).inner_text() == city["pemkot"].name

    page.get_by_role("link", name=city["kec"].name).first.click()
    page.wait_for_url(f"**/unit/{city['kec'].pk}/**")
    assert "Kecamatan Utara" in page.locator("h1").inner_text()
    page.get_by_role("link", name=city["kel"].name).first.click()
    page.wait_for_url(f"**/unit/{city['kel'].pk}/pegawai/**")
    table = page.locator("table").inner_text()
    assert "Sri Rahayu" in table and "Budi Santoso" in table
    assert "Orang Dinas" not in table

    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh XLSX").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    book = openpyxl.load_workbook(BytesIO(Path(download.path()).read_bytes()), read_only=True)
    cells = [
        " ".join(str(c) for c in row if c is not None)
        for row in book.active.iter_rows(values_only=True)
    ]
    assert any("Sri Rahayu" in row for row in cells)
    assert any("Budi Santoso" in row for row in cells)
    assert not any("Orang Dinas" in row for row in cells)
