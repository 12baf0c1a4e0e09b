"""The impact history in the admin and "Terapkan ulang dampak": who may see and use it."""

import pytest
from django.urls import reverse

from netra.notifications.models import Notification
from netra.updates.factories import RegulationUpdatePageFactory
from netra.updates.models import ChangeKind, UpdateImpact
from tests.conftest import login_with_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(update_index, course, reviewer):
    update = RegulationUpdatePageFactory(
        parent=update_index,
        title="Pembaruan modul",
        change_kind=ChangeKind.MATERIAL,
        impact_reason="Alasan.",
        courses=[course],
        user=reviewer,
    )
    return UpdateImpact.objects.get(update=update)


def _reapply_url(impact):
    return reverse("updates_impact_reapply", args=[impact.pk])


class ImpactHistoryTests:
    def test_reviewer_sees_the_history_with_the_publisher(self, client, reviewer, recorded):
        login_with_mfa(client, reviewer)
        response = client.get(reverse("update_impacts:index"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Pembaruan modul" in html and "Terapkan ulang dampak" in html
        inspect = client.get(reverse("update_impacts:inspect", args=[recorded.pk]))
        assert inspect.status_code == 200 and "Alasan." in inspect.content.decode()

    def test_editor_sees_the_history_without_the_reapply_button(self, client, editor, recorded):
        login_with_mfa(client, editor)
        html = client.get(reverse("update_impacts:index")).content.decode()
        assert "Pembaruan modul" in html and "Terapkan ulang dampak" not in html

    def test_history_cannot_be_edited_or_deleted(self, admin_client, recorded):
        assert admin_client.get(reverse("update_impacts:index")).status_code == 200
        for name in ("edit", "delete"):
            with pytest.raises(Exception):  # noqa: B017 - the URL does not exist at all
                reverse(f"update_impacts:{name}", args=[recorded.pk])

    def test_a_learner_with_admin_access_but_no_group_sees_nothing(self, client, learner, recorded):
        from django.contrib.auth.models import Permission

        learner.user_permissions.add(Permission.objects.get(codename="access_admin"))
        login_with_mfa(client, learner)
        response = client.get(reverse("update_impacts:index"))
        assert response.status_code in (302, 403)


class ReapplyTests:
    def test_reviewer_reapplies_without_notifying_twice(
        self,
        client,
        reviewer,
        learner,
        recorded,
        fake_handler,
        django_capture_on_commit_callbacks,
    ):
        login_with_mfa(client, reviewer)
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(_reapply_url(recorded))
            assert response.status_code == 302
            assert response["Location"] == reverse("update_impacts:inspect", args=[recorded.pk])
        assert len(fake_handler.calls) == 2
        assert Notification.objects.filter(recipient=learner).count() == 1
        recorded.refresh_from_db()
        assert recorded.applied_at is not None and recorded.affected_count == 1

    def test_admin_may_reapply(
        self, admin_client, recorded, fake_handler, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            assert admin_client.post(_reapply_url(recorded)).status_code == 302
        assert len(fake_handler.calls) == 1

    def test_editor_may_not_reapply(
        self, client, editor, recorded, fake_handler, django_capture_on_commit_callbacks
    ):
        login_with_mfa(client, editor)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(_reapply_url(recorded))
        # Wagtail's admin turns the refusal into a redirect home with an error message.
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
        assert fake_handler.calls == []

    def test_reapply_needs_a_post(self, client, reviewer, recorded, fake_handler):
        login_with_mfa(client, reviewer)
        assert client.get(_reapply_url(recorded)).status_code == 405
        assert fake_handler.calls == []

    def test_anonymous_visitors_are_sent_to_sign_in(self, client, recorded, fake_handler):
        response = client.post(_reapply_url(recorded))
        assert response.status_code == 302 and "login" in response["Location"]
        assert fake_handler.calls == []
