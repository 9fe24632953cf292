"""Reads and aggregates of duty 1, with exact numbers."""

import datetime as dt

from django.utils import timezone

from accounts import selectors
from accounts.choices import AccountStatus
from kam.choices import Role
from tests import factories as f

# Wednesday; the week started on Monday 2026-03-02.
NOW_DAY = dt.date(2026, 3, 4)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


NOW = at(NOW_DAY, 12)


def visit(account, day, hour=10, **kwargs):
    return f.VisitFactory(account=account, visited_at=at(day, hour), **kwargs)


# open_follow_ups


def test_open_follow_ups_due_within_a_week_without_a_later_visit(alice, alice_account, charlie):
    overdue = visit(alice_account, dt.date(2026, 2, 1), follow_up_on=dt.date(2026, 2, 20))
    other = f.AccountFactory(owner=alice, name="Beta Ltd")
    closed = visit(other, dt.date(2026, 2, 1), follow_up_on=dt.date(2026, 3, 5))
    visit(other, dt.date(2026, 2, 10))  # the later visit closes the follow-up above
    due_soon = visit(
        f.AccountFactory(owner=alice, name="Gamma Ltd"),
        dt.date(2026, 3, 1),
        follow_up_on=dt.date(2026, 3, 11),
    )
    visit(
        f.AccountFactory(owner=alice, name="Far Ltd"),
        dt.date(2026, 3, 1),
        follow_up_on=dt.date(2026, 3, 12),
    )  # beyond the week
    visit(
        f.AccountFactory(
            owner=alice,
            name="Gone Ltd",
            status=AccountStatus.CHURNED,
            churned_on=dt.date(2026, 3, 1),
        ),
        dt.date(2026, 2, 1),
        follow_up_on=dt.date(2026, 2, 2),
    )
    visit(
        f.AccountFactory(owner=charlie, name="Charlie Ltd"),
        dt.date(2026, 2, 1),
        follow_up_on=dt.date(2026, 2, 2),
    )

    assert list(selectors.open_follow_ups(alice, today=NOW_DAY)) == [overdue, due_soon]
    assert closed not in selectors.open_follow_ups(alice, today=NOW_DAY)
    assert [v.account.name for v in selectors.open_follow_ups(charlie, today=NOW_DAY)] == [
        "Charlie Ltd"
    ]


def test_open_follow_up_closed_by_a_later_visit_of_another_rep(alice, bob, alice_account):
    visit(alice_account, dt.date(2026, 2, 1), follow_up_on=dt.date(2026, 2, 20))
    assert selectors.open_follow_ups(alice, today=NOW_DAY).count() == 1

    visit(alice_account, dt.date(2026, 2, 21), rep=bob)

    assert selectors.open_follow_ups(alice, today=NOW_DAY).count() == 0


# unvisited_accounts


def test_unvisited_accounts(alice, charlie):
    never = f.AccountFactory(
        owner=alice, name="Zeta Prospect", status=AccountStatus.PROSPECT, customer_since=None
    )
    lapsed = f.AccountFactory(owner=alice, name="Alpha Ltd")
    visit(lapsed, NOW_DAY - dt.timedelta(days=200))
    older = f.AccountFactory(owner=alice, name="Omega Ltd")
    visit(older, NOW_DAY - dt.timedelta(days=300))
    visit(older, NOW_DAY - dt.timedelta(days=400))
    recent = f.AccountFactory(owner=alice, name="Recent Ltd")
    visit(recent, NOW_DAY - dt.timedelta(days=300))
    visit(recent, NOW_DAY - dt.timedelta(days=89))
    visit(
        f.AccountFactory(
            owner=alice,
            name="Gone Ltd",
            status=AccountStatus.CHURNED,
            churned_on=dt.date(2025, 1, 1),
        ),
        NOW_DAY - dt.timedelta(days=500),
    )
    theirs = f.AccountFactory(owner=charlie, name="Charlie Ltd")

    result = list(selectors.unvisited_accounts(alice, now=NOW))

    # Never visited first, then the longest gone.
    assert result == [never, older, lapsed]
    assert [a.last_visited_at for a in result] == [
        None,
        at(NOW_DAY - dt.timedelta(days=300)),
        at(NOW_DAY - dt.timedelta(days=200)),
    ]
    assert list(selectors.unvisited_accounts(now=NOW)) == [theirs, never, older, lapsed]
    assert list(selectors.unvisited_accounts(alice, now=NOW, days=400)) == [never]


# team_activity


def test_team_activity_exact_numbers(alice, bob, team_a, charlie):
    ann = f.UserFactory(username="ann", role=Role.REP, team=team_a)
    f.UserFactory(username="idle", role=Role.REP, team=team_a, is_active=False)
    main = f.AccountFactory(owner=alice, name="Main Ltd")
    visit(main, dt.date(2026, 3, 2), hour=9)  # this week (Monday)
    visit(main, dt.date(2026, 3, 1), hour=23)  # last week (Sunday)
    visit(main, dt.date(2026, 2, 20), follow_up_on=dt.date(2026, 2, 25))  # closed later
    slow = f.AccountFactory(owner=alice, name="Slow Ltd")
    visit(slow, dt.date(2026, 1, 10), follow_up_on=dt.date(2026, 2, 1))  # overdue
    visit(f.AccountFactory(owner=alice, name="Old Ltd"), dt.date(2025, 10, 1))  # unvisited
    f.AccountFactory(owner=alice, name="Never Ltd")  # unvisited
    visit(
        f.AccountFactory(
            owner=alice,
            name="Gone Ltd",
            status=AccountStatus.CHURNED,
            churned_on=dt.date(2026, 1, 1),
        ),
        dt.date(2025, 6, 1),
        follow_up_on=dt.date(2025, 7, 1),
    )  # churned: counts nowhere
    # Ann visits Alice's account this week: it counts for the rep who visited.
    visit(main, dt.date(2026, 3, 3), rep=ann)
    visit(f.AccountFactory(owner=charlie, name="Charlie Ltd"), dt.date(2026, 3, 3))

    rows = selectors.team_activity(bob, now=NOW)

    assert {
        r.username: (r.visits_this_week, r.overdue_follow_ups, r.unvisited_accounts) for r in rows
    } == {"alice": (1, 1, 2), "ann": (1, 0, 0)}
    assert list(selectors.team_activity(alice, now=NOW)) == []


# account_csat


def test_account_csat_without_responses(alice_account):
    assert selectors.account_csat(alice_account) == {"responses": 0, "satisfied": 0, "csat": None}


def test_account_csat_exact(alice_account):
    for score in (5, 4, 2):
        f.SurveyResponseFactory(account=alice_account, score=score)
    f.SurveyResponseFactory(account=f.AccountFactory(owner=alice_account.owner), score=1)

    assert selectors.account_csat(alice_account) == {"responses": 3, "satisfied": 2, "csat": 66.7}


# stakeholder_tree


def test_stakeholder_tree_order_and_depth(alice_account):
    ceo = f.ContactFactory(account=alice_account, name="Ann Chen")
    cto = f.ContactFactory(account=alice_account, name="Cai Lin", reports_to=ceo)
    cfo = f.ContactFactory(account=alice_account, name="Bo Wu", reports_to=ceo)
    engineer = f.ContactFactory(account=alice_account, name="Du Fang", reports_to=cto)
    loner = f.ContactFactory(account=alice_account, name="Zhou Yi")
    # Bad data (a boss at another account) must not lose the contact from the map.
    stray = f.ContactFactory(
        account=alice_account, name="Yang Bo", reports_to=f.ContactFactory(name="Elsewhere")
    )

    tree = selectors.stakeholder_tree(alice_account)

    assert [(contact.name, depth) for contact, depth in tree] == [
        ("Ann Chen", 0),
        ("Bo Wu", 1),
        ("Cai Lin", 1),
        ("Du Fang", 2),
        ("Yang Bo", 0),
        ("Zhou Yi", 0),
    ]
    assert [contact for contact, _ in tree] == [ceo, cfo, cto, engineer, stray, loner]


def test_stakeholder_tree_empty(alice_account):
    assert selectors.stakeholder_tree(alice_account) == []


# accounts_for_user


def test_accounts_for_user_annotates_last_visit(alice, alice_account, charlie):
    visit(alice_account, dt.date(2026, 1, 5))
    visit(alice_account, dt.date(2026, 2, 5))
    f.AccountFactory(owner=charlie)

    rows = list(selectors.accounts_for_user(alice))

    assert [(a, a.last_visited_at) for a in rows] == [(alice_account, at(dt.date(2026, 2, 5)))]
