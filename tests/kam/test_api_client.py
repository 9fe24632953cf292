"""The generated Python client (clients/python/, ``kam-crm-client``) against the real server.

The client is installed the way a department installs it (``pip install`` of
``clients/python`` into a directory of its own) and imported from there, not from the
checkout; then a logistics clerk and a finance reviewer do their work through its
functions only, against ``live_server``, and the README's clerk script runs unchanged in
a process of its own. Data that exists before the clerk's day (the people, the rep's
tickets, a contract under review) is made with the factories and services.
"""

import importlib
import importlib.util
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from contracts import models as contract_models
from contracts import services as contract_services
from contracts.choices import Decision
from kam import services as kam_services
from tests import factories as f
from tickets import models as ticket_models
from tickets.choices import EventKind, TicketStatus

pytestmark = [
    # The live server answers from another thread, so the data must be committed; the
    # serialized rollback brings back the departments and routing rules of the migrations.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BASE_DIR = Path(settings.BASE_DIR)
CLIENT_SOURCE = BASE_DIR / "clients" / "python"
README = BASE_DIR / "README.md"
CLERK_MARKER = "<!-- clerk-script: tests/kam/test_api_client.py runs this block unchanged -->"
CLERK_PASSWORD = "lou-ships-it-2026"
REVIEWER_PASSWORD = "fred-counts-it-2026"


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # its parent package is missing
        return False


def _install_command(target: Path) -> list[str]:
    command = [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target)]
    # pdm-backend (the client's build backend) is on no local index: pip's build isolation
    # fetches it. Where it is installed already, build with it and need no index at all.
    if _importable("pdm.backend"):
        command.append("--no-build-isolation")
    return [*command, str(CLIENT_SOURCE)]


@pytest.fixture(scope="module")
def client_site(tmp_path_factory):
    """``kam-crm-client`` pip-installed into a directory of its own; imported from there."""
    target = tmp_path_factory.mktemp("kam-crm-client") / "site"
    started = time.monotonic()
    installed = subprocess.run(
        _install_command(target), capture_output=True, text=True, timeout=300, check=False
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    print(f"kam-crm-client installed in {time.monotonic() - started:.1f} s")
    assert not any(name.startswith("kam_crm_client") for name in sys.modules)
    sys.path.insert(0, str(target))
    try:
        package = importlib.import_module("kam_crm_client")
        assert Path(package.__file__).resolve().is_relative_to(target.resolve())
        assert not Path(package.__file__).resolve().is_relative_to(CLIENT_SOURCE.resolve())
        yield target
    finally:
        sys.path.remove(str(target))
        for name in [name for name in sys.modules if name.startswith("kam_crm_client")]:
            del sys.modules[name]


@pytest.fixture
def connect(client_site, live_server):
    """``connect()`` a Client of the live server, ``connect(token)`` an AuthenticatedClient.

    They are closed before the server stops: a connection httpx keeps alive holds a request
    thread open, which on SQLite closes the server's shared database connection after the
    server stopped sharing it (an exception in that thread).
    """
    from kam_crm_client import AuthenticatedClient, Client

    opened = []

    def connect(token: str | None = None):
        if token is None:
            client = Client(base_url=live_server.url)
        else:
            client = AuthenticatedClient(base_url=live_server.url, token=token, prefix="Token")
        opened.append(client)
        return client

    yield connect
    for client in opened:
        client.get_httpx_client().close()


def _token(client, user, password: str) -> str:
    """A token for ``user`` from ``auth_token_create``, as a department gets its own."""
    from kam_crm_client.api.auth import auth_token_create
    from kam_crm_client.models import Token, TokenCredentialsRequest

    user.set_password(password)
    user.save()
    answer = auth_token_create.sync(
        client=client,
        body=TokenCredentialsRequest(username=user.username, password=password, name="our system"),
    )
    assert isinstance(answer, Token), answer
    assert answer.user == user.pk
    assert answer.name == "our system"
    return answer.token


@pytest.fixture
def rep_tickets(alice_account):
    """A rep's delivery ticket (routed to logistics) and a quality one (tech support)."""
    delivery = f.TicketFactory(
        account=alice_account, category="delivery", subject="Second batch of castings not arrived"
    )
    quality = f.TicketFactory(
        account=alice_account, category="quality", subject="Porosity in the castings"
    )
    assert delivery.department.code == "logistics"
    assert quality.department.code == "tech_support"
    return delivery, quality


# -- installing ----------------------------------------------------------------------------


def test_the_client_is_imported_from_its_install_not_the_checkout(client_site):
    import kam_crm_client
    from kam_crm_client.api.tickets import tickets_list

    assert Path(kam_crm_client.__file__).parent == client_site / "kam_crm_client"
    assert Path(tickets_list.__file__).is_relative_to(client_site)
    assert (client_site / "kam_crm_client-1.0.0.dist-info").is_dir()


# -- a logistics clerk's day ---------------------------------------------------------------


def test_a_logistics_clerk_works_a_ticket_through_the_client(connect, logistics_user, rep_tickets):
    from kam_crm_client.api.tickets import (
        tickets_comments_create,
        tickets_events_list,
        tickets_list,
        tickets_retrieve,
        tickets_transition_create,
    )
    from kam_crm_client.models import (
        CommentRequest,
        Error,
        PaginatedTicketList,
        Ticket,
        TicketConflict,
        TicketEvent,
        TicketEventKindEnum,
        TicketsListStatusItem,
        TicketStatusEnum,
        TransitionRequest,
    )

    delivery, quality = rep_tickets
    kam = connect(_token(connect(), logistics_user, CLERK_PASSWORD))

    queue = tickets_list.sync(client=kam, status=[TicketsListStatusItem.OPEN], ordering="due_at")
    assert isinstance(queue, PaginatedTicketList)
    assert queue.count == 1
    assert [(t.id, t.subject, t.account_name) for t in queue.results] == [
        (delivery.pk, "Second batch of castings not arrived", "Hangzhou Precision Castings")
    ]
    listed = queue.results[0]
    assert listed.status == TicketStatusEnum.OPEN
    assert listed.first_response_at is None

    # Tech support's ticket is not the clerk's to see: 404, a value rather than an exception.
    elsewhere = tickets_retrieve.sync_detailed(quality.pk, client=kam)
    assert elsewhere.status_code == 404
    assert isinstance(elsewhere.parsed, Error)
    assert elsewhere.parsed.detail == "Not found."

    comment = tickets_comments_create.sync(
        delivery.pk, client=kam, body=CommentRequest(body="Truck left Ningbo this morning.")
    )
    assert isinstance(comment, TicketEvent)
    assert comment.kind == TicketEventKindEnum.COMMENT
    assert comment.author == logistics_user.pk

    taken = tickets_transition_create.sync(
        delivery.pk, client=kam, body=TransitionRequest(status=TicketStatusEnum.IN_PROGRESS)
    )
    assert isinstance(taken, Ticket)
    assert taken.status == TicketStatusEnum.IN_PROGRESS
    resolved = tickets_transition_create.sync(
        delivery.pk,
        client=kam,
        body=TransitionRequest(status=TicketStatusEnum.RESOLVED, note="Delivered, signed for."),
    )
    assert isinstance(resolved, Ticket)
    assert resolved.status == TicketStatusEnum.RESOLVED

    ticket = tickets_retrieve.sync(delivery.pk, client=kam)
    assert isinstance(ticket, Ticket)
    assert ticket.id == delivery.pk
    assert ticket.status == TicketStatusEnum.RESOLVED
    assert ticket.first_response_at is not None
    assert ticket.resolved_at is not None
    assert ticket.first_response_at <= ticket.resolved_at

    timeline = tickets_events_list.sync(delivery.pk, client=kam)
    assert [
        (e.kind, e.from_status, e.to_status, e.body, e.author) for e in timeline.results[1:]
    ] == [
        (TicketEventKindEnum.COMMENT, "", "", "Truck left Ningbo this morning.", logistics_user.pk),
        (
            TicketEventKindEnum.STATUS_CHANGE,
            TicketStatusEnum.OPEN,
            TicketStatusEnum.IN_PROGRESS,
            "",
            logistics_user.pk,
        ),
        (
            TicketEventKindEnum.STATUS_CHANGE,
            TicketStatusEnum.IN_PROGRESS,
            TicketStatusEnum.RESOLVED,
            "Delivered, signed for.",
            logistics_user.pk,
        ),
    ]

    # A resolved ticket is reopened (open) or closed, never taken up again directly.
    refused = tickets_transition_create.sync_detailed(
        delivery.pk, client=kam, body=TransitionRequest(status=TicketStatusEnum.IN_PROGRESS)
    )
    assert refused.status_code == 409
    assert isinstance(refused.parsed, TicketConflict)
    assert refused.parsed.allowed == ["closed", "open"]
    assert refused.parsed.detail == "A ticket that is Resolved cannot become In progress."

    stored = ticket_models.Ticket.objects.get(pk=delivery.pk)
    assert stored.status == TicketStatus.RESOLVED
    assert stored.first_response_at == ticket.first_response_at
    assert stored.resolved_at == ticket.resolved_at
    assert list(
        stored.events.order_by("created_at", "id").values_list(
            "kind", "from_status", "to_status", "body", "author__username"
        )
    ) == [
        (EventKind.STATUS_CHANGE, "", TicketStatus.OPEN, "", "alice"),
        (EventKind.COMMENT, "", "", "Truck left Ningbo this morning.", "lou"),
        (EventKind.STATUS_CHANGE, TicketStatus.OPEN, TicketStatus.IN_PROGRESS, "", "lou"),
        (
            EventKind.STATUS_CHANGE,
            TicketStatus.IN_PROGRESS,
            TicketStatus.RESOLVED,
            "Delivered, signed for.",
            "lou",
        ),
    ]
    assert ticket_models.Ticket.objects.get(pk=quality.pk).status == TicketStatus.OPEN


def test_the_client_types_remaining_seconds_as_it_comes(client_site):
    import attrs
    from kam_crm_client.models import Ticket

    declared = attrs.fields(Ticket).remaining_seconds.type
    assert {part.strip() for part in declared.split("|")} == {"int", "None"}


# -- a finance reviewer --------------------------------------------------------------------


def test_a_finance_reviewer_approves_a_contract_review_through_the_client(
    connect, alice_account, finance_user, legal_user
):
    from kam_crm_client.api.contract_reviews import (
        contract_reviews_decide_create,
        contract_reviews_list,
    )
    from kam_crm_client.models import (
        ContractReview,
        DecisionEnum,
        DepartmentCodeEnum,
        PaginatedContractReviewList,
        ReviewDecisionDecisionEnum,
        ReviewDecisionRequest,
    )

    contract = f.ContractFactory(account=alice_account, title="Castings supply 2026")
    reviews = contract_services.contract_submit_for_review(
        contract=contract, by=alice_account.owner
    )
    by_department = {review.department.code: review for review in reviews}
    assert sorted(by_department) == ["finance", "legal"]
    kam = connect(_token(connect(), finance_user, REVIEWER_PASSWORD))

    waiting = contract_reviews_list.sync(client=kam, open_=True)
    assert isinstance(waiting, PaginatedContractReviewList)
    assert [(r.id, r.department, r.contract, r.decision) for r in waiting.results] == [
        (by_department["finance"].pk, DepartmentCodeEnum.FINANCE, contract.pk, DecisionEnum.PENDING)
    ]
    assert waiting.results[0].contract_title == "Castings supply 2026"
    assert waiting.results[0].is_open is True
    # Legal's review of the same contract is not finance's, open or not.
    everything = contract_reviews_list.sync(client=kam)
    assert by_department["legal"].pk not in [review.id for review in everything.results]

    decided = contract_reviews_decide_create.sync(
        by_department["finance"].pk,
        client=kam,
        body=ReviewDecisionRequest(decision=ReviewDecisionDecisionEnum.APPROVED, comments=""),
    )
    assert isinstance(decided, ContractReview)
    assert decided.id == by_department["finance"].pk
    assert decided.decision == DecisionEnum.APPROVED
    assert decided.reviewer == finance_user.pk
    assert decided.decided_at is not None
    assert decided.is_open is False
    assert contract_reviews_list.sync(client=kam, open_=True).count == 0

    stored = contract_models.ContractReview.objects.get(pk=by_department["finance"].pk)
    assert (stored.decision, stored.reviewer_id) == (Decision.APPROVED, finance_user.pk)
    assert stored.decided_at == decided.decided_at
    legal = contract_models.ContractReview.objects.get(pk=by_department["legal"].pk)
    assert legal.decision == Decision.PENDING


# -- the README's clerk script -------------------------------------------------------------


def _clerk_script() -> str:
    """The ```python block right after the clerk-script marker in README.md."""
    text = README.read_text(encoding="utf-8")
    assert CLERK_MARKER in text, "README.md lost the clerk script's marker"
    match = re.match(r"\s*```python\n(.*?)\n```", text.split(CLERK_MARKER, 1)[1], re.DOTALL)
    assert match, "no ```python block right after the clerk-script marker"
    return match.group(1)


def test_the_readme_clerk_script_is_at_most_ten_lines():
    lines = [line for line in _clerk_script().splitlines() if line.strip()]
    assert len(lines) <= 10, lines


def test_the_readme_clerk_script_runs_unchanged(
    client_site, live_server, logistics_user, rep_tickets
):
    delivery, quality = rep_tickets
    _token_row, key = kam_services.token_create(user=logistics_user, name="clerk script")
    env = {
        **os.environ,
        "PYTHONPATH": str(client_site),
        "KAM_URL": live_server.url,
        "KAM_TOKEN": key,
    }
    ran = subprocess.run(
        [sys.executable, "-c", _clerk_script()],
        capture_output=True,
        text=True,
        env=env,
        cwd=client_site.parent,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    printed = ran.stdout.splitlines()
    assert len(printed) == 1, ran.stdout
    assert printed[0].startswith(
        f"{delivery.pk} Hangzhou Precision Castings Second batch of castings not arrived due "
    )

    stored = ticket_models.Ticket.objects.get(pk=delivery.pk)
    assert stored.status == TicketStatus.IN_PROGRESS
    assert list(
        stored.events.filter(kind=EventKind.COMMENT).values_list("body", "author__username")
    ) == [("On it.", "lou")]
    assert ticket_models.Ticket.objects.get(pk=quality.pk).status == TicketStatus.OPEN


# -- no token ------------------------------------------------------------------------------


def test_calls_without_a_token_answer_401_through_the_client(connect, rep_tickets):
    from kam_crm_client.api.contract_reviews import contract_reviews_list
    from kam_crm_client.api.tickets import tickets_list, tickets_retrieve, tickets_transition_create
    from kam_crm_client.models import Error, TicketStatusEnum, TransitionRequest

    delivery, _quality = rep_tickets
    anonymous = connect()
    answers = [
        tickets_list.sync_detailed(client=anonymous),
        tickets_retrieve.sync_detailed(delivery.pk, client=anonymous),
        tickets_transition_create.sync_detailed(
            delivery.pk,
            client=anonymous,
            body=TransitionRequest(status=TicketStatusEnum.IN_PROGRESS),
        ),
        contract_reviews_list.sync_detailed(client=anonymous),
    ]
    for answer in answers:
        assert answer.status_code == 401
        assert isinstance(answer.parsed, Error)
        assert answer.parsed.detail == "Authentication credentials were not provided."
    assert ticket_models.Ticket.objects.get(pk=delivery.pk).status == TicketStatus.OPEN
