"""The duty-1 pages: who sees what, forms that keep what was typed, constant query counts."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Account, Contact, PlanAction, RelationshipPlan, Visit
from tests import factories as f

pytestmark = pytest.mark.django_db

ACCOUNT_NAME = "Hangzhou Precision Castings"


def page(client, url, status=200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


def record_urls(records):
    """GET pages of one of Alice's records: name -> (url, needs the change permission)."""
    account, plan = records["account"], records["plan"]
    return {
        "account-detail": (reverse("accounts:account-detail", args=[account.pk]), False),
        "account-visits": (reverse("accounts:account-visits", args=[account.pk]), False),
        "account-edit": (reverse("accounts:account-edit", args=[account.pk]), True),
        "account-churn": (reverse("accounts:account-churn", args=[account.pk]), True),
        "account-delete": (reverse("accounts:account-delete", args=[account.pk]), True),
        "contact-edit": (reverse("accounts:contact-edit", args=[records["contact"].pk]), True),
        "visit-edit": (reverse("accounts:visit-edit", args=[records["visit"].pk]), True),
        "survey-edit": (reverse("accounts:survey-edit", args=[records["survey"].pk]), True),
        "plan-edit": (reverse("accounts:plan-edit", args=[plan.pk]), True),
        "action-create": (reverse("accounts:action-create", args=[plan.pk]), True),
        "action-edit": (reverse("accounts:action-edit", args=[records["action"].pk]), True),
    }


def post_urls(records):
    account = records["account"]
    return {
        "account-churn": reverse("accounts:account-churn", args=[account.pk]),
        "account-reactivate": reverse("accounts:account-reactivate", args=[account.pk]),
        "account-delete": reverse("accounts:account-delete", args=[account.pk]),
        "action-done": reverse("accounts:action-done", args=[records["action"].pk]),
        "visit-edit": reverse("accounts:visit-edit", args=[records["visit"].pk]),
        "contact-edit": reverse("accounts:contact-edit", args=[records["contact"].pk]),
    }


# -- who sees what --------------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login_page(client, alice_records):
    urls = [url for url, _ in record_urls(alice_records).values()] + [
        reverse("accounts:account-list"),
        reverse("accounts:account-create"),
        reverse("accounts:visit-create"),
        reverse("accounts:contact-create"),
        reverse("accounts:survey-create"),
        reverse("accounts:plan-create"),
        reverse("accounts:visit-contacts"),
    ]
    login = reverse("login")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{login}?next={url}", url


@pytest.mark.parametrize("persona", ["charlie", "dept_user"])
def test_outsiders_get_404_on_every_page_of_alices_records(client, request, persona, alice_records):
    client.force_login(request.getfixturevalue(persona))
    for name, (url, _) in record_urls(alice_records).items():
        assert client.get(url).status_code == 404, name
    for name, url in post_urls(alice_records).items():
        assert client.post(url, {"churned_on": "2024-01-01"}).status_code == 404, name
    account = Account.objects.get(pk=alice_records["account"].pk)
    assert (account.status, account.churned_on) == ("active", None)
    assert PlanAction.objects.get(pk=alice_records["action"].pk).done_on is None


@pytest.mark.parametrize("persona", ["alice", "bob"])
def test_owner_and_manager_open_every_page(client, request, persona, alice_records):
    client.force_login(request.getfixturevalue(persona))
    for name, (url, _) in record_urls(alice_records).items():
        assert client.get(url).status_code == 200, name


def test_executive_reads_but_may_not_change(client, executive, alice_records):
    client.force_login(executive)
    for name, (url, needs_change) in record_urls(alice_records).items():
        assert client.get(url).status_code == (403 if needs_change else 200), name
    for name, url in post_urls(alice_records).items():
        assert client.post(url, {"churned_on": "2024-01-01"}).status_code == 403, name
    html = page(client, alice_records["account"].get_absolute_url())
    assert ACCOUNT_NAME in html
    assert "Wang Lei" in html
    assert reverse("accounts:account-edit", args=[alice_records["account"].pk]) not in html
    assert reverse("accounts:visit-edit", args=[alice_records["visit"].pk]) not in html


def test_account_page_is_organised_in_sections(client, alice, alice_records):
    account = alice_records["account"]
    f.SurveyResponseFactory(account=account, score=2)
    overdue = f.PlanActionFactory(
        plan=alice_records["plan"],
        title="Plant tour",
        due_on=timezone.localdate() - dt.timedelta(days=2),
    )
    client.force_login(alice)
    url = account.get_absolute_url()

    html = page(client, url)

    assert f"<h1>{ACCOUNT_NAME}</h1>" in html
    # The tab bar: one tap to each section, with the counts of its records.
    tabs = html[html.index('<nav class="tabs"') : html.index("</nav>", html.index('class="tabs"'))]
    assert [part.split('"')[0] for part in tabs.split('href="?tab=')[1:]] == [
        "overview",
        "stakeholders",
        "visits",
        "satisfaction",
        "plan",
        "opportunities",
        "competitors",
        "orders",
        "contracts",
        "tickets",
        "training",
    ]
    assert 'aria-current="page">Overview' in tabs
    assert 'Stakeholders <span class="tab-count">2</span>' in tabs
    assert 'Visits <span class="tab-count">1</span>' in tabs
    assert 'Satisfaction <span class="tab-count">2</span>' in tabs
    # The overview: facts, the key people, the latest visit.
    assert "<dt>CSAT</dt><dd>50.0%</dd>" in html
    assert "2 open, 1 overdue" in html
    assert "Wang Lei" in html and "Decision maker" in html
    assert "Quarterly business review" in html

    html = page(client, url, data={"tab": "stakeholders"})
    # The map: Li Na reports to Wang Lei, so she is one level down.
    boss_at = html.index("<strong>Wang Lei</strong>")
    report_at = html.index("<strong>Li Na</strong>")
    assert boss_at < report_at
    assert 'aria-level="1" class="stakeholder depth-0' in html[boss_at - 300 : boss_at]
    assert 'aria-level="2" class="stakeholder depth-1' in html[report_at - 300 : report_at]
    assert "Influence 3/5" in html

    html = page(client, url, data={"tab": "visits"})
    assert "Met: Wang Lei, Li Na" in html or "Met: Li Na, Wang Lei" in html

    html = page(client, url, data={"tab": "satisfaction"})
    assert "CSAT: 1 of 2 responses scored 4 or 5." in html

    html = page(client, url, data={"tab": "plan"})
    assert "Deepen the relationship with the plant director." in html
    assert overdue.title in html
    assert reverse("accounts:action-done", args=[overdue.pk]) in html
    # An unknown tab is the overview, not an error.
    assert 'aria-current="page">Overview' in page(client, url, data={"tab": "nope"})


def test_a_tab_swaps_in_alone_with_htmx(client, alice, alice_records):
    client.force_login(alice)

    html = page(
        client,
        alice_records["account"].get_absolute_url(),
        data={"tab": "visits"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="account-sections",
    )

    assert "<h1>" not in html and "<html" not in html
    assert 'aria-current="page">Visits' in html
    assert "Quarterly business review" in html


def test_account_list_shows_only_visible_accounts(
    client, alice, bob, charlie, executive, dept_user, alice_account
):
    charlie_account = f.AccountFactory(owner=charlie, name="Chengdu Valve Works")
    url = reverse("accounts:account-list")
    expectations = {
        alice: (True, False),
        bob: (True, False),
        charlie: (False, True),
        executive: (True, True),
        dept_user: (False, False),
    }
    for user, (sees_alice, sees_charlie) in expectations.items():
        client.force_login(user)
        html = page(client, url)
        assert (ACCOUNT_NAME in html, charlie_account.name in html) == (sees_alice, sees_charlie), (
            user.username
        )
        # Search never finds what one may not see either.
        html = page(client, url, data={"q": "Hangzhou"})
        assert (ACCOUNT_NAME in html) == sees_alice, user.username


def test_account_list_owner_filter_offers_only_visible_owners(
    client, alice, charlie, alice_account
):
    f.AccountFactory(owner=charlie, name="Chengdu Valve Works")
    client.force_login(charlie)
    html = page(client, reverse("accounts:account-list"))
    owners = html[html.index('name="owner"') : html.index("</select>", html.index('name="owner"'))]
    assert f'<option value="{alice.pk}"' not in owners
    assert f'<option value="{charlie.pk}"' in owners
    teams = html[html.index('name="team"') : html.index("</select>", html.index('name="team"'))]
    assert ">West<" in teams and ">East<" not in teams
    # Filtering by Alice's id is refused (400, as for any bad filter) and shows nothing of hers.
    html = page(client, reverse("accounts:account-list"), status=400, data={"owner": alice.pk})
    assert ACCOUNT_NAME not in html
    assert "Select a valid choice." in html


def test_account_list_filters_sorts_and_paginates(client, alice):
    for i in range(27):
        f.AccountFactory(
            owner=alice,
            name=f"Acct {i:02d}",
            tier="growth",
            annual_potential=1000 + i,
            region="North" if i % 2 else "South",
        )
    f.AccountFactory(owner=alice, name="Zeta Strategic", tier="strategic", region="West")
    client.force_login(alice)
    url = reverse("accounts:account-list")

    html = page(client, url, data={"tier": "strategic"})
    assert "Zeta Strategic" in html and "Acct 00" not in html
    assert "1 account<" in html

    html = page(client, url, data={"region": "west"})
    assert "Zeta Strategic" in html and "Acct 01" not in html

    response = client.get(url, {"sort": "-potential"})
    names = [a.name for a in response.context["accounts"]]
    assert names[:3] == ["Zeta Strategic", "Acct 26", "Acct 25"]  # 1,000,000 from the factory
    assert len(names) == 25

    response = client.get(url, {"sort": "-potential", "page": 2})
    assert [a.name for a in response.context["accounts"]] == ["Acct 02", "Acct 01", "Acct 00"]
    html = response.content.decode()
    assert "Page 2 of 2" in html
    assert "?sort=-potential&amp;page=1" in html

    # An unknown sort falls back to the name.
    response = client.get(url, {"sort": "password"})
    assert response.context["sort"] == "name"
    assert response.context["accounts"][0].name == "Acct 00"


# -- form choices never leak ----------------------------------------------------------------


def test_visit_form_offers_only_ones_own_accounts_and_contacts(client, charlie, alice_records):
    own = f.AccountFactory(owner=charlie, name="Chengdu Valve Works")
    f.ContactFactory(account=own, name="Zhao Min")
    account = alice_records["account"]
    client.force_login(charlie)
    html = page(client, reverse("accounts:visit-create"), data={"account": account.pk})
    assert ACCOUNT_NAME not in html
    assert "Wang Lei" not in html and "Li Na" not in html
    assert "Chengdu Valve Works" in html
    assert f'value="{account.pk}"' not in html

    html = page(client, reverse("accounts:visit-contacts"), data={"account": account.pk})
    assert "Wang Lei" not in html and "Li Na" not in html
    html = page(client, reverse("accounts:visit-contacts"), data={"account": own.pk})
    assert "Zhao Min" in html

    for name in ("contact-create", "survey-create", "plan-create"):
        html = page(client, reverse(f"accounts:{name}"), data={"account": account.pk})
        assert ACCOUNT_NAME not in html, name
        assert "Wang Lei" not in html, name


def test_posting_someone_elses_account_or_contacts_is_refused(client, charlie, alice_records):
    own = f.AccountFactory(owner=charlie, name="Chengdu Valve Works")
    client.force_login(charlie)
    url = reverse("accounts:visit-create")
    data = {
        "account": alice_records["account"].pk,
        "visited_at": "2025-03-04T10:00",
        "kind": "on_site",
        "purpose": "Snooping",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["account"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]

    data["account"] = own.pk
    data["contacts"] = [alice_records["contact"].pk]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "contacts" in response.context["form"].errors
    assert Visit.objects.filter(purpose="Snooping").count() == 0


def test_visit_create_preselects_the_account_and_lists_its_contacts(client, alice, alice_records):
    account = alice_records["account"]
    client.force_login(alice)
    html = page(client, reverse("accounts:visit-create"), data={"account": account.pk})
    assert f'<option value="{account.pk}" selected>{ACCOUNT_NAME}</option>' in html
    assert "Wang Lei" in html and "Li Na" in html
    assert f'hx-get="{reverse("accounts:visit-contacts")}"' in html

    html = page(
        client,
        reverse("accounts:visit-contacts"),
        data={"account": account.pk},
        HTTP_HX_REQUEST="true",
    )
    assert html.startswith('<fieldset id="visit-contacts"')
    assert f'value="{alice_records["boss"].pk}"' in html
    assert "<html" not in html


# -- writes ---------------------------------------------------------------------------------


def test_logging_a_visit_with_two_contacts(client, alice, alice_records):
    account, boss, contact = (alice_records[k] for k in ("account", "boss", "contact"))
    client.force_login(alice)
    response = client.post(
        reverse("accounts:visit-create"),
        {
            "account": account.pk,
            "visited_at": "2025-03-04T10:30",
            "kind": "phone",
            "purpose": "Batch quality call",
            "summary": "Discussed returns.",
            "follow_up_on": "2025-03-11",
            "contacts": [boss.pk, contact.pk],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{account.get_absolute_url()}?tab=visits"
    visit = Visit.objects.get(purpose="Batch quality call")
    assert (visit.rep, visit.kind, visit.follow_up_on) == (alice, "phone", dt.date(2025, 3, 11))
    assert sorted(c.pk for c in visit.contacts.all()) == sorted([boss.pk, contact.pk])
    html = page(client, response["Location"])
    assert "Visit “Hangzhou Precision Castings · Batch quality call” logged." in html
    assert "Batch quality call" in html


def test_form_errors_keep_what_was_typed(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("accounts:account-create"),
        {
            "name": "Suzhou Bright Textiles",
            "industry": "Textiles",
            "tier": "key",
            "status": "active",
            "region": "Jiangsu",
            "annual_potential": "250000",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "An active account needs the date it became a customer." in html
    assert 'value="Suzhou Bright Textiles"' in html
    assert 'value="Jiangsu"' in html
    assert 'aria-invalid="true"' in html
    assert not Account.objects.filter(name="Suzhou Bright Textiles").exists()

    response = client.post(
        reverse("accounts:visit-create"),
        {
            "visited_at": "2025-03-04T10:30",
            "kind": "video",
            "summary": "Typed on the train",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("This field is required.") == 2  # account and purpose
    assert "Typed on the train</textarea>" in html
    assert '<option value="video" selected>' in html


def test_service_validation_errors_land_on_the_form(client, alice, alice_records):
    """A duplicate plan is refused by the model's constraint: the message shows, input stays."""
    plan = alice_records["plan"]
    client.force_login(alice)
    response = client.post(
        reverse("accounts:plan-create"),
        {
            "account": plan.account_id,
            "year": plan.year,
            "objectives": "A second annual plan",
            "status": "draft",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This account already has an annual plan for that year." in html
    assert "A second annual plan</textarea>" in html
    assert RelationshipPlan.objects.count() == 1


def test_contact_cannot_report_to_someone_at_another_account(client, alice, alice_records):
    other = f.ContactFactory(account=f.AccountFactory(owner=alice), name="Elsewhere Person")
    client.force_login(alice)
    url = reverse("accounts:contact-edit", args=[alice_records["contact"].pk])
    html = page(client, url)
    assert "Wang Lei" in html and "Elsewhere Person" not in html
    response = client.post(
        url,
        {
            "name": "Li Na",
            "buying_role": "user",
            "influence": 2,
            "sentiment": "supportive",
            "reports_to": other.pk,
        },
    )
    assert "reports_to" in response.context["form"].errors
    response = client.post(
        url,
        {
            "name": "Li Na Renamed",
            "buying_role": "user",
            "influence": 2,
            "sentiment": "supportive",
            "reports_to": alice_records["boss"].pk,
        },
    )
    assert response.status_code == 302
    assert Contact.objects.get(pk=alice_records["contact"].pk).name == "Li Na Renamed"


def test_churn_and_reactivate(client, alice, alice_account):
    client.force_login(alice)
    url = reverse("accounts:account-churn", args=[alice_account.pk])
    response = client.post(url, {"churned_on": "2099-01-01"})
    assert "The churn date cannot be in the future." in response.content.decode()

    response = client.post(url, {"churned_on": "2025-02-01"})
    assert response.status_code == 302
    alice_account.refresh_from_db()
    assert (alice_account.status, alice_account.churned_on) == ("churned", dt.date(2025, 2, 1))

    response = client.post(url, {"churned_on": "2025-02-02"})
    assert "This account is already churned." in response.content.decode()

    html = page(client, alice_account.get_absolute_url())
    assert reverse("accounts:account-reactivate", args=[alice_account.pk]) in html
    response = client.post(reverse("accounts:account-reactivate", args=[alice_account.pk]))
    assert response.status_code == 302
    alice_account.refresh_from_db()
    assert (alice_account.status, alice_account.churned_on) == ("active", None)


def test_delete_refuses_an_account_with_history(client, alice, alice_records):
    account = alice_records["account"]
    client.force_login(alice)
    url = reverse("accounts:account-delete", args=[account.pk])
    html = page(client, url)
    assert "cannot be deleted" in html
    response = client.post(url)
    assert response.status_code == 409
    html = response.content.decode()
    assert "The account was not deleted." in html
    assert (
        "This account has 2 contacts, 1 visit, 1 survey response, 1 relationship plan "
        "and cannot be deleted; mark it churned instead."
    ) in html
    assert Account.objects.filter(pk=account.pk).exists()


def test_delete_an_account_entered_by_mistake(client, alice):
    account = f.AccountFactory(owner=alice, name="Typo Ltd")
    client.force_login(alice)
    response = client.post(reverse("accounts:account-delete", args=[account.pk]))
    assert response.status_code == 302
    assert not Account.objects.filter(pk=account.pk).exists()
    html = page(client, reverse("accounts:account-list"))
    assert "Account “Typo Ltd” deleted." in html


def test_manager_reassigns_within_the_team_only(client, alice, bob, charlie, alice_account):
    client.force_login(bob)
    url = reverse("accounts:account-edit", args=[alice_account.pk])
    html = page(client, url)
    assert f'<option value="{alice.pk}" selected>' in html
    assert f'<option value="{charlie.pk}"' not in html
    data = {
        "name": ACCOUNT_NAME,
        "tier": "strategic",
        "owner": charlie.pk,
        "status": "active",
        "customer_since": "2023-01-01",
        "annual_potential": "1",
    }
    response = client.post(url, data)
    assert "owner" in response.context["form"].errors
    response = client.post(url, {**data, "owner": bob.pk})
    assert response.status_code == 302
    alice_account.refresh_from_db()
    assert (alice_account.owner, alice_account.tier) == (bob, "strategic")


def test_rep_creates_an_account_of_their_own(client, alice):
    client.force_login(alice)
    html = page(client, reverse("accounts:account-create"))
    assert 'name="owner"' not in html
    assert 'value="churned"' not in html  # churn has its own form
    response = client.post(
        reverse("accounts:account-create"),
        {
            "name": "Ningbo Ports Co",
            "tier": "growth",
            "status": "prospect",
            "annual_potential": "0",
        },
    )
    account = Account.objects.get(name="Ningbo Ports Co")
    assert response["Location"] == account.get_absolute_url()
    assert account.owner == alice


def test_plan_action_create_and_done(client, alice, alice_records):
    plan = alice_records["plan"]
    client.force_login(alice)
    response = client.post(
        reverse("accounts:action-create", args=[plan.pk]),
        {
            "title": "Send the audit report",
            "owner": alice.pk,
            "due_on": "2025-05-01",
        },
    )
    assert response.status_code == 302
    action = PlanAction.objects.get(title="Send the audit report")
    assert (action.plan, action.owner, action.done_on) == (plan, alice, None)
    response = client.post(reverse("accounts:action-done", args=[action.pk]))
    assert response["Location"] == f"{plan.account.get_absolute_url()}?tab=plan"
    action.refresh_from_db()
    assert action.done_on == timezone.localdate()


# -- query counts ---------------------------------------------------------------------------


def _fill_accounts(owner, n):
    for i in range(n):
        account = f.AccountFactory(owner=owner, name=f"Bulk {i:02d}")
        f.VisitFactory(account=account)


@pytest.mark.parametrize("rows", [1, 20])
def test_account_list_query_count(client, alice, rows, django_assert_num_queries):
    _fill_accounts(alice, rows)
    client.force_login(alice)
    # session, user, how many owners, COUNT, page of accounts, unread notifications,
    # team choices, owner choices (+ savepoint pair)
    with django_assert_num_queries(10):
        html = page(client, reverse("accounts:account-list"))
    assert html.count('<th scope="row">') == rows


#: Queries of each section of the account page: session, user, the account with its tab
#: counts, may-change, the section's own reads, unread notifications (+ savepoint pair).
TAB_QUERIES = {
    # csat, latest visits + contacts met, next follow-up, key people, plan, action counts
    "overview": 14,
    "stakeholders": 8,  # the contacts
    "visits": 9,  # visits, contacts met
    "satisfaction": 9,  # csat, surveys
    "plan": 12,  # plan + actions + owners, other plans
}


@pytest.mark.parametrize("tab", list(TAB_QUERIES))
@pytest.mark.parametrize("rows", [1, 20])
def test_account_page_query_count(client, alice, rows, tab, django_assert_num_queries):
    account = f.AccountFactory(owner=alice)
    contacts = [
        f.ContactFactory(account=account, buying_role="decision_maker") for _ in range(rows)
    ]
    plan = f.RelationshipPlanFactory(account=account)
    f.RelationshipPlanFactory(account=account, year=2020)
    for i in range(rows):
        visit = f.VisitFactory(account=account, purpose=f"Visit {i}")
        visit.contacts.set(contacts[:2])
        f.SurveyResponseFactory(account=account, contact=contacts[i])
        f.PlanActionFactory(plan=plan, title=f"Action {i}")
    client.force_login(alice)
    with django_assert_num_queries(TAB_QUERIES[tab]):
        html = page(client, account.get_absolute_url(), data={"tab": tab})
    expected = {
        "overview": ('class="visit"', min(rows, 3)),
        "stakeholders": ('role="treeitem"', rows),
        "visits": ('class="visit"', rows),
        "satisfaction": ("/5</strong>", rows),
        "plan": ('class="action-title"', rows),
    }[tab]
    assert html.count(expected[0]) == expected[1]


HUGE_ID = "99999999999999999999999"


def test_ids_and_dates_that_cannot_exist_are_form_errors_not_500s(client, alice, alice_records):
    account = alice_records["account"]
    client.force_login(alice)

    partial = client.get(reverse("accounts:visit-contacts"), {"account": HUGE_ID})
    assert partial.status_code == 200
    assert 'type="checkbox"' not in partial.content.decode()

    response = client.post(
        reverse("accounts:visit-create"),
        {
            "account": HUGE_ID,
            "visited_at": "0001-01-01T00:00",
            "kind": "on_site",
            "purpose": "Line audit",
            "contacts": [HUGE_ID],
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"account", "visited_at", "contacts"}
    assert response.context["form"].errors["visited_at"] == ["Pick a date between 1901 and 2100."]

    response = client.post(
        reverse("accounts:visit-create"),
        {
            "account": account.pk,
            "visited_at": "2026-01-05T10:00",
            "kind": "on_site",
            "purpose": "Line audit",
            "contacts": [HUGE_ID],
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"contacts"}
    for name in ("contact-create", "survey-create"):
        response = client.post(reverse(f"accounts:{name}"), {"account": HUGE_ID, "name": "X"})
        assert (name, response.status_code, "account" in response.context["form"].errors) == (
            name,
            200,
            True,
        )
    assert Visit.objects.filter(purpose="Line audit").count() == 0


def test_the_timeline_pages_to_older_visits(client, alice, alice_records):
    account = alice_records["account"]
    start = timezone.now() - dt.timedelta(days=400)
    for n in range(60):  # 61 visits with the fixture's: one page of 50 and one of 11
        f.VisitFactory(account=account, visited_at=start + dt.timedelta(days=n), purpose=f"V{n:02}")
    client.force_login(alice)
    visits_url = reverse("accounts:account-visits", args=[account.pk])

    detail = page(client, account.get_absolute_url(), data={"tab": "visits"})
    assert detail.count('class="visit"') == 50
    assert f'hx-get="{visits_url}?page=2"' in detail
    assert "V09" not in detail  # the oldest ten are on page 2

    more = page(client, visits_url, data={"page": 2}, HTTP_HX_REQUEST="true")
    assert more.count('class="visit"') == 11
    assert "<html" not in more  # items to append, not a page
    assert [f"V{n:02}" in more for n in range(10)] == [True] * 10
    assert "?page=3" not in more

    full = page(client, visits_url, data={"page": 2})
    assert "<html" in full and full.count('class="visit"') == 11


@pytest.mark.parametrize("rows", [1, 20])
def test_timeline_page_query_count(client, alice, rows, django_assert_num_queries):
    account = f.AccountFactory(owner=alice)
    for visit in f.VisitFactory.create_batch(rows, account=account):
        visit.contacts.set([f.ContactFactory(account=account)])
    client.force_login(alice)
    url = reverse("accounts:account-visits", args=[account.pk])

    # session, user, savepoint pair, account, may-change, count, visits, contacts met
    with django_assert_num_queries(9):
        page(client, url, HTTP_HX_REQUEST="true")
