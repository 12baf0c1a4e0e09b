import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils.html import escape

from netra.people import services
from netra.people.factories import EmployeeFactory
from netra.people.models import Employee, EmploymentType

pytestmark = pytest.mark.django_db


class EmployeeValidationTests:
    def test_full_name_carries_titles_when_present(self, city):
        e = EmployeeFactory(
            office=city["dinas"], front_title="Dr.", name="Siti Aminah", back_title="S.Sos., M.Si."
        )
        assert e.full_name == "Dr. Siti Aminah, S.Sos., M.Si."

    def test_nip_is_stored_without_spaces_when_typed_grouped(self, city):
        e = services.employee_upsert(
            nip="19860926 201505 1 001",
            name="Budi",
            employment_type=EmploymentType.PNS,
            office=city["dinas"],
        )
        assert e.nip == "198609262015051001"

    def test_rejects_malformed_nip_with_reason_when_saving(self, city):
        with pytest.raises(ValidationError) as caught:
            services.employee_upsert(
                nip="198602302015051001",
                name="Budi",
                employment_type=EmploymentType.PNS,
                office=city["dinas"],
            )
        assert "bukan tanggal yang ada" in caught.value.message_dict["nip"][0]
        assert not Employee.objects.exists()

    def test_rejects_pppk_number_when_type_is_pns(self, city):
        with pytest.raises(ValidationError) as caught:
            services.employee_upsert(
                nip="200012312024211001",
                name="Ani",
                employment_type=EmploymentType.PNS,
                office=city["dinas"],
            )
        assert "NI PPPK" in caught.value.message_dict["nip"][0]

    def test_rejects_nip_when_employee_is_non_asn(self, city):
        with pytest.raises(ValidationError) as caught:
            services.employee_upsert(
                nip="198609262015051001",
                name="Yusuf",
                employment_type=EmploymentType.NON_ASN,
                office=city["kel"],
            )
        assert "non-ASN tidak memiliki NIP" in caught.value.message_dict["nip"][0]

    def test_requires_nip_when_employee_is_asn(self, city):
        with pytest.raises(ValidationError) as caught:
            services.employee_upsert(
                nip=None, name="Ani", employment_type=EmploymentType.PPPK, office=city["kel"]
            )
        assert "wajib" in caught.value.message_dict["nip"][0]

    def test_rejects_pns_grade_when_employee_is_pppk(self, city):
        with pytest.raises(ValidationError) as caught:
            services.employee_upsert(
                nip="200012312024211001",
                name="Ani",
                golongan="III/a",
                employment_type=EmploymentType.PPPK,
                office=city["kel"],
            )
        assert "I s.d. XVII" in caught.value.message_dict["golongan"][0]

    def test_upsert_updates_in_place_when_nip_exists(self, city):
        first = EmployeeFactory(office=city["dinas"], name="Budi")
        again = services.employee_upsert(
            nip=first.nip,
            name="Budi Santoso",
            employment_type=EmploymentType.PNS,
            office=city["kel"],
        )
        assert again.pk == first.pk and Employee.objects.count() == 1
        assert again.office == city["kel"]

    def test_duplicate_nip_is_refused_on_the_field_when_validated(self, city):
        first = EmployeeFactory(office=city["dinas"])
        second = Employee(
            nip=first.nip, name="Budi", employment_type=first.employment_type, office=city["kel"]
        )
        with pytest.raises(ValidationError) as caught:
            second.full_clean()
        [error] = caught.value.error_dict["nip"]
        assert error.code == "unique"
        with pytest.raises(IntegrityError), transaction.atomic():
            second.save()

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="index names are PostgreSQL's")
    def test_employee_table_keeps_no_index_that_another_covers_when_on_postgresql(self):
        # Every roster row pays for each index (issue 6's import benchmark): the office
        # is covered by (office, is_active), and no query searches NIPs with LIKE.
        with connection.cursor() as cursor:
            indexes = connection.introspection.get_constraints(cursor, Employee._meta.db_table)
        columns = sorted(
            tuple(info["columns"]) for info in indexes.values() if info["index"] or info["unique"]
        )
        assert columns == [
            ("id",),
            ("nip",),
            ("office_id", "is_active"),
            ("registration_number",),
            ("user_id",),
        ]

    def test_database_refuses_nip_for_non_asn_when_clean_is_bypassed(self, city):
        with pytest.raises(IntegrityError), transaction.atomic():
            Employee.objects.create(
                nip="198609262015051001",
                name="X",
                office=city["kel"],
                employment_type=EmploymentType.NON_ASN,
            )


class HtmlInNamesTests:
    def test_name_with_html_is_escaped_when_shown(self, client, course_index, city):
        e = EmployeeFactory(
            office=city["dinas"], name='<script>alert("x")</script>Budi', with_account=True
        )
        client.force_login(e.user)
        response = client.get("/kursus-saya/")
        body = response.content.decode()
        assert '<script>alert("x")</script>' not in body
        assert escape('<script>alert("x")</script>Budi') in body
