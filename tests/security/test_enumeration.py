"""Nobody learns whether an account exists from sign-in, password reset or sign-up: a known
account and an unknown one get the same status, the same page and the same message, and
only a real account's mailbox receives anything."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from netra.people.factories import EmployeeFactory, nip_for
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

UNKNOWN_NIP = nip_for(9999)  # well formed, nobody's
WRONG_PASSWORD = "salah-sekali"


def _page(response) -> str:
    """The page as a visitor sees it, minus what differs on every request (the CSRF token)
    and what the visitor typed themselves (echoed back into the form)."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'(name="(login|email|username)"[^>]*?) value="[^"]*"', r"\1", html)


def _login(client, login, password=WRONG_PASSWORD):
    return client.post(reverse("account_login"), {"login": login, "password": password})


class LoginTests:
    @pytest.mark.parametrize("field", ["email", "nip"])
    def test_unknown_account_and_wrong_password_read_the_same(self, client, learner, field):
        known = learner.email if field == "email" else learner.employee.nip
        unknown = "tidak-ada@example.go.id" if field == "email" else UNKNOWN_NIP
        wrong_password = _login(client, known)
        no_account = _login(client, unknown)
        assert wrong_password.status_code == no_account.status_code == 200
        errors = wrong_password.context["form"].errors
        assert errors == no_account.context["form"].errors
        assert errors == {"__all__": ["NIP/email atau kata sandi tidak sesuai."]}
        assert _page(wrong_password) == _page(no_account)

    def test_a_malformed_nip_reads_the_same_too(self, client, learner):
        assert _page(_login(client, "1990 05")) == _page(_login(client, learner.email))

    def test_an_inactive_account_reads_like_a_wrong_password(self, client, learner):
        learner.is_active = False
        learner.save(update_fields=["is_active"])
        wrong = _login(client, learner.email)
        right = _login(client, learner.email, PASSWORD)  # the real password
        unknown = _login(client, "tidak-ada@example.go.id")
        # The right password of a deactivated account reads like a wrong one.
        assert wrong.status_code == right.status_code == unknown.status_code == 200
        assert _page(right) == _page(unknown)

    def test_the_per_account_limit_reads_the_same_for_unknown_accounts(self, client, learner):
        for n in range(5):
            _login(client, learner.email, f"salah-{n}")
            _login(client, "tidak-ada@example.go.id", f"salah-{n}")
        known, unknown = _login(client, learner.email), _login(client, "tidak-ada@example.go.id")
        assert known.status_code == unknown.status_code
        assert known.context["form"].errors == unknown.context["form"].errors
        assert "Terlalu banyak" in known.content.decode()


class PasswordResetTests:
    def test_known_and_unknown_email_get_the_same_answer_and_only_the_account_mail(
        self, client, learner
    ):
        url = reverse("account_reset_password")
        known = client.post(url, {"email": learner.email})
        unknown = client.post(url, {"email": "tidak-ada@example.go.id"})
        assert known.status_code == unknown.status_code == 302
        assert known["Location"] == unknown["Location"] == reverse("account_reset_password_done")
        assert [m.to for m in mail.outbox] == [[learner.email]]

    def test_a_nip_in_the_email_field_is_refused_as_any_bad_address(self, client, learner):
        url = reverse("account_reset_password")
        nip = client.post(url, {"email": learner.employee.nip})
        junk = client.post(url, {"email": UNKNOWN_NIP})
        assert nip.status_code == junk.status_code == 200
        assert nip.context["form"].errors == junk.context["form"].errors
        assert mail.outbox == []


class SignupTests:
    """Accounts come from the roster or an administrator: sign-up is closed to everyone,
    and says so without looking at what was typed."""

    def test_signup_is_closed(self, client):
        response = client.get(reverse("account_signup"))
        assert response.status_code == 200
        assert "account/signup_closed.html" in [t.name for t in response.templates]

    def test_the_answer_does_not_depend_on_the_email_or_nip(self, client, city, learner):
        colleague = EmployeeFactory(office=city["dinas"])  # on the roster, no account yet
        url = reverse("account_signup")
        answers = [
            client.post(
                url,
                {
                    "email": email,
                    "username": username,
                    "password1": "Kata-Sandi-Baru-2026",
                    "password2": "Kata-Sandi-Baru-2026",
                },
            )
            for email, username in (
                (learner.email, learner.username),  # has an account
                ("baru@example.go.id", colleague.nip),  # on the roster
                ("orang-luar@example.com", UNKNOWN_NIP),  # nobody
            )
        ]
        assert {a.status_code for a in answers} == {200}
        assert len({_page(a) for a in answers}) == 1
        assert mail.outbox == []
