"""The impact of a published revision: recorded once per revision with who published it,
applied through every registered handler, and notified once per update page however
often it is published or re-applied."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from netra.notifications.models import Notification
from netra.people.models import HrAssignment
from netra.updates import impact, services
from netra.updates.factories import RegulationUpdatePageFactory
from netra.updates.models import ChangeKind, UpdateImpact

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr_officer(city):
    from netra.people.factories import UserFactory

    officer = UserFactory(username="petugas-sdm")
    HrAssignment.objects.create(user=officer, office=city["pemkot"])
    return officer


def _publish_material(update_index, course, modules, user, capture):
    with capture(execute=True):
        return RegulationUpdatePageFactory(
            parent=update_index,
            title="Modul media sosial diperbarui",
            change_kind=ChangeKind.MATERIAL,
            impact_reason="Contoh kasus tanda suka diganti.",
            courses=[course],
            modules=[modules[0]],
            user=user,
        )


def _republish(update, user, capture, **changes):
    update.refresh_from_db()
    for name, value in changes.items():
        setattr(update, name, value)
    with capture(execute=True):
        update.save_revision(user=user).publish(user=user)
    update.refresh_from_db()
    return update


class ImpactRecordTests:
    def test_publishing_records_the_revision_its_publisher_and_a_snapshot_of_the_impact(
        self,
        update_index,
        course,
        modules,
        reviewer,
        fake_handler,
        django_capture_on_commit_callbacks,
    ):
        update = _publish_material(
            update_index, course, modules, reviewer, django_capture_on_commit_callbacks
        )
        record = UpdateImpact.objects.get()
        assert record.update_id == update.pk
        assert record.revision_id == update.live_revision_id
        assert record.published_by == reviewer
        assert record.change_kind == ChangeKind.MATERIAL
        assert record.reason == "Contoh kasus tanda suka diganti."
        assert (record.course_ids, record.changed_module_ids, record.pact_ids) == (
            [course.pk],
            [modules[0].pk],
            [],
        )
        assert record.applied_at is not None and record.affected_count == 1

    def test_each_published_revision_gets_its_own_row_with_its_own_publisher(
        self,
        update_index,
        course,
        modules,
        editor,
        reviewer,
        admin_user,
        fake_handler,
        django_capture_on_commit_callbacks,
    ):
        update = _publish_material(
            update_index, course, modules, reviewer, django_capture_on_commit_callbacks
        )
        _republish(
            update, admin_user, django_capture_on_commit_callbacks, impact_reason="Salah ketik."
        )
        first, second = UpdateImpact.objects.order_by("pk")
        assert (first.published_by, second.published_by) == (reviewer, admin_user)
        assert (first.reason, second.reason) == ("Contoh kasus tanda suka diganti.", "Salah ketik.")
        assert first.revision_id != second.revision_id

    def test_saving_a_draft_records_nothing(self, update_index, editor, fake_handler):
        RegulationUpdatePageFactory(parent=update_index, publish=False, user=editor)
        assert not UpdateImpact.objects.exists()
        assert fake_handler.calls == []


class ApplyImpactTests:
    def test_handlers_get_the_impact_and_learners_and_hr_are_notified(
        self,
        update_index,
        course,
        modules,
        reviewer,
        learner,
        hr_officer,
        fake_handler,
        django_capture_on_commit_callbacks,
    ):
        update = _publish_material(
            update_index, course, modules, reviewer, django_capture_on_commit_callbacks
        )
        (data,) = fake_handler.calls
        assert data == impact.Impact(
            impact_id=UpdateImpact.objects.get().pk,
            update_page_id=update.pk,
            title="Modul media sosial diperbarui",
            reason="Contoh kasus tanda suka diganti.",
            material=True,
            course_ids=(course.pk,),
            changed_step_ids=(modules[0].pk,),
            pact_ids=(),
            url=update.url,
        )
        (note,) = Notification.objects.filter(recipient=learner)
        assert note.key == f"update-{update.pk}-material"
        assert note.title == "Perlu dipelajari ulang: Modul media sosial diperbarui"
        assert note.body == "Contoh kasus tanda suka diganti." and note.url == update.url
        (summary,) = Notification.objects.filter(recipient=hr_officer)
        assert "Modul media sosial diperbarui" in summary.title
        record = UpdateImpact.objects.get()
        assert (record.affected_count, record.renewed_count) == (1, 1)

    def test_republishing_and_rerunning_neither_reset_nor_notify_anyone_twice(
        self,
        update_index,
        course,
        modules,
        reviewer,
        learner,
        hr_officer,
        fake_handler,
        django_capture_on_commit_callbacks,
        mailoutbox,
    ):
        update = _publish_material(
            update_index, course, modules, reviewer, django_capture_on_commit_callbacks
        )
        _republish(update, reviewer, django_capture_on_commit_callbacks, summary="Typo diperbaiki.")
        call_command("apply_update_impact", "--update", str(update.pk), stdout=io.StringIO())
        call_command("apply_update_impact", "--all", stdout=io.StringIO())

        assert len(fake_handler.calls) == 4  # two publishes, two command runs
        assert len(fake_handler.renewed) == 1  # the learner was sent back once
        assert Notification.objects.filter(recipient=learner).count() == 1
        assert Notification.objects.filter(recipient=hr_officer).count() == 1
        assert [m.to for m in mailoutbox].count([learner.email]) == 1
        assert sum(i.renewed_count for i in UpdateImpact.objects.all()) == 1

    def test_turning_a_minor_update_material_notifies_again(
        self,
        update_index,
        course,
        modules,
        reviewer,
        learner,
        fake_handler,
        django_capture_on_commit_callbacks,
    ):
        with django_capture_on_commit_callbacks(execute=True):
            update = RegulationUpdatePageFactory(
                parent=update_index, title="Catatan", courses=[course], user=reviewer
            )
        _republish(
            update,
            reviewer,
            django_capture_on_commit_callbacks,
            change_kind=ChangeKind.MATERIAL,
            impact_reason="Kini wajib diulang.",
        )
        keys = set(Notification.objects.filter(recipient=learner).values_list("key", flat=True))
        assert keys == {f"update-{update.pk}-minor", f"update-{update.pk}-material"}
        assert len(fake_handler.renewed) == 1  # only the material revision renews

    def test_no_handler_affecting_anyone_notifies_nobody(
        self, update_index, reviewer, monkeypatch, django_capture_on_commit_callbacks
    ):
        monkeypatch.setattr(impact, "_handlers", {})
        with django_capture_on_commit_callbacks(execute=True):
            RegulationUpdatePageFactory(parent=update_index, user=reviewer)
        assert not Notification.objects.exists()
        assert UpdateImpact.objects.get().applied_at is not None


class CommandTests:
    def test_command_needs_a_target(self):
        with pytest.raises(CommandError):
            call_command("apply_update_impact")

    def test_command_refuses_an_update_never_published(self, update_index):
        draft = RegulationUpdatePageFactory(parent=update_index, publish=False)
        with pytest.raises(CommandError, match="no published impact"):
            call_command("apply_update_impact", "--update", str(draft.pk))

    def test_command_applies_the_latest_revision_of_each_update(
        self,
        update_index,
        course,
        modules,
        reviewer,
        fake_handler,
        capsys,
        django_capture_on_commit_callbacks,
    ):
        update = _publish_material(
            update_index, course, modules, reviewer, django_capture_on_commit_callbacks
        )
        _republish(update, reviewer, django_capture_on_commit_callbacks, impact_reason="Versi 2.")
        fake_handler.calls.clear()
        call_command("apply_update_impact", "--all")
        (data,) = fake_handler.calls
        assert data.reason == "Versi 2."
        assert "1 impact(s) applied." in capsys.readouterr().out

    def test_apply_impact_is_the_service_every_path_uses(self, update_index, fake_handler):
        update = RegulationUpdatePageFactory(parent=update_index)
        record = UpdateImpact.objects.get(update=update)
        result = services.apply_impact(record.pk)
        assert result.handlers == 1 and result.affected == 1 and result.renewed == 0
