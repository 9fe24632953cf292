"""Issue 12's "Done when", end to end: a contract goes from its first draft through two
negotiation rounds and parallel legal and finance sign-off to signed and to a renewal
reminder, in the browser and over REST, with nothing ever overwritten.

The rep works on the web pages (the Django test client posting the forms the pages
show) and, for one round and one version, through the REST API from her own script;
legal decides on the contract's page, finance from its own system over REST with a real
token. Then in a real headless Chromium on a phone: the ledger and the contract page fit
the screen, and legal reads the change and decides in the browser (screenshots:
``contract-*.png`` in ``artifacts/browser/``).

Only what exists before the story is written with factories (the account, the people);
every step of the story goes through the product.
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from contracts import services, tasks
from contracts.models import Contract, ContractReview, ContractVersion
from kam.dates import company_today
from kam.models import Notification
from tests import factories as f
from tests.support import ARTIFACTS, api_client_for, assert_no_csp_violations, log_in, new_context

ACCOUNT = "杭州精密铸造有限公司"
NUMBER = "HT-2026-0815"
TITLE = "2027 aluminium castings supply agreement"
V1 = (
    "1. Scope: aluminium housings, drawing HZ-4471\n"
    "2. Price: CNY 100 per piece\n"
    "3. Payment: within 30 days of delivery\n"
    "4. Liability: capped at the contract value"
)
V2 = V1.replace("CNY 100", "CNY 95").replace("30 days", "60 days")
V3 = V2.replace("60 days", "45 days") + "\n5. Warranty: 24 months"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ROUND_1 = {
    "held_on": "2026-11-03",
    "participants": "王磊 (purchasing director); Alice",
    "topics": "Price per piece",
    "concessions": "CNY 95 per piece above 10,000 pieces a year",
    "outcome": "Price agreed; the customer asks to pay in 60 days",
    "next_steps": "Send version 2",
}
ROUND_2 = {
    "held_on": "2026-11-20",
    "participants": "王磊; 赵敏 (financial controller); Alice",
    "topics": "Payment terms after the finance review",
    "concessions": "Payment within 45 days",
    "outcome": "45 days agreed; a 24-month warranty added",
    "next_steps": "Version 3 to legal and finance",
}
CHANGES = "Payment terms of 60 days exceed our credit policy: 45 at most."


def flashes(html: str) -> list[str]:
    return re.findall(r'<article class="flash flash-\w+" role="status">(.*?)</article>', html)


def get(client, url, status=200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, response.content[:800]
    return response.content.decode()


def follow(client, response, url) -> str:
    """A form's POST answered with a redirect to ``url``: the page it lands on."""
    assert (response.status_code, response.get("Location")) == (302, url), response.content[:800]
    return get(client, url)


def status_changes(contract) -> list[tuple[str, str, str | None]]:
    """(status, why, by whom) of each change of the contract's status, from its history."""
    changes = []
    rows = contract.history.order_by("history_date", "history_id").select_related("history_user")
    for row in rows:
        if not changes or changes[-1][0] != row.status:
            user = row.history_user.username if row.history_user else None
            changes.append((row.status, row.status_note, user))
    return changes


def statuses(contract) -> list[str]:
    return [status for status, _note, _user in status_changes(contract)]


@pytest.fixture
def people(alice, bob, legal_user, finance_user, english, media_root):
    """Before the story: Alice's key account, her manager, a lawyer and a controller."""
    account = f.AccountFactory(owner=alice, name=ACCOUNT, tier="strategic")
    legal_user.first_name, legal_user.last_name = "Lena", "Wu"
    legal_user.save()
    finance_user.first_name, finance_user.last_name = "Fred", "Zhao"
    finance_user.save()
    return {"account": account}


@pytest.mark.django_db
def test_a_contract_from_first_draft_to_its_renewal_reminder(
    client, alice, bob, legal_user, finance_user, people
):
    account = people["account"]
    today = company_today()
    starts_on, ends_on = today, today + dt.timedelta(days=364)
    rep_api = api_client_for(alice)
    finance_api = api_client_for(finance_user)

    # 1. Alice writes the first draft on the account's page: a contract with its text.
    client.force_login(alice)
    tab = get(client, account.get_absolute_url(), data={"tab": "contracts"})
    assert f'href="{reverse("contracts:contract-create")}?account={account.pk}"' in tab
    response = client.post(
        reverse("contracts:contract-create"),
        {
            "account": account.pk,
            "number": NUMBER,
            "title": TITLE,
            "value": "4800000.00",
            "currency": "CNY",
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "body": V1,
            "change_summary": "First draft",
        },
    )
    contract = Contract.objects.get(number=NUMBER)
    html = follow(client, response, contract.get_absolute_url())
    assert flashes(html) == [f"Contract “{NUMBER} {TITLE}” created as a draft."]
    assert (contract.status, contract.owner, contract.latest_version.version_no) == (
        "draft",
        alice,
        1,
    )

    # 2. The first round of negotiation, recorded on the page, starts the negotiation …
    response = client.post(reverse("contracts:negotiation-create", args=[contract.pk]), ROUND_1)
    round_1 = contract.negotiations.get()
    html = follow(client, response, f"{contract.get_absolute_url()}#round-{round_1.pk}")
    contract.refresh_from_db()
    assert contract.status == "negotiating"

    # … and version 2 is the text it agreed, edited from version 1's on the page.
    new_version = reverse("contracts:version-create", args=[contract.pk])
    assert f">\n{V1}</textarea>" in get(client, new_version)
    response = client.post(new_version, {"body": V2, "change_summary": "Round 1: price 95"})
    v2 = contract.versions.get(version_no=2)
    html = follow(client, response, v2.get_absolute_url())
    assert "<del>100</del>" in html and "<ins>95</ins>" in html
    assert "<del>30</del>" in html and "<ins>60</ins>" in html

    # 3. Alice sends version 2 to legal and finance; both departments are told.
    response = client.post(
        reverse("contracts:contract-submit", args=[contract.pk]), {"note": "Price agreed."}
    )
    html = follow(client, response, contract.get_absolute_url())
    assert flashes(html) == ["Sent for review to Legal, Finance."]
    first_legal = ContractReview.objects.get(contract=contract, department__code="legal")
    first_finance = ContractReview.objects.get(contract=contract, department__code="finance")
    for member, review in ((legal_user, first_legal), (finance_user, first_finance)):
        assert (
            Notification.objects.filter(
                user=member, kind="contracts.review_requested", url=review.get_absolute_url()
            ).count()
            == 1
        )

    # 4. Finance, from its own system, finds it in its queue and asks for changes: the
    #    contract goes back to negotiation, and legal's review of the round is superseded.
    waiting = finance_api.get("/api/v1/contract-reviews/", {"open": "true"}).json()
    assert [(r["id"], r["contract_number"], r["version_no"], r["account_name"]) for r in
            waiting["results"]] == [(first_finance.pk, NUMBER, 2, ACCOUNT)]  # fmt: skip
    answer = finance_api.post(
        f"/api/v1/contract-reviews/{first_finance.pk}/decide/",
        {"decision": "changes_requested", "comments": CHANGES},
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    assert (answer.json()["decision"], answer.json()["contract_status"]) == (
        "changes_requested",
        "negotiating",
    )
    contract.refresh_from_db()
    assert (contract.status, contract.review_state) == ("negotiating", "returned")
    # Legal's review of version 2 is over: deciding it now is a conflict, not a decision.
    legal_api = api_client_for(legal_user)
    late = legal_api.post(
        f"/api/v1/contract-reviews/{first_legal.pk}/decide/",
        {"decision": "approved"},
        format="json",
    )
    assert late.status_code == 409, late.json()

    # 5. The second round, from Alice's script over REST, and version 3 with the signed-off
    #    PDF and its text.
    base = f"/api/v1/contracts/{contract.pk}"
    answer = rep_api.post(f"{base}/negotiations/", ROUND_2, format="json")
    assert answer.status_code == 201, answer.json()
    assert (answer.json()["topics"], answer.json()["recorded_by"]) == (ROUND_2["topics"], alice.pk)
    answer = rep_api.post(
        f"{base}/versions/",
        {
            "body": V3,
            "change_summary": "Round 2: payment 45 days, warranty",
            "file": SimpleUploadedFile("HT-2026-0815 v3.pdf", PDF, "application/pdf"),
        },
        format="multipart",
    )
    assert answer.status_code == 201, answer.json()
    v3 = ContractVersion.objects.get(pk=answer.json()["id"])
    assert (v3.version_no, v3.file_name, v3.file_type, v3.body) == (
        3,
        "HT-2026-0815 v3.pdf",
        "pdf",
        V3,
    )
    answer = rep_api.post(
        f"{base}/submit-for-review/", {"note": "Finance's terms taken in."}, format="json"
    )
    assert answer.status_code == 200, answer.json()
    assert (answer.json()["status"], answer.json()["latest_version"]["version_no"]) == (
        "in_review",
        3,
    )
    legal = ContractReview.objects.get(contract=contract, department__code="legal", version=v3)
    finance = ContractReview.objects.get(contract=contract, department__code="finance", version=v3)

    # 6. Parallel sign-off. Legal, on the contract's page, reads what changed and approves …
    client.force_login(legal_user)
    home = get(client, reverse("home"))
    assert f'<a href="{legal.get_absolute_url()}"><strong>{NUMBER} {TITLE}</strong></a>' in home
    html = get(client, contract.get_absolute_url())
    assert f'action="{reverse("contracts:review-decide", args=[legal.pk])}"' in html
    assert account.get_absolute_url() not in html
    diff = get(client, v3.get_absolute_url())
    assert "<del>60</del>" in diff and "<ins>45</ins>" in diff
    assert "<ins>5. Warranty: 24 months</ins>" not in diff  # a new line is added, not edited
    assert "5. Warranty: 24 months" in diff
    response = client.post(
        reverse("contracts:review-decide", args=[legal.pk]), {"decision": "approved"}
    )
    html = follow(client, response, contract.get_absolute_url())
    assert flashes(html) == [f"Your decision on {NUMBER} is recorded: Approved."]
    contract.refresh_from_db()
    assert contract.status == "in_review"  # finance has not decided yet

    # … and finance approves from its system: every review of the round approved.
    answer = finance_api.post(
        f"/api/v1/contract-reviews/{finance.pk}/decide/",
        {"decision": "approved", "comments": "Within the credit policy now."},
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    contract.refresh_from_db()
    assert (contract.status, contract.review_state) == ("approved", "approved")
    decided = Notification.objects.filter(user=alice, kind="contracts.review_decided")
    assert sorted(decided.values_list("subject", flat=True)) == sorted(
        [
            f"Finance: Changes requested — {NUMBER} {ACCOUNT}",
            f"Legal: Approved — {NUMBER} {ACCOUNT}",
            f"Finance: Approved — {NUMBER} {ACCOUNT}",
        ]
    )

    # 7. Alice signs it on the page.
    client.force_login(alice)
    response = client.post(
        reverse("contracts:contract-transition", args=[contract.pk]),
        {"status": "signed", "signed_on": today.isoformat(), "note": "Signed at the customer."},
    )
    html = follow(client, response, contract.get_absolute_url())
    assert flashes(html) == [f"Contract {NUMBER} is now Signed."]
    contract.refresh_from_db()
    assert (contract.status, contract.signed_on) == ("signed", today)

    # 8. The daily job, run on the day 90 days before the end, tells Alice and Bob once …
    def run_job(day):
        return tasks.task_check_renewals.apply(kwargs={"today": day.isoformat()}).get()

    assert run_job(ends_on - dt.timedelta(days=91)) == {"expired": 0, "reminded": 0}
    assert run_job(ends_on - dt.timedelta(days=90)) == {"expired": 0, "reminded": 1}
    assert run_job(ends_on - dt.timedelta(days=90)) == {"expired": 0, "reminded": 0}
    assert run_job(ends_on - dt.timedelta(days=75)) == {"expired": 0, "reminded": 0}
    renewal = Notification.objects.filter(kind="contracts.renewal")
    assert sorted(renewal.values_list("user__username", "subject", "url")) == [
        ("alice", f"Ends in 90 days: {NUMBER} {ACCOUNT}", contract.get_absolute_url()),
        ("bob", f"Ends in 90 days: {NUMBER} {ACCOUNT}", contract.get_absolute_url()),
    ]
    told = get(client, reverse("notifications"))
    assert f"Ends in 90 days: {NUMBER} {ACCOUNT}" in told
    # … and again at 60 and 30 days, once each.
    assert run_job(ends_on - dt.timedelta(days=60)) == {"expired": 0, "reminded": 1}
    assert run_job(ends_on - dt.timedelta(days=30)) == {"expired": 0, "reminded": 1}
    assert run_job(ends_on - dt.timedelta(days=30)) == {"expired": 0, "reminded": 0}
    assert sorted(renewal.filter(user=bob).values_list("subject", flat=True)) == [
        f"Ends in 30 days: {NUMBER} {ACCOUNT}",
        f"Ends in 60 days: {NUMBER} {ACCOUNT}",
        f"Ends in 90 days: {NUMBER} {ACCOUNT}",
    ]

    # 9. Nothing was overwritten. Every version reads as it was written …
    versions = list(contract.versions.order_by("version_no"))
    assert [(v.version_no, v.body, v.file_name) for v in versions] == [
        (1, V1, ""),
        (2, V2, ""),
        (3, V3, "HT-2026-0815 v3.pdf"),
    ]
    for version in versions:
        assert f'<pre class="contract-text">{version.body}</pre>' in get(
            client, version.get_absolute_url()
        )
    download = client.get(reverse("contracts:version-file", args=[v3.pk]))
    assert (download["Content-Type"], b"".join(download.streaming_content)) == (
        "application/pdf",
        PDF,
    )
    listed = rep_api.get(f"{base}/versions/").json()
    assert [(v["version_no"], v["body"]) for v in listed["results"]] == [
        (1, V1),
        (2, V2),
        (3, V3),
    ]
    # … both rounds are on the page, in order …
    html = get(client, contract.get_absolute_url())
    rounds = html.split('id="negotiation-heading"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r"<strong>(Round \d), [^<]+</strong>", rounds) == ["Round 1", "Round 2"]
    assert rounds.index(ROUND_1["topics"]) < rounds.index(ROUND_2["topics"])
    # … every review is kept, the superseded round with its decision and comments …
    reviews = [
        (
            r.version.version_no,
            r.department.code,
            r.decision,
            r.reviewer.username if r.reviewer else None,
            r.superseded_at is not None,
        )
        for r in contract.reviews.order_by("id")
    ]
    assert reviews == [
        (2, "legal", "pending", None, True),
        (2, "finance", "changes_requested", "fred", True),
        (3, "legal", "approved", "lena", False),
        (3, "finance", "approved", "fred", False),
    ]
    assert contract.reviews.get(pk=first_finance.pk).comments == CHANGES
    assert "2 earlier reviews" in html and CHANGES in html
    assert rep_api.get(f"{base}/reviews/").json()["count"] == 4
    # … and the history holds a row for each status it went through, with its reason.
    assert status_changes(contract) == [
        ("draft", "", "alice"),
        ("negotiating", "The first negotiation round was recorded.", "alice"),
        ("in_review", "Price agreed.", "alice"),
        ("negotiating", "Finance: Changes requested.", "fred"),
        ("in_review", "Finance's terms taken in.", "alice"),
        ("approved", "Every review approved version 3.", "fred"),
        ("signed", "Signed at the customer.", "alice"),
    ]

    # 10. After its last day the job lets it expire, and the renewal starts from it.
    assert run_job(ends_on + dt.timedelta(days=1)) == {"expired": 1, "reminded": 0}
    contract.refresh_from_db()
    assert statuses(contract)[-1] == "expired"
    answer = rep_api.post(f"{base}/renew/", {"number": f"{NUMBER}-R"}, format="json")
    assert answer.status_code == 201, answer.json()
    renewal_contract = Contract.objects.get(number=f"{NUMBER}-R")
    assert (
        renewal_contract.status,
        renewal_contract.renewal_of,
        renewal_contract.starts_on,
        renewal_contract.value,
        renewal_contract.latest_version.body,
    ) == ("draft", contract, ends_on + dt.timedelta(days=1), Decimal("4800000.00"), V3)
    assert contract.versions.count() == 3 and contract.reviews.count() == 4


# -- in a real browser, on a phone --------------------------------------------------------------

PHONE = {"width": 390, "height": 844}
LONG_ACCOUNT = "杭州精密铸造机械制造股份有限公司华东分公司"
LONG_TITLE = "二〇二七年度铝合金压铸壳体及配套精密机加工零部件长期供货框架协议"
LONG_CLAUSE = "乙方应在收到甲方书面订单后三十个工作日内按图纸及技术协议要求完成交付" * 3
FITS = "document.documentElement.scrollWidth <= window.innerWidth"


def fits(page) -> bool:
    return page.evaluate(FITS)


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"contract-{name}.png"), full_page=True)
    assert_no_csp_violations(page)


@pytest.fixture
def in_review(alice, legal_user, finance_user):
    """A contract in long Chinese words, negotiated twice, its version 2 waiting for
    legal and finance."""
    account = f.AccountFactory(owner=alice, name=LONG_ACCOUNT, tier="strategic")
    contract = f.ContractFactory(
        account=account,
        number="HT-2026-000123456",
        title=LONG_TITLE,
        value=Decimal("123456789.00"),
        body=f"第一条 {LONG_CLAUSE}\n第二条 价格：每件一百元\n第三条 付款：三十天内",
    )
    for topics in ("价格与数量折扣" * 4, "付款条件与质保期限" * 4):
        f.NegotiationRecordFactory(
            contract=contract, participants="王磊（采购总监）；欧阳静怡", topics=topics
        )
    services.version_add(
        contract=contract,
        by=alice,
        body=f"第一条 {LONG_CLAUSE}\n第二条 价格：每件九十五元\n第三条 付款：四十五天内",
        change_summary="第二轮谈判：价格九十五元，付款四十五天",
    )
    services.contract_submit_for_review(contract=contract, by=alice)
    return Contract.objects.get(pk=contract.pk)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_a_phone_the_pages_fit_and_legal_decides(
    live_server, chromium, alice, legal_user, english, in_review
):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    contract = in_review

    # Alice's ledger and the contract's page fit a phone's width.
    phone = new_context(chromium, viewport=PHONE, is_mobile=True, has_touch=True)
    page = phone.new_page()
    log_in(page, base, "alice")
    page.goto(f"{base}{reverse('contracts:contract-list')}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Contract ledger")
    expect(page.locator(".contract-table tbody tr")).to_have_count(1)
    shot(page, "ledger-phone")
    assert fits(page), page.evaluate("document.documentElement.scrollWidth")
    page.get_by_role("link", name=contract.number).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{contract.number} {LONG_TITLE}")
    expect(page.locator(".contract-negotiations > li")).to_have_count(2)
    shot(page, "detail-phone")
    assert fits(page), page.evaluate("document.documentElement.scrollWidth")
    phone.close()

    # Legal finds it on its home page, reads what changed, and approves.
    phone = new_context(chromium, viewport=PHONE, is_mobile=True, has_touch=True)
    page = phone.new_page()
    log_in(page, base, legal_user.username)
    waiting = page.locator("section", has=page.locator("#contract-reviews-heading"))
    expect(waiting.locator("h2")).to_have_text("Contracts waiting for Legal")
    shot(page, "legal-home-phone")
    waiting.get_by_role("link", name=f"{contract.number} {LONG_TITLE}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{contract.number} {LONG_TITLE}")
    # Of the account, its name and tier; no way to its page.
    expect(page.locator(".page-heading")).to_contain_text(LONG_ACCOUNT)
    expect(page.locator(".page-heading").get_by_role("link", name=LONG_ACCOUNT)).to_have_count(0)
    assert fits(page), page.evaluate("document.documentElement.scrollWidth")
    shot(page, "legal-detail-phone")

    page.get_by_role("link", name="Read it and what changed").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Version 2")
    expect(page.locator(".contract-diff del")).to_have_text(["一百", "三"])
    expect(page.locator(".contract-diff ins")).to_have_text(["九十五", "四", "五"])
    assert fits(page), page.evaluate("document.documentElement.scrollWidth")
    shot(page, "legal-diff-phone")
    page.go_back()

    form = page.locator("form.decision-form")
    form.get_by_label("Approved").check()
    form.get_by_label("Comments").fill("条款符合公司法务要求。")
    shot(page, "legal-decision-phone")
    form.get_by_role("button", name="Record the decision").click()
    expect(page).to_have_url(f"{base}{contract.get_absolute_url()}")
    expect(page.locator(".flash")).to_have_text(
        f"Your decision on {contract.number} is recorded: Approved."
    )
    expect(page.locator("form.decision-form")).to_have_count(0)
    legal = page.locator(".contract-reviews > li.decided-approved")
    expect(legal).to_have_count(1)
    expect(legal).to_contain_text("条款符合公司法务要求。")
    assert fits(page), page.evaluate("document.documentElement.scrollWidth")
    shot(page, "legal-decided-phone")
    phone.close()

    review = ContractReview.objects.get(contract=contract, department__code="legal")
    assert (review.decision, review.reviewer_id, review.comments) == (
        "approved",
        legal_user.pk,
        "条款符合公司法务要求。",
    )
    assert Contract.objects.get(pk=contract.pk).status == "in_review"  # finance still to go
