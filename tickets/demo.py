"""Demo data of duty 4: two years of tickets with their timelines, and the customers' word.

``small`` gives the demo accounts a ticket every seven weeks or so over two years, each
routed as the ``RoutingRule`` of its category says (a few sent to a department by name,
a few passed on to another one), answered by the department's demo member, paused while
the customer owes an answer, resolved mostly within the 48 hours (a tail of them late),
closed, now and then reopened; about four in ten resolved tickets have the customer's
feedback, a ``SurveyResponse`` with source ``after_ticket``. Delivery and return
tickets are about one of the account's orders. On top of that, a couple of dozen
tickets of the last days are placed against the real current time, so that the queues
show every status and every SLA state: new, answered, at risk, breached, paused (and
paused too late), resolved in time or late, reopened.

Each ticket's life is replayed by :class:`Life` exactly as ``tickets.services`` would
have written it (the clock with its stops, the first response, a ``TicketEvent`` per
step, a history row per save), at the story's own times, and only up to now: what a
story would do later has not happened yet. ``sla_mark`` is what the SLA job, run all the
while, would have reported by now, so its first run finds nothing old to announce. The
services are not called: they tell the department and the rep of every step, and two
years of old tickets are nobody's news.

``large`` adds the benchmark's 200,000 tickets (times ``context.scale``) on the
benchmark accounts, the same stories without the history rows, written with ``COPY``
on PostgreSQL with the tables' indexes built after. Delivery tickets go to logistics,
whose queue is then over 50,000 tickets: the benchmark's department member's.
"""

import datetime as dt
import random
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import AccountStatus, SurveySource
from accounts.demo import demo_accounts
from accounts.models import Contact, SurveyResponse
from kam.choices import DepartmentCode, Role
from kam.dates import company_today
from kam.demo import BATCH_SIZE, LARGE, SMALL, DemoContext, counts, department_username
from kam.models import Department, User
from kam.search import document
from sales_plans.choices import OrderStatus
from sales_plans.demo import EN, ZH, copy_rows, indexes_built_after, language_of
from sales_plans.models import Order
from tickets.calendars import calendar_load, published_years
from tickets.choices import (
    AT_RISK_SHARE,
    DONE,
    TICKET_FLOW,
    EventKind,
    Priority,
    SlaMark,
    TicketCategory,
    TicketStatus,
)
from tickets.models import RoutingRule, Ticket, TicketEvent
from tickets.querysets import RUNNING
from tickets.services import resolution_hours_for

HISTORY_DAYS = 730
#: Tickets opened in the last days are placed against now (their stories may be running);
#: older ones on a day of the calendar, their stories long over.
RECENT_DAYS = 45
LARGE_TICKETS = 200_000
#: Accounts whose tickets are generated and written at a time in the large size.
LARGE_CHUNK = 250
#: The share of resolved tickets whose customer gave feedback, by size.
FEEDBACK_SHARE = {SMALL: 0.4, LARGE: 0.08}

OPEN, IN_PROGRESS, WAITING = (
    TicketStatus.OPEN,
    TicketStatus.IN_PROGRESS,
    TicketStatus.WAITING_ON_CUSTOMER,
)
RESOLVED, CLOSED = TicketStatus.RESOLVED, TicketStatus.CLOSED
HOUR = dt.timedelta(hours=1)
MINUTE = dt.timedelta(minutes=1)

CATEGORY_WEIGHTS = {
    TicketCategory.DELIVERY: 30,
    TicketCategory.QUALITY: 18,
    TicketCategory.TECHNICAL: 14,
    TicketCategory.RETURN_EXCHANGE: 14,
    TicketCategory.BILLING: 12,
    TicketCategory.OTHER: 12,
}
PRIORITY_WEIGHTS = {Priority.LOW: 15, Priority.NORMAL: 55, Priority.HIGH: 22, Priority.URGENT: 8}
#: A rep who knows better than the routing rule names the department (marketing gets
#: nothing: the benchmark's quiet department).
EXPLICIT = {
    TicketCategory.DELIVERY: [DepartmentCode.PRODUCTION],
    TicketCategory.QUALITY: [DepartmentCode.PRODUCTION],
    TicketCategory.TECHNICAL: [DepartmentCode.RND],
    TicketCategory.BILLING: [DepartmentCode.SALES],
    TicketCategory.OTHER: [DepartmentCode.LEGAL, DepartmentCode.TRAINING, DepartmentCode.SALES],
}
#: Where the first department passes a ticket on before answering it.
PASSED_ON = {
    TicketCategory.QUALITY: DepartmentCode.PRODUCTION,
    TicketCategory.TECHNICAL: DepartmentCode.RND,
    TicketCategory.RETURN_EXCHANGE: DepartmentCode.LOGISTICS,
    TicketCategory.OTHER: DepartmentCode.FINANCE,
    TicketCategory.BILLING: DepartmentCode.SALES,
}

# What people write, in the account's language. -------------------------------------------

SUBJECTS = {
    TicketCategory.DELIVERY: {
        EN: [
            "Second batch has not arrived",
            "Delivery short by two pallets",
            "Delivery date slipped again",
            "Goods sent to the wrong plant",
            "Damaged pallets in the delivery",
            "Customs papers missing for the shipment",
        ],
        ZH: [
            "第二批货物尚未到达",
            "交货数量短缺两托",
            "交货日期再次推迟",
            "货物发错工厂",
            "到货托盘破损",
            "货物缺少报关单据",
        ],
    },
    TicketCategory.QUALITY: {
        EN: [
            "Surface defects on the last batch",
            "Dimensions out of tolerance",
            "Paint peeling after two weeks",
            "Certificate of analysis missing",
            "Cracks found at incoming inspection",
            "Batch fails the customer's salt-spray test",
        ],
        ZH: [
            "最近一批产品表面缺陷",
            "尺寸超出公差",
            "两周后出现掉漆",
            "缺少质检报告",
            "来料检验发现裂纹",
            "批次未通过客户盐雾测试",
        ],
    },
    TicketCategory.TECHNICAL: {
        EN: [
            "Installation question on the new unit",
            "Controller firmware keeps resetting",
            "Request for the CAD drawings",
            "Machine alarm E47 after the update",
            "Help commissioning the second line",
            "Compatibility with their existing fixtures",
        ],
        ZH: [
            "新设备安装咨询",
            "控制器固件反复重启",
            "索取CAD图纸",
            "升级后设备报警E47",
            "协助第二条产线调试",
            "与现有工装的兼容性问题",
        ],
    },
    TicketCategory.RETURN_EXCHANGE: {
        EN: [
            "Return of the wrong variant",
            "Exchange of damaged units",
            "Customer wants to return surplus stock",
            "Replacement for the defective parts",
            "Return authorisation for 40 pieces",
        ],
        ZH: [
            "退回错发的型号",
            "更换破损产品",
            "客户要求退回多余库存",
            "更换不良零件",
            "申请40件退货授权",
        ],
    },
    TicketCategory.BILLING: {
        EN: [
            "Invoice does not match the agreed price",
            "Duplicate invoice received",
            "Credit note for the returned goods",
            "Payment terms on the last invoice",
            "Wrong VAT number on the invoice",
        ],
        ZH: [
            "发票金额与约定价格不符",
            "收到重复发票",
            "退货的红字发票",
            "最新发票的付款条件",
            "发票税号错误",
        ],
    },
    TicketCategory.OTHER: {
        EN: [
            "Supplier self-assessment requested",
            "Update of the customer's contact list",
            "Question about the framework agreement",
            "Operator training for the new line",
            "Request for a sustainability report",
        ],
        ZH: [
            "客户要求填写供应商自评表",
            "更新客户联系人名单",
            "关于框架协议的问题",
            "新产线操作人员培训",
            "索取可持续发展报告",
        ],
    },
}
DESCRIPTIONS = {
    TicketCategory.DELIVERY: {
        EN: [
            "The customer's plant planned the line for Monday and is waiting for the parts.",
            "Their warehouse counted the delivery against the packing list: it is short.",
            "Purchasing called twice this week; they need a firm date today.",
        ],
        ZH: [
            "客户工厂计划周一开线，正在等这批零件。",
            "客户仓库按装箱单清点，数量不足。",
            "采购本周已来电两次，今天需要确切的交货日期。",
        ],
    },
    TicketCategory.QUALITY: {
        EN: [
            "Their incoming inspection put the batch on hold; photos are on the way.",
            "The defect shows on about 5 % of the parts; they want containment now.",
            "Their quality director asked for an 8D report within the week.",
        ],
        ZH: [
            "客户来料检验已将该批次冻结，照片随后发送。",
            "约5%的零件有此缺陷，客户要求立即采取围堵措施。",
            "客户质量总监要求一周内提交8D报告。",
        ],
    },
    TicketCategory.TECHNICAL: {
        EN: [
            "Their engineers need an answer before the commissioning next week.",
            "The problem started after the last maintenance; the log is attached.",
            "They would like one of our engineers on a call with their team.",
        ],
        ZH: [
            "客户工程师需要在下周调试前得到答复。",
            "上次维护后开始出现该问题，日志已附上。",
            "客户希望我方工程师与其团队开个电话会。",
        ],
    },
    TicketCategory.RETURN_EXCHANGE: {
        EN: [
            "The parts are unused and still in the original packaging.",
            "They want replacements before the return is collected.",
            "Agreed with their buyer on the phone; please arrange it.",
        ],
        ZH: [
            "零件未使用，原包装完好。",
            "客户希望在退货取走前先收到替换件。",
            "已与客户采购电话沟通一致，请安排。",
        ],
    },
    TicketCategory.BILLING: {
        EN: [
            "Their accounts payable will not pay until the invoice is corrected.",
            "The price on the invoice is last year's list price.",
            "They ask for the corrected invoice by the end of the month.",
        ],
        ZH: [
            "发票更正之前，客户财务不会付款。",
            "发票上的价格是去年的目录价。",
            "客户要求月底前收到更正后的发票。",
        ],
    },
    TicketCategory.OTHER: {
        EN: [
            "Their supplier management asked for it as part of the annual review.",
            "Needed for their audit next month.",
            "Nothing urgent, but they would like an answer this week.",
        ],
        ZH: [
            "客户供应商管理部门在年度评审中提出此要求。",
            "客户下月审核需要。",
            "不紧急，但客户希望本周内答复。",
        ],
    },
}
RESOLUTIONS = {
    TicketCategory.DELIVERY: {
        EN: [
            "Delivered and signed for.",
            "Missing pallets shipped by express; the customer confirmed receipt.",
            "Re-routed to the right plant; arrived this morning.",
        ],
        ZH: ["已送达并签收。", "短缺托盘已加急发出，客户确认收货。", "已改送正确工厂，今早到货。"],
    },
    TicketCategory.QUALITY: {
        EN: [
            "8D report sent; the batch was sorted at the customer's site.",
            "Replacement batch passed their inspection.",
            "Root cause found in the coating line; corrective action in place.",
        ],
        ZH: [
            "8D报告已发送，已在客户现场完成挑选。",
            "替换批次通过客户检验。",
            "根因在涂装线，纠正措施已落实。",
        ],
    },
    TicketCategory.TECHNICAL: {
        EN: [
            "Firmware 2.4.1 installed remotely; running stable.",
            "Drawings sent; their engineers confirmed.",
            "Commissioned together with their team on site.",
        ],
        ZH: [
            "已远程升级固件2.4.1，运行稳定。",
            "图纸已发送，客户工程师已确认。",
            "已与客户团队现场完成调试。",
        ],
    },
    TicketCategory.RETURN_EXCHANGE: {
        EN: [
            "Return collected; replacements delivered.",
            "Exchange done and the credit booked.",
            "Return authorisation issued and the pickup arranged.",
        ],
        ZH: ["退货已取走，替换件已送达。", "已完成换货并入账。", "已签发退货授权并安排取货。"],
    },
    TicketCategory.BILLING: {
        EN: [
            "Corrected invoice issued.",
            "Credit note sent to their accounts payable.",
            "Duplicate cancelled; the customer confirmed.",
        ],
        ZH: ["已开具更正发票。", "红字发票已发送给客户财务。", "重复发票已作废，客户已确认。"],
    },
    TicketCategory.OTHER: {
        EN: ["Sent to the customer.", "Answered in a call with their team.", "Done."],
        ZH: ["已发送给客户。", "已与客户团队电话沟通答复。", "已完成。"],
    },
}
ANSWERS = {
    EN: [
        "Looking into it now.",
        "Checked our records; working on it with the team.",
        "Received. I will update you by tomorrow.",
        "On it: checking with the plant.",
    ],
    ZH: [
        "正在处理。",
        "已查阅记录，正与团队跟进。",
        "已收到，明天前给您答复。",
        "已在处理，正与工厂确认。",
    ],
}
DEPARTMENT_COMMENTS = {
    EN: [
        "Waiting for the warehouse to confirm the stock.",
        "Spoke with the plant; the cause is being analysed.",
        "The carrier confirmed a new date.",
        "Samples are on their way to our lab.",
    ],
    ZH: [
        "正在等仓库确认库存。",
        "已与工厂沟通，正在分析原因。",
        "承运商已确认新的日期。",
        "样品正在寄往我方实验室。",
    ],
}
REP_COMMENTS = {
    EN: [
        "The customer asks for an update.",
        "Customer called again: they need it this week.",
        "Their purchasing manager escalated this to the director.",
    ],
    ZH: ["客户询问进展。", "客户再次来电：本周必须解决。", "客户采购经理已将此事上报给总监。"],
}
PAUSES = {
    EN: [
        "Asked the customer for photos and the batch number.",
        "Waiting for the customer to confirm the delivery address.",
        "Sent the return form; waiting for it to come back.",
        "Asked for the machine's log files.",
    ],
    ZH: [
        "已请客户提供照片和批号。",
        "等待客户确认收货地址。",
        "已发送退货单，等待客户回传。",
        "已请客户提供设备日志。",
    ],
}
REPLIES = {
    EN: [
        "The customer sent what we asked for.",
        "Customer confirmed by e-mail.",
        "The form came back signed.",
    ],
    ZH: ["客户已提供所需资料。", "客户已邮件确认。", "客户已签字回传。"],
}
RESUMES = {EN: ["Got what we needed; continuing."], ZH: ["已收到所需信息，继续处理。"]}
CLOSINGS = {
    EN: ["The customer confirmed; closing.", "", "Closed after the customer's OK."],
    ZH: ["客户已确认，关闭。", "", "客户确认后关闭。"],
}
REOPENINGS = {
    EN: [
        "The customer says the problem is back.",
        "The replacement has the same defect.",
        "Still not received: reopening.",
    ],
    ZH: ["客户反映问题再次出现。", "替换件有同样的缺陷。", "仍未收到，重新打开。"],
}
HAND_OVERS = {
    DepartmentCode.PRODUCTION: {
        EN: "Production has to check the batch.",
        ZH: "需生产部核查该批次。",
    },
    DepartmentCode.RND: {
        EN: "R&D must answer this design question.",
        ZH: "该设计问题需研发部答复。",
    },
    DepartmentCode.LOGISTICS: {EN: "Logistics to arrange the pickup.", ZH: "请物流部安排取货。"},
    DepartmentCode.FINANCE: {EN: "Finance to issue the credit note.", ZH: "请财务部开具红字发票。"},
    DepartmentCode.SALES: {EN: "Sales to confirm the agreed price.", ZH: "请销售部确认约定价格。"},
}
FEEDBACK_COMMENTS = {
    EN: {
        1: ["Took far too long, and nobody called us back."],
        2: ["Solved in the end, but we had to chase every day."],
        3: ["Fine, though slower than we need."],
        4: ["Good answer from your team.", "Solved within the week, thanks."],
        5: ["Quick and clear, thank you.", "Excellent: solved the same day."],
    },
    ZH: {
        1: ["处理时间太长，也没人回电。"],
        2: ["最终解决了，但我们每天都得催。"],
        3: ["还可以，只是比我们需要的慢。"],
        4: ["贵方团队答复得很好。", "一周内解决了，谢谢。"],
        5: ["又快又清楚，谢谢。", "非常好：当天就解决了。"],
    },
}


def pick(rng: random.Random, pool: list):
    return pool[int(rng.random() * len(pool))]


def at(day: dt.date, hour: int, minute: int, tz=None) -> dt.datetime:
    """``day`` at ``hour:minute`` in the site's time zone (``timezone.make_aware``, with the
    zone looked up once by the caller: 200,000 look-ups are seconds)."""
    return dt.datetime.combine(
        day, dt.time(hour, minute), tzinfo=tz or timezone.get_current_timezone()
    )


def seed(context: DemoContext) -> dict[str, int]:
    seed_small(context)
    if context.large:
        seed_large(context)
    load_business_calendar()
    result = counts(Ticket, TicketEvent)
    result[_("feedback surveys")] = SurveyResponse.objects.filter(ticket__isnull=False).count()
    return result


def load_business_calendar() -> None:
    """China's business calendar for the years around today that the ``holidays`` package
    holds, for admins to see and to pick on an SLA policy (the demo's policies stay 24×7,
    so the tickets above are timed as they were)."""
    year = company_today().year
    known = published_years("CN") or set()
    years = [y for y in (year - 1, year, year + 1) if y in known]
    if years:
        calendar_load("CN", years)


# A ticket's life, as the services write it -------------------------------------------------


class Person(NamedTuple):
    pk: int
    #: A department member's department (None for the account's side).
    department_id: int | None


class Life:
    """One ticket replayed step by step as ``tickets.services`` write it, up to ``now``.

    A step at a time after ``now`` ends the replay: the rest of the story has not
    happened yet. Before each step, and at ``now`` for a ticket still unresolved, the SLA
    job's marks are brought up to date as if it ran all the while.
    """

    __slots__ = (
        "id",
        "account_id",
        "order_id",
        "raised_by_id",
        "department_id",
        "assignee_id",
        "category",
        "priority",
        "subject",
        "description",
        "search_text",
        "status",
        "opened_at",
        "first_response_at",
        "resolved_at",
        "due_at",
        "paused_seconds",
        "paused_at",
        "warn_at",
        "resolution_seconds",
        "sla_mark",
        "feedback_id",
        "updated_at",
        #: The customer's feedback, written before the ticket (which points to it).
        "survey",
        "now",
        "ended",
        "reopened",
        "events",
        "saves",
    )

    def __init__(self, *, now, opened_at, by: Person, hours: int, history: bool, **fields):
        for name, value in fields.items():
            setattr(self, name, value)
        self.now = now
        self.ended = opened_at > now
        self.reopened = False
        self.events = []
        self.saves = [] if history else None
        self.status = OPEN
        self.opened_at = opened_at
        self.first_response_at = self.resolved_at = self.paused_at = None
        self.resolution_seconds = self.feedback_id = self.survey = None
        self.paused_seconds = 0
        allowed = dt.timedelta(hours=hours)
        self.due_at = opened_at + allowed
        self.warn_at = self.due_at - allowed * (1 - AT_RISK_SHARE)
        self.sla_mark = SlaMark.NONE
        self.updated_at = opened_at
        if not self.ended:
            self._event(opened_at, by, EventKind.STATUS_CHANGE, to_status=OPEN)

    # The clock -------------------------------------------------------------------------

    def wall_at(self, open_hours: float) -> dt.datetime:
        """When the clock shows ``open_hours`` of open time (for a ticket whose clock runs)."""
        seconds = int(open_hours * 3600) + self.paused_seconds
        return self.opened_at + dt.timedelta(seconds=seconds)

    def _mark_until(self, when) -> None:
        """The SLA job's marks between the last step and ``when``."""
        if self.status in RUNNING:
            if self.due_at < when:
                self.sla_mark = SlaMark.BREACHED
            elif self.warn_at < when and not self.sla_mark:
                self.sla_mark = SlaMark.AT_RISK
        elif self.status == WAITING and self.due_at <= self.paused_at:
            self.sla_mark = SlaMark.BREACHED

    def _resume(self, stopped_at, when) -> None:
        seconds = int(max(when - stopped_at, dt.timedelta(0)).total_seconds())
        self.paused_seconds += seconds
        self.due_at += dt.timedelta(seconds=seconds)
        self.warn_at += dt.timedelta(seconds=seconds)
        if seconds:
            self.sla_mark = SlaMark.NONE

    def finish(self) -> None:
        if self.status not in DONE:
            self._mark_until(self.now)

    # Steps -------------------------------------------------------------------------------

    def _step(self, when):
        """The time of a step at ``when`` (never before the last), or None after now."""
        if self.ended or when > self.now:
            self.ended = True
            return None
        when = max(when, self.updated_at)
        self._mark_until(when)
        return when

    def _event(self, when, by: Person, kind, body="", **fields) -> None:
        if (
            by.department_id is not None
            and by.department_id == self.department_id
            and self.first_response_at is None
        ):
            self.first_response_at = when
        self.events.append(
            (
                by.pk,
                kind,
                body,
                fields.get("from_status", ""),
                fields.get("to_status", ""),
                fields.get("department_id"),
                fields.get("assignee_id"),
                when,
            )
        )
        self.updated_at = when
        if self.saves is not None:
            self.saves.append((when, by.pk, self.row(TRACKED)))

    def comment(self, when, by: Person, body: str) -> bool:
        when = self._step(when)
        if when is None:
            return False
        self._event(when, by, EventKind.COMMENT, body)
        return True

    def transition(self, when, by: Person, to_status: str, note: str = "") -> bool:
        when = self._step(when)
        if when is None:
            return False
        before = self.status
        if to_status not in TICKET_FLOW[before]:
            raise ValueError(f"a demo story moves a ticket from {before} to {to_status}")
        if before == WAITING:
            self._resume(self.paused_at, when)
            self.paused_at = None
        elif before in DONE and to_status == OPEN:
            self._resume(self.resolved_at, when)
            self.resolved_at = self.resolution_seconds = None
            self.reopened = True
        if to_status == WAITING:
            self.paused_at = when
        elif to_status == RESOLVED:
            self.resolved_at = when
            self.resolution_seconds = max(
                int((when - self.opened_at).total_seconds()) - self.paused_seconds, 0
            )
        self.status = to_status
        self._event(
            when, by, EventKind.STATUS_CHANGE, note, from_status=before, to_status=to_status
        )
        return True

    def assign(self, when, by: Person, *, assignee=None, department_id=None, note="") -> bool:
        target = department_id or self.department_id
        if (
            target == self.department_id
            and assignee is not None
            and assignee.pk == self.assignee_id
        ):
            return True  # the service does nothing either
        when = self._step(when)
        if when is None:
            return False
        self.department_id = target
        self.assignee_id = assignee.pk if assignee else None
        self._event(
            when,
            by,
            EventKind.REASSIGN,
            note,
            department_id=target,
            assignee_id=self.assignee_id,
        )
        return True

    @property
    def clock_paused_seconds(self) -> int:
        """The demo's tickets count round the clock: their stops on the clock are wall time."""
        return self.paused_seconds

    def row(self, columns) -> tuple:
        return tuple(getattr(self, name) for name in columns)


TICKET_COLUMNS = (
    "id",
    "account_id",
    "order_id",
    "raised_by_id",
    "department_id",
    "assignee_id",
    "category",
    "priority",
    "subject",
    "description",
    "status",
    "opened_at",
    "first_response_at",
    "resolved_at",
    "due_at",
    "paused_seconds",
    "clock_paused_seconds",
    "paused_at",
    "warn_at",
    "resolution_seconds",
    "sla_mark",
    "feedback_id",
    "updated_at",
    "search_text",
)
#: The fields a history row keeps (all but the search document and the SLA mark).
TRACKED = tuple(name for name in TICKET_COLUMNS if name not in ("search_text", "sla_mark"))
EVENT_COLUMNS = (
    "author_id",
    "kind",
    "body",
    "from_status",
    "to_status",
    "department_id",
    "assignee_id",
    "created_at",
    "ticket_id",
)


# Stories ---------------------------------------------------------------------------------


@dataclass
class Plan:
    """What happens to a ticket, in hours of open time from its opening (pauses and the
    time between a resolution and a reopening do not count) unless said otherwise."""

    #: The first answer; None: nobody has answered.
    response: float | None = 1.0
    #: The member takes the ticket (an assignment) before answering.
    assign: bool = True
    #: (open hours, department code): passed on before the answer.
    pass_on: tuple[float, str] | None = None
    #: (open hours, "dept" | "rep"): comments while it is worked on.
    comments: list[tuple[float, str]] = field(default_factory=list)
    #: (open hours, wall hours or None for still waiting): waits on the customer.
    pauses: list[tuple[float, float | None]] = field(default_factory=list)
    #: The customer's answer to a wait comes as the rep's comment.
    replies: bool = True
    #: The resolution; None: not resolved (still worked on, or forgotten).
    resolve: float | None = 20.0
    #: Resolved straight from the last wait, when the customer answers it.
    resolve_waiting: bool = False
    #: Wall hours from the resolution to the closing; None: left resolved.
    close: float | None = 48.0
    closed_by_rep: bool = True
    #: (wall hours after the resolution or closing, answer and resolution hours after
    #: the reopening, the latter None: not resolved again).
    reopen: tuple[float, float, float | None] | None = None
    #: The customer's score, once resolved; None: no feedback.
    feedback: int | None = None


class Stories:
    """Tickets for accounts, with their plans drawn from one generator."""

    def __init__(self, context: DemoContext, size: str):
        # The small size's stories are the same whatever the size being seeded.
        self.rng = context.random("tickets" if size == SMALL else "tickets.large")
        self.size = size
        self.today = context.today
        self.now = timezone.now().replace(microsecond=0)
        self.tz = timezone.get_current_timezone()
        #: The small size keeps a history row per step, as the services' saves do.
        self.history = size == SMALL
        departments = Department.objects.in_bulk(field_name="code")
        self.department_of = {code: department.pk for code, department in departments.items()}
        self.routes = dict(RoutingRule.objects.values_list("category", "department_id"))
        self.hours = {priority: resolution_hours_for(priority) for priority in Priority.values}
        members = User.objects.filter(
            role=Role.DEPARTMENT,
            is_active=True,
            username__in=[department_username(code) for code in DepartmentCode.values],
        )
        self.members = {user.department_id: Person(user.pk, user.department_id) for user in members}
        routed = [c for c in CATEGORY_WEIGHTS if self.routes.get(c) in self.members]
        self.categories = routed
        self.category_weights = [CATEGORY_WEIGHTS[c] for c in routed]
        self.next_id = (Ticket.objects.aggregate(last=Max("id"))["last"] or 0) + 1

    def member_of(self, department_id) -> Person:
        return self.members[department_id]

    def department(self, code: str):
        """A department by code, when it has a demo member to answer there."""
        pk = self.department_of.get(code)
        return pk if pk in self.members else None

    # Drawing a ticket ----------------------------------------------------------------------

    def draw_plan(self, category: str, priority: str) -> Plan:
        """A ticket's story: most answered within hours and resolved within the 48 hours,
        a tail late; some waiting on the customer, a few reopened, a few forgotten."""
        rng = self.rng
        draws = [rng.random() for _draw in range(20)]
        tail = draws[0] < 0.12
        if tail:
            resolve = 48 + min(rng.expovariate(1 / 30), 190)
        else:
            resolve = 0.5 + 47.4 * draws[1] ** 1.6
            resolve *= {Priority.URGENT: 0.6, Priority.HIGH: 0.85}.get(priority, 1.0)
        response = 0.1 + 6 * draws[2] ** 2.5 if draws[3] >= 0.1 else 4 + 20 * draws[2]
        response = min(response, resolve * 0.5)
        comments = [
            (
                response + (resolve - response) * rng.random(),
                "rep" if rng.random() < 0.4 else "dept",
            )
            for _comment in range(int(draws[4] * 3.3))
        ]
        pauses = []
        if draws[5] < 0.3:
            pauses.append(
                (response + (resolve - response) * draws[6], 1 + min(rng.expovariate(1 / 18), 119))
            )
            if draws[7] < 0.3:
                pauses.append(
                    (
                        response + (resolve - response) * draws[8],
                        1 + min(rng.expovariate(1 / 12), 119),
                    )
                )
        pauses.sort()
        resolve_waiting = bool(pauses) and draws[9] < 0.2
        if resolve_waiting:
            # The last wait ends the ticket: the customer's answer was all it needed.
            pauses[-1] = (resolve, pauses[-1][1])
        forgotten = draws[10]
        if forgotten < 0.003:
            response, comments, pauses = None, [], []
        plan = Plan(
            response=response,
            assign=draws[11] < 0.7,
            comments=sorted(comments),
            pauses=pauses,
            replies=draws[12] < 0.7,
            resolve=None if forgotten < 0.012 else resolve,
            resolve_waiting=resolve_waiting and forgotten >= 0.012,
            close=12 + 130 * draws[13] if draws[14] < 0.85 else None,
            closed_by_rep=draws[15] < 0.6,
            reopen=(4 + 140 * draws[17], 0.3 + 4 * draws[18], 1 + 20 * draws[19])
            if draws[16] < 0.06
            else None,
        )
        if 0.006 <= forgotten < 0.012 and pauses:
            plan.pauses = [(pauses[0][0], None)]  # waiting on a customer who never answered
        return plan

    def draw(self, opened_at, account, orders, contacts, *, categories=None) -> "Life":
        """A random ticket on ``account`` opened at ``opened_at``, replayed to now."""
        rng = self.rng
        category = rng.choices(
            categories or self.categories,
            weights=None if categories else self.category_weights,
        )[0]
        priority = rng.choices(list(PRIORITY_WEIGHTS), weights=list(PRIORITY_WEIGHTS.values()))[0]
        department_id = self.routes[category]
        explicit, passed = rng.random(), rng.random()
        plan = self.draw_plan(category, priority)
        if explicit < 0.08 and category in EXPLICIT:
            department_id = self.department(pick(rng, EXPLICIT[category])) or department_id
        elif passed < 0.08 and category in PASSED_ON and plan.response is not None:
            plan.pass_on = (plan.response * 0.5, PASSED_ON[category])
        return self.ticket(
            opened_at, account, orders, contacts, category, priority, department_id, plan
        )

    def ticket(self, opened_at, account, orders, contacts, category, priority, department_id, plan):
        """The ticket of ``plan`` on ``account``, with its order, text and feedback."""
        rng = self.rng
        language = language_of(account.name)
        order = choose_order(rng, orders, category, opened_at.astimezone(self.tz).date())
        subject = pick(rng, SUBJECTS[category][language])
        description = pick(rng, DESCRIPTIONS[category][language])
        rep = Person(account.owner_id, None)
        life = Life(
            now=self.now,
            opened_at=opened_at,
            by=rep,
            hours=self.hours[priority],
            history=self.history,
            id=self.next_id,
            account_id=account.pk,
            order_id=order.pk if order else None,
            raised_by_id=rep.pk,
            department_id=department_id,
            assignee_id=None,
            category=category,
            priority=priority,
            subject=subject,
            description=description,
            search_text=document(subject, account.name, order.number if order else "", description),
        )
        self.next_id += 1
        self.play(life, plan, rep, language)
        life.finish()
        self.feedback(life, plan, language, contacts)
        return life

    def play(self, life: Life, plan: Plan, rep: Person, language: str) -> None:
        rng = self.rng
        texts = [pick(rng, pool[language]) for pool in (ANSWERS, PAUSES, REPLIES, RESUMES)]
        answer, pause_note, reply, resume = texts
        category = life.category
        resolution = pick(rng, RESOLUTIONS[category][language])
        member = self.member_of(life.department_id)
        if plan.pass_on:
            hours, code = plan.pass_on
            target = self.department(code)
            if target and target != life.department_id:
                life.assign(
                    life.wall_at(hours),
                    member,
                    department_id=target,
                    note=HAND_OVERS[code][language],
                )
                member = self.member_of(target)
        if plan.response is None:
            return
        when = life.wall_at(plan.response)
        if plan.assign:
            life.assign(when, member, assignee=member)
            when += MINUTE * (2 + int(rng.random() * 20))
        life.transition(when, member, IN_PROGRESS, answer)
        work = [(hours, 0, who) for hours, who in plan.comments]
        work += [(hours, 1, wait) for hours, wait in plan.pauses]
        pauses_left = len(plan.pauses)
        resolved = False
        for hours, kind, what in sorted(work, key=lambda item: item[:2]):
            if life.ended:
                return
            if kind == 0:
                pool = REP_COMMENTS if what == "rep" else DEPARTMENT_COMMENTS
                life.comment(
                    life.wall_at(hours), rep if what == "rep" else member, pick(rng, pool[language])
                )
                continue
            start = life.wall_at(hours)
            life.transition(start, member, WAITING, pause_note)
            if what is None:
                return  # still waiting on the customer
            end = start + dt.timedelta(seconds=int(what * 3600))
            pauses_left -= 1
            if plan.replies:
                life.comment(end - MINUTE * 30, rep, reply)
            if not pauses_left and plan.resolve_waiting and plan.resolve is not None:
                life.transition(end, member, RESOLVED, resolution)
                resolved = True
            else:
                life.transition(end, member, IN_PROGRESS, resume)
        if not resolved:
            if plan.resolve is None:
                return
            life.transition(life.wall_at(plan.resolve), member, RESOLVED, resolution)
        closing = pick(rng, CLOSINGS[language])
        closer = rep if plan.closed_by_rep else member
        if life.ended:
            return
        if plan.reopen:
            after, answer_after, resolve_after = plan.reopen
            base = life.resolved_at
            if plan.close is not None and after > plan.close:
                life.transition(base + HOUR * plan.close, closer, CLOSED, closing)
            reopened_at = base + HOUR * after
            life.transition(reopened_at, rep, OPEN, pick(rng, REOPENINGS[language]))
            life.transition(reopened_at + HOUR * answer_after, member, IN_PROGRESS, answer)
            if resolve_after is None:
                return
            resolved_at = reopened_at + HOUR * (answer_after + resolve_after)
            life.transition(resolved_at, member, RESOLVED, resolution)
        if plan.close is not None and life.status == RESOLVED:
            life.transition(life.resolved_at + HOUR * plan.close, closer, CLOSED, closing)

    def feedback(self, life: Life, plan: Plan, language: str, contacts) -> None:
        """The customer's score for a resolved ticket (kept on the life until written)."""
        rng = self.rng
        share, nps_draw, nps_drop, contact_draw, delay = (rng.random() for _draw in range(5))
        score = plan.feedback
        if score is None and share < FEEDBACK_SHARE[self.size]:
            met = life.resolution_seconds is not None and life.resolved_at <= life.due_at
            weights = (
                [0, 1, 3, 4, 2] if life.reopened else [0, 0, 1, 4, 6] if met else [1, 3, 4, 2, 0]
            )
            score = rng.choices([1, 2, 3, 4, 5], weights=weights)[0]
        if score is None or life.status not in DONE:
            return
        received_on = min(
            self.today,
            life.resolved_at.astimezone(self.tz).date() + dt.timedelta(days=int(delay * 4)),
        )
        contact = contacts[int(contact_draw * len(contacts))] if contacts else None
        # Recorded after the resolution, through an UPDATE: not a step of the history.
        life.survey = SurveyResponse(
            account_id=life.account_id,
            contact_id=contact,
            received_on=received_on,
            score=score,
            nps=None if nps_draw < 0.3 else max(0, min(10, score * 2 - int(nps_drop * 2))),
            comment=pick(rng, FEEDBACK_COMMENTS[language][score]),
            source=SurveySource.AFTER_TICKET,
        )

    # Writing -----------------------------------------------------------------------------

    def write(self, lives: list[Life], account_names: dict[int, str]) -> None:
        """The tickets, their feedback surveys, events and (small) history rows."""
        rated = [life for life in lives if life.survey is not None]
        surveys = [life.survey for life in rated]
        for survey in surveys:
            survey.search_text = document(survey.comment, account_names[survey.account_id])
        SurveyResponse.objects.bulk_create(surveys, batch_size=BATCH_SIZE)
        for life in rated:
            life.feedback_id = life.survey.pk
        if self.history:
            survey_history(rated)
        copy_rows(Ticket, TICKET_COLUMNS, (life.row(TICKET_COLUMNS) for life in lives))
        if connection.vendor != "postgresql":
            # bulk_create stamps auto_now fields with the present: the story's time instead.
            Ticket.objects.bulk_update(
                [Ticket(id=life.id, updated_at=life.updated_at) for life in lives],
                ["updated_at"],
                batch_size=BATCH_SIZE,
            )
        copy_rows(
            TicketEvent,
            EVENT_COLUMNS,
            ((*event, life.id) for life in lives for event in life.events),
        )
        if self.history:
            History = Ticket.history.model
            History.objects.bulk_create(
                [
                    History(
                        history_date=when,
                        history_user_id=user_id,
                        history_type="+" if number == 0 else "~",
                        history_change_reason=None,
                        **dict(zip(TRACKED, values, strict=True)),
                    )
                    for life in lives
                    for number, (when, user_id, values) in enumerate(life.saves)
                ],
                batch_size=BATCH_SIZE,
            )

    def reset_sequence(self) -> None:
        """After rows written with their ids: the next ticket the site opens gets a new one."""
        statements = connection.ops.sequence_reset_sql(no_style(), [Ticket])
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def survey_history(rated: list[Life]) -> None:
    """A history row per feedback survey, by the rep who recorded it, on the day."""
    History = SurveyResponse.history.model
    fields = [f.attname for f in History.tracked_fields]
    History.objects.bulk_create(
        [
            History(
                history_date=max(
                    life.resolved_at, min(life.now, at(life.survey.received_on, 11, 0))
                ),
                history_user_id=life.raised_by_id,
                history_type="+",
                **{name: getattr(life.survey, name) for name in fields},
            )
            for life in rated
        ],
        batch_size=BATCH_SIZE,
    )


class OrderRef(NamedTuple):
    pk: int
    number: str
    ordered_on: dt.date
    promised_on: dt.date
    delivered_on: dt.date | None
    status: str


def orders_by_account(account_ids) -> dict[int, list[OrderRef]]:
    """The accounts' orders, oldest first, cancelled ones left out."""
    result = defaultdict(list)
    rows = (
        Order.objects.filter(account_id__in=account_ids)
        .exclude(status=OrderStatus.CANCELLED)
        .order_by("account_id", "ordered_on", "pk")
        .values_list(
            "account_id", "pk", "number", "ordered_on", "promised_on", "delivered_on", "status"
        )
    )
    for account_id, *values in rows.iterator(chunk_size=BATCH_SIZE):
        result[account_id].append(OrderRef(*values))
    return result


def contacts_by_account(account_ids) -> dict[int, list[int]]:
    result = defaultdict(list)
    rows = Contact.objects.filter(account_id__in=account_ids).order_by("pk")
    for account_id, pk in rows.values_list("account_id", "pk"):
        result[account_id].append(pk)
    return result


def choose_order(rng: random.Random, orders: list[OrderRef], category: str, day: dt.date):
    """The order a ticket of ``category`` raised on ``day`` is about, if any: a delivery
    problem is about an order promised around then (a late one more likely), a return
    about one delivered lately, a quality or billing question now and then about one."""
    draw, chance = rng.random(), rng.random()
    if not orders or category in (TicketCategory.TECHNICAL, TicketCategory.OTHER):
        return None
    if category in (TicketCategory.QUALITY, TicketCategory.BILLING) and chance < 0.5:
        return None
    # Orders placed in the 75 days before the day (the list is sorted by order day).
    days = [order.ordered_on for order in orders]
    recent = orders[bisect_left(days, day - dt.timedelta(days=75)) : bisect_right(days, day)]
    if category == TicketCategory.DELIVERY:
        window = (day - dt.timedelta(days=20), day + dt.timedelta(days=10))
        candidates = [o for o in recent if window[0] <= o.promised_on <= window[1]]
        late = [o for o in candidates if o.delivered_on is None or o.delivered_on > o.promised_on]
        candidates = late if late and draw < 0.75 else candidates
    else:
        candidates = [
            o for o in recent if o.delivered_on is not None and o.delivered_on <= day
        ] or recent
    if not candidates:
        earlier = orders[: bisect_right(days, day)]
        candidates = earlier[-1:]
    return candidates[int(draw * len(candidates))] if candidates else None


def office_time(rng: random.Random, day: dt.date, tz) -> dt.datetime:
    return at(day, 8 + int(rng.random() * 10), int(rng.random() * 60), tz)


# Small: the demo accounts, and the tickets of the last days --------------------------------


@dataclass(frozen=True)
class Current:
    """A ticket of the last days, placed so the queues show every state right now."""

    category: str
    priority: str
    #: Hours between its opening and now.
    age: float
    plan: Plan
    #: A department named by the rep (a code), instead of the routing rule's.
    department: str | None = None


CURRENT = [
    # New, nobody has answered yet: on track, then at risk, then breached.
    Current("delivery", "high", 2, Plan(response=None)),
    Current("technical", "normal", 5, Plan(response=None)),
    Current("delivery", "urgent", 39, Plan(response=None)),
    Current("billing", "normal", 55, Plan(response=None)),
    # Being worked on.
    Current("delivery", "normal", 30, Plan(response=1.5, resolve=None)),
    Current("billing", "normal", 3, Plan(response=0.5, resolve=None)),
    Current(
        "delivery",
        "normal",
        42,
        Plan(response=4, resolve=None, comments=[(10, "rep"), (20, "dept")]),
    ),
    Current("quality", "normal", 44, Plan(response=8, pass_on=(3, "production"), resolve=None)),
    Current("technical", "high", 34, Plan(response=5, pass_on=(2, "rnd"), resolve=None)),
    Current("delivery", "high", 75, Plan(response=3, resolve=None)),
    Current("other", "normal", 28, Plan(response=6, resolve=None), department="legal"),
    Current("return_exchange", "high", 47, Plan(response=2, pauses=[(10, 30)], resolve=None)),
    Current("billing", "low", 40, Plan(response=1, assign=False, pauses=[(5, 20)], resolve=None)),
    # Waiting on the customer: paused in time, paused with an hour left, paused too late.
    Current("delivery", "normal", 20, Plan(response=1, pauses=[(6, None)])),
    Current("return_exchange", "normal", 96, Plan(response=2, pauses=[(5, 20), (25, None)])),
    Current("delivery", "normal", 60, Plan(response=1, pauses=[(47, None)])),
    Current("quality", "high", 100, Plan(response=5, pauses=[(52, None)])),
    # Reopened: answered again and on track; reopened hours ago and not answered yet.
    Current("technical", "normal", 240, Plan(response=1, resolve=8, reopen=(222, 1, None))),
    Current(
        "quality",
        "urgent",
        192,
        Plan(response=2, resolve=30, close=24, reopen=(154, 100, None)),
    ),
    # Resolved lately: in time, late, from a wait, left resolved or closed with feedback.
    Current("quality", "normal", 26, Plan(response=2, resolve=18, close=None)),
    Current("technical", "normal", 90, Plan(response=8, resolve=60, close=None)),
    Current(
        "delivery",
        "normal",
        52,
        Plan(response=1, pauses=[(20, 20)], resolve=20, resolve_waiting=True, close=None),
    ),
    Current("return_exchange", "normal", 120, Plan(response=2, resolve=20, close=30, feedback=5)),
    Current(
        "delivery",
        "high",
        144,
        Plan(response=2, pauses=[(10, 30), (30, 16)], resolve=46, close=20, feedback=4),
    ),
    Current("quality", "urgent", 216, Plan(response=12, resolve=70, close=48, feedback=2)),
    Current(
        "other",
        "low",
        60,
        Plan(response=3, resolve=40, close=10, closed_by_rep=False),
        department="training",
    ),
]


def seed_small(context: DemoContext) -> None:
    accounts = list(demo_accounts(SMALL))
    if Ticket.objects.filter(account__in=accounts).exists():
        context.out.write(context.style.NOTICE(_("Demo tickets already exist; skipping them.")))
        return
    if not accounts:
        return
    stories = Stories(context, SMALL)
    rng, today = stories.rng, context.today
    ids = [account.pk for account in accounts]
    orders, contacts = orders_by_account(ids), contacts_by_account(ids)
    lives = []
    for account in accounts:
        prospect = account.status == AccountStatus.PROSPECT
        first = today - dt.timedelta(days=HISTORY_DAYS)
        if prospect:
            first = today - dt.timedelta(days=200)
        elif account.customer_since:
            first = max(first, account.customer_since)
        last = min(account.churned_on or today, today - dt.timedelta(days=RECENT_DAYS))
        day = first + dt.timedelta(days=rng.randint(0, 50))
        while day <= last:
            lives.append(
                stories.draw(
                    office_time(rng, day, stories.tz),
                    account,
                    orders[account.pk],
                    contacts[account.pk],
                    # A prospect asks about the products; it has no orders to complain about.
                    categories=[TicketCategory.TECHNICAL, TicketCategory.OTHER]
                    if prospect
                    else None,
                )
            )
            day += dt.timedelta(days=rng.randint(90, 150) if prospect else rng.randint(45, 100))
    active = [
        account
        for account in accounts
        if account.status == AccountStatus.ACTIVE and orders[account.pk]
    ]
    for number, current in enumerate(CURRENT):
        if current.category not in stories.categories:
            continue  # an admin took the category's routing rule away
        # Every seventh active account in turn: the tickets spread over all the reps.
        account = active[(number * 7) % len(active)]
        department_id = (
            stories.department(current.department) if current.department else None
        ) or stories.routes[current.category]
        opened_at = stories.now - dt.timedelta(seconds=int(current.age * 3600))
        lives.append(
            stories.ticket(
                opened_at,
                account,
                orders[account.pk],
                contacts[account.pk],
                current.category,
                current.priority,
                department_id,
                current.plan,
            )
        )
    stories.write(lives, {account.pk: account.name for account in accounts})
    stories.reset_sequence()


# Large: the benchmark size ---------------------------------------------------------------


def seed_large(context: DemoContext) -> None:
    """The benchmark's tickets, a chunk of accounts at a time, with ``COPY``."""
    accounts_qs = demo_accounts(LARGE)
    if Ticket.objects.filter(account__in=accounts_qs).exists():
        context.out.write(
            context.style.NOTICE(_("Benchmark tickets already exist; skipping them."))
        )
        return
    accounts = list(accounts_qs.only("pk", "name", "owner", "customer_since", "churned_on"))
    if not accounts:
        return
    context.out.write(_("Benchmark: tickets…"))
    stories = Stories(context, LARGE)
    rng, today, now = stories.rng, context.today, stories.now
    each, extra = divmod(context.scaled(LARGE_TICKETS), len(accounts))
    with indexes_built_after(Ticket, TicketEvent):
        for start in range(0, len(accounts), LARGE_CHUNK):
            chunk = accounts[start : start + LARGE_CHUNK]
            ids = [account.pk for account in chunk]
            orders, contacts = orders_by_account(ids), contacts_by_account(ids)
            lives = []
            for offset, account in enumerate(chunk):
                last = account.churned_on or today
                first = max(today - dt.timedelta(days=HISTORY_DAYS), account.customer_since or last)
                if first > last:
                    first = last - dt.timedelta(days=365)
                span = (last - first).days
                for _ticket in range(each + (start + offset < extra)):
                    day = first + dt.timedelta(days=int(rng.random() * (span + 1)))
                    seconds = int(rng.random() * 86400)
                    age = (today - day).days
                    if age < RECENT_DAYS:
                        # Against now: a story of the last days may still be running.
                        opened_at = now - dt.timedelta(seconds=max(60, age * 86400 + seconds))
                    else:
                        opened_at = at(day, 8 + seconds * 10 // 86400, seconds % 60, stories.tz)
                    lives.append(
                        stories.draw(opened_at, account, orders[account.pk], contacts[account.pk])
                    )
            stories.write(lives, {account.pk: account.name for account in chunk})
    stories.reset_sequence()
