"""tickets' demo: two years of tickets whose every row keeps the clock's rules and whose
timeline tells its story, deterministic, loaded twice without duplicates; the queues of
right now in every status and SLA state; the large size scaled down; and the benchmark's
cases, which must find their records in the small seed."""

import re
from collections import Counter, defaultdict
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone

from accounts.models import Account, SurveyResponse
from kam import bench
from kam.choices import DepartmentCode, Role
from kam.demo import LARGE, SMALL, demo_reps
from kam.search import document
from tests import factories as f
from tickets import bench as tickets_bench
from tickets import demo as tickets_demo
from tickets.choices import AT_RISK_SHARE, DONE, TICKET_FLOW, SlaState, TicketStatus
from tickets.models import RoutingRule, Ticket, TicketEvent
from tickets.services import resolution_hours_for, tickets_check_sla

SMALL_COUNTS = {"Ticket": 369, "TicketEvent": 2430, "feedback": 130}
SECONDS = r"in \d+\.\d s\."


def counts() -> dict[str, int]:
    return {
        "Ticket": Ticket.objects.count(),
        "TicketEvent": TicketEvent.objects.count(),
        "feedback": SurveyResponse.objects.filter(ticket__isnull=False).count(),
    }


def fingerprint() -> list:
    """Every ticket's content that does not move with the clock, with its timeline."""
    timelines = defaultdict(list)
    for event in TicketEvent.objects.order_by("ticket__opened_at", "created_at", "pk").values_list(
        "ticket_id", "kind", "author__username", "from_status", "to_status", "body"
    ):
        timelines[event[0]].append(event[1:])
    tickets = Ticket.objects.order_by("opened_at", "pk").values_list(
        "pk",
        "account__code",
        "category",
        "priority",
        "status",
        "department__code",
        "assignee__username",
        "subject",
        "paused_seconds",
        "resolution_seconds",
        "sla_mark",
        "feedback__score",
    )
    return [(*ticket[1:], timelines[ticket[0]]) for ticket in tickets]


def clock_errors(tickets) -> list:
    """Tickets that break a rule of the clock, each with the rule: over every row."""
    hours = {
        priority: resolution_hours_for(priority) for priority in ("low", "normal", "high", "urgent")
    }
    errors = []
    for ticket in tickets.values(
        "pk",
        "priority",
        "status",
        "opened_at",
        "due_at",
        "warn_at",
        "paused_seconds",
        "paused_at",
        "resolved_at",
        "resolution_seconds",
    ):
        allowed = timedelta(hours=hours[ticket["priority"]])
        paused = timedelta(seconds=ticket["paused_seconds"])
        checks = {
            "due_at": ticket["due_at"] == ticket["opened_at"] + allowed + paused,
            "warn_at": ticket["warn_at"] == ticket["due_at"] - allowed * (1 - AT_RISK_SHARE),
            "paused_at": (ticket["paused_at"] is not None)
            == (ticket["status"] == TicketStatus.WAITING_ON_CUSTOMER),
            "resolved_at": (ticket["resolved_at"] is not None) == (ticket["status"] in DONE),
            "resolution_seconds": ticket["resolution_seconds"]
            == (
                None
                if ticket["resolved_at"] is None
                else int((ticket["resolved_at"] - ticket["opened_at"] - paused).total_seconds())
            ),
        }
        errors += [(ticket["pk"], rule) for rule, ok in checks.items() if not ok]
    return errors


def story_errors(tickets, now) -> list:
    """Tickets whose timeline does not tell their state: it opens from "" to open by who
    raised it, follows the ticket's life step by step up to its status, in time order and
    not after now; its stops add up to ``paused_seconds``; the first answer by the
    department it was with is ``first_response_at``; the last step is ``updated_at``."""
    members = dict(
        get_user_model().objects.filter(role=Role.DEPARTMENT).values_list("pk", "department_id")
    )
    events = defaultdict(list)
    for event in TicketEvent.objects.filter(ticket__in=tickets).order_by("created_at", "pk"):
        events[event.ticket_id].append(event)
    errors = []
    for ticket in tickets:
        timeline = events[ticket.pk]
        opening = timeline[0]
        if (opening.kind, opening.from_status, opening.to_status, opening.author_id) != (
            "status_change",
            "",
            "open",
            ticket.raised_by_id,
        ) or opening.created_at != ticket.opened_at:
            errors.append((ticket.pk, "opening"))
        # Opened for the department that first passed it on (its member did), or its own.
        moves = [event for event in timeline if event.kind == "reassign"]
        department = members.get(moves[0].author_id) if moves else ticket.department_id
        status, stopped, paused, first = "open", None, 0, None
        for event in timeline[1:]:
            if event.kind == "reassign":
                department = event.department_id
            if first is None and members.get(event.author_id) == department:
                first = event.created_at
            if event.kind != "status_change":
                continue
            if event.from_status != status or event.to_status not in TICKET_FLOW[status]:
                errors.append((ticket.pk, f"step {event.from_status}→{event.to_status}"))
            if stopped is not None and (
                status == "waiting_on_customer" or event.to_status == "open"
            ):
                paused += int((event.created_at - stopped).total_seconds())
                stopped = None
            if event.to_status in ("waiting_on_customer", "resolved"):
                stopped = event.created_at
            status = event.to_status
        checks = {
            "status": status == ticket.status,
            "department": department == ticket.department_id,
            "paused_seconds": paused == ticket.paused_seconds,
            "first_response_at": first == ticket.first_response_at,
            "order": [e.created_at for e in timeline] == sorted(e.created_at for e in timeline),
            "not after now": timeline[-1].created_at <= now,
            "updated_at": timeline[-1].created_at == ticket.updated_at,
        }
        errors += [(ticket.pk, rule) for rule, ok in checks.items() if not ok]
    return errors


def sla_states(tickets, now) -> Counter:
    return Counter(ticket.sla_state(now) for ticket in tickets)


@pytest.mark.django_db
def test_small_seed_is_deterministic_and_idempotent():
    out = StringIO()
    call_command("seed_demo", stdout=out, no_color=True)
    first = counts()
    content = fingerprint()

    again = StringIO()
    call_command("seed_demo", stdout=again, no_color=True)

    assert counts() == first
    # random.Random(42), days relative to today and the last days' tickets to now.
    assert first == SMALL_COUNTS
    lines = out.getvalue().splitlines()
    assert re.fullmatch(
        rf"tickets: {first['Ticket']} tickets, {first['TicketEvent']} ticket events, "
        rf"{first['feedback']} feedback surveys {SECONDS}",
        lines[4],
    ), lines[4]
    lines = again.getvalue().splitlines()
    assert lines[7] == "Demo tickets already exist; skipping them."
    assert lines[8].startswith(f"tickets: {first['Ticket']} tickets")

    # Written afresh, the same tickets come out: the same stories, texts and timelines.
    feedback = list(
        Ticket.objects.filter(feedback__isnull=False).values_list("feedback", flat=True)
    )
    TicketEvent.objects.all().delete()
    Ticket.history.all().delete()
    Ticket.objects.all().delete()
    SurveyResponse.history.filter(id__in=feedback).delete()
    SurveyResponse.objects.filter(pk__in=feedback).delete()
    call_command("seed_demo", stdout=StringIO())
    assert fingerprint() == content
    assert counts() == first


@pytest.mark.django_db
def test_small_seed_content():
    call_command("seed_demo", stdout=StringIO())
    now = timezone.now()
    tickets = Ticket.objects.all()
    every = list(tickets.select_related("account", "order"))

    assert clock_errors(tickets) == []
    assert story_errors(every, now) == []
    # The SLA job, had it run all the while, would have reported what it will find: nothing new.
    assert tickets_check_sla() == {"at_risk": 0, "breached": 0}
    for ticket in every:
        state = ticket.sla_state(now)
        if state == SlaState.BREACHED:
            assert ticket.sla_mark == "breached", ticket.pk
        elif state == SlaState.AT_RISK:
            assert ticket.sla_mark == "at_risk", ticket.pk
        elif state == SlaState.ON_TRACK:
            assert ticket.sla_mark == "", ticket.pk
        elif ticket.sla_mark == "breached" and state in (SlaState.MET, SlaState.MISSED):
            assert ticket.resolved_at >= ticket.due_at, ticket.pk
    # The search document as clean() computes it, and every row valid.
    assert [t.search_text for t in every] == [document(*t.search_parts()) for t in every]
    for ticket in every:
        ticket.full_clean()
    # A history row per step of the timeline, dated at it, ending in the ticket's state.
    history = Counter(Ticket.history.values_list("id", flat=True))
    assert history == Counter(TicketEvent.objects.values_list("ticket_id", flat=True))
    for ticket in every[:: len(every) // 20]:
        rows = list(ticket.history.order_by("history_date", "history_id"))
        events = list(ticket.events.order_by("created_at", "pk"))
        assert [row.history_date for row in rows] == [event.created_at for event in events]
        assert [row.history_user_id for row in rows] == [event.author_id for event in events]
        assert (rows[0].history_type, rows[-1].status) == ("+", ticket.status)

    # Every status and every SLA state, right now.
    assert Counter(tickets.values_list("status", flat=True)) == {
        "open": 5,
        "in_progress": 14,
        "waiting_on_customer": 5,
        "resolved": 51,
        "closed": 294,
    }
    assert sla_states(tickets, now) == {
        "on_track": 9,
        "at_risk": 4,
        "breached": 7,
        "paused": 4,
        "met": 303,
        "missed": 42,
    }
    assert (
        tickets.in_sla_state(SlaState.BREACHED, now=now)
        .filter(status="waiting_on_customer")
        .exists()
    )  # paused too late

    # Two years of them, most resolved within the 48 hours, a tail late.
    oldest = tickets.order_by("opened_at").first()
    assert (now - oldest.opened_at).days > 650
    hours = [
        t / 3600
        for t in tickets.exclude(resolution_seconds=None).values_list(
            "resolution_seconds", flat=True
        )
    ]
    within = sum(hour <= 48 for hour in hours) / len(hours)
    assert 0.8 < within < 0.95 and max(hours) > 100
    assert sorted(hours)[len(hours) // 2] < 30
    assert tickets.filter(paused_seconds__gt=0).count() >= 50
    reopened = TicketEvent.objects.filter(to_status="open", from_status__in=DONE)
    assert reopened.values("ticket").distinct().count() >= 10
    assert (
        reopened.filter(from_status="closed").exists()
        and reopened.filter(from_status="resolved").exists()
    )
    # Not answered yet: open, with nothing on the timeline but the opening.
    unanswered = tickets.filter(first_response_at=None).annotate(steps=Count("events"))
    assert unanswered.count() >= 4
    assert set(unanswered.values_list("status", "steps")) == {("open", 1)}
    assert 0.6 < tickets.exclude(assignee=None).count() / tickets.count() < 0.9
    assert TicketEvent.objects.filter(kind="comment").count() > 300

    # Routed as the rules say, some to a department by name, some passed on; nothing
    # for marketing (the benchmark's quiet department).
    rules = dict(RoutingRule.objects.values_list("category", "department__code"))
    departments = Counter(tickets.values_list("department__code", flat=True))
    assert DepartmentCode.MARKETING not in departments
    assert {"logistics", "tech_support", "customer_service", "finance", "production"} <= set(
        departments
    )
    routed = [
        t for t in tickets.select_related("department") if t.department.code == rules[t.category]
    ]
    assert 0.8 < len(routed) / tickets.count() < 0.97
    passed_on = tickets.filter(events__kind="reassign", events__assignee=None).distinct()
    assert passed_on.count() >= 5
    assert (
        not tickets.filter(category="delivery")
        .exclude(department__code__in=["logistics", "production"])
        .exists()
    )
    # Every category; the orders are the account's, delivery and returns about one.
    assert set(tickets.values_list("category", flat=True)) == set(rules)
    assert not tickets.exclude(order=None).exclude(order__account=F("account")).exists()
    about_orders = tickets.filter(category__in=["delivery", "return_exchange"])
    assert about_orders.exclude(order=None).count() / about_orders.count() > 0.9
    assert not tickets.filter(category__in=["technical", "other"]).exclude(order=None).exists()
    # A prospect asks about the products only.
    prospects = tickets.filter(account__status="prospect")
    assert set(prospects.values_list("category", flat=True)) <= {"technical", "other"}

    # The customers' feedback: a survey after the ticket, on its account, once resolved.
    rated = tickets.exclude(feedback=None).select_related("feedback", "feedback__contact")
    assert 100 < rated.count() < 0.5 * tickets.filter(status__in=DONE).count()
    for ticket in rated:
        survey = ticket.feedback
        assert (survey.source, survey.account_id) == ("after_ticket", ticket.account_id)
        assert survey.received_on >= timezone.localdate(ticket.resolved_at)
        assert survey.contact is None or survey.contact.account_id == ticket.account_id
        assert ticket.status in DONE
        assert survey.comment and survey.search_text == document(*survey.search_parts())
    scores = Counter(rated.values_list("feedback__score", flat=True))
    assert set(scores) >= {2, 3, 4, 5}
    late = rated.in_sla_state(SlaState.MISSED)
    in_time = rated.in_sla_state(SlaState.MET)
    assert average_score(late) < average_score(in_time)
    # Chinese companies' tickets are in Chinese.
    chinese = tickets.filter(account__code__startswith="CN-")
    subjects = {s for pool in tickets_demo.SUBJECTS.values() for s in pool["zh"]}
    assert set(chinese.values_list("subject", flat=True)) <= subjects
    # Each demo rep raised tickets on their own accounts; department members answered.
    assert set(tickets.values_list("raised_by__username", flat=True)) == {
        rep.username for rep in demo_reps(SMALL)
    }
    assert not tickets.exclude(raised_by=F("account__owner")).exists()
    answerers = get_user_model().objects.filter(ticket_events__kind="comment").distinct()
    assert {Role.REP, Role.DEPARTMENT} == set(answerers.values_list("role", flat=True))


def average_score(tickets) -> float:
    return sum(tickets.values_list("feedback__score", flat=True)) / tickets.count()


@pytest.mark.django_db
def test_bench_cases_find_their_records_in_the_small_seed():
    call_command("seed_demo", stdout=StringIO())
    bench.ensure_empty_users()
    users = bench.persona_users()
    empty_users = {
        persona: get_user_model().objects.get(username=username)
        for persona, username in bench.EMPTY_OF.items()
    }
    assert users["department"].username == "logistics"
    # The logistics member's queue is the biggest of any department's.
    biggest = Ticket.objects.values("department").annotate(n=Count("pk")).order_by("-n").first()
    assert biggest["department"] == users["department"].department_id

    rows = [bench.prepare(case, users, empty_users) for case in tickets_bench.CASES]
    assert [row.error for row in rows] == [None] * len(rows)
    busiest = (
        Ticket.objects.filter(department=users["department"].department)
        .annotate(n=Count("events"))
        .order_by("-n", "pk")
        .first()
    )
    quiet = Ticket.objects.get(subject=tickets_bench.EMPTY_TICKET)
    paths = {(row.label, row.persona): (row.path, row.empty_path) for row in rows}
    assert paths["/tickets/[id]/", "department"] == (
        reverse("tickets:ticket-detail", args=[busiest.pk]),
        reverse("tickets:ticket-detail", args=[quiet.pk]),
    )
    assert paths["/api/v1/tickets/[id]/events/", "department"] == (
        f"/api/v1/tickets/{busiest.pk}/events/",
        f"/api/v1/tickets/{quiet.pk}/events/",
    )
    assert (
        paths["/api/v1/tickets/?ordering=due_at", "department"]
        == ("/api/v1/tickets/?ordering=due_at",) * 2
    )
    # The empty member sees that one ticket, of the quiet department; it stays one.
    assert list(Ticket.objects.visible_to(empty_users["department"])) == [quiet]
    assert quiet.department.code == bench.EMPTY_DEPARTMENT
    bench.prepare(tickets_bench.CASES[4], users, empty_users)
    assert Ticket.objects.filter(subject=tickets_bench.EMPTY_TICKET).count() == 1

    requester = bench.Requester()
    try:
        for row in rows:
            bench.measure(row, users, empty_users, requester, runs=1)
            assert (row.status, row.empty_status, row.error) == (200, 200, None), row
    finally:
        requester.close()


@pytest.mark.django_db
def test_large_seed_at_a_hundredth_of_the_size():
    out = StringIO()
    call_command("seed_demo", "--size", "large", "--scale", "0.01", stdout=out, no_color=True)
    first = counts()

    again = StringIO()
    call_command("seed_demo", "--size", "large", "--scale", "0.01", stdout=again, no_color=True)

    assert counts() == first
    assert again.getvalue().count("Benchmark tickets already exist; skipping them.") == 1
    assert "Benchmark: tickets…" in out.getvalue().splitlines()
    now = timezone.now()
    large_accounts = Account.objects.filter(owner__in=demo_reps(LARGE))
    tickets = Ticket.objects.filter(account__in=large_accounts)
    assert tickets.count() == 2000
    assert first["Ticket"] == 2000 + SMALL_COUNTS["Ticket"]
    # Bulk rows skip the services: the clock, the timelines and the documents hold anyway.
    assert clock_errors(tickets) == []
    sample = list(tickets.select_related("account", "order").order_by("pk")[:400])
    assert story_errors(sample, now) == []
    assert [t.search_text for t in sample] == [document(*t.search_parts()) for t in sample]
    for ticket in sample[:50]:
        ticket.full_clean()
    assert not tickets.exclude(raised_by=F("account__owner")).exists()
    assert not tickets.exclude(order=None).exclude(order__account=F("account")).exists()
    assert tickets_check_sla() == {"at_risk": 0, "breached": 0}
    assert set(tickets.values_list("status", flat=True)) == set(TicketStatus.values)
    # Logistics gets the delivery tickets: over a twentieth of them, so at the full size
    # the benchmark's department member has a queue of more than 10,000.
    logistics = tickets.filter(department__code="logistics").count()
    assert logistics / tickets.count() > 10_000 / tickets_demo.LARGE_TICKETS
    assert tickets.exclude(feedback=None).exists()
    assert not Ticket.history.filter(id__in=tickets.values("pk")).exists()
    # Rows written with their ids: the next ticket the site opens still gets a new one.
    last = Ticket.objects.order_by("-pk").first().pk
    assert f.TicketFactory(account=large_accounts.first()).pk > last
