"""Every model with personal data is declared in the privacy registry (or exempt, with a
reason), and the declarations themselves work. A new model with a link to an account or an
employee, or a field such as `email`, `nip` or `name`, fails here until its app's
`privacy.py` says what export and anonymisation do with it (docs/privacy.md)."""

import pytest
from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps

from netra.people.models import User
from netra.privacy import registry

pytestmark = pytest.mark.django_db


class RegistryCompletenessTests:
    def test_every_installed_model_with_personal_data_is_declared_or_exempt(self):
        found = registry.problems()
        assert found == [], "\n\n".join(found)

    def test_the_walk_covers_project_and_third_party_models(self):
        declared = {e.label for e in registry.entries()}
        # Spot checks from each side: if the walk or the autodiscovery broke, these vanish.
        assert {
            "people.User",
            "people.Employee",
            "courses.Enrolment",
            "quizzes.Attempt",
            "certificates.PactSignature",
            "campaigns.ReminderLog",
            "notifications.Notification",
            "account.EmailAddress",
            "mfa.Authenticator",
            "sessions.Session",
            "wagtailusers.UserProfile",
            "wagtailcore.ModelLogEntry",
        } <= declared
        assert len(list(apps.get_models())) > 60

    @isolate_apps("netra.privacy")
    def test_an_undeclared_model_with_personal_fields_is_reported_with_what_to_do(self):
        class Contact(models.Model):  # noqa: DJ008
            nama = models.CharField(max_length=100)
            telepon_rumah = models.CharField(max_length=20)
            note = models.TextField()

            class Meta:
                app_label = "privacy"

        found = registry.problems([Contact])
        assert len(found) == 1
        message = found[0]
        assert "privacy.Contact" in message and "nama" in message and "telepon_rumah" in message
        assert "privacy.py" in message and "docs/privacy.md" in message

    @isolate_apps("netra.privacy")
    def test_a_link_to_an_account_or_an_email_field_counts_as_personal(self):
        class Subscriber(models.Model):  # noqa: DJ008
            owner = models.ForeignKey(User, on_delete=models.CASCADE)

            class Meta:
                app_label = "privacy"

        class Mailing(models.Model):  # noqa: DJ008
            to = models.EmailField()

            class Meta:
                app_label = "privacy"

        class Plain(models.Model):  # noqa: DJ008
            title = models.CharField(max_length=10)

            class Meta:
                app_label = "privacy"

        assert registry.personal_fields(Subscriber) == ["owner"]
        assert registry.personal_fields(Mailing) == ["to"]
        assert registry.problems([Plain]) == []

    def test_an_erasure_that_misses_a_personal_field_is_reported(self, monkeypatch):
        entry = next(e for e in registry.entries() if e.label == "campaigns.ReminderLog")
        monkeypatch.setitem(
            registry._entries,
            entry.label,
            registry.PersonalData(
                model=entry.model,
                title=entry.title,
                purpose=entry.purpose,
                legal_basis=entry.legal_basis,
                retention=entry.retention,
                employee_field="employee",
                export=entry.export,
                erasure=registry.Erase({"sent_at": None}),
            ),
        )
        found = registry.problems()
        assert any("campaigns.ReminderLog" in f and "email" in f for f in found)

    def test_a_declaration_of_a_missing_model_is_reported(self, monkeypatch):
        monkeypatch.setitem(
            registry._exempt, "gone.Model", registry.Exemption("gone.Model", "removed")
        )
        assert any("gone.Model" in f for f in registry.problems())

    def test_declaring_a_model_twice_is_refused(self):
        with pytest.raises(ValueError, match="twice"):
            registry.exempt("people.Office", reason="again")


class DeclarationTests:
    @pytest.mark.parametrize("entry", registry.entries(), ids=lambda e: e.label)
    def test_export_keys_resolve_and_say_what_they_are(self, entry, learner):
        """Every exported key is a real field or lookup (values() would raise) with a
        description, and finding rows works for a person with and without data."""
        person = registry.Person.of_user(learner)
        if entry.export is None:
            assert str(entry.not_exported_because)
            return
        assert all(str(d) for d in entry.export.values())
        list(entry.rows(person).values(*entry.export))
        list(entry.rows(registry.Person(user_id=None, employee_id=None)).values(*entry.export))

    @pytest.mark.parametrize("entry", registry.entries(), ids=lambda e: e.label)
    def test_each_declaration_explains_itself(self, entry):
        for text in (entry.title, entry.purpose, entry.retention, entry.on_erasure):
            assert str(text).strip()
        assert entry.legal_basis.letter in {"c", "e", "f"}

    def test_exemptions_give_a_reason(self):
        assert all(e.reason.strip() for e in registry.exemptions())
