"""Issue 13's "Done when", end to end: a rep plans a product demo, invites the customer's
people, the demo takes place, she records who came and marks it done, makes feedback
links, the customers answer through them without an account, and she hands the customer
the session's feedback report as a PDF; the answers count in the account's CSAT.

The first test walks the story through the pages with Django's test client; the second
walks it in a real headless Chromium on a phone (390×844), where the session page and the
calendar must not overflow, and the customer answers on the link page in the browser.
Screenshots: ``story-training-*.png`` in ``artifacts/browser/``.

Only what exists before the story is written with factories (the account, its contacts,
the people); every step goes through the product, except one: the demo cannot be waited
for, so once planned it is moved to an hour ago with ``session_update``, as a rep who
planned it late would.
"""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import SurveyResponse
from kam.dates import company_today, company_tz
from kam.models import Notification, User
from tests import factories as f
from tests.support import ARTIFACTS, assert_no_csp_violations, log_in, new_context, pdf_text
from training import services
from training.models import FeedbackLink, TrainingFeedback, TrainingSession

ACCOUNT = "杭州精密铸造有限公司"
BOSS, BUYER, CONTROLLER = "王磊", "李娜", "赵敏"
TITLE = "X200 servo press demo"
AGENDA = "Line tour\nServo press in operation\nQ&A"
PRAISE = "演示很清楚，伺服压力机很实用"
CRITIC = "Too short for our maintenance crew."
PHONE = {"width": 390, "height": 844}
FITS = "document.documentElement.scrollWidth <= window.innerWidth"


def tomorrow_at(hour: int) -> dt.datetime:
    day = company_today() + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=company_tz())


def html_of(response) -> str:
    return response.content.decode()


def flashes(html: str) -> list[str]:
    return re.findall(r'<article class="flash flash-\w+" role="status">(.*?)</article>', html)


def text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def facts(html: str, css_class: str) -> dict[str, str]:
    block = html.split(f'<dl class="facts {css_class}">', 1)[1].split("</dl>", 1)[0]
    return {
        text(term): text(value)
        for term, value in re.findall(r"<dt>(.*?)</dt><dd[^>]*>(.*?)</dd>", block, re.S)
    }


def link_urls(html: str) -> dict[str, str]:
    """Who -> path of each open feedback link the session's page lists."""
    table = html.split('<table class="link-table">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<th scope="row">(.*?)<br>.*?readonly value="([^"]+)"', table, re.S)
    return {text(who): link.removeprefix("http://testserver") for who, link in rows}


@pytest.fixture
def customer(alice, trainer_user):
    """Before the story: Alice's key account and three of its people."""
    User.objects.filter(pk=alice.pk).update(first_name="Alice", last_name="Chen")
    account = f.AccountFactory(owner=alice, name=ACCOUNT, industry="Precision castings")
    people = {
        BOSS: f.ContactFactory(account=account, name=BOSS, title="Production director"),
        BUYER: f.ContactFactory(account=account, name=BUYER, title="Purchasing manager"),
        CONTROLLER: f.ContactFactory(account=account, name=CONTROLLER, title="Controller"),
    }
    return {"account": account, "people": people}


@pytest.mark.django_db
def test_a_rep_runs_a_demo_and_hands_the_customer_its_feedback_report(
    client, english, alice, trainer_user, customer, media_root
):
    account, people = customer["account"], customer["people"]
    client.force_login(alice)

    # 1. From the account's Trainings tab, Alice plans a product demo the training
    #    department supports.
    tab = html_of(client.get(account.get_absolute_url(), {"tab": "training"}))
    plan = f"{reverse('training:session-create')}?account={account.pk}"
    assert f'href="{plan}"' in tab
    assert f'<option value="{account.pk}" selected>{ACCOUNT}</option>' in html_of(client.get(plan))
    response = client.post(
        plan,
        {
            "account": account.pk,
            "kind": "product_demo",
            "title": TITLE,
            "topic": "Servo presses for the new line",
            "scheduled_at": tomorrow_at(14).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "120",
            "location": "Customer plant, hall C",
            "trainer": "",
            "support_department": f.department("training").pk,
            "agenda": AGENDA,
        },
    )
    demo = TrainingSession.objects.get(title=TITLE)
    assert (response.status_code, response["Location"]) == (302, demo.get_absolute_url())
    assert (demo.kind, demo.status, demo.trainer, demo.scheduled_at, demo.ends_at) == (
        "product_demo",
        "planned",
        alice,
        tomorrow_at(14),
        tomorrow_at(16),
    )
    html = html_of(client.get(demo.get_absolute_url()))
    assert flashes(html) == [f"“{TITLE}” planned."]
    # The day before, the reminder job tells the trainer and the supporting department.
    assert services.sessions_remind(today=company_today()) == 1
    reminders = Notification.objects.filter(kind="training.reminder", url=demo.get_absolute_url())
    assert sorted(reminders.values_list("user__username", flat=True)) == ["alice", "tina"]

    # 2. She invites the three people.
    response = client.post(
        reverse("training:session-invite", args=[demo.pk]),
        {"contacts": [person.pk for person in people.values()]},
    )
    assert response.status_code == 302
    assert flashes(html_of(client.get(demo.get_absolute_url()))) == ["3 invited."]
    assert sorted(demo.attendances.values_list("contact__name", flat=True)) == sorted(people)

    # 3. The demo takes place (an hour ago), 王磊 and 李娜 come, 赵敏 does not.
    services.session_update(
        session=demo, by=alice, scheduled_at=timezone.now() - dt.timedelta(hours=1)
    )
    came = {BOSS: "yes", BUYER: "yes", CONTROLLER: "no"}
    response = client.post(
        reverse("training:session-attendance", args=[demo.pk]),
        {f"contact_{people[who].pk}": value for who, value in came.items()},
    )
    assert response.status_code == 302
    assert flashes(html_of(client.get(demo.get_absolute_url()))) == ["Attendance saved."]
    assert dict(demo.attendances.values_list("contact__name", "attended")) == {
        BOSS: True,
        BUYER: True,
        CONTROLLER: False,
    }
    # Before it is done the home page does not ask for feedback yet.
    home = html_of(client.get(reverse("home")))
    assert 'id="feedback-missing-heading"' not in home

    # 4. She marks it done …
    response = client.post(
        reverse("training:session-transition", args=[demo.pk]),
        {"status": "done", "note": "Both engineers ran the press themselves."},
    )
    assert response.status_code == 302
    html = html_of(client.get(demo.get_absolute_url()))
    assert flashes(html) == ["The session is now Done."]
    assert '<span class="badge session-done">Done</span>' in html
    home = html_of(client.get(reverse("home")))
    assert TITLE in home.split('id="feedback-missing-heading"', 1)[1].split("</section>")[0]

    # … and makes the feedback links: one per attendee.
    response = client.post(reverse("training:feedback-links", args=[demo.pk]), {"anonymous": "0"})
    assert response.status_code == 302
    html = html_of(client.get(demo.get_absolute_url()))
    assert flashes(html) == ["2 feedback links made: copy them below."]
    links = link_urls(html)
    assert sorted(links) == sorted([BOSS, BUYER])

    # 5. The customers answer through their links, without an account; the page shows the
    #    demo and nothing of the account.
    for who, score, comment in [(BOSS, "5", PRAISE), (BUYER, "3", CRITIC)]:
        visitor = Client()
        page = html_of(visitor.get(links[who]))
        assert TITLE in page and f"Thank you for taking part, {who}." in page
        assert ACCOUNT not in page and CONTROLLER not in page and "Alice Chen" not in page
        response = visitor.post(links[who], {"score": score, "comments": comment})
        assert response.status_code == 200
        assert "Your feedback is recorded." in html_of(response)
        # One answer per link.
        again = visitor.post(links[who], {"score": "1", "comments": "Twice?"})
        assert (again.status_code, "Already answered" in html_of(again)) == (410, True)
    assert sorted(
        TrainingFeedback.objects.filter(session=demo).values_list(
            "contact__name", "score", "entered_by"
        )
    ) == sorted([(BOSS, 5, None), (BUYER, 3, None)])
    assert FeedbackLink.objects.filter(session=demo, used_at__isnull=True).count() == 0

    # 6. The session's page shows the figures; nothing is missing on the home page.
    html = html_of(client.get(demo.get_absolute_url()))
    assert facts(html, "report-facts") == {
        "Sessions": "1",
        "Attendance rate": "66.7 % 2 of 3 invited",
        "Average score": "4.00 / 5 2 answers",
        "Satisfied (4–5)": "50.0 %",
    }
    pdf_link = f"{reverse('export', args=['training.feedback_report', 'pdf'])}?session={demo.pk}"
    assert f'href="{pdf_link}"' in html
    assert 'id="feedback-missing-heading"' not in html_of(client.get(reverse("home")))

    # 7. She downloads the feedback report as a PDF for the customer.
    response = client.get(pdf_link)
    assert response.status_code == 200, response.content[:300]
    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="feedback-report-session-{demo.pk}.pdf"' in response["Content-Disposition"]
    assert pdf.startswith(b"%PDF-")
    words = "".join(pdf_text(pdf).split())
    for expected in (TITLE, ACCOUNT, PRAISE, CRITIC, "66.7", "4.00"):
        assert "".join(expected.split()) in words, expected

    # 8. The answers count in the account's satisfaction: one of two scored 4 or 5.
    surveys = SurveyResponse.objects.filter(account=account)
    assert sorted(surveys.values_list("source", "score", "contact__name", "comment")) == sorted(
        [("after_training", 5, BOSS, PRAISE), ("after_training", 3, BUYER, CRITIC)]
    )
    tab = html_of(client.get(account.get_absolute_url(), {"tab": "satisfaction"}))
    csat = tab.split('<p class="csat">', 1)[1].split("</p>", 1)[0]
    assert text(csat) == "50.0% CSAT: 1 of 2 responses scored 4 or 5."
    tab = html_of(client.get(account.get_absolute_url(), {"tab": "training"}))
    item = tab.split('<ol class="timeline account-sessions">', 1)[1].split("</ol>", 1)[0]
    assert "2 of 3 came · average score 4.0/5" in text(item)


# -- on a phone, in a real browser ---------------------------------------------------------------


def step(page, name: str) -> None:
    """Every page of the journey: a screenshot, and the Content-Security-Policy held."""
    page.screenshot(path=str(ARTIFACTS / f"story-training-{name}.png"), full_page=True)
    assert_no_csp_violations(page)


def fits(page, name: str) -> None:
    """Nothing wider than the phone: no sideways scrolling."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert page.evaluate(FITS), (name, width, PHONE["width"])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_demo_on_a_phone_and_the_customers_answer_in_the_browser(
    live_server, chromium, alice, trainer_user, customer, media_root
):
    account, people = customer["account"], customer["people"]
    base = live_server.url
    phone = new_context(chromium, viewport=PHONE, is_mobile=True, has_touch=True)
    page = phone.new_page()
    log_in(page, base, "alice")

    # Alice plans the demo from the account's Trainings tab.
    page.goto(f"{base}{account.get_absolute_url()}?tab=training")
    page.locator(".tab-panel").get_by_role("button", name="Plan a session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan a session")
    expect(page.get_by_label("Account")).to_have_value(str(account.pk))
    page.get_by_label("Kind").select_option(label="Product demo")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("When").fill(tomorrow_at(14).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Duration (minutes)").fill("120")
    page.get_by_label("Location").fill("Customer plant, hall C")
    page.get_by_label("Supported by").select_option(label="Training")
    page.get_by_label("Agenda").fill(AGENDA)
    fits(page, "plan-form")
    step(page, "00-plan-form")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/training/\d+/$"))
    demo = TrainingSession.objects.get(title=TITLE)
    expect(page.locator(".flash")).to_have_text(f"“{TITLE}” planned.")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    fits(page, "planned")
    step(page, "01-planned")

    # She invites 王磊 and 李娜.
    page.locator("#attendance summary").click()
    page.get_by_label(re.compile(BOSS)).check()
    page.get_by_label(re.compile(BUYER)).check()
    page.get_by_role("button", name="Invite", exact=True).click()
    expect(page.locator(".flash")).to_have_text("2 invited.")
    expect(page.locator(".attendance-list li")).to_have_count(2)

    # The calendar lists it under tomorrow.
    page.goto(f"{base}{reverse('training:session-list')}")
    day = page.locator(".calendar-day", has=page.get_by_role("link", name=TITLE))
    expect(day.locator("time")).to_have_attribute(
        "datetime", (company_today() + dt.timedelta(days=1)).isoformat()
    )
    fits(page, "calendar")
    step(page, "02-calendar")

    # The demo took place an hour ago: both came; she marks it done and makes the links.
    services.session_update(
        session=demo, by=alice, scheduled_at=timezone.now() - dt.timedelta(hours=1)
    )
    page.goto(f"{base}{demo.get_absolute_url()}")
    for who in (BOSS, BUYER):
        page.locator(".attendance-row", has_text=who).get_by_label("Came").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator(".flash")).to_have_text("Attendance saved.")
    page.get_by_label("New status").select_option(label="Done")
    page.locator("form.transition-form").get_by_label("Note").fill("Both ran the press.")
    page.get_by_role("button", name="Change status").click()
    expect(page.locator(".flash")).to_have_text("The session is now Done.")
    page.get_by_role("button", name="Make links").click()
    expect(page.locator(".flash")).to_have_text("2 feedback links made: copy them below.")
    rows = page.locator(".link-table tr")
    expect(rows).to_have_count(2)
    fits(page, "done-with-links")
    step(page, "03-done-with-links")
    boss_link = rows.filter(has_text=BOSS).locator("input").input_value()
    assert boss_link.startswith(f"{base}/feedback/")

    # 王磊 answers on his phone, without an account.
    visitor = new_context(chromium, viewport=PHONE, is_mobile=True, has_touch=True)
    answer = visitor.new_page()
    answer.goto(boss_link)
    expect(answer.get_by_role("heading", level=1)).to_have_text("How was it?")
    expect(answer.locator(".public-feedback")).to_contain_text(TITLE)
    expect(answer.locator("body")).not_to_contain_text(ACCOUNT)
    fits(answer, "feedback-page")
    step(answer, "04-feedback-page")
    answer.get_by_label("5", exact=True).check()
    answer.get_by_label("Comments").fill(PRAISE)
    answer.get_by_role("button", name="Send").click()
    expect(answer.get_by_role("heading", level=1)).to_have_text("Thank you")
    step(answer, "05-feedback-sent")
    answer.goto(boss_link)
    expect(answer.get_by_role("heading", level=1)).to_have_text("Already answered")
    visitor.close()

    feedback = TrainingFeedback.objects.get(session=demo)
    assert (feedback.contact, feedback.score, feedback.comments, feedback.survey.source) == (
        people[BOSS],
        5,
        PRAISE,
        "after_training",
    )
    # Alice sees the answer; one link is left open.
    page.reload()
    figures = page.locator("#feedback .report-facts")
    expect(figures.locator("div", has_text="Average score").locator("dd")).to_contain_text(
        "5.00 / 5"
    )
    expect(page.locator(".link-table tr")).to_have_count(1)
    expect(page.locator(".link-table tr")).to_contain_text(BUYER)
    fits(page, "answered")
    step(page, "06-answered")
    page.goto(f"{base}{reverse('training:session-list')}?when=all")
    fits(page, "calendar-all")
    phone.close()
