"""The duty-2 pages: who sees what, the approval flow, the board's moves, order transitions,
forms that keep what was typed, and constant query counts."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kam import exports
from kam.choices import Role
from kam.dates import Quarter, company_today
from sales_plans.models import Opportunity, Order, SalesPlan, StageChange
from sales_plans.views import ATTAINMENT_PAGE_SIZE, BOARD_CARDS
from tests import factories as f
from tests.support import (
    ARTIFACTS,
    PHONE,
    STICKING_OUT,
    assert_no_csp_violations,
    log_in,
    new_context,
)

pytestmark = pytest.mark.django_db

D = Decimal
ACCOUNT_NAME = "Hangzhou Precision Castings"


def page(client, url, status=200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, response.content[:800]
    return response.content.decode()


def days(n: int) -> str:
    """The company's today plus ``n`` days, as a form posts a date."""
    return (company_today() + dt.timedelta(days=n)).isoformat()


def this_quarter():
    return Quarter.current()


@pytest.fixture
def sales(alice, alice_account):
    """One of everything of duty 2 on Alice's account: data there is to leak."""
    today = company_today()
    quarter = this_quarter()
    plan = f.SalesPlanFactory(
        owner=alice, year=quarter.year, quarter=quarter.quarter, target_amount=D("200000")
    )
    line = f.PlanTargetFactory(plan=plan, account=alice_account, target_amount=D("80000"))
    opportunity = f.OpportunityFactory(
        account=alice_account, name="Turbine housings 2027", amount=D("120000")
    )
    order = f.OrderFactory(
        account=alice_account,
        number="SO-ALICE-1",
        ordered_on=quarter.start,
        amount=D("20000"),
        promised_on=max(today, quarter.start) + dt.timedelta(days=10),
        opportunity=opportunity,
    )
    return {"plan": plan, "line": line, "opportunity": opportunity, "order": order}


def get_urls(records):
    """GET pages of Alice's records: name -> (url, needs the change permission)."""
    plan, opportunity, order = records["plan"], records["opportunity"], records["order"]
    return {
        "plan-detail": (reverse("sales_plans:plan-detail", args=[plan.pk]), False),
        "plan-edit": (reverse("sales_plans:plan-edit", args=[plan.pk]), True),
        "opportunity-detail": (
            reverse("sales_plans:opportunity-detail", args=[opportunity.pk]),
            False,
        ),
        "opportunity-edit": (reverse("sales_plans:opportunity-edit", args=[opportunity.pk]), True),
        "order-detail": (reverse("sales_plans:order-detail", args=[order.pk]), False),
        "order-edit": (reverse("sales_plans:order-edit", args=[order.pk]), True),
    }


def post_urls(records):
    plan, opportunity, order = records["plan"], records["opportunity"], records["order"]
    return {
        "plan-edit": reverse("sales_plans:plan-edit", args=[plan.pk]),
        "plan-submit": reverse("sales_plans:plan-submit", args=[plan.pk]),
        "plan-approve": reverse("sales_plans:plan-approve", args=[plan.pk]),
        "plan-reject": reverse("sales_plans:plan-reject", args=[plan.pk]),
        "plan-revise": reverse("sales_plans:plan-revise", args=[plan.pk]),
        "opportunity-edit": reverse("sales_plans:opportunity-edit", args=[opportunity.pk]),
        "opportunity-move": reverse("sales_plans:opportunity-move", args=[opportunity.pk]),
        "order-edit": reverse("sales_plans:order-edit", args=[order.pk]),
        "order-transition": reverse("sales_plans:order-transition", args=[order.pk]),
    }


LIST_URLS = [
    "sales_plans:plan-list",
    "sales_plans:opportunity-list",
    "sales_plans:order-list",
    "sales_plans:board",
    "sales_plans:funnel",
    "sales_plans:attainment",
]
CREATE_URLS = [
    "sales_plans:plan-create",
    "sales_plans:opportunity-create",
    "sales_plans:order-create",
]
#: What any POST carries: a stage, a status and a comment the views would act on.
POSTED = {"stage": "won", "status": "cancelled", "comment": "No."}


def nothing_changed(records):
    plan = SalesPlan.objects.get(pk=records["plan"].pk)
    assert (plan.status, plan.revision, plan.target_amount) == ("draft", 1, D("200000"))
    assert Opportunity.objects.get(pk=records["opportunity"].pk).stage == "lead"
    assert Order.objects.get(pk=records["order"].pk).status == "open"
    assert StageChange.objects.filter(opportunity=records["opportunity"]).count() == 1


# -- who sees what --------------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login_page(client, sales):
    login = reverse("login")
    urls = [url for url, _ in get_urls(sales).values()]
    urls += [reverse(name) for name in LIST_URLS + CREATE_URLS]
    urls.append(reverse("sales_plans:order-opportunities"))
    for url in urls:
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, f"{login}?next={url}"), url
    for name, url in post_urls(sales).items():
        response = client.post(url, POSTED)
        assert (response.status_code, response["Location"]) == (302, f"{login}?next={url}"), name
    nothing_changed(sales)


@pytest.mark.parametrize("persona", ["charlie", "dept_user"])
def test_outsiders_get_404_on_every_page_of_alices_records(client, request, persona, sales):
    client.force_login(request.getfixturevalue(persona))
    for name, (url, _) in get_urls(sales).items():
        assert client.get(url).status_code == 404, name
    for name, url in post_urls(sales).items():
        assert client.post(url, POSTED).status_code == 404, name
    nothing_changed(sales)


def test_outsiders_lists_do_not_show_alices_records(client, charlie, dept_user, sales):
    for user in (charlie, dept_user):
        client.force_login(user)
        for name in LIST_URLS:
            html = page(client, reverse(name))
            for secret in (ACCOUNT_NAME, "Turbine housings 2027", "SO-ALICE-1", "200,000"):
                assert secret not in html, (user.username, name, secret)


@pytest.mark.parametrize("persona", ["alice", "bob"])
def test_owner_and_manager_open_every_page(client, request, persona, sales):
    client.force_login(request.getfixturevalue(persona))
    for name, (url, _) in get_urls(sales).items():
        assert client.get(url).status_code == 200, name
    for name in LIST_URLS + CREATE_URLS:
        assert client.get(reverse(name)).status_code == 200, name
    html = page(client, reverse("sales_plans:order-list"))
    assert "SO-ALICE-1" in html and ACCOUNT_NAME in html


def test_executive_reads_but_may_not_change(client, executive, sales):
    client.force_login(executive)
    for name, (url, needs_change) in get_urls(sales).items():
        assert client.get(url).status_code == (403 if needs_change else 200), name
    for name in CREATE_URLS:
        assert client.get(reverse(name)).status_code == 403, name
    for name, url in post_urls(sales).items():
        assert client.post(url, POSTED).status_code == 403, name
    nothing_changed(sales)
    html = page(client, sales["plan"].get_absolute_url())
    assert "Turbine" not in html and "<dd>200,000\xa0CNY</dd>" in html
    assert reverse("sales_plans:plan-edit", args=[sales["plan"].pk]) not in html
    assert reverse("sales_plans:plan-submit", args=[sales["plan"].pk]) not in html
    html = page(client, reverse("sales_plans:board"))
    assert "Turbine housings 2027" in html
    assert reverse("sales_plans:opportunity-move", args=[sales["opportunity"].pk]) not in html
    html = page(client, sales["order"].get_absolute_url())
    assert reverse("sales_plans:order-transition", args=[sales["order"].pk]) not in html
    for name in LIST_URLS:
        assert "New " not in page(client, reverse(name)).split("<main", 1)[1], name


def test_get_on_a_post_only_step_is_refused(client, alice, sales):
    client.force_login(alice)
    for name in ("plan-submit", "plan-approve", "opportunity-move", "order-transition"):
        assert client.get(post_urls(sales)[name]).status_code == 405, name


# -- plans and their approval ---------------------------------------------------------------


def plan_post(**overrides):
    """A plan form as the browser posts it, with one account line and three empty ones."""
    data = {
        "year": "2026",
        "quarter": "3",
        "target_amount": "300000",
        "strategy": "Win back Foshan; grow the castings line.",
        "targets-TOTAL_FORMS": "4",
        "targets-INITIAL_FORMS": "0",
        "targets-MIN_NUM_FORMS": "0",
        "targets-MAX_NUM_FORMS": "200",
    }
    for i in range(4):
        data[f"targets-{i}-account"] = ""
        data[f"targets-{i}-target_amount"] = ""
    data.update(overrides)
    return data


def test_plan_list_a_rep_sees_hers_a_manager_his_teams_waiting_first(
    client, alice, bob, charlie, team_a
):
    ann = f.UserFactory(username="ann", first_name="Ann", last_name="Zhou", team=team_a)
    f.SalesPlanFactory(owner=alice, year=2025, quarter=1, target_amount=D("111000"))
    waiting = f.SalesPlanFactory(
        owner=ann, year=2024, quarter=2, target_amount=D("222000"), status="submitted"
    )
    f.SalesPlanFactory(owner=charlie, year=2025, quarter=2, target_amount=D("999000"))
    plan_list = reverse("sales_plans:plan-list")

    client.force_login(alice)
    html = page(client, plan_list)
    assert "111,000" in html and "222,000" not in html and "999,000" not in html
    assert "1 plan" in html

    client.force_login(bob)
    html = page(client, plan_list)
    assert "999,000" not in html
    rows = html.split('<th scope="row">')[1:]
    assert len(rows) == 2
    # Ann's older plan is first: it waits for Bob's decision.
    assert waiting.get_absolute_url() in rows[0] and "waiting for you" in rows[0]
    assert "111,000" in rows[1] and "waiting for you" not in rows[1]

    html = page(client, plan_list, data={"status": "draft"})
    assert "111,000" in html and "222,000" not in html


def test_rep_creates_a_plan_with_account_lines(client, alice, alice_account):
    other = f.AccountFactory(owner=alice, name="Foshan Ceramics")
    client.force_login(alice)
    url = reverse("sales_plans:plan-create")
    html = page(client, url)
    assert 'name="owner"' not in html  # a rep's plan is her own
    assert html.count(f'<option value="{other.pk}">Foshan Ceramics</option>') == 3

    response = client.post(
        url,
        plan_post(
            **{
                "targets-0-account": str(alice_account.pk),
                "targets-0-target_amount": "100000",
                "targets-1-account": str(other.pk),
                "targets-1-target_amount": "50000",
            }
        ),
    )

    plan = SalesPlan.objects.get(owner=alice, year=2026, quarter=3)
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert (plan.status, plan.target_amount, plan.revision) == ("draft", D("300000"), 1)
    assert sorted(plan.targets.values_list("account__name", "target_amount")) == [
        ("Foshan Ceramics", D("50000")),
        (ACCOUNT_NAME, D("100000")),
    ]


def test_plan_form_errors_keep_what_was_typed(client, alice, alice_account):
    client.force_login(alice)
    url = reverse("sales_plans:plan-create")
    # The lines add up to more than the target: the service refuses, nothing is written.
    response = client.post(
        url,
        plan_post(
            target_amount="90000",
            **{
                "targets-0-account": str(alice_account.pk),
                "targets-0-target_amount": "100000",
            },
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The account targets add up to more than the plan&#x27;s target." in html
    assert 'name="target_amount" value="90000"' in html
    assert "Win back Foshan; grow the castings line." in html
    assert f'<option value="{alice_account.pk}" selected>' in html
    assert 'name="targets-0-target_amount" value="100000"' in html

    # A field error and a line error are both reported at once.
    response = client.post(
        url,
        plan_post(year="1999", **{"targets-0-account": "999999", "targets-0-target_amount": "5"}),
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"year"}
    assert set(response.context["formset"].errors[0]) == {"account"}
    # A line begun needs both its account and its target; the empty ones are skipped.
    response = client.post(
        url,
        plan_post(
            **{
                "targets-0-account": str(alice_account.pk),
                "targets-1-target_amount": "5000",
            }
        ),
    )
    errors = response.context["formset"].errors
    assert errors[:3] == [
        {"target_amount": ["Give this account's target."]},
        {"account": ["Choose the account of this line."]},
        {},
    ]
    assert 'name="targets-1-target_amount" value="5000"' in response.content.decode()
    assert SalesPlan.objects.count() == 0


def test_a_second_plan_for_the_same_quarter_is_a_form_error(client, alice):
    f.SalesPlanFactory(owner=alice, year=2026, quarter=3)
    client.force_login(alice)
    response = client.post(reverse("sales_plans:plan-create"), plan_post())
    assert response.status_code == 200
    assert "You already have a plan for that quarter." in response.content.decode()
    assert SalesPlan.objects.count() == 1


def test_the_approval_flow_through_the_pages(client, alice, bob, charlie, alice_account):
    plan = f.SalesPlanFactory(owner=alice, year=2026, quarter=3, target_amount=D("300000"))
    detail = plan.get_absolute_url()
    step = {
        name: reverse(f"sales_plans:plan-{name}", args=[plan.pk])
        for name in ("submit", "approve", "reject", "revise")
    }

    client.force_login(alice)
    html = page(client, detail)
    assert step["submit"] in html and step["approve"] not in html
    response = client.post(step["submit"])
    assert response.status_code == 302 and response["Location"] == detail
    plan.refresh_from_db()
    assert plan.status == "submitted"
    # Alice may not approve her own plan, whatever she posts.
    assert step["approve"] not in page(client, detail)
    assert client.post(step["approve"], {"comment": "Looks great"}).status_code == 403
    plan.refresh_from_db()
    assert (plan.status, plan.approved_by) == ("submitted", None)

    # Another team's manager does not even see it.
    client.force_login(charlie.team.manager)
    assert client.post(step["approve"]).status_code == 404
    assert client.get(detail).status_code == 404

    client.force_login(bob)
    html = page(client, detail)
    assert step["approve"] in html and step["reject"] in html
    # A rejection needs its reason; the form says so.
    response = client.post(step["reject"], {"comment": "  "})
    assert response.status_code == 200
    assert "Say why the plan is rejected, so it can be fixed." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == "submitted"
    response = client.post(step["reject"], {"comment": "Too timid for Q3."})
    assert response["Location"] == detail
    plan.refresh_from_db()
    assert (plan.status, plan.decision_comment) == ("rejected", "Too timid for Q3.")

    client.force_login(alice)
    html = page(client, detail)
    assert "Too timid for Q3." in html and step["submit"] in html
    response = client.post(
        reverse("sales_plans:plan-edit", args=[plan.pk]),
        plan_post(target_amount="450000", strategy="Bolder."),
    )
    assert response.status_code == 302
    client.post(step["submit"])

    client.force_login(bob)
    client.post(step["approve"], {"comment": "Good."})
    plan.refresh_from_db()
    assert (plan.status, plan.approved_by, plan.target_amount) == ("approved", bob, D("450000"))
    html = page(client, detail)
    assert "Approved by " + bob.display_name in html and "Good." in html
    assert step["revise"] not in html  # only the owner revises

    client.force_login(alice)
    response = client.post(step["revise"])
    assert response["Location"] == reverse("sales_plans:plan-edit", args=[plan.pk])
    plan.refresh_from_db()
    assert (plan.status, plan.revision, plan.approved_by) == ("draft", 2, None)
    # The history keeps every step: created, submitted, rejected, edited, submitted,
    # approved, revised.
    history = page(client, detail).split('id="history-heading"')[1]
    assert history.count('<th scope="row">') == 7
    assert history.count("450,000") == 4 and history.count("300,000") == 3


def test_a_step_the_plan_state_forbids_is_a_409_with_the_reason(client, alice, bob):
    plan = f.SalesPlanFactory(
        owner=alice, status="approved", approved_by=bob, approved_at="2026-07-01T00:00Z"
    )
    client.force_login(alice)
    response = client.post(reverse("sales_plans:plan-submit", args=[plan.pk]))
    assert response.status_code == 409
    assert "Only a draft or rejected plan can be submitted." in response.content.decode()
    client.force_login(bob)
    response = client.post(reverse("sales_plans:plan-approve", args=[plan.pk]))
    assert response.status_code == 409
    assert "Only a submitted plan can be approved or rejected." in response.content.decode()
    # Editing an approved plan: said on the form, and what was typed stays.
    client.force_login(alice)
    response = client.post(
        reverse("sales_plans:plan-edit", args=[plan.pk]), plan_post(target_amount="1")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "An approved plan changes through a revision." in html
    assert 'name="target_amount" value="1"' in html
    plan.refresh_from_db()
    assert (plan.status, plan.target_amount) == ("approved", D("1000000.00"))


def test_plan_page_shows_target_against_orders_per_account_line(client, alice, alice_account):
    quarter = this_quarter()
    other = f.AccountFactory(owner=alice, name="Foshan Ceramics")
    unlined = f.AccountFactory(owner=alice, name="Xiamen Tools")
    plan = f.SalesPlanFactory(
        owner=alice, year=quarter.year, quarter=quarter.quarter, target_amount=D("400000")
    )
    f.PlanTargetFactory(plan=plan, account=alice_account, target_amount=D("100000"))
    f.PlanTargetFactory(plan=plan, account=other, target_amount=D("200000"))
    for account, amount, status in [
        (alice_account, "60000", "open"),
        (alice_account, "15000", "delivered"),
        (alice_account, "99000", "cancelled"),  # does not count
        (unlined, "25000", "open"),
    ]:
        f.OrderFactory(
            account=account,
            ordered_on=quarter.start,
            amount=D(amount),
            promised_on=quarter.end,
            status=status,
            delivered_on=quarter.start if status == "delivered" else None,
        )
    f.OrderFactory(account=other, ordered_on=quarter.previous().end, amount=D("7000"))
    client.force_login(alice)

    html = page(client, plan.get_absolute_url())

    assert "<dt>Target</dt><dd>400,000\xa0CNY</dd>" in html
    assert "<dt>Orders so far</dt><dd>100,000\xa0CNY</dd>" in html
    assert "<dt>Attainment</dt><dd>25.0%</dd>" in html
    lines = html.split('id="lines-heading"')[1].split("</table>")[0]
    rows = lines.split('<th scope="row">')[1:]
    assert [row.split("</a>")[0].split(">")[-1] for row in rows[:2]] == [
        "Foshan Ceramics",
        ACCOUNT_NAME,
    ]
    cells = [[c.split("<")[0] for c in row.split('class="num" data-label')[1:]] for row in rows]
    assert [[c.split(">", 1)[1] for c in row] for row in cells] == [
        ["200,000\xa0CNY", "0\xa0CNY", "0.0%"],
        ["100,000\xa0CNY", "75,000\xa0CNY", "75.0%"],
        ["—", "25,000\xa0CNY", "—"],
    ]


def test_plan_export_links_follow_the_registry(client, alice, sales):
    client.force_login(alice)
    html = page(client, sales["plan"].get_absolute_url())
    definition = exports.get("sales_plans.sales_plan")
    for fmt in ("pdf", "xlsx"):
        link = f"{reverse('export', args=['sales_plans.sales_plan', fmt])}?plan={sales['plan'].pk}"
        assert (link in html) == (definition is not None and fmt in definition.formats), fmt


# -- the board and opportunities ------------------------------------------------------------


def test_board_shows_open_deals_by_stage_with_totals(client, alice, bob, charlie, alice_account):
    f.OpportunityFactory(account=alice_account, name="Deal A", stage="proposal", amount=D("10000"))
    f.OpportunityFactory(account=alice_account, name="Deal B", stage="proposal", amount=D("5000"))
    f.OpportunityFactory(
        account=alice_account, name="Deal Won", stage="won", closed_on=company_today()
    )
    f.OpportunityFactory(account=f.AccountFactory(owner=charlie), name="Charlie's deal")
    client.force_login(alice)

    html = page(client, reverse("sales_plans:board"))

    proposal = html.split('id="column-proposal"')[1].split("</section>")[0]
    assert '<span class="column-count">2</span>' in proposal
    assert '<span class="column-amount">15,000\xa0CNY</span>' in proposal
    assert proposal.index("Deal A") > 0 and "Deal B" in proposal
    assert "Deal Won" not in html and "Charlie&#x27;s deal" not in html
    assert html.count('class="board-column ') == 4

    client.force_login(bob)
    html = page(client, reverse("sales_plans:board"), data={"owner": alice.pk})
    assert "Deal A" in html and "Charlie" not in html
    # Charlie is not Bob's to choose: a 400 that names the choice, not his deals.
    response = client.get(reverse("sales_plans:board"), {"owner": charlie.pk})
    assert response.status_code == 400 and "Charlie&#x27;s deal" not in response.content.decode()


def test_a_full_column_links_to_all_its_deals_in_the_board_s_scope(
    client, alice, bob, charlie, alice_account
):
    for number in range(BOARD_CARDS + 1):
        f.OpportunityFactory(account=alice_account, name=f"Deal {number}", stage="qualified")
    f.OpportunityFactory(account=f.AccountFactory(owner=charlie), stage="qualified")
    client.force_login(bob)

    html = page(client, reverse("sales_plans:board"), data={"owner": alice.pk})

    qualified = html.split('id="column-qualified"')[1].split("</section>")[0]
    assert qualified.count('class="board-card"') == BOARD_CARDS
    listed = f"{reverse('sales_plans:opportunity-list')}?stage=qualified&amp;owner={alice.pk}"
    assert f'href="{listed}"' in qualified and f"See all {BOARD_CARDS + 1} deals" in qualified
    rows = page(client, listed.replace("&amp;", "&"))
    assert rows.count('<th scope="row">') == BOARD_CARDS + 1


def test_board_move_by_htmx_swaps_the_board_and_records_one_stage_change(client, alice, sales):
    opportunity = sales["opportunity"]
    client.force_login(alice)
    url = reverse("sales_plans:opportunity-move", args=[opportunity.pk])

    response = client.post(
        url, {"stage": "qualified"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="pipeline-board"
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div id="pipeline-board"') and "<html" not in html
    qualified = html.split('id="column-qualified"')[1].split("</section>")[0]
    assert "Turbine housings 2027" in qualified
    assert "“Turbine housings 2027” moved to Qualified." in html
    changes = StageChange.objects.filter(opportunity=opportunity).order_by("id")
    assert [(c.from_stage, c.to_stage, c.changed_by) for c in changes] == [
        ("", "lead", alice),
        ("lead", "qualified", alice),
    ]


def test_board_move_without_javascript_posts_and_comes_back(client, bob, sales):
    opportunity = sales["opportunity"]
    client.force_login(bob)
    url = reverse("sales_plans:opportunity-move", args=[opportunity.pk])

    response = client.post(f"{url}?owner={opportunity.owner_id}", {"stage": "proposal"})

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('sales_plans:board')}?owner={opportunity.owner_id}"
    assert list(
        StageChange.objects.filter(opportunity=opportunity).values_list("from_stage", "to_stage")
    ) == [("", "lead"), ("lead", "proposal")]
    html = page(client, response["Location"])
    assert "“Turbine housings 2027” moved to Proposal." in html
    proposal = html.split('id="column-proposal"')[1].split("</section>")[0]
    assert "Turbine housings 2027" in proposal
    # The card form posts to the same URL with the board's scope, for htmx and without.
    action = f"{url}?owner={opportunity.owner_id}"
    assert f'action="{action}"' in html and f'hx-post="{action}"' in html


def test_a_lost_move_without_a_reason_is_refused_on_the_board(client, alice, sales):
    opportunity = sales["opportunity"]
    client.force_login(alice)
    url = reverse("sales_plans:opportunity-move", args=[opportunity.pk])

    response = client.post(
        url, {"stage": "lost"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="pipeline-board"
    )
    assert response.status_code == 200
    assert "Say why the deal was lost." in response.content.decode()
    response = client.post(url, {"stage": "nowhere"})
    assert response.status_code == 302
    assert StageChange.objects.filter(opportunity=opportunity).count() == 1
    opportunity.refresh_from_db()
    assert (opportunity.stage, opportunity.closed_on) == ("lead", None)

    # From the deal's page, with the reason, it closes and the page comes back.
    response = client.post(
        url, {"stage": "lost", "lost_reason": "Price", "next": opportunity.get_absolute_url()}
    )
    assert response["Location"] == opportunity.get_absolute_url()
    opportunity.refresh_from_db()
    assert (opportunity.stage, opportunity.lost_reason) == ("lost", "Price")
    assert opportunity.closed_on == company_today()
    html = page(client, opportunity.get_absolute_url())
    assert html.count("<time") == 2 and "Lead → <strong>Lost</strong>" in html


def test_opportunity_create_edit_and_errors_keep_what_was_typed(client, alice, alice_account):
    client.force_login(alice)
    url = reverse("sales_plans:opportunity-create")
    html = page(client, url, data={"account": alice_account.pk})
    assert f'<option value="{alice_account.pk}" selected>' in html
    data = {
        "account": alice_account.pk,
        "name": "Gearbox retrofit",
        "stage": "lost",
        "amount": "75000",
        "opened_on": days(-60),
        "expected_close_on": days(20),
        "lost_reason": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"lost_reason": ["Say why the deal was lost."]}
    html = response.content.decode()
    assert 'value="Gearbox retrofit"' in html and 'value="75000"' in html
    assert Opportunity.objects.count() == 0

    response = client.post(url, {**data, "stage": "qualified"})
    opportunity = Opportunity.objects.get()
    assert response["Location"] == opportunity.get_absolute_url()
    assert (opportunity.owner, opportunity.stage, opportunity.amount) == (
        alice,
        "qualified",
        D("75000"),
    )

    edit = reverse("sales_plans:opportunity-edit", args=[opportunity.pk])
    response = client.post(edit, {**data, "stage": "won", "closed_on": days(-1)})
    assert response.status_code == 302, response.context["form"].errors
    opportunity.refresh_from_db()
    assert (opportunity.stage, opportunity.closed_on.isoformat()) == ("won", days(-1))
    assert list(
        StageChange.objects.filter(opportunity=opportunity).values_list("from_stage", "to_stage")
    ) == [("", "qualified"), ("qualified", "won")]


def test_opportunity_form_offers_only_ones_own_accounts(client, charlie, alice_account):
    client.force_login(charlie)
    url = reverse("sales_plans:opportunity-create")
    assert ACCOUNT_NAME not in page(client, url)
    response = client.post(
        url,
        {
            "account": alice_account.pk,
            "name": "Sneaky",
            "stage": "lead",
            "amount": "1",
            "opened_on": days(-60),
            "expected_close_on": days(20),
        },
    )
    assert response.status_code == 200 and set(response.context["form"].errors) == {"account"}
    assert Opportunity.objects.count() == 0


# -- funnel and attainment ------------------------------------------------------------------


def test_funnel_page_for_a_rep_and_for_a_team(client, alice, bob, charlie, alice_account):
    quarter = this_quarter()
    start = quarter.start
    for name, stage, amount in [("A", "lead", "1000"), ("B", "proposal", "3000")]:
        f.OpportunityFactory(
            account=alice_account, name=name, stage=stage, amount=D(amount), opened_on=start
        )
    won = f.OpportunityFactory(account=alice_account, name="W", amount=D("6000"), opened_on=start)
    won.stage, won.furthest_stage = "won", "won"
    won.closed_on = start + dt.timedelta(days=10)
    won.save()
    StageChange.objects.create(
        opportunity=won,
        from_stage="lead",
        to_stage="won",
        changed_at=quarter.start_at(),
        changed_by=alice,
    )
    f.OpportunityFactory(account=f.AccountFactory(owner=charlie), name="C", opened_on=start)

    client.force_login(alice)
    html = page(client, reverse("sales_plans:funnel"))
    assert 'name="team"' not in html and 'name="owner"' not in html
    assert "<dt>Open deals</dt><dd>2</dd>" in html
    assert "<dt>Win rate</dt><dd>100.0%</dd>" in html
    assert "<dt>Cycle (days)</dt><dd>10.0</dd>" in html
    # velocity: 3 deals × 6,000 mean won × 100 % ÷ 10 days
    assert "<dt>Velocity per day</dt><dd>1,800\xa0CNY</dd>" in html
    conversion = html.split('id="conversion-heading"')[1]
    reached = [cell.split("<")[0] for cell in conversion.split('data-label="Deals">')[1:]]
    assert reached == ["3", "2", "2", "1", "1"]

    client.force_login(bob)
    team = page(client, reverse("sales_plans:funnel"), data={"team": alice.team_id})
    assert "<dt>Open deals</dt><dd>2</dd>" in team and f"· {alice.team.name}" in team
    # A link with a team and no quarter shows this quarter, and its menu says so (else
    # "Show" would switch to the menu's first quarter).
    assert f'<option value="{quarter.year}-{quarter.quarter}" selected>' in team
    last = quarter.previous()
    html = page(
        client, reverse("sales_plans:funnel"), data={"quarter": f"{last.year}-{last.quarter}"}
    )
    assert "<dt>Open deals</dt><dd>0</dd>" in html and "no data" in html
    response = client.get(reverse("sales_plans:funnel"), {"quarter": "1999-1"})
    assert response.status_code == 400


def test_the_company_funnel_is_kept_five_minutes_and_refreshable(
    client, executive, alice_account, django_assert_num_queries
):
    start = this_quarter().start
    f.OpportunityFactory(account=alice_account, stage="lead", opened_on=start)
    client.force_login(executive)
    assert "<dt>Open deals</dt><dd>1</dd>" in page(client, reverse("sales_plans:funnel"))
    f.OpportunityFactory(account=alice_account, stage="lead", opened_on=start)

    # The page's own queries (session, user, how many reps there are and the team and rep
    # menus, unread count, the savepoint pair); the funnel's four come from the cache.
    with django_assert_num_queries(8):
        cached = page(client, reverse("sales_plans:funnel"))
    refreshed = page(client, reverse("sales_plans:funnel"), data={"refresh": "1"})

    assert "<dt>Open deals</dt><dd>1</dd>" in cached and "As of" in cached
    assert "<dt>Open deals</dt><dd>2</dd>" in refreshed
    # A manager's funnel is their team's as it is now.
    client.force_login(alice_account.owner.team.manager)
    assert "As of" not in page(client, reverse("sales_plans:funnel"))


def test_the_company_board_is_a_summary_for_an_executive_and_live_for_who_moves_cards(
    client, executive, alice, alice_account
):
    f.OpportunityFactory(account=alice_account, name="First deal", stage="lead")
    client.force_login(executive)
    assert "First deal" in page(client, reverse("sales_plans:board"))
    f.OpportunityFactory(account=alice_account, name="Second deal", stage="lead")

    cached = page(client, reverse("sales_plans:board"))
    refreshed = page(client, reverse("sales_plans:board"), data={"refresh": "1"})

    assert "Second deal" not in cached and "As of" in cached
    assert "Second deal" in refreshed
    client.force_login(alice)
    mine = page(client, reverse("sales_plans:board"))
    assert "Second deal" in mine and "As of" not in mine


def test_attainment_page_per_rep(client, alice, bob, team_a):
    quarter = this_quarter()
    ann = f.UserFactory(username="ann", first_name="Ann", last_name="Zhou", team=team_a)
    for user, target, amount in [(alice, "100000", "50000"), (ann, "200000", "250000")]:
        f.SalesPlanFactory(
            owner=user,
            year=quarter.year,
            quarter=quarter.quarter,
            target_amount=D(target),
            status="approved",
            approved_by=bob,
            approved_at=quarter.start_at(),
        )
        f.OrderFactory(
            account=f.AccountFactory(owner=user),
            ordered_on=quarter.start,
            amount=D(amount),
            promised_on=quarter.end,
        )

    client.force_login(bob)
    html = page(client, reverse("sales_plans:attainment"))
    assert "<dt>Target</dt><dd>300,000\xa0CNY</dd>" in html
    assert "<dt>Attainment</dt><dd>100.0%</dd>" in html
    rows = {row.split("<")[0]: row for row in html.split('<th scope="row">')[1:]}
    assert set(rows) == {alice.display_name, "Ann Zhou"}
    assert 'class="behind"' in html.split(f'<th scope="row">{alice.display_name}')[0][-30:]
    assert 'class="behind"' not in html.split('<th scope="row">Ann Zhou')[0][-30:]
    assert "50.0%" in rows[alice.display_name] and "125.0%" in rows["Ann Zhou"]
    definition = exports.get("sales_plans.attainment")
    link = reverse("export", args=["sales_plans.attainment", "pdf"])
    expected = f"{link}?year={quarter.year}&amp;quarter={quarter.quarter}&amp;rep={ann.pk}"
    html = page(client, reverse("sales_plans:attainment"), data={"owner": ann.pk})
    assert (expected in html) == (definition is not None)
    assert alice.display_name not in html.split("<tbody>")[1]

    client.force_login(alice)
    html = page(client, reverse("sales_plans:attainment"))
    assert "Ann Zhou" not in html and "<dt>Attainment</dt><dd>50.0%</dd>" in html


def test_attainment_shows_fifty_reps_a_page_and_totals_them_all_for_the_company(
    client, bob, team_a, executive
):
    quarter = this_quarter()
    reps = [
        f.UserFactory(username=f"rep{i:02d}", first_name="Rep", last_name=f"{i:02d}", team=team_a)
        for i in range(ATTAINMENT_PAGE_SIZE + 1)
    ]
    last = reps[-1]  # "Rep 50": alone on the second page
    f.SalesPlanFactory(
        owner=last,
        year=quarter.year,
        quarter=quarter.quarter,
        target_amount=D("1000"),
        status="approved",
        approved_by=bob,
        approved_at=quarter.start_at(),
    )

    client.force_login(executive)
    first = page(client, reverse("sales_plans:attainment"))
    second = page(client, reverse("sales_plans:attainment"), data={"page": "2"})

    assert first.count('<th scope="row">') == ATTAINMENT_PAGE_SIZE and "Page 1 of 2" in first
    assert second.count('<th scope="row">') == 1 and "Rep 50" in second
    assert "<dt>Target</dt><dd>1,000\xa0CNY</dd>" in first  # every rep's, on each page
    # The company's figures are a summary: an order booked since shows after a refresh.
    f.OrderFactory(
        account=f.AccountFactory(owner=last),
        ordered_on=quarter.start,
        amount=D("400"),
        promised_on=quarter.end,
    )
    assert "<dt>Orders</dt><dd>0\xa0CNY</dd>" in page(client, reverse("sales_plans:attainment"))
    refreshed = page(client, reverse("sales_plans:attainment"), data={"refresh": "1"})
    assert "<dt>Orders</dt><dd>400\xa0CNY</dd>" in refreshed and "As of" in refreshed
    # Each page is its own summary, a page past the last is the last one.
    last_page = page(client, reverse("sales_plans:attainment"), data={"page": "9", "refresh": "1"})
    assert last_page.count('<th scope="row">') == 1 and "Page 2 of 2" in last_page
    assert '<td class="num" data-label="Orders">400\xa0CNY</td>' in last_page
    assert "40.0%" in last_page  # Rep 50: 400 of 1,000


# -- orders ---------------------------------------------------------------------------------


def test_order_list_filters_overdue_searches_sorts_and_paginates(client, alice, alice_account):
    today = company_today()
    late = f.OrderFactory(
        account=alice_account,
        number="SO-LATE",
        ordered_on=today - dt.timedelta(days=40),
        promised_on=today - dt.timedelta(days=3),
    )
    f.OrderFactory(
        account=alice_account,
        number="SO-DONE",
        ordered_on=today - dt.timedelta(days=40),
        promised_on=today - dt.timedelta(days=5),
        status="delivered",
        delivered_on=today - dt.timedelta(days=6),
    )
    for i in range(26):
        f.OrderFactory(
            account=f.AccountFactory(owner=alice, name=f"Bulk {i:02d}"),
            number=f"SO-B{i:02d}",
            amount=D(1000 + i),
        )
    client.force_login(alice)
    url = reverse("sales_plans:order-list")

    html = page(client, url)
    assert "28 orders" in html and "Page 1 of 2" in html
    assert "SO-LATE" not in html  # newest first: it is on page 2
    html = page(client, url, data={"sort": "promised"})
    assert html.count('<tr class="overdue">') == 1
    assert (
        f'<tr class="overdue">\n      <th scope="row"><a href="{late.get_absolute_url()}">'
        "SO-LATE</a> <mark" in html
    )

    # The overdue notification's link, and the checkbox the page itself submits.
    for flag in ("1", "true"):
        html = page(client, url, data={"overdue": flag})
        assert "1 order" in html and "SO-LATE" in html and "SO-DONE" not in html
        assert 'name="overdue" value="true" id="id_overdue" checked' in html

    html = page(client, url, data={"q": "bulk 07"})
    assert "1 order" in html and "SO-B07" in html
    html = page(client, url, data={"sort": "amount", "status": "open"})
    rows = html.split('<th scope="row">')[1:]
    assert "SO-B00" in rows[0] and "SO-B01" in rows[1] and len(rows) == 25
    assert "27 orders" in html  # the delivered one is not open
    html = page(client, url, data={"account": late.account_id})
    assert "2 orders" in html and f"<p>{ACCOUNT_NAME}</p>" in html
    response = client.get(url, {"ordered_after": "not-a-date"})
    assert response.status_code == 400 and "Please correct the search." in response.content.decode()
    definition = exports.get("sales_plans.order_list")
    export_link = f"{reverse('export', args=['sales_plans.order_list', 'xlsx'])}?overdue=true"
    assert (export_link in page(client, url, data={"overdue": "true"})) == (definition is not None)


def test_order_transition_through_the_page(client, alice, sales):
    order = sales["order"]
    client.force_login(alice)
    url = reverse("sales_plans:order-transition", args=[order.pk])
    html = page(client, order.get_absolute_url())
    options = html.split('name="status"')[1].split("</select>")[0]
    assert [o.split('"')[1] for o in options.split("<option value=")[1:]] == [
        "in_production",
        "shipped",
        "partially_delivered",
        "delivered",
        "cancelled",
    ]

    response = client.post(url, {"status": "shipped", "delivered_on": ""})
    assert response["Location"] == order.get_absolute_url()
    order.refresh_from_db()
    assert order.status == "shipped"

    response = client.post(url, {"status": "delivered", "delivered_on": ""})
    assert response.status_code == 200
    assert response.context["transition_form"].errors == {
        "delivered_on": ["A delivered order needs its delivery date."]
    }
    order.refresh_from_db()
    assert (order.status, order.delivered_on) == ("shipped", None)

    delivered_on = company_today().isoformat()
    client.post(url, {"status": "delivered", "delivered_on": delivered_on})
    order.refresh_from_db()
    assert (order.status, order.delivered_on.isoformat()) == ("delivered", delivered_on)

    response = client.post(url, {"status": "open"})
    assert response.status_code == 409
    assert "An order that is Delivered cannot become Open." in response.content.decode()
    order.refresh_from_db()
    assert order.status == "delivered"
    history = page(client, order.get_absolute_url()).split('id="history-heading"')[1]
    assert history.count('<th scope="row">') == 3


def test_order_create_and_form_errors_keep_what_was_typed(client, alice, sales):
    account = sales["order"].account
    client.force_login(alice)
    url = reverse("sales_plans:order-create")
    html = page(client, url, data={"opportunity": sales["opportunity"].pk})
    assert f'<option value="{sales["opportunity"].pk}" selected>' in html
    data = {
        "account": account.pk,
        "number": "SO-NEW-9",
        "ordered_on": days(-10),
        "amount": "42000",
        "promised_on": days(-20),
        "opportunity": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "promised_on": ["Delivery cannot be promised before the order."]
    }
    html = response.content.decode()
    assert 'value="SO-NEW-9"' in html and 'value="42000"' in html and f'value="{days(-20)}"' in html

    response = client.post(url, {**data, "number": "SO-ALICE-1", "promised_on": days(20)})
    assert response.context["form"].errors == {
        "number": ["An order with this number exists already."]
    }
    response = client.post(url, {**data, "promised_on": days(20)})
    order = Order.objects.get(number="SO-NEW-9")
    assert response["Location"] == order.get_absolute_url()
    assert (order.owner, order.status, order.amount) == (alice, "open", D("42000"))


def test_order_form_reloads_the_deals_of_the_chosen_account(client, alice, charlie, sales):
    account, opportunity = sales["order"].account, sales["opportunity"]
    charlie_deal = f.OpportunityFactory(account=f.AccountFactory(owner=charlie), name="Secret")
    url = reverse("sales_plans:order-opportunities")
    client.force_login(alice)

    html = page(client, reverse("sales_plans:order-create"))
    assert f'hx-get="{url}"' in html and 'hx-target="#order-opportunity"' in html
    partial = page(client, url, data={"account": account.pk}, HTTP_HX_REQUEST="true")
    assert partial.startswith('<div id="order-opportunity">') and "<html" not in partial
    assert f'<option value="{opportunity.pk}">Turbine housings 2027</option>' in partial
    for raw in (charlie_deal.account_id, "99999999999999999999999", "x"):
        partial = page(client, url, data={"account": raw})
        # Charlie's account, an id that cannot exist, no id: only the empty choice.
        assert partial.count("<option") == 1 and "Secret" not in partial, raw
    assert client.post(url).status_code == 405


# -- home panels and the account page's tabs -------------------------------------------------


def test_rep_home_shows_attainment_overdue_orders_and_deals_closing(client, alice, charlie, sales):
    today = company_today()
    account = sales["order"].account
    f.OrderFactory(
        account=account,
        number="SO-LATE-7",
        ordered_on=this_quarter().start,
        promised_on=today - dt.timedelta(days=2),
    )
    f.OrderFactory(
        account=f.AccountFactory(owner=charlie),
        number="SO-CHARLIE",
        ordered_on=today - dt.timedelta(days=30),
        promised_on=today - dt.timedelta(days=2),
    )
    f.OpportunityFactory(account=account, name="Closing soon", expected_close_on=today)
    f.OpportunityFactory(
        account=account, name="Next year", expected_close_on=today.replace(year=today.year + 1)
    )

    client.force_login(alice)
    html = page(client, reverse("home"))

    mine = html.split('id="my-attainment-heading"')[1].split("</section>")[0]
    assert "<dt>Target</dt><dd>200,000\xa0CNY</dd>" in mine
    # The fixture's order and the late one, both placed this quarter.
    assert "<dt>Orders so far</dt><dd>30,000\xa0CNY</dd>" in mine
    assert '<div class="behind"><dt>Attainment</dt><dd>15.0%</dd>' in mine
    assert sales["plan"].get_absolute_url() in mine
    overdue = html.split('id="overdue-orders-heading"')[1].split("</section>")[0]
    assert 'class="overdue"' in overdue and "SO-LATE-7" in overdue
    assert "SO-ALICE-1" not in overdue and "SO-CHARLIE" not in html
    closing = html.split('id="closing-heading"')[1].split("</section>")[0]
    assert "Closing soon" in closing and "Next year" not in closing
    assert "Plans waiting for my approval" not in html


def test_manager_home_lists_plans_waiting_for_approval(client, alice, bob, charlie):
    waiting = f.SalesPlanFactory(owner=alice, status="submitted", target_amount=D("321000"))
    f.SalesPlanFactory(owner=charlie, status="submitted", target_amount=D("654000"))
    client.force_login(bob)
    html = page(client, reverse("home"))
    panel = html.split('id="plans-waiting-heading"')[1].split("</section>")[0]
    assert waiting.get_absolute_url() in panel and "321,000" in panel
    assert "654,000" not in html
    assert 'id="overdue-orders-heading"' not in html


def test_account_page_tabs_list_the_accounts_deals_and_orders(client, alice, sales):
    account = sales["order"].account
    f.OrderFactory(
        account=account,
        number="SO-ALICE-2",
        ordered_on=company_today() - dt.timedelta(days=9),
        promised_on=company_today() - dt.timedelta(days=1),
    )
    client.force_login(alice)
    url = account.get_absolute_url()

    html = page(client, url)
    tabs = html[html.index('<nav class="tabs"') : html.index("</nav>", html.index('class="tabs"'))]
    assert 'Opportunities <span class="tab-count">1</span>' in tabs
    assert 'Orders <span class="tab-count">2</span>' in tabs

    html = page(client, url, data={"tab": "orders"})
    panel = html.split('id="orders-heading"')[1]
    # Newest first: the fixture's order was placed at the start of the quarter.
    assert (panel.index("SO-ALICE-2") < panel.index("SO-ALICE-1")) == (
        company_today() - dt.timedelta(days=9) > sales["order"].ordered_on
    )
    assert '<tr class="overdue">' in panel and "SO-ALICE-2" in panel
    assert f"{reverse('sales_plans:order-list')}?account={account.pk}" in panel
    assert f"{reverse('sales_plans:order-create')}?account={account.pk}" in panel

    html = page(client, url, data={"tab": "opportunities"})
    assert "Turbine housings 2027" in html
    assert f"{reverse('sales_plans:opportunity-list')}?account={account.pk}" in html


# -- query counts ---------------------------------------------------------------------------


def _fill(alice, rows, tag=""):
    """``rows`` of everything on ``rows`` accounts of Alice's, this quarter."""
    quarter = this_quarter()
    today = company_today()
    plan = f.SalesPlanFactory(
        owner=alice,
        year=quarter.year,
        quarter=quarter.quarter,
        target_amount=D("100000000"),
        status="submitted",
    )
    for i in range(rows):
        account = f.AccountFactory(owner=alice, name=f"{tag}Bulk {i:02d}")
        f.PlanTargetFactory(plan=plan, account=account, target_amount=D("1000"))
        opportunity = f.OpportunityFactory(
            account=account,
            name=f"{tag}Deal {i:02d}",
            stage=["lead", "qualified", "proposal"][i % 3],
            opened_on=max(quarter.start, today - dt.timedelta(days=5)),
            expected_close_on=today,
        )
        f.OrderFactory(
            account=account,
            number=f"SO-{tag}{i:03d}",
            opportunity=opportunity,
            ordered_on=max(quarter.start, today - dt.timedelta(days=30)),
            promised_on=today - dt.timedelta(days=1),
        )
        f.SalesPlanFactory(owner=alice, year=2010 + i, quarter=1, target_amount=D(i))
    return plan


#: Pages and their queries, the same with one row or many: session, user, the page's own
#: reads, the unread count, and the savepoint pair of ATOMIC_REQUESTS.
PAGE_QUERIES = {
    # count, page of plans with owners, how many owners the filter would offer
    "plan-list": ("sales_plans:plan-list", 8),
    # count, page of deals with accounts and owners, the owner filter's size
    "opportunity-list": ("sales_plans:opportunity-list", 8),
    # count, page of orders with accounts and owners, the owner filter's size
    "order-list": ("sales_plans:order-list", 8),
    # column totals, each of the four columns' first cards
    "board": ("sales_plans:board", 10),
    # in play (open, closed), cohort conversion, wins and cycle
    "funnel": ("sales_plans:funnel", 9),
    # the targets' and the order months' totals, how many reps, the page of reps with
    # their targets and order months
    "attainment": ("sales_plans:attainment", 9),
}


@pytest.mark.parametrize("name", list(PAGE_QUERIES))
@pytest.mark.parametrize("rows", [1, 12])
def test_list_page_query_count(client, alice, rows, name, django_assert_num_queries):
    _fill(alice, rows)
    client.force_login(alice)
    url_name, queries = PAGE_QUERIES[name]
    with django_assert_num_queries(queries):
        html = page(client, reverse(url_name))
    expected = {
        "plan-list": ('<th scope="row">', rows + 1),
        "opportunity-list": ('<th scope="row">', rows),
        "order-list": ('<tr class="overdue">', rows),
        "board": ('class="board-card"', rows),
        "funnel": ('<th scope="row">', 6 + 5),
        "attainment": ('<th scope="row">', 1),
    }[name]
    assert html.count(expected[0]) == expected[1]


#: A manager's lists also offer the teams and the owners; the report pages the teams, the
#: reps and how many reps there are (past a hundred, those of the chosen team only).
MANAGER_EXTRA = {
    "plan-list": 2,
    "opportunity-list": 2,
    "order-list": 2,
    "board": 3,
    "funnel": 3,
    "attainment": 3,
}


@pytest.mark.parametrize("name", list(PAGE_QUERIES))
@pytest.mark.parametrize("rows", [1, 12])
def test_manager_list_page_query_count(
    client, alice, bob, team_a, rows, name, django_assert_num_queries
):
    _fill(alice, rows)
    for i in range(rows):
        _fill(f.UserFactory(username=f"rep{i}", role=Role.REP, team=team_a), 1, tag=f"R{i} ")
    client.force_login(bob)
    url_name, queries = PAGE_QUERIES[name]
    with django_assert_num_queries(queries + MANAGER_EXTRA[name]):
        html = page(client, reverse(url_name))
    # Alice's rows and each other rep's: the same queries for 2 rows as for 24.
    deals = 2 * rows
    if name == "board":
        assert html.count('class="board-card"') == deals
    elif name == "attainment":
        # The plans are submitted, not approved: no target counts yet.
        assert "<dt>Target</dt><dd>0\xa0CNY</dd>" in html
        assert html.count("no approved plan") == rows + 1
    else:
        expected = {
            "plan-list": f"{3 * rows + 1} plans",
            "opportunity-list": f"{deals} opportunities",
            "order-list": f"{deals} orders",
            "funnel": f"<dt>Open deals</dt><dd>{deals}</dd>",
        }[name]
        assert expected in html


#: session, user, the record, may-change, its own reads, unread count (+ savepoint pair)
DETAIL_QUERIES = {
    # attainment: orders per account, the lines with their accounts; history
    "plan-detail": 10,
    # stage changes with who, the deal's orders
    "opportunity-detail": 9,
    # history with who
    "order-detail": 8,
}


@pytest.mark.parametrize("name", list(DETAIL_QUERIES))
@pytest.mark.parametrize("rows", [1, 12])
def test_detail_page_query_count(client, alice, rows, name, django_assert_num_queries):
    plan = _fill(alice, rows)
    opportunity = Opportunity.objects.get(name="Deal 00")
    for stage in ["qualified", "proposal", "negotiation", "qualified"][: 1 if rows == 1 else 4]:
        StageChange.objects.create(
            opportunity=opportunity,
            from_stage="lead",
            to_stage=stage,
            changed_at=company_today().isoformat() + "T00:00Z",
            changed_by=alice,
        )
    for i in range(rows):
        f.OrderFactory(account=opportunity.account, opportunity=opportunity, number=f"SO-X{i}")
    url = {
        "plan-detail": plan.get_absolute_url(),
        "opportunity-detail": opportunity.get_absolute_url(),
        "order-detail": Order.objects.get(number="SO-000").get_absolute_url(),
    }[name]
    client.force_login(alice)
    with django_assert_num_queries(DETAIL_QUERIES[name]):
        html = page(client, url)
    if name == "plan-detail":
        lines = html.split('id="lines-heading"')[1].split("</table>")[0]
        assert lines.count('<th scope="row">') == rows + 1
    elif name == "opportunity-detail":
        assert html.count("<time") == (2 if rows == 1 else 5)


@pytest.mark.parametrize("rows", [1, 12])
def test_rep_home_panels_query_count(client, alice, rows, django_assert_num_queries):
    _fill(alice, rows)
    client.force_login(alice)
    # session, user; this quarter's plan, its orders per account and lines; overdue
    # orders; deals closing; duty 1's follow-ups and unvisited; duty 3's market report;
    # duty 4's open tickets; duty 6's contracts up for renewal; duty 7's upcoming sessions
    # and those missing feedback; duty 5's scorecard (none yet); unread (+ savepoint pair)
    with django_assert_num_queries(18):
        html = page(client, reverse("home"))
    overdue = html.split('id="overdue-orders-heading"')[1].split("</section>")[0]
    assert overdue.count('<li class="overdue">') == min(rows, 10)
    closing = html.split('id="closing-heading"')[1].split("</section>")[0]
    assert closing.count("<li>") == min(rows, 10)


@pytest.mark.parametrize("rows", [1, 12])
def test_manager_home_panels_query_count(
    client, alice, bob, team_a, rows, django_assert_num_queries
):
    for i in range(rows):
        rep = f.UserFactory(username=f"rep{i}", role=Role.REP, team=team_a)
        f.SalesPlanFactory(owner=rep, status="submitted")
    client.force_login(bob)
    # session, user, plans waiting, team week, follow-ups, unvisited, duty 3's missing
    # reports, duty 4's breached tickets, duty 6's renewals, duty 7's sessions and those
    # missing feedback, duty 5's team scorecards (the reps' and the others', none yet),
    # unread (+ savepoint pair)
    with django_assert_num_queries(16):
        html = page(client, reverse("home"))
    panel = html.split('id="plans-waiting-heading"')[1].split("</section>")[0]
    assert panel.count("<li>") == min(rows, 10)


@pytest.mark.parametrize("tab", ["opportunities", "orders"])
@pytest.mark.parametrize("rows", [1, 12])
def test_account_tab_query_count(
    client, alice, alice_account, rows, tab, django_assert_num_queries
):
    for i in range(rows):
        f.OpportunityFactory(account=alice_account, name=f"Deal {i:02d}")
        f.OrderFactory(account=alice_account, number=f"SO-{i:03d}")
    client.force_login(alice)
    # session, user, the account with its tab counts, may-change, the tab's rows, unread
    # (+ savepoint pair)
    with django_assert_num_queries(8):
        html = page(client, alice_account.get_absolute_url(), data={"tab": tab})
    assert html.split(f'id="{tab}-heading"')[1].count('<th scope="row">') == rows


# -- in a real browser: a phone, the Content-Security-Policy, the board's htmx move -----------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sales_pages_fit_a_phone_and_the_board_moves_a_card(live_server, chromium, alice, bob):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    alice.first_name, alice.last_name = "芳", "王"
    alice.save()
    quarter = this_quarter()
    today = company_today()
    account = f.AccountFactory(owner=alice, name="杭州精密铸造机械制造股份有限公司华东分公司")
    plan = f.SalesPlanFactory(
        owner=alice,
        year=quarter.year,
        quarter=quarter.quarter,
        strategy="扩大战略客户份额并挽回流失客户" * 5,
    )
    f.PlanTargetFactory(plan=plan, account=account, target_amount=D("18524000"))
    opportunity = f.OpportunityFactory(
        account=account, name="涡轮机壳体年度框架协议续签项目", amount=D("18524000")
    )
    order = f.OrderFactory(
        account=account,
        number="SO-2026-000123456",
        amount=D("18524000"),
        ordered_on=max(quarter.start, today - dt.timedelta(days=20)),
        promised_on=today - dt.timedelta(days=1),
        opportunity=opportunity,
    )
    pages = [
        reverse("home"),
        reverse("sales_plans:plan-list"),
        reverse("sales_plans:plan-create"),
        plan.get_absolute_url(),
        reverse("sales_plans:plan-edit", args=[plan.pk]),
        reverse("sales_plans:opportunity-list"),
        reverse("sales_plans:opportunity-create"),
        opportunity.get_absolute_url(),
        reverse("sales_plans:opportunity-edit", args=[opportunity.pk]),
        reverse("sales_plans:board"),
        reverse("sales_plans:funnel"),
        reverse("sales_plans:attainment"),
        reverse("sales_plans:order-list"),
        reverse("sales_plans:order-create"),
        order.get_absolute_url(),
        reverse("sales_plans:order-edit", args=[order.pk]),
        f"{account.get_absolute_url()}?tab=opportunities",
        f"{account.get_absolute_url()}?tab=orders",
    ]
    phone = new_context(chromium, viewport=PHONE, is_mobile=True, has_touch=True)
    page = phone.new_page()
    log_in(page, live_server.url, "alice")
    for path in pages:
        page.goto(f"{live_server.url}{path}")
        name = path.strip("/").replace("/", "-").replace("?tab=", "-")
        page.screenshot(path=str(ARTIFACTS / f"sales-{name}-phone.png"), full_page=True)
        assert page.evaluate(STICKING_OUT, PHONE["width"]) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        assert_no_csp_violations(page)

    # The board: choosing a stage and tapping "Move" swaps the board in place (htmx).
    page.goto(f"{live_server.url}{reverse('sales_plans:board')}")
    card = page.locator(f"#card-{opportunity.pk}")
    card.get_by_label(re.compile("Move")).select_option("negotiation")
    card.get_by_role("button", name="Move").click()
    expect(page.locator("#column-negotiation + .column-totals .column-count")).to_have_text("1")
    expect(page.locator(".board-column.stage-column-negotiation")).to_contain_text(opportunity.name)
    assert page.url == f"{live_server.url}{reverse('sales_plans:board')}"
    assert_no_csp_violations(page)
    assert list(
        StageChange.objects.filter(opportunity=opportunity).values_list("from_stage", "to_stage")
    ) == [("", "lead"), ("lead", "negotiation")]
    phone.close()
