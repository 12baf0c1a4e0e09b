"""Editors build courses in the Wagtail admin, with revisions and preview."""

import json

import pytest

from courses.factories import course_with_modules
from courses.models import ModulePage
from netra.people.factories import UserFactory
from tests.conftest import login_with_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    return login_with_mfa(client, UserFactory(is_superuser=True, is_staff=True))


def _module_form(title, text):
    body = [{"type": "paragraph", "value": f"<p>{text}</p>", "id": "a1"}]
    return {
        "title": title,
        "slug": "",
        "intro": "Pengantar",
        "estimated_minutes": "5",
        "body-count": "1",
        "body-0-type": "paragraph",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-value": json.dumps(
            {
                "blocks": [
                    {
                        "key": "k",
                        "text": text,
                        "type": "unstyled",
                        "depth": 0,
                        "inlineStyleRanges": [],
                        "entityRanges": [],
                    }
                ],
                "entityMap": {},
            }
        ),
        "body-0-id": body[0]["id"],
    }


class ModuleAdminTests:
    def test_editor_adds_module_and_it_keeps_revisions(self, editor_client, course_index):
        course = course_with_modules(parent=course_index, modules=0)
        url = f"/admin/pages/add/courses/modulepage/{course.pk}/"
        assert editor_client.get(url).status_code == 200
        form = _module_form("Modul baru", "Isi pertama") | {"slug": "modul-baru"}
        response = editor_client.post(url, form)
        assert response.status_code == 302, response.content.decode()[:2000]
        module = ModulePage.objects.get(slug="modul-baru")
        assert not module.live and module.revisions.count() == 1
        edit = f"/admin/pages/{module.pk}/edit/"
        form = _module_form("Modul baru", "Isi kedua") | {
            "slug": "modul-baru",
            "action-publish": "1",
        }
        assert editor_client.post(edit, form).status_code == 302
        module.refresh_from_db()
        assert module.live and module.revisions.count() == 2
        assert "Isi kedua" in str(module.body)

    def test_editor_previews_a_module_before_publishing(self, editor_client, course_index):
        course = course_with_modules(parent=course_index, modules=1)
        module = ModulePage.objects.child_of(course).get()
        preview = f"/admin/pages/{module.pk}/edit/preview/"
        form = _module_form("Judul pratinjau", "Teks pratinjau") | {"slug": module.slug}
        assert editor_client.post(preview, form).json()["is_valid"]
        body = editor_client.get(preview).content.decode()
        assert "Teks pratinjau" in body

    def test_learner_cannot_open_the_admin(self, learner_client):
        response = learner_client.get("/admin/")
        assert response.status_code in (302, 403)
