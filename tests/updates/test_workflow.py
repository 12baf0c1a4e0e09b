"""The editorial workflow, walked through the Wagtail admin: an editor drafts and submits
but cannot publish; a reviewer approves, which publishes; learners and visitors never
reach the editor. Scheduled publishing goes live through `publish_scheduled`."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from netra.updates.editorial import EDITORS, REVIEWERS, WORKFLOW, editorial_setup
from netra.updates.factories import RegulationUpdatePageFactory
from netra.updates.models import ChangeKind, RegulationUpdatePage, UpdateImpact
from tests.conftest import login_with_mfa

pytestmark = pytest.mark.django_db


def _add_url(update_index):
    return reverse(
        "wagtailadmin_pages:add", args=["updates", "regulationupdatepage", update_index.pk]
    )


def _form(course=None, **extra):
    data = {
        "title": "SE Bersama Netralitas 2029",
        "slug": "se-bersama-2029",
        "date": "2029-01-15",
        "summary": "Ringkasan perubahan.",
        "body": rich_text("<p>Isi surat edaran.</p>"),
        "change_kind": ChangeKind.MATERIAL,
        "impact_reason": "Bagian tanda suka diperbarui.",
        "affected_courses": inline_formset([{"course": course.pk}] if course else []),
        "changed_modules": inline_formset([]),
        "affected_pacts": inline_formset([]),
        "regulations": inline_formset([]),
        **extra,
    }
    return nested_form_data(data)


class EditorialSetupTests:
    def test_setup_is_idempotent_and_assigns_the_workflow_to_the_index(self, update_index):
        editorial_setup()
        editorial_setup()
        update_index.refresh_from_db()
        workflow = Page.objects.get(pk=update_index.pk).get_workflow()
        assert workflow.name == WORKFLOW
        (task,) = workflow.tasks.all()
        assert list(task.specific.groups.values_list("name", flat=True)) == [REVIEWERS]
        from django.contrib.auth.models import Group

        editors = Group.objects.get(name=EDITORS)
        assert editors.permissions.filter(codename="access_admin").exists()
        assert sorted(editors.page_permissions.values_list("permission__codename", flat=True)) == [
            "add_page",
            "change_page",
        ]


class WorkflowTests:
    def test_editor_submits_a_draft_for_review_and_cannot_publish(
        self, client, update_index, editor, course
    ):
        login_with_mfa(client, editor)
        assert client.get(_add_url(update_index)).status_code == 200
        response = client.post(
            _add_url(update_index), _form(course, **{"action-publish": "publish"})
        )
        assert response.status_code == 302
        page = RegulationUpdatePage.objects.get(slug="se-bersama-2029")
        assert not page.live  # asking to publish only saved a draft
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            _form(course, **{"action-submit": "submit"}),
        )
        assert response.status_code == 302
        page.refresh_from_db()
        assert not page.live
        state = WorkflowState.objects.get(object_id=str(page.pk))
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.workflow.name == WORKFLOW
        assert not UpdateImpact.objects.exists()

    def test_invalid_impact_is_refused_with_the_message_and_nothing_is_saved(
        self, client, update_index, editor
    ):
        login_with_mfa(client, editor)
        response = client.post(_add_url(update_index), _form(None))
        assert response.status_code == 200
        assert "minimal satu kursus atau satu pakta" in response.content.decode()
        assert not RegulationUpdatePage.objects.exists()

    def test_reviewer_approves_which_publishes_and_records_the_impact(
        self,
        client,
        update_index,
        editor,
        reviewer,
        course,
        fake_handler,
        django_capture_on_commit_callbacks,
    ):
        page = RegulationUpdatePageFactory(
            parent=update_index,
            publish=False,
            user=editor,
            change_kind=ChangeKind.MATERIAL,
            impact_reason="Alasan.",
            courses=[course],
        )
        workflow = page.get_workflow()
        workflow.start(page, editor)
        task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state

        # The editor cannot approve their own submission.
        login_with_mfa(client, editor)
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
        )
        client.post(url, {"comment": ""})
        page.refresh_from_db()
        assert not page.live

        login_with_mfa(client, reviewer)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"comment": "Sudah sesuai."})
        assert response.status_code in (200, 302)
        page.refresh_from_db()
        assert page.live
        impact = UpdateImpact.objects.get()
        assert impact.published_by == reviewer and impact.applied_at is not None
        assert len(fake_handler.calls) == 1

    def test_learners_and_visitors_never_reach_the_editor(self, client, update_index, learner):
        url = _add_url(update_index)
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
        client.force_login(learner)
        response = client.get(url)
        # Wagtail sends a signed-in user without admin access back to the sign-in page.
        assert response.status_code == 302 and response["Location"].startswith("/akun/login/")
        client.post(url, _form(None, change_kind=ChangeKind.MINOR))
        assert not RegulationUpdatePage.objects.exists()


class ScheduledPublishingTests:
    def test_publish_scheduled_publishes_an_update_whose_go_live_date_passed(
        self, update_index, reviewer, fake_handler
    ):
        page = RegulationUpdatePageFactory(
            parent=update_index,
            publish=False,
            go_live_at=timezone.now() + datetime.timedelta(hours=1),
        )
        revision = page.save_revision(user=reviewer)
        revision.publish(user=reviewer)  # approved, but the date is in the future
        page.refresh_from_db()
        assert not page.live and not UpdateImpact.objects.exists()

        # An hour passes: the approved date and the one in the revision are now behind us.
        past = timezone.now() - datetime.timedelta(minutes=1)
        revision.content["go_live_at"] = past.isoformat()
        Revision.objects.filter(pk=revision.pk).update(
            approved_go_live_at=past, content=revision.content
        )
        call_command("publish_scheduled")
        page.refresh_from_db()
        assert page.live
        impact = UpdateImpact.objects.get()
        assert impact.revision_id == revision.pk
        assert impact.published_by == reviewer  # who approved the schedule


class SeedAndCommandTests:
    def test_demo_seed_is_idempotent_and_sets_up_the_review(self, home, fake_handler):
        import io

        from django.apps import apps

        config = apps.get_app_config("updates")
        config.seed_demo(stdout=io.StringIO())
        config.seed_demo(stdout=io.StringIO())
        (update,) = RegulationUpdatePage.objects.live()
        assert update.get_workflow().name == WORKFLOW
        assert UpdateImpact.objects.count() == 1

    def test_setup_editorial_command_reports_each_index(self, update_index, capsys):
        call_command("setup_editorial")
        out = capsys.readouterr().out
        assert f"{update_index.title}: {EDITORS}, {REVIEWERS}, {WORKFLOW}" in out


class EditorDocumentTests:
    def test_editor_uploads_a_regulation_pdf_to_the_library(self, client, editor):
        from django.core.files.uploadedfile import SimpleUploadedFile
        from wagtail.documents.models import Document
        from wagtail.models import Collection

        from tests.regulations.test_documents import PDF

        login_with_mfa(client, editor)
        response = client.post(
            "/admin/documents/add/",
            {
                "title": "PP 94/2021",
                "collection": Collection.get_first_root_node().pk,
                "file": SimpleUploadedFile("pp.pdf", PDF, content_type="application/pdf"),
            },
        )
        assert response.status_code == 302
        assert Document.objects.get().title == "PP 94/2021"

    def test_learners_cannot_upload_documents(self, client, learner):
        login_with_mfa(client, learner)
        response = client.get("/admin/documents/add/")
        assert response.status_code in (302, 403)
