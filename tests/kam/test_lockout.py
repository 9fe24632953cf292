"""Repeated wrong passwords lock a username out, on the token endpoint and the login page alike."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from kam.models import ApiToken
from kam.models.tokens import key_digest
from tests import factories as f

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed login attempts. Try again in 15 minutes."


@pytest.fixture(autouse=True)
def lockout_settings(settings):
    settings.AXES_FAILURE_LIMIT = 5


@pytest.fixture
def rep(db):
    return f.UserFactory(username="alice")


def token(client, password, username="alice"):
    return client.post(
        reverse("api-token"), {"username": username, "password": password}, format="json"
    )


def web_login(client, password, username="alice"):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_token_for_the_right_password(rep):
    response = token(APIClient(), f.PASSWORD)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "name", "expires_at", "user"}
    assert (body["name"], body["expires_at"], body["user"]) == ("API token", None, rep.pk)
    # Only a digest is stored; the key works.
    stored = ApiToken.objects.get(user=rep)
    assert stored.digest == key_digest(body["token"]) != body["token"]
    whoami = APIClient().get(
        reverse("accounts-api:account-list"), HTTP_AUTHORIZATION=f"Token {body['token']}"
    )
    assert whoami.status_code == 200
    # Asking again gives a new token; the first one keeps working.
    second = token(APIClient(), f.PASSWORD).json()["token"]
    assert second != body["token"]
    assert ApiToken.objects.filter(user=rep).count() == 2


def test_wrong_password_is_400_with_a_message(rep):
    response = token(APIClient(), "wrong")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Wrong username or password."]}
    missing = APIClient().post(reverse("api-token"), {"username": "alice"}, format="json")
    assert missing.status_code == 400
    assert missing.json() == {"password": ["This field is required."]}


def test_inactive_user_gets_no_token(rep):
    rep.is_active = False
    rep.save()
    assert token(APIClient(), f.PASSWORD).status_code == 400


def test_token_endpoint_locks_out_after_five_failures(rep):
    client = APIClient()
    for _attempt in range(4):
        assert token(client, "wrong").status_code == 400
    locked = token(client, "wrong")
    assert locked.status_code == 429
    assert locked.json() == {"detail": LOCKED}
    assert locked["Retry-After"] == "900"
    # Even the right password is refused now.
    right = token(client, f.PASSWORD)
    assert right.status_code == 429
    assert right.json() == {"detail": LOCKED}
    assert not ApiToken.objects.filter(user=rep).exists()


def test_lockout_is_per_username(rep):
    f.UserFactory(username="bob")
    client = APIClient()
    for _attempt in range(5):
        token(client, "wrong")
    assert token(client, f.PASSWORD, username="bob").status_code == 200


def test_success_before_the_limit_resets_the_count(rep):
    client = APIClient()
    for _attempt in range(4):
        assert token(client, "wrong").status_code == 400
    assert token(client, f.PASSWORD).status_code == 200
    for _attempt in range(4):
        assert token(client, "wrong").status_code == 400
    assert token(client, f.PASSWORD).status_code == 200


def test_login_page_locks_out_after_five_failures(client, rep):
    for _attempt in range(4):
        response = web_login(client, "wrong")
        assert response.status_code == 200
        assert response.context["form"].errors
    locked = web_login(client, "wrong")
    assert locked.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in locked.templates]
    assert LOCKED in locked.content.decode()
    right = web_login(client, f.PASSWORD)
    assert right.status_code == 429
    assert LOCKED in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_page_success_before_the_limit_resets_the_count(client, rep):
    for _attempt in range(4):
        assert web_login(client, "wrong").status_code == 200
    assert web_login(client, f.PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(4):
        assert web_login(client, "wrong").status_code == 200
    assert web_login(client, f.PASSWORD).status_code == 302


def test_failures_count_across_the_login_page_and_the_api(client, rep):
    for _attempt in range(3):
        web_login(client, "wrong")
    api = APIClient()
    assert token(api, "wrong").status_code == 400
    assert token(api, "wrong").status_code == 429
    assert web_login(client, f.PASSWORD).status_code == 429


def test_lockout_behind_a_proxy_keys_on_the_client_not_the_proxy(settings, rep):
    """Behind the TLS proxy every request comes from the proxy's address; the client is in
    X-Forwarded-For. An attacker failing from one client must not lock out the user's
    logins from another."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    attacker = APIClient(**proxy, HTTP_X_FORWARDED_FOR="203.0.113.66")
    user = APIClient(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    for _attempt in range(5):
        attacker_answer = token(attacker, "guess")
    assert attacker_answer.status_code == 429
    assert token(attacker, f.PASSWORD).status_code == 429
    # Same username, same proxy, another client: not locked.
    assert token(user, f.PASSWORD).status_code == 200
    # The web login too.
    assert (
        web_login(Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.7"), f.PASSWORD).status_code
        == 302
    )
    # A forged X-Forwarded-For prefix does not help the attacker: the proxy appends the
    # real address, and only the last entry is trusted.
    forged = APIClient(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.66")
    assert token(forged, f.PASSWORD).status_code == 429


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings, rep):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(5):
        token(APIClient(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"), "guess")
    # All five failures came from 10.0.0.2 whatever the header said.
    assert token(APIClient(REMOTE_ADDR="10.0.0.2"), f.PASSWORD).status_code == 429
