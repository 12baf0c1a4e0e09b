import pytest
from django.urls import reverse

from netra.people.adapters import GENERIC_LOGIN_ERROR
from netra.people.factories import EmployeeFactory
from netra.people.models import EmploymentType
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/akun/login/"


def _login(client, login, password=PASSWORD):
    return client.post(LOGIN, {"login": login, "password": password})


def _is_logged_in(client):
    return "_auth_user_id" in client.session


class LoginTests:
    def test_signs_in_with_nip_when_password_matches(self, client, learner):
        response = _login(client, learner.username)
        assert response.status_code == 302
        assert response["Location"] == reverse("courses:my_courses")
        assert _is_logged_in(client)

    def test_signs_in_with_nip_written_with_spaces(self, client, learner):
        nip = learner.username
        _login(client, f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}")
        assert _is_logged_in(client)

    def test_signs_in_with_email_in_any_case(self, client, learner):
        _login(client, "Learner@Example.go.id")
        assert _is_logged_in(client)

    def test_signs_in_non_asn_with_email_when_they_have_no_nip(self, client, city):
        ptt = EmployeeFactory(
            office=city["kel"],
            employment_type=EmploymentType.NON_ASN,
            registration_number="PTT-1",
            email="ptt@example.go.id",
        )
        _login(client, "ptt@example.go.id")
        assert _is_logged_in(client) and ptt.nip is None

    @pytest.mark.parametrize(
        "login",
        ["WRONG-PASSWORD", "199901012020011999", "12345", "1986-09-26", "nobody@example.go.id"],
    )
    def test_gives_one_generic_message_when_login_fails(self, client, learner, login):
        if login == "WRONG-PASSWORD":
            response = _login(client, learner.username, "salah-sekali-123")
        else:
            response = _login(client, login)
        assert response.status_code == 200
        assert not _is_logged_in(client)
        assert response.context["form"].non_field_errors() == [str(GENERIC_LOGIN_ERROR)]

    def test_rate_limits_failed_logins_when_repeated(self, client, learner):
        for _ in range(5):
            _login(client, learner.username, "salah-sekali-123")
        response = _login(client, learner.username, PASSWORD)
        assert not _is_logged_in(client)
        assert "Terlalu banyak" in response.content.decode() or response.status_code == 429

    def test_logout_needs_post_when_signed_in(self, client, learner):
        client.force_login(learner)
        response = client.get("/akun/logout/")
        assert response.status_code == 200 and _is_logged_in(client)
        client.post("/akun/logout/")
        assert not _is_logged_in(client)

    def test_sign_up_is_closed_when_visited(self, client):
        response = client.post(
            "/akun/signup/",
            {
                "email": "x@example.go.id",
                "username": "x",
                "password1": "Abcdef-12345",
                "password2": "Abcdef-12345",
            },
        )
        assert "account/signup_closed.html" in [t.name for t in response.templates]
        assert not _is_logged_in(client)
