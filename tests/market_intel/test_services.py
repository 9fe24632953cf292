"""Duty 3's writes: the two state machines (a market report's, a product suggestion's) by
role, who is told what, the references a record may make, who sees market-wide activity,
and the quarter-end report reminder, once eagerly and once on a real Celery worker.

Moments are fixed and aware in the company's zone (Asia/Shanghai): which quarter a report
counts for is decided by its ``published_at`` there, not in UTC.
"""

import datetime as dt
import zoneinfo

import pytest
from celery.result import EagerResult
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kam.celery import app
from kam.choices import Role
from kam.dates import Quarter
from kam.errors import Conflict
from kam.models import Notification
from market_intel import services
from market_intel.models import Competitor, CompetitorActivity, MarketReport, ProductSuggestion
from market_intel.tasks import task_remind_market_reports
from tests import factories as f
from tests.support import wait_until

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
#: Friday 20 November 2026, 10:00 in Shanghai: when Alice publishes her Q4 report.
PUBLISHED = dt.datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)
DECIDED_ON = dt.date(2026, 11, 23)
SEEN_ON = dt.date(2026, 11, 5)
REPORT = {
    "title": "East China castings, 2026 Q4",
    "year": 2026,
    "quarter": 4,
    "summary": "Sany cut its list prices by 8 % in Zhejiang.",
    "body": "## Pricing\n\nSany cut **8 %** off its list prices.",
}
SUGGESTION = {
    "title": "Corrosion-resistant coating",
    "description": "Two foundries near the coast ask for a salt-spray rated coating.",
}

READ_ONLY = "A published report is read-only."
AUTHOR_ONLY = "Only the report's author may do this."
RND_ONLY = "Only R&D reviews and decides suggestions."
ADMIN_ONLY = "Only an administrator reopens a decided suggestion."
FINAL = "A decided suggestion is final unless an administrator reopens it."
NOT_YOURS = "Your role may not change this record."

SUBMITTED_KIND = "market_intel.suggestion_submitted"
DECIDED_KIND = "market_intel.suggestion_decided"
REMINDER_KIND = "market_intel.report_reminder"


def rnd_member(username: str, **extra):
    return f.UserFactory(
        username=username, role=Role.DEPARTMENT, department=f.department("rnd"), **extra
    )


@pytest.fixture
def rita(db):
    """An R&D member: reviews and decides product suggestions."""
    return rnd_member("rita")


@pytest.fixture
def ada(db):
    """An administrator who is not a superuser (the role alone decides)."""
    return f.UserFactory(username="ada", role=Role.ADMIN)


@pytest.fixture
def competitor(alice):
    return services.competitor_create(
        by=alice,
        name="  Sany Heavy Industry ",
        website="https://www.sany.example",
        strengths="Price; a dense service network.",
        weaknesses="Long lead times for spare parts.",
        pricing_notes="Lists 8 % under us since October.",
    )


@pytest.fixture
def suggestion(alice, alice_account):
    return services.suggestion_create(by=alice, accounts=[alice_account], **SUGGESTION)


@pytest.fixture
def charlie_account(charlie):
    return f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")


def draft(author, **changes) -> MarketReport:
    return services.market_report_create(by=author, **{**REPORT, **changes})


def reload(record):
    return type(record).objects.get(pk=record.pk)


def decision_of(suggestion) -> tuple:
    stored = reload(suggestion)
    return (stored.status, stored.decided_by, stored.decided_on, stored.decision_note)


def told(kind: str) -> list[tuple[str, str, str, str]]:
    return sorted(
        Notification.objects.filter(kind=kind).values_list(
            "user__username", "subject", "body", "url"
        )
    )


# -- competitors ---------------------------------------------------------------------------


def test_a_competitor_is_created_with_its_name_trimmed(competitor):
    stored = reload(competitor)
    assert (stored.name, stored.website, stored.pricing_notes) == (
        "Sany Heavy Industry",
        "https://www.sany.example",
        "Lists 8 % under us since October.",
    )
    assert stored.search_text == "sany heavy industry\nhttps://www.sany.example"


def test_a_competitors_name_is_unique(alice, competitor):
    with pytest.raises(ValidationError) as error:
        services.competitor_create(by=alice, name="Sany Heavy Industry")
    assert error.value.message_dict == {"name": ["A competitor with this name exists already."]}
    assert Competitor.objects.count() == 1


def test_an_executive_may_not_edit_a_competitor(competitor, executive, charlie):
    with pytest.raises(PermissionDenied) as error:
        services.competitor_update(competitor=competitor, by=executive, strengths="None.")
    assert str(error.value) == NOT_YOURS
    # A rep of another team may: competitors are the company's shared knowledge.
    services.competitor_update(competitor=competitor, by=charlie, strengths="None.")
    assert reload(competitor).strengths == "None."


@pytest.mark.parametrize("reference", ["activity", "report", "opportunity"])
def test_a_referenced_competitor_is_not_deleted(alice, alice_account, competitor, reference):
    if reference == "activity":
        services.activity_create(
            by=alice,
            competitor=competitor,
            account=alice_account,
            observed_on=SEEN_ON,
            kind="pricing",
            details="Quoted 8 % under us.",
        )
    elif reference == "report":
        draft(alice, competitors=[competitor])
    else:
        f.OpportunityFactory(account=alice_account, competitor=competitor)

    with pytest.raises(Conflict) as error:
        services.competitor_delete(competitor=competitor, by=alice)

    assert error.value.message == (
        "Activities, reports or deals refer to this competitor: it stays."
    )
    assert Competitor.objects.filter(pk=competitor.pk).exists()


def test_an_unreferenced_competitor_is_deleted(alice, competitor):
    services.competitor_delete(competitor=competitor, by=alice)
    assert not Competitor.objects.filter(pk=competitor.pk).exists()


# -- what was seen of them ------------------------------------------------------------------


def test_an_activity_is_reported_by_its_writer(alice, alice_account, competitor):
    activity = services.activity_create(
        by=alice,
        competitor=competitor,
        account=alice_account,
        observed_on=SEEN_ON,
        kind="win",
        details="Won the press-frame tender.",
    )
    stored = reload(activity)
    assert (stored.reported_by, stored.account, stored.kind) == (alice, alice_account, "win")
    assert stored.search_text == (
        "won the press-frame tender.\nsany heavy industry\nhangzhou precision castings"
    )


@pytest.mark.parametrize("who", ["alice", "executive", "dept_user"])
def test_an_activity_on_an_account_one_may_not_change_is_refused(
    request, competitor, charlie_account, who
):
    user = request.getfixturevalue(who)
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            by=user,
            competitor=competitor,
            account=charlie_account,
            observed_on=SEEN_ON,
            kind="pricing",
            details="Heard of a price cut.",
        )
    assert error.value.message_dict == {"account": ["Choose one of your accounts."]}
    assert CompetitorActivity.objects.count() == 0


def test_an_activity_is_not_moved_onto_anothers_account(
    alice, alice_account, charlie, charlie_account, competitor
):
    mine = services.activity_create(
        by=alice, competitor=competitor, account=alice_account, observed_on=SEEN_ON,
        kind="pricing", details="Quoted 8 % under us.",
    )  # fmt: skip
    theirs = services.activity_create(
        by=charlie, competitor=competitor, account=charlie_account, observed_on=SEEN_ON,
        kind="loss", details="Lost the gearbox order to us.",
    )  # fmt: skip

    with pytest.raises(ValidationError) as error:
        services.activity_update(activity=mine, by=alice, account=charlie_account)
    assert error.value.message_dict == {"account": ["Choose one of your accounts."]}
    with pytest.raises(PermissionDenied) as denied:
        services.activity_update(activity=theirs, by=alice, details="Mine now.")
    assert str(denied.value) == NOT_YOURS
    with pytest.raises(PermissionDenied):
        services.activity_delete(activity=theirs, by=alice)

    assert (reload(mine).account, reload(theirs).details) == (
        alice_account,
        "Lost the gearbox order to us.",
    )


def test_market_wide_activity_is_read_by_every_account_team(
    alice, alice_account, bob, charlie, executive, dept_user, rita, superuser, competitor
):
    market = services.activity_create(
        by=alice, competitor=competitor, account=None, observed_on=SEEN_ON,
        kind="product", details="Launched a 400-tonne press.",
    )  # fmt: skip
    at_account = services.activity_create(
        by=alice, competitor=competitor, account=alice_account, observed_on=SEEN_ON,
        kind="pricing", details="Quoted 8 % under us.",
    )  # fmt: skip

    def seen(user, action="view"):
        return set(CompetitorActivity.objects.visible_to(user, action).values_list("pk", flat=True))

    both = {market.pk, at_account.pk}
    assert {user.username: seen(user) for user in (alice, bob, charlie, executive, superuser)} == {
        "alice": both,
        "bob": both,
        "charlie": {market.pk},
        "eve": both,
        "root": both,
    }
    # Departments keep no accounts: neither tech support nor R&D reads the market log.
    assert (seen(dept_user), seen(rita)) == (set(), set())
    # Its reporter edits it; another team's rep reads it only.
    assert seen(alice, "change") == both
    assert seen(charlie, "change") == set()
    with pytest.raises(PermissionDenied):
        services.activity_update(activity=market, by=charlie, details="Not true.")
    services.activity_update(activity=market, by=alice, details="Launched a 400 t press.")
    assert reload(market).details == "Launched a 400 t press."


# -- market reports: draft → published, then read-only --------------------------------------


def test_a_new_report_is_its_authors_draft(alice, competitor):
    report = draft(alice, competitors=[competitor], status="published")

    stored = reload(report)
    assert (stored.author, stored.status, stored.published_at) == (alice, "draft", None)
    assert list(stored.competitors.all()) == [competitor]
    assert stored.search_text == (
        "east china castings, 2026 q4\nsany cut its list prices by 8 % in zhejiang."
    )


def test_publishing_makes_a_report_read_only(alice, competitor):
    report = draft(alice)

    services.market_report_publish(report=report, by=alice, now=PUBLISHED)

    stored = reload(report)
    assert (stored.status, stored.published_at) == ("published", PUBLISHED)
    assert (report.status, report.published_at) == ("published", PUBLISHED)
    with pytest.raises(Conflict) as twice:
        services.market_report_publish(report=report, by=alice)
    assert twice.value.message == "This report is published already."
    with pytest.raises(Conflict) as changed:
        services.market_report_update(report=reload(report), by=alice, title="Rewritten")
    assert changed.value.message == READ_ONLY
    with pytest.raises(Conflict):
        services.market_report_update(report=reload(report), by=alice, competitors=[competitor])
    with pytest.raises(Conflict) as deleted:
        services.market_report_delete(report=reload(report), by=alice)
    assert deleted.value.message == "A published report stays on record."

    stored = reload(report)
    assert (stored.title, stored.status, stored.published_at) == (
        "East China castings, 2026 Q4",
        "published",
        PUBLISHED,
    )
    assert list(stored.competitors.all()) == []


def test_a_draft_changes_and_is_deleted_by_its_author(alice, competitor):
    report = draft(alice)

    services.market_report_update(
        report=report,
        by=alice,
        title="East China, Q4",
        status="published",
        competitors=[competitor],
    )

    stored = reload(report)
    assert (stored.title, stored.status, list(stored.competitors.all())) == (
        "East China, Q4",
        "draft",
        [competitor],
    )
    services.market_report_delete(report=stored, by=alice)
    assert not MarketReport.objects.filter(pk=report.pk).exists()


@pytest.mark.parametrize("who", ["bob", "charlie", "executive"])
def test_only_the_author_publishes_edits_or_deletes(request, alice, who):
    """Bob manages Alice and reads her published reports, but her draft is hers."""
    user = request.getfixturevalue(who)
    report = draft(alice)

    for attempt in (
        lambda: services.market_report_publish(report=report, by=user),
        lambda: services.market_report_update(report=report, by=user, title="Mine"),
        lambda: services.market_report_delete(report=report, by=user),
    ):
        with pytest.raises(PermissionDenied) as error:
            attempt()
        assert str(error.value) == AUTHOR_ONLY

    stored = reload(report)
    assert (stored.title, stored.status) == ("East China castings, 2026 Q4", "draft")


@pytest.mark.parametrize("missing", ["summary", "body"])
def test_publishing_needs_a_summary_and_a_body(alice, missing):
    report = draft(alice, **{missing: "  \n "})

    with pytest.raises(ValidationError) as error:
        services.market_report_publish(report=report, by=alice, now=PUBLISHED)

    assert error.value.messages == ["A report is published with its title, summary and body."]
    assert (reload(report).status, reload(report).published_at) == ("draft", None)


def test_a_report_has_a_title(alice):
    """A title of spaces is no title (the services are called by admin and jobs too, where
    no form trims it first)."""
    with pytest.raises(ValidationError) as error:
        draft(alice, title="   ")
    assert list(error.value.message_dict) == ["title"]
    assert MarketReport.objects.count() == 0


def test_publishing_needs_a_title(alice):
    report = draft(alice)
    MarketReport.objects.filter(pk=report.pk).update(title="")  # behind the services' back

    with pytest.raises(ValidationError) as refused:
        services.market_report_publish(report=report, by=alice, now=PUBLISHED)

    assert refused.value.messages == ["A report is published with its title, summary and body."]
    assert (reload(report).status, reload(report).published_at) == ("draft", None)


# -- product suggestions: submitted → under review → adopted | rejected ----------------------


def test_a_new_suggestion_is_submitted_whatever_it_claims(alice, alice_account, rita):
    suggestion = services.suggestion_create(
        by=alice,
        accounts=[alice_account],
        status="adopted",
        decided_by=rita,
        decided_on=DECIDED_ON,
        decision_note="Self-approved.",
        **SUGGESTION,
    )
    assert decision_of(suggestion) == ("submitted", None, None, "")
    assert (reload(suggestion).submitted_by, list(reload(suggestion).accounts.all())) == (
        alice,
        [alice_account],
    )


@pytest.mark.parametrize("who", ["alice", "charlie", "bob", "executive", "dept_user"])
def test_nobody_but_rnd_and_admins_reviews_or_decides(request, suggestion, rita, who):
    user = request.getfixturevalue(who)

    for attempt in (
        lambda: services.suggestion_review(suggestion=suggestion, by=user),
        lambda: services.suggestion_decide(suggestion=suggestion, by=user, decision="adopted"),
        lambda: services.suggestion_decide(
            suggestion=suggestion, by=user, decision="rejected", note="No market for it."
        ),
    ):
        with pytest.raises(PermissionDenied) as error:
            attempt()
        assert str(error.value) == RND_ONLY

    assert decision_of(suggestion) == ("submitted", None, None, "")
    assert told(DECIDED_KIND) == []
    # Nor do they reopen what R&D decided.
    services.suggestion_decide(suggestion=suggestion, by=rita, decision="adopted")
    with pytest.raises(PermissionDenied) as error:
        services.suggestion_reopen(suggestion=suggestion, by=user)
    assert str(error.value) == ADMIN_ONLY
    assert reload(suggestion).status == "adopted"


@pytest.mark.parametrize("who", ["rita", "ada", "superuser"])
def test_rnd_and_admins_review_and_decide(request, suggestion, who):
    user = request.getfixturevalue(who)

    reviewed = services.suggestion_review(suggestion=suggestion, by=user)
    assert (reviewed.status, reload(suggestion).status) == ("under_review", "under_review")
    with pytest.raises(Conflict) as twice:
        services.suggestion_review(suggestion=suggestion, by=user)
    assert twice.value.message == (
        "Only a submitted suggestion is taken under review; this one is Under review."
    )

    decided = services.suggestion_decide(
        suggestion=suggestion,
        by=user,
        decision="adopted",
        note="  In the X200's 2027 Q2 release. ",
        today=DECIDED_ON,
    )

    assert decided.status == "adopted"
    assert decision_of(suggestion) == (
        "adopted",
        user,
        DECIDED_ON,
        "In the X200's 2027 Q2 release.",
    )


def test_a_submitted_suggestion_is_decided_without_a_review(suggestion, rita):
    services.suggestion_decide(
        suggestion=suggestion, by=rita, decision="rejected", note="Out of scope.", today=DECIDED_ON
    )
    assert decision_of(suggestion) == ("rejected", rita, DECIDED_ON, "Out of scope.")


@pytest.mark.parametrize("first", ["adopted", "rejected"])
def test_a_decision_is_final(suggestion, rita, ada, first):
    services.suggestion_decide(
        suggestion=suggestion, by=rita, decision=first, note="Decided.", today=DECIDED_ON
    )
    label = {"adopted": "Adopted", "rejected": "Rejected"}[first]

    for by, decision in ((rita, "adopted"), (ada, "rejected")):
        with pytest.raises(Conflict) as error:
            services.suggestion_decide(
                suggestion=suggestion, by=by, decision=decision, note="Again."
            )
        assert error.value.message == (
            f"This suggestion is {label} already; an administrator may reopen it."
        )
    with pytest.raises(Conflict) as review:
        services.suggestion_review(suggestion=suggestion, by=rita)
    assert review.value.message == (
        f"Only a submitted suggestion is taken under review; this one is {label}."
    )
    assert decision_of(suggestion) == (first, rita, DECIDED_ON, "Decided.")
    assert len(told(DECIDED_KIND)) == 1


@pytest.mark.parametrize("note", ["", "   \n"])
def test_a_rejection_says_why(suggestion, rita, note):
    with pytest.raises(ValidationError) as error:
        services.suggestion_decide(suggestion=suggestion, by=rita, decision="rejected", note=note)
    assert error.value.message_dict == {"note": ["Say why it is rejected."]}
    assert decision_of(suggestion) == ("submitted", None, None, "")
    assert told(DECIDED_KIND) == []


def test_an_adoption_needs_no_note(suggestion, rita):
    services.suggestion_decide(suggestion=suggestion, by=rita, decision="adopted", today=DECIDED_ON)
    assert decision_of(suggestion) == ("adopted", rita, DECIDED_ON, "")


@pytest.mark.parametrize("decision", ["under_review", "submitted", "maybe"])
def test_a_decision_is_adopted_or_rejected(suggestion, rita, decision):
    with pytest.raises(ValidationError) as error:
        services.suggestion_decide(suggestion=suggestion, by=rita, decision=decision, note="Hm.")
    assert error.value.message_dict == {"decision": ["Decide adopted or rejected."]}
    assert decision_of(suggestion) == ("submitted", None, None, "")


def test_the_author_edits_until_rnd_decides(suggestion, alice, rita):
    services.suggestion_update(
        suggestion=suggestion, by=alice, title="Salt-spray coating", status="adopted"
    )
    services.suggestion_review(suggestion=suggestion, by=rita)
    services.suggestion_update(suggestion=reload(suggestion), by=alice, description="1,000 h.")
    assert (reload(suggestion).title, reload(suggestion).description) == (
        "Salt-spray coating",
        "1,000 h.",
    )
    assert reload(suggestion).status == "under_review"
    # R&D decides the suggestion; the words stay the author's.
    with pytest.raises(PermissionDenied) as rnd:
        services.suggestion_update(suggestion=reload(suggestion), by=rita, title="Better")
    assert str(rnd.value) == "R&D decides suggestions; their text is the author's."

    services.suggestion_decide(suggestion=suggestion, by=rita, decision="adopted")

    with pytest.raises(Conflict) as final:
        services.suggestion_update(suggestion=reload(suggestion), by=alice, title="Changed")
    assert final.value.message == FINAL
    assert reload(suggestion).title == "Salt-spray coating"


def test_a_rejected_suggestion_is_not_edited_either(suggestion, alice, rita):
    services.suggestion_decide(suggestion=suggestion, by=rita, decision="rejected", note="No.")
    with pytest.raises(Conflict) as error:
        services.suggestion_update(suggestion=reload(suggestion), by=alice, accounts=[])
    assert error.value.message == FINAL
    assert reload(suggestion).accounts.count() == 1


@pytest.mark.parametrize("who", ["ada", "superuser"])
def test_an_admin_reopens_a_decision_and_history_keeps_it(request, suggestion, rita, who):
    admin = request.getfixturevalue(who)
    services.suggestion_review(suggestion=suggestion, by=rita)
    services.suggestion_decide(
        suggestion=suggestion, by=rita, decision="adopted", note="Yes.", today=DECIDED_ON
    )

    reopened = services.suggestion_reopen(suggestion=suggestion, by=admin)

    assert (reopened.status, reopened.decided_by, reopened.decided_on) == (
        "under_review",
        None,
        None,
    )
    assert decision_of(suggestion) == ("under_review", None, None, "")
    steps = list(
        suggestion.history.order_by("history_id").values_list(
            "status", "decided_by", "decided_on", "decision_note"
        )
    )
    assert steps[0] == ("submitted", None, None, "")
    assert steps[-3:] == [
        ("under_review", None, None, ""),
        ("adopted", rita.pk, DECIDED_ON, "Yes."),
        ("under_review", None, None, ""),
    ]
    # Open again: R&D decides anew, and the author hears of it again.
    services.suggestion_decide(
        suggestion=suggestion, by=rita, decision="rejected", note="Costs too much.",
        today=DECIDED_ON + dt.timedelta(days=7),
    )  # fmt: skip
    assert decision_of(suggestion) == (
        "rejected",
        rita,
        DECIDED_ON + dt.timedelta(days=7),
        "Costs too much.",
    )
    assert [subject for _user, subject, _body, _url in told(DECIDED_KIND)] == [
        "Your suggestion “Corrosion-resistant coating” is Adopted",
        "Your suggestion “Corrosion-resistant coating” is Rejected",
    ]


def test_rnd_does_not_reopen_and_only_a_decision_is_reopened(suggestion, rita, superuser):
    services.suggestion_decide(suggestion=suggestion, by=rita, decision="adopted")
    with pytest.raises(PermissionDenied) as error:
        services.suggestion_reopen(suggestion=suggestion, by=rita)
    assert str(error.value) == ADMIN_ONLY
    assert reload(suggestion).status == "adopted"

    services.suggestion_reopen(suggestion=suggestion, by=superuser)
    with pytest.raises(Conflict) as again:
        services.suggestion_reopen(suggestion=suggestion, by=superuser)
    assert again.value.message == "Only a decided suggestion is reopened."


# -- who is told ------------------------------------------------------------------------------


def test_every_active_rnd_member_hears_of_a_new_suggestion(alice, alice_account, rita, dept_user):
    rnd_member("ray")
    rnd_member("rex", is_active=False)

    suggestion = services.suggestion_create(by=alice, accounts=[alice_account], **SUGGESTION)

    url = reverse("market_intel:suggestion-detail", args=[suggestion.pk])
    message = (
        "New product suggestion: Corrosion-resistant coating",
        SUGGESTION["description"],
        url,
    )
    assert told(SUBMITTED_KIND) == [("ray", *message), ("rita", *message)]
    assert Notification.objects.exclude(kind=SUBMITTED_KIND).count() == 0


def test_the_author_hears_of_the_decision(suggestion, alice, rita):
    services.suggestion_review(suggestion=suggestion, by=rita)
    assert told(DECIDED_KIND) == []  # under review is not news yet

    services.suggestion_decide(
        suggestion=suggestion, by=rita, decision="rejected", note="Our supplier cannot do it."
    )

    url = reverse("market_intel:suggestion-detail", args=[suggestion.pk])
    assert told(DECIDED_KIND) == [
        (
            "alice",
            "Your suggestion “Corrosion-resistant coating” is Rejected",
            "Our supplier cannot do it.",
            url,
        )
    ]


# -- the accounts a suggestion names ---------------------------------------------------------


@pytest.mark.parametrize("who", ["alice", "executive"])
def test_a_suggestion_names_only_the_writers_accounts(
    request, alice_account, charlie_account, rita, who
):
    """Alice may not name Charlie's account; the executive sees every account but keeps none."""
    user = request.getfixturevalue(who)
    accounts = [charlie_account] if who == "alice" else [alice_account]

    with pytest.raises(ValidationError) as error:
        services.suggestion_create(by=user, accounts=accounts, **SUGGESTION)

    assert error.value.message_dict == {"accounts": ["Choose accounts you look after."]}
    assert ProductSuggestion.objects.count() == 0
    assert told(SUBMITTED_KIND) == []


def test_a_suggestion_is_not_relinked_to_anothers_account(
    suggestion, alice, alice_account, bob, charlie_account
):
    with pytest.raises(ValidationError) as error:
        services.suggestion_update(
            suggestion=suggestion, by=alice, accounts=[alice_account, charlie_account]
        )
    assert error.value.message_dict == {"accounts": ["Choose accounts you look after."]}
    assert list(reload(suggestion).accounts.all()) == [alice_account]
    # Her manager names the accounts of his team.
    other = f.AccountFactory(owner=alice, name="Ningbo Gearbox Works")
    services.suggestion_update(suggestion=suggestion, by=bob, accounts=[alice_account, other])
    assert set(reload(suggestion).accounts.all()) == {alice_account, other}


# -- the quarter-end reminder ------------------------------------------------------------------

Q4 = Quarter(2026, 4)
#: 2026 Q4 ends on Thursday 31 December; its last 14 days start on the 18th.
LAST_14_DAYS = dt.date(2026, 12, 18)
REMINDER = (
    REMINDER_KIND,
    "Your market report for 2026 Q4 is due",
    "2026 Q4 ends in 14 days and you have published no market report for it yet.",
)


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SHANGHAI)


def published(author, when, **changes) -> MarketReport:
    report = draft(author, **changes)
    return services.market_report_publish(report=report, by=author, now=when)


@pytest.fixture
def reps(db):
    """Reps in every situation the reminder must tell apart for 2026 Q4."""
    manager = f.UserFactory(username="mia", role=Role.MANAGER)
    team = f.TeamFactory(name="South", manager=manager)

    def rep(username, **extra):
        return f.UserFactory(username=username, role=Role.REP, team=team, **extra)

    people = {
        "mia": manager,
        "ann": rep("ann"),  # published in the quarter
        "eli": rep("eli"),  # published at 00:30 on 1 October in Shanghai (still 30 Sep in UTC)
        "cal": rep("cal"),  # a "Q4" report, published on 30 September at 23:30 in Shanghai
        "dan": rep("dan"),  # a draft only
        "fay": rep("fay"),  # nothing at all
        "lee": rep("lee"),  # published at 00:00 on 1 January (31 December in UTC)
        "gus": rep("gus", is_active=False),  # left the company
    }
    published(people["ann"], at(2026, 11, 20, 10, 0))
    published(people["eli"], at(2026, 10, 1, 0, 30))
    published(people["cal"], at(2026, 9, 30, 23, 30))
    published(people["cal"], at(2026, 7, 15, 9, 0), year=2026, quarter=3)
    draft(people["dan"])
    published(people["lee"], at(2027, 1, 1, 0, 0))
    published(manager, at(2026, 11, 2, 9, 0))
    return people


def reminded() -> list[tuple[str, str, str, str, str]]:
    return sorted(
        Notification.objects.filter(kind=REMINDER_KIND).values_list(
            "user__username", "kind", "subject", "body", "url"
        )
    )


def test_reps_without_a_report_by_published_at_in_the_companys_zone(reps):
    assert [user.username for user in services.reps_without_report(Q4)] == [
        "cal",
        "dan",
        "fay",
        "lee",
    ]
    assert [user.username for user in services.reps_without_report(Quarter(2026, 3))] == [
        "ann",
        "eli",
        "dan",
        "fay",
        "lee",
    ]
    assert [user.username for user in services.reps_without_report(Quarter(2027, 1))] == [
        "ann",
        "eli",
        "cal",
        "dan",
        "fay",
    ]


def test_nobody_is_reminded_before_the_last_14_days(reps, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        for day in (dt.date(2026, 10, 1), dt.date(2026, 12, 1), dt.date(2026, 12, 17)):
            assert services.market_reports_remind(today=day) == {
                "quarter": "2026 Q4",
                "reminded": 0,
            }
    assert (Notification.objects.count(), queued) == (0, [])


def test_reps_without_a_report_are_reminded_once(reps, django_capture_on_commit_callbacks):
    url = reverse("market_intel:report-create")

    with django_capture_on_commit_callbacks() as first:
        summary = services.market_reports_remind(today=LAST_14_DAYS)

    assert summary == {"quarter": "2026 Q4", "reminded": 4}
    assert reminded() == [(name, *REMINDER, url) for name in ("cal", "dan", "fay", "lee")]
    # One e-mail each, queued after commit.
    assert len(first) == 4
    assert Notification.objects.filter(kind=REMINDER_KIND, email_pending=True).count() == 4

    # The daily job runs again, the same day and up to the quarter's last: nothing new.
    with django_capture_on_commit_callbacks() as again:
        for day in (LAST_14_DAYS, dt.date(2026, 12, 24), dt.date(2026, 12, 31)):
            assert services.market_reports_remind(today=day) == {
                "quarter": "2026 Q4",
                "reminded": 0,
            }
    assert (Notification.objects.count(), again) == (4, [])

    # Publishing late does not undo the reminder; the next quarter reminds anew.
    published(reps["fay"], at(2026, 12, 20, 9, 0))
    assert services.market_reports_remind(today=dt.date(2027, 3, 17))["reminded"] == 0
    assert services.market_reports_remind(today=dt.date(2027, 3, 18)) == {
        "quarter": "2027 Q1",
        "reminded": 5,
    }
    assert Notification.objects.filter(kind=REMINDER_KIND).count() == 9


def test_the_last_days_reminder_counts_one_day(reps):
    """A rep who joins on the quarter's last day is told one day is left."""
    services.market_reports_remind(today=LAST_14_DAYS)
    f.UserFactory(username="new", role=Role.REP)

    assert services.market_reports_remind(today=dt.date(2026, 12, 31))["reminded"] == 1

    assert Notification.objects.get(kind=REMINDER_KIND, user__username="new").body == (
        "2026 Q4 ends in 1 day and you have published no market report for it yet."
    )


# -- the scheduled job, on a real worker ------------------------------------------------------

RESULT_TIMEOUT = 60


def run_task(**kwargs) -> dict:
    result = task_remind_market_reports.delay(**kwargs)
    # Through the broker unless the project runs eagerly: no silent fallback in CI.
    assert isinstance(result, EagerResult) is app.conf.task_always_eager
    return result.get(timeout=RESULT_TIMEOUT)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_reminder_job_on_a_real_worker_reminds_once(celery_worker, reps):
    url = reverse("market_intel:report-create")

    assert run_task(today="2026-12-17") == {"quarter": "2026 Q4", "reminded": 0}
    assert Notification.objects.count() == 0

    assert run_task(today=LAST_14_DAYS.isoformat()) == {"quarter": "2026 Q4", "reminded": 4}

    assert reminded() == [(name, *REMINDER, url) for name in ("cal", "dan", "fay", "lee")]
    # The e-mails go out through the worker after commit.
    wait_until(lambda: len(mail.outbox) == 4)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "cal@example.com",
        "dan@example.com",
        "fay@example.com",
        "lee@example.com",
    ]
    assert {message.subject for message in mail.outbox} == {REMINDER[1]}
    assert REMINDER[2] in mail.outbox[0].body

    # Run again (the same day, or the next): nobody is told anything twice.
    assert run_task(today=LAST_14_DAYS.isoformat()) == {"quarter": "2026 Q4", "reminded": 0}
    assert run_task(today="2026-12-19") == {"quarter": "2026 Q4", "reminded": 0}
    assert Notification.objects.count() == 4
    assert len(mail.outbox) == 4


def test_beat_schedule_runs_the_reminder_daily():
    app.loader.import_default_modules()
    entry = app.conf.beat_schedule["remind-market-reports-daily"]
    assert entry["task"] == "market_intel.remind_market_reports"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({8}, {0})
    task = app.tasks["market_intel.remind_market_reports"]
    assert task.__module__ == "market_intel.tasks"
    assert task.name == task_remind_market_reports.name
    assert (task.time_limit, task.soft_time_limit) == (600, 540)
