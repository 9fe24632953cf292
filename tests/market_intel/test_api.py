"""The duty-3 REST API: the generic contract for the four resources, who reaches what
(drafts are their author's, suggestions R&D's too, R&D sees an account's id, name and
tier only), the workflow actions, safe Markdown, the filters, query counts, the schema.
"""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from accounts.models import Account
from kam.choices import Role
from kam.dates import company_today
from kam.models import Notification, User
from market_intel import services
from market_intel.models import Competitor, CompetitorActivity, MarketReport, ProductSuggestion
from tests import factories as f
from tests.apitest import APIViewTests
from tests.support import api_client_for

pytestmark = pytest.mark.django_db

COMPETITORS = reverse("market-api:competitor-list")
ACTIVITIES = reverse("market-api:competitor-activity-list")
REPORTS = reverse("market-api:market-report-list")
SUGGESTIONS = reverse("market-api:suggestion-list")
LISTS = (COMPETITORS, ACTIVITIES, REPORTS, SUGGESTIONS)

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
PUBLISHED = dt.datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)
SEEN_ON = dt.date(2026, 11, 5)

NOT_FOUND = {"detail": "Not found."}
NOT_YOURS = {"detail": "Your role may not change this record."}
MAY_NOT_CREATE = {"detail": "Your role may not create this kind of record."}
NO_DELETE = {"detail": 'Method "DELETE" not allowed.'}
AUTHOR_ONLY = {"detail": "Only the report's author may do this."}
RND_ONLY = {"detail": "Only R&D reviews and decides suggestions."}
ADMIN_ONLY = {"detail": "Only an administrator reopens a decided suggestion."}
ALREADY_PUBLISHED = {"detail": "This report is published already."}
READ_ONLY = {"detail": "A published report is read-only."}
ADOPTED_ALREADY = {"detail": "This suggestion is Adopted already; an administrator may reopen it."}
INCOMPLETE = {"detail": ["A report is published with its title, summary and body."]}

#: What a suggestion's JSON holds; of its accounts, ids and ``account_refs`` (id, name, tier).
SUGGESTION_KEYS = {
    "id",
    "title",
    "description",
    "submitted_by",
    "submitted_by_name",
    "accounts",
    "account_refs",
    "status",
    "decided_by",
    "decided_by_name",
    "decided_on",
    "decision_note",
    "created_at",
    "updated_at",
}
REPORT_BODY = "## Pricing\n\nSany cut **8 %** off its list prices."
REPORT_HTML = "<h2>Pricing</h2>\n<p>Sany cut <strong>8 %</strong> off its list prices.</p>"


def url(basename: str, record, action: str | None = None) -> str:
    name = f"market-api:{basename}-{action or 'detail'}"
    return reverse(name, args=[record.pk])


def report_url(report, action=None) -> str:
    return url("market-report", report, action)


def suggestion_url(suggestion, action=None) -> str:
    return url("suggestion", suggestion, action)


def row_ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def rnd_member(username: str = "rita"):
    return f.UserFactory(username=username, role=Role.DEPARTMENT, department=f.department("rnd"))


@pytest.fixture
def rita(db):
    """An R&D member: reads every suggestion and decides it."""
    return rnd_member()


def make_records(owner, account, *, competitor_name, place):
    """A rep's competitor, activity at their account, published report, draft and suggestion."""
    competitor = services.competitor_create(
        by=owner,
        name=competitor_name,
        website="https://www.competitor.example",
        strengths="Price.",
        pricing_notes="8 % under our list.",
    )
    activity = services.activity_create(
        by=owner,
        competitor=competitor,
        account=account,
        observed_on=SEEN_ON,
        kind="pricing",
        details=f"Quoted 8 % under us for the {place} casting line.",
    )
    report = services.market_report_create(
        by=owner,
        competitors=[competitor],
        title=f"{place} castings market, 2026 Q4",
        year=2026,
        quarter=4,
        summary="Prices fell by 8 %.",
        body=REPORT_BODY,
    )
    services.market_report_publish(report=report, by=owner, now=PUBLISHED)
    draft = services.market_report_create(
        by=owner, title=f"{place} outlook, 2027 Q1", year=2027, quarter=1
    )
    suggestion = services.suggestion_create(
        by=owner,
        accounts=[account],
        title=f"{place} salt-spray coating",
        description="The coastal plants ask for a 1,000-hour salt-spray rating.",
    )
    return {
        "competitor": competitor,
        "activity": activity,
        "report": report,
        "draft": draft,
        "suggestion": suggestion,
    }


@pytest.fixture
def alice_records(alice_records):
    """Conftest's records of Alice's account, plus one of each of duty 3's."""
    account = alice_records["account"]
    mine = make_records(
        account.owner, account, competitor_name="Sany Heavy Industry", place="Hangzhou"
    )
    return {**alice_records, **mine}


def make_charlie_records(charlie):
    account = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")
    theirs = make_records(charlie, account, competitor_name="XCMG Machinery", place="Chengdu")
    return {"account": account, **theirs}


@pytest.fixture
def charlie_records(charlie):
    return make_charlie_records(charlie)


class MarketAPIViewTests(APIViewTests):
    @pytest.fixture
    def charlie_records(self, charlie):
        return make_charlie_records(charlie)


# --- the generic contract ------------------------------------------------------------------


class TestCompetitorAPI(MarketAPIViewTests):
    url_name = "market-api:competitor"
    record_key = "competitor"
    #: Savepoint, token, count, rows, release.
    list_queries = 5
    reference_field = "name"
    invalid_payload = {"website": "not a web address"}
    invalid_field = "website"
    search_term = "Sany"

    def create_payload(self, records):
        return {
            "name": "Zoomlion",
            "website": "https://www.zoomlion.example",
            "strengths": "Financing for the buyer.",
            "weaknesses": "Few engineers in Zhejiang.",
            "pricing_notes": "Matches our list, then discounts 5 %.",
        }

    def update_payload(self, records):
        return {"weaknesses": "Spare parts take six weeks.", "pricing_notes": "10 % under us."}

    def expected_alice_rows(self, records):
        """Competitors are shared: every one there is."""
        return set(Competitor.objects.values_list("pk", flat=True))

    def make_rows(self, owner, count):
        for n in range(count):
            services.competitor_create(by=owner, name=f"Competitor {n:03d}", strengths="Price.")

    def test_other_team_gets_404_and_sees_nothing(self, alice_records, charlie_records, charlie):
        """Not so for competitors: they are shared reference data, so Charlie (another team)
        reads Alice's competitor and may correct its profile like every rep. He may not
        delete it while Alice's activity and report refer to it (409)."""
        client = api_client_for(charlie)
        competitor = alice_records["competitor"]

        found = client.get(self.detail_url(competitor))
        assert (found.status_code, found.json()["name"]) == (200, "Sany Heavy Industry")
        assert competitor.pk in self.ids(client.get(self.list_url()))
        assert self.ids(client.get(self.list_url(), {"search": "Sany"})) == {competitor.pk}
        patched = client.patch(
            self.detail_url(competitor), self.update_payload(alice_records), format="json"
        )
        assert patched.status_code == 200, patched.content
        assert patched.json()["pricing_notes"] == "10 % under us."
        deleted = client.delete(self.detail_url(competitor))
        assert (deleted.status_code, deleted.json()) == (
            409,
            {"detail": "Activities, reports or deals refer to this competitor: it stays."},
        )
        assert Competitor.objects.filter(pk=competitor.pk).exists()

    def test_list_shows_exactly_the_reps_rows(self, alice_records, charlie_records, alice):
        """Every competitor, whoever entered it: Alice sees Charlie's as well as her own."""
        client = api_client_for(alice)
        everyone = {alice_records["competitor"].pk, charlie_records["competitor"].pk}
        assert self.ids(client.get(self.list_url())) == everyone
        assert self.ids(client.get(self.list_url(), {"search": "xcmg"})) == {
            charlie_records["competitor"].pk
        }

    def test_create_on_an_invisible_record_is_400(self, alice_records, charlie_records, alice):
        """A competitor points at no other record, so there is nothing invisible to name.
        What it may collide with is another's name, which Alice cannot see past: 400 on it."""
        payload = {**self.create_payload(alice_records), "name": " XCMG Machinery "}
        response = api_client_for(alice).post(self.list_url(), payload, format="json")
        assert (response.status_code, response.json()) == (
            400,
            {"name": ["A competitor with this name exists already."]},
        )

    def test_update_onto_an_invisible_record_is_400(self, alice_records, charlie_records, alice):
        """No reference to move, as above: renaming onto Charlie's competitor is the 400."""
        response = api_client_for(alice).patch(
            self.detail_url(alice_records["competitor"]), {"name": "XCMG Machinery"}, format="json"
        )
        assert (response.status_code, response.json()) == (
            400,
            {"name": ["A competitor with this name exists already."]},
        )
        assert Competitor.objects.get(pk=alice_records["competitor"].pk).name == (
            "Sany Heavy Industry"
        )

    def test_an_unreferenced_competitor_is_deleted(self, alice):
        competitor = services.competitor_create(by=alice, name="Zoomlion")
        response = api_client_for(alice).delete(self.detail_url(competitor))
        assert response.status_code == 204
        assert not Competitor.objects.filter(pk=competitor.pk).exists()

    def test_rnd_reads_competitors_but_only_account_teams_write(
        self, alice_records, charlie_records, rita, dept_user, executive
    ):
        competitor = alice_records["competitor"]
        rnd = api_client_for(rita)
        assert self.ids(rnd.get(self.list_url())) == {
            competitor.pk,
            charlie_records["competitor"].pk,
        }
        assert rnd.get(self.detail_url(competitor)).status_code == 200
        for user in (rita, dept_user, executive):
            client = api_client_for(user)
            created = client.post(
                self.list_url(), self.create_payload(alice_records), format="json"
            )
            assert (created.status_code, created.json()) == (403, MAY_NOT_CREATE)
        patched = rnd.patch(self.detail_url(competitor), {"strengths": "None."}, format="json")
        assert (patched.status_code, patched.json()) == (403, NOT_YOURS)
        assert not Competitor.objects.filter(name="Zoomlion").exists()


class TestCompetitorActivityAPI(MarketAPIViewTests):
    url_name = "market-api:competitor-activity"
    record_key = "activity"
    #: Savepoint, token, count, rows (competitor, account and reporter joined), release.
    list_queries = 5
    invalid_payload = {"kind": "rumour"}
    invalid_field = "kind"
    search_term = "Hangzhou"

    def create_payload(self, records):
        return {
            "competitor": records["competitor"].pk,
            "account": records["account"].pk,
            "observed_on": "2026-11-12",
            "kind": "promotion",
            "details": "Free commissioning for the second casting line.",
        }

    def update_payload(self, records):
        return {"kind": "win", "details": "Won the casting line after all."}

    def expected_response(self, payload):
        if "competitor" not in payload:
            return payload
        return {
            **payload,
            "competitor_name": "Sany Heavy Industry",
            "account_name": "Hangzhou Precision Castings",
        }

    def expected_alice_rows(self, records):
        return {records["activity"].pk}

    def make_rows(self, owner, count):
        account = f.AccountFactory(owner=owner)
        competitors = [services.competitor_create(by=owner, name=name) for name in ("Sany", "XCMG")]
        for n in range(count):
            services.activity_create(
                by=owner,
                competitor=competitors[n % 2],
                account=None if n % 3 == 2 else account,
                observed_on=SEEN_ON - dt.timedelta(days=n),
                kind="pricing",
                details=f"Price cut number {n}.",
            )

    def test_create(self, alice_records, alice):
        """The generic check, and what the service adds: the reporter is the writer."""
        super().test_create(alice_records, alice)
        activity = CompetitorActivity.objects.get(details__startswith="Free commissioning")
        body = api_client_for(alice).get(self.detail_url(activity)).json()
        assert (body["reported_by"], body["reported_by_name"]) == (alice.pk, alice.display_name)


def test_market_wide_activity_is_read_by_every_account_team_and_changed_by_its_reporter(
    alice_records, alice, bob, charlie, executive, dept_user, rita
):
    market = api_client_for(alice).post(
        ACTIVITIES,
        {
            "competitor": alice_records["competitor"].pk,
            "account": None,
            "observed_on": "2026-11-10",
            "kind": "product",
            "details": "Launched a 400-tonne press nationwide.",
        },
        format="json",
    )
    assert market.status_code == 201, market.content
    assert (market.json()["account"], market.json()["account_name"]) == (None, None)
    activity = CompetitorActivity.objects.get(pk=market.json()["id"])
    at_account = alice_records["activity"].pk

    def listed(user, **params):
        return set(row_ids(api_client_for(user).get(ACTIVITIES, params)))

    assert {
        user.username: listed(user) for user in (alice, bob, charlie, executive, dept_user, rita)
    } == {
        "alice": {activity.pk, at_account},
        "bob": {activity.pk, at_account},
        "charlie": {activity.pk},
        "eve": {activity.pk, at_account},
        "tess": set(),
        "rita": set(),
    }
    assert listed(alice, market_wide="true") == {activity.pk}
    assert listed(alice, market_wide="false") == {at_account}
    refused = api_client_for(charlie).patch(
        url("competitor-activity", activity), {"details": "Not true."}, format="json"
    )
    assert (refused.status_code, refused.json()) == (403, NOT_YOURS)
    changed = api_client_for(alice).patch(
        url("competitor-activity", activity), {"details": "Launched a 400 t press."}, format="json"
    )
    assert (changed.status_code, changed.json()["details"]) == (200, "Launched a 400 t press.")


class TestMarketReportAPI(MarketAPIViewTests):
    url_name = "market-api:market-report"
    record_key = "report"
    #: Savepoint, token, count, rows with their authors, their competitors, release.
    list_queries = 6
    reference_field = "author"
    invalid_payload = {"quarter": 5}
    invalid_field = "quarter"
    search_term = "Hangzhou"

    def create_payload(self, records):
        return {
            "title": "Hangzhou castings market, 2027 Q1",
            "year": 2027,
            "quarter": 1,
            "summary": "Prices steady; XCMG enters with financing.",
            "body": REPORT_BODY,
            "competitors": [records["competitor"].pk],
        }

    def update_payload(self, records):
        return {"title": "Hangzhou castings, revised", "summary": "Prices fell by 9 %."}

    def expected_response(self, payload):
        if "year" not in payload:
            return payload
        return {**payload, "body_html": REPORT_HTML, "status": "draft", "published_at": None}

    def expected_alice_rows(self, records):
        return {records["report"].pk, records["draft"].pk}

    def make_rows(self, owner, count):
        competitors = [services.competitor_create(by=owner, name=name) for name in ("Sany", "XCMG")]
        for n in range(count):
            report = services.market_report_create(
                by=owner,
                competitors=competitors[: n % 3],
                title=f"Market report {n}",
                year=2001 + n,
                quarter=n % 4 + 1,
                summary="Prices fell.",
                body="Prices **fell**.",
            )
            if n % 2:
                services.market_report_publish(report=report, by=owner, now=PUBLISHED)

    def test_create(self, alice_records, alice):
        """The generic check, and what the service adds: the author is the writer."""
        super().test_create(alice_records, alice)
        body = api_client_for(alice).get(
            self.detail_url(
                MarketReport.objects.get(year=2027, quarter=1, title__contains="market")
            )
        )
        assert (body.json()["author"], body.json()["author_name"]) == (alice.pk, alice.display_name)

    def test_update(self, alice_records, alice):
        """Alice's fixture report is published, so read-only (409); her draft changes."""
        client = api_client_for(alice)
        payload = self.update_payload(alice_records)

        refused = client.patch(self.detail_url(alice_records["report"]), payload, format="json")
        changed = client.patch(self.detail_url(alice_records["draft"]), payload, format="json")

        assert (refused.status_code, refused.json()) == (409, READ_ONLY)
        assert MarketReport.objects.get(pk=alice_records["report"].pk).title == (
            "Hangzhou castings market, 2026 Q4"
        )
        assert changed.status_code == 200, changed.content
        assert {key: changed.json()[key] for key in payload} == payload
        assert changed.json()["status"] == "draft"

    def test_create_on_an_invisible_record_is_400(self, alice_records, charlie_records, alice):
        """A report refers to its author and its competitors; every rep may name every
        competitor, and the author is always the writer: naming Charlie is not an error,
        it is ignored (read-only), so Alice cannot file a report in his name."""
        payload = {
            **self.create_payload(alice_records),
            "author": charlie_records["account"].owner_id,
        }
        response = api_client_for(alice).post(self.list_url(), payload, format="json")
        assert response.status_code == 201, response.content
        assert response.json()["author"] == alice.pk
        assert list(
            MarketReport.objects.filter(title="Hangzhou castings market, 2027 Q1").values_list(
                "author", flat=True
            )
        ) == [alice.pk]

    def test_update_onto_an_invisible_record_is_400(self, alice_records, charlie_records, alice):
        """As above: a draft is not handed to Charlie (``author`` is read-only)."""
        draft = alice_records["draft"]
        response = api_client_for(alice).patch(
            self.detail_url(draft),
            {"author": charlie_records["account"].owner_id, "title": "Handed over"},
            format="json",
        )
        assert response.status_code == 200, response.content
        assert (response.json()["author"], response.json()["title"]) == (alice.pk, "Handed over")
        assert MarketReport.objects.get(pk=draft.pk).author == alice

    def test_status_is_not_written_by_a_patch(self, alice_records, alice):
        draft = alice_records["draft"]
        response = api_client_for(alice).patch(
            self.detail_url(draft), {"status": "published"}, format="json"
        )
        assert (response.status_code, response.json()["status"]) == (200, "draft")
        assert MarketReport.objects.get(pk=draft.pk).published_at is None


class TestSuggestionAPI(MarketAPIViewTests):
    url_name = "market-api:suggestion"
    record_key = "suggestion"
    #: Savepoint, token, count, rows (author and decider joined), their accounts, release.
    list_queries = 6
    reference_field = "accounts"
    invalid_payload = {"title": ""}
    invalid_field = "title"
    search_term = "coating"

    def create_payload(self, records):
        return {
            "title": "Quick-change moulds",
            "description": "Both foundries lose a shift per changeover.",
            "accounts": [records["account"].pk],
        }

    def update_payload(self, records):
        return {"title": "Quick-change moulds for the X200", "description": "Half a shift."}

    def expected_response(self, payload):
        if "accounts" not in payload:
            return payload
        account = Account.objects.get(pk=payload["accounts"][0])
        return {
            **payload,
            "account_refs": [{"id": account.pk, "name": account.name, "tier": "key"}],
            "status": "submitted",
            "decided_by": None,
            "decided_by_name": None,
            "decided_on": None,
            "decision_note": "",
        }

    def foreign_reference(self, charlie_records):
        return [charlie_records["account"].pk]

    def expected_alice_rows(self, records):
        return {records["suggestion"].pk}

    def make_rows(self, owner, count):
        accounts = [f.AccountFactory(owner=owner) for _ in range(3)]
        for n in range(count):
            services.suggestion_create(
                by=owner,
                accounts=accounts[: n % 4],
                title=f"Suggestion {n}",
                description="Customers ask for it.",
            )

    def test_create(self, alice_records, alice):
        """The generic check, and what the service adds: the submitter is the writer."""
        super().test_create(alice_records, alice)
        body = api_client_for(alice).get(
            self.detail_url(ProductSuggestion.objects.get(title="Quick-change moulds"))
        )
        assert (body.json()["submitted_by"], body.json()["submitted_by_name"]) == (
            alice.pk,
            alice.display_name,
        )

    def test_other_team_gets_404_and_sees_nothing(self, alice_records, charlie_records, charlie):
        """Suggestions have no DELETE: Charlie's delete is 405 (the method), not 404."""
        client = api_client_for(charlie)
        obj = self.alice_object(alice_records)
        found = client.get(self.detail_url(obj))
        assert (found.status_code, found.json()) == (404, NOT_FOUND)
        patched = client.patch(
            self.detail_url(obj), self.update_payload(alice_records), format="json"
        )
        assert (patched.status_code, patched.json()) == (404, NOT_FOUND)
        put = client.put(self.detail_url(obj), self.create_payload(alice_records), format="json")
        assert (put.status_code, put.json()) == (404, NOT_FOUND)
        assert client.delete(self.detail_url(obj)).status_code == 405
        assert obj.pk not in self.ids(client.get(self.list_url()))
        assert obj.pk not in self.ids(client.get(self.list_url(), {"search": self.search_term}))
        assert self.alice_object(charlie_records).pk in self.ids(client.get(self.list_url()))
        assert ProductSuggestion.objects.get(pk=obj.pk).title == "Hangzhou salt-spray coating"

    def test_executive_reads_but_may_not_change(self, alice_records, executive):
        """Suggestions have no DELETE: the executive's delete is 405 (the method), not 403."""
        client = api_client_for(executive)
        obj = self.alice_object(alice_records)
        assert client.get(self.detail_url(obj)).status_code == 200
        assert obj.pk in self.ids(client.get(self.list_url()))
        response = client.patch(
            self.detail_url(obj), self.update_payload(alice_records), format="json"
        )
        assert (response.status_code, response.json()) == (403, NOT_YOURS)
        deleted = client.delete(self.detail_url(obj))
        assert (deleted.status_code, deleted.json()) == (405, NO_DELETE)

    def test_nobody_deletes(self, alice_records, alice, bob, superuser):
        obj = self.alice_object(alice_records)
        for user in (alice, bob, superuser):
            response = api_client_for(user).delete(self.detail_url(obj))
            assert (response.status_code, response.json()) == (405, NO_DELETE)
        assert ProductSuggestion.objects.filter(pk=obj.pk).exists()


# --- who reaches what ----------------------------------------------------------------------


def test_another_teams_rep_gets_404_on_the_draft_and_the_suggestion(alice_records, charlie):
    client = api_client_for(charlie)
    draft, suggestion = alice_records["draft"], alice_records["suggestion"]

    answers = [
        client.get(report_url(draft)),
        client.patch(report_url(draft), {"title": "Mine"}, format="json"),
        client.delete(report_url(draft)),
        client.post(report_url(draft, "publish")),
        client.post(report_url(alice_records["report"], "publish")),
        client.get(suggestion_url(suggestion)),
        client.patch(suggestion_url(suggestion), {"title": "Mine"}, format="json"),
        client.post(suggestion_url(suggestion, "review")),
        client.post(suggestion_url(suggestion, "decide"), {"decision": "adopted"}, format="json"),
        client.post(suggestion_url(suggestion, "reopen")),
    ]

    assert [(r.status_code, r.json()) for r in answers] == [(404, NOT_FOUND)] * 10
    assert row_ids(client.get(REPORTS)) == []
    assert row_ids(client.get(SUGGESTIONS)) == []
    assert (MarketReport.objects.get(pk=draft.pk).title, draft.status) == (
        "Hangzhou outlook, 2027 Q1",
        "draft",
    )


def test_the_manager_reads_the_published_report_but_not_the_draft(alice_records, bob):
    client = api_client_for(bob)
    report, draft = alice_records["report"], alice_records["draft"]

    assert client.get(report_url(report)).json()["title"] == "Hangzhou castings market, 2026 Q4"
    assert row_ids(client.get(REPORTS)) == [report.pk]
    hidden = [
        client.get(report_url(draft)),
        client.patch(report_url(draft), {"title": "Mine"}, format="json"),
        client.post(report_url(draft, "publish")),
        client.delete(report_url(draft)),
    ]
    assert [(r.status_code, r.json()) for r in hidden] == [(404, NOT_FOUND)] * 4
    # The published report is Alice's: her manager reads it, and changes nothing of it.
    refused = client.patch(report_url(report), {"title": "Edited by Bob"}, format="json")
    assert (refused.status_code, refused.json()) == (403, AUTHOR_ONLY)
    assert row_ids(client.get(SUGGESTIONS)) == [alice_records["suggestion"].pk]


def test_the_executive_reads_published_reports_and_writes_none(
    alice_records, charlie_records, executive
):
    client = api_client_for(executive)
    report = alice_records["report"]

    assert set(row_ids(client.get(REPORTS))) == {report.pk, charlie_records["report"].pk}
    assert client.get(report_url(report)).status_code == 200
    assert client.get(report_url(alice_records["draft"])).status_code == 404
    created = client.post(
        REPORTS, {"title": "Eve's view", "year": 2026, "quarter": 4}, format="json"
    )
    writes = [
        client.patch(report_url(report), {"title": "Edited by Eve"}, format="json"),
        client.put(report_url(report), {"title": "Edited", "year": 2026, "quarter": 4}),
        client.delete(report_url(report)),
        client.post(report_url(report, "publish")),
    ]
    assert (created.status_code, created.json()) == (403, MAY_NOT_CREATE)
    assert [(r.status_code, r.json()) for r in writes] == [(403, NOT_YOURS)] * 4
    assert MarketReport.objects.get(pk=report.pk).title == "Hangzhou castings market, 2026 Q4"


def test_rnd_lists_every_suggestion_and_of_accounts_only_id_name_and_tier(
    alice_records, charlie_records, alice, rita
):
    account = alice_records["account"]
    Account.objects.filter(pk=account.pk).update(code="ERP-HZ-7781", region="Zhejiang North")
    User.objects.filter(pk=alice.pk).update(first_name="Alice", last_name="Chen")
    client = api_client_for(rita)
    suggestion = alice_records["suggestion"]

    listed = client.get(SUGGESTIONS)
    detail = client.get(suggestion_url(suggestion))

    assert set(row_ids(listed)) == {suggestion.pk, charlie_records["suggestion"].pk}
    body = detail.json()
    assert set(body) == SUGGESTION_KEYS
    assert body["account_refs"] == [
        {"id": account.pk, "name": "Hangzhou Precision Castings", "tier": "key"}
    ]
    assert (body["accounts"], body["submitted_by_name"]) == ([account.pk], "Alice Chen")
    assert [row for row in listed.json()["results"] if row["id"] == suggestion.pk] == [body]
    for row in listed.json()["results"]:
        assert [set(ref) for ref in row["account_refs"]] == [{"id", "name", "tier"}]
    leaks = [
        "ERP-HZ-7781",  # code
        "Zhejiang North",  # region
        "Manufacturing",  # industry
        "1000000",  # annual potential
        "2023-01-01",  # customer since
        "Wang Lei",  # contacts
        "Li Na",
        "customer.example",  # contacts' e-mail
        "owner",
        "industry",
        "region",
        alice.username,
        alice.email,
    ]
    for response in (listed, detail):
        text = response.content.decode()
        assert [leak for leak in leaks if leak in text] == []
    # Reports are no business of R&D's: drafts (and published ones) answer 404.
    assert client.get(report_url(alice_records["draft"])).json() == NOT_FOUND
    assert client.get(report_url(alice_records["report"])).status_code == 404
    assert row_ids(client.get(REPORTS)) == []
    assert row_ids(client.get(ACTIVITIES)) == []


def test_rnd_does_not_edit_a_suggestions_text(alice_records, rita):
    suggestion = alice_records["suggestion"]
    response = api_client_for(rita).patch(
        suggestion_url(suggestion), {"title": "Better words"}, format="json"
    )
    assert (response.status_code, response.json()) == (
        403,
        {"detail": "R&D decides suggestions; their text is the author's."},
    )
    assert ProductSuggestion.objects.get(pk=suggestion.pk).title == "Hangzhou salt-spray coating"


def test_tech_support_sees_no_suggestion(alice_records, dept_user):
    client = api_client_for(dept_user)
    suggestion = alice_records["suggestion"]

    answers = [
        client.get(suggestion_url(suggestion)),
        client.post(suggestion_url(suggestion, "review")),
        client.post(suggestion_url(suggestion, "decide"), {"decision": "adopted"}, format="json"),
    ]

    assert [(r.status_code, r.json()) for r in answers] == [(404, NOT_FOUND)] * 3
    assert row_ids(client.get(SUGGESTIONS)) == []
    assert ProductSuggestion.objects.get(pk=suggestion.pk).status == "submitted"


def test_anonymous_gets_401_everywhere(alice_records):
    client = api_client_for(None)
    details = [
        url("competitor", alice_records["competitor"]),
        url("competitor-activity", alice_records["activity"]),
        report_url(alice_records["draft"]),
        suggestion_url(alice_records["suggestion"]),
    ]
    actions = [
        report_url(alice_records["draft"], "publish"),
        suggestion_url(alice_records["suggestion"], "review"),
        suggestion_url(alice_records["suggestion"], "decide"),
        suggestion_url(alice_records["suggestion"], "reopen"),
    ]

    answers = [
        *(client.get(path) for path in LISTS),
        *(client.post(path, {"title": "x"}, format="json") for path in LISTS),
        *(client.get(path) for path in details),
        *(client.patch(path, {"title": "x"}, format="json") for path in details),
        *(client.delete(path) for path in details[:3]),
        *(client.post(path, {"decision": "adopted"}, format="json") for path in actions),
    ]

    assert [r.status_code for r in answers] == [401] * 23
    assert {r["WWW-Authenticate"] for r in answers} == {"Token"}
    assert MarketReport.objects.get(pk=alice_records["draft"].pk).status == "draft"
    assert ProductSuggestion.objects.get(pk=alice_records["suggestion"].pk).status == "submitted"


# --- the actions ---------------------------------------------------------------------------


def test_publish_is_200_then_409(alice_records, alice):
    client = api_client_for(alice)
    report = services.market_report_create(
        by=alice, title="Hangzhou, 2026 Q4 (2)", year=2026, quarter=4, summary="Steady.",
        body=REPORT_BODY,
    )  # fmt: skip

    first = client.post(report_url(report, "publish"))
    again = client.post(report_url(report, "publish"))

    assert first.status_code == 200, first.content
    stored = MarketReport.objects.get(pk=report.pk)
    assert stored.status == "published"
    assert (first.json()["status"], first.json()["published_at"]) == (
        "published",
        stored.published_at.astimezone(SHANGHAI).isoformat(),
    )
    assert (again.status_code, again.json()) == (409, ALREADY_PUBLISHED)
    assert MarketReport.objects.get(pk=report.pk).published_at == stored.published_at
    deleted = client.delete(report_url(report))
    assert (deleted.status_code, deleted.json()) == (
        409,
        {"detail": "A published report stays on record."},
    )


def test_an_incomplete_draft_is_not_published(alice_records, alice):
    draft = alice_records["draft"]  # no summary, no body

    response = api_client_for(alice).post(report_url(draft, "publish"))

    assert (response.status_code, response.json()) == (400, INCOMPLETE)
    assert MarketReport.objects.get(pk=draft.pk).status == "draft"


def test_the_author_deletes_a_draft(alice_records, alice):
    draft = alice_records["draft"]
    assert api_client_for(alice).delete(report_url(draft)).status_code == 204
    assert not MarketReport.objects.filter(pk=draft.pk).exists()


def test_rnd_reviews_then_decides_and_the_author_is_told(alice_records, alice, rita):
    suggestion = alice_records["suggestion"]
    client = api_client_for(rita)

    reviewed = client.post(suggestion_url(suggestion, "review"))
    assert (reviewed.status_code, reviewed.json()["status"]) == (200, "under_review")
    again = client.post(suggestion_url(suggestion, "review"))
    assert (again.status_code, again.json()) == (
        409,
        {"detail": "Only a submitted suggestion is taken under review; this one is Under review."},
    )

    decided = client.post(
        suggestion_url(suggestion, "decide"),
        {"decision": "adopted", "note": "In the 2027 Q2 release of the X200."},
        format="json",
    )

    assert decided.status_code == 200, decided.content
    body = decided.json()
    assert {key: body[key] for key in ("status", "decided_by", "decided_on", "decision_note")} == {
        "status": "adopted",
        "decided_by": rita.pk,
        "decided_on": company_today().isoformat(),
        "decision_note": "In the 2027 Q2 release of the X200.",
    }
    assert body["decided_by_name"] == rita.display_name
    assert set(body) == SUGGESTION_KEYS
    assert list(
        Notification.objects.filter(kind="market_intel.suggestion_decided").values_list(
            "user__username", "subject", "body"
        )
    ) == [
        (
            "alice",
            "Your suggestion “Hangzhou salt-spray coating” is Adopted",
            "In the 2027 Q2 release of the X200.",
        )
    ]
    twice = client.post(
        suggestion_url(suggestion, "decide"),
        {"decision": "rejected", "note": "Changed my mind."},
        format="json",
    )
    assert (twice.status_code, twice.json()) == (409, ADOPTED_ALREADY)
    assert ProductSuggestion.objects.get(pk=suggestion.pk).status == "adopted"


@pytest.mark.parametrize("who", ["alice", "bob", "executive"])
def test_who_sees_a_suggestion_but_is_not_rnd_may_not_decide(request, alice_records, who):
    client = api_client_for(request.getfixturevalue(who))
    suggestion = alice_records["suggestion"]

    answers = [
        client.post(suggestion_url(suggestion, "review")),
        client.post(suggestion_url(suggestion, "decide"), {"decision": "adopted"}, format="json"),
        client.post(
            suggestion_url(suggestion, "decide"),
            {"decision": "rejected", "note": "No."},
            format="json",
        ),
    ]

    assert [(r.status_code, r.json()) for r in answers] == [(403, RND_ONLY)] * 3
    stored = ProductSuggestion.objects.get(pk=suggestion.pk)
    assert (stored.status, stored.decided_by, stored.decided_on) == ("submitted", None, None)


def test_a_rejection_without_a_note_is_400(alice_records, rita):
    suggestion = alice_records["suggestion"]
    client = api_client_for(rita)

    silent = client.post(
        suggestion_url(suggestion, "decide"), {"decision": "rejected", "note": "  "}, format="json"
    )
    missing = client.post(suggestion_url(suggestion, "decide"), {"decision": "rejected"})
    unknown = client.post(
        suggestion_url(suggestion, "decide"), {"decision": "under_review"}, format="json"
    )

    assert (silent.status_code, silent.json()) == (400, {"note": ["Say why it is rejected."]})
    assert (missing.status_code, missing.json()) == (400, {"note": ["Say why it is rejected."]})
    assert (unknown.status_code, unknown.json()) == (
        400,
        {"decision": ['"under_review" is not a valid choice.']},
    )
    assert ProductSuggestion.objects.get(pk=suggestion.pk).status == "submitted"
    rejected = client.post(
        suggestion_url(suggestion, "decide"),
        {"decision": "rejected", "note": "Our supplier cannot do it."},
        format="json",
    )
    assert (rejected.status_code, rejected.json()["status"]) == (200, "rejected")


def test_only_an_administrator_reopens(alice_records, alice, rita, superuser):
    suggestion = alice_records["suggestion"]
    services.suggestion_decide(suggestion=suggestion, by=rita, decision="rejected", note="No.")

    by_rnd = api_client_for(rita).post(suggestion_url(suggestion, "reopen"))
    by_author = api_client_for(alice).post(suggestion_url(suggestion, "reopen"))
    assert [(r.status_code, r.json()) for r in (by_rnd, by_author)] == [(403, ADMIN_ONLY)] * 2
    assert ProductSuggestion.objects.get(pk=suggestion.pk).status == "rejected"

    reopened = api_client_for(superuser).post(suggestion_url(suggestion, "reopen"))

    assert reopened.status_code == 200, reopened.content
    assert {
        key: reopened.json()[key]
        for key in ("status", "decided_by", "decided_by_name", "decided_on", "decision_note")
    } == {
        "status": "under_review",
        "decided_by": None,
        "decided_by_name": None,
        "decided_on": None,
        "decision_note": "",
    }
    again = api_client_for(superuser).post(suggestion_url(suggestion, "reopen"))
    assert (again.status_code, again.json()) == (
        409,
        {"detail": "Only a decided suggestion is reopened."},
    )
    # The decision that was stays in the history.
    assert ("rejected", rita.pk, "No.") in list(
        suggestion.history.values_list("status", "decided_by", "decision_note")
    )


def test_a_decided_suggestion_is_not_edited(alice_records, alice, rita):
    suggestion = alice_records["suggestion"]
    services.suggestion_decide(suggestion=suggestion, by=rita, decision="adopted")

    response = api_client_for(alice).patch(
        suggestion_url(suggestion), {"title": "Changed"}, format="json"
    )

    assert (response.status_code, response.json()) == (
        409,
        {"detail": "A decided suggestion is final unless an administrator reopens it."},
    )
    assert ProductSuggestion.objects.get(pk=suggestion.pk).title == "Hangzhou salt-spray coating"


# --- Markdown ------------------------------------------------------------------------------


def test_a_reports_markdown_renders_inert(alice_records, alice, bob):
    body = (
        "Sany cut **8 %**.\n\n"
        "<script>alert(1)</script>\n\n"
        "[x](javascript:alert(1))\n\n"
        "<img src=x onerror=alert(1)>"
    )
    client = api_client_for(alice)

    created = client.post(
        REPORTS,
        {"title": "Hostile", "year": 2026, "quarter": 4, "summary": "Test.", "body": body},
        format="json",
    )

    assert created.status_code == 201, created.content
    html = created.json()["body_html"]
    assert [danger for danger in ("<script", "javascript:", "onerror") if danger in html] == []
    assert "<strong>8 %</strong>" in html
    assert html == (
        "<p>Sany cut <strong>8 %</strong>.</p>\n\n\n"
        '<p><a rel="noopener noreferrer nofollow">x</a></p>\n<p></p>'
    )
    assert created.json()["body"] == body  # stored as typed
    # Published, it reads the same to her manager.
    report = MarketReport.objects.get(pk=created.json()["id"])
    services.market_report_publish(report=report, by=alice)
    assert api_client_for(bob).get(report_url(report)).json()["body_html"] == html


# --- filters -------------------------------------------------------------------------------


def test_report_filters(alice_records, charlie_records, alice, bob, executive):
    client = api_client_for(alice)
    report, draft = alice_records["report"].pk, alice_records["draft"].pk
    sany, xcmg = alice_records["competitor"].pk, charlie_records["competitor"].pk

    def ids(who=client, **params):
        return row_ids(who.get(REPORTS, params))

    assert ids() == [draft, report]
    assert ids(status="draft") == [draft]
    assert ids(status="published") == [report]
    assert ids(status=["draft", "published"]) == [draft, report]
    assert ids(q="outlook") == [draft]
    assert ids(q="hangzhou castings") == [report]
    assert ids(search="Hangzhou") == [draft, report]
    assert ids(year=2027) == [draft]
    assert ids(year=2026, quarter=4) == [report]
    assert ids(quarter=1, year=2026) == []
    assert ids(competitor=sany) == [report]
    assert ids(competitor=xcmg) == []
    assert ids(author=alice.pk) == [draft, report]
    assert ids(ordering="year") == [report, draft]
    everyone = api_client_for(executive)
    assert ids(everyone, author=alice.pk) == [report]
    assert ids(everyone, competitor=xcmg) == [charlie_records["report"].pk]
    for params in ({"status": "archived"}, {"quarter": 5}, {"year": "last"}, {"competitor": 10**9}):
        response = client.get(REPORTS, params)
        assert (response.status_code, list(response.json())) == (400, list(params)), params


def test_suggestion_filters(alice_records, alice, rita):
    account = alice_records["account"]
    first = alice_records["suggestion"]
    other_account = f.AccountFactory(owner=alice, name="Ningbo Gearbox Works")
    second = services.suggestion_create(
        by=alice, accounts=[other_account], title="Quieter gearboxes", description="Ningbo asks."
    )
    services.suggestion_decide(suggestion=first, by=rita, decision="adopted")
    client = api_client_for(alice)

    def ids(**params):
        return row_ids(client.get(SUGGESTIONS, params))

    assert ids() == [second.pk, first.pk]
    assert ids(status="adopted") == [first.pk]
    assert ids(status=["submitted", "under_review"]) == [second.pk]
    assert ids(q="gearboxes") == [second.pk]
    assert ids(search="coating") == [first.pk]
    assert ids(account=account.pk) == [first.pk]
    assert ids(account=other_account.pk) == [second.pk]
    assert ids(decided_after=company_today().isoformat()) == [first.pk]
    assert ids(submitted_by=alice.pk) == [second.pk, first.pk]
    for params in ({"status": "done"}, {"decided_after": "yesterday"}, {"account": 10**9}):
        response = client.get(SUGGESTIONS, params)
        assert (response.status_code, list(response.json())) == (400, list(params)), params


def test_activity_and_competitor_filters(alice_records, charlie_records, alice):
    account = alice_records["account"]
    sany = alice_records["competitor"]
    xcmg = charlie_records["competitor"]
    activity = alice_records["activity"]
    later = services.activity_create(
        by=alice, competitor=xcmg, account=account, observed_on=SEEN_ON + dt.timedelta(days=3),
        kind="win", details="XCMG won the crane tender.",
    )  # fmt: skip
    client = api_client_for(alice)

    def ids(path, **params):
        return row_ids(client.get(path, params))

    assert ids(ACTIVITIES) == [later.pk, activity.pk]
    assert ids(ACTIVITIES, competitor=sany.pk) == [activity.pk]
    assert ids(ACTIVITIES, account=account.pk) == [later.pk, activity.pk]
    assert ids(ACTIVITIES, kind="win") == [later.pk]
    assert ids(ACTIVITIES, kind=["win", "pricing"]) == [later.pk, activity.pk]
    assert ids(ACTIVITIES, q="crane") == [later.pk]
    assert ids(ACTIVITIES, observed_before=SEEN_ON.isoformat()) == [activity.pk]
    assert ids(COMPETITORS) == [sany.pk, xcmg.pk]
    assert ids(COMPETITORS, q="xcmg") == [xcmg.pk]
    assert ids(COMPETITORS, account=account.pk) == [sany.pk, xcmg.pk]
    assert ids(COMPETITORS, account=account.pk, q="sany") == [sany.pk]
    # Charlie's account is not Alice's to filter by: the same 400 as one that does not exist.
    foreign = client.get(ACTIVITIES, {"account": charlie_records["account"].pk})
    missing = client.get(ACTIVITIES, {"account": 10**9})
    assert foreign.status_code == missing.status_code == 400
    assert foreign.json() == missing.json()
    assert client.get(ACTIVITIES, {"kind": "rumour"}).status_code == 400


@pytest.mark.parametrize("path", LISTS)
def test_an_unknown_list_parameter_is_400(alice_records, alice, path):
    response = api_client_for(alice).get(path, {"colour": "red"})

    assert response.status_code == 400
    assert list(response.json()) == ["colour"]
    assert response.json()["colour"][0].startswith("Unknown query parameter. Accepted: ")
    assert "q" in response.json()["colour"][0].split("Accepted: ")[1].rstrip(".").split(", ")


# --- query counts --------------------------------------------------------------------------


def fill_suggestions(count: int) -> None:
    """``count`` suggestions of several reps, with accounts, some decided by R&D."""
    decider = rnd_member("rudi")
    for n in range(count):
        rep = f.UserFactory(role=Role.REP)
        accounts = [f.AccountFactory(owner=rep) for _ in range(n % 3)]
        suggestion = services.suggestion_create(
            by=rep, accounts=accounts, title=f"Suggestion {n}", description="Asked for."
        )
        if n % 2:
            services.suggestion_decide(
                suggestion=suggestion, by=decider, decision="rejected", note="Later."
            )


@pytest.mark.parametrize("rows", [1, 20])
def test_rnd_list_query_count_is_constant(rita, rows, django_assert_num_queries):
    fill_suggestions(rows)
    client = api_client_for(rita)
    client.get(SUGGESTIONS)  # warm up: content types, the token
    # Savepoint, token, her department (is she R&D?), count, rows (author and decider
    # joined), their accounts, release.
    with django_assert_num_queries(7):
        response = client.get(SUGGESTIONS, {"page_size": 200})
    assert response.json()["count"] == rows


def fill_reports(count: int) -> None:
    """``count`` published reports of several reps, with competitors."""
    entered_by = f.UserFactory(role=Role.REP)
    competitors = [
        services.competitor_create(by=entered_by, name=name)
        for name in ("Sany", "XCMG", "Zoomlion")
    ]
    for n in range(count):
        rep = f.UserFactory(role=Role.REP)
        report = services.market_report_create(
            by=rep, competitors=competitors[: n % 4], title=f"Report {n}", year=2026,
            quarter=n % 4 + 1, summary="Prices fell.", body="Prices **fell**.",
        )  # fmt: skip
        services.market_report_publish(report=report, by=rep, now=PUBLISHED)


@pytest.mark.parametrize("rows", [1, 20])
def test_executive_report_list_query_count_is_constant(executive, rows, django_assert_num_queries):
    fill_reports(rows)
    client = api_client_for(executive)
    client.get(REPORTS)
    # Savepoint, token, count, rows with their authors, their competitors, release.
    with django_assert_num_queries(6):
        response = client.get(REPORTS, {"page_size": 200})
    assert response.json()["count"] == rows


def test_detail_query_counts(alice_records, alice, django_assert_num_queries):
    client = api_client_for(alice)
    for path, queries in (
        # Savepoint, token, the row, release.
        (url("competitor", alice_records["competitor"]), 4),
        # Savepoint, token, the row with its competitor, account and reporter, release.
        (url("competitor-activity", alice_records["activity"]), 4),
        # Savepoint, token, the row with its author, its competitors, release.
        (report_url(alice_records["report"]), 5),
        # Savepoint, token, the row with its people, its accounts, release.
        (suggestion_url(alice_records["suggestion"]), 5),
    ):
        client.get(path)
        with django_assert_num_queries(queries):
            assert client.get(path).status_code == 200


# --- the schema ----------------------------------------------------------------------------


def test_schema_documents_decide_with_its_conflict(alice_records, alice, rita):
    response = api_client_for(alice).get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    paths = schema["paths"]

    assert {
        "/api/v1/competitors/",
        "/api/v1/competitor-activities/",
        "/api/v1/market-reports/",
        "/api/v1/market-reports/{id}/publish/",
        "/api/v1/suggestions/",
        "/api/v1/suggestions/{id}/review/",
        "/api/v1/suggestions/{id}/decide/",
        "/api/v1/suggestions/{id}/reopen/",
    } <= set(paths)
    assert "delete" not in paths["/api/v1/suggestions/{id}/"]
    assert "409" in paths["/api/v1/market-reports/{id}/publish/"]["post"]["responses"]

    decide = paths["/api/v1/suggestions/{id}/decide/"]["post"]
    assert {"200", "400", "401", "403", "404", "409"} <= set(decide["responses"])
    request_body = decide["requestBody"]["content"]["application/json"]
    assert request_body["schema"]["$ref"].endswith("/DecideRequest")
    assert [example["value"] for example in request_body["examples"].values()] == [
        {"decision": "adopted", "note": "In the 2027 Q2 release of the X200."}
    ]
    conflict = decide["responses"]["409"]["content"]["application/json"]
    ref = conflict["schema"]["$ref"].rpartition("/")[2]
    assert set(schema["components"]["schemas"][ref]["properties"]) == {"detail"}
    documented = [example["value"] for example in conflict["examples"].values()]
    # The documented conflict is the one the API answers.
    suggestion = alice_records["suggestion"]
    client = api_client_for(rita)
    body = {"decision": "adopted", "note": "In the 2027 Q2 release of the X200."}
    assert client.post(suggestion_url(suggestion, "decide"), body, format="json").status_code == 200
    answer = client.post(suggestion_url(suggestion, "decide"), body, format="json")
    assert answer.status_code == 409
    assert documented == [answer.json()]
