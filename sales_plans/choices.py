from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SalesPlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Stage(models.TextChoices):
    """The funnel, in order; ``won`` and ``lost`` close an opportunity."""

    LEAD = "lead", _("Lead")
    QUALIFIED = "qualified", _("Qualified")
    PROPOSAL = "proposal", _("Proposal")
    NEGOTIATION = "negotiation", _("Negotiation")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")


#: The stages an opportunity passes through on its way to ``won``, in order.
FUNNEL = (Stage.LEAD, Stage.QUALIFIED, Stage.PROPOSAL, Stage.NEGOTIATION, Stage.WON)
OPEN_STAGES = (Stage.LEAD, Stage.QUALIFIED, Stage.PROPOSAL, Stage.NEGOTIATION)
CLOSED_STAGES = (Stage.WON, Stage.LOST)
#: How far along the funnel each stage is (``lost`` is no step of it).
STAGE_RANK = {stage: rank for rank, stage in enumerate(FUNNEL, start=1)}


def further(reached: str, stage: str) -> str:
    """The furthest funnel stage of ``reached`` (``""``: none yet) and ``stage``."""
    return stage if STAGE_RANK.get(stage, 0) > STAGE_RANK.get(reached, 0) else reached


class OrderStatus(models.TextChoices):
    """An order's life, in order; ``cancelled`` ends it from any state before delivery."""

    OPEN = "open", _("Open")
    IN_PRODUCTION = "in_production", _("In production")
    SHIPPED = "shipped", _("Shipped")
    PARTIALLY_DELIVERED = "partially_delivered", _("Partially delivered")
    # Context: "Delivered" is also a webhook post's status, which Chinese words otherwise.
    DELIVERED = "delivered", pgettext_lazy("order status", "Delivered")
    CANCELLED = "cancelled", _("Cancelled")


#: Statuses an order moves forward through (skipping is allowed, going back is not).
ORDER_FLOW = (
    OrderStatus.OPEN,
    OrderStatus.IN_PRODUCTION,
    OrderStatus.SHIPPED,
    OrderStatus.PARTIALLY_DELIVERED,
    OrderStatus.DELIVERED,
)
#: Orders whose delivery is still owed.
UNDELIVERED = (
    OrderStatus.OPEN,
    OrderStatus.IN_PRODUCTION,
    OrderStatus.SHIPPED,
    OrderStatus.PARTIALLY_DELIVERED,
)
