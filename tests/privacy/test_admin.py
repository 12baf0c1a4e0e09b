"""The admin's "Anonimkan data…" on a departed employee: who sees and may use it, the
confirmation page, and what pressing it does."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from certificates.models import EvidenceEntry
from netra.people.factories import EmployeeFactory, UserFactory
from netra.people.models import HrAssignment
from netra.privacy.models import Anonymisation
from tests.conftest import login_with_mfa

from .conftest import deactivate

pytestmark = pytest.mark.django_db

LABEL = "Anonimkan data"


def url(employee):
    return reverse("privacy_anonymise_employee", args=[employee.pk])


def staff_with(*codenames):
    """Someone who may enter the admin, with these extra permissions."""
    user = UserFactory(is_staff=True)
    group = Group.objects.create(name=f"staf-{user.pk}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(codename=codename))
    user.groups.add(group)
    return user


@pytest.fixture
def gone(city, django_capture_on_commit_callbacks):
    """A departed employee with an account and a name that is also HTML."""
    employee = EmployeeFactory(
        office=city["dinas"], name="<b>Rina</b> Wulandari", with_account=True
    )
    return deactivate(employee, django_capture_on_commit_callbacks)


@pytest.fixture
def superuser_client(client):
    return login_with_mfa(client, UserFactory(is_staff=True, is_superuser=True))


def unchanged(employee):
    employee.refresh_from_db()
    return not Anonymisation.objects.exists() and "Rina" in employee.name


class AccessTests:
    def test_learners_get_nothing(self, learner_client, gone):
        assert learner_client.get(url(gone)).status_code in (302, 403)
        response = learner_client.post(url(gone), {"reason": "x", "confirm": "on"})
        assert response.status_code in (302, 403)
        assert unchanged(gone)

    def test_hr_officers_get_nothing(self, client, gone, city):
        officer = UserFactory()
        HrAssignment.objects.create(user=officer, office=city["pemkot"])
        login_with_mfa(client, officer)
        response = client.post(url(gone), {"reason": "x", "confirm": "on"})
        assert response.status_code in (302, 403)
        assert unchanged(gone)

    def test_editors_who_manage_employees_but_lack_the_permission_get_nothing(self, client, gone):
        editor = staff_with("view_employee", "change_employee")
        login_with_mfa(client, editor)
        listing = client.get(reverse("wagtailsnippets_people_employee:list"))
        assert listing.status_code == 200 and LABEL not in listing.content.decode()
        edit = client.get(reverse("wagtailsnippets_people_employee:edit", args=[gone.pk]))
        assert edit.status_code == 200 and LABEL not in edit.content.decode()
        # Wagtail answers a PermissionDenied in the admin with a redirect and a message.
        assert client.get(url(gone)).status_code in (302, 403)
        response = client.post(url(gone), {"reason": "x", "confirm": "on"})
        assert response.status_code in (302, 403)
        assert unchanged(gone)

    def test_the_second_factor_is_needed_even_for_a_superuser(self, client, gone):
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        response = client.post(url(gone), {"reason": "x", "confirm": "on"})
        assert response.status_code == 302 and "/admin/" not in response["Location"]
        assert unchanged(gone)

    def test_holders_of_the_permission_may_anonymise(self, client, gone):
        login_with_mfa(client, staff_with("view_employee", "anonymise_employee"))
        response = client.post(url(gone), {"reason": "SK 1/2029", "confirm": "on"})
        assert response.status_code == 302
        assert Anonymisation.objects.get().employee == gone

    def test_an_unknown_employee_is_404(self, superuser_client):
        response = superuser_client.get(reverse("privacy_anonymise_employee", args=[999999]))
        assert response.status_code == 404


class ConfirmationPageTests:
    def test_superusers_see_the_button_and_the_confirmation(self, superuser_client, gone):
        listing = superuser_client.get(reverse("wagtailsnippets_people_employee:list"))
        assert url(gone) in listing.content.decode()
        edit = superuser_client.get(reverse("wagtailsnippets_people_employee:edit", args=[gone.pk]))
        assert url(gone) in edit.content.decode()
        page = superuser_client.get(url(gone))
        body = page.content.decode()
        assert page.status_code == 200
        assert "tidak dapat dibatalkan" in body and "Tanda tangan pakta integritas" in body

    def test_names_are_escaped(self, superuser_client, gone):
        body = superuser_client.get(url(gone)).content.decode()
        assert "&lt;b&gt;Rina&lt;/b&gt; Wulandari" in body
        assert "<b>Rina</b>" not in body

    def test_reason_and_confirmation_are_required(self, superuser_client, gone):
        response = superuser_client.post(url(gone), {"reason": "", "confirm": ""})
        assert response.status_code == 200
        assert unchanged(gone)

    def test_anonymising_from_the_admin(self, superuser_client, gone, capsys):
        response = superuser_client.post(url(gone), {"reason": "SK 1/2029", "confirm": "on"})
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "wagtailsnippets_people_employee:edit", args=[gone.pk]
        )
        gone.refresh_from_db()
        assert gone.name == f"Pegawai anonim #{gone.pk}"
        assert EvidenceEntry.objects.filter(kind="person.anonymised").count() == 1
        call_command("verify_evidence")
        assert "intact" in capsys.readouterr().out
        # The page now says it is done; pressing again changes nothing.
        assert "sudah dianonimkan" in superuser_client.get(url(gone)).content.decode()
        superuser_client.post(url(gone), {"reason": "lagi", "confirm": "on"})
        assert Anonymisation.objects.count() == 1
        assert EvidenceEntry.objects.filter(kind="person.anonymised").count() == 1

    def test_an_active_employee_gets_no_button_and_no_form(self, superuser_client, city):
        active = EmployeeFactory(office=city["dinas"], with_account=True)
        edit = superuser_client.get(
            reverse("wagtailsnippets_people_employee:edit", args=[active.pk])
        )
        assert url(active) not in edit.content.decode()
        page = superuser_client.get(url(active)).content.decode()
        assert "masih aktif" in page and 'name="reason"' not in page
        response = superuser_client.post(url(active), {"reason": "x", "confirm": "on"})
        assert response.status_code == 200 and "masih aktif" in response.content.decode()
        assert not Anonymisation.objects.exists()
