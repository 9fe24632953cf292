"""Journeys in a real headless Chromium: a rep's day, every main page on a phone in both
languages, and the Content-Security-Policy holding on every page.

Run with ``pytest -m browser``; screenshots land in ``artifacts/browser/``. Without a
Chromium the tests are skipped with the reason (install one: ``apt-get install chromium``,
or point ``KAM_CHROMIUM`` at a Chrome/Chromium binary); in CI a missing browser fails.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Visit
from kam import notify
from kam.choices import Role
from tests import factories as f
from tests.support import (
    ARTIFACTS,
    PHONE,
    STICKING_OUT,
    assert_no_csp_violations,
    find_chromium,
    log_in,
    new_context,
    require_chromium,
)

pytestmark = [
    pytest.mark.browser,
    # The live server runs in another thread, so data must be committed; the serialized
    # rollback brings back the departments the data migration created.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_browser_discovery_skips_or_fails_with_the_reason(monkeypatch, tmp_path):
    """The rule the ``chromium`` fixture applies, checked without a browser."""
    monkeypatch.setenv("KAM_CHROMIUM", str(tmp_path / "missing"))
    assert find_chromium() is None
    fake = tmp_path / "chrome"
    fake.write_text("")
    monkeypatch.setenv("KAM_CHROMIUM", str(fake))
    assert find_chromium() == str(fake)
    monkeypatch.delenv("KAM_CHROMIUM")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_chromium() is None
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        require_chromium(ci=False)
    with pytest.raises(pytest.fail.Exception, match="CI must run the browser tests"):
        require_chromium(ci=True)


def test_rep_logs_a_visit_with_two_contacts(live_server, chromium, alice_records):
    account = alice_records["account"]
    f.ContactFactory(account=account, name="Zhou Min")  # a contact left unticked
    f.AccountFactory(owner=account.owner, name="Xiamen Old Friends Trading Co")  # unvisited
    context = new_context(chromium, viewport={"width": 1280, "height": 900})
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

    # Back on the account, at the section that changed, with the message in view.
    expect(page).to_have_url(f"{live_server.url}{account.get_absolute_url()}?tab=visits")
    expect(page.locator(".flash")).to_contain_text("logged")
    expect(page.locator(".flash")).to_be_in_viewport()
    expect(page.locator('nav.tabs [aria-current="page"]')).to_contain_text("Visits")
    newest = page.locator(".timeline .visit").first
    expect(newest).to_contain_text("Batch quality on site with engineer")
    expect(newest.locator(".met")).to_have_text(
        re.compile(r"^Met: (Wang Lei, Li Na|Li Na, Wang Lei)$")
    )
    visit = Visit.objects.get(purpose="Batch quality on site with engineer")
    assert sorted(c.name for c in visit.contacts.all()) == ["Li Na", "Wang Lei"]
    page.screenshot(path=str(ARTIFACTS / "account-visit.png"), full_page=True)

    # Tabs switch with htmx (the URL follows, so back and reload work).
    page.locator("nav.tabs").get_by_role("link", name=re.compile("^Stakeholders")).click()
    expect(page).to_have_url(re.compile(r"\?tab=stakeholders$"))
    expect(page.get_by_role("heading", name="Stakeholder map")).to_be_visible()

    # From the navigation, no account is chosen yet; choosing one loads its contacts (htmx).
    page.locator(".main-nav").get_by_role("button", name="Log a visit").click()
    expect(page.locator("#visit-contacts input[type=checkbox]")).to_have_count(0)
    page.get_by_label("Account").select_option(str(account.pk))
    expect(page.locator("#visit-contacts input[type=checkbox]")).to_have_count(3)
    expect(page.get_by_label("Zhou Min")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "visit-form.png"), full_page=True)
    assert_no_csp_violations(page)

    # Switch the language: the page comes back in Simplified Chinese, and stays so.
    page.goto(f"{live_server.url}{account.get_absolute_url()}")
    page.locator("#language-select").select_option("zh-hans")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("#language-select option:checked")).to_have_text("简体中文")
    expect(page.get_by_role("heading", level=1)).to_have_text(account.name)
    expect(page.locator("nav.tabs")).to_contain_text("干系人")
    expect(page.locator(".main-nav")).to_contain_text("记录拜访")  # Log a visit
    expect(page.locator("body")).not_to_contain_text("Stakeholders")
    assert_no_csp_violations(page)
    page.screenshot(path=str(ARTIFACTS / "account-zh-hans.png"), full_page=True)
    context.close()


def main_pages(records) -> list[tuple[str, str]]:
    """(name, path) of every main page a rep opens."""
    account, plan = records["account"], records["plan"]
    pages = [
        ("home", reverse("home")),
        ("accounts", reverse("accounts:account-list")),
        ("accounts-by-last-visit", reverse("accounts:account-list") + "?sort=-last_visit"),
        ("account-new", reverse("accounts:account-create")),
        ("visit-new", reverse("accounts:visit-create") + f"?account={account.pk}"),
        ("contact-new", reverse("accounts:contact-create") + f"?account={account.pk}"),
        ("survey-new", reverse("accounts:survey-create") + f"?account={account.pk}"),
        ("plan-edit", reverse("accounts:plan-edit", args=[plan.pk])),
        ("satisfaction-report", reverse("accounts:satisfaction-report")),
        ("notifications", reverse("notifications")),
        ("notification-settings", reverse("notification-preferences")),
        ("webhooks", reverse("webhook-settings")),
        ("profile", reverse("profile")),
        ("exports", reverse("export-jobs")),
    ]
    for tab in ("overview", "stakeholders", "visits", "satisfaction", "plan"):
        pages.append((f"account-{tab}", f"{account.get_absolute_url()}?tab={tab}"))
    return pages


@pytest.fixture
def busy_rep(alice_records, alice):
    """Enough on Alice's plate that every list has rows, in long words and long names."""
    account = alice_records["account"]
    alice.first_name, alice.last_name = "芳", "王"
    alice.save()
    chinese = f.AccountFactory(
        owner=alice,
        name="杭州精密铸造机械制造股份有限公司华东分公司",
        industry="精密铸造与机械加工制造业",
        region="华东地区浙江省杭州市",
        annual_potential=18524000,
    )
    for n in range(3):
        f.VisitFactory(
            account=chinese,
            purpose=f"季度业务回顾与质量问题跟进会议第{n + 1}次",
            follow_up_on=timezone.localdate() + dt.timedelta(days=n),
            next_steps="发送更新后的交货计划和八项纪律纠正措施报告给客户质量部门负责人",
        )
    f.SurveyResponseFactory(account=account, comment="Very long comment " * 20, score=2)
    f.PlanActionFactory(plan=alice_records["plan"], title="与总经理共进晚餐并讨论明年框架协议续签")
    notify(alice, "accounts.unvisited", "三个客户九十天未拜访", "杭州精密铸造机械制造股份有限公司")
    return alice


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_main_page_fits_a_phone(live_server, chromium, alice_records, busy_rep, language):
    busy_rep.language = language
    busy_rep.save()
    desktop = new_context(chromium, viewport={"width": 1280, "height": 900})
    page = desktop.new_page()
    log_in(page, live_server.url, "alice")
    phone = new_context(
        chromium,
        viewport=PHONE,
        storage_state=desktop.storage_state(),
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    phone_page = phone.new_page()
    for name, path in main_pages(alice_records):
        phone_page.goto(f"{live_server.url}{path}")
        expect(phone_page.locator("html")).to_have_attribute("lang", language)
        phone_page.screenshot(path=str(ARTIFACTS / f"{name}-phone-{language}.png"), full_page=True)
        assert phone_page.evaluate(STICKING_OUT, PHONE["width"]) == [], name
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
        assert_no_csp_violations(phone_page)
    # Buttons never wrap; a Chinese table cell never breaks one character per line.
    phone_page.goto(f"{live_server.url}{reverse('accounts:account-list')}")
    heights = phone_page.evaluate(
        """() => [...document.querySelectorAll("button, [role=button], .badge")]
          .filter((el) => el.offsetParent !== null)
          .map((el) => [el.textContent.trim(), el.getBoundingClientRect().height])"""
    )
    single_line = phone_page.evaluate(
        """() => parseFloat(getComputedStyle(document.body).lineHeight) * 1.7"""
    )
    assert [label for label, height in heights if height > single_line + 16] == []
    phone.close()
    desktop.close()


def test_other_roles_pages_fit_and_keep_the_policy(
    live_server, chromium, alice_records, bob, superuser
):
    """The manager's, the executive's and a department member's homes; admin and API docs."""
    f.UserFactory(username="eve", role=Role.EXECUTIVE)
    f.UserFactory(username="tess", role=Role.DEPARTMENT, department=f.department("logistics"))
    for username in ("bob", "eve", "tess"):
        context = new_context(chromium, viewport=PHONE, is_mobile=True, has_touch=True)
        page = context.new_page()
        log_in(page, live_server.url, username)
        page.screenshot(path=str(ARTIFACTS / f"home-{username}-phone.png"), full_page=True)
        assert page.evaluate(STICKING_OUT, PHONE["width"]) == [], username
        assert_no_csp_violations(page)
        if username == "eve":
            # An executive reads: no "New account", no "Log a visit".
            page.goto(f"{live_server.url}{reverse('accounts:account-list')}")
            expect(page.get_by_role("button", name="New account")).to_have_count(0)
            expect(page.get_by_role("button", name="Log a visit")).to_have_count(0)
            # A forbidden page is a page, in the user's language, saying why.
            page.goto(f"{live_server.url}{reverse('accounts:account-create')}")
            expect(page.get_by_role("heading", level=1)).to_have_text("Your role may not do this")
        context.close()
    context = new_context(chromium, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server.url, "root")
    for path in ("/admin/", "/admin/accounts/account/", "/api/docs/", "/api/v1/accounts/"):
        page.goto(f"{live_server.url}{path}")
        assert_no_csp_violations(page)
    expect(page.locator("body")).to_contain_text("Hangzhou Precision Castings")
    context.close()
