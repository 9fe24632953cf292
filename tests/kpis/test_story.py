"""DESIGN.md's story 2, a missed quarter, end to end in a real headless Chromium.

Mid-quarter Alice is far behind her approved plan and a competitor is cutting prices. Bob,
her manager, sees it on the KPI dashboard and taps the figure for the orders behind it;
Alice logs the price cut, writes and publishes the quarter's market report, revises her
plan's strategy (a new revision, approved again by Bob), and books the orders that catch
up. Bob presses "Recompute now" (a real Celery worker with ``REDIS_URL``, eager Celery
without), the dashboard shows the recovery, and Alice downloads her performance summary.
The dashboard also fits a phone: its table scrolls inside its wrapper.

Only what exists before the story is written with factories and services (the people,
the accounts, the approved plan, the first order, the competitor, the first scorecards);
every step of the story goes through the pages. Screenshots: ``story-missed-*.png`` in
``artifacts/browser/``.
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from kam.dates import Quarter, company_today
from kpis import services as kpi_services
from kpis.choices import Metric, Scope
from kpis.models import RecomputeRun, ScorecardMetric
from market_intel import services as market_services
from market_intel.models import CompetitorActivity, MarketReport
from sales_plans.models import Order, SalesPlan
from tests import factories as f
from tests.support import ARTIFACTS, assert_no_csp_violations, log_in, new_context, pdf_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    # The live server runs in another thread (and the worker in a third), so data must be
    # committed; the serialized rollback brings back what the data migrations created.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

D = Decimal
REP_NAME = "Alice Wang"
KEY_ACCOUNT = "Hangzhou Precision Castings"
OTHER_ACCOUNT = "Ningbo Turbine Housings"
COMPETITOR = "Suzhou Rival Foundry"
TARGET = D("1000000.00")
#: Booked before the story: 100,000 of 1,000,000 is 10 % — far behind.
FIRST_ORDER, FIRST_AMOUNT = "SO-2026-0101", D("100000.00")
#: Booked in the story: (100,000 + 950,000) / 1,000,000 = 105 % — the target is met.
CATCH_UP_ORDER, CATCH_UP_AMOUNT = "SO-2026-0188", D("950000.00")
PRICE_CUT = "Suzhou Rival Foundry offers the housings 12 % below our price until year end."
REPORT_TITLE = "East China castings market: a price war"
NEW_STRATEGY = (
    "Answer the price cut with a volume rebate for the two key accounts, and a joint "
    "promotion with marketing on the new alloy."
)
PHONE = {"width": 390, "height": 844}
#: How long the recompute may take to show on the status partial (a worker starts cold).
RECOMPUTE_TIMEOUT_MS = 60_000


def step(page, name: str) -> None:
    """Every page of the story: a screenshot, and the Content-Security-Policy held."""
    page.screenshot(path=str(ARTIFACTS / f"story-missed-{name}.png"), full_page=True)
    assert_no_csp_violations(page)


def flash(page):
    return page.locator(".flash")


def rep_cell(page, metric: Metric):
    """The link of the rep's figure for ``metric`` in the dashboard's table."""
    row = page.locator(".kpi-table tbody tr", has=page.get_by_role("link", name=REP_NAME))
    return row.locator(f'td[data-label="{metric.label}"] a.kpi-cell')


def stored(metric: Metric, rep) -> ScorecardMetric:
    quarter = Quarter.current()
    return ScorecardMetric.objects.get(
        metric=metric,
        scorecard__scope=Scope.REP,
        scorecard__user=rep,
        scorecard__year=quarter.year,
        scorecard__quarter=quarter.quarter,
    )


@pytest.fixture
def story(alice, bob, english):
    """Before the story: Alice (East, managed by Bob) with two active key accounts, her
    approved plan for this quarter, one small order so far, a competitor at large, and
    the scorecards of this quarter computed from it."""
    alice.first_name, alice.last_name = "Alice", "Wang"
    alice.save()
    bob.first_name, bob.last_name = "Bob", "Li"
    bob.save()
    quarter = Quarter.current()
    today = company_today()
    key = f.AccountFactory(owner=alice, name=KEY_ACCOUNT, tier="strategic")
    other = f.AccountFactory(owner=alice, name=OTHER_ACCOUNT)
    plan = f.SalesPlanFactory(
        owner=alice,
        year=quarter.year,
        quarter=quarter.quarter,
        target_amount=TARGET,
        strategy="Hold our price; grow the volume of the two key accounts.",
        status="approved",
        approved_by=bob,
        approved_at=timezone.now(),
    )
    f.OrderFactory(account=key, number=FIRST_ORDER, amount=FIRST_AMOUNT, ordered_on=today)
    competitor = market_services.competitor_create(
        by=alice, name=COMPETITOR, pricing_notes="Aggressive list prices."
    )
    kpi_services.recompute_quarter(quarter)
    # The start of the story, as stored: 10 % attainment, no market report.
    attainment = stored(Metric.ATTAINMENT, alice)
    assert (attainment.numerator, attainment.denominator, attainment.value, attainment.met) == (
        FIRST_AMOUNT,
        TARGET,
        D("10.00"),
        False,
    )
    reports = stored(Metric.MARKET_REPORTS, alice)
    assert (reports.numerator, reports.denominator, reports.met) == (0, 1, False)
    return {
        "quarter": quarter,
        "today": today,
        "key": key,
        "other": other,
        "plan": plan,
        "competitor": competitor,
    }


def test_a_missed_quarter_is_seen_answered_and_recovered(
    live_server, chromium, celery_worker, alice, bob, story
):
    base = live_server.url
    quarter, key, plan = story["quarter"], story["key"], story["plan"]
    desktop = {"viewport": {"width": 1280, "height": 900}}

    # 1. Bob opens the dashboard: Alice's attainment is behind, and so is her market report.
    managers = new_context(chromium, **desktop)
    manager = managers.new_page()
    log_in(manager, base, "bob")
    manager.locator(".main-nav").get_by_role("link", name="KPIs", exact=True).click()
    expect(manager).to_have_url(f"{base}{reverse('kpis:dashboard')}")
    expect(manager.get_by_role("heading", level=1)).to_have_text("KPI dashboard")
    expect(manager.locator("#run-status")).to_contain_text("No recompute has finished yet.")
    attainment = rep_cell(manager, Metric.ATTAINMENT)
    expect(attainment).to_have_class(re.compile(r"\bkpi-missed\b"))
    expect(attainment).to_contain_text("10.0 %")
    reports = rep_cell(manager, Metric.MARKET_REPORTS)
    expect(reports).to_have_class(re.compile(r"\bkpi-missed\b"))
    expect(reports).to_contain_text("0.00")
    step(manager, "01-dashboard-behind")

    # … and taps the figure: the one order behind it, counted.
    attainment.click()
    expect(manager.get_by_role("heading", level=1)).to_have_text(f"Target attainment: {REP_NAME}")
    orders = manager.locator("table tbody tr")
    expect(orders).to_have_count(1)
    expect(orders.first.locator("td").first).to_have_text(FIRST_ORDER)
    expect(orders.first).to_contain_text(KEY_ACCOUNT)
    expect(orders.first.locator('td[data-label="Counted"]')).to_have_text("✓")
    step(manager, "02-cell-orders")

    # 2. Alice logs the competitor's price cut at her key account …
    reps = new_context(chromium, **desktop)
    rep = reps.new_page()
    log_in(rep, base, "alice")
    rep.get_by_role("link", name="Accounts", exact=True).click()
    rep.get_by_role("link", name=KEY_ACCOUNT).click()
    expect(rep.get_by_role("heading", level=1)).to_have_text(KEY_ACCOUNT)
    rep.locator("nav.tabs").get_by_role("link", name=re.compile("^Competitors")).click()
    expect(rep.locator('nav.tabs [aria-current="page"]')).to_contain_text("Competitors")
    rep.locator(".tab-panel").get_by_role("button", name="Log competitor activity").click()
    expect(rep.get_by_role("heading", level=1)).to_have_text("Log competitor activity")
    expect(rep.get_by_label("Account")).to_have_value(str(key.pk))
    rep.get_by_label("Competitor").select_option(label=COMPETITOR)
    rep.get_by_label("Kind").select_option(label="Pricing")
    rep.get_by_label("Details").fill(PRICE_CUT)
    step(rep, "03-activity-form")
    rep.get_by_role("button", name="Save").click()
    expect(rep).to_have_url(f"{base}{key.get_absolute_url()}?tab=competitors")
    expect(flash(rep)).to_have_text("Competitor activity logged.")
    logged = rep.locator(".account-competitors li").first
    expect(logged).to_contain_text(COMPETITOR)
    expect(logged).to_contain_text("Pricing")
    expect(logged).to_contain_text(PRICE_CUT)
    activity = CompetitorActivity.objects.get()
    assert (
        activity.competitor,
        activity.account,
        activity.kind,
        activity.observed_on,
        activity.reported_by,
    ) == (story["competitor"], key, "pricing", story["today"], alice)
    step(rep, "03-activity-logged")

    # … writes the quarter's market analysis and publishes it.
    rep.goto(f"{base}{reverse('market_intel:report-list')}")
    rep.get_by_role("button", name="New market report").click()
    expect(rep.get_by_role("heading", level=1)).to_have_text("New market report")
    expect(rep.get_by_label("Quarter")).to_have_value(f"{quarter.year}-{quarter.quarter}")
    rep.get_by_label("Title").fill(REPORT_TITLE)
    rep.get_by_label("Summary").fill("A rival cuts prices 12 %; we answer with rebates.")
    rep.get_by_label("Body").fill(
        "## Pricing\n\nSuzhou Rival Foundry undercuts us by 12 % at two key accounts.\n\n"
        "## Our answer\n\n- volume rebate\n- a joint promotion with marketing"
    )
    rep.get_by_label(COMPETITOR).check()
    step(rep, "04-report-form")
    rep.get_by_role("button", name="Save").click()
    expect(rep.get_by_role("heading", level=1)).to_have_text(REPORT_TITLE)
    expect(rep.locator(".page-heading .badge")).to_have_text("Draft")
    rep.get_by_role("button", name="Publish").click()
    expect(flash(rep)).to_have_text(f"“{REPORT_TITLE}” is published.")
    expect(rep.locator(".page-heading .badge")).to_have_text("Published")
    expect(rep.locator(".report-body h2")).to_have_text(["Pricing", "Our answer"])
    report = MarketReport.objects.get()
    assert (report.author, report.year, report.quarter, report.status) == (
        alice,
        quarter.year,
        quarter.quarter,
        "published",
    )
    assert list(report.competitors.all()) == [story["competitor"]]
    step(rep, "04-report-published")

    # 3. Alice revises the approved plan's strategy: revision 2, as a draft, submitted.
    rep.locator(".main-nav").get_by_role("link", name="Sales plans", exact=True).click()
    rep.locator(f'a[href="{plan.get_absolute_url()}"]').click()
    expect(rep.locator(".page-heading .badge")).to_have_text("Approved")
    expect(rep.locator(".page-heading")).to_contain_text("Revision 1")
    rep.get_by_role("button", name="Revise").click()
    expect(rep).to_have_url(f"{base}{reverse('sales_plans:plan-edit', args=[plan.pk])}")
    expect(flash(rep)).to_have_text("A new revision of the plan is open as a draft.")
    rep.get_by_label("Strategy").fill(NEW_STRATEGY)
    step(rep, "05-plan-revision-form")
    rep.get_by_role("button", name="Save").click()
    expect(rep).to_have_url(f"{base}{plan.get_absolute_url()}")
    expect(rep.locator(".page-heading .badge")).to_have_text("Draft")
    expect(rep.locator(".page-heading")).to_contain_text("Revision 2")
    rep.get_by_role("button", name="Submit for approval").click()
    expect(flash(rep)).to_have_text("Plan submitted for approval.")
    expect(rep.locator(".page-heading .badge")).to_have_text("Submitted")
    step(rep, "05-plan-submitted")

    # Bob finds it waiting for him and approves it on its page.
    manager.locator(".main-nav").get_by_role("link", name="Sales plans", exact=True).click()
    waiting = manager.locator("tr", has=manager.locator(f'a[href="{plan.get_absolute_url()}"]'))
    expect(waiting.locator("mark")).to_have_text("waiting for you")
    waiting.locator(f'a[href="{plan.get_absolute_url()}"]').click()
    expect(manager.locator("#strategy-heading + p")).to_have_text(NEW_STRATEGY)
    manager.get_by_label("Comment").fill("Go ahead with the rebate.")
    step(manager, "06-plan-decision")
    manager.get_by_role("button", name="Approve").click()
    expect(flash(manager)).to_have_text("Plan approved.")
    expect(manager.locator(".page-heading .badge")).to_have_text("Approved")
    expect(manager.locator(".page-heading")).to_contain_text("Revision 2")
    plan.refresh_from_db()
    assert (plan.status, plan.revision, plan.strategy, plan.approved_by, plan.target_amount) == (
        "approved",
        2,
        NEW_STRATEGY,
        bob,
        TARGET,
    )
    # The history keeps revision 1 as it was approved.
    assert set(plan.history.values_list("revision", "status")) >= {
        (1, "approved"),
        (2, "draft"),
        (2, "submitted"),
        (2, "approved"),
    }
    step(manager, "06-plan-approved")

    # 4. The orders arrive: Alice books the catch-up order on her key account's page.
    rep.goto(f"{base}{key.get_absolute_url()}")
    rep.locator("nav.tabs").get_by_role("link", name=re.compile("^Orders")).click()
    expect(rep.locator('nav.tabs [aria-current="page"]')).to_contain_text("Orders")
    rep.locator(".tab-panel").get_by_role("button", name="New order").click()
    expect(rep.get_by_role("heading", level=1)).to_have_text("New order")
    expect(rep.get_by_label("Account")).to_have_value(str(key.pk))
    expect(rep.get_by_label("Ordered on")).to_have_value(story["today"].isoformat())
    rep.get_by_label("Number").fill(CATCH_UP_ORDER)
    rep.get_by_label("Amount").fill(str(CATCH_UP_AMOUNT))
    promised_on = story["today"] + dt.timedelta(days=14)
    rep.get_by_label("Promised on").fill(promised_on.isoformat())
    step(rep, "07-order-form")
    rep.get_by_role("button", name="Save").click()
    expect(flash(rep)).to_contain_text(CATCH_UP_ORDER)
    order = Order.objects.get(number=CATCH_UP_ORDER)
    assert (order.account, order.owner, order.amount, order.ordered_on, order.status) == (
        key,
        alice,
        CATCH_UP_AMOUNT,
        story["today"],
        "open",
    )
    step(rep, "07-order-booked")

    # 5. The dashboard reads stored figures: still behind until Bob recomputes.
    manager.locator(".main-nav").get_by_role("link", name="KPIs", exact=True).click()
    expect(rep_cell(manager, Metric.ATTAINMENT)).to_have_class(re.compile(r"\bkpi-missed\b"))
    status = manager.locator("#run-status")
    status.get_by_role("button", name="Recompute now").click()
    # The status partial polls every 2 s (htmx) until the run is done.
    expect(status).to_contain_text(
        "Figures as of the recompute finished", timeout=RECOMPUTE_TIMEOUT_MS
    )
    expect(status.get_by_role("button", name="Recompute now")).to_be_visible()
    run = RecomputeRun.objects.get()
    assert (run.status, run.requested_by, run.quarters_done) == ("done", bob, 2)
    assert run.quarters == [quarter.previous(), quarter]
    step(manager, "08-recomputed")

    # 6. The recovery: attainment met at 105 %, one report for one rep.
    manager.reload()
    attainment = rep_cell(manager, Metric.ATTAINMENT)
    expect(attainment).to_have_class(re.compile(r"\bkpi-met\b"))
    expect(attainment).to_contain_text("105.0 %")
    reports = rep_cell(manager, Metric.MARKET_REPORTS)
    expect(reports).to_have_class(re.compile(r"\bkpi-met\b"))
    expect(reports).to_contain_text("1.00")
    figure = stored(Metric.ATTAINMENT, alice)
    # (100,000 + 950,000) / 1,000,000 × 100 = 105 %
    assert (figure.numerator, figure.denominator, figure.value, figure.met) == (
        FIRST_AMOUNT + CATCH_UP_AMOUNT,
        TARGET,
        D("105.00"),
        True,
    )
    # One report published in the quarter ÷ one rep = 1.00 per rep (target ≥ 1).
    per_rep = stored(Metric.MARKET_REPORTS, alice)
    assert (per_rep.numerator, per_rep.denominator, per_rep.value, per_rep.met) == (
        1,
        1,
        D("1.00"),
        True,
    )
    step(manager, "09-dashboard-recovered")

    # The dashboard on a phone: the page keeps its width, the table scrolls in its wrapper.
    phone = new_context(
        chromium,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        storage_state=managers.storage_state(),
    )
    small = phone.new_page()
    small.goto(f"{base}{reverse('kpis:dashboard')}")
    expect(rep_cell(small, Metric.ATTAINMENT)).to_have_class(re.compile(r"\bkpi-met\b"))
    page_width = small.evaluate("document.documentElement.scrollWidth")
    assert page_width <= PHONE["width"] + 1, page_width
    wrapper = small.locator(".overflow-auto", has=small.locator(".kpi-table"))
    widths = wrapper.evaluate("(el) => [el.scrollWidth, el.clientWidth]")
    assert widths[0] > widths[1], widths  # wider than the screen: it scrolls …
    scrolled = wrapper.evaluate("(el) => { el.scrollLeft = 200; return el.scrollLeft; }")
    assert scrolled > 0  # … inside the wrapper
    assert small.evaluate("window.scrollX") == 0
    step(small, "10-dashboard-phone")
    phone.close()
    managers.close()

    # 7. Alice closes the quarter with her performance summary, as a PDF.
    rep.locator(".main-nav").get_by_role("link", name="KPIs", exact=True).click()
    expect(rep).to_have_url(f"{base}{reverse('kpis:rep', args=[alice.pk])}")
    expect(rep.get_by_role("heading", level=1)).to_have_text("My scorecard")
    this_quarter = rep.locator(f'td[data-label="{quarter.label}"]')
    expect(this_quarter.locator('a.kpi-cell[href*="/attainment/"]')).to_have_class(
        re.compile(r"\bkpi-met\b")
    )
    step(rep, "11-scorecard")
    with rep.expect_download() as download_info:
        rep.get_by_role("button", name="Performance summary (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == (
        f"performance-rep-{alice.pk}-{quarter.year}-Q{quarter.quarter}.pdf"
    )
    with open(download.path(), "rb") as pdf:
        content = pdf.read()
    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    assert f"Performance summary: {REP_NAME}" in text
    assert KEY_ACCOUNT in text  # the quarter's top account
    reps.close()
    assert SalesPlan.objects.get().revision == 2
