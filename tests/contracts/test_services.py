"""Duty 6's writes: the review state machine in rounds, the person's moves of a contract,
frozen terms, owners, versions that are never overwritten, negotiation rounds, renewals,
the history of every status, who is told what, and the daily renewal job.

Contracts run 1 January to 31 December 2027 unless a test needs a term that is already
over; the renewal job is replayed with ``today=`` on days counted back from the end.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from contracts import services
from contracts.choices import ContractStatus, ReviewState
from contracts.models import Contract, ContractReview, ContractVersion, NegotiationRecord
from kam.choices import Role
from kam.dates import company_today
from kam.errors import Conflict
from kam.models import Notification
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ACCOUNT = "Hangzhou Precision Castings"
STARTS = dt.date(2027, 1, 1)
ENDS = dt.date(2027, 12, 31)
#: Texts as a version keeps them (leading and trailing blank lines are not part of a text).
BODY = "1. Scope of supply\n2. Price: 100 per piece\n3. Payment within 30 days"
BODY_2 = "1. Scope of supply\n2. Price: 95 per piece\n3. Payment within 30 days"
ROUND = {
    "held_on": dt.date(2026, 11, 20),
    "participants": "Wang Lei (purchasing); Alice",
    "topics": "Price per piece",
    "concessions": "2 % off above 10,000 pieces",
    "outcome": "Price agreed",
    "next_steps": "Send version 2",
}

DRAFT = ContractStatus.DRAFT
NEGOTIATING = ContractStatus.NEGOTIATING
IN_REVIEW = ContractStatus.IN_REVIEW
APPROVED = ContractStatus.APPROVED
SIGNED = ContractStatus.SIGNED
EXPIRED = ContractStatus.EXPIRED
TERMINATED = ContractStatus.TERMINATED

#: What a person may move a contract to, as the issue describes the life of a contract
#: (written out here, not read from ``CONTRACT_FLOW``, so a change to it fails a test).
MOVES = {
    DRAFT: [NEGOTIATING, TERMINATED],
    NEGOTIATING: [TERMINATED],
    IN_REVIEW: [NEGOTIATING, TERMINATED],
    APPROVED: [SIGNED, NEGOTIATING, TERMINATED],
    SIGNED: [EXPIRED, TERMINATED],  # expired only once the term is over
    EXPIRED: [],
    TERMINATED: [],
}


def pdf_upload(name="Supply agreement v2.pdf", content=b"%PDF-1.4\n%minimal\n%%EOF\n"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def reload(record):
    return type(record).objects.get(pk=record.pk)


def current(contract, code: str) -> ContractReview:
    """The review of the contract's current round for the department ``code``."""
    return ContractReview.objects.get(
        contract=contract, department__code=code, superseded_at__isnull=True
    )


def decide(contract, code, by, decision="approved", comments=""):
    return services.review_decide(
        review=current(contract, code), by=by, decision=decision, comments=comments
    )


def reviews(contract) -> list[tuple]:
    """Every review of the contract, oldest round first: (version, department, decision,
    still open?)."""
    return [
        (review.version.version_no, review.department.code, review.decision, review.is_open)
        for review in ContractReview.objects.filter(contract=contract)
        .select_related("version", "department")
        .order_by("requested_at", "department__code", "id")
    ]


def statuses(contract) -> list[tuple[str, str]]:
    """The contract's statuses with their notes, oldest first, from its history rows (saves
    that change other fields, such as the latest version, repeat the status: collapsed)."""
    rows = contract.history.order_by("history_date", "history_id").values_list(
        "status", "status_note"
    )
    collapsed = []
    for row in rows:
        if not collapsed or collapsed[-1] != row:
            collapsed.append(row)
    return collapsed


def told(kind: str) -> list[tuple[str, str, str, str]]:
    return sorted(
        Notification.objects.filter(kind=kind).values_list(
            "user__username", "subject", "body", "url"
        )
    )


@pytest.fixture
def account(alice):
    return f.AccountFactory(owner=alice, name=ACCOUNT)


@pytest.fixture
def draft(account):
    """Alice's draft with version 1."""
    return f.ContractFactory(
        account=account, number="HT-2027-0001", starts_on=STARTS, ends_on=ENDS, body=BODY
    )


@pytest.fixture
def reviewers(legal_user, finance_user):
    return {"legal": legal_user, "finance": finance_user}


@pytest.fixture
def in_review(draft, alice, reviewers):
    services.contract_submit_for_review(contract=draft, by=alice)
    return reload(draft)


@pytest.fixture
def approved(in_review, reviewers):
    decide(in_review, "legal", reviewers["legal"])
    decide(in_review, "finance", reviewers["finance"])
    return reload(in_review)


@pytest.fixture
def signed(approved, alice):
    return services.contract_transition(
        contract=approved, to_status=SIGNED, by=alice, signed_on=company_today()
    )


@pytest.fixture
def make(account, alice, reviewers):
    """A contract of Alice's in ``status``, got there through the services. ``ended`` gives
    it a term that is over already (2025), so that it may expire; ``term`` any other."""

    def make(status, *, ended=False, term=None) -> Contract:
        starts, ends = term or (
            (dt.date(2025, 1, 1), dt.date(2025, 12, 31)) if ended else (STARTS, ENDS)
        )
        contract = f.ContractFactory(account=account, starts_on=starts, ends_on=ends, body=BODY)
        if status == DRAFT:
            return reload(contract)
        if status == TERMINATED:
            return services.contract_transition(
                contract=contract, to_status=TERMINATED, by=alice, note="Lost to a competitor"
            )
        services.negotiation_add(contract=contract, by=alice, **ROUND)
        if status == NEGOTIATING:
            return reload(contract)
        services.contract_submit_for_review(contract=contract, by=alice)
        if status == IN_REVIEW:
            return reload(contract)
        decide(contract, "legal", reviewers["legal"])
        decide(contract, "finance", reviewers["finance"])
        if status == APPROVED:
            return reload(contract)
        services.contract_transition(
            contract=contract,
            to_status=SIGNED,
            by=alice,
            signed_on=min(starts, company_today()) - dt.timedelta(days=5),
        )
        if status == SIGNED:
            return reload(contract)
        assert status == EXPIRED
        return services.contract_transition(contract=contract, to_status=EXPIRED, by=alice)

    return make


# -- review: the state machine -------------------------------------------------------------


def test_submitting_opens_one_review_per_department_on_the_latest_version(draft, alice):
    services.version_add(contract=draft, by=alice, body=BODY_2, change_summary="Price 95")

    opened = services.contract_submit_for_review(contract=draft, by=alice, note="Ready")

    stored = reload(draft)
    assert (stored.status, stored.review_state) == (IN_REVIEW, ReviewState.PENDING)
    assert sorted(review.department.code for review in opened) == ["finance", "legal"]
    assert reviews(stored) == [(2, "finance", "pending", True), (2, "legal", "pending", True)]
    review = current(stored, "legal")
    assert (review.requested_by, review.reviewer, review.decided_at, review.superseded_at) == (
        alice,
        None,
        None,
        None,
    )
    assert statuses(stored)[-1] == (IN_REVIEW, "Ready")


@pytest.mark.parametrize("first", ["legal", "finance"])
def test_the_contract_is_approved_when_both_reviews_approve(in_review, reviewers, first):
    second = "finance" if first == "legal" else "legal"

    decide(in_review, first, reviewers[first])
    halfway = reload(in_review)
    assert (halfway.status, halfway.review_state) == (IN_REVIEW, ReviewState.PENDING)

    decided = decide(in_review, second, reviewers[second], comments="Payment terms fine")

    stored = reload(in_review)
    assert (stored.status, stored.review_state) == (APPROVED, ReviewState.APPROVED)
    assert statuses(stored)[-1] == (APPROVED, "Every review approved version 1.")
    assert reviews(stored) == [(1, "finance", "approved", False), (1, "legal", "approved", False)]
    assert (decided.reviewer, decided.comments) == (reviewers[second], "Payment terms fine")
    assert decided.decided_at is not None
    # An approved round is over but not superseded: it is what approved the contract.
    assert ContractReview.objects.filter(contract=stored, superseded_at__isnull=False).count() == 0


def test_a_decision_is_stamped_with_the_moment_given(in_review, legal_user):
    moment = dt.datetime(2026, 11, 25, 10, 30, tzinfo=dt.UTC)

    services.review_decide(
        review=current(in_review, "legal"), by=legal_user, decision="approved", now=moment
    )

    assert current(in_review, "legal").decided_at == moment


@pytest.mark.parametrize(
    ("decision", "label"),
    [("changes_requested", "Changes requested"), ("rejected", "Rejected")],
)
def test_changes_requested_or_rejected_returns_it_and_supersedes_the_round(
    in_review, legal_user, finance_user, decision, label
):
    finance_review = current(in_review, "finance")

    decide(in_review, "legal", legal_user, decision, comments="Liability cap missing")

    stored = reload(in_review)
    assert (stored.status, stored.review_state) == (NEGOTIATING, ReviewState.RETURNED)
    assert statuses(stored)[-1] == (NEGOTIATING, f"Legal: {label}.")
    # Both reviews of the round are superseded; finance's stays undecided, legal's keeps its
    # decision and comments.
    other = reload(finance_review)
    assert (other.decision, other.reviewer, other.decided_at) == ("pending", None, None)
    assert other.superseded_at is not None
    legal = ContractReview.objects.get(contract=stored, department__code="legal")
    assert (legal.decision, legal.comments, legal.superseded_at) == (
        decision,
        "Liability cap missing",
        other.superseded_at,
    )
    assert ContractReview.objects.filter(contract=stored).open().count() == 0
    # Finance cannot approve what the round no longer reviews.
    with pytest.raises(Conflict) as error:
        services.review_decide(review=finance_review, by=finance_user, decision="approved")
    assert error.value.message == "This review was superseded: the contract has moved on since."
    assert reload(in_review).status == NEGOTIATING


def test_after_changes_a_new_version_is_reviewed_afresh(in_review, alice, reviewers):
    decide(in_review, "finance", reviewers["finance"])
    decide(in_review, "legal", reviewers["legal"], "changes_requested", comments="Cap liability")
    services.version_add(contract=in_review, by=alice, body=BODY_2, change_summary="Cap added")
    assert reload(in_review).status == NEGOTIATING  # a new version does not resubmit by itself

    services.contract_submit_for_review(contract=in_review, by=alice)
    decide(in_review, "legal", reviewers["legal"])
    assert reload(in_review).status == IN_REVIEW  # finance's approval of version 1 is over
    decide(in_review, "finance", reviewers["finance"])

    assert reload(in_review).status == APPROVED
    assert reviews(in_review) == [
        (1, "finance", "approved", False),
        (1, "legal", "changes_requested", False),
        (2, "finance", "approved", False),
        (2, "legal", "approved", False),
    ]


def test_a_new_version_in_review_supersedes_the_round_and_opens_one_on_it(
    in_review, alice, legal_user
):
    decide(in_review, "legal", legal_user)
    old = {review.department.code: review for review in in_review.reviews.all()}

    version = services.version_add(contract=in_review, by=alice, body=BODY_2)

    stored = reload(in_review)
    assert (stored.status, stored.review_state, stored.latest_version) == (
        IN_REVIEW,
        ReviewState.PENDING,
        version,
    )
    assert statuses(stored)[-1] == (IN_REVIEW, "Version 2 reopened the review.")
    assert reviews(stored) == [
        (1, "finance", "pending", False),
        (1, "legal", "approved", False),
        (2, "finance", "pending", True),
        (2, "legal", "pending", True),
    ]
    assert reload(old["legal"]).superseded_at is not None
    assert reload(old["finance"]).superseded_at is not None
    with pytest.raises(Conflict):
        services.review_decide(review=old["legal"], by=legal_user, decision="approved")


def test_a_new_version_of_an_approved_contract_reopens_review(approved, alice, reviewers):
    services.version_add(contract=approved, by=alice, file=pdf_upload())

    stored = reload(approved)
    assert (stored.status, stored.review_state) == (IN_REVIEW, ReviewState.PENDING)
    assert reviews(stored) == [
        (1, "finance", "approved", False),
        (1, "legal", "approved", False),
        (2, "finance", "pending", True),
        (2, "legal", "pending", True),
    ]
    # The approvals of version 1 are kept, superseded: they do not approve version 2.
    assert (
        ContractReview.objects.filter(
            contract=stored, version__version_no=1, superseded_at__isnull=False
        ).count()
        == 2
    )
    decide(stored, "legal", reviewers["legal"])
    decide(stored, "finance", reviewers["finance"])
    assert reload(approved).status == APPROVED


def test_only_legal_reviews_when_the_settings_say_so(settings, draft, alice, legal_user):
    settings.KAM_CONTRACT_REVIEWERS = ["legal"]

    opened = services.contract_submit_for_review(contract=draft, by=alice)
    assert [review.department.code for review in opened] == ["legal"]
    decide(draft, "legal", legal_user)

    assert reload(draft).status == APPROVED
    assert reviews(draft) == [(1, "legal", "approved", False)]


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        (["legal", "audit"], "Contract review is set up with unknown departments: audit."),
        ([], "Contract review is set up with unknown departments: —."),
    ],
)
def test_review_set_up_with_unknown_departments_is_refused(settings, draft, alice, codes, message):
    settings.KAM_CONTRACT_REVIEWERS = codes

    with pytest.raises(ValidationError) as error:
        services.contract_submit_for_review(contract=draft, by=alice)

    assert error.value.messages == [message]
    assert (reload(draft).status, ContractReview.objects.count()) == (DRAFT, 0)


def test_may_decide_only_a_member_of_the_reviews_department(
    in_review, legal_user, finance_user, alice, bob, executive, superuser, logistics_user
):
    legal, finance = current(in_review, "legal"), current(in_review, "finance")
    retired = f.UserFactory(
        username="lia", role=Role.DEPARTMENT, department=f.department("legal"), is_active=False
    )

    assert services.may_decide(legal_user, legal) is True
    assert services.may_decide(finance_user, finance) is True
    for user in (finance_user, alice, bob, executive, superuser, logistics_user, retired):
        assert services.may_decide(user, legal) is False, user.username
    assert services.may_decide(legal_user, finance) is False


def test_a_finance_user_cannot_decide_the_legal_review(in_review, finance_user):
    with pytest.raises(PermissionDenied) as error:
        decide(in_review, "legal", finance_user)

    assert str(error.value) == "Only a member of the reviewing department decides this review."
    assert current(in_review, "legal").decision == "pending"


@pytest.mark.parametrize("who", ["alice", "bob", "executive", "superuser"])
def test_the_account_side_does_not_decide(request, in_review, who):
    with pytest.raises(PermissionDenied):
        decide(in_review, "legal", request.getfixturevalue(who))

    assert reviews(in_review) == [(1, "finance", "pending", True), (1, "legal", "pending", True)]


def test_a_review_is_decided_once(in_review, legal_user):
    decide(in_review, "legal", legal_user, comments="Fine")
    review = current(in_review, "legal")

    for decision in ("approved", "rejected"):
        with pytest.raises(Conflict) as error:
            services.review_decide(
                review=review, by=legal_user, decision=decision, comments="Second thoughts"
            )
        assert error.value.message == "This review is decided already."
    assert (reload(review).decision, reload(review).comments) == ("approved", "Fine")


@pytest.mark.parametrize("decision", ["changes_requested", "rejected"])
@pytest.mark.parametrize("comments", ["", "   \n"])
def test_changes_and_rejections_say_why(in_review, legal_user, decision, comments):
    with pytest.raises(ValidationError) as error:
        decide(in_review, "legal", legal_user, decision, comments=comments)

    assert error.value.message_dict == {
        "comments": ["Say what must change, or why it is rejected."]
    }
    assert reload(in_review).status == IN_REVIEW


@pytest.mark.parametrize("decision", ["pending", "maybe", ""])
def test_a_decision_is_one_of_three(in_review, legal_user, decision):
    with pytest.raises(ValidationError) as error:
        decide(in_review, "legal", legal_user, decision, comments="x")

    assert error.value.message_dict == {
        "decision": ["Decide approved, changes_requested or rejected."]
    }


def test_decision_comments_are_trimmed(in_review, legal_user):
    decide(in_review, "legal", legal_user, "changes_requested", comments="  Cap liability \n")

    review = ContractReview.objects.get(contract=in_review, department__code="legal")
    assert review.comments == "Cap liability"


def test_a_terminated_contract_is_not_approved_by_its_old_reviews(
    in_review, alice, legal_user, finance_user
):
    services.contract_transition(
        contract=in_review, to_status=TERMINATED, by=alice, note="Customer walked away"
    )

    assert ContractReview.objects.filter(contract=in_review).open().count() == 0
    for code, user in (("legal", legal_user), ("finance", finance_user)):
        review = ContractReview.objects.get(contract=in_review, department__code=code)
        with pytest.raises(Conflict):
            services.review_decide(review=review, by=user, decision="approved")
    assert reload(in_review).status == TERMINATED


def test_submitting_needs_a_version_and_an_open_contract(account, alice, approved):
    empty = f.ContractFactory(account=account, body="")
    assert empty.latest_version is None
    with pytest.raises(Conflict) as error:
        services.contract_submit_for_review(contract=empty, by=alice)
    assert error.value.message == "Add the contract's text or file before submitting it for review."

    with pytest.raises(Conflict) as error:
        services.contract_submit_for_review(contract=approved, by=alice)
    assert (
        error.value.message == "Only a draft or a contract in negotiation is submitted for review."
    )
    assert error.value.extra == {"allowed": [SIGNED, NEGOTIATING, TERMINATED]}
    assert ContractReview.objects.filter(contract=approved).count() == 2


@pytest.mark.parametrize("who", ["charlie", "legal_user", "executive"])
def test_only_who_may_change_it_submits_it(request, draft, who):
    with pytest.raises(PermissionDenied):
        services.contract_submit_for_review(contract=draft, by=request.getfixturevalue(who))

    assert reload(draft).status == DRAFT


def test_her_manager_submits_alices_contract(draft, bob):
    services.contract_submit_for_review(contract=draft, by=bob)

    assert reload(draft).status == IN_REVIEW
    assert set(ContractReview.objects.values_list("requested_by__username", flat=True)) == {"bob"}


# -- a person's moves ------------------------------------------------------------------------


ALL = list(ContractStatus)


@pytest.mark.parametrize("to_status", ALL)
@pytest.mark.parametrize("from_status", ALL)
def test_every_move_a_person_makes(make, alice, from_status, to_status):
    # A contract whose term is over, so that "expired" is a move a signed one may make.
    contract = make(from_status, ended=from_status in (SIGNED, EXPIRED))
    allowed = MOVES[from_status]

    if to_status not in allowed:
        with pytest.raises(Conflict) as error:
            services.contract_transition(
                contract=contract, to_status=to_status, by=alice, note="Why", signed_on=None
            )
        assert error.value.extra == {"allowed": allowed}
        assert reload(contract).status == from_status
        return
    moved = services.contract_transition(
        contract=contract,
        to_status=to_status,
        by=alice,
        note="  Because  ",
        signed_on=dt.date(2024, 12, 20) if to_status == SIGNED else None,
    )
    stored = reload(contract)
    assert moved.status == stored.status == to_status
    assert statuses(stored)[-1] == (to_status, "Because")


@pytest.mark.parametrize(
    ("from_status", "to_status", "message"),
    [
        (NEGOTIATING, IN_REVIEW, "by submitting it"),
        (DRAFT, APPROVED, "by submitting it"),
        (IN_REVIEW, APPROVED, "by submitting it"),
        (DRAFT, SIGNED, "A contract that is Draft cannot become Signed."),
        (EXPIRED, TERMINATED, "A contract that is Expired cannot become Terminated."),
        (TERMINATED, DRAFT, "A contract that is Terminated cannot become Draft."),
        (NEGOTIATING, NEGOTIATING, "A contract that is Negotiating cannot become Negotiating."),
    ],
)
def test_a_forbidden_move_says_why(make, alice, from_status, to_status, message):
    contract = make(from_status, ended=from_status == EXPIRED)
    expected = (
        "A contract goes into review by submitting it, and is approved by its reviews."
        if message == "by submitting it"
        else message
    )

    with pytest.raises(Conflict) as error:
        services.contract_transition(contract=contract, to_status=to_status, by=alice)

    assert error.value.message == expected


def test_a_signed_contract_expires_only_after_its_last_day(make, alice):
    running = make(SIGNED)
    with pytest.raises(Conflict) as error:
        services.contract_transition(contract=running, to_status=EXPIRED, by=alice)
    assert error.value.message == "A contract expires after its last day (2027-12-31)."
    assert error.value.extra == {"allowed": [TERMINATED]}
    assert services.next_statuses(running) == [TERMINATED]

    # Its last day is today: it is still in force today.
    today = company_today()
    last_day = make(SIGNED, term=(today - dt.timedelta(days=364), today))
    assert services.next_statuses(last_day) == [TERMINATED]
    with pytest.raises(Conflict):
        services.contract_transition(contract=last_day, to_status=EXPIRED, by=alice)

    ended = make(SIGNED, ended=True)
    assert services.next_statuses(ended) == [EXPIRED, TERMINATED]
    services.contract_transition(contract=ended, to_status=EXPIRED, by=alice)
    assert reload(ended).status == EXPIRED


def test_an_unknown_status_is_a_validation_error(draft, alice):
    with pytest.raises(ValidationError) as error:
        services.contract_transition(contract=draft, to_status="cancelled", by=alice)

    assert error.value.message_dict == {"status": ["Unknown status."]}


def test_signing_needs_the_day_it_was_signed(approved, alice):
    with pytest.raises(ValidationError) as error:
        services.contract_transition(contract=approved, to_status=SIGNED, by=alice)

    assert error.value.message_dict == {"signed_on": ["Say when the contract was signed."]}
    assert (reload(approved).status, reload(approved).signed_on) == (APPROVED, None)


def test_a_contract_is_not_signed_in_the_future(approved, alice):
    # One day of slack covers a user whose zone is ahead of the company's; two is the future.
    with pytest.raises(ValidationError) as error:
        services.contract_transition(
            contract=approved,
            to_status=SIGNED,
            by=alice,
            signed_on=company_today() + dt.timedelta(days=2),
        )

    assert error.value.message_dict == {"signed_on": ["A contract is not signed in the future."]}
    assert reload(approved).status == APPROVED


def test_signing_records_the_day(approved, alice):
    today = company_today()

    services.contract_transition(
        contract=approved, to_status=SIGNED, by=alice, signed_on=today, note="Signed in Hangzhou"
    )

    stored = reload(approved)
    assert (stored.status, stored.signed_on, stored.review_state) == (
        SIGNED,
        today,
        ReviewState.APPROVED,
    )
    assert statuses(stored)[-1] == (SIGNED, "Signed in Hangzhou")


@pytest.mark.parametrize("note", ["", "   "])
def test_terminating_says_why(make, alice, note):
    contract = make(NEGOTIATING)

    with pytest.raises(ValidationError) as error:
        services.contract_transition(contract=contract, to_status=TERMINATED, by=alice, note=note)

    assert error.value.message_dict == {"note": ["Say why the contract is terminated."]}
    assert reload(contract).status == NEGOTIATING


def test_withdrawing_from_review_supersedes_the_round(in_review, alice, legal_user):
    decide(in_review, "legal", legal_user)

    services.contract_transition(
        contract=in_review, to_status=NEGOTIATING, by=alice, note="Customer wants a new price"
    )

    stored = reload(in_review)
    assert (stored.status, stored.review_state) == (NEGOTIATING, ReviewState.RETURNED)
    assert reviews(stored) == [(1, "finance", "pending", False), (1, "legal", "approved", False)]
    assert ContractReview.objects.filter(contract=stored, superseded_at__isnull=True).count() == 0
    assert statuses(stored)[-1] == (NEGOTIATING, "Customer wants a new price")


def test_reopening_an_approved_contract_supersedes_its_approvals(approved, alice):
    services.contract_transition(contract=approved, to_status=NEGOTIATING, by=alice)

    stored = reload(approved)
    assert (stored.status, stored.review_state) == (NEGOTIATING, ReviewState.RETURNED)
    assert ContractReview.objects.filter(contract=stored, superseded_at__isnull=False).count() == 2


@pytest.mark.parametrize("who", ["charlie", "legal_user", "executive", "logistics_user"])
def test_only_who_may_change_it_moves_it(request, draft, who):
    with pytest.raises(PermissionDenied) as error:
        services.contract_transition(
            contract=draft, to_status=TERMINATED, by=request.getfixturevalue(who), note="No"
        )

    assert str(error.value) == "Your role may not change this contract."
    assert reload(draft).status == DRAFT


# -- terms and owners ------------------------------------------------------------------------


@pytest.mark.parametrize("state", [DRAFT, NEGOTIATING])
def test_terms_change_while_draft_or_negotiating(make, alice, state):
    contract = make(state)

    services.contract_update(
        contract=contract,
        by=alice,
        number="HT-2027-0042",
        value=Decimal("990000.00"),
        currency="USD",
        starts_on=dt.date(2027, 2, 1),
        ends_on=dt.date(2028, 1, 31),
        title="Castings supply 2027",
    )

    stored = reload(contract)
    assert (
        stored.number,
        stored.value,
        stored.currency,
        stored.starts_on,
        stored.ends_on,
        stored.title,
        stored.status,
    ) == (
        "HT-2027-0042",
        Decimal("990000.00"),
        "USD",
        dt.date(2027, 2, 1),
        dt.date(2028, 1, 31),
        "Castings supply 2027",
        state,
    )


TERM_CHANGES = {
    "number": "HT-2027-0042",
    "value": Decimal("1.00"),
    "currency": "EUR",
    "starts_on": dt.date(2027, 1, 2),
    "ends_on": dt.date(2028, 12, 31),
}


@pytest.mark.parametrize("field", list(TERM_CHANGES))
@pytest.mark.parametrize("state", [IN_REVIEW, APPROVED, SIGNED])
def test_terms_are_frozen_once_submitted(make, alice, state, field):
    contract = make(state)
    before = getattr(contract, field)

    with pytest.raises(Conflict) as error:
        services.contract_update(contract=contract, by=alice, **{field: TERM_CHANGES[field]})

    assert error.value.message == (
        "The terms of a contract in review, approved or signed stay as reviewed: take it "
        "back to negotiation to change them."
    )
    assert error.value.extra == {"fields": [field]}
    assert getattr(reload(contract), field) == before


@pytest.mark.parametrize("state", [IN_REVIEW, APPROVED, SIGNED])
def test_title_and_owner_change_in_any_state_in_force(make, bob, state):
    contract = make(state)

    # The same terms sent back unchanged (a form's other fields) are no change.
    services.contract_update(
        contract=contract,
        by=bob,
        title="Castings supply, renamed",
        owner=bob,
        value=contract.value,
        ends_on=contract.ends_on,
    )

    stored = reload(contract)
    assert (stored.title, stored.owner, stored.status) == ("Castings supply, renamed", bob, state)


@pytest.mark.parametrize("state", [EXPIRED, TERMINATED])
def test_an_ended_contract_is_not_changed(make, alice, state):
    contract = make(state, ended=state == EXPIRED)

    with pytest.raises(Conflict) as error:
        services.contract_update(contract=contract, by=alice, title="New title")

    assert error.value.message == "An expired or terminated contract is not changed."
    assert reload(contract).title == contract.title


def test_status_and_review_fields_are_not_updated_directly(draft, alice):
    with pytest.raises(ValidationError) as error:
        services.contract_update(contract=draft, by=alice, status=SIGNED, review_state="approved")

    assert error.value.message_dict == {
        "review_state": ["This field changes through its own action."],
        "status": ["This field changes through its own action."],
    }
    assert reload(draft).status == DRAFT


def test_a_term_ends_on_or_after_its_start(draft, alice):
    with pytest.raises(ValidationError) as error:
        services.contract_update(contract=draft, by=alice, ends_on=dt.date(2026, 12, 31))

    assert error.value.message_dict == {
        "ends_on": ["A contract ends on or after the day it starts."]
    }


def test_a_number_is_unique(draft, account, alice):
    with pytest.raises(ValidationError) as error:
        f.ContractFactory(account=account, number="HT-2027-0001")

    assert error.value.message_dict == {"number": ["A contract with this number exists already."]}
    assert Contract.objects.count() == 1


@pytest.mark.parametrize("who", ["charlie", "legal_user", "executive"])
def test_only_who_may_change_it_updates_it(request, draft, who):
    with pytest.raises(PermissionDenied):
        services.contract_update(contract=draft, by=request.getfixturevalue(who), title="Mine")

    assert reload(draft).title == draft.title


def test_a_rep_owns_what_she_creates(account, alice):
    contract = f.ContractFactory(account=account, by=alice)

    assert (contract.owner, contract.status, contract.review_state) == (
        alice,
        DRAFT,
        ReviewState.NOT_SUBMITTED,
    )
    assert statuses(contract) == [(DRAFT, "")]


def test_a_manager_owns_what_he_creates_or_names_one_of_his_reps(account, alice, bob):
    assert f.ContractFactory(account=account, by=bob).owner == bob
    assert f.ContractFactory(account=account, by=bob, owner=alice).owner == alice


def test_an_admin_makes_the_accounts_owner_the_owner(account, alice, superuser):
    assert f.ContractFactory(account=account, by=superuser).owner == alice


def test_a_rep_does_not_make_someone_else_the_owner(account, alice, team_a, charlie):
    amy = f.UserFactory(username="amy", role=Role.REP, team=team_a)

    for other in (charlie, amy):
        with pytest.raises(ValidationError) as error:
            f.ContractFactory(account=account, by=alice, owner=other)
        assert error.value.message_dict == {
            "owner": ["Choose yourself, one of your reps or the account's owner."]
        }
    assert Contract.objects.count() == 0


def test_the_owner_changes_only_to_someone_allowed(draft, alice, bob, team_a, charlie):
    amy = f.UserFactory(username="amy", role=Role.REP, team=team_a)

    with pytest.raises(ValidationError) as error:
        services.contract_update(contract=draft, by=alice, owner=amy)
    assert error.value.message_dict == {
        "owner": ["Choose yourself, one of your reps or the account's owner."]
    }
    with pytest.raises(ValidationError):
        services.contract_update(contract=draft, by=bob, owner=charlie)
    assert reload(draft).owner == alice

    services.contract_update(contract=draft, by=bob, owner=amy)
    assert reload(draft).owner == amy
    # Its owner works on it though the account is Alice's, and may hand it back to her.
    services.contract_update(contract=draft, by=amy, title="Amy's draft")
    services.contract_update(contract=draft, by=amy, owner=alice)
    assert (reload(draft).owner, reload(draft).title) == (alice, "Amy's draft")
    # Then it is no longer hers to change.
    with pytest.raises(PermissionDenied):
        services.contract_update(contract=draft, by=amy, title="Mine again")


@pytest.mark.parametrize("who", ["charlie", "executive", "legal_user"])
def test_a_contract_is_made_only_on_ones_own_account(request, account, who):
    with pytest.raises(ValidationError) as error:
        f.ContractFactory(account=account, by=request.getfixturevalue(who))

    assert error.value.message_dict == {"account": ["Choose one of your accounts."]}
    assert Contract.objects.count() == 0


# -- versions --------------------------------------------------------------------------------


def test_versions_are_numbered_in_order(draft, alice, bob):
    second = services.version_add(contract=draft, by=alice, body=BODY_2, change_summary=" 95 ")
    third = services.version_add(contract=draft, by=bob, body=BODY_2 + "4. Warranty\n")

    assert list(draft.versions.values_list("version_no", "created_by__username")) == [
        (1, "alice"),
        (2, "alice"),
        (3, "bob"),
    ]
    assert (second.change_summary, second.body) == ("95", BODY_2)
    assert reload(draft).latest_version == third
    assert draft.latest_version == third  # the caller's instance is told too
    assert reload(draft).status == DRAFT  # a version keeps a draft a draft


def test_a_version_is_never_changed(draft):
    version = draft.latest_version

    version.body = "Something else entirely"
    with pytest.raises(ValidationError) as error:
        version.save()

    assert error.value.messages == ["A contract version is never changed: add a new one."]
    assert reload(version).body == BODY


def test_a_version_is_never_deleted(draft):
    version = draft.latest_version

    with pytest.raises(ValidationError) as error:
        version.delete()

    assert error.value.messages == ["A contract version is never deleted."]
    assert ContractVersion.objects.filter(pk=version.pk).exists()


@pytest.mark.parametrize("same", [BODY, BODY + "\n", "\n" + BODY + "\n\n"])
def test_the_same_text_twice_is_refused(draft, alice, same):
    with pytest.raises(ValidationError) as error:
        services.version_add(contract=draft, by=alice, body=same)

    assert error.value.message_dict == {"body": ["The text is the same as version 1."]}
    assert draft.versions.count() == 1


@pytest.mark.parametrize("body", ["", "  \n  "])
def test_a_version_has_a_file_or_a_text(draft, alice, body):
    with pytest.raises(ValidationError) as error:
        services.version_add(contract=draft, by=alice, body=body)

    assert error.value.message_dict == {"body": ["Upload the contract's file or write its text."]}


def test_a_version_has_a_file_and_a_text(draft, alice, media_root):
    version = services.version_add(
        contract=draft, by=alice, body=BODY_2, file=pdf_upload(), change_summary="Signed scan"
    )

    stored = reload(version)
    assert (stored.version_no, stored.body, stored.file_name, stored.file_type) == (
        2,
        BODY_2,
        "Supply agreement v2.pdf",
        "pdf",
    )
    assert stored.file_size == len(b"%PDF-1.4\n%minimal\n%%EOF\n")
    assert (media_root / stored.file.name).read_bytes() == b"%PDF-1.4\n%minimal\n%%EOF\n"
    assert services.file_kind(stored).content_type == "application/pdf"


def test_the_same_text_with_a_file_is_a_new_version(draft, alice, media_root):
    version = services.version_add(contract=draft, by=alice, body=BODY, file=pdf_upload())

    assert version.version_no == 2


def test_a_refused_file_is_a_field_error(draft, alice, media_root):
    with pytest.raises(ValidationError) as error:
        services.version_add(
            contract=draft, by=alice, file=pdf_upload("contract.exe", b"MZ\x90\x00")
        )

    assert error.value.message_dict == {
        "file": ["Upload a file of one of these kinds: .pdf, .docx."]
    }
    assert draft.versions.count() == 1
    assert list(media_root.rglob("*.*")) == []


@pytest.mark.parametrize("state", [SIGNED, EXPIRED, TERMINATED])
def test_a_signed_or_ended_contract_takes_no_new_version(make, alice, state):
    contract = make(state, ended=state == EXPIRED)

    with pytest.raises(Conflict) as error:
        services.version_add(contract=contract, by=alice, body=BODY_2)

    assert error.value.message == (
        "A signed, expired or terminated contract keeps its text: renew it instead."
    )
    assert contract.versions.count() == 1
    assert services.takes_versions(contract) is False


@pytest.mark.parametrize("who", ["charlie", "legal_user", "executive"])
def test_only_who_may_change_it_adds_a_version(request, draft, who):
    with pytest.raises(PermissionDenied):
        services.version_add(contract=draft, by=request.getfixturevalue(who), body=BODY_2)

    assert draft.versions.count() == 1


def test_a_contract_without_text_gets_its_first_version(account, alice):
    contract = f.ContractFactory(account=account, body="")

    version = services.version_add(contract=contract, by=alice, body=BODY)

    assert (version.version_no, reload(contract).latest_version) == (1, version)


# -- negotiation ------------------------------------------------------------------------------


def test_the_first_round_starts_the_negotiation(draft, alice):
    record = services.negotiation_add(contract=draft, by=alice, **ROUND)
    services.negotiation_add(
        contract=draft, by=alice, **{**ROUND, "held_on": dt.date(2026, 11, 27), "topics": "Terms"}
    )

    stored = reload(draft)
    assert stored.status == NEGOTIATING
    assert statuses(stored) == [
        (DRAFT, ""),
        (NEGOTIATING, "The first negotiation round was recorded."),
    ]
    assert (record.recorded_by, record.participants, record.concessions) == (
        alice,
        "Wang Lei (purchasing); Alice",
        "2 % off above 10,000 pieces",
    )
    assert list(stored.negotiations.values_list("topics", flat=True)) == [
        "Price per piece",
        "Terms",
    ]


def test_a_round_during_review_leaves_the_review_alone(in_review, alice):
    services.negotiation_add(contract=in_review, by=alice, **ROUND)

    assert reload(in_review).status == IN_REVIEW
    assert ContractReview.objects.filter(contract=in_review).open().count() == 2


@pytest.mark.parametrize("state", [EXPIRED, TERMINATED])
def test_an_ended_contract_is_not_negotiated(make, alice, state):
    contract = make(state, ended=state == EXPIRED)
    rounds_before = contract.negotiations.count()

    with pytest.raises(Conflict) as error:
        services.negotiation_add(contract=contract, by=alice, **ROUND)

    assert error.value.message == "An expired or terminated contract is not negotiated any more."
    assert contract.negotiations.count() == rounds_before


def test_a_round_needs_participants_and_topics(draft, alice):
    with pytest.raises(ValidationError) as error:
        services.negotiation_add(contract=draft, by=alice, **{**ROUND, "participants": "  "})

    assert list(error.value.message_dict) == ["participants"]
    with pytest.raises(ValidationError) as error:
        services.negotiation_add(contract=draft, by=alice, held_on=ROUND["held_on"], topics="x")
    assert list(error.value.message_dict) == ["participants"]
    assert (reload(draft).status, NegotiationRecord.objects.count()) == (DRAFT, 0)


def test_a_round_takes_only_its_own_fields(draft, alice):
    with pytest.raises(ValidationError) as error:
        services.negotiation_add(contract=draft, by=alice, **ROUND, recorded_by=alice)

    assert error.value.message_dict == {"recorded_by": ["Unknown field."]}


@pytest.mark.parametrize("who", ["charlie", "legal_user", "executive"])
def test_only_who_may_change_it_records_a_round(request, draft, who):
    with pytest.raises(PermissionDenied):
        services.negotiation_add(contract=draft, by=request.getfixturevalue(who), **ROUND)

    assert NegotiationRecord.objects.count() == 0


def test_a_round_is_corrected_and_its_history_keeps_what_it_said(draft, alice, charlie):
    record = services.negotiation_add(contract=draft, by=alice, **ROUND)

    services.negotiation_update(record=record, by=alice, outcome="Price agreed at 95")
    with pytest.raises(PermissionDenied):
        services.negotiation_update(record=record, by=charlie, outcome="Nothing agreed")
    with pytest.raises(ValidationError):
        services.negotiation_update(record=record, by=alice, contract=draft)

    assert reload(record).outcome == "Price agreed at 95"
    assert list(record.history.order_by("history_id").values_list("outcome", flat=True)) == [
        "Price agreed",
        "Price agreed at 95",
    ]


# -- renewals ----------------------------------------------------------------------------------


def test_a_renewal_is_the_next_term_of_the_same_length_with_the_text(signed, alice):
    renewal = services.contract_renew(contract=signed, by=alice, number="HT-2028-0001")

    stored = reload(renewal)
    assert (
        stored.number,
        stored.title,
        stored.account,
        stored.owner,
        stored.value,
        stored.currency,
        stored.starts_on,
        stored.ends_on,
        stored.status,
        stored.renewal_of,
    ) == (
        "HT-2028-0001",
        signed.title,
        signed.account,
        alice,
        signed.value,
        "CNY",
        # A calendar year renews to the next calendar year (a leap year: 366 days).
        dt.date(2028, 1, 1),
        dt.date(2028, 12, 31),
        DRAFT,
        signed,
    )
    assert (stored.term_days, signed.term_days) == (366, 365)
    version = stored.latest_version
    assert (version.version_no, version.body, version.change_summary) == (
        1,
        BODY,
        "Renewal of HT-2027-0001, from its version 1.",
    )
    assert reload(signed).status == SIGNED  # the contract in force stays in force


def test_a_renewal_note_is_its_first_versions_summary(signed, alice):
    renewal = services.contract_renew(
        contract=signed, by=alice, number="HT-2028-0001", note="Prices up 3 %"
    )

    assert renewal.latest_version.change_summary == "Prices up 3 %"


def test_a_short_term_is_renewed_for_as_long(account, alice, reviewers):
    contract = f.ContractFactory(
        account=account, starts_on=dt.date(2027, 3, 1), ends_on=dt.date(2027, 5, 31), body=BODY
    )
    services.contract_submit_for_review(contract=contract, by=alice)
    decide(contract, "legal", reviewers["legal"])
    decide(contract, "finance", reviewers["finance"])
    services.contract_transition(
        contract=contract, to_status=SIGNED, by=alice, signed_on=company_today()
    )

    renewal = services.contract_renew(contract=contract, by=alice, number="HT-2027-0099")

    assert (renewal.starts_on, renewal.ends_on) == (dt.date(2027, 6, 1), dt.date(2027, 8, 31))


def test_only_one_renewal_is_under_way(signed, alice):
    first = services.contract_renew(contract=signed, by=alice, number="HT-2028-0001")

    with pytest.raises(Conflict) as error:
        services.contract_renew(contract=signed, by=alice, number="HT-2028-0002")
    assert error.value.message == "Its renewal is under way already: HT-2028-0001."
    assert error.value.extra == {"renewal": first.pk}

    # Once that renewal is given up, another may start.
    services.contract_transition(contract=first, to_status=TERMINATED, by=alice, note="Dropped")
    second = services.contract_renew(contract=signed, by=alice, number="HT-2028-0002")
    assert list(signed.renewals.order_by("id").values_list("number", "status")) == [
        ("HT-2028-0001", TERMINATED),
        (second.number, DRAFT),
    ]


def test_an_expired_contract_is_renewed(make, alice):
    ended = make(EXPIRED, ended=True)

    renewal = services.contract_renew(contract=ended, by=alice, number="HT-2026-0100")

    assert (renewal.starts_on, renewal.ends_on, renewal.status) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        DRAFT,
    )


@pytest.mark.parametrize("state", [DRAFT, NEGOTIATING, IN_REVIEW, APPROVED, TERMINATED])
def test_a_contract_is_renewed_once_signed(make, alice, state):
    contract = make(state)

    with pytest.raises(Conflict) as error:
        services.contract_renew(contract=contract, by=alice, number="HT-2028-0001")

    assert error.value.message == "A contract is renewed once it is signed."
    assert Contract.objects.filter(renewal_of=contract).count() == 0


def test_the_renewal_of_a_departed_owners_contract_is_the_renewers(signed, alice, bob):
    alice.is_active = False
    alice.save()

    renewal = services.contract_renew(contract=signed, by=bob, number="HT-2028-0001")

    assert renewal.owner == bob


@pytest.mark.parametrize("who", ["charlie", "legal_user", "executive"])
def test_only_who_may_change_it_renews_it(request, signed, who):
    with pytest.raises(PermissionDenied):
        services.contract_renew(
            contract=signed, by=request.getfixturevalue(who), number="HT-2028-0001"
        )

    assert Contract.objects.count() == 1


# -- history ------------------------------------------------------------------------------------


def test_the_history_keeps_every_status_with_its_note(draft, alice, bob, reviewers):
    services.negotiation_add(contract=draft, by=alice, **ROUND)
    services.contract_submit_for_review(contract=draft, by=alice, note="Ready for review")
    decide(draft, "finance", reviewers["finance"])
    decide(draft, "legal", reviewers["legal"], "changes_requested", comments="Cap liability")
    services.version_add(contract=draft, by=alice, body=BODY_2)
    services.contract_submit_for_review(contract=draft, by=alice)
    decide(draft, "legal", reviewers["legal"])
    decide(draft, "finance", reviewers["finance"])
    services.version_add(contract=draft, by=alice, body=BODY_2 + "4. Warranty\n")
    services.contract_transition(contract=draft, to_status=NEGOTIATING, by=bob, note="Hold on")
    services.contract_transition(contract=draft, to_status=TERMINATED, by=bob, note="Lost")

    assert statuses(draft) == [
        (DRAFT, ""),
        (NEGOTIATING, "The first negotiation round was recorded."),
        (IN_REVIEW, "Ready for review"),
        (NEGOTIATING, "Legal: Changes requested."),
        (IN_REVIEW, ""),
        (APPROVED, "Every review approved version 2."),
        (IN_REVIEW, "Version 3 reopened the review."),
        (NEGOTIATING, "Hold on"),
        (TERMINATED, "Lost"),
    ]


# -- who is told what -----------------------------------------------------------------------------


@pytest.fixture
def leo(db):
    """Lena's colleague in legal."""
    return f.UserFactory(username="leo", role=Role.DEPARTMENT, department=f.department("legal"))


@pytest.fixture
def lia(db):
    """A member of legal who left: never told."""
    return f.UserFactory(
        username="lia", role=Role.DEPARTMENT, department=f.department("legal"), is_active=False
    )


def test_a_review_request_tells_each_member_of_legal_and_finance_once(
    draft, alice, legal_user, leo, lia, finance_user, logistics_user, bob
):
    services.contract_submit_for_review(contract=draft, by=alice)

    legal, finance = current(draft, "legal"), current(draft, "finance")
    subject = f"Contract to review: HT-2027-0001 {ACCOUNT}"
    body = "Version 1, 1,200,000.00 CNY, 2027-01-01 – 2027-12-31."
    assert told("contracts.review_requested") == [
        ("fred", subject, body, f"/contracts/{draft.pk}/#review-{finance.pk}"),
        ("lena", subject, body, f"/contracts/{draft.pk}/#review-{legal.pk}"),
        ("leo", subject, body, f"/contracts/{draft.pk}/#review-{legal.pk}"),
    ]
    assert Notification.objects.filter(user__in=[alice, bob, lia, logistics_user]).count() == 0


def test_a_decision_tells_the_owner_once(in_review, alice, bob, legal_user, finance_user):
    decide(in_review, "finance", finance_user, comments="Fine by finance")
    decide(in_review, "legal", legal_user, "rejected", comments="Unlimited liability")

    finance, legal = (
        ContractReview.objects.get(contract=in_review, department__code=code)
        for code in ("finance", "legal")
    )
    url = f"/contracts/{in_review.pk}/"
    assert told("contracts.review_decided") == sorted(
        [
            (
                "alice",
                f"Finance: Approved — HT-2027-0001 {ACCOUNT}",
                "Fine by finance",
                f"{url}#review-{finance.pk}",
            ),
            (
                "alice",
                f"Legal: Rejected — HT-2027-0001 {ACCOUNT}",
                "Unlimited liability",
                f"{url}#review-{legal.pk}",
            ),
        ]
    )
    # The reviewers and the manager are not told of decisions.
    assert (
        Notification.objects.filter(kind="contracts.review_decided").exclude(user=alice).count()
        == 0
    )


def test_each_round_is_requested_anew_and_the_owner_told_of_the_new_owner(
    in_review, alice, bob, legal_user, finance_user
):
    services.version_add(contract=in_review, by=alice, body=BODY_2)
    assert Notification.objects.filter(kind="contracts.review_requested").count() == 4
    assert sorted(
        Notification.objects.filter(kind="contracts.review_requested").values_list(
            "user__username", flat=True
        )
    ) == ["fred", "fred", "lena", "lena"]

    services.contract_update(contract=in_review, by=bob, owner=bob)
    decide(in_review, "legal", legal_user)

    assert list(
        Notification.objects.filter(kind="contracts.review_decided").values_list(
            "user__username", flat=True
        )
    ) == ["bob"]


def test_only_legal_is_asked_when_only_legal_reviews(
    settings, draft, alice, legal_user, finance_user
):
    settings.KAM_CONTRACT_REVIEWERS = ["legal"]

    services.contract_submit_for_review(contract=draft, by=alice)

    assert [row[0] for row in told("contracts.review_requested")] == ["lena"]


# -- the daily job: expiry -------------------------------------------------------------------------


def test_signed_and_approved_contracts_expire_after_their_last_day(make, account):
    signed = make(SIGNED)
    approved = make(APPROVED)
    others = [make(DRAFT), make(NEGOTIATING), make(IN_REVIEW)]

    assert services.contracts_check_renewals(today=ENDS) == {"expired": 0, "reminded": 1}
    assert reload(signed).status == SIGNED  # its last day: still in force

    assert services.contracts_check_renewals(today=ENDS + dt.timedelta(days=1)) == {
        "expired": 2,
        "reminded": 0,
    }

    assert (reload(signed).status, reload(approved).status) == (EXPIRED, EXPIRED)
    assert statuses(signed)[-1] == (EXPIRED, "The term ended on 2027-12-31.")
    assert [reload(other).status for other in others] == [DRAFT, NEGOTIATING, IN_REVIEW]
    # Run again: nothing left to expire.
    assert services.contracts_check_renewals(today=ENDS + dt.timedelta(days=1)) == {
        "expired": 0,
        "reminded": 0,
    }


def test_expiry_runs_on_the_company_calendar_by_default(make):
    ended = make(SIGNED, ended=True)  # ended 31 December 2025
    running = make(SIGNED)

    assert services.contracts_check_renewals() == {"expired": 1, "reminded": 0}

    assert (reload(ended).status, reload(running).status) == (EXPIRED, SIGNED)


# -- the daily job: renewal reminders -----------------------------------------------------------


def before_end(days: int) -> dt.date:
    return ENDS - dt.timedelta(days=days)


def reminders() -> list[tuple[str, str]]:
    return sorted(
        Notification.objects.filter(kind="contracts.renewal").values_list(
            "user__username", "subject"
        )
    )


def reminded(*days: int) -> list[tuple[str, str]]:
    subjects = [f"Ends in {day} days: HT-2027-0001 {ACCOUNT}" for day in days]
    return sorted((user, subject) for user in ("alice", "bob") for subject in subjects)


def test_each_threshold_is_reminded_once_to_the_owner_and_her_manager(signed):
    check = services.contracts_check_renewals
    nothing = {"expired": 0, "reminded": 0}
    once = {"expired": 0, "reminded": 1}

    assert check(today=before_end(91)) == nothing
    assert check(today=before_end(90)) == once
    assert reload(signed).renewal_notice == 90
    assert reminders() == reminded(90)
    assert check(today=before_end(90)) == nothing
    assert check(today=before_end(61)) == nothing

    assert check(today=before_end(60)) == once
    assert check(today=before_end(59)) == nothing
    assert check(today=before_end(31)) == nothing
    assert check(today=before_end(30)) == once
    assert reload(signed).renewal_notice == 30
    for day in (30, 29, 10, 0):
        assert check(today=before_end(day)) == nothing

    assert reminders() == reminded(90, 60, 30)
    notification = Notification.objects.get(
        user__username="alice", subject=f"Ends in 60 days: HT-2027-0001 {ACCOUNT}"
    )
    assert (notification.body, notification.url) == (
        f"{signed.title} ends on 2027-12-31. Start its renewal from the contract's page.",
        f"/contracts/{signed.pk}/",
    )


@pytest.mark.parametrize(
    ("first_seen", "threshold"),
    [(89, 90), (75, 90), (60, 60), (45, 60), (30, 30), (20, 30), (0, 30)],
)
def test_a_contract_first_seen_late_hears_the_closest_threshold_only(signed, first_seen, threshold):
    result = services.contracts_check_renewals(today=before_end(first_seen))

    assert result == {"expired": 0, "reminded": 1}
    assert reload(signed).renewal_notice == threshold
    assert reminders() == reminded(first_seen)
    # Nothing more until the next threshold, if there is one.
    assert services.contracts_check_renewals(today=before_end(first_seen)) == {
        "expired": 0,
        "reminded": 0,
    }


def test_a_skipped_threshold_is_not_made_up_for(signed):
    services.contracts_check_renewals(today=before_end(90))
    # The job did not run for a month: on day 25 only "30 days" is news.
    assert services.contracts_check_renewals(today=before_end(25)) == {
        "expired": 0,
        "reminded": 1,
    }

    assert reminders() == reminded(90, 25)


def test_only_signed_contracts_are_reminded(make):
    for state in (DRAFT, NEGOTIATING, IN_REVIEW, APPROVED, TERMINATED):
        make(state)

    for day in (90, 60, 30):
        assert services.contracts_check_renewals(today=before_end(day)) == {
            "expired": 0,
            "reminded": 0,
        }
    assert reminders() == []


def test_an_owner_without_a_manager_is_reminded_alone(account, bob, reviewers):
    contract = f.ContractFactory(account=account, by=bob, starts_on=STARTS, ends_on=ENDS)
    assert contract.owner == bob  # bob manages East; he has no team and no manager himself
    services.contract_submit_for_review(contract=contract, by=bob)
    decide(contract, "legal", reviewers["legal"])
    decide(contract, "finance", reviewers["finance"])
    services.contract_transition(
        contract=contract, to_status=SIGNED, by=bob, signed_on=company_today()
    )

    services.contracts_check_renewals(today=before_end(90))

    assert [user for user, _subject in reminders()] == ["bob"]


def test_a_departed_owners_manager_is_still_reminded(signed, alice):
    alice.is_active = False
    alice.save()

    services.contracts_check_renewals(today=before_end(90))

    assert [user for user, _subject in reminders()] == ["bob"]


def test_a_changed_end_starts_the_reminders_afresh(make, alice):
    contract = make(NEGOTIATING)
    # As the job leaves a contract it reminded (a notice for its current end).
    Contract.objects.filter(pk=contract.pk).update(renewal_notice=30)

    services.contract_update(contract=contract, by=alice, title="Same end")
    assert reload(contract).renewal_notice == 30
    services.contract_update(contract=contract, by=alice, ends_on=dt.date(2028, 6, 30))
    assert reload(contract).renewal_notice is None


def test_a_new_end_is_reminded_at_the_same_threshold_again(signed):
    services.contracts_check_renewals(today=before_end(90))
    # The term is extended (a corrected end, with the notice cleared as contract_update does).
    new_end = dt.date(2028, 3, 31)
    Contract.objects.filter(pk=signed.pk).update(ends_on=new_end, renewal_notice=None)

    assert services.contracts_check_renewals(today=new_end - dt.timedelta(days=90)) == {
        "expired": 0,
        "reminded": 1,
    }

    assert reminders() == sorted(
        reminded(90)
        + [(user, f"Ends in 90 days: HT-2027-0001 {ACCOUNT}") for user in ("alice", "bob")]
    )
    keys = Notification.objects.filter(user__username="alice", kind="contracts.renewal")
    assert sorted(keys.values_list("once_key", flat=True)) == [
        f"contracts.renewal:{signed.pk}:90:2027-12-31",
        f"contracts.renewal:{signed.pk}:90:2028-03-31",
    ]


def test_reminders_are_once_even_if_the_mark_is_lost(signed):
    services.contracts_check_renewals(today=before_end(90))
    # Two runs racing, or a mark lost: the notification's once key still tells once.
    Contract.objects.filter(pk=signed.pk).update(renewal_notice=None)

    assert services.contracts_check_renewals(today=before_end(90)) == {
        "expired": 0,
        "reminded": 1,
    }

    assert reminders() == reminded(90)


@pytest.mark.parametrize(
    "starts_on, ends_on, expected",
    [
        # Whole months stay whole months, the month's last day when the 31st has none.
        (dt.date(2026, 1, 1), dt.date(2026, 12, 31), dt.date(2027, 12, 31)),
        (dt.date(2026, 1, 31), dt.date(2026, 2, 27), dt.date(2026, 3, 27)),
        (dt.date(2026, 7, 1), dt.date(2026, 9, 30), dt.date(2026, 12, 31)),
        (dt.date(2027, 3, 1), dt.date(2028, 2, 29), dt.date(2029, 2, 28)),
        # Anything else keeps its days.
        (dt.date(2026, 1, 5), dt.date(2026, 3, 20), dt.date(2026, 6, 3)),
    ],
)
def test_the_next_term_keeps_whole_months_or_the_days(starts_on, ends_on, expected):
    next_start = ends_on + dt.timedelta(days=1)
    assert services.next_term_end(starts_on, ends_on, next_start) == expected
