"""Duty 6's reads: a contract's page (versions, negotiation rounds, reviews by round,
history), the contracts up for renewal, the reviews waiting for a department and an
account's contracts, each for the personas who may and may not see them, with pinned
query counts."""

import datetime as dt

import pytest

from contracts import selectors, services
from contracts.models import ContractReview
from kam.choices import Role
from kam.dates import company_today
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

BODY = "1. Scope of supply\n2. Price: 100 per piece\n3. Payment within 30 days"
BODY_2 = "1. Scope of supply\n2. Price: 95 per piece\n3. Payment within 30 days"
STARTS = dt.date(2027, 1, 1)
ENDS = dt.date(2027, 12, 31)


def a_round(contract, by, held_on, topics):
    return services.negotiation_add(
        contract=contract,
        by=by,
        held_on=held_on,
        participants="Wang Lei (purchasing); Alice",
        topics=topics,
    )


def decide(contract, code, by, decision="approved", comments=""):
    review = ContractReview.objects.get(
        contract=contract, department__code=code, superseded_at__isnull=True
    )
    return services.review_decide(review=review, by=by, decision=decision, comments=comments)


def pks(records) -> list[int]:
    return [record.pk for record in records]


@pytest.fixture
def account(alice):
    return f.AccountFactory(owner=alice, name="Hangzhou Precision Castings")


@pytest.fixture
def charlie_account(charlie):
    return f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")


@pytest.fixture
def contract(account):
    return f.ContractFactory(
        account=account, number="HT-2027-0001", starts_on=STARTS, ends_on=ENDS, body=BODY
    )


@pytest.fixture
def signer(legal_user, finance_user):
    """Takes a contract through review to signed (on ``signed_on``, default today)."""

    def sign(contract, *, signed_on=None):
        owner = contract.account.owner
        services.contract_submit_for_review(contract=contract, by=owner)
        decide(contract, "legal", legal_user)
        decide(contract, "finance", finance_user)
        return services.contract_transition(
            contract=contract,
            to_status="signed",
            by=owner,
            signed_on=signed_on or min(company_today(), contract.starts_on),
        )

    return sign


@pytest.fixture
def worked(contract, alice, legal_user, finance_user):
    """Two negotiation rounds (recorded out of order), three versions and two review
    rounds: the first returned by legal, the second on version 3 half approved."""
    a_round(contract, alice, dt.date(2026, 11, 20), "Price per piece")
    a_round(contract, alice, dt.date(2026, 11, 6), "Scope of supply")
    services.contract_submit_for_review(contract=contract, by=alice)
    decide(contract, "finance", finance_user, comments="Fine")
    decide(contract, "legal", legal_user, "changes_requested", comments="Cap liability")
    services.version_add(contract=contract, by=alice, body=BODY_2, change_summary="Price 95")
    services.version_add(contract=contract, by=alice, body=BODY_2 + "\n4. Liability cap")
    services.contract_submit_for_review(contract=contract, by=alice)
    decide(contract, "legal", legal_user)
    return contract


# -- a contract's page ----------------------------------------------------------------------


def test_the_page_lists_versions_newest_first_and_rounds_in_order(worked, alice):
    page = selectors.contract_page(alice, worked)

    assert [version.version_no for version in page["versions"]] == [3, 2, 1]
    assert page["versions"][1].change_summary == "Price 95"
    assert [record.held_on for record in page["negotiations"]] == [
        dt.date(2026, 11, 6),
        dt.date(2026, 11, 20),
    ]
    assert [record.topics for record in page["negotiations"]] == [
        "Scope of supply",
        "Price per piece",
    ]
    assert page["renewals"] == []


def test_the_page_splits_the_current_round_from_earlier_ones(worked, alice):
    page = selectors.contract_page(alice, worked)

    assert [
        (review.version.version_no, review.department.code, review.decision)
        for review in page["current_reviews"]
    ] == [(3, "finance", "pending"), (3, "legal", "approved")]
    assert [
        (review.version.version_no, review.department.code, review.decision, review.comments)
        for review in page["earlier_reviews"]
    ] == [
        (1, "finance", "approved", "Fine"),
        (1, "legal", "changes_requested", "Cap liability"),
    ]
    assert all(review.superseded_at is not None for review in page["earlier_reviews"])


def test_a_reviewer_sees_the_text_and_rounds_but_only_their_departments_reviews(
    worked, finance_user, legal_user
):
    page = selectors.contract_page(finance_user, worked)

    assert [version.version_no for version in page["versions"]] == [3, 2, 1]
    assert len(page["negotiations"]) == 2
    assert [(r.version.version_no, r.department.code) for r in page["current_reviews"]] == [
        (3, "finance")
    ]
    assert [(r.version.version_no, r.department.code) for r in page["earlier_reviews"]] == [
        (1, "finance")
    ]
    legal_page = selectors.contract_page(legal_user, worked)
    assert [r.department.code for r in legal_page["current_reviews"]] == ["legal"]


@pytest.mark.parametrize("who", ["charlie", "logistics_user", "dept_user"])
def test_the_page_of_a_contract_one_does_not_see_is_empty(request, worked, who):
    page = selectors.contract_page(request.getfixturevalue(who), worked)

    assert (
        page["versions"],
        page["negotiations"],
        page["current_reviews"],
        page["earlier_reviews"],
    ) == ([], [], [], [])


def test_the_page_lists_the_renewals_seen(contract, alice, charlie, signer):
    signer(contract)
    renewal = services.contract_renew(contract=contract, by=alice, number="HT-2028-0001")

    assert pks(selectors.contract_page(alice, contract)["renewals"]) == [renewal.pk]
    assert selectors.contract_page(charlie, contract)["renewals"] == []


@pytest.mark.parametrize("rounds", [1, 6])
def test_the_page_reads_in_a_fixed_number_of_queries(
    contract, alice, legal_user, finance_user, django_assert_num_queries, rounds
):
    for number in range(rounds):
        a_round(
            contract, alice, dt.date(2026, 11, 1) + dt.timedelta(days=number), f"Topic {number}"
        )
        services.contract_submit_for_review(contract=contract, by=alice)
        decide(contract, "legal", legal_user, "changes_requested", comments=f"Round {number}")
        services.version_add(contract=contract, by=alice, body=f"{BODY}\n{number}. Extra")
    services.contract_update(contract=contract, by=alice, title="Renamed")

    # versions, rounds, reviews, history rows, their owners, renewals
    with django_assert_num_queries(6):
        page = selectors.contract_page(alice, contract)
        shown = [
            *(
                (r.department.name, r.version.version_no, r.requested_by.username, r.reviewer)
                for r in page["current_reviews"] + page["earlier_reviews"]
            ),
            *(version.created_by.username for version in page["versions"]),
            *(record.recorded_by.username for record in page["negotiations"]),
            *(entry.user for entry in page["history"]),
        ]
    assert shown
    assert len(page["versions"]) == rounds + 1
    assert len(page["earlier_reviews"]) == 2 * rounds


# -- a contract's history --------------------------------------------------------------------


def test_the_history_says_who_changed_what_newest_first(contract, alice, bob, team_a):
    wang = f.UserFactory(
        username="wangfang", role=Role.REP, team=team_a, first_name="芳", last_name="王"
    )
    a_round(contract, alice, dt.date(2026, 11, 20), "Price")
    services.contract_update(contract=contract, by=bob, owner=wang, title="Castings 2027")
    services.contract_transition(contract=contract, to_status="terminated", by=bob, note="Lost")

    entries = selectors.contract_history(contract, limit=100)

    assert [[(str(label), old, new) for label, old, new in entry.changes] for entry in entries] == [
        [
            ("status", "Negotiating", "Terminated"),
            ("status note", "The first negotiation round was recorded.", "Lost"),
        ],
        [("title", contract.title, "Castings 2027"), ("owner", alice.display_name, "王芳")],
        [
            ("status", "Draft", "Negotiating"),
            ("status note", "", "The first negotiation round was recorded."),
        ],
        [],
    ]
    assert [entry.created for entry in entries] == [False, False, False, True]
    times = [entry.at for entry in entries]
    assert times == sorted(times, reverse=True)


def test_the_history_shows_term_changes_and_the_signing(contract, alice, signer):
    services.contract_update(contract=contract, by=alice, ends_on=dt.date(2027, 6, 30))
    signed = signer(contract, signed_on=dt.date(2026, 11, 30))

    changes = [
        (str(label), old, new)
        for entry in selectors.contract_history(signed, limit=100)
        for label, old, new in entry.changes
    ]

    assert ("ends on", ENDS, dt.date(2027, 6, 30)) in changes
    assert ("signed on", None, dt.date(2026, 11, 30)) in changes
    assert [change for change in changes if change[0] == "status"] == [
        ("status", "Approved", "Signed"),
        ("status", "In review", "Approved"),
        ("status", "Draft", "In review"),
    ]


def test_the_history_is_cut_at_the_limit(worked):
    everything = selectors.contract_history(worked, limit=100)
    assert everything[-1].created is True

    newest = selectors.contract_history(worked, limit=3)

    assert 0 < len(newest) <= 3
    assert [entry.changes for entry in newest] == [
        entry.changes for entry in everything[: len(newest)]
    ]
    assert not any(entry.created for entry in newest)


# -- up for renewal ---------------------------------------------------------------------------


@pytest.fixture
def renewals(account, charlie_account, signer):
    """Signed contracts ending in 10, 45 and 90 days (Alice's) and 20 days (Charlie's);
    one ending in 91 days, one that ended yesterday, and unsigned ones ending soon."""
    today = company_today()

    def contract(account, days, sign=True):
        made = f.ContractFactory(
            account=account,
            starts_on=today - dt.timedelta(days=300),
            ends_on=today + dt.timedelta(days=days),
            body=BODY,
        )
        return signer(made) if sign else made

    return {
        "in_45": contract(account, 45),
        "in_10": contract(account, 10),
        "in_90": contract(account, 90),
        "in_91": contract(account, 91),
        "ended": contract(account, -1),
        "today": contract(account, 0),
        "draft": contract(account, 5, sign=False),
        "charlie_20": contract(charlie_account, 20),
    }


def test_renewals_due_are_signed_contracts_ending_within_90_days_soonest_first(renewals, alice):
    assert pks(selectors.renewals_due(alice)) == pks(
        [renewals["today"], renewals["in_10"], renewals["in_45"], renewals["in_90"]]
    )


def test_renewals_due_follow_visibility(renewals, bob, charlie, executive, legal_user):
    mine = [renewals["today"], renewals["in_10"], renewals["in_45"], renewals["in_90"]]

    assert pks(selectors.renewals_due(bob)) == pks(mine)
    assert pks(selectors.renewals_due(charlie)) == [renewals["charlie_20"].pk]
    assert pks(selectors.renewals_due(executive)) == pks(
        [renewals["today"], renewals["in_10"], renewals["charlie_20"], *mine[2:]]
    )
    # Legal reviewed them all, and sees them, but renewals are the account side's work.
    assert len(selectors.renewals_due(legal_user)) == 5


@pytest.mark.parametrize("count", [1, 5])
def test_renewals_due_read_in_one_query(account, alice, signer, django_assert_num_queries, count):
    today = company_today()
    for days in range(count):
        signer(
            f.ContractFactory(
                account=account,
                starts_on=today - dt.timedelta(days=100),
                ends_on=today + dt.timedelta(days=30 + days),
                body=BODY,
            )
        )

    with django_assert_num_queries(1):
        rows = [
            (c.account.name, c.owner.display_name, c.ends_on) for c in selectors.renewals_due(alice)
        ]
    assert len(rows) == count


# -- reviews waiting ----------------------------------------------------------------------------


@pytest.fixture
def queue(account, charlie_account, alice, charlie, legal_user, finance_user):
    """Reviews in every state, for legal and finance, on Alice's and Charlie's contracts."""

    def submitted(account, **kwargs):
        contract = f.ContractFactory(account=account, body=BODY, **kwargs)
        services.contract_submit_for_review(contract=contract, by=account.owner)
        return contract

    waiting = submitted(account, title="Waiting for both")
    charlies = submitted(charlie_account, title="Charlie's, waiting")
    legal_done = submitted(account, title="Legal approved")
    decide(legal_done, "legal", legal_user)
    returned = submitted(account, title="Returned by finance")
    decide(returned, "finance", finance_user, "rejected", comments="Margin too thin")
    approved = submitted(account, title="Approved")
    decide(approved, "legal", legal_user)
    decide(approved, "finance", finance_user)
    reopened = submitted(account, title="New version in review")
    decide(reopened, "legal", legal_user)
    services.version_add(contract=reopened, by=alice, body=BODY_2)
    f.ContractFactory(account=account, body=BODY, title="Never submitted")
    return {
        "waiting": waiting,
        "charlies": charlies,
        "legal_done": legal_done,
        "reopened": reopened,
    }


def open_review(contract, code):
    return ContractReview.objects.get(
        contract=contract, department__code=code, superseded_at__isnull=True
    )


def test_reviews_waiting_are_the_departments_open_ones_oldest_first(
    queue, legal_user, finance_user
):
    assert pks(selectors.reviews_waiting(legal_user)) == pks(
        [
            open_review(queue["waiting"], "legal"),
            open_review(queue["charlies"], "legal"),
            open_review(queue["reopened"], "legal"),
        ]
    )
    assert pks(selectors.reviews_waiting(finance_user)) == pks(
        [
            open_review(queue["waiting"], "finance"),
            open_review(queue["charlies"], "finance"),
            open_review(queue["legal_done"], "finance"),
            open_review(queue["reopened"], "finance"),
        ]
    )
    # The reopened contract's queue entry is on its new version.
    assert open_review(queue["reopened"], "legal").version.version_no == 2


@pytest.mark.parametrize(
    "who", ["alice", "bob", "charlie", "executive", "logistics_user", "dept_user"]
)
def test_nobody_outside_a_reviewing_department_has_reviews_waiting(request, queue, who):
    assert list(selectors.reviews_waiting(request.getfixturevalue(who))) == []


def test_a_second_member_of_legal_sees_the_same_queue(queue, legal_user):
    leo = f.UserFactory(username="leo", role=Role.DEPARTMENT, department=f.department("legal"))

    assert pks(selectors.reviews_waiting(leo)) == pks(selectors.reviews_waiting(legal_user))


def test_a_terminated_contracts_reviews_leave_the_queue(queue, alice, legal_user):
    services.contract_transition(
        contract=queue["waiting"], to_status="terminated", by=alice, note="Customer withdrew"
    )

    assert queue["waiting"].pk not in [
        review.contract_id for review in selectors.reviews_waiting(legal_user)
    ]


@pytest.mark.parametrize("count", [1, 5])
def test_reviews_waiting_read_in_one_query(
    account, alice, legal_user, django_assert_num_queries, count
):
    for _ in range(count):
        contract = f.ContractFactory(account=account, body=BODY)
        services.contract_submit_for_review(contract=contract, by=alice)

    with django_assert_num_queries(1):
        rows = [
            (review.contract.account.name, review.version.version_no, review.department.name)
            for review in selectors.reviews_waiting(legal_user)
        ]
    assert len(rows) == count


# -- an account's contracts -----------------------------------------------------------------------


def test_an_accounts_contracts_in_force_or_in_work_first(account, alice, charlie, legal_user):
    early = f.ContractFactory(account=account, ends_on=dt.date(2027, 3, 31), starts_on=STARTS)
    late = f.ContractFactory(account=account, ends_on=dt.date(2028, 12, 31), starts_on=STARTS)
    middle = f.ContractFactory(account=account, ends_on=dt.date(2027, 12, 31), starts_on=STARTS)

    assert pks(selectors.account_contracts(alice, account, limit=10)) == pks([late, middle, early])
    assert pks(selectors.account_contracts(alice, account, limit=2)) == pks([late, middle])
    assert selectors.account_contracts(charlie, account, limit=10) == []
    # Legal sees only what it reviews.
    services.contract_submit_for_review(contract=early, by=alice)
    assert pks(selectors.account_contracts(legal_user, account, limit=10)) == [early.pk]
