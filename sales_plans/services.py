"""Writes for duty 2. Views, the API, imports, admin actions and tasks all come through here.

Three rules live only here: a plan's approval state machine (``sales_plan_*``), the one
function that moves an opportunity through the funnel and records it (``opportunity_move``),
and the one that moves an order through its life (``order_transition``).
"""

import hashlib
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Account
from kam.choices import Role
from kam.dates import company_today
from kam.errors import Conflict
from kam.notifications import notify
from kam.records import apply_changes, restore_stored, stored_value
from kam.visibility import CHANGE
from sales_plans.choices import (
    CLOSED_STAGES,
    ORDER_FLOW,
    OrderStatus,
    SalesPlanStatus,
    Stage,
    further,
)
from sales_plans.models import (
    Opportunity,
    Order,
    OrderMonth,
    PlanTarget,
    SalesPlan,
    StageChange,
)
from sales_plans.notifications import ORDER_OVERDUE, PLAN_DECIDED, PLAN_SUBMITTED

CENT = Decimal("0.01")

# -- sales plans ----------------------------------------------------------------------------


def plan_approver(plan: SalesPlan):
    """Who approves ``plan``: the manager of its owner's team (None without one)."""
    team = plan.owner.team
    return team.manager if team is not None and team.manager_id != plan.owner_id else None


def may_decide(user, plan: SalesPlan) -> bool:
    """Whether ``user`` may approve or reject ``plan``: its owner's manager, or an admin;
    never its owner, whatever their role."""
    if user.pk == plan.owner_id or not user.is_active:
        return False
    if user.is_superuser or user.role == Role.ADMIN:
        return True
    return (
        user.role == Role.MANAGER
        and plan.owner.team_id is not None
        and (plan.owner.team.manager_id == user.pk)
    )


def _locked(plan: SalesPlan) -> SalesPlan:
    """``plan`` re-read under a row lock: two decisions on one plan cannot both win."""
    # Only the plan's row: PostgreSQL refuses to lock the nullable side of the team's join.
    return (
        SalesPlan.objects.select_for_update(of=("self",))
        .select_related("owner__team")
        .get(pk=plan.pk)
    )


def _check_targets(plan: SalesPlan, targets) -> list[tuple[Account, Decimal]]:
    """Per-account lines: accounts the plan's owner has, once each, adding up to at most
    the plan's target."""
    lines = [(line["account"], Decimal(line["target_amount"])) for line in targets]
    accounts = [account for account, _amount in lines]
    if len({account.pk for account in accounts}) != len(accounts):
        raise ValidationError({"targets": _("Each account may have one line only.")})
    owned = set(
        Account.objects.visible_to(plan.owner, CHANGE)
        .filter(pk__in=[account.pk for account in accounts])
        .values_list("pk", flat=True)
    )
    if any(account.pk not in owned for account in accounts):
        raise ValidationError(
            {"targets": _("A line's account must be one the plan's owner looks after.")}
        )
    if any(amount < 0 for _account, amount in lines):
        raise ValidationError({"targets": _("A target cannot be negative.")})
    if sum((amount for _account, amount in lines), Decimal(0)) > plan.target_amount:
        raise ValidationError(
            {"targets": _("The account targets add up to more than the plan's target.")}
        )
    return lines


def _save_targets(plan: SalesPlan, lines) -> None:
    wanted = {account.pk: amount for account, amount in lines}
    PlanTarget.objects.filter(plan=plan).exclude(account__in=list(wanted)).delete()
    existing = {line.account_id: line for line in PlanTarget.objects.filter(plan=plan)}
    for account_id, amount in wanted.items():
        line = existing.get(account_id) or PlanTarget(plan=plan, account_id=account_id)
        if line.pk is None or line.target_amount != amount:
            line.target_amount = amount
            line.save()


@transaction.atomic
def sales_plan_create(*, by, targets=None, **data) -> SalesPlan:
    data.setdefault("owner", by)
    plan = apply_changes(SalesPlan(), data)
    if targets:
        _save_targets(plan, _check_targets(plan, targets))
    return plan


@transaction.atomic
def sales_plan_update(*, plan: SalesPlan, by, targets=None, **data) -> SalesPlan:
    """Change a draft or rejected plan; an approved one changes through ``sales_plan_revise``."""
    status = stored_value(plan, "status")
    if status not in (SalesPlanStatus.DRAFT, SalesPlanStatus.REJECTED):
        raise Conflict(
            _("An approved plan changes through a revision.")
            if status == SalesPlanStatus.APPROVED
            else _("A submitted plan waits for its decision; it cannot change meanwhile.")
        )
    plan.status = status
    plan = apply_changes(plan, data)
    if targets is not None:
        _save_targets(plan, _check_targets(plan, targets))
    elif "target_amount" in data:
        lines = plan.targets.select_related("account")
        _check_targets(
            plan, [{"account": t.account, "target_amount": t.target_amount} for t in lines]
        )
    return plan


def _check_own_plan(plan: SalesPlan, by) -> None:
    """Only a plan's owner (or an admin) submits, revises or deletes it."""
    if by.pk != plan.owner_id and not (by.is_superuser or by.role == Role.ADMIN):
        raise PermissionDenied(_("Only the plan's owner may do this."))


@transaction.atomic
def sales_plan_submit(*, plan: SalesPlan, by) -> SalesPlan:
    plan = _locked(plan)
    _check_own_plan(plan, by)
    if not plan.is_editable:
        raise Conflict(_("Only a draft or rejected plan can be submitted."))
    plan.status = SalesPlanStatus.SUBMITTED
    plan.submitted_at = timezone.now()
    plan.save()
    approver = plan_approver(plan)
    if approver is not None:
        notify(
            approver,
            PLAN_SUBMITTED.code,
            lambda user: (
                _("KAM CRM: %(rep)s submitted the sales plan for %(period)s")
                % {"rep": plan.owner.display_name, "period": plan.period}
            ),
            lambda user: (
                _("Target: %(amount)s. Approve or reject it on the plan's page.")
                % {"amount": number_format(plan.target_amount, 2, force_grouping=True)}
            ),
            plan.get_absolute_url(),
            once_key=f"sales_plans.submitted:{plan.pk}:{plan.revision}:{plan.submitted_at.timestamp():.0f}",
        )
    return plan


def _decide(plan: SalesPlan, by, status: str, comment: str) -> SalesPlan:
    plan = _locked(plan)
    if not may_decide(by, plan):
        raise PermissionDenied(
            _("A plan is approved by its owner's manager, never by its owner.")
            if by.pk == plan.owner_id
            else _("Only the manager of the plan's owner may decide on it.")
        )
    if plan.status != SalesPlanStatus.SUBMITTED:
        raise Conflict(_("Only a submitted plan can be approved or rejected."))
    plan.status = status
    plan.decision_comment = comment
    if status == SalesPlanStatus.APPROVED:
        plan.approved_by, plan.approved_at = by, timezone.now()
    plan.save()
    approved = status == SalesPlanStatus.APPROVED
    notify(
        plan.owner,
        PLAN_DECIDED.code,
        lambda user: (
            (
                _("KAM CRM: your sales plan for %(period)s is approved")
                if approved
                else _("KAM CRM: your sales plan for %(period)s is rejected")
            )
            % {"period": plan.period}
        ),
        lambda user: "\n".join(
            line
            for line in (
                _("%(manager)s decided on your plan.") % {"manager": by.display_name},
                comment,
            )
            if line
        ),
        plan.get_absolute_url(),
    )
    return plan


@transaction.atomic
def sales_plan_approve(*, plan: SalesPlan, by, comment: str = "") -> SalesPlan:
    return _decide(plan, by, SalesPlanStatus.APPROVED, comment.strip())


@transaction.atomic
def sales_plan_reject(*, plan: SalesPlan, by, comment: str) -> SalesPlan:
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say why the plan is rejected, so it can be fixed.")})
    return _decide(plan, by, SalesPlanStatus.REJECTED, comment)


@transaction.atomic
def sales_plan_revise(*, plan: SalesPlan, by) -> SalesPlan:
    """Reopen an approved plan as the draft of its next revision (history keeps the old)."""
    plan = _locked(plan)
    _check_own_plan(plan, by)
    if plan.status != SalesPlanStatus.APPROVED:
        raise Conflict(_("Only an approved plan is revised; edit a draft directly."))
    plan.status = SalesPlanStatus.DRAFT
    plan.revision += 1
    plan.approved_by = plan.approved_at = plan.submitted_at = None
    plan.decision_comment = ""
    plan.save()
    return plan


@transaction.atomic
def sales_plan_delete(*, plan: SalesPlan, by) -> None:
    """Delete a draft that was never approved; anything else stays on record."""
    plan = _locked(plan)
    _check_own_plan(plan, by)
    if plan.status != SalesPlanStatus.DRAFT or plan.revision > 1:
        raise Conflict(_("Only a draft that was never approved can be deleted."))
    plan.targets.all().delete()
    plan.delete()


# -- the funnel -----------------------------------------------------------------------------


def _check_owner_sees(record, owner) -> None:
    """The owner of an opportunity or an order must see its account: their home page
    and notifications would otherwise name a customer they may not see."""
    if (
        owner is not None
        and record.account_id is not None
        and not Account.objects.visible_to(owner).filter(pk=record.account_id).exists()
    ):
        raise ValidationError({"owner": _("The owner must be someone who can see this account.")})


def _closing(opportunity: Opportunity, stage: str, closed_on, lost_reason) -> None:
    opportunity.stage = stage
    opportunity.furthest_stage = further(opportunity.furthest_stage, stage)
    if stage in CLOSED_STAGES:
        opportunity.closed_on = closed_on or opportunity.closed_on or company_today()
    else:
        opportunity.closed_on = None
    if lost_reason is not None:
        opportunity.lost_reason = lost_reason.strip()


@transaction.atomic
def opportunity_create(*, by, **data) -> Opportunity:
    data.setdefault("owner", by)
    stage = data.pop("stage", Stage.LEAD)
    closed_on = data.pop("closed_on", None)
    lost_reason = data.pop("lost_reason", "")
    opportunity = Opportunity(**data)
    _check_owner_sees(opportunity, data["owner"])
    _closing(opportunity, stage, closed_on, lost_reason)
    apply_changes(opportunity, {})
    StageChange.objects.create(
        opportunity=opportunity,
        from_stage="",
        to_stage=stage,
        changed_at=timezone.now(),
        changed_by=by,
    )
    return opportunity


@transaction.atomic
def opportunity_update(*, opportunity: Opportunity, by, **data) -> Opportunity:
    """Change an opportunity; a new ``stage`` goes through ``opportunity_move``."""
    stage = data.pop("stage", None)
    closed_on = data.pop("closed_on", None)
    lost_reason = data.pop("lost_reason", None)
    # A page's form has set the new values on the instance already: the closing fields
    # move with the stage, so they start from the stored ones (``opportunity_move``).
    restore_stored(opportunity, "stage", "closed_on", "lost_reason")
    if "owner" in data:
        _check_owner_sees(opportunity, data["owner"])
    opportunity = apply_changes(opportunity, data) if data else opportunity
    return opportunity_move(
        opportunity=opportunity,
        stage=stage or opportunity.stage,
        by=by,
        closed_on=closed_on,
        lost_reason=lost_reason,
    )


@transaction.atomic
def opportunity_move(
    *, opportunity: Opportunity, stage: str, by, closed_on=None, lost_reason=None
) -> Opportunity:
    """Move ``opportunity`` to ``stage`` and record the move (a ``StageChange``).

    Every page, the board, the API and imports come here: the funnel's history is exactly
    the stage changes this writes. Closing (won, lost) dates it (today unless given; lost
    needs a reason); reopening clears the date. The same stage changes nothing but the
    closing details.
    """
    if stage not in Stage.values:
        raise ValidationError({"stage": _("Unknown stage.")})
    locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    before = locked.stage
    # The caller's instance may carry other edits made in this transaction; keep them.
    opportunity.stage, opportunity.furthest_stage = before, locked.furthest_stage
    _closing(opportunity, stage, closed_on, lost_reason)
    apply_changes(opportunity, {})
    if stage != before:
        StageChange.objects.create(
            opportunity=opportunity,
            from_stage=before,
            to_stage=stage,
            changed_at=timezone.now(),
            changed_by=by,
        )
    return opportunity


# -- orders ---------------------------------------------------------------------------------


def order_may_become(current: str, target: str) -> bool:
    """The order life's one rule: forward through ``ORDER_FLOW`` (skipping is fine),
    cancelled from anything not yet delivered; delivered and cancelled are final."""
    if current == target:
        return True
    if current in (OrderStatus.DELIVERED, OrderStatus.CANCELLED):
        return False
    if target == OrderStatus.CANCELLED:
        return True
    return ORDER_FLOW.index(target) > ORDER_FLOW.index(current)


def next_statuses(order: Order) -> list[str]:
    """The statuses ``order`` may move to (for pages' buttons)."""
    return [
        s for s in OrderStatus.values if s != order.status and order_may_become(order.status, s)
    ]


@transaction.atomic
def order_create(*, by, **data) -> Order:
    data.setdefault("owner", by)
    order = Order(**data)
    _check_owner_sees(order, data["owner"])
    return apply_changes(order, {})


@transaction.atomic
def order_update(*, order: Order, by, **data) -> Order:
    """Change an order; a new ``status`` goes through ``order_transition``."""
    status = data.pop("status", None)
    delivered_on = data.get("delivered_on")
    order.status = stored_value(order, "status")
    if "owner" in data:
        _check_owner_sees(order, data["owner"])
    if "promised_on" in data and data["promised_on"] != stored_value(order, "promised_on"):
        # A new promise is new news if it is broken too.
        Order.objects.filter(pk=order.pk).update(overdue_notified_on=None)
    order = apply_changes(order, data) if data else order
    if status is not None and status != order.status:
        order = order_transition(order=order, status=status, by=by, delivered_on=delivered_on)
    return order


@transaction.atomic
def order_transition(*, order: Order, status: str, by, delivered_on: date | None = None) -> Order:
    """Move ``order`` to ``status`` (409 when its life does not allow it).

    ``delivered`` needs ``delivered_on`` (400 without); a cancelled order keeps its row,
    and no longer counts towards targets or fulfilment.
    """
    if status not in OrderStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    locked = Order.objects.select_for_update().get(pk=order.pk)
    if not order_may_become(locked.status, status):
        raise Conflict(
            _("An order that is %(current)s cannot become %(target)s.")
            % {
                "current": OrderStatus(locked.status).label,
                "target": OrderStatus(status).label,
            },
            allowed=next_statuses(locked),
        )
    order.status = status
    if delivered_on is not None:
        order.delivered_on = delivered_on
    if status == OrderStatus.DELIVERED and order.delivered_on is None:
        raise ValidationError({"delivered_on": _("A delivered order needs its delivery date.")})
    return apply_changes(order, {})


def orders_notify_overdue(*, today: date | None = None) -> dict:
    """Tell each owner of orders that passed their promised date undelivered: each order
    once (``overdue_notified_on``), in one message per owner and run."""
    today = today or company_today()
    owners = (
        Order.objects.overdue(today)
        .filter(overdue_notified_on__isnull=True)
        # Without the model's ordering: its columns would join the DISTINCT, and an owner
        # would come once per overdue order.
        .order_by()
        .values_list("owner", flat=True)
        .distinct()
    )
    summary = {"owners": 0, "orders": 0, "notified": 0}
    for owner_id in list(owners):
        orders, notified = _notify_overdue_for_owner(owner_id, today)
        summary["owners"] += 1
        summary["orders"] += orders
        summary["notified"] += notified
    return summary


@transaction.atomic
def order_months_compact() -> dict:
    """Fold the order months (``OrderMonth``) into one row per owner, month and counted,
    with the same sums: the triggers add a row of differences per statement that writes
    orders, and these would pile up. The rows are deleted and summed in one statement
    (``DELETE … RETURNING``), so a row another transaction adds meanwhile is never lost:
    this run does not see it, and the next one folds it.

    ``{"before": rows read, "after": rows written}``.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {OrderMonth._meta.db_table}"
            " RETURNING owner_id, month, counted, orders, amount"
        )
        rows = cursor.fetchall()
    sums: dict[tuple, list] = {}
    for owner_id, month, counted, orders, amount in rows:
        month = month if isinstance(month, date) else date.fromisoformat(month)
        total = sums.setdefault((owner_id, month, bool(counted)), [0, Decimal(0)])
        total[0] += orders
        total[1] += Decimal(str(amount))
    folded = [
        OrderMonth(
            owner_id=owner_id,
            month=month,
            counted=counted,
            orders=orders,
            amount=amount.quantize(CENT),
        )
        for (owner_id, month, counted), (orders, amount) in sums.items()
        if orders or amount
    ]
    OrderMonth.objects.bulk_create(folded, batch_size=2000)
    return {"before": len(rows), "after": len(folded)}


@transaction.atomic
def _notify_overdue_for_owner(owner_id: int, today: date) -> tuple[int, int]:
    orders = list(
        Order.objects.overdue(today)
        .select_for_update(of=("self",))
        .filter(owner_id=owner_id, overdue_notified_on__isnull=True)
        .select_related("account", "owner")
        .order_by("promised_on", "number")
    )
    # The owner must still see each account (one reassigned meanwhile is its new owner's).
    visible = (
        set(
            Account.objects.visible_to(orders[0].owner)
            .filter(pk__in={order.account_id for order in orders})
            .values_list("pk", flat=True)
        )
        if orders
        else set()
    )
    orders = [order for order in orders if order.account_id in visible]
    if not orders:
        return 0, 0
    ids = [order.pk for order in orders]
    Order.objects.filter(pk__in=ids).update(overdue_notified_on=today)
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()
    count = len(orders)
    notified = notify(
        orders[0].owner,
        ORDER_OVERDUE.code,
        lambda user: (
            ngettext(
                "KAM CRM: %(count)d order past its promised date",
                "KAM CRM: %(count)d orders past their promised date",
                count,
            )
            % {"count": count}
        ),
        lambda user: "\n".join(
            _("%(number)s · %(account)s · promised %(date)s")
            % {"number": order.number, "account": order.account.name, "date": order.promised_on}
            for order in orders
        ),
        reverse("sales_plans:order-list") + "?overdue=1",
        once_key=f"sales_plans.order_overdue:{digest}",
    )
    return count, len(notified)
