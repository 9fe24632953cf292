"""A rep's journey in a real headless Chromium: log in, log a visit, read it, switch language.

Run with ``pytest -m browser``; screenshots land in ``artifacts/browser/``.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from accounts.models import Visit
from tests import factories as f

pytestmark = [
    pytest.mark.browser,
    # The live server runs in another thread, so data must be committed; the serialized
    # rollback brings back the departments the data migration created.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "browser"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 375, "height": 812}
#: Elements sticking out past the right edge of a phone's screen. A phone browser widens
#: its layout viewport to fit them, so the page shrinks: nothing may stick out.
STICKING_OUT = """(width) => [...document.querySelectorAll("body *")]
  .filter((el) => el.getBoundingClientRect().right > width + 1)
  .filter((el) => el.parentElement.closest(".overflow-auto") === null)
  .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""))
  .slice(0, 10)"""


@pytest.fixture
def chromium():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Playwright runs the test in a greenlet with its own context, so the ORM opened a
        # connection of its own there; left open, it blocks dropping the test database.
        connections.close_all()


def log_in(page, base_url, username):
    page.goto(f"{base_url}/")
    expect(page).to_have_url(re.compile(r"/auth/login/\?next=/$"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{base_url}/")


def test_rep_logs_a_visit_with_two_contacts(live_server, chromium, alice_records):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    account = alice_records["account"]
    f.ContactFactory(account=account, name="Zhou Min")  # a contact left unticked
    f.AccountFactory(owner=account.owner, name="Xiamen Old Friends Trading Co")  # unvisited
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server.url, "alice")

    page.get_by_role("link", name="Accounts", exact=True).click()
    page.get_by_role("link", name=account.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(account.name)

    page.locator(".account-header").get_by_role("button", name="Log a visit").click()
    expect(page.get_by_label("Account")).to_have_value(str(account.pk))
    page.get_by_label("Purpose").fill("Batch quality on site with engineer")
    page.get_by_label("Summary").fill("Inspected the returned batch together.")
    page.get_by_label("Wang Lei").check()
    page.get_by_label("Li Na").check()
    follow_up_on = timezone.localdate() + dt.timedelta(days=3)
    page.get_by_label("Follow up on").fill(follow_up_on.isoformat())
    page.get_by_role("button", name="Log visit").click()

    expect(page).to_have_url(f"{live_server.url}{account.get_absolute_url()}")
    expect(page.locator(".flash")).to_contain_text("logged")
    newest = page.locator(".timeline .visit").first
    expect(newest).to_contain_text("Batch quality on site with engineer")
    expect(newest.locator(".met")).to_have_text(
        re.compile(r"^Met: (Wang Lei, Li Na|Li Na, Wang Lei)$")
    )
    visit = Visit.objects.get(purpose="Batch quality on site with engineer")
    assert sorted(c.name for c in visit.contacts.all()) == ["Li Na", "Wang Lei"]
    page.screenshot(path=str(ARTIFACTS / "account-visit.png"), full_page=True)

    # From the navigation, no account is chosen yet; choosing one loads its contacts (htmx).
    page.locator(".main-nav").get_by_role("button", name="Log a visit").click()
    expect(page.locator("#visit-contacts input[type=checkbox]")).to_have_count(0)
    page.get_by_label("Account").select_option(str(account.pk))
    expect(page.locator("#visit-contacts input[type=checkbox]")).to_have_count(3)
    expect(page.get_by_label("Zhou Min")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "visit-form.png"), full_page=True)

    # A phone: the account page fits the width, tables scroll inside their box.
    phone = chromium.new_context(
        viewport=PHONE,
        storage_state=context.storage_state(),
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    phone_page = phone.new_page()
    phone_page.goto(f"{live_server.url}{account.get_absolute_url()}")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(account.name)
    phone_page.screenshot(path=str(ARTIFACTS / "account-phone.png"), full_page=True)
    assert phone_page.evaluate(STICKING_OUT, PHONE["width"]) == []
    assert phone_page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    phone_page.goto(f"{live_server.url}/")
    phone_page.screenshot(path=str(ARTIFACTS / "home-phone.png"), full_page=True)
    assert phone_page.evaluate(STICKING_OUT, PHONE["width"]) == []
    assert phone_page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    phone_page.goto(f"{live_server.url}/accounts/?sort=-last_visit")
    phone_page.screenshot(path=str(ARTIFACTS / "accounts-phone.png"), full_page=True)
    assert phone_page.evaluate(STICKING_OUT, PHONE["width"]) == []
    assert phone_page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    phone_page.goto(f"{live_server.url}{account.get_absolute_url()}")
    phone_page.locator(".account-header").get_by_role("button", name="Log a visit").click()
    phone_page.screenshot(path=str(ARTIFACTS / "visit-form-phone.png"), full_page=True)
    assert phone_page.evaluate(STICKING_OUT, PHONE["width"]) == []
    assert phone_page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    phone.close()

    # Switch the language: the page comes back in Simplified Chinese.
    page.goto(f"{live_server.url}{account.get_absolute_url()}")
    page.locator("#language-select").select_option("zh-hans")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("#language-select option:checked")).to_have_text("简体中文")
    expect(page.get_by_role("heading", level=1)).to_have_text(account.name)
    expect(page.get_by_role("heading", name="干系人地图")).to_be_visible()  # Stakeholder map
    expect(page.get_by_role("heading", name="拜访")).to_be_visible()  # Visits
    expect(page.locator("nav")).to_contain_text("记录拜访")  # Log a visit
    expect(page.locator("body")).not_to_contain_text("Stakeholder map")
    page.screenshot(path=str(ARTIFACTS / "account-zh-hans.png"), full_page=True)
    context.close()
