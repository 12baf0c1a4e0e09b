"""`manage.py anonymise_employee NIP --reason …`."""

import pytest
from django.core.management import CommandError, call_command

from certificates.models import EvidenceEntry
from netra.people.factories import EmployeeFactory
from netra.people.models import EmploymentType
from netra.privacy.models import Anonymisation

from .conftest import deactivate

pytestmark = pytest.mark.django_db


@pytest.fixture
def gone(city, django_capture_on_commit_callbacks):
    employee = EmployeeFactory(office=city["kel"], with_account=True)
    return deactivate(employee, django_capture_on_commit_callbacks)


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("anonymise_employee", *args, stdout=out)
    return out.getvalue()


class CommandTests:
    def test_anonymises_by_nip_as_written_with_spaces(self, gone):
        nip = gone.nip
        spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
        out = run(spaced, "--reason", "SK Pensiun 800/1/2029")
        assert f"Employee {gone.pk} anonymised" in out
        gone.refresh_from_db()
        assert gone.name == f"Pegawai anonim #{gone.pk}"
        record = Anonymisation.objects.get()
        assert record.performed_by is None and record.reason == "SK Pensiun 800/1/2029"
        entry = EvidenceEntry.objects.get(kind="person.anonymised")
        assert entry.payload["by_user_id"] is None
        call_command("verify_evidence")

    def test_a_second_run_by_id_does_nothing(self, gone):
        run("--id", str(gone.pk), "--reason", "SK 1")
        out = run("--id", str(gone.pk), "--reason", "SK 1")
        assert "already anonymised" in out
        assert Anonymisation.objects.count() == 1

    def test_the_nip_is_gone_after_anonymisation(self, gone):
        nip = gone.nip
        run(nip, "--reason", "SK 1")
        with pytest.raises(CommandError, match="use --id"):
            run(nip, "--reason", "SK 1")

    def test_a_non_asn_employee_by_registration_number(
        self, city, django_capture_on_commit_callbacks
    ):
        employee = EmployeeFactory(
            office=city["kel"],
            employment_type=EmploymentType.NON_ASN,
            registration_number="PTT-0099",
        )
        employee = deactivate(employee, django_capture_on_commit_callbacks)
        run("PTT-0099", "--reason", "Kontrak berakhir")
        employee.refresh_from_db()
        assert employee.registration_number == ""

    def test_an_active_employee_is_refused(self, city):
        active = EmployeeFactory(office=city["kel"])
        with pytest.raises(CommandError, match="masih aktif"):
            run(active.nip, "--reason", "SK 1")
        assert not Anonymisation.objects.exists()

    @pytest.mark.parametrize(
        "args",
        [
            ["--reason", "x"],  # neither NIP nor id
            ["199001012015031001", "--id", "1", "--reason", "x"],  # both
            ["199001012015031001", "--reason", "x"],  # unknown
        ],
    )
    def test_bad_input_gets_a_clear_error(self, args, city):
        with pytest.raises(CommandError):
            run(*args)

    def test_an_empty_reason_is_refused(self, gone):
        with pytest.raises(CommandError, match="Alasan"):
            run("--id", str(gone.pk), "--reason", " ")
