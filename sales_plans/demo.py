"""Demo data of duty 2: sales plans, the funnel with its stage history, and orders.

``small`` gives each demo rep two years of quarterly plans (most approved by their
manager, some revised to a second revision, the current quarter's with one plan waiting
for a decision and one rejected), an annual plan a year, opportunities that move through
the funnel (some skipping a stage, some lost with a reason, the won ones ordered) and a
few hundred orders, delivered on time or late, some cancelled, a few overdue right now.
Opportunities and orders are written through the services, so each stage move is a
``StageChange`` and each status a step of the order's history; the times the services
stamp (now) are then set to the story's own, so history reads like two years of work.
Plans move through their states here rather than through the services: those notify the
manager and the rep, and two years of old approvals are not news for anybody's inbox.

``large`` adds the benchmark's 100,000 opportunities and 1,000,000 orders (times
``context.scale``) on the benchmark accounts, with a plan a quarter for every benchmark
rep. Rows skip ``clean()``, the services and history: values are drawn inside the
models' rules, the derived ``search_text`` is set here, and on PostgreSQL the orders and
stage changes go in with ``COPY``, which keeps the million rows within minutes.
"""

import datetime as dt
import io
import random
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import AccountStatus
from accounts.demo import demo_accounts
from kam.dates import Quarter
from kam.demo import BATCH_SIZE, LARGE, SMALL, DemoContext, counts, demo_reps
from kam.search import document
from sales_plans import services
from sales_plans.choices import OrderStatus, SalesPlanStatus, Stage, further
from sales_plans.models import Opportunity, Order, PlanTarget, SalesPlan, StageChange

ZH, EN = "zh", "en"
SMALL_ORDER_PREFIX, LARGE_ORDER_PREFIX = "SO-D", "SO-L"
HISTORY_DAYS = 730
#: Quarterly plans of each rep: the current quarter and the seven before it.
PLAN_QUARTERS = 8
LARGE_OPPORTUNITIES = 100_000
LARGE_ORDERS = 1_000_000
#: Accounts whose rows are generated and written at a time in the large size.
LARGE_CHUNK = 250
#: A plan step's field value meaning "the step's own time".
NOW = object()

OPPORTUNITY_NAMES = {
    EN: [
        "Annual supply agreement",
        "New production line tooling",
        "Replacement parts framework",
        "Second-source qualification",
        "Cost-down redesign",
        "Spare parts stock programme",
        "Pilot order for the new range",
        "Plant expansion package",
        "Service and maintenance contract",
        "Export project supply",
    ],
    ZH: [
        "年度供货协议",
        "新产线工装项目",
        "备件框架协议",
        "第二供应商认证",
        "降本改型项目",
        "备件库存计划",
        "新产品试订单",
        "扩产配套项目",
        "服务维保合同",
        "出口项目供货",
    ],
}
LOST_REASONS = {
    EN: [
        "Competitor undercut our price by 12 %.",
        "Customer postponed the project to next year.",
        "Lead time too long for their launch date.",
        "Lost to the incumbent supplier after a technical review.",
        "Budget cut after their reorganisation.",
    ],
    ZH: [
        "竞争对手报价低12%。",
        "客户将项目推迟到明年。",
        "交期无法满足客户的投产时间。",
        "技术评审后客户选择了原供应商。",
        "客户重组后预算削减。",
    ],
}
STRATEGIES = {
    EN: [
        "Grow the strategic accounts through the new product range; protect renewals.",
        "Win back volume lost last quarter with a volume-tier offer.",
        "Focus on the two largest accounts' expansion projects; weekly funnel review.",
        "Qualify second-source opportunities early; shorten the quote cycle.",
    ],
    ZH: [
        "通过新产品系列拓展战略客户，确保续约。",
        "以分档报价夺回上季度流失的采购量。",
        "聚焦两大客户的扩产项目，每周回顾商机。",
        "尽早确认第二供应商机会，缩短报价周期。",
    ],
}
REVISIONS = {
    EN: "Revised mid-quarter: a competitor's price cut; promotion with marketing added.",
    ZH: "季度中修订：竞争对手降价，增加与市场部联合的促销活动。",
}
REJECTIONS = {
    EN: "The target is below last year's run rate; raise it or explain the drop.",
    ZH: "目标低于去年同期水平，请提高目标或说明原因。",
}


def language_of(text: str) -> str:
    """The language a name is written in: Chinese when it starts with a CJK character."""
    return ZH if text and "\u4e00" <= text[0] <= "\u9fff" else EN


def at(day: dt.date, hour: int) -> dt.datetime:
    """A time of ``day`` at ``hour``, never later than now (today's steps are done)."""
    return min(timezone.now(), timezone.make_aware(dt.datetime.combine(day, dt.time(hour))))


def money(value: float) -> Decimal:
    """An amount rounded to the hundred, as quotes and orders are."""
    return Decimal(max(100, round(value / 100) * 100)).quantize(Decimal("0.01"))


def seed(context: DemoContext) -> dict[str, int]:
    seed_small(context)
    if context.large:
        seed_large(context)
    # The order months as the nightly fold leaves them: one row per owner, month and
    # counted, not one per statement that wrote orders.
    services.order_months_compact()
    return counts(SalesPlan, PlanTarget, Opportunity, StageChange, Order)


# Stories shared by both sizes --------------------------------------------------------------


@dataclass
class OrderStory:
    promised_on: dt.date
    status: str
    delivered_on: dt.date | None
    #: (day, status) of each step, the first "open" on the order day.
    steps: list[tuple[dt.date, str]]


def order_story(rng: random.Random, ordered_on: dt.date, today: dt.date) -> OrderStory:
    """What became of an order placed on ``ordered_on``, as of ``today``.

    Most are delivered on time, some late, a few cancelled; recent ones are still on
    their way, and a quarter of those whose promise passed lately are overdue. Every
    number is drawn whatever the outcome, so the content does not depend on the date.
    """
    # random() scaled by hand: a million orders make randint's overhead a matter of seconds.
    lead, cancelled, late, stuck, partial, early, late_by, produce, ship, progress = (
        rng.random() for _draw in range(10)
    )
    lead, early, late_by = 14 + int(lead * 32), int(early * 6), 1 + int(late_by * 30)
    produce, ship = 1 + int(produce * 4), 1 + int(ship * 4)
    promised_on = ordered_on + dt.timedelta(days=lead)

    def day(offset):
        return min(today, ordered_on + dt.timedelta(days=offset))

    if cancelled < 0.04:
        return OrderStory(
            promised_on,
            OrderStatus.CANCELLED,
            None,
            [(ordered_on, OrderStatus.OPEN), (day(produce), OrderStatus.CANCELLED)],
        )
    delivered_on = (
        promised_on - dt.timedelta(days=min(early, lead - 1))
        if late >= 0.15
        else promised_on + dt.timedelta(days=late_by)
    )
    overdue = promised_on < today <= promised_on + dt.timedelta(days=45) and stuck < 0.25
    steps = [(ordered_on, OrderStatus.OPEN), (day(produce), OrderStatus.IN_PRODUCTION)]
    shipped_on = max(steps[-1][0], delivered_on - dt.timedelta(days=ship))
    if delivered_on <= today and not overdue:
        steps.append((shipped_on, OrderStatus.SHIPPED))
        if partial < 0.1:
            steps.append(
                (shipped_on + (delivered_on - shipped_on) / 2, OrderStatus.PARTIALLY_DELIVERED)
            )
        steps.append((delivered_on, OrderStatus.DELIVERED))
        return OrderStory(promised_on, OrderStatus.DELIVERED, delivered_on, steps)
    # Still owed: how far it got by today.
    if overdue:
        status = [OrderStatus.IN_PRODUCTION, OrderStatus.SHIPPED, OrderStatus.PARTIALLY_DELIVERED][
            int(progress * 3)
        ]
    elif (today - ordered_on).days < produce:
        status = OrderStatus.OPEN
    else:
        status = (
            OrderStatus.SHIPPED
            if shipped_on <= today and progress < 0.6
            else OrderStatus.IN_PRODUCTION
        )
    if status == OrderStatus.OPEN:
        steps = steps[:1]
    elif status != OrderStatus.IN_PRODUCTION:
        steps.append((min(today, shipped_on), OrderStatus.SHIPPED))
        if status == OrderStatus.PARTIALLY_DELIVERED:
            steps.append((today, OrderStatus.PARTIALLY_DELIVERED))
    return OrderStory(promised_on, status, None, steps)


@dataclass
class OpportunityStory:
    expected_close_on: dt.date
    stage: str
    closed_on: dt.date | None
    #: (day, stage) of each stage reached, the first "lead" on the day it opened.
    steps: list[tuple[dt.date, str]]


def opportunity_story(rng: random.Random, opened_on: dt.date, today: dt.date) -> OpportunityStory:
    """The way of a deal opened on ``opened_on`` through the funnel, as of ``today``.

    A deal takes three weeks to five months; a stage in between is skipped now and then;
    a closed deal is won a little more often than lost, lost at any stage it reached.
    """
    cycle = rng.randint(20, 150)
    skips = [rng.random() < 0.15 for _stage in range(3)]
    won, lost_at, reached = rng.random() < 0.58, rng.randint(1, 4), rng.random()
    expected = opened_on + dt.timedelta(days=cycle)
    path = [Stage.LEAD] + [
        stage
        for stage, skipped in zip(
            (Stage.QUALIFIED, Stage.PROPOSAL, Stage.NEGOTIATION), skips, strict=True
        )
        if not skipped
    ]
    if expected < today:
        path = [*path, Stage.WON] if won else [*path[: min(lost_at, len(path))], Stage.LOST]
        end, closed_on = expected, expected
    else:
        # Open: as far along as the time it has had, give or take.
        elapsed = (today - opened_on).days / cycle
        path = path[: max(1, min(len(path), round(elapsed * len(path) + reached - 0.5)))]
        end, closed_on = today, None
    span = (end - opened_on).days
    steps = [
        (opened_on + dt.timedelta(days=span * number // max(1, len(path) - 1)), stage)
        for number, stage in enumerate(path)
    ]
    return OpportunityStory(expected, path[-1], closed_on, steps)


def quarters(today: dt.date) -> list[Quarter]:
    """The plans' quarters, oldest first: the current one and the seven before."""
    result = [Quarter.of(today)]
    while len(result) < PLAN_QUARTERS:
        result.insert(0, result[0].previous())
    return result


def target_for(actual: Decimal, factor: float, elapsed: float) -> Decimal:
    """A target near what the rep sold (scaled to the whole quarter when it is running),
    rounded to ten thousand."""
    projected = float(actual) / max(elapsed, 0.1)
    return Decimal(max(100_000, round(projected * factor / 10_000) * 10_000)).quantize(
        Decimal("0.01")
    )


def elapsed_of(quarter: Quarter, today: dt.date) -> float:
    if today > quarter.end:
        return 1.0
    return ((today - quarter.start).days + 1) / ((quarter.end - quarter.start).days + 1)


# Small: opportunities and orders through the services --------------------------------------


def seed_small(context: DemoContext) -> None:
    reps = list(demo_reps(SMALL).select_related("team__manager"))
    if (
        SalesPlan.objects.filter(owner__in=reps).exists()
        or Order.objects.filter(number__startswith=SMALL_ORDER_PREFIX).exists()
    ):
        context.out.write(
            context.style.NOTICE(_("Demo sales plans and orders already exist; skipping them."))
        )
        return
    demo = SmallDemo(context)
    for account in demo_accounts(SMALL).select_related("owner"):
        demo.account(account)
    demo.plans(reps)
    demo.backdate()


class SmallDemo:
    def __init__(self, context: DemoContext):
        self.rng = context.random("sales_plans")
        self.today = context.today
        self.orders = 0
        #: model → pk → the (time, user) of each of its history rows, oldest first.
        self.times: dict = defaultdict(dict)
        #: (owner pk, quarter) → amount ordered; (owner pk, quarter) → {account: amount}.
        self.sold: dict = defaultdict(Decimal)
        self.sold_by_account: dict = defaultdict(lambda: defaultdict(Decimal))

    def account(self, account):
        rng, today = self.rng, self.today
        language = language_of(account.name)
        first_day = today - dt.timedelta(days=HISTORY_DAYS)
        if account.customer_since:
            first_day = max(first_day, account.customer_since)
        last_day = account.churned_on or today
        share = rng.uniform(0.1, 0.4)  # of the customer's potential that comes to us
        order_size = float(account.annual_potential) * share / 5
        # Deals: one every five to nine months (a prospect's are open or lost).
        day = first_day + dt.timedelta(days=rng.randint(0, 60))
        while day <= last_day - dt.timedelta(days=5):
            amount = money(order_size * rng.uniform(0.8, 3))
            self.opportunity(account, language, day, amount)
            day += dt.timedelta(days=rng.randint(150, 270))
        if account.status == AccountStatus.PROSPECT:
            return
        # Repeat orders every six weeks to three months.
        day = first_day + dt.timedelta(days=rng.randint(0, 40))
        while day <= last_day:
            self.order(account, day, money(order_size * rng.uniform(0.5, 1.5)))
            day += dt.timedelta(days=rng.randint(45, 100))

    def opportunity(self, account, language, opened_on, amount):
        rng, owner = self.rng, account.owner
        story = opportunity_story(rng, opened_on, self.today)
        name = f"{rng.choice(OPPORTUNITY_NAMES[language])} {opened_on.year}"
        reason = rng.choice(LOST_REASONS[language])
        lead_days = rng.randint(0, 14)
        if account.status == AccountStatus.PROSPECT and story.stage == Stage.WON:
            # A prospect has won nothing yet: that deal is still open at its last stage.
            steps = story.steps[:-1]
            story = OpportunityStory(story.expected_close_on, steps[-1][1], None, steps)
        opportunity = services.opportunity_create(
            by=owner,
            account=account,
            name=name,
            amount=amount,
            opened_on=opened_on,
            expected_close_on=story.expected_close_on,
        )
        for day, stage in story.steps[1:]:
            services.opportunity_move(
                opportunity=opportunity,
                stage=stage,
                by=owner,
                closed_on=day if stage in (Stage.WON, Stage.LOST) else None,
                lost_reason=reason if stage == Stage.LOST else None,
            )
        self.times[Opportunity][opportunity.pk] = [
            (at(day, 9 + number % 8), owner) for number, (day, _stage) in enumerate(story.steps)
        ]
        if story.stage == Stage.WON:
            # Ordered within two weeks of the win (before the customer left, if it did).
            ordered_on = min(
                self.today,
                account.churned_on or self.today,
                story.closed_on + dt.timedelta(days=lead_days),
            )
            self.order(account, ordered_on, amount, opportunity=opportunity)

    def order(self, account, ordered_on, amount, opportunity=None):
        owner = account.owner
        story = order_story(self.rng, ordered_on, self.today)
        self.orders += 1
        order = services.order_create(
            by=owner,
            account=account,
            number=f"{SMALL_ORDER_PREFIX}{self.orders:05d}",
            ordered_on=ordered_on,
            amount=amount,
            promised_on=story.promised_on,
            opportunity=opportunity,
        )
        for day, status in story.steps[1:]:
            services.order_transition(
                order=order,
                status=status,
                by=owner,
                delivered_on=day if status == OrderStatus.DELIVERED else None,
            )
        self.times[Order][order.pk] = [
            (at(day, 10 + number), owner) for number, (day, _status) in enumerate(story.steps)
        ]
        if story.status != OrderStatus.CANCELLED:
            quarter = Quarter.of(ordered_on)
            self.sold[owner.pk, quarter] += amount
            self.sold_by_account[owner.pk, quarter][account] += amount

    # Plans -------------------------------------------------------------------------------

    def plans(self, reps):
        rng, today = self.rng, self.today
        current = Quarter.of(today)
        periods = quarters(today)
        for index, rep in enumerate(reps):
            manager = rep.team.manager if rep.team else None
            language = language_of(rep.last_name)
            by_year = defaultdict(list)
            for quarter in periods:
                factor, revised, rejected = rng.uniform(0.85, 1.15), rng.random(), rng.random()
                elapsed = elapsed_of(quarter, today)
                target = target_for(self.sold[rep.pk, quarter], factor, elapsed)
                by_year[quarter.year].append(target)
                if quarter == current:
                    # The current quarter: one rep still waiting, one sent back, one revised.
                    outcome = {4: "submitted", 5: "rejected", 1: "revised"}.get(index, "approved")
                else:
                    outcome = (
                        "revised"
                        if revised < 0.2
                        else "resubmitted"
                        if rejected < 0.1
                        else "approved"
                    )
                lines = self.lines(rep, quarter, target) if quarter >= current.previous() else []
                self.plan(rep, manager, quarter, target, language, outcome, lines)
            for year in (today.year - 1, today.year):
                # The year's quarters (those among the eight) at their average pace.
                targets = by_year[year]
                target = (sum(targets, Decimal(0)) * 4 / len(targets)).quantize(Decimal("1"))
                self.plan(
                    rep, manager, Quarter(year, 1), target, language, "approved", [], annual=True
                )
            if index < 3:
                # Next quarter's draft, written ahead.
                upcoming = current.next()
                target = target_for(
                    self.sold[rep.pk, current], rng.uniform(1.0, 1.2), elapsed_of(current, today)
                )
                self.plan(rep, manager, upcoming, target, language, "draft", [])

    def lines(self, rep, quarter, target):
        """Lines for the rep's two biggest accounts of the quarter, within the target."""
        biggest = sorted(
            self.sold_by_account[rep.pk, quarter].items(), key=lambda item: (-item[1], item[0].pk)
        )[:2]
        lines = [
            {"account": account, "target_amount": money(float(amount) * self.rng.uniform(0.9, 1.1))}
            for account, amount in biggest
        ]
        total = sum((line["target_amount"] for line in lines), Decimal(0))
        if total > target * Decimal("0.8"):
            for line in lines:
                line["target_amount"] = money(
                    float(line["target_amount"] * target * Decimal("0.8") / total)
                )
        return lines

    def plan(self, rep, manager, quarter, target, language, outcome, lines, *, annual=False):
        """A plan and the steps of its story, each a history row dated in the story."""
        rng = self.rng
        drafted = quarter.start - dt.timedelta(days=rng.randint(12, 25))
        if annual:
            drafted = dt.date(quarter.year - 1, 12, 1) + dt.timedelta(days=rng.randint(0, 10))
        drafted = min(drafted, self.today - dt.timedelta(days=3))
        strategy = rng.choice(STRATEGIES[language])
        plan = services.sales_plan_create(
            by=rep,
            year=quarter.year,
            quarter=None if annual else quarter.quarter,
            target_amount=target,
            strategy=strategy,
            targets=lines,
        )
        times = [(at(drafted, 9), rep)]
        day = drafted

        def step(user, **fields):
            nonlocal day
            day = min(self.today, day + dt.timedelta(days=rng.randint(1, 3)))
            when = at(day, 10 + len(times) % 7)
            for name, value in fields.items():
                setattr(plan, name, when if value is NOW else value)
            plan.full_clean()
            plan.save()
            times.append((when, user))

        def submit():
            step(rep, status=SalesPlanStatus.SUBMITTED, submitted_at=NOW)

        def approve():
            step(manager, status=SalesPlanStatus.APPROVED, approved_by=manager, approved_at=NOW)

        if manager is None and outcome != "draft":
            outcome = "submitted"  # nobody to decide on it
        if outcome != "draft":
            submit()
        if outcome in ("approved", "revised"):
            approve()
        if outcome == "resubmitted" or outcome == "rejected":
            step(manager, status=SalesPlanStatus.REJECTED, decision_comment=REJECTIONS[language])
        if outcome == "resubmitted":
            step(rep, target_amount=(target * Decimal("1.1")).quantize(Decimal("0.01")))
            submit()
            approve()
        if outcome == "revised":
            # Mid-quarter: behind plan, a new strategy, approved again.
            day = max(
                day, min(self.today - dt.timedelta(days=4), quarter.start + dt.timedelta(days=40))
            )
            step(
                rep,
                status=SalesPlanStatus.DRAFT,
                revision=plan.revision + 1,
                approved_by=None,
                approved_at=None,
                submitted_at=None,
                decision_comment="",
                strategy=f"{strategy}\n{REVISIONS[language]}",
            )
            submit()
            approve()
        self.times[SalesPlan][plan.pk] = times
        for line in plan.targets.all():
            self.times[PlanTarget][line.pk] = times[:1]

    # Times -------------------------------------------------------------------------------

    def backdate(self):
        """Give history rows, stage changes and records the times of their story."""
        for model, times in self.times.items():
            History = model.history.model
            rows = list(History.objects.filter(id__in=times).order_by("id", "history_id"))
            seen = defaultdict(int)
            for row in rows:
                number = seen[row.id]
                seen[row.id] += 1
                row.history_date, row.history_user = times[row.id][
                    min(number, len(times[row.id]) - 1)
                ]
            History.objects.bulk_update(
                rows, ["history_date", "history_user"], batch_size=BATCH_SIZE
            )
            records = list(model.objects.filter(pk__in=times))
            for record in records:
                record.created_at, record.updated_at = (
                    times[record.pk][0][0],
                    times[record.pk][-1][0],
                )
            if hasattr(model, "updated_at"):
                model.objects.bulk_update(
                    records, ["created_at", "updated_at"], batch_size=BATCH_SIZE
                )
        changes = list(
            StageChange.objects.filter(opportunity__in=self.times[Opportunity]).order_by(
                "opportunity", "id"
            )
        )
        seen = defaultdict(int)
        for change in changes:
            number = seen[change.opportunity_id]
            seen[change.opportunity_id] += 1
            change.changed_at = self.times[Opportunity][change.opportunity_id][number][0]
        StageChange.objects.bulk_update(changes, ["changed_at"], batch_size=BATCH_SIZE)


# Large: the benchmark size ---------------------------------------------------------------


ORDER_COLUMNS = (
    "account_id",
    "number",
    "owner_id",
    "ordered_on",
    "amount",
    "promised_on",
    "delivered_on",
    "status",
    "opportunity_id",
    "created_at",
    "updated_at",
    "search_text",
)
STAGE_CHANGE_COLUMNS = ("opportunity_id", "from_stage", "to_stage", "changed_at", "changed_by_id")


def seed_large(context: DemoContext) -> None:
    """The benchmark's funnel and orders, written a chunk of accounts at a time."""
    if Order.objects.filter(number__startswith=LARGE_ORDER_PREFIX).exists():
        context.out.write(
            context.style.NOTICE(_("Benchmark sales data already exists; skipping it."))
        )
        return
    accounts = list(demo_accounts(LARGE).order_by("pk"))
    if not accounts:
        return
    demo = LargeDemo(context, len(accounts))
    context.out.write(_("Benchmark: opportunities and orders…"))
    with indexes_built_after(Opportunity, StageChange, Order):
        for start in range(0, len(accounts), LARGE_CHUNK):
            demo.chunk(start, accounts[start : start + LARGE_CHUNK])
    context.out.write(_("Benchmark: sales plans…"))
    demo.plans(list(demo_reps(LARGE).select_related("team")))


class LargeDemo:
    def __init__(self, context: DemoContext, account_count: int):
        self.rng = context.random("sales_plans.large")
        self.today = context.today
        self.deals_each, self.extra_deals = divmod(
            context.scaled(LARGE_OPPORTUNITIES), account_count
        )
        self.orders_each, self.extra_orders = divmod(context.scaled(LARGE_ORDERS), account_count)
        self.orders = 0
        #: (owner pk, quarter) → amount ordered, for the plans' targets.
        self.sold = defaultdict(Decimal)
        self.stamps = {}

    def at(self, day: dt.date, hour: int) -> dt.datetime:
        """``at`` for a million rows: each day and hour made aware once."""
        key = (day, hour)
        if key not in self.stamps:
            self.stamps[key] = at(day, hour)
        return self.stamps[key]

    def chunk(self, start: int, accounts: list) -> None:
        rng, today = self.rng, self.today
        opportunities, stories = [], []
        for offset, account in enumerate(accounts):
            language = language_of(account.name)
            size = float(account.annual_potential) * 0.25 / 50
            for _deal in range(self.deals_each + (start + offset < self.extra_deals)):
                opened_on = today - dt.timedelta(days=rng.randint(1, HISTORY_DAYS))
                story = opportunity_story(rng, opened_on, today)
                name = f"{rng.choice(OPPORTUNITY_NAMES[language])} {opened_on.year}"
                reason = rng.choice(LOST_REASONS[language])
                opportunities.append(
                    Opportunity(
                        account_id=account.pk,
                        owner_id=account.owner_id,
                        name=name,
                        stage=story.stage,
                        furthest_stage=reduce(further, (stage for _day, stage in story.steps), ""),
                        amount=money(size * rng.uniform(2, 8)),
                        opened_on=opened_on,
                        expected_close_on=story.expected_close_on,
                        closed_on=story.closed_on,
                        lost_reason=reason if story.stage == Stage.LOST else "",
                        search_text=document(name, account.name),
                    )
                )
                stories.append(story)
        Opportunity.objects.bulk_create(opportunities, batch_size=BATCH_SIZE)
        copy_rows(
            StageChange,
            STAGE_CHANGE_COLUMNS,
            (
                (
                    opportunity.pk,
                    story.steps[n - 1][1] if n else "",
                    stage,
                    self.at(day, 9 + n),
                    opportunity.owner_id,
                )
                for opportunity, story in zip(opportunities, stories, strict=True)
                for n, (day, stage) in enumerate(story.steps)
            ),
        )
        won = defaultdict(list)
        for opportunity in opportunities:
            if opportunity.stage == Stage.WON:
                won[opportunity.account_id].append(opportunity)
        copy_rows(Order, ORDER_COLUMNS, self.order_rows(start, accounts, won))

    def order_rows(self, start: int, accounts: list, won: dict):
        """The chunk's orders as ``ORDER_COLUMNS`` tuples; a won deal's order comes first."""
        rng, today = self.rng, self.today
        for offset, account in enumerate(accounts):
            size = float(account.annual_potential) * 0.25 / 50
            deals = won[account.pk]
            # document(number, account.name), with the account's half normalised once.
            name_document = document(account.name)
            for n in range(self.orders_each + (start + offset < self.extra_orders)):
                deal = deals[n] if n < len(deals) else None
                if deal is not None:
                    ordered_on = min(today, deal.closed_on + dt.timedelta(days=rng.randint(0, 14)))
                    amount = deal.amount
                else:
                    ordered_on = today - dt.timedelta(days=rng.randint(0, HISTORY_DAYS - 1))
                    amount = money(size * rng.uniform(0.5, 1.5))
                story = order_story(rng, ordered_on, today)
                self.orders += 1
                number = f"{LARGE_ORDER_PREFIX}{self.orders:07d}"
                if story.status != OrderStatus.CANCELLED:
                    self.sold[account.owner_id, Quarter.of(ordered_on)] += amount
                yield (
                    account.pk,
                    number,
                    account.owner_id,
                    ordered_on,
                    amount,
                    story.promised_on,
                    story.delivered_on,
                    story.status,
                    deal.pk if deal else None,
                    self.at(ordered_on, 10),
                    self.at(story.steps[-1][0], 11),
                    f"{number.casefold()}\n{name_document}",
                )

    def plans(self, reps: list) -> None:
        """A plan a quarter for every benchmark rep: approved by the team's manager, a few
        of the current quarter's waiting or sent back, one in ten on its second revision."""
        rng, today = self.rng, self.today
        current = Quarter.of(today)
        plans = []
        for index, rep in enumerate(reps):
            manager_id = rep.team.manager_id if rep.team else None
            for quarter in quarters(today):
                factor, draw = rng.uniform(0.85, 1.15), rng.random()
                elapsed = elapsed_of(quarter, today)
                status = SalesPlanStatus.APPROVED if manager_id else SalesPlanStatus.SUBMITTED
                if quarter == current and draw < 0.05:
                    status = SalesPlanStatus.SUBMITTED
                elif quarter == current and draw < 0.08:
                    status = SalesPlanStatus.REJECTED
                submitted = at(min(today, quarter.start - dt.timedelta(days=10)), 10)
                approved = status == SalesPlanStatus.APPROVED
                plans.append(
                    SalesPlan(
                        owner=rep,
                        year=quarter.year,
                        quarter=quarter.quarter,
                        target_amount=target_for(self.sold[rep.pk, quarter], factor, elapsed),
                        strategy=STRATEGIES[EN][index % len(STRATEGIES[EN])],
                        status=status,
                        revision=2 if draw > 0.9 else 1,
                        submitted_at=submitted,
                        approved_by_id=manager_id if approved else None,
                        approved_at=(
                            min(timezone.now(), submitted + dt.timedelta(days=2))
                            if approved
                            else None
                        ),
                        decision_comment=(
                            REJECTIONS[EN] if status == SalesPlanStatus.REJECTED else ""
                        ),
                    )
                )
        SalesPlan.objects.bulk_create(plans, batch_size=BATCH_SIZE)


def copy_rows(model, columns: tuple[str, ...], rows) -> None:
    """Insert ``rows`` (tuples in ``columns`` order) fast: ``COPY`` on PostgreSQL, batched
    ``bulk_create`` elsewhere. Nothing of the model's ``save()`` runs either way."""
    if connection.vendor != "postgresql":
        batch = []
        for row in rows:
            batch.append(model(**dict(zip(columns, row, strict=True))))
            if len(batch) == BATCH_SIZE:
                model.objects.bulk_create(batch)
                batch = []
        model.objects.bulk_create(batch)
        return
    buffer = io.StringIO()
    for row in rows:
        # COPY's text format: dates, times and numbers as str() writes them.
        buffer.write(
            "\t".join(
                r"\N" if value is None else copy_text(value) if type(value) is str else str(value)
                for value in row
            )
        )
        buffer.write("\n")
    buffer.seek(0)
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(c).column) for c in columns)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN", buffer)


def copy_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


@contextmanager
def indexes_built_after(*models):
    """On PostgreSQL, drop the tables' plain indexes for a bulk load and build them again
    at the end (in the same transaction): one sorted build per index is many times faster
    than updating every index for each of a million rows. Constraints' indexes stay."""
    if connection.vendor != "postgresql":
        yield
        return
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        # Pending foreign-key checks (deferred to the commit) must run before an index build.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _name, definition in indexes:
            cursor.execute(definition)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
