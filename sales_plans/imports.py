"""What duty 2 imports (``kam.imports``): orders keyed by their number, as an ERP exports them.

Importing the ERP's file again updates what changed: a new promised date, a delivery, a
status. Rows are written through ``sales_plans.services``, so a status moves only as
``order_transition`` allows; a move it refuses is an error of the row's status cell.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Account
from kam.errors import Conflict
from kam.imports import (
    Choice,
    Date,
    ImportColumn,
    ImportDefinition,
    Number,
    Owner,
    Parser,
    Text,
    cell_text,
    chunked,
    register,
)
from kam.visibility import CHANGE
from sales_plans import services
from sales_plans.choices import OrderStatus
from sales_plans.models import Order


class AccountByCodeOrName(Parser):
    """An account the importer may change, by its code or else by its exact name.

    An ERP knows the customer's code when the CRM has one, and only the name when not. A
    code wins over a name; a name that several of the importer's accounts share is refused.
    """

    def prepare(self, texts, by):
        accounts = Account.objects.visible_to(by, CHANGE).only("pk", "code", "name", "owner_id")
        by_code, by_name = {}, {}
        for chunk in chunked(sorted(texts)):
            wanted = set(chunk)
            for account in accounts.filter(Q(code__in=chunk) | Q(name__in=chunk)).order_by("pk"):
                if account.code in wanted:
                    by_code[account.code] = account
                if account.name in wanted:
                    by_name.setdefault(account.name, []).append(account)

        def parse(value):
            text = cell_text(value)
            if text in by_code:
                return by_code[text]
            named = by_name.get(text, [])
            if len(named) == 1:
                return named[0]
            if named:
                raise ValidationError(
                    _("%(count)d of your accounts are named “%(value)s”; write its code instead.")
                    % {"count": len(named), "value": text}
                )
            raise ValidationError(
                _("No account with code or name “%(value)s” that you may change.") % {"value": text}
            )

        return parse

    def describe(self):
        return _("The code or the exact name of an account you may change")


def apply_order(*, by, instance, data) -> Order:
    if instance is None:
        return services.order_create(by=by, **data)
    try:
        return services.order_update(order=instance, by=by, **data)
    except Conflict as error:
        # Only a status move conflicts: the file's status cell asked for it.
        raise ValidationError({"status": error.message}) from error


ORDERS = register(
    ImportDefinition(
        name="orders",
        label=gettext_lazy("Orders"),
        model=Order,
        columns=(
            ImportColumn.of(
                Order,
                "number",
                Text(max_length=Order._meta.get_field("number").max_length),
                required=True,
                aliases=("订单号", "订单编号", "order number", "order no", "order no."),
            ),
            ImportColumn.of(
                Order,
                "account",
                AccountByCodeOrName(),
                required=True,
                aliases=("客户代码", "客户名称", "account code", "account name", "customer"),
            ),
            ImportColumn.of(Order, "owner", Owner(), aliases=("销售", "客户经理")),
            ImportColumn.of(
                Order,
                "ordered_on",
                Date(),
                required=True,
                aliases=("下单日期", "订单日期", "order date"),
            ),
            ImportColumn.of(Order, "amount", Number(), required=True, aliases=("金额", "订单金额")),
            ImportColumn.of(
                Order,
                "promised_on",
                Date(),
                required=True,
                aliases=("承诺交期", "承诺交货日期", "promised date", "due date"),
            ),
            ImportColumn.of(
                Order,
                "delivered_on",
                Date(),
                aliases=("实际交货日期", "交货日期", "delivered date", "delivery date"),
            ),
            ImportColumn.of(
                Order, "status", Choice(OrderStatus), aliases=("订单状态", "order status")
            ),
        ),
        key=("number",),
        apply_row=apply_order,
        description=gettext_lazy(
            "One row per order, keyed by its number: a row with the number of an order you "
            "may change updates it, any other row creates an order. The account is its code "
            "or its exact name; an empty owner makes a new order yours. A status moves only "
            "forward (or to cancelled), as on the order's page."
        ),
    )
)
