"""Admin of duty 3: every page opens for an administrator, starts from ``visible_to`` for
anyone else, saves through the services, and moves a report's or a suggestion's state
only by the actions that call them (publish; an administrator's reopen)."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from kam.dates import Quarter, company_today
from kam.models import Notification
from market_intel import services
from market_intel.models import Competitor, CompetitorActivity, MarketReport, ProductSuggestion
from tests import factories as f

MODELS = [Competitor, CompetitorActivity, MarketReport, ProductSuggestion]


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:market_intel_{model._meta.model_name}_{view}", args=args)


def records_of(owner) -> dict:
    """One of every duty-3 record of ``owner`` (a published report and a draft): data
    there to leak."""
    today = company_today()
    quarter = Quarter.of(today)
    account = f.AccountFactory(owner=owner, name=f"{owner.username} account")
    competitor = services.competitor_create(by=owner, name=f"{owner.username} rival")
    activity = services.activity_create(
        by=owner,
        competitor=competitor,
        account=account,
        observed_on=today,
        kind="pricing",
        details=f"{owner.username} saw a price cut",
    )
    market = services.activity_create(
        by=owner,
        competitor=competitor,
        account=None,
        observed_on=today,
        kind="product",
        details=f"{owner.username} heard of a new range",
    )
    report = services.market_report_create(
        by=owner,
        title=f"{owner.username} report",
        year=quarter.year,
        quarter=quarter.quarter,
        summary="Prices under pressure.",
        body="## Pricing\n\n- cut by 10 %\n",
        competitors=[competitor],
    )
    services.market_report_publish(report=report, by=owner)
    draft = services.market_report_create(
        by=owner,
        title=f"{owner.username} draft",
        year=quarter.year,
        quarter=quarter.quarter,
        summary="Half written.",
        body="## Notes\n",
    )
    suggestion = services.suggestion_create(
        by=owner,
        title=f"{owner.username} idea",
        description="Remote monitoring, please.",
        accounts=[account],
    )
    return {
        "account": account,
        Competitor: competitor,
        CompetitorActivity: activity,
        "market": market,
        MarketReport: report,
        "draft": draft,
        ProductSuggestion: suggestion,
    }


@pytest.fixture
def alice_intel(alice):
    return records_of(alice)


@pytest.fixture
def charlie_intel(charlie):
    return records_of(charlie)


@pytest.fixture
def rnd_member(db):
    return f.UserFactory(username="rosa", role="department", department=f.department("rnd"))


def staff(user, *codenames):
    user.is_staff = True
    user.save()
    permissions = Permission.objects.filter(content_type__app_label="market_intel")
    if codenames:
        permissions = permissions.filter(codename__in=codenames)
    user.user_permissions.set(permissions)
    return user


def listed(client, model) -> list:
    response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return sorted(response.context["cl"].queryset, key=lambda row: row.pk)


def run_action(client, model, action, objects):
    return client.post(
        admin_url(model, "changelist"),
        {"action": action, "_selected_action": [obj.pk for obj in objects]},
        follow=True,
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.mark.django_db
def test_admin_pages_and_histories_open_for_a_superuser(client, superuser, alice_intel):
    client.force_login(superuser)
    records = {model: alice_intel[model] for model in MODELS}
    records_and_draft = [*records.items(), (MarketReport, alice_intel["draft"])]
    pages = [admin_url(model, "changelist") for model in MODELS]
    pages += [admin_url(model, "change", obj.pk) for model, obj in records_and_draft]
    pages += [admin_url(model, "history", obj.pk) for model, obj in records_and_draft]
    pages += [
        admin_url(model, "simple_history", obj.pk, obj.history.earliest("history_id").pk)
        for model, obj in records_and_draft
    ]
    pages += [admin_url(model, "add") for model in MODELS]
    pages += [admin_url(model, "changelist") + "?q=alice" for model in MODELS]
    pages += [admin_url(CompetitorActivity, "changelist") + "?account__isempty=1"]

    assert {page: client.get(page).status_code for page in pages} == dict.fromkeys(pages, 200)
    # The search box matches the search document, as the site's does.
    found = client.get(admin_url(CompetitorActivity, "changelist") + "?q=price+cut")
    assert list(found.context["cl"].queryset) == [alice_intel[CompetitorActivity]]
    market = client.get(admin_url(CompetitorActivity, "changelist") + "?account__isempty=1")
    assert list(market.context["cl"].queryset) == [alice_intel["market"]]


@pytest.mark.django_db
def test_admin_changelists_start_from_visible_to(client, alice, alice_intel, charlie_intel):
    client.force_login(staff(alice))

    assert {model.__name__: listed(client, model) for model in MODELS} == {
        # Competitors are everybody's; what was seen in the market at large too.
        "Competitor": [alice_intel[Competitor], charlie_intel[Competitor]],
        "CompetitorActivity": [
            alice_intel[CompetitorActivity],
            alice_intel["market"],
            charlie_intel["market"],
        ],
        "MarketReport": [alice_intel[MarketReport], alice_intel["draft"]],
        "ProductSuggestion": [alice_intel[ProductSuggestion]],
    }
    for key in [CompetitorActivity, MarketReport, "draft", ProductSuggestion]:
        obj = charlie_intel[key]
        model = type(obj)
        # Admin's "does not exist" redirect, and the histories answer 404.
        assert client.get(admin_url(model, "change", obj.pk)).status_code == 302
        assert client.get(admin_url(model, "history", obj.pk)).status_code == 404
        version = obj.history.earliest("history_id").pk
        assert client.get(admin_url(model, "simple_history", obj.pk, version)).status_code == 404
    # Charlie's market note is read here, not changed: its reporter's.
    page = client.get(admin_url(CompetitorActivity, "change", charlie_intel["market"].pk))
    assert (page.status_code, page.context["has_change_permission"]) == (200, False)


@pytest.mark.django_db
def test_admin_manager_executive_and_rnd_see_what_the_site_shows(
    client, bob, executive, rnd_member, alice_intel, charlie_intel
):
    # Bob: his rep's published report, never her draft; her suggestion.
    client.force_login(staff(bob))
    assert listed(client, MarketReport) == [alice_intel[MarketReport]]
    assert listed(client, ProductSuggestion) == [alice_intel[ProductSuggestion]]
    assert client.get(admin_url(MarketReport, "change", alice_intel["draft"].pk)).status_code == (
        302
    )

    # Eve: every published report, read-only; no draft; adds nothing.
    client.force_login(staff(executive))
    assert listed(client, MarketReport) == [alice_intel[MarketReport], charlie_intel[MarketReport]]
    page = client.get(admin_url(MarketReport, "change", alice_intel[MarketReport].pk))
    assert (page.status_code, page.context["has_change_permission"]) == (200, False)
    assert client.get(admin_url(Competitor, "add")).status_code == 403

    # R&D: every suggestion, to read (deciding is on the site and the API); no activity,
    # no report; the competitors read-only.
    client.force_login(staff(rnd_member))
    assert {model.__name__: len(listed(client, model)) for model in MODELS} == {
        "Competitor": 2,
        "CompetitorActivity": 0,
        "MarketReport": 0,
        "ProductSuggestion": 2,
    }
    page = client.get(admin_url(ProductSuggestion, "change", alice_intel[ProductSuggestion].pk))
    assert (page.status_code, page.context["has_change_permission"]) == (200, False)
    page = client.get(admin_url(Competitor, "change", alice_intel[Competitor].pk))
    assert (page.status_code, page.context["has_change_permission"]) == (200, False)


@pytest.mark.django_db
def test_admin_offers_publish_and_reopen_never_adopt_or_reject(client, superuser):
    client.force_login(superuser)

    def actions(model):
        form = client.get(admin_url(model, "changelist")).context["action_form"]
        return [] if form is None else [name for name, _l in form.fields["action"].choices if name]

    assert {model.__name__: actions(model) for model in MODELS} == {
        "Competitor": [],
        "CompetitorActivity": [],
        "MarketReport": ["publish_selected"],
        "ProductSuggestion": ["reopen_selected"],
    }


@pytest.mark.django_db
def test_admin_publish_action_goes_through_the_service(
    client, alice, bob, superuser, alice_intel, english
):
    report, draft = alice_intel[MarketReport], alice_intel["draft"]
    client.force_login(staff(alice))

    response = run_action(client, MarketReport, "publish_selected", [report, draft])

    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_at is not None
    assert messages_of(response) == [
        f"{report}: This report is published already.",
        "1 report published.",
    ]
    assert [h.status for h in draft.history.order_by("history_id")] == ["draft", "published"]
    # Published: read-only, here as on the site.
    page = client.get(admin_url(MarketReport, "change", draft.pk))
    assert page.context["has_change_permission"] is False
    assert client.post(admin_url(MarketReport, "change", draft.pk), {}).status_code == 403
    assert client.post(admin_url(MarketReport, "delete", draft.pk)).status_code == 403

    # A draft without its body is refused, and said so.
    client.force_login(superuser)
    empty = services.market_report_create(
        by=alice, title="Empty", year=report.year, quarter=report.quarter
    )
    response = run_action(client, MarketReport, "publish_selected", [empty])
    empty.refresh_from_db()
    assert empty.status == "draft"
    assert messages_of(response) == [
        "Empty: A report is published with its title, summary and body.",
        "0 reports published.",
    ]


@pytest.mark.django_db
def test_admin_reopen_is_an_administrators_and_keeps_the_history(
    client, bob, superuser, rnd_member, alice_intel, english
):
    suggestion = alice_intel[ProductSuggestion]
    services.suggestion_decide(
        suggestion=suggestion, by=rnd_member, decision="adopted", note="In the X200 release."
    )
    open_one = services.suggestion_create(
        by=alice_intel["account"].owner, title="Open idea", description="Later."
    )

    client.force_login(staff(bob))
    response = run_action(client, ProductSuggestion, "reopen_selected", [suggestion])
    suggestion.refresh_from_db()
    assert suggestion.status == "adopted"
    assert messages_of(response) == [
        f"{suggestion}: Only an administrator reopens a decided suggestion.",
        "0 suggestions reopened.",
    ]
    # Decided: final, so its change form is read-only even for its author's manager.
    page = client.get(admin_url(ProductSuggestion, "change", suggestion.pk))
    assert page.context["has_change_permission"] is False

    client.force_login(superuser)
    response = run_action(client, ProductSuggestion, "reopen_selected", [suggestion, open_one])

    suggestion.refresh_from_db()
    assert (
        suggestion.status,
        suggestion.decided_by,
        suggestion.decided_on,
        suggestion.decision_note,
    ) == ("under_review", None, None, "")
    assert sorted(messages_of(response)) == [
        "1 suggestion reopened.",
        "Open idea: Only a decided suggestion is reopened.",
    ]
    history = suggestion.history.order_by("history_id")
    assert [(h.status, h.decision_note) for h in history] == [
        ("submitted", ""),
        ("submitted", ""),  # the accounts set
        ("adopted", "In the X200 release."),
        ("under_review", ""),
    ]
    assert client.get(admin_url(ProductSuggestion, "history", suggestion.pk)).status_code == 200
    # Suggestions are not deleted, here as over the API.
    assert client.post(admin_url(ProductSuggestion, "delete", suggestion.pk)).status_code == 403


@pytest.mark.django_db
def test_admin_saves_go_through_the_services(
    client, alice, charlie, rnd_member, alice_intel, charlie_intel
):
    client.force_login(staff(alice))
    quarter = Quarter.of(company_today())
    competitor = alice_intel[Competitor]

    # A competitor: added and renamed through the services, with its history's writer.
    added = client.post(admin_url(Competitor, "add"), {"name": " Kessler GmbH "})
    taken = client.post(admin_url(Competitor, "add"), {"name": competitor.name})
    assert (added.status_code, taken.status_code) == (302, 200)
    assert taken.context["adminform"].form.errors == {
        "name": ["A competitor with this name exists already."]
    }
    kessler = Competitor.objects.get(name="Kessler GmbH")  # cleaned by the model
    assert [(h.history_type, h.history_user) for h in kessler.history.all()] == [("+", alice)]

    # An activity: reported by whoever writes it; only at one's own accounts.
    data = {
        "competitor": kessler.pk,
        "observed_on": str(company_today() - dt.timedelta(days=2)),
        "kind": "win",
        "details": "Won the tender on lead time.",
        "reported_by": charlie.pk,  # read-only: ignored
    }
    mine = client.post(
        admin_url(CompetitorActivity, "add"), {**data, "account": alice_intel["account"].pk}
    )
    theirs = client.post(
        admin_url(CompetitorActivity, "add"), {**data, "account": charlie_intel["account"].pk}
    )
    assert (mine.status_code, theirs.status_code) == (302, 200)
    assert set(theirs.context["adminform"].form.errors) == {"account"}
    activity = CompetitorActivity.objects.get(details="Won the tender on lead time.")
    assert (activity.account, activity.reported_by, activity.search_text) == (
        alice_intel["account"],
        alice,
        "won the tender on lead time.\nkessler gmbh\nalice account",
    )
    future = client.post(
        admin_url(CompetitorActivity, "add"),
        {**data, "observed_on": str(company_today() + dt.timedelta(days=5))},
    )
    assert set(future.context["adminform"].form.errors) == {"observed_on"}
    # Referred to now: the competitor stays.
    assert client.get(admin_url(Competitor, "delete", kessler.pk)).status_code == 403
    unused = services.competitor_create(by=alice, name="Nobody Ltd")
    assert client.post(admin_url(Competitor, "delete", unused.pk), {"post": "yes"}).status_code == (
        302
    )
    assert not Competitor.objects.filter(name="Nobody Ltd").exists()

    # A report: the writer is its author, a draft, its competitors set by the service.
    response = client.post(
        admin_url(MarketReport, "add"),
        {
            "title": "Q report",
            "year": quarter.year,
            "quarter": quarter.quarter,
            "summary": "S",
            "body": "B",
            "competitors": [kessler.pk, competitor.pk],
            "status": "published",  # read-only: ignored
        },
    )
    assert response.status_code == 302
    report = MarketReport.objects.get(title="Q report")
    assert (report.author, report.status, report.published_at) == (alice, "draft", None)
    assert set(report.competitors.all()) == {kessler, competitor}
    assert [h.history_user for h in report.history.all()] == [alice, alice]
    edited = client.post(
        admin_url(MarketReport, "change", report.pk),
        {
            "title": "Q report, final",
            "year": quarter.year,
            "quarter": quarter.quarter,
            "summary": "S",
            "body": "B",
            "competitors": [kessler.pk],
        },
    )
    assert edited.status_code == 302
    report.refresh_from_db()
    assert (report.title, list(report.competitors.all())) == ("Q report, final", [kessler])

    # A suggestion: through suggestion_create, which tells R&D.
    response = client.post(
        admin_url(ProductSuggestion, "add"),
        {
            "title": "Stainless variant",
            "description": "For the food lines.",
            "accounts": [alice_intel["account"].pk],
            "status": "adopted",  # read-only: ignored
        },
    )
    assert response.status_code == 302
    suggestion = ProductSuggestion.objects.get(title="Stainless variant")
    assert (suggestion.submitted_by, suggestion.status, list(suggestion.accounts.all())) == (
        alice,
        "submitted",
        [alice_intel["account"]],
    )
    assert list(
        Notification.objects.filter(kind="market_intel.suggestion_submitted")
        .order_by("pk")
        .values_list("user__username", "subject")
    ) == [
        ("rosa", "New product suggestion: alice idea"),
        ("rosa", "New product suggestion: charlie idea"),
        ("rosa", "New product suggestion: Stainless variant"),
    ]
    # Nobody attaches another rep's account.
    response = client.post(
        admin_url(ProductSuggestion, "change", suggestion.pk),
        {
            "title": "Stainless variant",
            "description": "For the food lines.",
            "accounts": [charlie_intel["account"].pk],
        },
    )
    assert set(response.context["adminform"].form.errors) == {"accounts"}


@pytest.mark.django_db
def test_admin_history_is_read_only(client, superuser, alice_intel):
    report = alice_intel["draft"]
    services.market_report_update(report=report, by=superuser, title="Renamed draft")
    first = report.history.earliest("history_id")
    client.force_login(superuser)

    page = client.get(admin_url(MarketReport, "simple_history", report.pk, first.pk))
    revert = client.post(
        admin_url(MarketReport, "simple_history", report.pk, first.pk),
        {"title": first.title, "year": first.year, "quarter": first.quarter},
    )

    assert (page.status_code, revert.status_code) == (200, 403)
    assert "alice draft" in page.content.decode()
    report.refresh_from_db()
    assert report.title == "Renamed draft"
    history = client.get(admin_url(MarketReport, "history", report.pk))
    assert [(row.history_type, row.title) for row in history.context["page_obj"]] == [
        ("~", "Renamed draft"),
        ("+", "alice draft"),
    ]
    assert history.context["revert_disabled"] is True
