"""What a new user meets first: consistent API answers, what the UI offers by role, formats
and names in each language, the user's own time zone, error pages."""

import datetime as dt
import logging
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Visit
from kam.dates import Quarter, company_today
from tests import factories as f
from tests.support import api_client_for

pytestmark = pytest.mark.django_db

RESOURCES = {
    "account": "account",
    "contact": "contact",
    "visit": "visit",
    "survey": "survey",
    "relationship-plan": "plan",
    "plan-action": "action",
}
ROLE_MAY_NOT_CREATE = {"detail": "Your role may not create this kind of record."}


# -- consistent API answers ---------------------------------------------------------------------


def test_a_department_member_creating_an_account_gets_403(dept_user):
    response = api_client_for(dept_user).post(
        reverse("accounts-api:account-list"), {"name": "Sneaky Ltd"}, format="json"
    )

    assert (response.status_code, response.json()) == (403, ROLE_MAY_NOT_CREATE)


def test_an_executive_posting_a_visit_on_an_account_they_read_gets_403(executive, alice_records):
    response = api_client_for(executive).post(
        reverse("accounts-api:visit-list"),
        {
            "account": alice_records["account"].pk,
            "visited_at": "2026-11-20T10:00:00+08:00",
            "purpose": "Drop by",
        },
        format="json",
    )

    assert (response.status_code, response.json()) == (403, ROLE_MAY_NOT_CREATE)
    assert not Visit.objects.filter(purpose="Drop by").exists()


@pytest.mark.parametrize(("basename", "record"), RESOURCES.items())
def test_every_404_has_the_same_body(charlie, alice_records, basename, record):
    client = api_client_for(charlie)
    hidden = reverse(f"accounts-api:{basename}-detail", args=[alice_records[record].pk])
    missing = reverse(f"accounts-api:{basename}-detail", args=[987654321])

    for url in (hidden, missing):
        response = client.get(url)
        assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_an_unknown_filter_is_400_naming_it_and_the_accepted_ones(alice_records, alice):
    response = api_client_for(alice).get(reverse("accounts-api:account-list"), {"stauts": "active"})

    assert response.status_code == 400
    assert list(response.json()) == ["stauts"]
    message = response.json()["stauts"][0]
    assert message.startswith("Unknown query parameter. Accepted: ")
    accepted = message.removeprefix("Unknown query parameter. Accepted: ").rstrip(".").split(", ")
    assert {"status", "tier", "owner", "page", "page_size", "search", "ordering"} <= set(accepted)
    # The accepted ones work, repeated keys included.
    ok = api_client_for(alice).get(
        reverse("accounts-api:account-list") + "?status=active&status=prospect&page_size=5"
    )
    assert ok.status_code == 200


def test_a_likely_duplicate_is_409_then_201_when_confirmed(alice_records, alice):
    client = api_client_for(alice)
    url = reverse("accounts-api:account-list")
    payload = {"name": "HANGZHOU precision  castings Co., Ltd.", "status": "prospect"}

    refused = client.post(url, payload, format="json")

    existing = alice_records["account"]
    assert refused.status_code == 409
    assert refused.json() == {
        "detail": f"An account with this name exists: {existing.name} "
        f"({alice.display_name}). Create it anyway?",
        "duplicates": [{"id": existing.pk, "name": existing.name}],
    }
    created = client.post(url, {**payload, "confirm_duplicate": True}, format="json")
    assert created.status_code == 201
    assert "confirm_duplicate" not in created.json()


def test_a_duplicate_outside_visibility_is_not_named(alice_records, charlie):
    response = api_client_for(charlie).post(
        reverse("accounts-api:account-list"),
        {"name": "hangzhou precision castings", "status": "prospect"},
        format="json",
    )

    assert response.status_code == 409
    body = response.json()
    assert body["duplicates"] == []
    assert "Hangzhou" not in body["detail"] and "another team" in body["detail"]


def test_the_form_asks_about_a_duplicate_and_keeps_what_was_typed(client, alice_records, alice):
    client.force_login(alice)
    data = {
        "name": "Hangzhou Precision Castings Ltd",
        "tier": "key",
        "status": "prospect",
        "region": "Zhejiang",
        "annual_potential": "100",
    }

    asked = client.post(reverse("accounts:account-create"), data)

    html = asked.content.decode()
    assert asked.status_code == 200
    assert "An account with this name exists" in html
    assert alice_records["account"].get_absolute_url() in html
    assert 'value="Zhejiang"' in html and 'name="confirm_duplicate"' in html
    created = client.post(reverse("accounts:account-create"), {**data, "confirm_duplicate": "on"})
    assert created.status_code == 302


# -- what the UI offers follows what the user may do --------------------------------------------


def test_an_executive_is_offered_no_edits(client, executive, alice_records):
    client.force_login(executive)

    page = client.get(alice_records["account"].get_absolute_url()).content.decode()
    listing = client.get(reverse("accounts:account-list")).content.decode()

    assert "Hangzhou Precision Castings" in page
    for offer in ("Log a visit", ">Edit<", "Mark churned"):
        assert offer not in page
    assert "New account" not in listing and "Import accounts" not in listing
    # The owner, who may change the account, is offered each of them on the same pages.
    client.force_login(alice_records["account"].owner)
    page = client.get(alice_records["account"].get_absolute_url()).content.decode()
    listing = client.get(reverse("accounts:account-list")).content.decode()
    for offer in ("Log a visit", ">Edit<", "Mark churned"):
        assert offer in page
    assert "New account" in listing and "Import accounts" in listing
    assert reverse("imports:upload", args=["accounts"]) in listing


def test_a_forbidden_page_says_why_in_the_users_language_and_logs_once(client, executive, caplog):
    client.force_login(executive)

    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("accounts:account-create"))

    assert response.status_code == 403
    assert "<h1>Your role may not do this</h1>" in response.content.decode()
    logged = [record for record in caplog.records if record.name == "django.request"]
    assert [(record.status_code, record.exc_info) for record in logged] == [(403, None)]
    executive.language = "zh-hans"
    executive.save()
    chinese = client.get(reverse("accounts:account-create")).content.decode()
    assert '<html lang="zh-hans">' in chinese


def test_a_404_is_logged_once_without_a_traceback(client, alice, caplog):
    client.force_login(alice)

    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(reverse("accounts:account-detail", args=[999999])).status_code == 404

    logged = [record for record in caplog.records if record.name == "django.request"]
    assert [(record.status_code, record.exc_info) for record in logged] == [(404, None)]


def test_favicon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"].endswith("favicon.svg")
    assert 'rel="icon"' in client.get(reverse("login")).content.decode()


def test_number_inputs_carry_the_servers_bounds(client, alice_records, alice):
    client.force_login(alice)
    html = client.get(
        reverse("accounts:plan-create") + f"?account={alice_records['account'].pk}"
    ).content.decode()

    year = html[html.index('name="year"') - 200 : html.index('name="year"') + 200]
    assert 'min="2000"' in year and 'max="2100"' in year


# -- formats, names and time zones --------------------------------------------------------------


@pytest.fixture
def chinese_rep(alice):
    alice.first_name, alice.last_name, alice.language = "芳", "王", "zh-hans"
    alice.save()
    return alice


def test_a_chinese_page_writes_amounts_dates_and_names_the_chinese_way(client, chinese_rep):
    account = f.AccountFactory(
        owner=chinese_rep,
        name="杭州精密铸造有限公司",
        annual_potential=18524000,
        customer_since=dt.date(2026, 11, 26),
    )
    client.force_login(chinese_rep)

    html = client.get(account.get_absolute_url()).content.decode()

    assert "<dd>王芳</dd>" in html
    assert '<dd class="nowrap">18,524,000\xa0CNY</dd>' in html
    assert '<dd class="nowrap">2026-11-26</dd>' in html
    assert "<h1>您好，王芳</h1>" in client.get(reverse("home")).content.decode()


def test_an_english_page_writes_dates_unambiguously(client, alice):
    account = f.AccountFactory(
        owner=alice, annual_potential=18524000, customer_since=dt.date(2026, 11, 26)
    )
    alice.first_name, alice.last_name = "Sarah", "Miller"
    alice.save()
    client.force_login(alice)

    html = client.get(account.get_absolute_url()).content.decode()

    assert '<dd class="nowrap">26 Nov 2026</dd>' in html
    assert '<dd class="nowrap">18,524,000\xa0CNY</dd>' in html
    assert "<dd>Sarah Miller</dd>" in html


def test_a_rep_in_chicago_logs_a_visit_at_local_time(client, alice_records, alice):
    alice.time_zone = "America/Chicago"
    alice.save()
    client.force_login(alice)
    account = alice_records["account"]

    response = client.post(
        reverse("accounts:visit-create"),
        {
            "account": account.pk,
            "visited_at": "2026-11-20T09:00",
            "kind": "phone",
            "purpose": "Call from Chicago",
        },
    )

    assert response.status_code == 302
    visit = Visit.objects.get(purpose="Call from Chicago")
    chicago = zoneinfo.ZoneInfo("America/Chicago")
    assert visit.visited_at == dt.datetime(2026, 11, 20, 9, 0, tzinfo=chicago)
    assert visit.visited_at == dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.UTC)
    html = client.get(f"{account.get_absolute_url()}?tab=visits").content.decode()
    assert "20 Nov 2026 09:00" in html
    # The profile offers the zone; business periods stay the company's.
    assert 'value="America/Chicago" selected' in client.get(reverse("profile")).content.decode()
    with timezone.override(chicago):
        assert company_today() == timezone.localdate(timezone=zoneinfo.ZoneInfo("Asia/Shanghai"))
        # New Year's Eve, 11:00 in Chicago, is already New Year's Day in Shanghai: Q1 2027.
        new_year = dt.datetime(2026, 12, 31, 17, 0, tzinfo=dt.UTC)
        assert timezone.localdate(new_year) == dt.date(2026, 12, 31)
        assert company_today(new_year) == dt.date(2027, 1, 1)
        assert Quarter.of(company_today(new_year)) == Quarter(2027, 1)


def test_quarters_are_calendar_quarters_in_the_company_zone():
    q4 = Quarter(2026, 4)

    assert (q4.start, q4.end) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert q4.start_at() == dt.datetime(2026, 10, 1, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    assert q4.end_at() == dt.datetime(2027, 1, 1, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    assert (q4.next(), q4.previous(), Quarter(2026, 1).previous()) == (
        Quarter(2027, 1),
        Quarter(2026, 3),
        Quarter(2025, 4),
    )
    assert Quarter.of(dt.date(2026, 3, 31)) == Quarter(2026, 1)
    assert str(q4) == "2026 Q4"


def test_the_profile_saves_language_and_zone(client, alice):
    client.force_login(alice)

    bad = client.post(reverse("profile"), {"time_zone": "Mars/Olympus", "language": ""})
    assert bad.status_code == 400
    good = client.post(
        reverse("profile"),
        {"first_name": "Fang", "last_name": "Wang", "time_zone": "Europe/Berlin", "language": "en"},
    )
    assert good.status_code == 302
    alice.refresh_from_db()
    assert (alice.time_zone, alice.language) == ("Europe/Berlin", "en")


def test_switching_language_is_remembered_for_the_user(client, alice):
    client.force_login(alice)

    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})

    alice.refresh_from_db()
    assert alice.language == "zh-hans"
    assert '<html lang="zh-hans">' in client.get(reverse("home")).content.decode()
