"""Demo data of duty 6: contracts with their versions, negotiation rounds and reviews.

``small`` gives each demo rep about ten contracts on their accounts, in every status:
drafts, contracts in negotiation (one returned by legal, one withdrawn from review),
contracts in review (both reviews waiting, legal's approval in and finance's waiting, a
round reopened by a new version), approved ones waiting for signature, signed ones (two
a rep ending within 90 days, so the renewal panel has rows; others ending in a year or
two), expired ones, terminated ones, and renewals (``renewal_of``) of a contract that
expired and of one about to. The accounts that churned have theirs expired or
terminated; prospects have drafts and contracts in negotiation. Each contract has one to
four versions — a text in the account's language (Chinese or English) with realistic
clauses, each version changing what its negotiation round agreed or what a reviewer
asked for, and a few with a small PDF file under ``contracts/<id>/`` in default storage
— up to four negotiation rounds (who met, the topics, the concessions, the outcome and
next steps) and the reviews of every round, decided by the demo members ``legal`` and
``finance``: approved, changes requested, rejected, superseded by a new version.

Each contract's life is replayed by :class:`Life` exactly as ``contracts.services``
would have written it — the same rows, the same derived fields (``latest_version``,
``review_state``, ``status_note``), a history row per save at the story's own time and
by who took the step (the renewal job's expiries by nobody) — and only up to now. The
services are not called: they tell legal, finance and the owner of every step, and two
years of old reviews are nobody's news. ``renewal_notice`` is what the daily job, run
all the while, would have sent by now, so its first run repeats no old reminder.

``large`` adds the benchmark's 20,000 contracts (times ``context.scale``) on the
benchmark accounts: about 50,000 versions, 30,000 negotiation rounds and 40,000 reviews,
the same stories drawn by weight, written with ``COPY`` on PostgreSQL with the tables'
indexes built after. Large rows have no history rows (``contract.history`` is empty for
them) and no files.
"""

import datetime as dt
import random
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import AccountStatus
from accounts.demo import demo_accounts
from accounts.models import Contact
from contracts import services
from contracts.choices import (
    RENEWAL_THRESHOLDS,
    UNDER_REVIEW,
    ContractStatus,
    Decision,
    ReviewState,
)
from contracts.models import Contract, ContractReview, ContractVersion, NegotiationRecord
from kam.choices import Role
from kam.dates import company_tz
from kam.demo import BATCH_SIZE, LARGE, SMALL, DemoContext, counts, demo_reps, department_username
from kam.models import User
from kam.search import document
from sales_plans.demo import EN, ZH, copy_rows, indexes_built_after, language_of

SMALL_PREFIX, LARGE_PREFIX = "HT-D", "HT-L"
LARGE_CONTRACTS = 20_000
#: Contracts generated and written at a time in the large size.
LARGE_CHUNK = 2_000
#: The hour the renewal job runs (``check-contract-renewals-daily``): when it expires.
JOB_HOUR, JOB_MINUTE = 6, 30
CENT = Decimal("0.01")

DRAFT, NEGOTIATING = ContractStatus.DRAFT, ContractStatus.NEGOTIATING
IN_REVIEW, APPROVED = ContractStatus.IN_REVIEW, ContractStatus.APPROVED
SIGNED, EXPIRED, TERMINATED = (
    ContractStatus.SIGNED,
    ContractStatus.EXPIRED,
    ContractStatus.TERMINATED,
)
PENDING, OK = Decision.PENDING, Decision.APPROVED
CHANGES, REJECTED = Decision.CHANGES_REQUESTED, Decision.REJECTED


# The contracts' texts -----------------------------------------------------------------------

US = {ZH: "上海凯铭工业科技有限公司", EN: "Kaiming Industrial Technology (Shanghai) Co., Ltd."}


@dataclass(frozen=True)
class Kind:
    """A kind of contract: what is sold, by what unit, at what price (in CNY) and volume."""

    title: dict
    product: dict
    #: (plural, singular) in English; the measure word in Chinese.
    unit: dict
    price: tuple[int, int]
    quantity: tuple[int, int]


KINDS = [
    Kind(
        {ZH: "年度供货框架协议", EN: "Annual supply framework agreement"},
        {ZH: "精密铸件及机加工零部件", EN: "precision castings and machined components"},
        {ZH: "件", EN: ("pieces", "piece")},
        (30, 420),
        (5_000, 120_000),
    ),
    Kind(
        {ZH: "备品备件供应合同", EN: "Spare parts supply contract"},
        {ZH: "设备备品备件包", EN: "spare parts kits for the installed machines"},
        {ZH: "套", EN: ("kits", "kit")},
        (2_000, 18_000),
        (60, 600),
    ),
    Kind(
        {ZH: "自动化设备采购合同", EN: "Equipment purchase contract"},
        {ZH: "自动化装配设备", EN: "automated assembly units"},
        {ZH: "台", EN: ("units", "unit")},
        (180_000, 900_000),
        (2, 12),
    ),
    Kind(
        {ZH: "设备维保服务协议", EN: "Maintenance service agreement"},
        {ZH: "设备预防性维护及现场服务", EN: "preventive maintenance and on-site service visits"},
        {ZH: "次", EN: ("visits", "visit")},
        (3_000, 12_000),
        (24, 160),
    ),
    Kind(
        {ZH: "传动部件供货合同", EN: "Drive components supply contract"},
        {ZH: "减速机及传动部件", EN: "gearboxes and drive components"},
        {ZH: "件", EN: ("units", "unit")},
        (800, 6_000),
        (400, 8_000),
    ),
]
#: CNY per unit of each currency (what the demo's prices are drawn in).
RATES = {"CNY": 1, "USD": 7, "EUR": 8, "GBP": 9}
ARBITRATION = {
    ZH: ["中国国际经济贸易仲裁委员会上海分会", "上海国际仲裁中心"],
    EN: [
        "the Singapore International Arbitration Centre (SIAC)",
        "the Hong Kong International Arbitration Centre (HKIAC)",
    ],
}
MATERIALS = {ZH: ["钢材", "铝材", "铜材"], EN: ["steel", "aluminium", "copper"]}


def currency_of(name: str, language: str) -> str:
    if language == ZH:
        return "CNY"
    if name.endswith(("GmbH", " AG")):
        return "EUR"
    if name.endswith((" plc", " Ltd")):
        return "GBP"
    return "USD"


def money(value) -> str:
    return f"{value:,.2f}"


def unit_name(terms: dict, plural: bool = True) -> str:
    unit = terms["kind"].unit[terms["language"]]
    if terms["language"] == ZH:
        return unit
    return unit[0] if plural else unit[1]


def render(terms: dict) -> str:
    """A version's text: the contract's clauses with ``terms`` filled in."""
    if terms["language"] == ZH:
        return render_zh(terms)
    return render_en(terms)


def render_zh(t: dict) -> str:
    unit = unit_name(t)
    lines = [
        t["title"],
        "",
        f"合同编号：{t['number']}",
        f"买方（甲方）：{t['account']}",
        f"卖方（乙方）：{US[ZH]}",
        "",
        "第一条 合同标的",
        f"乙方向甲方供应{t['kind'].product[ZH]}，具体规格以双方确认的技术协议为准。"
        f"合同期内甲方预计每年采购{t['quantity']:,}{unit}，以甲方订单为准。",
        "",
        "第二条 价格",
        f"单价为人民币{money(t['price'])}元/{unit}（含13%增值税），合同期内不因汇率变化调整。",
    ]
    if t["volume_discount"]:
        threshold, pct = t["volume_discount"]
        lines.append(f"年采购量超过{threshold:,}{unit}的部分，单价再优惠{pct}%。")
    if t["price_adjustment"]:
        material, pct = t["price_adjustment"]
        lines.append(
            f"主要原材料（{material}）市场价格较签约时波动超过{pct}%的，任何一方可提出协商调整单价。"
        )
    lines += [
        "",
        "第三条 付款",
        f"甲方在收到货物及合格发票后{t['payment_days']}天内以银行转账方式支付货款。",
    ]
    if t["guarantee"]:
        lines.append(
            f"甲方应在合同签订后15日内提供金额不低于人民币{money(t['guarantee'])}元的银行付款保函。"
        )
    lines += [
        "",
        "第四条 交货",
        f"乙方在收到甲方订单后{t['delivery_weeks']}周内将货物送至甲方指定工厂，运输费用由乙方承担。",
        "",
        "第五条 验收",
        f"甲方应在到货后{t['inspection_days']}个工作日内完成验收；逾期未提出书面异议的，视为验收合格。",
        "",
        "第六条 质量保证",
        f"质保期为自验收合格之日起{t['warranty']}个月。质保期内因乙方原因出现的质量问题，"
        "乙方负责免费修理或更换。",
        "",
        "第七条 违约责任",
        f"乙方逾期交货的，每逾期一日按逾期部分货款的{t['penalty']}%支付违约金，"
        f"累计不超过逾期部分货款的{t['penalty_cap']}%。",
    ]
    if t["liability_cap"]:
        lines.append(
            f"除故意或重大过失外，乙方在本合同项下的累计赔偿责任以合同总金额的{t['liability_cap']}%为限。"
        )
    lines += [
        "",
        "第八条 保密",
        "双方对履行本合同过程中知悉的对方商业秘密负有保密义务，"
        f"该义务在本合同终止后{t['confidentiality']}年内持续有效。",
        "",
        "第九条 合同期限",
        f"本合同自{t['starts_on']:%Y年%m月%d日}起至{t['ends_on']:%Y年%m月%d日}止。",
        "",
        "第十条 争议解决",
        f"因本合同引起的争议，双方应友好协商解决；协商不成的，提交{t['arbitration']}按其仲裁规则仲裁。",
        "",
        "第十一条 其他",
        "本合同一式两份，双方各执一份，经双方授权代表签字并盖章后生效。",
    ]
    return "\n".join(lines) + "\n"


def render_en(t: dict) -> str:
    currency = t["currency"]
    lines = [
        t["title"].upper(),
        "",
        f"Contract no. {t['number']}",
        f"Buyer: {t['account']}",
        f"Seller: {US[EN]}",
        "",
        "1. Scope",
        f"The Seller supplies {t['kind'].product[EN]} to the Buyer, to the specifications agreed "
        f"by both parties. The Buyer expects to order {t['quantity']:,} {unit_name(t)} a year "
        "during the term; the Buyer's orders are binding.",
        "",
        "2. Price",
        f"The unit price is {currency} {money(t['price'])} a {unit_name(t, plural=False)}, "
        "fixed for the term.",
    ]
    if t["volume_discount"]:
        threshold, pct = t["volume_discount"]
        lines.append(
            f"Above {threshold:,} {unit_name(t)} in a contract year, the unit price is a further "
            f"{pct} % lower."
        )
    if t["price_adjustment"]:
        material, pct = t["price_adjustment"]
        lines.append(
            f"If the market price of {material} moves by more than {pct} % from the day of "
            "signing, either party may ask to renegotiate the unit price."
        )
    lines += [
        "",
        "3. Payment",
        "The Buyer pays each invoice by bank transfer within "
        f"{t['payment_days']} days of receiving the goods and a correct invoice.",
    ]
    if t["guarantee"]:
        lines.append(
            "Within 15 days of signing, the Buyer provides a bank payment guarantee of at least "
            f"{currency} {money(t['guarantee'])}."
        )
    lines += [
        "",
        "4. Delivery",
        f"The Seller delivers to the Buyer's named plant within {t['delivery_weeks']} weeks of "
        "each order, freight paid (DAP, Incoterms 2020).",
        "",
        "5. Acceptance",
        f"The Buyer inspects each delivery within {t['inspection_days']} working days of its "
        "arrival; a delivery not objected to in writing by then is accepted.",
        "",
        "6. Warranty",
        f"The Seller warrants the goods for {t['warranty']} months from acceptance and repairs or "
        "replaces, free of charge, whatever fails through its fault in that time.",
        "",
        "7. Liability",
        f"For late delivery the Seller pays {t['penalty']} % of the late goods' value for each "
        f"day of delay, up to {t['penalty_cap']} % of that value.",
    ]
    if t["liability_cap"]:
        lines.append(
            "Except for wilful misconduct or gross negligence, the Seller's total liability under "
            f"this contract is limited to {t['liability_cap']} % of the contract value."
        )
    lines += [
        "",
        "8. Confidentiality",
        "Each party keeps the other's business secrets learned under this contract confidential "
        f"during the term and for {t['confidentiality']} years after it ends.",
        "",
        "9. Term",
        f"This contract runs from {t['starts_on']:%d %B %Y} to {t['ends_on']:%d %B %Y}.",
        "",
        "10. Disputes",
        "The parties first try to settle any dispute amicably; failing that, it is finally "
        f"settled by arbitration at {t['arbitration']} under its rules.",
        "",
        "11. General",
        "This contract is signed in two originals, one for each party, and takes effect when "
        "both parties' authorised representatives have signed it.",
    ]
    return "\n".join(lines) + "\n"


def first_terms(rng: random.Random, kind: Kind, language: str, currency: str) -> dict:
    low, high = kind.price
    price = Decimal(rng.randint(low, high)) / RATES[currency]
    low, high = kind.quantity
    quantity = rng.randint(low, high)
    if quantity > 1000:
        quantity = round(quantity, -2)
    return {
        "kind": kind,
        "language": language,
        "currency": currency,
        "price": price.quantize(CENT),
        "quantity": quantity,
        "payment_days": rng.choice([30, 30, 45, 60]),
        "delivery_weeks": rng.choice([6, 8, 8, 10]),
        "inspection_days": rng.choice([5, 7, 10]),
        "warranty": rng.choice([12, 12, 18]),
        "penalty": rng.choice(["0.5", "0.5", "1"]),
        "penalty_cap": rng.choice([10, 10, 15]),
        "confidentiality": rng.choice([2, 2, 3]),
        "arbitration": ARBITRATION[language][int(rng.random() * 2)],
        "volume_discount": None,
        "price_adjustment": None,
        "liability_cap": None,
        "guarantee": None,
    }


def contract_value(terms: dict) -> Decimal:
    """The contract's value: the expected volume at the unit price over the term."""
    years = max(1, round(((terms["ends_on"] - terms["starts_on"]).days + 1) / 365))
    value = terms["price"] * terms["quantity"] * years
    return Decimal(max(100, round(value / 100) * 100)).quantize(CENT)


# What changes from one version to the next. Each change alters the terms and says so: a
# round's topic and concession, a version's summary, in the contract's language.


@dataclass(frozen=True)
class Said:
    topic: str
    concession: str
    summary: str


class Change:
    key = ""
    topic = {ZH: "", EN: ""}
    #: Changes the unit price (so the contract's value is updated with the version).
    prices = False

    def applies(self, terms: dict) -> bool:
        return True

    def apply(self, rng: random.Random, terms: dict) -> Said:
        raise NotImplementedError

    def said(self, terms, concession: dict, summary: dict) -> Said:
        language = terms["language"]
        return Said(self.topic[language], concession[language], summary[language])


class PriceCut(Change):
    key, prices = "price", True
    topic = {ZH: "单价", EN: "unit price"}

    def apply(self, rng, t):
        old, pct = t["price"], rng.choice([2, 3, 4, 5])
        t["price"] = new = (old * (100 - pct) / 100).quantize(CENT)
        c = t["currency"]
        return self.said(
            t,
            {
                ZH: f"单价下调{pct}%，由{money(old)}元降至{money(new)}元",
                EN: f"unit price {pct} % lower, from {c} {money(old)} to {money(new)}",
            },
            {
                ZH: f"第二条：单价由{money(old)}元调整为{money(new)}元",
                EN: f"Clause 2: unit price from {c} {money(old)} to {money(new)}",
            },
        )


class PriceUp(Change):
    key, prices = "price_up", True
    topic = {ZH: "价格复核", EN: "price review"}

    def apply(self, rng, t):
        old = t["price"]
        t["price"] = new = (old * Decimal("1.02")).quantize(CENT)
        c = t["currency"]
        return self.said(
            t,
            {ZH: f"单价回调2%至{money(new)}元", EN: f"unit price back up 2 % to {c} {money(new)}"},
            {
                ZH: f"第二条：按财务复核意见，单价由{money(old)}元上调至{money(new)}元",
                EN: "Clause 2: "
                f"unit price up from {c} {money(old)} to {money(new)}, as finance asked",
            },
        )


class Payment(Change):
    key = "payment"
    topic = {ZH: "付款条件", EN: "payment terms"}
    LONGER = {30: 45, 45: 60, 60: 90}

    def applies(self, t):
        return t["payment_days"] in self.LONGER

    def apply(self, rng, t):
        old = t["payment_days"]
        t["payment_days"] = new = self.LONGER[old]
        return self.said(
            t,
            {
                ZH: f"付款期由{old}天延长至{new}天",
                EN: f"payment term extended from {old} to {new} days",
            },
            {
                ZH: f"第三条：付款期由{old}天改为{new}天",
                EN: f"Clause 3: payment term from {old} to {new} days",
            },
        )


class PaymentBack(Change):
    key = "payment_back"
    topic = {ZH: "付款条件", EN: "payment terms"}

    def applies(self, t):
        return t["payment_days"] > 60

    def apply(self, rng, t):
        old = t["payment_days"]
        t["payment_days"] = 60
        return self.said(
            t,
            {ZH: f"付款期由{old}天改回60天", EN: f"payment term back from {old} to 60 days"},
            {
                ZH: f"第三条：按财务意见，付款期由{old}天改为60天",
                EN: f"Clause 3: payment term from {old} to 60 days, as finance asked",
            },
        )


class Warranty(Change):
    key = "warranty"
    topic = {ZH: "质保期", EN: "warranty"}

    def applies(self, t):
        return t["warranty"] < 24

    def apply(self, rng, t):
        old = t["warranty"]
        t["warranty"] = new = old + 6
        return self.said(
            t,
            {
                ZH: f"质保期由{old}个月延长至{new}个月",
                EN: f"warranty extended from {old} to {new} months",
            },
            {
                ZH: f"第六条：质保期由{old}个月改为{new}个月",
                EN: f"Clause 6: warranty from {old} to {new} months",
            },
        )


class Penalty(Change):
    key = "penalty"
    topic = {ZH: "违约金", EN: "late-delivery penalty"}

    def applies(self, t):
        return t["penalty_cap"] > 5

    def apply(self, rng, t):
        old, old_cap = t["penalty"], t["penalty_cap"]
        t["penalty"], t["penalty_cap"] = new, cap = "0.3", 5
        return self.said(
            t,
            {
                ZH: f"违约金由每日{old}%降至{new}%，上限由{old_cap}%降至{cap}%",
                EN: f"penalty down "
                f"from {old} % to {new} % a day, capped at {cap} % instead of {old_cap} %",
            },
            {
                ZH: f"第七条：违约金比例改为每日{new}%，上限{cap}%",
                EN: f"Clause 7: penalty {new} % a day, capped at {cap} %",
            },
        )


class VolumeDiscount(Change):
    key = "volume_discount"
    topic = {ZH: "批量折扣", EN: "volume discount"}

    def applies(self, t):
        return t["volume_discount"] is None and t["quantity"] >= 100

    def apply(self, rng, t):
        threshold = int(t["quantity"] * 1.2)
        threshold = round(threshold, -2) if threshold > 1000 else threshold
        pct = rng.choice([2, 3, 4])
        t["volume_discount"] = (threshold, pct)
        unit = unit_name(t)
        return self.said(
            t,
            {
                ZH: f"年采购量超过{threshold:,}{unit}的部分再优惠{pct}%",
                EN: f"a further {pct} % off above {threshold:,} {unit} a year",
            },
            {
                ZH: f"第二条：增加批量折扣（超过{threshold:,}{unit}部分优惠{pct}%）",
                EN: f"Clause 2: volume discount of {pct} % above {threshold:,} {unit} added",
            },
        )


class PriceAdjustment(Change):
    key = "price_adjustment"
    topic = {ZH: "原材料价格联动", EN: "raw-material price clause"}

    def applies(self, t):
        return t["price_adjustment"] is None

    def apply(self, rng, t):
        index = int(rng.random() * 3)
        pct = rng.choice([5, 8, 10])
        t["price_adjustment"] = (MATERIALS[t["language"]][index], pct)
        zh, en = MATERIALS[ZH][index], MATERIALS[EN][index]
        return self.said(
            t,
            {
                ZH: f"增加{zh}价格联动条款（波动超过{pct}%可协商调价）",
                EN: f"{en} price clause added (renegotiate beyond {pct} %)",
            },
            {ZH: f"第二条：增加{zh}价格联动条款", EN: f"Clause 2: {en} price adjustment added"},
        )


class Delivery(Change):
    key = "delivery"
    topic = {ZH: "交货期", EN: "lead time"}

    def applies(self, t):
        return t["delivery_weeks"] > 4

    def apply(self, rng, t):
        old = t["delivery_weeks"]
        t["delivery_weeks"] = new = old - 2
        return self.said(
            t,
            {ZH: f"交货期由{old}周缩短至{new}周", EN: f"lead time cut from {old} to {new} weeks"},
            {
                ZH: f"第四条：交货期由{old}周改为{new}周",
                EN: f"Clause 4: lead time from {old} to {new} weeks",
            },
        )


class LiabilityCap(Change):
    key = "liability_cap"
    topic = {ZH: "责任限制", EN: "limitation of liability"}

    def applies(self, t):
        return t["liability_cap"] is None

    def apply(self, rng, t):
        t["liability_cap"] = 100
        return self.said(
            t,
            {ZH: "增加责任限制条款", EN: "limitation of liability added"},
            {
                ZH: "第七条：增加责任限制条款（以合同总金额为限）",
                EN: "Clause 7: liability capped at the contract value",
            },
        )


class Confidentiality(Change):
    key = "confidentiality"
    topic = {ZH: "保密期限", EN: "confidentiality"}

    def applies(self, t):
        return t["confidentiality"] < 3

    def apply(self, rng, t):
        old = t["confidentiality"]
        t["confidentiality"] = 3
        return self.said(
            t,
            {ZH: "保密期限延长至三年", EN: "confidentiality extended to three years"},
            {
                ZH: f"第八条：保密期限由{old}年延长至3年",
                EN: f"Clause 8: confidentiality from {old} to 3 years after the end",
            },
        )


class Guarantee(Change):
    key = "guarantee"
    topic = {ZH: "付款保函", EN: "payment guarantee"}

    def applies(self, t):
        return t["guarantee"] is None

    def apply(self, rng, t):
        t["guarantee"] = amount = (contract_value(t) / 10).quantize(CENT)
        c = t["currency"]
        return self.said(
            t,
            {
                ZH: f"客户同意提供{money(amount)}元银行付款保函",
                EN: f"the customer provides a bank guarantee of {c} {money(amount)}",
            },
            {
                ZH: f"第三条：增加银行付款保函（{money(amount)}元）",
                EN: f"Clause 3: bank payment guarantee of {c} {money(amount)} added",
            },
        )


class Inspection(Change):
    """A correction that changes no commercial term: the version after a silent round."""

    key = "inspection"
    topic = {ZH: "验收期限", EN: "acceptance period"}

    def apply(self, rng, t):
        old = t["inspection_days"]
        t["inspection_days"] = new = 10 if old < 10 else 7
        return self.said(
            t,
            {ZH: f"验收期限改为{new}个工作日", EN: f"acceptance within {new} working days"},
            {
                ZH: f"第五条：验收期限由{old}个工作日改为{new}个工作日",
                EN: f"Clause 5: acceptance period from {old} to {new} working days",
            },
        )


class Renewal(Change):
    """A renewal's text brought up to date: its own number and term."""

    key = "renewal"
    topic = {ZH: "续签", EN: "renewal"}

    def apply(self, rng, t):
        t["number"], t["starts_on"], t["ends_on"] = t["renewal"]
        return self.said(
            t,
            {ZH: "续签条款沿用原合同", EN: "the renewal keeps the terms"},
            {
                ZH: f"合同编号及期限更新为续签合同（{t['starts_on']}至{t['ends_on']}）",
                EN: f"Number and term updated for the renewal ({t['starts_on']} to {t['ends_on']})",
            },
        )


NEGOTIATED = [
    PriceCut(),
    Payment(),
    Warranty(),
    Penalty(),
    VolumeDiscount(),
    PriceAdjustment(),
    Delivery(),
]
INSPECTION, RENEWAL = Inspection(), Renewal()
LIABILITY, GUARANTEE, PENALTY = LiabilityCap(), Guarantee(), Penalty()
#: What a reviewer asks to change, with what they write, by department code.
REQUESTS = {
    "legal": [
        (
            LiabilityCap(),
            {
                ZH: "第七条缺少责任限制条款：请补充乙方累计赔偿责任以合同总金额为限。",
                EN: "Clause 7 has no limitation of liability: cap our total liability at the "
                "contract value.",
            },
        ),
        (
            Confidentiality(),
            {
                ZH: "保密义务期限过短，请延长至合同终止后三年。",
                EN: "The confidentiality period is too short: make it three years after the end.",
            },
        ),
        (
            Penalty(),
            {
                ZH: "违约金上限过高，请降至逾期部分货款的5%。",
                EN: "The penalty cap is too high: bring it down to 5 % of the late goods' value.",
            },
        ),
    ],
    "finance": [
        (
            PaymentBack(),
            {
                ZH: "付款期超出公司信用政策（最长60天），请调整为60天。",
                EN: "The payment term is beyond our credit policy (60 days at most): bring it "
                "back to 60 days.",
            },
        ),
        (
            PriceUp(),
            {
                ZH: "让价后毛利低于公司底线，请将单价上调2%后再提交。",
                EN: "After the discounts the margin is below our floor: raise the unit price by "
                "2 % and resubmit.",
            },
        ),
    ],
}
REJECTIONS = {
    "legal": (
        LIABILITY,
        {
            ZH: "客户坚持要求乙方承担无限责任，公司不能接受：责任限制条款是签约的前提。",
            EN: "The customer insists on unlimited liability, which we cannot accept: a "
            "liability cap is a condition of signing.",
        },
    ),
    "finance": (
        GUARANTEE,
        {
            ZH: "客户信用评级已下调，未提供银行付款保函前不予批准。",
            EN: "The customer's credit rating was downgraded: not approved without a bank "
            "payment guarantee.",
        },
    ),
}
APPROVALS = {
    "legal": {
        ZH: ["", "条款符合公司标准文本。", "同意。"],
        EN: ["", "Matches our standard terms.", "Approved."],
    },
    "finance": {
        ZH: ["", "价格与付款条件符合信用政策。", "同意。"],
        EN: ["", "Price and payment terms within policy.", "Approved."],
    },
}
#: What another department writes, whatever it is asked.
OTHER_REQUEST = {
    ZH: "请按公司标准文本修改后再提交。",
    EN: "Bring it in line with our standard terms.",
}
OTHER_REJECTION = {ZH: "不予批准。", EN: "Not approved."}
OUTCOMES = {
    ZH: [
        "双方就上述条款达成一致，乙方更新合同文本。",
        "客户原则上同意，待其法务确认后定稿。",
        "主要分歧已解决，乙方按会议纪要修改合同。",
    ],
    EN: [
        "Agreed on the points above; we update the contract text.",
        "Agreed in principle, subject to their legal department's check.",
        "The main differences are settled; we revise the text as minuted.",
    ],
}
NO_AGREEMENT = {
    ZH: ["价格未达成一致，客户将在内部讨论后答复。", "客户需要向总经理汇报后再议。"],
    EN: [
        "No agreement on price yet; the customer comes back after an internal meeting.",
        "The customer must take it to their managing director first.",
    ],
}
WITHDRAWALS = {
    ZH: "客户要求在审核前再谈一次价格，撤回审核。",
    EN: "The customer asked to reopen the price before review: withdrawn.",
}
SIGNINGS = {
    ZH: "双方已签字盖章，原件已归档。",
    EN: "Signed by both parties; the originals are filed.",
}
TERMINATIONS = {
    ZH: ["客户项目取消，双方同意终止谈判。", "客户最终选择了其他供应商。"],
    EN: [
        "The customer cancelled the project; both sides agreed to stop.",
        "The customer chose another supplier.",
    ],
}
CHURN_TERMINATION = {
    ZH: "客户停止合作，合同终止。",
    EN: "The customer ended the relationship: contract terminated.",
}
FIRST_DRAFT = {ZH: "初稿", EN: "First draft"}


def pick(rng: random.Random, pool: list):
    return pool[int(rng.random() * len(pool))]


def joined(language: str, parts: list[str]) -> str:
    return ("；" if language == ZH else "; ").join(part for part in parts if part)


def participants(rng: random.Random, language: str, contacts: list, people: list[str]) -> str:
    """Who met: one to three of the account's people, and ours."""
    chosen = rng.sample(contacts, min(len(contacts), rng.randint(1, 3))) if contacts else []
    if language == ZH:
        customer = "、".join(f"{name}（{title}）" if title else name for name, title in chosen)
        return f"客户：{customer or '采购部'}；我方：{'、'.join(people)}"
    customer = ", ".join(f"{name} ({title})" if title else name for name, title in chosen)
    return f"Customer: {customer or 'the purchasing team'}; us: {', '.join(people)}"


# A minimal PDF: one page of Helvetica, for the versions that come with a file.


def pdf_bytes(lines: list[str]) -> bytes:
    def escape(text: str) -> str:
        text = text.encode("ascii", "replace").decode()
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text = " ".join(f"({escape(line)}) '" for line in lines)
    stream = f"BT /F1 11 Tf 72 780 Td 16 TL {text} ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# Stories ------------------------------------------------------------------------------------

ROUND, VERSION, SUBMIT, APPROVE = "round", "version", "submit", "approve"
SILENT = "silent"  # a round without agreement: no new version follows
WITHDRAW, SIGN, EXPIRE, TERMINATE, RENEW = "withdraw", "sign", "expire", "terminate", "renew"
#: A step's share of the time the story takes (the rest is drawn).
PACE = {
    ROUND: 1.0,
    SILENT: 1.0,
    VERSION: 0.4,
    SUBMIT: 0.6,
    "decide": 0.5,
    WITHDRAW: 0.8,
    TERMINATE: 1.0,
}


def decide(index: int, decision: str) -> tuple:
    """The step of the ``index``-th required department (0: legal, 1: finance) deciding."""
    return ("decide", index, decision)


@dataclass(frozen=True)
class Plan:
    """A contract's story: its steps after the creation (which writes version 1), and where
    it ends. ``days``: for a signed contract the days until its last day, for an expired
    one the days since it, for a terminated one the days since that, else ignored."""

    ending: str
    steps: tuple = ()
    days: int = 0
    years: int = 1
    #: The renewal started ``renew_before`` days before the last day, and its own story.
    renewal: "Plan | None" = None
    renew_before: int = 45
    #: Version 1 comes with a PDF of its text (small only).
    file: bool = False


def rep_plans(index: int) -> list[Plan]:
    """The stories of the ``index``-th demo rep's contracts, dealt out over their active
    accounts: seven every rep has (two signed contracts ending within 90 days, at days
    that differ by rep, so the renewal panels have rows within 30, 60 and 90 days), and
    one or two of the rarer ones (a round returned by legal, a renewal, a rejection by
    finance, a withdrawal, a round reopened by a new version, a termination)."""
    soon = [(12, 55), (48, 20), (80, 35), (25, 85), (66, 28), (40, 72)][index % 6]
    plans = [
        Plan(SIGNED, (ROUND, VERSION, SUBMIT, APPROVE, SIGN), days=soon[0], file=True),
        Plan(SIGNED, (VERSION, SUBMIT, APPROVE, SIGN), days=soon[1]),
        Plan(
            SIGNED,
            (
                ROUND,
                VERSION,
                ROUND,
                VERSION,
                SUBMIT,
                decide(0, CHANGES),
                VERSION,
                SUBMIT,
                APPROVE,
                SIGN,
            ),
            days=300 + 70 * index,
            years=2,
        ),
        Plan(NEGOTIATING, (ROUND, VERSION, SILENT)),
        Plan(IN_REVIEW, (ROUND, VERSION, SUBMIT)),
        Plan(APPROVED, (ROUND, VERSION, SUBMIT, APPROVE)) if index % 2 else Plan(DRAFT),
        Plan(EXPIRED, (VERSION, SUBMIT, APPROVE, SIGN, EXPIRE), days=60 + 90 * index),
    ]
    plans += [
        [
            Plan(
                NEGOTIATING,
                (ROUND, VERSION, SILENT, SUBMIT, decide(0, CHANGES), ROUND, SILENT, VERSION),
            ),
            Plan(
                SIGNED,
                (ROUND, VERSION, SUBMIT, APPROVE, SIGN, RENEW),
                days=25,
                renewal=Plan(IN_REVIEW, (ROUND, VERSION, SUBMIT, decide(1, OK))),
                renew_before=50,
            ),
        ],
        [
            Plan(
                IN_REVIEW,
                (
                    ROUND,
                    VERSION,
                    SUBMIT,
                    decide(1, REJECTED),
                    ROUND,
                    VERSION,
                    SUBMIT,
                    decide(1, OK),
                ),
            ),
        ],
        [Plan(NEGOTIATING, (ROUND, VERSION, SUBMIT, WITHDRAW, ROUND))],
        [
            Plan(IN_REVIEW, (ROUND, VERSION, SUBMIT, decide(0, OK), VERSION)),
            Plan(DRAFT),
        ],
        [
            Plan(
                EXPIRED,
                (ROUND, VERSION, SUBMIT, APPROVE, SIGN, RENEW, EXPIRE),
                days=20,
                renewal=Plan(NEGOTIATING, (ROUND, VERSION, ROUND, VERSION)),
                renew_before=40,
            ),
        ],
        [
            Plan(TERMINATED, (ROUND, VERSION, SILENT, TERMINATE), days=45),
            Plan(IN_REVIEW, (ROUND, VERSION, SUBMIT, decide(0, OK))),
        ],
    ][index % 6]
    return plans


PROSPECT_PLANS = [Plan(NEGOTIATING, (ROUND, VERSION)), Plan(DRAFT), Plan(IN_REVIEW, (SUBMIT,))]

#: The large size's stories, by weight (by account status: a prospect has signed nothing,
#: a churned account's contracts are over).
LARGE_PLANS = [
    (3, Plan(DRAFT)),
    (5, Plan(NEGOTIATING, (ROUND, VERSION, ROUND, VERSION))),
    (4, Plan(NEGOTIATING, (ROUND, VERSION, SILENT))),
    (3, Plan(NEGOTIATING, (ROUND, VERSION, SUBMIT, decide(0, CHANGES), ROUND, VERSION))),
    (5, Plan(IN_REVIEW, (ROUND, VERSION, SUBMIT))),
    (3, Plan(IN_REVIEW, (ROUND, VERSION, SUBMIT, decide(0, OK)))),
    (2, Plan(IN_REVIEW, (SUBMIT, decide(1, REJECTED), ROUND, VERSION, SUBMIT))),
    (4, Plan(APPROVED, (ROUND, VERSION, SUBMIT, APPROVE))),
    (16, Plan(SIGNED, (SILENT, ROUND, VERSION, SUBMIT, APPROVE, SIGN))),
    (12, Plan(SIGNED, (ROUND, VERSION, ROUND, VERSION, SUBMIT, APPROVE, SIGN), years=2)),
    (6, Plan(SIGNED, (ROUND, VERSION, SUBMIT, decide(0, CHANGES), VERSION, SUBMIT, APPROVE, SIGN))),
    (12, Plan(EXPIRED, (ROUND, VERSION, SUBMIT, APPROVE, SIGN, EXPIRE))),
    (
        10,
        Plan(
            EXPIRED,
            (
                ROUND,
                VERSION,
                ROUND,
                VERSION,
                SUBMIT,
                decide(1, CHANGES),
                VERSION,
                SUBMIT,
                APPROVE,
                SIGN,
                EXPIRE,
            ),
        ),
    ),
    (3, Plan(TERMINATED, (ROUND, SILENT, TERMINATE))),
]
PROSPECT_ENDINGS = {DRAFT, NEGOTIATING, IN_REVIEW}
CHURNED_ENDINGS = {EXPIRED, TERMINATED}


def large_plan(rng: random.Random, status: str) -> Plan:
    """A large contract's story, its days drawn: signed ones end within two years (a few
    within the renewal window), expired ones ended within two years."""
    allowed = PROSPECT_ENDINGS if status == AccountStatus.PROSPECT else None
    if status == AccountStatus.CHURNED:
        allowed = CHURNED_ENDINGS
    options = [(w, p) for w, p in LARGE_PLANS if allowed is None or p.ending in allowed]
    plan = rng.choices([p for _w, p in options], weights=[w for w, _p in options])[0]
    days = rng.randint(2, 700) if plan.ending in (SIGNED, EXPIRED) else rng.randint(20, 300)
    years = max(plan.years, 2 if days > 300 and plan.ending == SIGNED else 1)
    return Plan(plan.ending, plan.steps, days=days, years=years)


# The replay -------------------------------------------------------------------------------


@dataclass
class Review:
    row: dict
    #: (time, user id, type, values) of each history row.
    saves: list = field(default_factory=list)

    @property
    def department_id(self) -> int:
        return self.row["department_id"]


@dataclass
class Round:
    row: dict
    saves: list = field(default_factory=list)


class Life:
    """One contract, its steps written as ``contracts.services`` writes them."""

    def __init__(self, demo: "Demo", *, account, owner, number, terms, renewal_of=None):
        self.demo = demo
        self.account, self.owner, self.terms = account, owner, terms
        self.draft = dict(terms)  # the terms being negotiated for the next version
        self.said: list[Said] = []  # what the rounds since the last version agreed
        self.asked: list = []  # what reviewers asked to change
        self.used: set[str] = set()
        self.stopped = False
        self.renewal = None
        self.renewal_plan: Plan | None = None
        self.termination_note = ""
        self.row = {
            "id": demo.next("contract"),
            "account_id": account.pk,
            "number": number,
            "title": terms["title"],
            "owner_id": owner.pk,
            "value": contract_value(terms),
            "currency": terms["currency"],
            "starts_on": terms["starts_on"],
            "ends_on": terms["ends_on"],
            "status": DRAFT,
            "signed_on": None,
            "status_note": "",
            "renewal_of_id": renewal_of.row["id"] if renewal_of else None,
            "latest_version_id": None,
            "review_state": ReviewState.NOT_SUBMITTED,
            "renewal_notice": None,
            "created_at": None,
            "updated_at": None,
            "search_text": document(number, terms["title"], account.name),
        }
        self.saves = []
        self.versions: list[dict] = []
        self.rounds: list[Round] = []
        self.reviews: list[Review] = []

    @property
    def status(self) -> str:
        return self.row["status"]

    @property
    def language(self) -> str:
        return self.terms["language"]

    # what the services do ----------------------------------------------------------------

    def save(self, when, by) -> None:
        if self.row["created_at"] is None:
            self.row["created_at"] = when
        self.row["updated_at"] = when
        kind = "~" if self.saves else "+"
        self.saves.append((when, by.pk if by else None, kind, dict(self.row)))

    def move(self, when, by, status, note="", **fields) -> None:
        self.row["status"] = status
        self.row["status_note"] = note
        self.row.update(fields)
        self.save(when, by)

    def current(self) -> list[Review]:
        return [r for r in self.reviews if r.row["superseded_at"] is None]

    def save_review(self, review: Review, when, by) -> None:
        kind = "~" if review.saves else "+"
        review.saves.append((when, by.pk if by else None, kind, dict(review.row)))

    def end_round(self, when, by) -> None:
        for review in self.current():
            review.row["superseded_at"] = when
            self.save_review(review, when, by)

    def open_round(self, when, by) -> None:
        for department in self.demo.departments:
            review = Review(
                {
                    "id": self.demo.next("review"),
                    "contract_id": self.row["id"],
                    "version_id": self.row["latest_version_id"],
                    "department_id": department.pk,
                    "reviewer_id": None,
                    "decision": PENDING,
                    "comments": "",
                    "requested_by_id": by.pk,
                    "requested_at": when,
                    "decided_at": None,
                    "superseded_at": None,
                }
            )
            self.reviews.append(review)
            self.save_review(review, when, by)

    def create(self, when, summary: str | None = None, file: bool = False) -> None:
        """``contract_create`` (or ``contract_renew``) with the first version's text."""
        self.save(when, self.owner)
        self.add_version(when, render(self.terms), summary or FIRST_DRAFT[self.language], file)

    def add_version(self, when, body: str, summary: str, file: bool = False) -> None:
        """``version_add``: the next version; one in review or approved reopens review."""
        number = len(self.versions) + 1
        version = {
            "id": self.demo.next("version"),
            "contract_id": self.row["id"],
            "version_no": number,
            "file": "",
            "file_name": "",
            "file_type": "",
            "file_size": None,
            "body": body,
            "change_summary": summary,
            "created_by_id": self.owner.pk,
            "created_at": when,
        }
        if file:
            self.demo.attach_pdf(self, version)
        self.versions.append(version)
        self.row["latest_version_id"] = version["id"]
        if self.status in UNDER_REVIEW:
            self.end_round(when, self.owner)
            self.open_round(when, self.owner)
            self.move(
                when,
                self.owner,
                IN_REVIEW,
                _("Version %(no)d reopened the review.") % {"no": number},
                review_state=ReviewState.PENDING,
            )
        else:
            self.save(when, self.owner)

    def update_value(self, when) -> None:
        """``contract_update`` of the value, after a version that changed the price."""
        value = contract_value(self.terms)
        if value != self.row["value"]:
            self.row["value"] = value
            self.save(when, self.owner)

    # the story's steps ------------------------------------------------------------------

    def step(self, step, when) -> None:
        if self.stopped:
            return
        name, args = (step[0], step[1:]) if isinstance(step, tuple) else (step, ())
        getattr(self, f"do_{name}")(when, *args)

    def changes_for_round(self, rng) -> list[Change]:
        options = [c for c in NEGOTIATED if c.key not in self.used and c.applies(self.draft)]
        count = min(len(options), 1 + (rng.random() < 0.45))
        return rng.sample(options, count)

    def do_round(self, when, agreed: bool = True) -> None:
        """``negotiation_add``: a round; the first one starts a draft's negotiation."""
        rng, language = self.demo.rng, self.language
        changes = self.changes_for_round(rng)
        said = []
        if agreed:
            for change in changes:
                self.used.add(change.key)
                said.append(change.apply(rng, self.draft))
            self.said += said
        topics = joined(
            language, [c.topic[language] for c in changes] or [INSPECTION.topic[language]]
        )
        held_on = when.date()
        reply = held_on + dt.timedelta(days=rng.randint(3, 7))
        if agreed:
            outcome = pick(rng, OUTCOMES[language])
            number = len(self.versions) + 1
            next_steps = (
                f"{reply:%m月%d日}前发送第{number}版合同文本。"
                if language == ZH
                else f"Send version {number} by {reply:%d %B}."
            )
        else:
            outcome = pick(rng, NO_AGREEMENT[language])
            next_steps = (
                f"{reply:%m月%d日}前再次会谈。"
                if language == ZH
                else f"Meet again by {reply:%d %B}."
            )
        people = [self.owner.display_name]
        manager = self.demo.manager_of(self.owner)
        if manager is not None and rng.random() < 0.35:
            people.append(manager.display_name)
        record = Round(
            {
                "id": self.demo.next("round"),
                "contract_id": self.row["id"],
                "held_on": held_on,
                "participants": participants(
                    rng, language, self.demo.contacts.get(self.account.pk, []), people
                ),
                "topics": topics,
                "concessions": joined(language, [s.concession for s in said]),
                "outcome": outcome,
                "next_steps": next_steps,
                "recorded_by_id": self.owner.pk,
                "created_at": when,
                "updated_at": when,
            }
        )
        record.saves.append((when, self.owner.pk, "+", dict(record.row)))
        self.rounds.append(record)
        if self.status == DRAFT:
            self.move(
                when,
                self.owner,
                NEGOTIATING,
                _("The first negotiation round was recorded."),
            )

    def do_silent(self, when) -> None:
        self.do_round(when, agreed=False)

    def do_version(self, when) -> None:
        rng = self.demo.rng
        for change in self.asked:
            if change.applies(self.draft):
                self.said.append(change.apply(rng, self.draft))
        self.asked = []
        if self.status in UNDER_REVIEW:
            # A new text while in review corrects the wording: the value stays as reviewed.
            self.draft, self.said = dict(self.terms), []
        if not self.said:
            self.said.append(INSPECTION.apply(rng, self.draft))
        prices = self.draft["price"] != self.terms["price"]
        self.terms = dict(self.draft)
        summary = joined(self.language, [s.summary for s in self.said])
        self.said = []
        self.add_version(when, render(self.terms), summary)
        if prices:
            self.update_value(when + dt.timedelta(minutes=3))

    def do_submit(self, when) -> None:
        """``contract_submit_for_review``."""
        self.open_round(when, self.owner)
        self.move(when, self.owner, IN_REVIEW, "", review_state=ReviewState.PENDING)

    def do_decide(self, when, index: int, decision: str) -> None:
        """``review_decide`` by the ``index``-th required department's demo member."""
        reviews = sorted(self.current(), key=lambda r: self.demo.department_order[r.department_id])
        if index < len(reviews):  # else fewer departments review than the story has
            self.decide(reviews[index], when, decision)

    def do_approve(self, when) -> None:
        """Every waiting review of the round approves, one department after the other."""
        waiting = [r for r in self.current() if r.row["decision"] == PENDING]
        waiting.sort(key=lambda r: self.demo.department_order[r.department_id])
        for number, review in enumerate(waiting):
            self.decide(review, when + dt.timedelta(minutes=10 * number), OK)

    def decide(self, review: Review, when, decision: str) -> None:
        if self.stopped or review.row["decision"] != PENDING:
            return
        reviewer = self.demo.reviewers.get(review.department_id)
        if reviewer is None:
            self.stopped = True  # nobody of that department decides: the review waits
            return
        code = self.demo.department_codes[review.department_id]
        rng, language = self.demo.rng, self.language
        if decision == OK:
            comments = pick(rng, APPROVALS.get(code, {ZH: [""], EN: [""]})[language])
        elif decision == CHANGES:
            asks = [
                (change, text)
                for change, text in REQUESTS.get(code, [])
                if change.applies(self.draft) and change.key not in self.used
            ]
            comments = OTHER_REQUEST[language]
            if asks:
                change, text = pick(rng, asks)
                self.used.add(change.key)
                self.asked.append(change)
                comments = text[language]
        else:
            change, text = REJECTIONS.get(code, (None, OTHER_REJECTION))
            if change is not None:
                self.asked.append(change if change.applies(self.draft) else PENALTY)
            comments = text[language]
        review.row.update(
            decision=decision, comments=comments, reviewer_id=reviewer.pk, decided_at=when
        )
        self.save_review(review, when, reviewer)
        version_no = next(
            v["version_no"] for v in self.versions if v["id"] == review.row["version_id"]
        )
        if decision == OK:
            if all(r.row["decision"] == OK for r in self.current()):
                self.move(
                    when,
                    reviewer,
                    APPROVED,
                    _("Every review approved version %(no)d.") % {"no": version_no},
                    review_state=ReviewState.APPROVED,
                )
            return
        self.end_round(when, reviewer)
        self.move(
            when,
            reviewer,
            NEGOTIATING,
            _("%(department)s: %(decision)s.")
            % {
                "department": self.demo.department_names[review.department_id],
                "decision": Decision(decision).label,
            },
            review_state=ReviewState.RETURNED,
        )

    def do_withdraw(self, when) -> None:
        """``contract_transition`` back to negotiation, from review."""
        self.end_round(when, self.owner)
        self.move(
            when,
            self.owner,
            NEGOTIATING,
            WITHDRAWALS[self.language],
            review_state=ReviewState.RETURNED,
        )

    def do_sign(self, when) -> None:
        self.move(when, self.owner, SIGNED, SIGNINGS[self.language], signed_on=when.date())

    def do_expire(self, when) -> None:
        """The renewal job, the morning after the last day."""
        self.move(
            when,
            None,
            EXPIRED,
            _("The term ended on %(date)s.") % {"date": self.row["ends_on"].isoformat()},
        )

    def do_terminate(self, when) -> None:
        note = self.termination_note or pick(self.demo.rng, TERMINATIONS[self.language])
        self.move(when, self.owner, TERMINATED, note)

    def do_renew(self, when) -> None:
        """``contract_renew``: a draft for the next term, with the last version's text."""
        self.renewal = self.demo.renewal_of(self, when)


class Demo:
    """What both sizes share: the people, the ids, the stories' clock, the writing."""

    def __init__(self, context: DemoContext, stream: str, *, history: bool, files: bool):
        self.context = context
        self.rng = context.random(stream)
        self.today = context.today
        self.now = timezone.now()
        self.tz = company_tz()
        self.history, self.files = history, files
        self.departments = services.required_departments()
        self.department_order = {d.pk: n for n, d in enumerate(self.departments)}
        self.department_codes = {d.pk: d.code for d in self.departments}
        self.department_names = {d.pk: str(d) for d in self.departments}
        self.reviewers = {d.pk: department_member(d) for d in self.departments}
        self.ids = {
            "contract": next_id(Contract),
            "version": next_id(ContractVersion),
            "round": next_id(NegotiationRecord),
            "review": next_id(ContractReview),
        }
        self.numbers = Counter()
        self.contacts: dict[int, list] = {}
        self.managers: dict[int, object] = {}
        self.lives: list[Life] = []

    def next(self, kind: str) -> int:
        ident = self.ids[kind]
        self.ids[kind] += 1
        return ident

    def manager_of(self, user):
        return self.managers.get(user.pk)

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return min(self.now, dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.tz))

    def load_people(self, accounts) -> None:
        ids = [account.pk for account in accounts]
        self.contacts = defaultdict(list)
        rows = Contact.objects.filter(account_id__in=ids).order_by("pk")
        for account_id, name, title in rows.values_list("account_id", "name", "title"):
            self.contacts[account_id].append((name, title))
        owners = {account.owner_id for account in accounts}
        for user in User.objects.filter(pk__in=owners).select_related("team__manager"):
            manager = user.team.manager if user.team_id else None
            if manager is not None and manager.pk != user.pk:
                self.managers[user.pk] = manager

    # the stories' clock -------------------------------------------------------------------

    def schedule(self, first: dt.datetime, last: dt.date, steps: list) -> list[dt.datetime]:
        """The times of ``steps`` after ``first``, spread until ``last`` by their pace (the
        last step on ``last``), each at least half an hour after the one before."""
        rng = self.rng
        weights = [
            PACE.get(step[0] if isinstance(step, tuple) else step, 0.5) * (0.5 + rng.random())
            for step in steps
        ]
        total = sum(weights) or 1
        span = max(0, (last - first.date()).days)
        times, previous, acc = [], first, 0.0
        for weight in weights:
            acc += weight
            day = first.date() + dt.timedelta(days=round(span * acc / total))
            when = self.at(day, 9 + int(rng.random() * 8), int(rng.random() * 60))
            if when < previous + dt.timedelta(minutes=30):
                when = previous + dt.timedelta(minutes=30 + int(rng.random() * 60))
            times.append(when)
            previous = when
        return times

    def live(self, life: Life, plan: Plan, first: dt.date, last: dt.date, fixed: dict) -> None:
        """Play ``plan`` on ``life``: created on ``first``, its steps spread until ``last``;
        the steps named in ``fixed`` (signing, renewal, expiry) at their own times, after."""
        rng = self.rng
        created = self.at(first, 9 + int(rng.random() * 7), int(rng.random() * 60))
        life.create(created, file=plan.file and self.files)
        work = [step for step in plan.steps if step not in fixed]
        times = iter(self.schedule(created, last, work))
        for step in plan.steps:
            life.step(step, fixed[step] if step in fixed else next(times))
        self.lives.append(life)

    def terms_for(self, account, number: str, starts_on: dt.date, ends_on: dt.date) -> dict:
        rng = self.rng
        language = language_of(account.name)
        kind = pick(rng, KINDS)
        terms = first_terms(rng, kind, language, currency_of(account.name, language))
        terms.update(
            title=kind.title[language],
            number=number,
            account=account.name,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        return terms

    def number(self, prefix: str, year: int) -> str:
        self.numbers[prefix, year] += 1
        width = 6 if prefix == LARGE_PREFIX else 3
        return f"{prefix}{year}-{self.numbers[prefix, year]:0{width}d}"

    def contract(self, account, plan: Plan, prefix: str, churned_on: dt.date | None = None):
        """``plan`` anchored in time from today (and the account's churn), and played."""
        rng, today = self.rng, self.today
        yesterday = today - dt.timedelta(days=1)
        fixed = {}
        if plan.ending in (SIGNED, EXPIRED):
            # Signed some days before the term starts, after some weeks of work.
            if plan.ending == SIGNED:
                ends_on = today + dt.timedelta(days=plan.days)
                years = max(plan.years, -(-(plan.days + 45) // 365))
            else:
                ends_on = today - dt.timedelta(days=max(2, plan.days))
                if churned_on is not None:
                    ends_on = min(ends_on, churned_on)
                years = plan.years
            starts_on = start_of_term(ends_on, years)
            signed_on = min(starts_on - dt.timedelta(days=rng.randint(3, 12)), yesterday)
            last = signed_on - dt.timedelta(days=rng.randint(2, 8))
            first = last - dt.timedelta(days=rng.randint(40, 130))
            fixed[SIGN] = self.at(signed_on, 15, int(rng.random() * 60))
            if RENEW in plan.steps:
                renew_on = max(
                    signed_on + dt.timedelta(days=1), ends_on - dt.timedelta(days=plan.renew_before)
                )
                fixed[RENEW] = self.at(min(renew_on, yesterday), 10)
            if EXPIRE in plan.steps:
                fixed[EXPIRE] = self.at(ends_on + dt.timedelta(days=1), JOB_HOUR, JOB_MINUTE)
        else:
            if plan.ending == TERMINATED:
                last = today - dt.timedelta(days=max(1, plan.days))
                if churned_on is not None:
                    last = min(last, churned_on)
            else:
                last = today - dt.timedelta(
                    days=rng.randint(1, 10 if plan.ending == IN_REVIEW else 20)
                )
            first = last - dt.timedelta(days=0 if plan.ending == DRAFT else rng.randint(20, 100))
            starts_on = max(last, today if plan.ending != TERMINATED else last)
            starts_on += dt.timedelta(days=rng.randint(20, 100))
            ends_on = end_of_term(starts_on, plan.years)
        number = self.number(prefix, first.year)
        terms = self.terms_for(account, number, starts_on, ends_on)
        life = Life(self, account=account, owner=account.owner, number=number, terms=terms)
        life.renewal_plan = plan.renewal
        if churned_on is not None:
            life.termination_note = CHURN_TERMINATION[life.language]
        self.live(life, plan, first, last, fixed)
        return life

    def renewal_of(self, life: Life, when: dt.datetime) -> Life:
        """``contract_renew`` of ``life`` on ``when`` (a draft for the next term of the same
        length, with the last version's text), and the renewal's own story."""
        rng = self.rng
        plan = life.renewal_plan or Plan(DRAFT)
        starts_on = life.row["ends_on"] + dt.timedelta(days=1)
        ends_on = services.next_term_end(life.row["starts_on"], life.row["ends_on"], starts_on)
        number = f"{life.row['number']}-R"
        terms = dict(life.terms, renewal=(number, starts_on, ends_on))
        renewal = Life(
            self,
            account=life.account,
            owner=life.owner,
            number=number,
            terms=terms,
            renewal_of=life,
        )
        renewal.row.update(starts_on=starts_on, ends_on=ends_on, value=life.row["value"])
        renewal.said = [RENEWAL.apply(rng, renewal.draft)]
        renewal.used.add(RENEWAL.key)
        renewal.save(when, life.owner)
        last_version = life.versions[-1]
        renewal.add_version(
            when,
            last_version["body"],
            _("Renewal of %(number)s, from its version %(no)d.")
            % {"number": life.row["number"], "no": last_version["version_no"]},
        )
        last = max(when.date(), self.today - dt.timedelta(days=rng.randint(1, 8)))
        times = iter(self.schedule(when, last, list(plan.steps)))
        for step in plan.steps:
            renewal.step(step, next(times))
        self.lives.append(renewal)
        return renewal

    def set_renewal_notice(self, life: Life) -> None:
        """The last reminder the daily job would have sent by now (``_remind``): the
        threshold the contract last crossed; 30 days for one that has expired since."""
        row = life.row
        if row["status"] == EXPIRED and row["signed_on"] is not None:
            row["renewal_notice"] = min(RENEWAL_THRESHOLDS)
        elif row["status"] == SIGNED:
            due = [t for t in RENEWAL_THRESHOLDS if (row["ends_on"] - self.today).days <= t]
            row["renewal_notice"] = min(due) if due else None

    # files ----------------------------------------------------------------------------------

    def attach_pdf(self, life: Life, version: dict) -> None:
        """A one-page PDF of the version, in default storage as an upload would be."""
        number = life.row["number"]
        no = version["version_no"]
        lines = [
            US[EN],
            f"Contract {number}, version {no}",
            life.terms["kind"].title[EN],
            f"Term: {life.row['starts_on']} to {life.row['ends_on']}",
            "",
            "Demo document: the full text of this version is on its page.",
        ]
        data = pdf_bytes(lines)
        name = f"contracts/{life.row['id']}/{uuid.UUID(int=self.rng.getrandbits(128)).hex}.pdf"
        stored = default_storage.save(name, ContentFile(data))
        version.update(
            file=stored, file_name=f"{number}-v{no}.pdf", file_type="pdf", file_size=len(data)
        )

    # writing ----------------------------------------------------------------------------

    def write(self) -> None:
        lives, self.lives = self.lives, []
        for life in lives:
            self.set_renewal_notice(life)
        contracts = [life.row for life in lives]
        versions = [v for life in lives for v in life.versions]
        rounds = [r.row for life in lives for r in life.rounds]
        reviews = [r.row for life in lives for r in life.reviews]
        self.copy(Contract, CONTRACT_COLUMNS, contracts, ("created_at", "updated_at"))
        self.copy(ContractVersion, VERSION_COLUMNS, versions, ("created_at",))
        self.copy(NegotiationRecord, ROUND_COLUMNS, rounds, ("created_at", "updated_at"))
        self.copy(ContractReview, REVIEW_COLUMNS, reviews, ())
        if self.history:
            write_history(Contract, [s for life in lives for s in life.saves])
            write_history(
                NegotiationRecord, [s for life in lives for r in life.rounds for s in r.saves]
            )
            write_history(
                ContractReview, [s for life in lives for r in life.reviews for s in r.saves]
            )

    def copy(self, model, columns, rows: list[dict], stamped: tuple) -> None:
        copy_rows(model, columns, ([row[c] for c in columns] for row in rows))
        if connection.vendor != "postgresql" and rows and stamped:
            # bulk_create stamps auto_now fields with the present: the story's time instead.
            model.objects.bulk_update(
                [model(id=row["id"], **{name: row[name] for name in stamped}) for row in rows],
                list(stamped),
                batch_size=BATCH_SIZE,
            )

    def reset_sequences(self) -> None:
        """After rows written with their ids: the next record the site writes gets a new one."""
        statements = connection.ops.sequence_reset_sql(
            no_style(), [Contract, ContractVersion, NegotiationRecord, ContractReview]
        )
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


CONTRACT_COLUMNS = (
    "id",
    "account_id",
    "number",
    "title",
    "owner_id",
    "value",
    "currency",
    "starts_on",
    "ends_on",
    "status",
    "signed_on",
    "status_note",
    "renewal_of_id",
    "latest_version_id",
    "review_state",
    "renewal_notice",
    "created_at",
    "updated_at",
    "search_text",
)
VERSION_COLUMNS = (
    "id",
    "contract_id",
    "version_no",
    "file",
    "file_name",
    "file_type",
    "file_size",
    "body",
    "change_summary",
    "created_by_id",
    "created_at",
)
ROUND_COLUMNS = (
    "id",
    "contract_id",
    "held_on",
    "participants",
    "topics",
    "concessions",
    "outcome",
    "next_steps",
    "recorded_by_id",
    "created_at",
    "updated_at",
)
REVIEW_COLUMNS = (
    "id",
    "contract_id",
    "version_id",
    "department_id",
    "reviewer_id",
    "decision",
    "comments",
    "requested_by_id",
    "requested_at",
    "decided_at",
    "superseded_at",
)


def write_history(model, saves: list) -> None:
    """The history rows of ``saves`` ((time, user id, type, values)), in time order."""
    History = model.history.model
    tracked = [f.attname for f in History.tracked_fields]
    History.objects.bulk_create(
        [
            History(
                history_date=when,
                history_user_id=user_id,
                history_type=kind,
                history_change_reason=None,
                **{name: values[name] for name in tracked},
            )
            for when, user_id, kind, values in sorted(saves, key=lambda save: save[0])
        ],
        batch_size=BATCH_SIZE,
    )


def shift_years(day: dt.date, years: int) -> dt.date:
    """``day`` ``years`` later (or earlier); a 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def end_of_term(starts_on: dt.date, years: int) -> dt.date:
    """The last day of a term of whole years: 2026-09-14 for one that starts 2025-09-15."""
    return shift_years(starts_on, years) - dt.timedelta(days=1)


def start_of_term(ends_on: dt.date, years: int) -> dt.date:
    return shift_years(ends_on + dt.timedelta(days=1), -years)


def next_id(model) -> int:
    return (model.objects.aggregate(last=Max("id"))["last"] or 0) + 1


def department_member(department):
    """The demo member of ``department`` who decides its reviews (None if a site removed
    them: that department's reviews then wait)."""
    return User.objects.filter(
        username=department_username(department.code),
        role=Role.DEPARTMENT,
        department=department,
        is_active=True,
    ).first()


def seed(context: DemoContext) -> dict[str, int]:
    seed_small(context)
    if context.large:
        seed_large(context)
    return counts(Contract, ContractVersion, NegotiationRecord, ContractReview)


def reviewing_demo(context: DemoContext, stream: str, **options) -> "Demo | None":
    try:
        return Demo(context, stream, **options)
    except ValidationError as error:  # KAM_CONTRACT_REVIEWERS names no department we have
        context.out.write(context.style.WARNING(" ".join(error.messages)))
        return None


# Small ------------------------------------------------------------------------------------


def seed_small(context: DemoContext) -> None:
    accounts = list(demo_accounts(SMALL).select_related("owner"))
    if Contract.objects.filter(account__in=accounts).exists():
        context.out.write(context.style.NOTICE(_("Demo contracts already exist; skipping them.")))
        return
    if not accounts:
        return
    demo = reviewing_demo(context, "contracts", history=True, files=True)
    if demo is None:
        return
    demo.load_people(accounts)
    by_owner = defaultdict(list)
    for account in accounts:
        by_owner[account.owner_id].append(account)
    for index, rep in enumerate(demo_reps(SMALL)):
        mine = by_owner[rep.pk]
        active = [a for a in mine if a.status == AccountStatus.ACTIVE]
        for number, plan in enumerate(rep_plans(index) if active else []):
            demo.contract(active[number % len(active)], plan, SMALL_PREFIX)
        for number, account in enumerate(a for a in mine if a.status == AccountStatus.PROSPECT):
            demo.contract(
                account, PROSPECT_PLANS[(index + number) % len(PROSPECT_PLANS)], SMALL_PREFIX
            )
        for account in (a for a in mine if a.status == AccountStatus.CHURNED):
            since_churn = (context.today - account.churned_on).days
            demo.contract(
                account,
                Plan(
                    EXPIRED, (ROUND, VERSION, SUBMIT, APPROVE, SIGN, EXPIRE), days=since_churn + 90
                ),
                SMALL_PREFIX,
                churned_on=account.churned_on,
            )
            demo.contract(
                account,
                Plan(TERMINATED, (ROUND, VERSION, TERMINATE), days=since_churn),
                SMALL_PREFIX,
                churned_on=account.churned_on,
            )
    demo.write()
    demo.reset_sequences()


# Large ------------------------------------------------------------------------------------


def seed_large(context: DemoContext) -> None:
    """The benchmark's contracts, a chunk at a time, with ``COPY`` and no history rows."""
    accounts_qs = demo_accounts(LARGE)
    if Contract.objects.filter(account__in=accounts_qs).exists():
        context.out.write(
            context.style.NOTICE(_("Benchmark contracts already exist; skipping them."))
        )
        return
    accounts = list(accounts_qs.select_related("owner"))
    if not accounts:
        return
    demo = reviewing_demo(context, "contracts.large", history=False, files=False)
    if demo is None:
        return
    context.out.write(_("Benchmark: contracts…"))
    each, extra = divmod(context.scaled(LARGE_CONTRACTS), len(accounts))
    per_chunk = max(1, LARGE_CHUNK // max(1, each + bool(extra)))
    with indexes_built_after(Contract, ContractVersion, NegotiationRecord, ContractReview):
        for start in range(0, len(accounts), per_chunk):
            chunk = accounts[start : start + per_chunk]
            demo.load_people(chunk)
            for offset, account in enumerate(chunk):
                for _contract in range(each + (start + offset < extra)):
                    plan = large_plan(demo.rng, account.status)
                    churned_on = (
                        account.churned_on if account.status == AccountStatus.CHURNED else None
                    )
                    demo.contract(account, plan, LARGE_PREFIX, churned_on=churned_on)
            demo.write()
    demo.reset_sequences()
