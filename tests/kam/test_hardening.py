"""The outside attack pass, replayed as an outside client sends it: each attack, its answer.

Every request goes through the real stack (middleware, URL routing, DRF, admin), on SQLite
locally and on PostgreSQL in CI, where the NUL and search attacks used to reach the driver.
"""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Contact, Visit
from kam.choices import Role
from tests import factories as f
from tests.support import api_client_for

pytestmark = pytest.mark.django_db

NESTED = "[" * 1000 + "]" * 1000


# -- 500s a client could cause ----------------------------------------------------------------


def test_nested_json_to_the_token_endpoint_anonymous_is_400():
    response = Client().post(reverse("api-token"), NESTED, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"detail": "JSON parse error - the document is nested too deeply."}


def test_nested_json_to_a_resource_authenticated_is_400(alice):
    client = api_client_for(alice)
    for url in (reverse("accounts-api:account-list"), reverse("accounts-api:visit-list")):
        response = client.generic("POST", url, NESTED, content_type="application/json")
        assert response.status_code == 400
        assert response.json()["detail"].startswith("JSON parse error")


@pytest.mark.parametrize("resource", ["account", "visit", "contact", "survey"])
def test_a_1200_term_search_is_400_not_500(alice_records, alice, resource):
    response = api_client_for(alice).get(
        reverse(f"accounts-api:{resource}-list"), {"search": " ".join(["a"] * 1200)}
    )

    assert response.status_code == 400
    assert response.json() == {"search": ["A search may have at most 10 words."]}


def test_a_long_search_is_400_on_the_api_and_the_page(alice_records, alice, client):
    long = "x" * 201
    response = api_client_for(alice).get(reverse("accounts-api:account-list"), {"search": long})
    assert response.status_code == 400
    assert response.json() == {"search": ["A search may be at most 200 characters long."]}

    client.force_login(alice)
    page = client.get(reverse("accounts:account-list"), {"q": " ".join(["a"] * 1200)})
    assert page.status_code == 400
    html = page.content.decode()
    assert "A search may have at most 10 words." in html
    assert alice_records["account"].name not in html
    ok = client.get(reverse("accounts:account-list"), {"q": "Hangzhou"})
    assert ok.status_code == 200
    assert alice_records["account"].name in ok.content.decode()


@pytest.fixture
def admin_client_logged_in(client, superuser):
    client.force_login(superuser)
    return client


def test_admin_history_with_a_non_numeric_version_is_404(admin_client_logged_in, alice_account):
    url = f"/admin/accounts/account/{alice_account.pk}/history/abc/"

    assert admin_client_logged_in.get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/admin/accounts/account/?region=%00",
        "/admin/accounts/account/?q=%00",
        "/admin/autocomplete/?term=%00&app_label=accounts&model_name=visit&field_name=account",
        "/accounts/?region=%00",
    ],
)
def test_nul_in_a_query_string_is_400(admin_client_logged_in, alice_account, url):
    response = admin_client_logged_in.get(url)

    assert response.status_code == 400
    assert b"Null characters are not allowed" in response.content


def test_nul_in_an_api_query_string_is_a_json_400(alice):
    response = api_client_for(alice).get("/api/v1/accounts/?region=%00")

    assert response.status_code == 400
    assert response.json() == {"detail": "Null characters are not allowed in the query string."}


def test_admin_search_and_autocomplete_are_bounded(admin_client_logged_in, alice_account):
    many = "+".join(["a"] * 1200)
    changelist = admin_client_logged_in.get(f"/admin/accounts/account/?q={many}")
    autocomplete = admin_client_logged_in.get(
        f"/admin/autocomplete/?term={many}&app_label=accounts&model_name=visit&field_name=account"
    )

    assert changelist.status_code == 400
    assert "A search may have at most 10 words." in changelist.content.decode()
    assert autocomplete.status_code == 400


# -- integrity the forms enforced but the API and admin did not --------------------------------


def test_patching_a_visit_onto_another_account_keeps_its_contacts_consistent(alice_records, alice):
    other = f.AccountFactory(owner=alice, name="Ningbo Valve Works")
    visit = alice_records["visit"]
    url = reverse("accounts-api:visit-detail", args=[visit.pk])

    response = api_client_for(alice).patch(url, {"account": other.pk}, format="json")

    assert response.status_code == 400
    assert response.json() == {"contacts": ["Pick contacts of the visited account only."]}
    visit.refresh_from_db()
    assert visit.account_id == alice_records["account"].pk
    # Moving it together with contacts of the new account is fine.
    contact = f.ContactFactory(account=other)
    moved = api_client_for(alice).patch(
        url, {"account": other.pk, "contacts": [contact.pk]}, format="json"
    )
    assert moved.status_code == 200
    assert (moved.json()["account"], moved.json()["contacts"]) == (other.pk, [contact.pk])


def test_a_contact_with_visits_does_not_change_account(alice_records, alice):
    other = f.AccountFactory(owner=alice, name="Ningbo Valve Works")
    contact = alice_records["contact"]  # met on a visit, answered a survey

    response = api_client_for(alice).patch(
        reverse("accounts-api:contact-detail", args=[contact.pk]),
        {"account": other.pk, "reports_to": None},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "account": [
            "This contact has 1 visit, 1 survey response at their account and cannot move "
            "to another; add them to the other account as a new contact instead."
        ]
    }
    contact.refresh_from_db()
    assert contact.account_id == alice_records["account"].pk
    # A contact nothing refers to yet may move.
    fresh = f.ContactFactory(account=alice_records["account"])
    moved = api_client_for(alice).patch(
        reverse("accounts-api:contact-detail", args=[fresh.pk]),
        {"account": other.pk},
        format="json",
    )
    assert (moved.status_code, moved.json()["account"]) == (200, other.pk)


def test_admin_obeys_the_same_rules(admin_client_logged_in, alice_records, alice):
    other = f.AccountFactory(owner=alice, name="Ningbo Valve Works")
    visit, contact = alice_records["visit"], alice_records["contact"]
    visit_form = {
        "account": other.pk,
        "rep": alice.pk,
        "visited_at_0": "2026-11-20",
        "visited_at_1": "10:00:00",
        "kind": "on_site",
        "purpose": "Moved",
        "contacts": [c.pk for c in visit.contacts.all()],
    }
    response = admin_client_logged_in.post(f"/admin/accounts/visit/{visit.pk}/change/", visit_form)
    assert response.status_code == 200  # the form again, with the error
    assert "Pick contacts of the visited account only." in response.content.decode()
    assert Visit.objects.get(pk=visit.pk).account_id == alice_records["account"].pk

    contact_form = {
        "account": other.pk,
        "name": contact.name,
        "title": contact.title,
        "email": contact.email,
        "phone": "",
        "buying_role": contact.buying_role,
        "influence": contact.influence,
        "sentiment": contact.sentiment,
        "reports_to": "",
    }
    response = admin_client_logged_in.post(
        f"/admin/accounts/contact/{contact.pk}/change/", contact_form
    )
    assert response.status_code == 200
    assert "cannot move to another" in response.content.decode()
    assert Contact.objects.get(pk=contact.pk).account_id == alice_records["account"].pk


def test_user_choices_in_the_browsable_api_do_not_list_everyone(alice_records, dept_user, alice):
    """A department member's browsable API once offered every user, with full names."""
    alice.first_name, alice.last_name = "Alice", "Zhang"
    alice.save()
    client = api_client_for(dept_user)

    html = client.get(reverse("accounts-api:plan-action-list"), HTTP_ACCEPT="text/html")

    assert html.status_code == 200
    page = html.content.decode()
    assert "Alice Zhang" not in page
    assert f'<option value="{alice.pk}"' not in page


def test_user_visible_to(alice, bob, charlie, dept_user, executive):
    from kam.models import User

    f.UserFactory(username="ann", role=Role.REP, team=alice.team)
    f.UserFactory(username="tom", role=Role.DEPARTMENT, department=dept_user.department)

    def names(user, action="view"):
        return set(User.objects.visible_to(user, action).values_list("username", flat=True))

    assert names(alice) == {"alice", "ann", "bob"}
    assert names(bob) == {"bob", "alice", "ann"}
    assert names(charlie) == {"charlie", "dora"}
    assert names(dept_user) == {"tess", "tom"}
    assert names(executive) == set(User.objects.values_list("username", flat=True))
    # Whom one may make an owner.
    assert names(alice, "change") == {"alice"}
    assert names(bob, "change") == {"bob", "alice", "ann"}
    assert names(executive, "change") == {"eve"}


def test_admin_user_fields_for_a_staff_manager_accept_only_assignable_users(
    client, alice_records, bob, charlie
):
    bob.is_staff = True
    bob.save()
    bob.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_visit", "view_visit"])
    )
    visit = alice_records["visit"]
    form = {
        "account": visit.account_id,
        "rep": charlie.pk,
        "visited_at_0": "2026-11-20",
        "visited_at_1": "10:00:00",
        "kind": "on_site",
        "purpose": "Reassigned to someone else's rep",
        "contacts": [c.pk for c in visit.contacts.all()],
    }
    client.force_login(bob)

    response = client.post(f"/admin/accounts/visit/{visit.pk}/change/", form)

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert Visit.objects.get(pk=visit.pk).rep_id == visit.rep_id


def test_manager_home_counts_only_visits_the_manager_may_see(client, alice, bob, charlie):
    """Alice once visited an account now owned by Charlie's team: not Bob's business."""
    moved = f.AccountFactory(owner=charlie, name="Reassigned Ltd")
    f.VisitFactory(account=moved, rep=alice, visited_at=timezone.now())
    f.VisitFactory(account=f.AccountFactory(owner=alice), rep=alice, visited_at=timezone.now())
    client.force_login(bob)

    html = client.get(reverse("home")).content.decode()

    team = html[html.index('id="team-heading"') : html.index('id="follow-ups-heading"')]
    row = next(row for row in team.split("<tr>") if str(alice) in row)
    assert row.split('<td class="num"')[1].split(">", 1)[1].split("<")[0] == "1"


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31"])
def test_customer_since_is_bounded(alice, day):
    response = api_client_for(alice).post(
        reverse("accounts-api:account-list"),
        {"name": "Far Out Ltd", "status": "active", "customer_since": day},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["customer_since"]


def test_customer_since_may_be_tomorrow_at_most(alice):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    later = tomorrow + dt.timedelta(days=1)
    client = api_client_for(alice)
    url = reverse("accounts-api:account-list")

    ok = client.post(url, {"name": "A", "status": "active", "customer_since": str(tomorrow)})
    late = client.post(url, {"name": "B", "status": "active", "customer_since": str(later)})

    assert ok.status_code == 201
    assert (late.status_code, late.json()) == (
        400,
        {"customer_since": ["This date cannot be in the future."]},
    )


# -- tokens and sessions ----------------------------------------------------------------------


def test_a_password_change_revokes_the_users_tokens(client, alice):
    api = api_client_for(alice)
    url = reverse("accounts-api:account-list")
    assert api.get(url).status_code == 200
    client.force_login(alice)

    response = client.post(
        reverse("password-change"),
        {
            "old_password": f.PASSWORD,
            "new_password1": "a-new-longer-passphrase",
            "new_password2": "a-new-longer-passphrase",
        },
    )

    assert response.status_code == 302
    answer = api.get(url)
    assert answer.status_code == 401
    assert answer.json() == {"detail": "This token has expired or was revoked."}
    # The browser session stays logged in.
    assert client.get(reverse("profile")).status_code == 200
    assert "Revoked: the password changed" in client.get(reverse("profile")).content.decode()


def test_a_password_set_any_other_way_revokes_tokens_too(alice):
    api = api_client_for(alice)
    alice.set_password("changed-by-an-admin-2026")
    alice.save()

    assert api.get(reverse("accounts-api:account-list")).status_code == 401


def test_deactivating_a_user_in_admin_revokes_their_tokens(admin_client_logged_in, alice):
    api = api_client_for(alice)
    form = {
        "username": alice.username,
        "first_name": alice.first_name,
        "last_name": alice.last_name,
        "email": alice.email,
        "role": alice.role,
        "team": alice.team_id,
        "language": "",
        "time_zone": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        # is_active left out: unticked.
    }

    response = admin_client_logged_in.post(f"/admin/kam/user/{alice.pk}/change/", form)

    assert response.status_code == 302, response.content.decode()[:2000]
    alice.refresh_from_db()
    assert alice.is_active is False
    assert alice.api_tokens.filter(revoked_at__isnull=True).count() == 0
    # Reactivated, the old token stays revoked.
    alice.is_active = True
    alice.save()
    assert api.get(reverse("accounts-api:account-list")).status_code == 401


def test_profile_lists_creates_and_revokes_tokens(client, alice):
    client.force_login(alice)

    created = client.post(reverse("token-create"), {"name": "ERP sync", "expires_in_days": 30})

    assert created.status_code == 200
    html = created.content.decode()
    key = html.split('<code class="token-key">')[1].split("</code>")[0]
    assert len(key) == 40
    token = alice.api_tokens.get()
    assert (token.name, token.prefix) == ("ERP sync", key[:8])
    assert (token.expires_at - timezone.now()).days == 29
    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get(reverse("accounts-api:account-list")).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    listing = client.get(reverse("profile")).content.decode()
    assert "ERP sync" in listing and key not in listing  # the key is shown once only

    revoked = client.post(reverse("token-revoke", args=[token.pk]))

    assert revoked.status_code == 302
    assert api.get(reverse("accounts-api:account-list")).status_code == 401


def test_a_token_of_someone_else_cannot_be_revoked(client, alice, charlie):
    token, _key = __import__("kam.services", fromlist=["x"]).token_create(user=alice, name="x")
    client.force_login(charlie)

    assert client.post(reverse("token-revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_expired_token_is_refused(alice):
    from kam import services

    token, key = services.token_create(
        user=alice, name="short", expires_at=timezone.now() + dt.timedelta(seconds=30)
    )
    token.expires_at = timezone.now() - dt.timedelta(seconds=1)
    token.save()

    response = Client(HTTP_AUTHORIZATION=f"Token {key}").get(reverse("accounts-api:account-list"))
    assert response.status_code == 401


def test_token_lookup_is_one_query(alice, django_assert_num_queries):
    from kam import services

    _token, key = services.token_create(user=alice, name="q")
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    client.get(reverse("accounts-api:account-list"))  # records last use
    # token + user (one join), then the list's count (no rows: no page query).
    with django_assert_num_queries(4):
        assert client.get(reverse("accounts-api:account-list")).status_code == 200


# -- headers ----------------------------------------------------------------------------------


def test_a_logged_in_page_is_not_cached_and_has_the_security_headers(client, alice):
    client.force_login(alice)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]


def test_an_api_response_is_not_cached(alice):
    response = api_client_for(alice).get(reverse("accounts-api:account-list"))
    anonymous = api_client_for(None).get(reverse("accounts-api:account-list"))

    assert "no-store" in response["Cache-Control"]
    assert "no-store" in anonymous["Cache-Control"]


def test_anonymous_pages_have_the_security_headers(client):
    for url in (reverse("login"), reverse("healthz")):
        response = client.get(url)
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert "camera=()" in response["Permissions-Policy"]
