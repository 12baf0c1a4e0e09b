"""Signatures in the Wagtail admin: listed and inspected, never edited; revoked only by
people with the permission, through the service."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import NoReverseMatch, reverse

from certificates import services
from certificates.models import EvidenceEntry
from netra.people.factories import UserFactory
from tests.conftest import login_with_mfa

from .test_pact_services import sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def signature(pact, signer):
    return sign(signer, services.current_version(pact)).signature


@pytest.fixture
def admin_client(client):
    return login_with_mfa(client, UserFactory(is_superuser=True, is_staff=True))


def _editor(*codenames):
    """A staff member with admin access and the given certificates permissions."""
    user = UserFactory(is_staff=True)
    group = Group.objects.create(name=f"editors-{user.pk}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(codename=codename))
    user.groups.add(group)
    return user


def test_admins_list_and_inspect_signatures(admin_client, signature):
    listing = admin_client.get(reverse("pact_signatures:index"))
    assert listing.status_code == 200 and signature.signer["full_name"] in listing.content.decode()
    inspect = admin_client.get(reverse("pact_signatures:inspect", args=[signature.pk]))
    assert (
        inspect.status_code == 200
        and signature.evidence.entry_hash[:12] in inspect.content.decode()
    )


@pytest.mark.parametrize("view", ["add", "edit", "delete", "copy"])
def test_there_is_no_way_to_add_edit_or_delete(view):
    with pytest.raises(NoReverseMatch):
        reverse(f"pact_signatures:{view}", args=[] if view == "add" else [1])


def test_revoking_goes_through_the_service(admin_client, signature):
    url = reverse("certificates_signature_revoke", args=[signature.pk])
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, {"reason": ""}).status_code == 200  # reason required
    response = admin_client.post(url, {"reason": "Ditandatangani oleh orang lain"})
    assert response.status_code == 302
    signature.refresh_from_db()
    assert signature.revoked_reason == "Ditandatangani oleh orang lain"
    assert EvidenceEntry.objects.filter(kind="pact.revoked").count() == 1


def test_staff_without_permission_cannot_list_or_revoke(client, signature):
    login_with_mfa(client, _editor())
    assert client.get(reverse("pact_signatures:index")).status_code in (302, 403)
    url = reverse("certificates_signature_revoke", args=[signature.pk])
    # Wagtail answers a PermissionDenied in the admin with a redirect and a message.
    assert client.post(url, {"reason": "x"}).status_code in (302, 403)
    signature.refresh_from_db()
    assert signature.revoked_at is None


def test_the_revoke_permission_alone_is_enough_to_revoke(client, signature):
    login_with_mfa(client, _editor("view_pactsignature", "revoke_pactsignature"))
    assert client.get(reverse("pact_signatures:index")).status_code == 200
    url = reverse("certificates_signature_revoke", args=[signature.pk])
    assert client.post(url, {"reason": "Keliru"}).status_code == 302


def test_learners_get_nothing_from_the_admin(learner_client, signature):
    response = learner_client.get(reverse("pact_signatures:index"))
    assert response.status_code in (302, 403)
    url = reverse("certificates_signature_revoke", args=[signature.pk])
    assert learner_client.post(url, {"reason": "x"}).status_code in (302, 403)
