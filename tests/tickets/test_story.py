"""DESIGN.md's first story, "A quality complaint", end to end in a real headless Chromium.

The rep does her part on the web pages, clicking and typing; tech support answers from its
own system through the REST API with a real token; production answers on the same web
pages. Every step must then show on the account page, and the account's order fulfilment
report must show the replacement delivered on time. Screenshots: ``story-quality-*.png``
in ``artifacts/browser/``.

Only what exists before the story is written with factories (the account, its contacts,
the earlier delivered order, the people); every step of the story goes through the product.
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
import requests
from django.utils import formats
from playwright.sync_api import expect

from accounts.models import SurveyResponse, Visit
from kam.choices import Role
from kam.dates import Quarter, company_today
from kam.templatetags.kam_format import number
from sales_plans.models import Order
from tests import factories as f
from tests.support import ARTIFACTS, assert_no_csp_violations, log_in, new_context
from tickets.models import Ticket

pytestmark = [
    pytest.mark.browser,
    # The live server runs in another thread, so data must be committed; the serialized
    # rollback brings back the departments and routing rules the data migrations created.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ACCOUNT = "杭州精密铸造有限公司"
CALLER, BUYER, CONTROLLER = "王磊", "李娜", "赵敏"
EARLIER, REPLACEMENT, FOLLOW_UP = "HZ-2026-0815", "HZ-2026-0901", "HZ-2026-0902"
CALL = "Phone call: batch quality complaint"
ON_SITE = "On site with our engineer: inspect the disputed batch"
QUALITY = f"Porosity in castings of batch {EARLIER}"
RETURN = f"Return batch {EARLIER} and ship replacements"
RECEIVED = "Samples of the batch received; inspection started."
INSPECTION = (
    "Inspection result: 37 of 400 castings show gas porosity above the drawing's limit; "
    "root cause a worn degassing rotor on line 3, replaced. Replace the whole batch."
)
RESOLVED_NOTE = "8D report sent to the customer's quality department."
SCHEDULED = "Replacement batch of 400 castings scheduled on line 2; ships in five days."
RETURNED = "Replacement delivered on time; the disputed batch is back in our warehouse."
FEEDBACK = "Fast and honest answer; the replacement came before the promised date."


def short_date(day: dt.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def hours(seconds: float, ndigits: int) -> str:
    """Hours as the pages print them: rounded like the model or the report, one decimal."""
    return number(round(seconds / 3600, ndigits), 1)


def step(page, name: str) -> None:
    """Every page of the story: a screenshot, and the Content-Security-Policy held."""
    page.screenshot(path=str(ARTIFACTS / f"story-quality-{name}.png"), full_page=True)
    assert_no_csp_violations(page)


def flash(page):
    return page.locator(".flash")


def open_tab(page, label: str):
    """Click an account tab (htmx); return its panel once it is shown."""
    page.locator("nav.tabs").get_by_role("link", name=re.compile(f"^{label}")).click()
    expect(page.locator('nav.tabs [aria-current="page"]')).to_contain_text(label)
    return page.locator(".tab-panel")


class Api:
    """A department's own system: a token from POST /api/v1/auth/token/, then JSON calls."""

    def __init__(self, base_url: str, username: str):
        self.base = f"{base_url}/api/v1"
        answer = requests.post(
            f"{self.base}/auth/token/",
            json={"username": username, "password": f.PASSWORD},
            timeout=30,
        )
        assert answer.status_code == 200, answer.text
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Token {answer.json()['token']}"

    def get(self, path: str, **params):
        answer = self.session.get(f"{self.base}/{path}", params=params, timeout=30)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def post(self, path: str, expected: int, **data):
        answer = self.session.post(f"{self.base}/{path}", json=data, timeout=30)
        assert answer.status_code == expected, answer.text
        return answer.json()


@pytest.fixture
def story(alice, dept_user, english):
    """Before the story: Alice's key manufacturing account, its people, and the batch the
    customer doubts, delivered on the first day of this quarter."""
    quarter = Quarter.current()
    account = f.AccountFactory(
        owner=alice,
        name=ACCOUNT,
        industry="Precision castings",
        tier="key",
        region="华东 · 杭州",
        annual_potential=Decimal("12000000.00"),
    )
    caller = f.ContactFactory(
        account=account, name=CALLER, title="Quality director", buying_role="decision_maker"
    )
    f.ContactFactory(account=account, name=BUYER, title="Purchasing manager", reports_to=caller)
    f.ContactFactory(account=account, name=CONTROLLER, title="Financial controller")
    earlier = f.OrderFactory(
        account=account,
        number=EARLIER,
        ordered_on=quarter.start - dt.timedelta(days=30),
        promised_on=quarter.start,
        delivered_on=quarter.start,
        status="delivered",
        amount=Decimal("480000.00"),
    )
    production = f.UserFactory(
        username="pete",
        first_name="Peng",
        last_name="Liu",
        role=Role.DEPARTMENT,
        department=f.department("production"),
    )
    dept_user.first_name, dept_user.last_name = "Tao", "Sun"
    dept_user.save()
    return {
        "account": account,
        "earlier": earlier,
        "quarter": quarter,
        "tess": dept_user,
        "pete": production,
    }


def test_a_quality_complaint_end_to_end(live_server, chromium, alice, story):
    account, quarter = story["account"], story["quarter"]
    today = company_today()
    replacement_promised = min(today + dt.timedelta(days=7), quarter.end)
    follow_up_promised = quarter.next().start + dt.timedelta(days=14)
    base = live_server.url
    context = new_context(chromium, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, "alice")

    # 1. The customer calls. Alice logs the call on the account, then opens a quality
    #    ticket from its Tickets tab without choosing a department.
    page.get_by_role("link", name="Accounts", exact=True).click()
    page.get_by_role("link", name=ACCOUNT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ACCOUNT)
    step(page, "00-account")
    page.locator(".account-header").get_by_role("button", name="Log a visit").click()
    expect(page.get_by_label("Account")).to_have_value(str(account.pk))
    page.get_by_label("Kind").select_option(label="Phone")
    page.get_by_label("Purpose").fill(CALL)
    page.get_by_label("Summary").fill(
        f"{CALLER} called: castings of batch {EARLIER} show porosity; they want to return "
        "the batch, and the framework contract is at risk."
    )
    page.get_by_label("Next steps").fill("Open a quality ticket; visit with an engineer.")
    page.get_by_label(CALLER).check()
    step(page, "01-call-form")
    page.get_by_role("button", name="Log visit").click()
    expect(page).to_have_url(f"{base}{account.get_absolute_url()}?tab=visits")
    expect(flash(page)).to_have_text(f"Visit “{ACCOUNT} · {CALL}” logged.")
    call = page.locator(".timeline .visit").first
    expect(call.locator(".badge")).to_have_text("Phone")
    expect(call.locator("strong")).to_have_text(CALL)
    expect(call.locator(".met")).to_have_text(f"Met: {CALLER}")
    step(page, "01-call-logged")

    panel = open_tab(page, "Tickets")
    expect(panel.locator(".account-tickets")).to_have_count(0)
    expect(panel).to_contain_text("No tickets yet.")
    panel.get_by_role("button", name="New ticket").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New ticket")
    expect(page.get_by_label("Account")).to_have_value(str(account.pk))
    page.get_by_label("Order", exact=True).select_option(label=EARLIER)
    page.get_by_label("Category").select_option(label="Quality")
    page.get_by_label("Priority").select_option(label="High")
    department = page.get_by_label("Department")
    expect(department.locator("option:checked")).to_have_text("Routed by category")
    page.get_by_label("Subject").fill(QUALITY)
    page.get_by_label("Description").fill(
        f"{CALLER} (quality director) doubts the whole batch {EARLIER}: porosity found in "
        "incoming inspection. The customer asks to return it; the contract is at risk."
    )
    step(page, "02-quality-ticket-form")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/tickets/\d+/$"))
    quality = Ticket.objects.get(subject=QUALITY)
    assert page.url == f"{base}{quality.get_absolute_url()}"
    expect(flash(page)).to_have_text(f"Ticket “#{quality.pk} {QUALITY}” opened and routed.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"#{quality.pk} {QUALITY}")
    facts = page.locator(".ticket-facts")
    expect(facts.locator("div", has_text="Department").locator("dd")).to_have_text(
        "Technical support"
    )
    expect(facts.locator("div", has_text="Assignee").locator("dd")).to_have_text("—")
    details = page.locator(".ticket-details")
    expect(details.locator("div", has_text="Category").locator("dd")).to_have_text("Quality")
    expect(details.locator("div", has_text="Priority").locator("dd")).to_have_text("High")
    expect(details.locator("div", has_text="Order").locator("dd a")).to_have_text(EARLIER)
    expect(page.locator(".page-heading .ticket-open")).to_have_text("Open")
    expect(page.locator(".page-heading .sla-on-track")).to_have_text("on track")
    assert (quality.category, quality.department.code, quality.order_id) == (
        "quality",
        "tech_support",
        story["earlier"].pk,
    )
    step(page, "02-quality-ticket-routed")

    # 2. Alice visits on site with an engineer and meets the customer's people.
    page.locator(".page-heading").get_by_role("link", name=ACCOUNT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ACCOUNT)
    page.locator(".account-header").get_by_role("button", name="Log a visit").click()
    expect(page.get_by_label("Kind")).to_have_value("on_site")
    page.get_by_label("Purpose").fill(ON_SITE)
    page.get_by_label("Summary").fill(
        "With our process engineer: opened 12 crates of the batch together with the "
        "customer's quality team and took samples for tech support."
    )
    page.get_by_label(CALLER).check()
    page.get_by_label(BUYER).check()
    expect(page.get_by_label(CONTROLLER)).not_to_be_checked()
    step(page, "03-on-site-visit-form")
    page.get_by_role("button", name="Log visit").click()
    expect(page).to_have_url(f"{base}{account.get_absolute_url()}?tab=visits")
    expect(flash(page)).to_have_text(f"Visit “{ACCOUNT} · {ON_SITE}” logged.")
    visit = page.locator(".timeline .visit").first
    expect(visit.locator(".badge")).to_have_text("On site")
    expect(visit.locator("strong")).to_have_text(ON_SITE)
    met = visit.locator(".met").inner_text()
    assert met.startswith("Met: ") and sorted(met[5:].split(", ")) == sorted([CALLER, BUYER])
    on_site = Visit.objects.get(purpose=ON_SITE)
    assert sorted(c.name for c in on_site.contacts.all()) == sorted([CALLER, BUYER])
    assert (on_site.kind, on_site.rep_id) == ("on_site", alice.pk)
    step(page, "03-on-site-visit-logged")

    # 3. Tech support answers from its own system: its queue, a comment, the inspection
    #    result, in progress, resolved.
    tess = story["tess"]
    support = Api(base, "tess")
    queue = support.get("tickets/", ordering="due_at")
    assert queue["count"] == 1
    assert [(t["id"], t["account_name"], t["department"], t["status"], t["sla_state"])
            for t in queue["results"]] == [
        (quality.pk, ACCOUNT, "tech_support", "open", "on_track")
    ]  # fmt: skip
    assert queue["results"][0]["order_number"] == EARLIER
    path = f"tickets/{quality.pk}"
    taken = support.post(f"{path}/assign/", 200, assignee=tess.pk, note="Taking it.")
    assert (taken["assignee"], taken["assignee_name"]) == (tess.pk, tess.display_name)
    comment = support.post(f"{path}/comments/", 201, body=RECEIVED)
    assert (comment["kind"], comment["body"], comment["author"]) == ("comment", RECEIVED, tess.pk)
    moved = support.post(f"{path}/transition/", 200, status="in_progress", note="")
    assert moved["status"] == "in_progress"
    support.post(f"{path}/comments/", 201, body=INSPECTION)
    resolved = support.post(f"{path}/transition/", 200, status="resolved", note=RESOLVED_NOTE)
    assert (resolved["status"], resolved["sla_state"], resolved["remaining_seconds"]) == (
        "resolved",
        "met",
        None,
    )
    events = support.get(f"{path}/events/")
    history = [(e["kind"], e["from_status"], e["to_status"], e["body"]) for e in events["results"]]
    assert history == [
        ("status_change", "", "open", ""),
        ("reassign", "", "", "Taking it."),
        ("comment", "", "", RECEIVED),
        ("status_change", "open", "in_progress", ""),
        ("comment", "", "", INSPECTION),
        ("status_change", "in_progress", "resolved", RESOLVED_NOTE),
    ]  # fmt: skip
    assert support.get("tickets/", status="open")["count"] == 0

    page.goto(f"{base}{quality.get_absolute_url()}")
    expect(page.locator(".page-heading .ticket-resolved")).to_have_text("Resolved")
    expect(page.locator(".page-heading .sla-met")).to_have_text("in time")
    expect(facts.locator("div", has_text="Assignee").locator("dd")).to_have_text(tess.display_name)
    timeline = page.locator(".ticket-timeline > li")
    expect(timeline).to_have_count(6)
    expect(timeline.nth(4).locator(".event-body")).to_have_text(INSPECTION)
    expect(timeline.nth(4).locator("header strong")).to_have_text(tess.display_name)
    expect(timeline.nth(5)).to_contain_text("Changed the status to Resolved.")
    expect(timeline.nth(5).locator(".event-body")).to_have_text(RESOLVED_NOTE)
    step(page, "04-quality-ticket-answered")

    # 4. Production schedules replacements: a return/exchange ticket, which Alice sends to
    #    production herself (the default rule would send it to customer service) …
    page.locator(".page-heading").get_by_role("link", name=ACCOUNT).click()
    open_tab(page, "Tickets").get_by_role("button", name="New ticket").click()
    page.get_by_label("Order", exact=True).select_option(label=EARLIER)
    page.get_by_label("Category").select_option(label="Return or exchange")
    page.get_by_label("Priority").select_option(label="High")
    page.get_by_label("Department").select_option(label="Production")
    page.get_by_label("Subject").fill(RETURN)
    page.get_by_label("Description").fill(
        f"Tech support confirmed the porosity (ticket #{quality.pk}). Take back the 400 "
        "castings and ship a replacement batch."
    )
    step(page, "05-return-ticket-form")
    page.get_by_role("button", name="Save").click()
    exchange = Ticket.objects.get(subject=RETURN)
    expect(page).to_have_url(f"{base}{exchange.get_absolute_url()}")
    expect(flash(page)).to_have_text(f"Ticket “#{exchange.pk} {RETURN}” opened and routed.")
    expect(facts.locator("div", has_text="Department").locator("dd")).to_have_text("Production")
    expect(details.locator("div", has_text="Category").locator("dd")).to_have_text(
        "Return or exchange"
    )
    assert (exchange.category, exchange.department.code) == ("return_exchange", "production")
    step(page, "05-return-ticket-opened")

    # … production sees it in its queue on the web pages and schedules the batch …
    factory_context = new_context(chromium, viewport={"width": 1280, "height": 900})
    plant = factory_context.new_page()
    log_in(plant, base, "pete")
    queue_panel = plant.locator("section", has=plant.locator("#queue-heading"))
    expect(queue_panel.locator("h2")).to_have_text("Queue of Production")
    expect(queue_panel.locator(".queue-tickets li")).to_have_count(1)
    step(plant, "06-production-home")
    queue_panel.get_by_role("link", name=f"#{exchange.pk} {RETURN}").click()
    expect(plant.get_by_role("heading", level=1)).to_have_text(f"#{exchange.pk} {RETURN}")
    # A department reads the account's name, and is not sent to its page.
    expect(plant.locator(".page-heading").get_by_role("link", name=ACCOUNT)).to_have_count(0)
    expect(plant.locator(".page-heading")).to_contain_text(ACCOUNT)
    plant.get_by_label("Comment").fill(SCHEDULED)
    plant.get_by_role("button", name="Add comment").click()
    expect(flash(plant)).to_have_text("Comment added.")
    expect(plant.locator(".ticket-timeline > li").last.locator(".event-body")).to_have_text(
        SCHEDULED
    )
    step(plant, "06-production-scheduled")

    # … and Alice books the replacement order with its promised date.
    page.locator(".page-heading").get_by_role("link", name=ACCOUNT).click()
    open_tab(page, "Orders").get_by_role("button", name="New order").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New order")
    expect(page.get_by_label("Account")).to_have_value(str(account.pk))
    expect(page.get_by_label("Ordered on")).to_have_value(today.isoformat())
    page.get_by_label("Number").fill(REPLACEMENT)
    page.get_by_label("Amount").fill("0")
    page.get_by_label("Promised on").fill(replacement_promised.isoformat())
    step(page, "07-replacement-order-form")
    page.get_by_role("button", name="Save").click()
    replacement = Order.objects.get(number=REPLACEMENT)
    expect(page).to_have_url(f"{base}{replacement.get_absolute_url()}")
    expect(flash(page)).to_have_text(f"Order “{REPLACEMENT}” booked.")
    assert (replacement.status, replacement.promised_on, replacement.owner_id) == (
        "open",
        replacement_promised,
        alice.pk,
    )
    step(page, "07-replacement-order-booked")

    # The replacement is delivered on time: today, on or before the promised date.
    page.get_by_label("New status").select_option(label="Delivered")
    expect(page.get_by_label("Delivered on")).to_have_value(today.isoformat())
    page.get_by_role("button", name="Save status").click()
    expect(flash(page)).to_have_text(f"Order {REPLACEMENT} is now Delivered.")
    sales_facts = page.locator(".sales-facts")
    expect(sales_facts.locator("div", has_text="Delivered on").locator("dd")).to_have_text(
        short_date(today)
    )
    expect(page.locator(".page-heading .order-delivered")).to_have_text("Delivered")
    replacement.refresh_from_db()
    assert (replacement.status, replacement.delivered_on) == ("delivered", today)
    assert replacement.delivered_on <= replacement.promised_on
    step(page, "08-replacement-delivered")

    # Production closes its ticket once the replacement is in.
    plant.reload()
    plant.get_by_label("New status").select_option(label="Resolved")
    plant.locator("form.transition-form").get_by_label("Note").fill(RETURNED)
    plant.get_by_role("button", name="Change status").click()
    expect(flash(plant)).to_have_text(f"Ticket #{exchange.pk} is now Resolved.")
    expect(plant.locator(".page-heading .ticket-resolved")).to_have_text("Resolved")
    step(plant, "09-return-ticket-resolved")
    factory_context.close()

    # 5. The customer's satisfaction after the quality ticket, on its page.
    page.goto(f"{base}{quality.get_absolute_url()}")
    form = page.locator("form.feedback-form")
    form.get_by_label("5", exact=True).check()
    form.get_by_label("Comment").fill(FEEDBACK)
    form.get_by_label("Who said so").select_option(label=f"{CALLER} (Quality director)")
    step(page, "10-feedback-form")
    form.get_by_role("button", name="Record feedback").click()
    expect(page).to_have_url(f"{base}{quality.get_absolute_url()}")
    expect(flash(page)).to_have_text(
        "The customer's feedback is recorded; it counts towards the account's CSAT."
    )
    expect(details.locator("div", has_text="Customer satisfaction").locator("dd")).to_have_text(
        "5/5"
    )
    expect(page.locator("form.feedback-form")).to_have_count(0)
    survey = SurveyResponse.objects.get(account=account)
    assert (survey.score, survey.comment, survey.source, survey.contact.name) == (
        5,
        FEEDBACK,
        "after_ticket",
        CALLER,
    )
    assert (survey.received_on, Ticket.objects.get(pk=quality.pk).feedback_id) == (
        today,
        survey.pk,
    )
    step(page, "10-feedback-recorded")

    # 6. The relationship holds: a follow-up order, promised next quarter.
    page.locator(".page-heading").get_by_role("link", name=ACCOUNT).click()
    open_tab(page, "Orders").get_by_role("button", name="New order").click()
    page.get_by_label("Number").fill(FOLLOW_UP)
    page.get_by_label("Amount").fill("520000")
    page.get_by_label("Promised on").fill(follow_up_promised.isoformat())
    page.get_by_role("button", name="Save").click()
    expect(flash(page)).to_have_text(f"Order “{FOLLOW_UP}” booked.")
    assert Order.objects.get(number=FOLLOW_UP).amount == Decimal("520000.00")
    step(page, "11-follow-up-order")

    # 7. Every step shows on the account page.
    page.goto(f"{base}{account.get_absolute_url()}")
    tabs = page.locator("nav.tabs")
    expect(tabs.get_by_role("link", name=re.compile("^Visits"))).to_have_text("Visits 2")
    expect(tabs.get_by_role("link", name=re.compile("^Orders"))).to_have_text("Orders 3")
    expect(tabs.get_by_role("link", name=re.compile("^Satisfaction"))).to_have_text(
        "Satisfaction 1"
    )
    # The tab counts the tickets still owing an answer: both are resolved.
    expect(tabs.get_by_role("link", name=re.compile("^Tickets"))).to_have_text("Tickets 0")

    visits = open_tab(page, "Visits").locator(".timeline .visit")
    expect(visits).to_have_count(2)
    expect(visits.locator("strong")).to_have_text([ON_SITE, CALL])
    expect(visits.locator(".badge")).to_have_text(["On site", "Phone"])
    step(page, "12-account-visits")

    tickets = open_tab(page, "Tickets").locator(".account-tickets > li")
    expect(tickets).to_have_count(2)
    quality = Ticket.objects.get(pk=quality.pk)
    exchange = Ticket.objects.get(pk=exchange.pk)
    for ticket in (quality, exchange):
        assert ticket.paused_seconds == 0
        assert ticket.resolution_seconds == int(
            (ticket.resolved_at - ticket.opened_at).total_seconds()
        )
    newest, oldest = tickets.nth(0), tickets.nth(1)
    expect(newest.locator("header a")).to_have_text(f"#{exchange.pk} {RETURN}")
    expect(newest.locator(".ticket-resolved")).to_have_text("Resolved")
    expect(newest.locator(".sla-met")).to_have_text("in time")
    expect(newest.locator("small.muted")).to_have_text(
        re.compile(
            r"^Return or exchange · Production · opened .+ · "
            + re.escape(f"{EARLIER} · resolved in {hours(exchange.resolution_seconds, 2)} h")
            + "$"
        )
    )
    expect(newest.locator(".last-comment p")).to_have_text(SCHEDULED)
    expect(oldest.locator("header a")).to_have_text(f"#{quality.pk} {QUALITY}")
    expect(oldest.locator(".ticket-resolved")).to_have_text("Resolved")
    expect(oldest.locator("small.muted")).to_have_text(
        re.compile(
            r"^Quality · Technical support · opened .+ · "
            + re.escape(
                f"{EARLIER} · resolved in {hours(quality.resolution_seconds, 2)} h · "
                "customer's score 5/5"
            )
            + "$"
        )
    )
    expect(oldest.locator(".last-comment p")).to_have_text(INSPECTION)
    expect(oldest.locator(".last-comment footer")).to_contain_text(tess.display_name)
    step(page, "13-account-tickets")

    orders = open_tab(page, "Orders").locator(".order-table tbody tr")
    expect(orders).to_have_count(3)
    expect(orders.locator("th a")).to_have_text([FOLLOW_UP, REPLACEMENT, EARLIER])
    expect(orders.locator(".badge")).to_have_text(["Open", "Delivered", "Delivered"])
    expect(orders.nth(1).locator('[data-label="Promised"]')).to_have_text(
        short_date(replacement_promised)
    )
    expect(orders.nth(0).locator('[data-label="Promised"]')).to_have_text(
        short_date(follow_up_promised)
    )
    step(page, "14-account-orders")

    satisfaction = open_tab(page, "Satisfaction")
    expect(satisfaction.locator(".csat-value")).to_have_text("100.0%")
    expect(satisfaction.locator(".csat")).to_have_text(
        "100.0% CSAT: 1 of 1 response scored 4 or 5."
    )
    responses = satisfaction.locator("table.surveys tbody tr")
    expect(responses).to_have_count(1)
    expect(responses.locator('[data-label="Score"]')).to_have_text("5/5")
    expect(responses.locator('[data-label="Contact"]')).to_have_text(CALLER)
    expect(responses.locator('[data-label="Source"]')).to_have_text("After a ticket")
    expect(responses.locator('[data-label="Comment"]')).to_have_text(FEEDBACK)
    step(page, "15-account-satisfaction")

    # The account's order fulfilment: the batch and its replacement, both on time; the
    # follow-up is promised next quarter.
    open_tab(page, "Tickets").get_by_role("link", name="Order fulfilment").click()
    expect(page).to_have_url(f"{base}/tickets/fulfilment/?account={account.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Order fulfilment")
    expect(page.locator(".page-heading hgroup p")).to_have_text(f"{quarter.label} · {ACCOUNT}")
    figures = page.locator(".report-facts")

    def figure(label):
        return figures.locator("div", has=page.locator("dt", has_text=label)).locator("dd")

    mean = (quality.resolution_seconds + exchange.resolution_seconds) / 2
    expect(figure("On time in full (OTIF)")).to_have_text("100.0%")
    expect(figure("Orders promised")).to_have_text("2")
    expect(figure("Delivered on time")).to_have_text("2")
    expect(figure("Delivered late")).to_have_text("0")
    expect(figure("Not delivered")).to_have_text("0")
    expect(figure("Tickets about them")).to_have_text("2")
    expect(figure("Mean resolution")).to_have_text(f"{hours(mean, 1)} h")
    expect(figure("Resolved within SLA")).to_have_text("100.0%")
    rows = page.locator(".fulfilment-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.locator("th a")).to_have_text([EARLIER, REPLACEMENT])
    expect(rows.locator('[data-label="On time"]')).to_have_text(["yes", "yes"])
    replacement_row = rows.nth(1)
    expect(replacement_row.locator('[data-label="Promised"]')).to_have_text(
        short_date(replacement_promised)
    )
    expect(replacement_row.locator('[data-label="Delivered"]')).to_have_text(short_date(today))
    expect(replacement_row.locator('[data-label="Tickets"]')).to_have_text("—")
    expect(rows.nth(0).locator('[data-label="Tickets"]')).to_have_text(
        f"#{quality.pk} Resolved · {hours(quality.resolution_seconds, 2)} h "
        f"#{exchange.pk} Resolved · {hours(exchange.resolution_seconds, 2)} h",
        use_inner_text=True,
    )
    step(page, "16-order-fulfilment")
    # The scope form says which quarter is shown, so that "Show" keeps it.
    expect(page.get_by_label("Quarter")).to_have_value(f"{quarter.year}-{quarter.quarter}")
    context.close()
