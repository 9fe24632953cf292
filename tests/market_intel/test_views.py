"""The duty-3 pages: who sees which competitor, report and suggestion (R&D: every
suggestion, and of its accounts no more than the name and tier), the report and suggestion
state machines through the pages (403 / 404 / 409 with the reason said), Markdown rendered
inert, the forms that keep what was typed, who has published this quarter, the adoption
rate, the home panels and the account's tab, pinned query counts, and every page on a
phone in both languages."""

import re
from datetime import timedelta

import pytest
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from kam.choices import Role
from kam.dates import Quarter, company_today
from kam.models import Notification
from market_intel import services
from market_intel.models import Competitor, CompetitorActivity, MarketReport, ProductSuggestion
from tests import factories as f
from tests.support import (
    ARTIFACTS,
    PHONE,
    STICKING_OUT,
    assert_no_csp_violations,
    log_in,
    new_context,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ACCOUNT_NAME = "Hangzhou Precision Castings"
CHARLIE_ACCOUNT = "Chengdu Heavy Industries"
REQUIRED = "This field is required."
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."

COMPETITOR_LIST = reverse("market_intel:competitor-list")
COMPETITOR_CREATE = reverse("market_intel:competitor-create")
ACTIVITY_CREATE = reverse("market_intel:activity-create")
REPORT_LIST = reverse("market_intel:report-list")
REPORT_CREATE = reverse("market_intel:report-create")
COVERAGE = reverse("market_intel:report-coverage")
SUGGESTION_LIST = reverse("market_intel:suggestion-list")
SUGGESTION_CREATE = reverse("market_intel:suggestion-create")
HOME = reverse("home")

READ_ONLY = "A published report is read-only."
AUTHOR_ONLY = "Only the report&#x27;s author may do this."
RND_ONLY = "Only R&amp;D reviews and decides suggestions."
ADMIN_ONLY = "Only an administrator reopens a decided suggestion."
FINAL = "A decided suggestion is final unless an administrator reopens it."


# -- reading the pages ----------------------------------------------------------------------


def page(client, url, status=200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, (url, response.content[:800])
    return response.content.decode()


def url(name, record):
    return reverse(f"market_intel:{name}", args=[record.pk])


def main(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def section(html: str, heading_id: str) -> str:
    """The ``<section>`` whose heading has ``heading_id`` (a panel, a tab, a part of a page)."""
    return html.split(f'id="{heading_id}"', 1)[1].split(">", 1)[1].split("</section>", 1)[0]


def text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def flashes(html: str) -> list[str]:
    return re.findall(r'<article class="flash flash-\w+" role="status">(.*?)</article>', html)


def refusal(html: str) -> str:
    return html.split('<article class="refusal" role="alert"><p>', 1)[1].split("</p>", 1)[0]


def facts(html: str, css_class: str) -> dict[str, str]:
    """``<dl class="facts {css_class}">`` as ``{term: text}``."""
    block = html.split(f'<dl class="facts {css_class}">', 1)[1].split("</dl>", 1)[0]
    return {
        text(term): text(value)
        for term, value in re.findall(r"<dt>(.*?)</dt><dd[^>]*>(.*?)</dd>", block, re.S)
    }


def linked(html: str, kind: str) -> list[int]:
    """The ids of the ``kind`` records ("reports", "suggestions", "competitors") a list,
    a panel or a section links to by their title, in order."""
    return [int(pk) for pk in re.findall(rf'<a href="/market/{kind}/(\d+)/"><strong>', html)]


def options(html: str, name: str) -> list[tuple[str, str]]:
    """(value, label) of the ``<select name=…>``'s options."""
    select = html.split(f'<select name="{name}"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def selected(html: str, name: str) -> list[str]:
    select = html.split(f'<select name="{name}"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]*)" selected>', select)


def checked(html: str, name: str) -> list[str]:
    return re.findall(
        rf'<input type="(?:checkbox|radio)" name="{name}" value="([^"]*)"[^>]* checked', html
    )


def result_count(html: str) -> str:
    return text(html.split('<p class="muted result-count">', 1)[1].split("</p>", 1)[0])


def table_rows(html: str, css_class: str) -> list[list[str]]:
    table = html.split(f'{css_class}">', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def day(value) -> str:
    """A date as the pages write it (English)."""
    return date_filter(value, "SHORT_DATE_FORMAT")


def moment(value) -> str:
    """A moment as the pages write it (the company's zone, English)."""
    return date_filter(timezone.localtime(value), "SHORT_DATE_FORMAT")


def period(quarter: Quarter) -> str:
    return f"{quarter.year}-{quarter.quarter}"


# -- the records there are to see -----------------------------------------------------------


def rnd_member(username: str, **extra):
    return f.UserFactory(
        username=username, role=Role.DEPARTMENT, department=f.department("rnd"), **extra
    )


@pytest.fixture
def rita(db):
    """An R&D member: reads every suggestion, reviews and decides them."""
    return rnd_member("rita", first_name="Rita", last_name="Chen")


@pytest.fixture
def charlie_account(charlie):
    return f.AccountFactory(owner=charlie, name=CHARLIE_ACCOUNT, tier="strategic")


REPORT = {
    "summary": "Sany cut its list prices by 8 % in Zhejiang.",
    "body": "## Pricing\n\nSany cut **8 %** off its list prices.",
}


def report(author, title, quarter=None, **changes):
    quarter = quarter or Quarter.current()
    return services.market_report_create(
        by=author,
        title=title,
        year=quarter.year,
        quarter=quarter.quarter,
        **{**REPORT, **changes},
    )


def published(author, title, quarter=None, now=None, **changes):
    """A report published now (or at ``now``), for ``quarter``."""
    record = report(author, title, quarter, **changes)
    return services.market_report_publish(report=record, by=author, now=now)


def suggestion(by, title, accounts=(), **changes):
    return services.suggestion_create(
        by=by,
        title=title,
        description=changes.pop("description", f"{title}: three customers asked for it."),
        accounts=list(accounts),
        **changes,
    )


def activity(by, competitor, account, kind="pricing", details="", observed_on=None):
    return services.activity_create(
        by=by,
        competitor=competitor,
        account=account,
        observed_on=observed_on or company_today(),
        kind=kind,
        details=details or f"{competitor.name} seen.",
    )


@pytest.fixture
def market(alice, charlie, alice_account, charlie_account):
    """Of each duty-3 record one of Alice's (and a few of Charlie's): data there is to leak."""
    sany = services.competitor_create(
        by=alice,
        name="Sany Heavy Industry",
        website="https://www.sany.example",
        strengths="Price; a dense service network.",
        weaknesses="Long lead times for spare parts.",
        pricing_notes="Lists 8 % under us since October.",
    )
    at_alice = activity(alice, sany, alice_account, "pricing", "Cut its list price at Hangzhou.")
    market_wide = activity(alice, sany, None, "product", "Launched a cheaper pump line.")
    at_charlie = activity(charlie, sany, charlie_account, "win", "Won the Chengdu gearbox tender.")
    lost = f.OpportunityFactory(
        account=alice_account,
        name="Turbine housings 2027",
        stage="lost",
        lost_reason="Price.",
        closed_on=company_today(),
        competitor=sany,
    )
    shown = published(alice, "East China castings, this quarter", competitors=[sany])
    draft = report(alice, "Secret draft on Zhejiang pricing")
    asked = suggestion(alice, "Corrosion-resistant coating", [alice_account])
    charlies = suggestion(charlie, "Longer gearbox warranty", [charlie_account])
    return {
        "sany": sany,
        "at_alice": at_alice,
        "market_wide": market_wide,
        "at_charlie": at_charlie,
        "lost": lost,
        "published": shown,
        "draft": draft,
        "suggestion": asked,
        "charlies": charlies,
    }


def get_pages(m) -> dict[str, str]:
    """Every GET page of duty 3 with Alice's records: name -> url."""
    return {
        "competitor-list": COMPETITOR_LIST,
        "competitor-create": COMPETITOR_CREATE,
        "competitor-detail": url("competitor-detail", m["sany"]),
        "competitor-edit": url("competitor-edit", m["sany"]),
        "activity-create": ACTIVITY_CREATE,
        "activity-edit": url("activity-edit", m["at_alice"]),
        "report-list": REPORT_LIST,
        "report-create": REPORT_CREATE,
        "report-coverage": COVERAGE,
        "report-detail": url("report-detail", m["published"]),
        "draft-detail": url("report-detail", m["draft"]),
        "draft-edit": url("report-edit", m["draft"]),
        "suggestion-list": SUGGESTION_LIST,
        "suggestion-create": SUGGESTION_CREATE,
        "suggestion-detail": url("suggestion-detail", m["suggestion"]),
        "suggestion-edit": url("suggestion-edit", m["suggestion"]),
    }


def post_urls(m) -> dict[str, str]:
    """Every POST endpoint of duty 3 with Alice's records: name -> url."""
    return {
        "competitor-create": COMPETITOR_CREATE,
        "competitor-edit": url("competitor-edit", m["sany"]),
        "activity-create": ACTIVITY_CREATE,
        "activity-edit": url("activity-edit", m["at_alice"]),
        "report-create": REPORT_CREATE,
        "draft-edit": url("report-edit", m["draft"]),
        "draft-publish": url("report-publish", m["draft"]),
        "report-edit": url("report-edit", m["published"]),
        "report-publish": url("report-publish", m["published"]),
        "suggestion-create": SUGGESTION_CREATE,
        "suggestion-edit": url("suggestion-edit", m["suggestion"]),
        "suggestion-review": url("suggestion-review", m["suggestion"]),
        "suggestion-decide": url("suggestion-decide", m["suggestion"]),
        "suggestion-reopen": url("suggestion-reopen", m["suggestion"]),
    }


def posted(m):
    """What any POST carries: a field for every form, so a view would act if it let it."""
    return {
        "name": "Hijacked",
        "title": "Hijacked",
        "competitor": m["sany"].pk,
        "account": "",
        "observed_on": company_today().isoformat(),
        "kind": "other",
        "details": "Hijacked",
        "period": period(Quarter.current()),
        "summary": "Hijacked",
        "body": "Hijacked",
        "description": "Hijacked",
        "decision": "adopted",
        "note": "Hijacked",
    }


def state(m) -> tuple:
    """Everything a POST could change, to compare before and after."""
    return (
        tuple(Competitor.objects.order_by("pk").values_list("name", "strengths")),
        tuple(CompetitorActivity.objects.order_by("pk").values_list("details", "kind")),
        tuple(MarketReport.objects.order_by("pk").values_list("title", "status", "published_at")),
        tuple(
            ProductSuggestion.objects.order_by("pk").values_list(
                "title", "status", "decided_by", "decision_note"
            )
        ),
    )


# -- who sees what --------------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login_page(client, market):
    before = state(market)
    login = reverse("login")
    for name, address in get_pages(market).items():
        response = client.get(address)
        assert (response.status_code, response["Location"]) == (
            302,
            f"{login}?next={address}",
        ), name
    for name, address in post_urls(market).items():
        response = client.post(address, posted(market))
        assert (response.status_code, response["Location"]) == (
            302,
            f"{login}?next={address}",
        ), name
    assert state(market) == before


def test_alice_opens_every_page_of_hers(client, alice, market):
    client.force_login(alice)
    for name, address in get_pages(market).items():
        expected = 403 if name == "report-coverage" else 200
        assert client.get(address).status_code == expected, name
    # Her published report is read-only; her draft she edits and publishes.
    assert client.get(url("report-edit", market["published"])).status_code == 403
    html = page(client, url("report-detail", market["draft"]))
    assert url("report-edit", market["draft"]) in html
    assert f'action="{url("report-publish", market["draft"])}"' in html
    html = page(client, url("report-detail", market["published"]))
    assert url("report-edit", market["published"]) not in html
    assert url("report-publish", market["published"]) not in html
    # Her own suggestion: hers to edit, not hers to review or decide.
    html = page(client, url("suggestion-detail", market["suggestion"]))
    assert url("suggestion-edit", market["suggestion"]) in html
    for step in ("review", "decide", "reopen"):
        assert url(f"suggestion-{step}", market["suggestion"]) not in html, step
    assert f'<a href="{market["suggestion"].accounts.get().get_absolute_url()}">' in html


def test_the_manager_reads_her_published_reports_not_her_drafts(client, alice, bob, market):
    before = state(market)
    client.force_login(bob)
    pages = get_pages(market)
    for name, address in pages.items():
        expected = 404 if name in ("draft-detail", "draft-edit") else 200
        assert client.get(address).status_code == expected, name
    for name in ("draft-edit", "draft-publish"):
        assert client.post(post_urls(market)[name], posted(market)).status_code == 404, name
    # Her published report: he reads it, neither edits nor publishes it.
    html = page(client, pages["report-detail"])
    assert "<h1>East China castings, this quarter</h1>" in html
    assert url("report-edit", market["published"]) not in html
    response = client.post(url("report-publish", market["published"]))
    assert response.status_code == 403
    assert refusal(response.content.decode()) == AUTHOR_ONLY
    assert client.get(url("report-edit", market["published"])).status_code == 403
    assert client.post(url("report-edit", market["published"]), posted(market)).status_code == 403
    # His lists show her published report, never her draft.
    html = page(client, REPORT_LIST)
    assert linked(html, "reports") == [market["published"].pk]
    assert "Secret draft" not in html
    assert state(market) == before
    html = page(client, COVERAGE)
    published_on = day(timezone.localtime(market["published"].published_at))
    assert table_rows(html, "coverage-table") == [
        [alice.display_name, "East", "1", "1", published_on]
    ]


def test_another_teams_rep_gets_404_on_alices_reports_and_suggestions(client, charlie, market):
    before = state(market)
    client.force_login(charlie)
    pages = get_pages(market)
    for name in (
        "report-detail",
        "draft-detail",
        "draft-edit",
        "suggestion-detail",
        "suggestion-edit",
        "activity-edit",
    ):
        assert client.get(pages[name]).status_code == 404, name
    # Creating his own records, and correcting a competitor's profile, are his to do too.
    his_too = {
        "competitor-create",
        "competitor-edit",
        "activity-create",
        "report-create",
        "suggestion-create",
    }
    for name, address in post_urls(market).items():
        if name not in his_too:
            assert client.post(address, posted(market)).status_code == 404, name
    assert state(market) == before
    assert client.get(pages["report-coverage"]).status_code == 403
    # Nothing of Alice's on his pages, nor to choose on his forms.
    secrets = (
        ACCOUNT_NAME,
        "East China castings",
        "Secret draft",
        "Corrosion-resistant coating",
        "Turbine housings 2027",
        "Cut its list price at Hangzhou.",
    )
    for name in (
        "competitor-list",
        "competitor-detail",
        "activity-create",
        "report-list",
        "report-create",
        "suggestion-list",
        "suggestion-create",
    ):
        html = page(client, pages[name])
        for secret in secrets:
            assert secret not in html, (name, secret)
    # What Alice saw in the market at large is every account team's to read.
    html = page(client, pages["competitor-detail"])
    assert "Launched a cheaper pump line." in html
    assert "Won the Chengdu gearbox tender." in html


def test_executive_reads_reports_and_suggestions_and_may_not_write(client, executive, market):
    before = state(market)
    client.force_login(executive)
    pages = get_pages(market)
    status = {
        "competitor-create": 403,
        "competitor-edit": 403,
        "activity-create": 403,
        "activity-edit": 403,
        "report-create": 403,
        "draft-detail": 404,
        "draft-edit": 404,
        "suggestion-create": 403,
        "suggestion-edit": 403,
    }
    for name, address in pages.items():
        assert client.get(address).status_code == status.get(name, 200), name
    for name, address in post_urls(market).items():
        expected = 404 if name in ("draft-edit", "draft-publish") else 403
        assert client.post(address, posted(market)).status_code == expected, name
    assert state(market) == before
    html = page(client, pages["report-detail"])
    assert url("report-edit", market["published"]) not in html
    html = page(client, pages["suggestion-detail"])
    for step in ("edit", "review", "decide", "reopen"):
        assert url(f"suggestion-{step}", market["suggestion"]) not in html, step
    html = page(client, SUGGESTION_LIST)
    assert linked(html, "suggestions") == [market["charlies"].pk, market["suggestion"].pk]
    assert "New suggestion" not in main(html)
    assert "New market report" not in main(page(client, REPORT_LIST))
    assert "New competitor" not in main(page(client, COMPETITOR_LIST))


def test_rnd_reads_every_suggestion_and_of_its_accounts_the_name_and_tier(
    client, rita, alice_account, market
):
    client.force_login(rita)
    html = page(client, SUGGESTION_LIST)
    assert linked(html, "suggestions") == [market["charlies"].pk, market["suggestion"].pk]
    for key, account, tier in [
        ("suggestion", alice_account, "Key"),
        ("charlies", market["charlies"].accounts.get(), "Strategic"),
    ]:
        html = page(client, url("suggestion-detail", market[key]))
        accounts = section(html, "accounts-heading")
        assert re.findall(
            r"<li><div>(.*?) <span class=\"badge tier-\w+\">(.*?)</span>", accounts
        ) == [(account.name, tier)], key
        # No way to the account: not its page, nor any account page.
        assert account.get_absolute_url() not in html, key
        assert "/accounts/" not in main(html), key
        # R&D takes it under review and decides it, on the page.
        assert f'action="{url("suggestion-review", market[key])}"' in html, key
        assert f'action="{url("suggestion-decide", market[key])}"' in html, key
        assert url("suggestion-edit", market[key]) not in html, key
        assert url("suggestion-reopen", market[key]) not in html, key
        assert client.get(account.get_absolute_url()).status_code == 404, key
    # Reports are not R&D's.
    for key in ("published", "draft"):
        assert client.get(url("report-detail", market[key])).status_code == 404, key
    html = page(client, REPORT_LIST)
    assert linked(html, "reports") == [] and result_count(html) == "0 reports"
    assert client.get(COVERAGE).status_code == 403
    # R&D decides; it creates nothing and edits no suggestion's text.
    before = state(market)
    for address in (SUGGESTION_CREATE, REPORT_CREATE, COMPETITOR_CREATE, ACTIVITY_CREATE):
        assert client.get(address).status_code == 403, address
        assert client.post(address, posted(market)).status_code == 403, address
    edit = url("suggestion-edit", market["suggestion"])
    assert client.get(edit).status_code == 403
    assert client.post(edit, posted(market)).status_code == 403
    assert client.get(url("competitor-edit", market["sany"])).status_code == 403
    assert state(market) == before
    # It reads the competitor behind a suggestion, not what was seen at the accounts.
    html = page(client, url("competitor-detail", market["sany"]))
    assert "Price; a dense service network." in html
    assert ACCOUNT_NAME not in html and "Turbine housings 2027" not in html


def test_tech_support_has_no_suggestions(client, dept_user, market):
    before = state(market)
    client.force_login(dept_user)
    for key in ("suggestion", "charlies"):
        assert client.get(url("suggestion-detail", market[key])).status_code == 404, key
        for step in ("review", "decide", "reopen"):
            response = client.post(url(f"suggestion-{step}", market[key]), posted(market))
            assert response.status_code == 404, (key, step)
    html = page(client, SUGGESTION_LIST)
    assert linked(html, "suggestions") == [] and result_count(html) == "0 suggestions"
    # Not in the navigation either.
    nav = page(client, HOME).split('<ul class="main-nav">', 1)[1].split("</ul>", 1)[0]
    assert SUGGESTION_LIST not in nav and REPORT_LIST not in nav
    assert client.get(url("report-detail", market["published"])).status_code == 404
    assert client.get(url("competitor-detail", market["sany"])).status_code == 404
    assert client.get(SUGGESTION_CREATE).status_code == 403
    assert state(market) == before


def test_get_on_a_step_is_refused(client, alice, rita, market):
    client.force_login(alice)
    assert client.get(url("report-publish", market["draft"])).status_code == 405
    client.force_login(rita)
    for step in ("review", "decide", "reopen"):
        assert client.get(url(f"suggestion-{step}", market["suggestion"])).status_code == 405


# -- market reports: writing, publishing, reading -------------------------------------------


def report_post(**overrides):
    current = Quarter.current()
    data = {
        "title": "  East China castings, this quarter  ",
        "period": period(current),
        "summary": "Sany undercuts us in Zhejiang.",
        "body": "## Pricing\n\nSany cut **8 %** off its list prices.",
        "competitors": [],
    }
    data.update(overrides)
    return data


def test_a_new_report_offers_three_quarters_and_keeps_what_was_typed(client, alice):
    sany = services.competitor_create(by=alice, name="Sany Heavy Industry")
    zoomlion = services.competitor_create(by=alice, name="Zoomlion")
    current = Quarter.current()
    quarters = [current.previous(), current, current.next()]
    client.force_login(alice)

    html = page(client, REPORT_CREATE)
    assert options(html, "period") == [(period(q), q.label) for q in quarters]
    assert selected(html, "period") == [period(current)]
    assert re.findall(r'name="competitors" value="(\d+)"', html) == [str(sany.pk), str(zoomlion.pk)]
    assert f'href="{REPORT_LIST}"' in html  # Cancel

    # A competitor that is gone: said, and everything typed stays.
    response = client.post(
        REPORT_CREATE,
        report_post(period=period(current.previous()), competitors=[zoomlion.pk, 99999]),
    )
    assert response.status_code == 200
    error = "Select a valid choice. 99999 is not one of the available choices."
    assert response.context["form"].errors == {"competitors": [error]}
    html = response.content.decode()
    assert f'<small class="field-error">{error}</small>' in html
    assert 'value="  East China castings, this quarter  "' in html
    assert "Sany undercuts us in Zhejiang.</textarea>" in html
    assert "Sany cut **8 %** off its list prices.</textarea>" in html
    assert selected(html, "period") == [period(current.previous())]
    assert checked(html, "competitors") == [str(zoomlion.pk)]

    response = client.post(REPORT_CREATE, report_post(period="1999-1"))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "period": ["Select a valid choice. 1999-1 is not one of the available choices."]
    }
    assert 'value="  East China castings, this quarter  "' in response.content.decode()
    assert MarketReport.objects.count() == 0

    response = client.post(REPORT_CREATE, report_post(competitors=[sany.pk, zoomlion.pk]))
    made = MarketReport.objects.get()
    assert (response.status_code, response["Location"]) == (302, made.get_absolute_url())
    assert (
        made.title,
        made.author,
        made.year,
        made.quarter,
        made.status,
        made.published_at,
        sorted(made.competitors.values_list("name", flat=True)),
    ) == (
        "East China castings, this quarter",
        alice,
        current.year,
        current.quarter,
        "draft",
        None,
        ["Sany Heavy Industry", "Zoomlion"],
    )
    html = page(client, response["Location"])
    assert flashes(html) == [
        "Draft “East China castings, this quarter” saved; publish it when it is ready."
    ]
    assert (
        "A draft: only you see it. Once published it is read-only, and your manager reads it."
        in html
    )


def test_editing_a_draft_keeps_its_own_quarter_on_offer(client, alice):
    old = Quarter(2025, 1)
    draft = report(alice, "Old draft", quarter=old)
    current = Quarter.current()
    edit = url("report-edit", draft)
    client.force_login(alice)

    html = page(client, edit)
    assert options(html, "period") == [
        (period(q), q.label) for q in (old, current.previous(), current, current.next())
    ]
    assert selected(html, "period") == ["2025-1"]
    assert 'name="title" value="Old draft" maxlength="200" required id="id_title"' in html
    assert f'href="{draft.get_absolute_url()}"' in html  # Cancel

    response = client.post(edit, report_post(period="2024-1", summary="Changed, not saved."))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "period": ["Select a valid choice. 2024-1 is not one of the available choices."]
    }
    assert "Changed, not saved.</textarea>" in response.content.decode()
    assert MarketReport.objects.get(pk=draft.pk).summary == REPORT["summary"]

    response = client.post(edit, report_post(title="Renewed draft", summary="New summary."))
    assert (response.status_code, response["Location"]) == (302, draft.get_absolute_url())
    draft.refresh_from_db()
    assert (draft.title, draft.summary, draft.year, draft.quarter, draft.status) == (
        "Renewed draft",
        "New summary.",
        current.year,
        current.quarter,
        "draft",
    )
    assert flashes(page(client, response["Location"])) == ["Draft “Renewed draft” saved."]


def test_publishing_makes_a_report_read_only_and_twice_is_a_409(client, alice, bob):
    draft = report(alice, "East China castings")
    detail = draft.get_absolute_url()
    publish = url("report-publish", draft)
    client.force_login(alice)

    response = client.post(publish)
    assert (response.status_code, response["Location"]) == (302, detail)
    draft.refresh_from_db()
    assert draft.status == "published"
    assert timezone.now() - draft.published_at < timedelta(minutes=1)
    html = page(client, detail)
    assert flashes(html) == ["“East China castings” is published."]
    assert '<span class="badge report-published">Published</span>' in html
    assert (
        f"published {date_filter(timezone.localtime(draft.published_at), 'SHORT_DATETIME_FORMAT')}"
        in html
    )
    assert url("report-edit", draft) not in html and publish not in html
    assert "A draft: only you see it." not in html

    # Twice: the page says why, with a 409; nothing changes.
    response = client.post(publish)
    assert response.status_code == 409
    html = response.content.decode()
    assert refusal(html) == "This report is published already."
    assert "<h1>East China castings</h1>" in html
    assert MarketReport.objects.get(pk=draft.pk).published_at == draft.published_at

    # Read-only: no edit page, no edit.
    response = client.get(url("report-edit", draft))
    assert response.status_code == 403
    assert f"<p>{READ_ONLY}</p>" in response.content.decode()
    response = client.post(url("report-edit", draft), report_post(title="Rewritten"))
    assert response.status_code == 403
    assert MarketReport.objects.get(pk=draft.pk).title == "East China castings"

    # Her manager now reads it.
    client.force_login(bob)
    assert "<h1>East China castings</h1>" in page(client, detail)


def test_a_draft_without_its_body_is_not_published(client, alice):
    empty = report(alice, "Half-written", summary="", body="")
    client.force_login(alice)
    response = client.post(url("report-publish", empty))
    assert response.status_code == 400
    html = response.content.decode()
    assert refusal(html) == "A report is published with its title, summary and body."
    assert f'action="{url("report-publish", empty)}"' in html
    assert MarketReport.objects.get(pk=empty.pk).status == "draft"


MALICIOUS = """# Heading

<script>alert(1)</script>

A [link](javascript:alert(1)) and a [good one](https://example.com/q4).

<img src=x onerror=alert(1)>

| Region | Share |
|--------|-------|
| Zhejiang | 31 % |
"""


def test_a_reports_markdown_renders_inert(client, alice, bob):
    shown = published(
        alice, "Q4 <script>alert(1)</script>", summary="<b onclick=alert(1)>bold</b>",
        body=MALICIOUS,
    )  # fmt: skip
    for user in (alice, bob):
        client.force_login(user)
        html = page(client, shown.get_absolute_url())
        for dangerous in ("<script>alert", "javascript:", "onerror", "<b onclick", "<img"):
            assert dangerous not in html, (user.username, dangerous)
        body = html.split('<article class="report-body overflow-auto">', 1)[1]
        body = body.split("</article>", 1)[0]
        assert "<h1>Heading</h1>" in body
        assert '<a rel="noopener noreferrer nofollow">link</a>' in body
        assert (
            '<a href="https://example.com/q4" rel="noopener noreferrer nofollow">good one</a>'
            in body
        )
        assert "<td>Zhejiang</td>" in body and "<th>Share</th>" in body
        # Title and summary are text, escaped.
        assert "<h1>Q4 &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in html
        assert "&lt;b onclick=alert(1)&gt;bold&lt;/b&gt;" in html


@pytest.fixture
def reports(alice, bob, charlie, team_a):
    """Reports of Bob's two reps (Alice and Ann) and of Charlie, in two quarters."""
    current = Quarter.current()
    previous = current.previous()
    ann = f.UserFactory(username="ann", first_name="Ann", last_name="Zhou", team=team_a)
    sany = services.competitor_create(by=alice, name="Sany Heavy Industry")
    last_quarter = previous.end_at() - timedelta(days=3)
    return {
        "ann": ann,
        "sany": sany,
        "alice_now": published(alice, "Zhejiang pricing war", competitors=[sany]),
        "alice_before": published(
            alice,
            "Jiangsu valves outlook",
            quarter=previous,
            now=last_quarter,
            summary="Valves slow down.",
        ),  # fmt: skip
        "alice_draft": report(alice, "Anhui draft", quarter=current.next()),
        "ann_now": published(ann, "Shandong forgings"),
        "charlie_now": published(charlie, "Sichuan gearboxes"),
    }


def ids(records, *keys):
    return [records[key].pk for key in keys]


def test_report_list_filters_searches_and_sorts(client, alice, bob, team_a, reports):
    previous = Quarter.current().previous()
    client.force_login(bob)
    html = page(client, REPORT_LIST)
    # The latest quarter first, then the latest published; no draft, nothing of Charlie's.
    assert linked(html, "reports") == ids(reports, "ann_now", "alice_now", "alice_before")
    assert result_count(html) == "3 reports"
    item = html.split(f'<a href="{reports["alice_before"].get_absolute_url()}">', 1)[1]
    assert text(item.split('<small class="muted">', 1)[1].split("</small>", 1)[0]) == (
        f"{previous.label} · {alice.display_name} · published "
        f"{moment(reports['alice_before'].published_at)}"
    )
    cases = [
        ({"q": "valves"}, ["alice_before"]),
        ({"q": "slow"}, ["alice_before"]),
        ({"author": alice.pk}, ["alice_now", "alice_before"]),
        ({"author": reports["ann"].pk}, ["ann_now"]),
        ({"team": team_a.pk}, ["ann_now", "alice_now", "alice_before"]),
        ({"year": previous.year, "quarter": previous.quarter}, ["alice_before"]),
        ({"competitor": reports["sany"].pk}, ["alice_now"]),
        ({"status": "draft"}, []),
        ({"sort": "title"}, ["alice_before", "ann_now", "alice_now"]),
    ]
    for query, expected in cases:
        assert linked(page(client, REPORT_LIST, data=query), "reports") == ids(
            reports, *expected
        ), query

    # Alice reads her own, drafts too; the author and team filters are not hers.
    client.force_login(alice)
    html = page(client, REPORT_LIST)
    assert linked(html, "reports") == ids(reports, "alice_draft", "alice_now", "alice_before")
    assert 'name="author"' not in html and 'name="team"' not in html
    html = page(client, REPORT_LIST, data={"status": "draft"})
    assert linked(html, "reports") == ids(reports, "alice_draft")
    assert checked(html, "status") == ["draft"]
    assert '<span class="badge report-draft">Draft</span>' in html


def test_recently_published_lists_drafts_last_on_every_database(client, alice, reports):
    """A draft has no ``published_at``: "Recently published" must not put it first on
    PostgreSQL (NULLs sort first in a descending order there) and last on SQLite."""
    client.force_login(alice)
    html = page(client, REPORT_LIST, data={"sort": "-published"})
    assert linked(html, "reports") == ids(reports, "alice_now", "alice_before", "alice_draft")


def test_report_list_quarter_filter_may_be_left_unchosen(client, alice, reports):
    """The quarter is a select: without an empty first choice the browser sends Q1 with
    every "Apply", and the list shows Q1's reports only."""
    client.force_login(alice)
    html = page(client, REPORT_LIST)
    assert options(html, "quarter") == [
        ("", "---------"),
        ("1", "Q1"),
        ("2", "Q2"),
        ("3", "Q3"),
        ("4", "Q4"),
    ]


def test_a_bad_report_filter_is_a_400_that_says_so(client, bob, charlie, reports):
    client.force_login(bob)
    for query, error in [
        ({"quarter": "5"}, "Select a valid choice. 5 is not one of the available choices."),
        ({"year": "soon"}, "Enter a number."),
        ({"author": charlie.pk}, INVALID_CHOICE),
        (
            {"status": "secret"},
            "Select a valid choice. secret is not one of the available choices.",
        ),
    ]:
        response = client.get(REPORT_LIST, query)
        assert response.status_code == 400, query
        html = response.content.decode()
        errors = html.split('<article class="form-errors" role="alert">')[1].split("</article>")[0]
        assert re.findall(r"<p>(.*?)</p>", errors) == [error], query
        assert linked(html, "reports") == [] and "No reports match." in html, query
        assert "Sichuan gearboxes" not in html


def test_coverage_page_shows_who_has_published_this_quarter(
    client, alice, bob, charlie, team_a, executive
):
    current = Quarter.current()
    previous = current.previous()
    alice.first_name, alice.last_name = "Alice", "Wang"
    alice.save()
    ann = f.UserFactory(username="ann", first_name="Ann", last_name="Zhou", team=team_a)
    ben = f.UserFactory(username="ben", first_name="Ben", last_name="Li", team=team_a)
    dan = f.UserFactory(username="dan", first_name="Dan", last_name="Wu", team=team_a)
    f.UserFactory(username="gone", first_name="Gone", team=team_a, is_active=False)
    mine = published(alice, "Zhejiang pricing war")
    # Published last quarter (for this quarter, even): it counts for last quarter only.
    before = published(
        ann, "Early bird", quarter=current, now=previous.end_at() - timedelta(hours=1)
    )
    report(ben, "Ben's draft")
    report(dan, "Dan's draft for next quarter", quarter=current.next())
    published(charlie, "Sichuan gearboxes")
    client.force_login(bob)

    html = page(client, COVERAGE)
    heading = html.split("<hgroup>", 1)[1].split("</hgroup>", 1)[0]
    assert text(heading) == f"Who has published {current.label}"
    assert "3 of 4 reps have no market report published this quarter yet." in html
    # Missing first, by name.
    assert table_rows(html, "coverage-table") == [
        ["Ann Zhou missing", "East", "0", "0", day(timezone.localtime(before.published_at))],
        ["Ben Li missing", "East", "0", "1", "—"],
        ["Dan Wu missing", "East", "0", "0", "—"],
        ["Alice Wang", "East", "1", "0", day(timezone.localtime(mine.published_at))],
    ]
    assert f'<a href="{REPORT_LIST}?author={ann.pk}">Ann Zhou</a>' in html

    html = page(client, COVERAGE, data={"quarter": period(previous)})
    assert [row[:4] for row in table_rows(html, "coverage-table")] == [
        ["Alice Wang missing", "East", "0", "0"],
        ["Ben Li missing", "East", "0", "0"],
        ["Dan Wu missing", "East", "0", "0"],
        ["Ann Zhou", "East", "1", "0"],
    ]
    html = page(client, COVERAGE, data={"owner": ben.pk})
    assert [row[0] for row in table_rows(html, "coverage-table")] == ["Ben Li missing"]
    assert "1 of 1 reps has no market report published this quarter yet." in html
    assert client.get(COVERAGE, {"owner": charlie.pk}).status_code == 400
    assert client.get(COVERAGE, {"quarter": "1999-1"}).status_code == 400

    # The executive sees every rep; the reps see no such page.
    client.force_login(executive)
    html = page(client, COVERAGE)
    assert len(table_rows(html, "coverage-table")) == 5
    assert "3 of 5 reps have no market report published this quarter yet." in html
    for rep in (alice, charlie):
        client.force_login(rep)
        assert client.get(COVERAGE).status_code == 403


# -- product suggestions ----------------------------------------------------------------------


def history(html: str) -> list[str]:
    """The suggestion page's history, newest first: "who · status"."""
    block = section(html, "history-heading")
    return [text(entry).split(" · ", 1)[1] for entry in re.findall(r"<li>(.*?)</li>", block, re.S)]


def test_a_new_suggestion_offers_only_accounts_alice_may_change(
    client, alice, charlie, rita, alice_account, charlie_account
):
    foshan = f.AccountFactory(owner=alice, name="Foshan Ceramics", tier="strategic")
    client.force_login(alice)

    html = page(client, SUGGESTION_CREATE)
    assert options(html, "accounts") == [
        (str(foshan.pk), "Foshan Ceramics"),
        (str(alice_account.pk), ACCOUNT_NAME),
    ]
    assert selected(html, "accounts") == []
    assert f'href="{SUGGESTION_LIST}"' in html  # Cancel
    # ?account= preselects one of hers, and only one of hers.
    html = page(client, SUGGESTION_CREATE, data={"account": alice_account.pk})
    assert selected(html, "accounts") == [str(alice_account.pk)]
    for raw in (charlie_account.pk, "x", "99999999999999999999"):
        html = page(client, SUGGESTION_CREATE, data={"account": raw})
        assert selected(html, "accounts") == [], raw
        assert CHARLIE_ACCOUNT not in html

    data = {
        "title": "  Corrosion-resistant coating ",
        "description": "Typed before the error.",
        "accounts": [foshan.pk, alice_account.pk],
    }
    response = client.post(SUGGESTION_CREATE, {**data, "description": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {"description": [REQUIRED]}
    html = response.content.decode()
    assert 'value="  Corrosion-resistant coating "' in html
    assert selected(html, "accounts") == [str(foshan.pk), str(alice_account.pk)]

    response = client.post(SUGGESTION_CREATE, {**data, "accounts": [charlie_account.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "accounts": [
            f"Select a valid choice. {charlie_account.pk} is not one of the available choices."
        ]
    }
    assert ProductSuggestion.objects.count() == 0

    response = client.post(SUGGESTION_CREATE, data)
    made = ProductSuggestion.objects.get()
    assert (response.status_code, response["Location"]) == (302, made.get_absolute_url())
    assert (
        made.title,
        made.description,
        made.submitted_by,
        made.status,
        sorted(made.accounts.values_list("name", flat=True)),
    ) == (
        "Corrosion-resistant coating",
        "Typed before the error.",
        alice,
        "submitted",
        ["Foshan Ceramics", ACCOUNT_NAME],
    )
    html = page(client, response["Location"])
    assert flashes(html) == ["Suggestion “Corrosion-resistant coating” sent to R&amp;D."]
    assert '<span class="badge suggestion-submitted">Submitted</span>' in html
    # R&D is told.
    assert list(Notification.objects.visible_to(rita).values_list("kind", "subject", "url")) == [
        (
            "market_intel.suggestion_submitted",
            "New product suggestion: Corrosion-resistant coating",
            made.get_absolute_url(),
        )
    ]


def test_a_suggestion_is_edited_until_rnd_decides_it(client, alice, rita, alice_account):
    asked = suggestion(alice, "Coating", [alice_account])
    edit = url("suggestion-edit", asked)
    client.force_login(alice)

    html = page(client, edit)
    assert 'value="Coating"' in html and selected(html, "accounts") == [str(alice_account.pk)]
    assert f'href="{asked.get_absolute_url()}"' in html  # Cancel
    response = client.post(
        edit, {"title": "Salt-spray coating", "description": "Rated 1,000 h.", "accounts": []}
    )
    assert (response.status_code, response["Location"]) == (302, asked.get_absolute_url())
    assert flashes(page(client, response["Location"])) == ["Suggestion “Salt-spray coating” saved."]
    asked.refresh_from_db()
    assert (asked.title, asked.description, list(asked.accounts.all())) == (
        "Salt-spray coating",
        "Rated 1,000 h.",
        [],
    )

    # Under review: still the author's to change.
    services.suggestion_review(suggestion=asked, by=rita)
    response = client.post(
        edit,
        {
            "title": "Salt-spray coating",
            "description": "Rated 2,000 h.",
            "accounts": [alice_account.pk],
        },
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert (asked.description, list(asked.accounts.all())) == ("Rated 2,000 h.", [alice_account])

    # Decided: no edit link, and the edit page (and a post to it) is refused, saying why,
    # as a published report's is.
    services.suggestion_decide(suggestion=asked, by=rita, decision="adopted", note="In 2027.")
    assert edit not in page(client, asked.get_absolute_url())
    assert client.get(edit).status_code == 403
    response = client.post(
        edit, {"title": "Changed after", "description": "Too late.", "accounts": []}
    )
    assert response.status_code == 403 and FINAL in response.content.decode()
    asked.refresh_from_db()
    assert (asked.title, asked.description, asked.status) == (
        "Salt-spray coating",
        "Rated 2,000 h.",
        "adopted",
    )


def test_rnd_reviews_and_decides_on_the_page(client, alice, rita, alice_account):
    asked = suggestion(alice, "Coating", [alice_account])
    detail = asked.get_absolute_url()
    review, decide = url("suggestion-review", asked), url("suggestion-decide", asked)
    client.force_login(rita)

    response = client.post(review)
    assert (response.status_code, response["Location"]) == (302, detail)
    html = page(client, detail)
    assert flashes(html) == ["“Coating” is under review."]
    assert '<span class="badge suggestion-under_review">Under review</span>' in html
    assert review not in html and f'action="{decide}"' in html
    # Twice: 409, the reason on the page.
    response = client.post(review)
    assert response.status_code == 409
    assert refusal(response.content.decode()) == (
        "Only a submitted suggestion is taken under review; this one is Under review."
    )

    # Rejecting needs a note: said on the form, the choice kept.
    response = client.post(decide, {"decision": "rejected", "note": "  "})
    assert response.status_code == 400
    assert response.context["decision_form"].errors == {"note": ["Say why it is rejected."]}
    html = response.content.decode()
    form = section(html, "decide-heading")
    assert '<small class="field-error">Say why it is rejected.</small>' in form
    assert checked(form, "decision") == ["rejected"]
    response = client.post(decide, {"decision": "shelved", "note": "Later."})
    assert response.status_code == 400
    assert response.context["decision_form"].errors == {
        "decision": ["Select a valid choice. shelved is not one of the available choices."]
    }
    assert "Later.</textarea>" in response.content.decode()
    assert ProductSuggestion.objects.get(pk=asked.pk).status == "under_review"

    response = client.post(decide, {"decision": "adopted", "note": "In the 2027 range."})
    assert (response.status_code, response["Location"]) == (302, detail)
    asked.refresh_from_db()
    assert (asked.status, asked.decided_by, asked.decided_on, asked.decision_note) == (
        "adopted",
        rita,
        company_today(),
        "In the 2027 range.",
    )
    html = page(client, detail)
    assert flashes(html) == ["“Coating” is Adopted; its author is told."]
    assert text(section(html, "decision-heading")) == (
        f"Decision Adopted · Rita Chen · {day(company_today())} In the 2027 range."
    )
    assert f'action="{decide}"' not in html
    assert list(
        Notification.objects.filter(user=alice).values_list("kind", "subject", "body", "url")
    ) == [
        (
            "market_intel.suggestion_decided",
            "Your suggestion “Coating” is Adopted",
            "In the 2027 range.",
            detail,
        )
    ]
    # Twice: final.
    response = client.post(decide, {"decision": "rejected", "note": "Changed my mind."})
    assert response.status_code == 409
    assert refusal(response.content.decode()) == (
        "This suggestion is Adopted already; an administrator may reopen it."
    )
    asked.refresh_from_db()
    assert (asked.status, asked.decision_note) == ("adopted", "In the 2027 range.")


def test_only_rnd_and_admins_take_the_steps(client, alice, bob, executive, rita, alice_account):
    asked = suggestion(alice, "Coating", [alice_account])
    for user in (alice, bob, executive):
        client.force_login(user)
        for step, data in [("review", {}), ("decide", {"decision": "adopted", "note": "Mine."})]:
            response = client.post(url(f"suggestion-{step}", asked), data)
            assert response.status_code == 403, (user.username, step)
            assert refusal(response.content.decode()) == RND_ONLY, (user.username, step)
    assert ProductSuggestion.objects.get(pk=asked.pk).status == "submitted"


def test_a_decision_is_reopened_by_an_administrator_only(
    client, alice, rita, superuser, alice_account
):
    client.force_login(alice)
    client.post(
        SUGGESTION_CREATE,
        {"title": "Coating", "description": "Salt spray.", "accounts": [alice_account.pk]},
    )
    asked = ProductSuggestion.objects.get()
    detail, reopen = asked.get_absolute_url(), url("suggestion-reopen", asked)
    client.force_login(rita)
    client.post(url("suggestion-review", asked))
    client.post(url("suggestion-decide", asked), {"decision": "rejected", "note": "Too costly."})
    assert reopen not in page(client, detail)

    for user in (rita, alice):
        client.force_login(user)
        response = client.post(reopen)
        assert response.status_code == 403, user.username
        assert refusal(response.content.decode()) == ADMIN_ONLY
    assert ProductSuggestion.objects.get(pk=asked.pk).status == "rejected"

    client.force_login(superuser)
    html = page(client, detail)
    assert f'action="{reopen}"' in html
    response = client.post(reopen)
    assert (response.status_code, response["Location"]) == (302, detail)
    asked.refresh_from_db()
    assert (asked.status, asked.decided_by, asked.decided_on, asked.decision_note) == (
        "under_review",
        None,
        None,
        "",
    )
    html = page(client, detail)
    assert flashes(html) == ["“Coating” is reopened for review."]
    assert f'action="{reopen}"' not in html
    assert f'action="{url("suggestion-decide", asked)}"' in html
    # The history keeps the decision that was, newest first.
    assert history(html) == [
        f"{superuser.display_name} · Under review",
        "Rita Chen · Rejected",
        "Rita Chen · Under review",
        f"{alice.display_name} · Submitted",
        f"{alice.display_name} · Submitted",
    ]
    client.force_login(superuser)
    response = client.post(reopen)
    assert response.status_code == 409
    assert refusal(response.content.decode()) == "Only a decided suggestion is reopened."


def test_suggestion_list_shows_the_reps_adoption_rate_this_quarter(
    client, alice, bob, charlie, rita, alice_account
):
    current = Quarter.current()
    today = company_today()

    def decided(by, title, decision, on=today):
        record = suggestion(by, title)
        note = "" if decision == "adopted" else "Not now."
        return services.suggestion_decide(
            suggestion=record, by=rita, decision=decision, note=note, today=on
        )

    s = {
        "adopted_1": decided(alice, "Adopted one", "adopted"),
        "adopted_2": decided(alice, "Adopted two", "adopted"),
        "rejected": decided(alice, "Rejected one", "rejected"),
        # Decided last quarter: not this quarter's rate.
        "before": decided(alice, "Rejected before", "rejected", current.previous().end),
        "open": suggestion(alice, "Still open"),
    }
    decided(charlie, "Charlie's adopted", "adopted")
    decided(charlie, "Charlie's rejected", "rejected")
    client.force_login(alice)

    html = page(client, SUGGESTION_LIST)
    assert facts(html, "adoption-facts") == {
        f"Adoption rate, {current.label}": "66.7%",
        "Adopted": "2",
        "Decided": "3",
    }
    assert linked(html, "suggestions") == ids(
        s, "open", "before", "rejected", "adopted_2", "adopted_1"
    )
    assert result_count(html) == "5 suggestions"
    cases = [
        ({"status": "adopted"}, ["adopted_2", "adopted_1"]),
        ({"status": ["submitted", "rejected"]}, ["open", "before", "rejected"]),
        ({"q": "before"}, ["before"]),
        ({"sort": "created"}, ["adopted_1", "adopted_2", "rejected", "before", "open"]),
    ]
    for query, expected in cases:
        html = page(client, SUGGESTION_LIST, data=query)
        assert linked(html, "suggestions") == ids(s, *expected), query
    item = html.split(f'<a href="{s["rejected"].get_absolute_url()}">', 1)[1]
    assert text(item.split('<small class="muted">', 1)[1].split("</small>", 1)[0]) == (
        f"{day(today)} · 0 accounts · decided {day(today)}"
    )
    response = client.get(SUGGESTION_LIST, {"status": "lost"})
    assert response.status_code == 400 and linked(response.content.decode(), "suggestions") == []

    # Nothing decided this quarter: no rate, said so.
    client.force_login(f.UserFactory(username="newbie", team=alice.team))
    assert facts(page(client, SUGGESTION_LIST), "adoption-facts") == {
        f"Adoption rate, {current.label}": "no data",
        "Adopted": "0",
        "Decided": "0",
    }
    # The rate is a rep's own: the manager's list shows the team's, with no rate.
    client.force_login(bob)
    html = page(client, SUGGESTION_LIST)
    assert 'class="facts adoption-facts"' not in html
    assert linked(html, "suggestions") == ids(
        s, "open", "before", "rejected", "adopted_2", "adopted_1"
    )
    item = html.split(f'<a href="{s["open"].get_absolute_url()}">', 1)[1]
    assert text(item.split('<small class="muted">', 1)[1].split("</small>", 1)[0]) == (
        f"{day(today)} · {alice.display_name} · 0 accounts"
    )


# -- competitors and what was seen of them ------------------------------------------------------


def quarters_back(n: int) -> Quarter:
    quarter = Quarter.current()
    for _ in range(n):
        quarter = quarter.previous()
    return quarter


def timeline(html: str) -> list[str]:
    """The competitor page's activity timeline, newest first, as text."""
    block = section(html, "activity-heading")
    return [text(entry) for entry in re.findall(r"<article>(.*?)</article>", block, re.S)]


def sightings(html: str) -> list[tuple[str, str]]:
    table = html.split('<table class="striped compact sightings-table">', 1)[1]
    table = table.split("</table>", 1)[0]
    labels = re.findall(r'<th scope="col">(.*?)</th>', table)
    counts = re.findall(r'<td class="num">(.*?)</td>', table)
    return list(zip(labels, counts, strict=True))


@pytest.fixture
def seen(alice, charlie, bob, alice_account, charlie_account, market):
    """Sany seen over two years at Alice's accounts, beyond the market fixture's sightings."""
    foshan = f.AccountFactory(owner=alice, name="Foshan Ceramics")
    sany = market["sany"]
    return {
        **market,
        "foshan": foshan,
        "previous": activity(
            bob, sany, alice_account, "promotion", "Free spare parts for a year.",
            observed_on=quarters_back(1).start,
        ),
        "old": activity(
            alice, sany, foshan, "loss", "Lost the kiln order to us.",
            observed_on=quarters_back(7).start,
        ),
        "older": activity(
            alice, sany, foshan, "other", "First seen at Foshan.",
            observed_on=quarters_back(9).end,
        ),
    }  # fmt: skip


def test_competitor_page_shows_what_each_one_may_see(client, alice, bob, charlie, seen):
    sany = seen["sany"]
    detail = sany.get_absolute_url()
    labels = [quarters_back(n).label for n in range(7, -1, -1)]
    today = day(company_today())

    for user in (alice, bob):
        client.force_login(user)
        html = page(client, detail)
        assert "<h1>Sany Heavy Industry</h1>" in html
        assert (
            '<a href="https://www.sany.example" rel="noopener noreferrer nofollow">'
            "https://www.sany.example</a>"
        ) in html
        profile = html.split('<div class="competitor-profile">', 1)[1].split("</div>", 1)[0]
        assert text(profile) == (
            "Strengths Price; a dense service network. "
            "Weaknesses Long lead times for spare parts. "
            "Pricing Lists 8 % under us since October."
        )
        # Per quarter, the last eight, oldest first (Charlie's win is not theirs to see).
        assert sightings(html) == list(
            zip(labels, ["1", "0", "0", "0", "0", "0", "1", "2"], strict=True)
        )
        active = section(html, "accounts-heading")
        assert [text(item) for item in re.findall(r"<li>(.*?)</li>", active, re.S)] == [
            f"{ACCOUNT_NAME} 2 sightings, last {today}",
            f"Foshan Ceramics 2 sightings, last {day(quarters_back(7).start)}",
        ]
        assert f'href="{seen["foshan"].get_absolute_url()}?tab=competitors"' in active
        assert timeline(html) == [
            f"New product {today} · the market at large Launched a cheaper pump line. "
            f"{alice.display_name}",
            f"Pricing {today} · {ACCOUNT_NAME} Cut its list price at Hangzhou. "
            f"{alice.display_name}",
            f"Promotion {day(quarters_back(1).start)} · {ACCOUNT_NAME} "
            f"Free spare parts for a year. {bob.display_name}",
            f"Loss to us {day(quarters_back(7).start)} · Foshan Ceramics "
            f"Lost the kiln order to us. {alice.display_name}",
            f"Other {day(quarters_back(9).end)} · Foshan Ceramics First seen at Foshan. "
            f"{alice.display_name}",
        ]
        deals = section(html, "deals-heading")
        assert text(deals) == (
            f"Deals against it Turbine housings 2027 Lost {ACCOUNT_NAME} · 50,000 CNY"
        )
        assert f'href="{seen["lost"].get_absolute_url()}"' in deals
        assert linked(section(html, "reports-heading"), "reports") == [seen["published"].pk]
        assert url("competitor-edit", sany) in html
        assert f'href="{ACTIVITY_CREATE}?competitor={sany.pk}"' in html

    # Charlie: the market at large and his own account; not Alice's deal nor her report.
    client.force_login(charlie)
    html = page(client, detail)
    assert sightings(html) == list(
        zip(labels, ["0", "0", "0", "0", "0", "0", "0", "2"], strict=True)
    )
    active = section(html, "accounts-heading")
    assert [text(item) for item in re.findall(r"<li>(.*?)</li>", active, re.S)] == [
        f"{CHARLIE_ACCOUNT} 1 sighting, last {today}"
    ]
    assert timeline(html) == [
        f"Win against us {today} · {CHARLIE_ACCOUNT} Won the Chengdu gearbox tender. "
        f"{charlie.display_name}",
        f"New product {today} · the market at large Launched a cheaper pump line. "
        f"{alice.display_name}",
    ]
    assert 'id="deals-heading"' not in html and 'id="reports-heading"' not in html
    for secret in (ACCOUNT_NAME, "Foshan", "Turbine housings 2027", "Free spare parts"):
        assert secret not in html, secret


def test_competitor_list_searches_and_filters(client, alice, charlie, seen):
    zoomlion = services.competitor_create(
        by=alice, name="Zoomlion", website="https://zoomlion.example"
    )
    xcmg = services.competitor_create(by=charlie, name="XCMG")
    activity(charlie, xcmg, seen["charlies"].accounts.get())
    client.force_login(alice)

    html = page(client, COMPETITOR_LIST)
    assert linked(html, "competitors") == [seen["sany"].pk, xcmg.pk, zoomlion.pk]
    assert result_count(html) == "3 competitors"
    items = [
        text(item)
        for item in re.findall(r"<li>(.*?)</li>", main(html).split('competitor-list">', 1)[1], re.S)
    ]
    assert items[2] == "Zoomlion 0 sightings · https://zoomlion.example"
    assert f'href="{COMPETITOR_CREATE}"' in html and f'href="{ACTIVITY_CREATE}"' in html
    for query, expected in [
        ({"q": "sany"}, [seen["sany"].pk]),
        ({"q": "zoomlion.example"}, [zoomlion.pk]),
        ({"q": "nobody"}, []),
        ({"account": seen["foshan"].pk}, [seen["sany"].pk]),
        ({"sort": "-updated"}, [xcmg.pk, zoomlion.pk, seen["sany"].pk]),
    ]:
        assert linked(page(client, COMPETITOR_LIST, data=query), "competitors") == expected, query
    assert "No competitors match." in page(client, COMPETITOR_LIST, data={"q": "nobody"})
    # Charlie's account is not one to filter by.
    response = client.get(COMPETITOR_LIST, {"account": seen["charlies"].accounts.get().pk})
    assert response.status_code == 400
    assert linked(response.content.decode(), "competitors") == []


def test_competitor_list_counts_only_the_sightings_one_sees(client, alice, charlie, seen):
    """Charlie reads two of Sany's six sightings (his and the market's): the list must not
    count the four at Alice's accounts, which his competitor page does not show him."""
    client.force_login(charlie)
    html = page(client, COMPETITOR_LIST)
    item = html.split(f'<a href="{seen["sany"].get_absolute_url()}">', 1)[1].split("</li>", 1)[0]
    assert text(item.split('<small class="muted">', 1)[1].split("</small>", 1)[0]) == (
        "2 sightings · https://www.sany.example"
    )


def test_competitor_create_and_edit(client, alice, charlie, executive, market):
    client.force_login(alice)
    data = {
        "name": "  XCMG  ",
        "website": "https://www.xcmg.example",
        "strengths": "Breadth of range.",
        "weaknesses": "",
        "pricing_notes": "",
    }
    response = client.post(COMPETITOR_CREATE, {**data, "name": "Sany Heavy Industry"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["A competitor with this name exists already."]
    }
    assert "Breadth of range.</textarea>" in response.content.decode()
    response = client.post(COMPETITOR_CREATE, {**data, "website": "not a site"})
    assert response.context["form"].errors == {"website": ["Enter a valid URL."]}

    response = client.post(COMPETITOR_CREATE, data)
    xcmg = Competitor.objects.get(name="XCMG")
    assert (response.status_code, response["Location"]) == (302, xcmg.get_absolute_url())
    assert (xcmg.website, xcmg.strengths) == ("https://www.xcmg.example", "Breadth of range.")
    assert flashes(page(client, response["Location"])) == ["Competitor “XCMG” added."]

    # Shared knowledge: another team's rep corrects the profile.
    client.force_login(charlie)
    edit = url("competitor-edit", xcmg)
    html = page(client, edit)
    assert 'value="XCMG"' in html and f'href="{xcmg.get_absolute_url()}"' in html
    response = client.post(edit, {**data, "name": "XCMG", "weaknesses": "Slow service."})
    assert (response.status_code, response["Location"]) == (302, xcmg.get_absolute_url())
    assert flashes(page(client, response["Location"])) == ["Competitor “XCMG” saved."]
    assert Competitor.objects.get(pk=xcmg.pk).weaknesses == "Slow service."

    client.force_login(executive)
    assert client.post(edit, {**data, "name": "Renamed"}).status_code == 403
    assert Competitor.objects.get(pk=xcmg.pk).name == "XCMG"


@pytest.mark.parametrize(
    "address, field, data",
    [
        (COMPETITOR_CREATE, "name", {"website": "https://xcmg.example"}),
        (REPORT_CREATE, "title", report_post()),
        (SUGGESTION_CREATE, "title", {"description": "Salt spray."}),
    ],
    ids=["competitor", "report", "suggestion"],
)
@pytest.mark.parametrize("blank", ["", "   "], ids=["empty", "spaces"])
def test_a_blank_name_or_title_is_said_once(client, alice, address, field, data, blank):
    """One "required" under the field: the model's own blank check must not say it a
    second time ("This field cannot be blank.")."""
    client.force_login(alice)
    response = client.post(address, {**data, field: blank})
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [REQUIRED]}
    html = response.content.decode()
    assert re.findall(r'<small class="field-error">(.*?)</small>', html) == [REQUIRED]


def test_logging_activity_prefills_ones_own_account_and_the_competitor(
    client, alice, charlie, alice_account, charlie_account, market
):
    sany = market["sany"]
    client.force_login(alice)

    html = page(client, ACTIVITY_CREATE, data={"account": alice_account.pk, "competitor": sany.pk})
    assert (selected(html, "account"), selected(html, "competitor")) == (
        [str(alice_account.pk)],
        [str(sany.pk)],
    )
    assert options(html, "account") == [
        ("", "The market at large"),
        (str(alice_account.pk), ACCOUNT_NAME),
    ]
    assert f'value="{company_today().isoformat()}"' in html
    assert f'href="{alice_account.get_absolute_url()}?tab=competitors"' in html  # Cancel
    html = page(client, ACTIVITY_CREATE, data={"account": charlie_account.pk})
    assert selected(html, "account") == [""] and CHARLIE_ACCOUNT not in html

    data = {
        "competitor": sany.pk,
        "account": charlie_account.pk,
        "observed_on": company_today().isoformat(),
        "kind": "pricing",
        "details": "Typed before the error.",
    }
    response = client.post(ACTIVITY_CREATE, data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"account": [INVALID_CHOICE]}
    html = response.content.decode()
    assert "Typed before the error.</textarea>" in html
    assert selected(html, "kind") == ["pricing"]
    response = client.post(ACTIVITY_CREATE, {**data, "account": "", "observed_on": "2101-01-01"})
    assert response.context["form"].errors == {
        "observed_on": ["Pick a date between 1901 and 2100."]
    }
    count = CompetitorActivity.objects.count()

    response = client.post(ACTIVITY_CREATE, {**data, "account": alice_account.pk})
    made = CompetitorActivity.objects.latest("id")
    assert (response.status_code, response["Location"]) == (
        302,
        f"{alice_account.get_absolute_url()}?tab=competitors",
    )
    assert (made.account, made.reported_by, made.kind, made.details) == (
        alice_account,
        alice,
        "pricing",
        "Typed before the error.",
    )
    assert flashes(page(client, response["Location"])) == ["Competitor activity logged."]

    # In the market at large: back to the competitor's line, and every account team reads it.
    response = client.post(ACTIVITY_CREATE, {**data, "account": "", "details": "Nationwide ad."})
    market_wide = CompetitorActivity.objects.latest("id")
    assert (response.status_code, response["Location"]) == (
        302,
        f"{sany.get_absolute_url()}#activity-{market_wide.pk}",
    )
    assert CompetitorActivity.objects.count() == count + 2
    client.force_login(charlie)
    html = page(client, sany.get_absolute_url())
    assert f'<li id="activity-{market_wide.pk}">' in html and "Nationwide ad." in html
    assert "Typed before the error." not in html
    # Its reporter edits it; Charlie reads it only.
    assert client.get(url("activity-edit", market_wide)).status_code == 403
    client.force_login(alice)
    edit = url("activity-edit", market_wide)
    response = client.post(edit, {**data, "account": "", "details": "Nationwide TV ad."})
    assert response.status_code == 302
    assert CompetitorActivity.objects.get(pk=market_wide.pk).details == "Nationwide TV ad."


# -- the home page and the account page ------------------------------------------------------


def test_rep_home_says_where_my_report_stands(client, alice):
    current = Quarter.current()
    client.force_login(alice)
    end = day(current.end)

    panel = section(page(client, HOME), "my-report-heading")
    assert text(panel) == (
        f"My market report, {current.label} None yet: the quarter ends on {end}. Write it"
    )
    assert f'href="{REPORT_CREATE}"' in panel
    # Neither a draft for next quarter nor a report published last quarter counts.
    report(alice, "Next quarter's", quarter=current.next())
    published(
        alice,
        "Last quarter's",
        quarter=current.previous(),
        now=current.start_at() - timedelta(days=2),
    )
    panel = section(page(client, HOME), "my-report-heading")
    assert f"None yet: the quarter ends on {end}." in text(panel)

    draft = report(alice, "Zhejiang pricing war")
    panel = section(page(client, HOME), "my-report-heading")
    assert text(panel) == (
        f"My market report, {current.label} Zhejiang pricing war Draft "
        f"Publish it by {end} for it to count this quarter."
    )
    assert linked(panel, "reports") == [draft.pk]

    services.market_report_publish(report=draft, by=alice)
    panel = section(page(client, HOME), "my-report-heading")
    assert text(panel) == f"My market report, {current.label} Zhejiang pricing war Published"
    assert linked(panel, "reports") == [draft.pk]


def test_manager_home_names_the_reps_missing_a_report(client, alice, bob, charlie, team_a):
    current = Quarter.current()
    alice.first_name, alice.last_name = "Alice", "Wang"
    alice.save()
    ann = f.UserFactory(username="ann", first_name="Ann", last_name="Zhou", team=team_a)
    ben = f.UserFactory(username="ben", first_name="Ben", last_name="Li", team=team_a)
    report(ben, "Ben's draft")
    published(ann, "Published last quarter", now=current.start_at() - timedelta(hours=1))
    client.force_login(bob)

    panel = section(page(client, HOME), "missing-reports-heading")
    assert [text(item) for item in re.findall(r"<li>(.*?)</li>", panel, re.S)] == [
        "Alice Wang",
        "Ann Zhou",
        "Ben Li a draft waits",
    ]
    assert text(panel.split("</h2>")[0]) == f"Market reports missing, {current.label}"
    assert f'href="{COVERAGE}"' in panel
    assert charlie.display_name not in panel

    for rep in (alice, ann, ben):
        published(rep, f"{rep.first_name}'s report")
    panel = section(page(client, HOME), "missing-reports-heading")
    assert "<li>" not in panel
    assert "Every rep of your teams has published one." in panel


def test_rnd_home_lists_the_suggestions_waiting_oldest_first(
    client, alice, charlie, rita, dept_user
):
    first = suggestion(alice, "Coating")
    second = suggestion(charlie, "Warranty")
    third = suggestion(alice, "Bigger flanges")
    decided = suggestion(alice, "Decided already")
    services.suggestion_decide(suggestion=decided, by=rita, decision="adopted")
    services.suggestion_review(suggestion=second, by=rita)
    # Created last, but submitted first (an import, say): the oldest comes first.
    ProductSuggestion.objects.filter(pk=third.pk).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    client.force_login(rita)

    panel = section(page(client, HOME), "suggestions-waiting-heading")
    assert linked(panel, "suggestions") == [third.pk, first.pk, second.pk]
    assert re.findall(r'class="badge suggestion-(\w+)"', panel) == [
        "submitted",
        "submitted",
        "under_review",
    ]
    assert text(panel.split('<small class="muted">', 1)[1].split("</small>", 1)[0]) == (
        f"{alice.display_name} · {day(timezone.localtime(timezone.now() - timedelta(days=30)))}"
    )
    # Not a panel of tech support's.
    client.force_login(dept_user)
    assert 'id="suggestions-waiting-heading"' not in page(client, HOME)


def test_account_tab_lists_the_competitors_seen_there(
    client, alice, bob, executive, alice_account, seen
):
    tab_url = f"{alice_account.get_absolute_url()}?tab=competitors"
    client.force_login(alice)
    html = page(client, tab_url)
    tabs = html.split('<nav class="tabs"', 1)[1].split("</nav>", 1)[0]
    # At this account: Alice's price cut and Bob's promotion; not the market's, not Foshan's.
    assert re.findall(r'Competitors <span class="tab-count">(\d+)</span>', tabs) == ["2"]
    tab = section(html, "competitors-heading")
    entries = [text(item) for item in re.findall(r"<article>(.*?)</article>", tab, re.S)]
    assert entries == [
        f"Sany Heavy Industry · Pricing · {day(company_today())} "
        f"Cut its list price at Hangzhou. {alice.display_name}",
        f"Sany Heavy Industry · Promotion · {day(quarters_back(1).start)} "
        f"Free spare parts for a year. {bob.display_name}",
    ]
    assert linked(tab, "competitors") == [seen["sany"].pk, seen["sany"].pk]
    assert f'href="{ACTIVITY_CREATE}?account={alice_account.pk}"' in tab
    assert f'href="{SUGGESTION_CREATE}?account={alice_account.pk}"' in tab
    # The executive reads the tab and logs nothing.
    client.force_login(executive)
    tab = section(page(client, tab_url), "competitors-heading")
    assert len(re.findall(r"<article>", tab)) == 2
    assert ACTIVITY_CREATE not in tab and SUGGESTION_CREATE not in tab
    # An account where nothing was seen.
    client.force_login(alice)
    empty = f.AccountFactory(owner=alice, name="Quiet Ltd")
    html = page(client, f"{empty.get_absolute_url()}?tab=competitors")
    assert "No competitor seen here yet." in section(html, "competitors-heading")
    assert re.findall(r'Competitors <span class="tab-count">(\d+)</span>', html) == ["0"]


# -- query counts -------------------------------------------------------------------------------


def _bulk(alice, account, rows: int):
    """``rows`` of everything on the pages: competitors seen at as many of Alice's accounts
    (each with a lost deal against it), reports covering them, suggestions naming them."""
    accounts, competitors = [], []
    for i in range(rows):
        accounts.append(account if i == 0 else f.AccountFactory(owner=alice, name=f"Bulk {i:02d}"))
        competitor = services.competitor_create(by=alice, name=f"Rival {i:02d}")
        competitors.append(competitor)
        activity(alice, competitors[0], accounts[i], details=f"Seen {i}")
        activity(alice, competitor, None, details=f"Market {i}")
        f.OpportunityFactory(
            account=accounts[i], name=f"Lost {i:02d}", stage="lost", lost_reason="Price.",
            closed_on=company_today(), competitor=competitors[0],
        )  # fmt: skip
        published(alice, f"Report {i:02d}", competitors=[competitors[0], competitor])
        suggestion(alice, f"Suggestion {i:02d}", accounts[: i + 1])
    return {"accounts": accounts, "competitors": competitors}


@pytest.mark.parametrize("rows", [1, 12])
def test_competitor_list_query_count(client, alice, alice_account, rows, django_assert_num_queries):
    _bulk(alice, alice_account, rows)
    client.force_login(alice)
    # session, user; the count, the page of competitors with their sightings; unread
    # (+ the savepoint pair)
    with django_assert_num_queries(7):
        html = page(client, COMPETITOR_LIST)
    assert len(linked(html, "competitors")) == rows


@pytest.mark.parametrize("rows", [1, 12])
def test_competitor_page_query_count(client, alice, alice_account, rows, django_assert_num_queries):
    data = _bulk(alice, alice_account, rows)
    client.force_login(alice)
    # session, user, the competitor, may-change; its activity with accounts and
    # reporters, the sightings per quarter (one query), the accounts where it is active,
    # the deals against it, the reports covering it; unread (+ the savepoint pair)
    with django_assert_num_queries(13):
        html = page(client, data["competitors"][0].get_absolute_url())
    assert len(timeline(html)) == rows + 1
    assert section(html, "accounts-heading").count("<li>") == rows
    assert section(html, "deals-heading").count("<li>") == rows
    assert len(linked(section(html, "reports-heading"), "reports")) == min(rows, 10)


@pytest.mark.parametrize("rows", [1, 12])
def test_report_list_query_count(
    client, alice, bob, alice_account, rows, django_assert_num_queries
):
    _bulk(alice, alice_account, rows)
    # session, user; the count, the page of reports with their authors; unread (+ the
    # savepoint pair). A manager's form also offers the teams and the authors.
    for user, queries in ((alice, 8), (bob, 10)):
        client.force_login(user)
        with django_assert_num_queries(queries):
            html = page(client, REPORT_LIST)
        assert len(linked(html, "reports")) == rows, user.username


@pytest.mark.parametrize("reps", [1, 15])
def test_coverage_page_query_count(client, bob, team_a, reps, django_assert_num_queries):
    for i in range(reps):
        rep = f.UserFactory(username=f"rep{i:02d}", team=team_a)
        if i % 2:
            published(rep, f"Report {i}")
        if i % 3:
            report(rep, f"Draft {i}")
    client.force_login(bob)
    # session, user; how many reps the rep menu would offer, the reps with their reports
    # (one query); unread; the scope form's teams and reps (+ the savepoint pair)
    with django_assert_num_queries(9):
        html = page(client, COVERAGE)
    assert len(table_rows(html, "coverage-table")) == reps


@pytest.mark.parametrize("rows", [1, 12])
def test_suggestion_list_query_count(
    client, alice, rita, alice_account, rows, django_assert_num_queries
):
    _bulk(alice, alice_account, rows)
    for index, record in enumerate(ProductSuggestion.objects.order_by("pk")):
        if index % 2:
            services.suggestion_decide(suggestion=record, by=rita, decision="adopted")
    # session, user; the rep's adoption rate (one query), the count, the page of
    # suggestions with their authors and account counts; unread (+ the savepoint pair).
    # R&D: its department (is_rnd) instead of a rate.
    for user, queries in ((alice, 9), (rita, 9)):
        client.force_login(user)
        with django_assert_num_queries(queries):
            html = page(client, SUGGESTION_LIST)
        assert len(linked(html, "suggestions")) == rows, user.username


@pytest.mark.parametrize("rows", [1, 12])
def test_suggestion_page_query_count(
    client, alice, rita, alice_account, rows, django_assert_num_queries
):
    _bulk(alice, alice_account, rows)
    record = ProductSuggestion.objects.latest("pk")
    for i in range(rows):
        services.suggestion_update(suggestion=record, by=alice, description=f"Version {i}")
    # session, user, the suggestion with its author and decider, its accounts
    # (prefetched), may-change, its accounts' names and tiers, its history with who;
    # unread (+ the savepoint pair). R&D: its department (is_rnd) instead of may-change.
    for user, queries in ((alice, 9), (rita, 9)):
        client.force_login(user)
        with django_assert_num_queries(queries):
            html = page(client, record.get_absolute_url())
        assert section(html, "accounts-heading").count("<li>") == rows, user.username
        assert len(history(html)) == rows + 2, user.username


@pytest.mark.parametrize("rows", [1, 25])
def test_account_tab_query_count(
    client, alice, bob, alice_account, rows, django_assert_num_queries
):
    competitors = [services.competitor_create(by=alice, name=f"Rival {i:02d}") for i in range(rows)]
    for i, competitor in enumerate(competitors):
        activity(bob if i % 2 else alice, competitor, alice_account)
    client.force_login(alice)
    # session, user, the account with every tab's count, may-change, the activities
    # with their competitors and reporters; unread (+ the savepoint pair)
    with django_assert_num_queries(8):
        html = page(client, f"{alice_account.get_absolute_url()}?tab=competitors")
    tab = section(html, "competitors-heading")
    assert len(linked(tab, "competitors")) == min(rows, 20)


# -- in a real browser: every page on a phone, in both languages ----------------------------

LONG_ACCOUNT = "杭州精密铸造机械制造股份有限公司华东分公司"
LONG_COMPETITOR = "三一重工股份有限公司华东区域销售与售后服务中心"
LONG_TITLE = "二〇二六年第四季度华东地区精密铸造市场竞争态势与主要竞争对手价格策略深度分析报告"
LONG_SUGGESTION = "为沿海地区铸造客户开发通过一千小时盐雾试验认证的耐腐蚀涂层并提供十年质保服务"
LONG_TEXT = (
    "三一重工在浙江和江苏两省将涡轮机壳体铸件的目录价格下调百分之八，并承诺免费提供一年备件与现场服务"
    * 3
)
WIDE_TABLE_BODY = f"""# {LONG_TITLE}

## 价格与份额

{LONG_TEXT}

- 浙江：三一重工降价百分之八，交货期缩短至四周
- 江苏：中联重科推出新型号，价格与我们持平

| 地区 | 客户数量 | 我们的份额 | 三一重工份额 | 中联重科份额 | 平均降价 | 交货周期 | 年度销售额 |
|------|------|------|------|------|------|------|------|
| 浙江省杭州市 | 42 | 31.5% | 27.0% | 18.2% | 8.0% | 4 | 185,240,000 |
| 江苏省苏州市 | 37 | 28.1% | 30.4% | 21.7% | 6.5% | 5 | 162,880,000 |
| 安徽省合肥市 | 19 | 35.0% | 22.3% | 15.9% | 4.0% | 6 | 74,510,000 |

详见 [集团市场部季度简报](https://intranet.example.com/market/2026/q4/east-china-castings-briefing.pdf)。
"""


def busy_market(alice, bob, rita):
    """Alice's market in long Chinese words: a competitor seen over two years, reports
    (one with a wide table), suggestions open and decided, a deal lost to the competitor."""
    current = Quarter.current()
    account = f.AccountFactory(owner=alice, name=LONG_ACCOUNT, industry="精密铸造与机械加工制造业")
    sany = services.competitor_create(
        by=alice,
        name=LONG_COMPETITOR,
        website="https://www.sany-heavy-industry-east-china.example/zh-hans/products/castings",
        strengths=LONG_TEXT,
        weaknesses=LONG_TEXT,
        pricing_notes=LONG_TEXT,
    )
    services.competitor_create(
        by=alice, name="中联重科股份有限公司", website="https://zoomlion.example"
    )
    for n in range(8):
        activity(
            alice, sany, account if n % 2 else None, ["pricing", "product", "win", "loss"][n % 4],
            LONG_TEXT, observed_on=quarters_back(n).start,
        )  # fmt: skip
    activity(alice, sany, account, "promotion", LONG_TEXT)
    f.OpportunityFactory(
        account=account, name="涡轮机壳体年度框架协议续签项目（华东区）", stage="lost",
        lost_reason="价格", closed_on=company_today(), competitor=sany, amount="18524000",
    )  # fmt: skip
    shown = published(
        alice, LONG_TITLE, summary=LONG_TEXT, body=WIDE_TABLE_BODY, competitors=[sany]
    )
    published(
        alice,
        LONG_TITLE + "（上季度）",
        quarter=current.previous(),
        now=current.start_at() - timedelta(days=5),
        summary=LONG_TEXT,
        body=LONG_TEXT,
    )
    draft = report(alice, LONG_TITLE + "（草稿）", summary=LONG_TEXT, body=WIDE_TABLE_BODY)
    waiting = suggestion(alice, LONG_SUGGESTION, [account], description=LONG_TEXT)
    services.suggestion_review(suggestion=waiting, by=rita)
    decided = suggestion(alice, LONG_SUGGESTION + "（已采纳）", [account], description=LONG_TEXT)
    services.suggestion_decide(suggestion=decided, by=rita, decision="adopted", note=LONG_TEXT)
    rejected = suggestion(alice, LONG_SUGGESTION + "（已拒绝）", [account], description=LONG_TEXT)
    services.suggestion_decide(suggestion=rejected, by=rita, decision="rejected", note=LONG_TEXT)
    for i in range(3):
        rep = f.UserFactory(
            username=f"rep{i}", first_name="欧阳" * (i + 1), last_name="司马", team=alice.team
        )
        report(rep, f"{LONG_TITLE}（{i}）")
    return {
        "account": account,
        "sany": sany,
        "activity": CompetitorActivity.objects.filter(account=account).latest("id"),
        "published": shown,
        "draft": draft,
        "waiting": waiting,
        "decided": decided,
    }


def phone_pages(data) -> list[tuple[str, str, str, int]]:
    """(persona, name, path, status) of every market_intel page on a phone."""
    current = Quarter.current()
    sany, account = data["sany"], data["account"]
    rep = [
        ("home", HOME, 200),
        ("competitors", COMPETITOR_LIST, 200),
        ("competitors-search", f"{COMPETITOR_LIST}?q=三一", 200),
        ("competitor-new", COMPETITOR_CREATE, 200),
        ("competitor", sany.get_absolute_url(), 200),
        ("competitor-edit", url("competitor-edit", sany), 200),
        ("activity-new", f"{ACTIVITY_CREATE}?account={account.pk}&competitor={sany.pk}", 200),
        ("activity-edit", url("activity-edit", data["activity"]), 200),
        ("reports", REPORT_LIST, 200),
        ("reports-filtered", f"{REPORT_LIST}?status=published&sort=title", 200),
        ("reports-bad-filter", f"{REPORT_LIST}?quarter=9&year=soon", 400),
        ("report-new", REPORT_CREATE, 200),
        ("report", data["published"].get_absolute_url(), 200),
        ("report-draft", data["draft"].get_absolute_url(), 200),
        ("report-edit", url("report-edit", data["draft"]), 200),
        ("suggestions", SUGGESTION_LIST, 200),
        ("suggestion-new", f"{SUGGESTION_CREATE}?account={account.pk}", 200),
        ("suggestion", data["waiting"].get_absolute_url(), 200),
        ("suggestion-decided", data["decided"].get_absolute_url(), 200),
        ("suggestion-edit", url("suggestion-edit", data["waiting"]), 200),
        ("account-tab", f"{account.get_absolute_url()}?tab=competitors", 200),
    ]
    manager = [
        ("home", HOME, 200),
        ("coverage", COVERAGE, 200),
        ("coverage-previous", f"{COVERAGE}?quarter={period(current.previous())}", 200),
        ("reports", REPORT_LIST, 200),
        ("report", data["published"].get_absolute_url(), 200),
        ("competitor", sany.get_absolute_url(), 200),
        ("suggestions", SUGGESTION_LIST, 200),
        ("suggestion-decided", data["decided"].get_absolute_url(), 200),
    ]
    rnd = [
        ("home", HOME, 200),
        ("suggestions", SUGGESTION_LIST, 200),
        ("suggestions-waiting", f"{SUGGESTION_LIST}?status=submitted&status=under_review", 200),
        ("suggestion", data["waiting"].get_absolute_url(), 200),
        ("suggestion-decided", data["decided"].get_absolute_url(), 200),
        ("competitor", sany.get_absolute_url(), 200),
    ]
    return (
        [("alice", *p) for p in rep] + [("bob", *p) for p in manager] + [("rita", *p) for p in rnd]
    )


#: Words squeezed to a character or two per line (a table's columns narrowed to fit): a
#: text of three characters or more on three lines or more, none wider than two and a half
#: characters (as in tests/tickets/test_views.py).
SQUEEZED = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const words = node.textContent.trim();
    if (words.length < 3 || node.parentElement.offsetParent === null) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = [...range.getClientRects()].filter((rect) => rect.width > 0);
    const size = parseFloat(getComputedStyle(node.parentElement).fontSize);
    if (lines.length >= 3 && Math.max(...lines.map((rect) => rect.width)) < 2.5 * size) {
      found.push(words.slice(0, 12));
    }
  }
  return found.slice(0, 10);
}"""


def misfit(browser_page, persona: str, name: str, language: str):
    """Screenshot the page; (persona, page, what sticks out, the document's width, the
    words squeezed to a character per line) if it does not fit the phone, else None."""
    expect(browser_page.locator("html")).to_have_attribute("lang", language)
    browser_page.screenshot(
        path=str(ARTIFACTS / f"market-{persona}-{name}-{language}.png"), full_page=True
    )
    assert_no_csp_violations(browser_page)
    sticking_out = browser_page.evaluate(STICKING_OUT, PHONE["width"])
    width = browser_page.evaluate("document.documentElement.scrollWidth")
    squeezed = browser_page.evaluate(SQUEEZED)
    if sticking_out or width > PHONE["width"] or squeezed:
        return (persona, name, sticking_out, width, squeezed)
    return None


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_market_pages_fit_a_phone(live_server, chromium, alice, bob, language):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    rita = rnd_member("rita")
    for user, (first, last) in ((alice, ("芳", "王")), (bob, ("伟", "李")), (rita, ("丽", "陈"))):
        user.first_name, user.last_name, user.language = first, last, language
        user.save()
    data = busy_market(alice, bob, rita)
    # Every page is checked before the test fails, so one run names every page that does
    # not fit.
    misfits = []
    for persona in ("alice", "bob", "rita"):
        phone = new_context(chromium, viewport=PHONE, is_mobile=True, has_touch=True)
        browser_page = phone.new_page()
        log_in(browser_page, live_server.url, persona)
        for who, name, path, status in phone_pages(data):
            if who != persona:
                continue
            response = browser_page.goto(f"{live_server.url}{path}")
            assert response.status == status, (who, name)
            misfits.append(misfit(browser_page, persona, name, language))
        if persona == "rita":
            # A rejection without a note: the page again with the error, on a phone too.
            browser_page.goto(f"{live_server.url}{data['waiting'].get_absolute_url()}")
            browser_page.locator('input[name="decision"][value="rejected"]').check()
            browser_page.locator(".decision-form button[type=submit]").click()
            expect(browser_page.locator(".decision-form .field-error")).to_be_visible()
            misfits.append(misfit(browser_page, persona, "suggestion-decide-error", language))
        phone.close()
    misfits = [found for found in misfits if found]
    assert misfits == [], misfits
