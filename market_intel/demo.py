"""Demo data of duty 3: competitors and what was seen of them, quarterly market reports
and product suggestions with R&D's decisions.

``small`` gives the demo eight competitors (four Chinese companies profiled in Chinese,
four foreign ones in English), each demo account the two or three it buys from besides
us, and two years of what its rep (now and then the manager) saw of them there every six
to ten weeks: a price move, a new product, a promotion, a deal won or lost against us;
on top of that what was seen in the market at large (no account). Each rep writes a
market report a quarter in Markdown (headings, a table, lists) on the competitors seen
at their accounts that quarter: most are published at the quarter's end or just after,
a few quarters are missing or were left as a draft, and this quarter each team has a rep
who published, one with a draft and one who has not started. Reps propose product
suggestions for their accounts; R&D (the demo member ``rnd``) took most under review and
adopted or rejected them with a note, the recent ones wait, and one adopted suggestion
was reopened by the administrator (its history keeps the decision that was).

Competitors, activities and reports are written through ``market_intel.services``.
Suggestions move through their states here, as the services would move them: those tell
R&D and the author of every step, and two years of old decisions are nobody's news. The
times the services stamp (now) are then set to the story's own, with who took each step,
so that history reads like two years of work.

``large`` adds the benchmark's 50,000 competitor activities on the benchmark accounts, a
report a quarter for every benchmark rep (4,000 at the full size) and 5,000 suggestions
(times ``context.scale``): the same stories without history rows, written with ``COPY``
on PostgreSQL, with the activities' indexes built after.
"""

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import AccountStatus
from accounts.demo import demo_accounts
from kam.choices import DepartmentCode, Role
from kam.dates import Quarter
from kam.demo import (
    ADMIN,
    BATCH_SIZE,
    LARGE,
    SMALL,
    DemoContext,
    counts,
    demo_reps,
    department_username,
)
from kam.models import User
from kam.records import apply_changes
from kam.search import document
from market_intel import services
from market_intel.choices import ActivityKind, ReportStatus, SuggestionStatus
from market_intel.models import Competitor, CompetitorActivity, MarketReport, ProductSuggestion
from sales_plans.demo import EN, ZH, at, copy_rows, indexes_built_after, language_of

HISTORY_DAYS = 730
#: A prospect's competitors were noted since the rep first met it.
PROSPECT_DAYS = 300
#: Market reports of each rep: the current quarter and the seven before it.
REPORT_QUARTERS = 8
LARGE_ACTIVITIES = 50_000
#: Of the large activities, those seen in the market at large (no account).
LARGE_MARKET_ACTIVITIES = 1_000
LARGE_SUGGESTIONS = 5_000
#: Accounts whose activities are generated and written at a time in the large size.
LARGE_CHUNK = 1_000

PRICING, PRODUCT, PROMOTION = ActivityKind.PRICING, ActivityKind.PRODUCT, ActivityKind.PROMOTION
WIN, LOSS, OTHER = ActivityKind.WIN, ActivityKind.LOSS, ActivityKind.OTHER
KINDS = [PRICING, PRODUCT, PROMOTION, WIN, LOSS, OTHER]
KIND_WEIGHTS = [30, 18, 14, 13, 15, 10]
#: What the market at large hears of: announcements, not deals.
MARKET_KINDS = [PRICING, PRODUCT, PROMOTION, OTHER]
MARKET_KIND_WEIGHTS = [35, 35, 15, 15]
SUBMITTED, UNDER_REVIEW = SuggestionStatus.SUBMITTED, SuggestionStatus.UNDER_REVIEW
ADOPTED, REJECTED = SuggestionStatus.ADOPTED, SuggestionStatus.REJECTED
PUBLISHED, DRAFT = "published", "draft"
MISSING = "missing"
#: This quarter's report of each small demo rep by their place in the team: one
#: published, one a draft, one not started (the coverage page's three cases).
CURRENT_REPORTS = [PUBLISHED, DRAFT, MISSING, DRAFT, PUBLISHED, MISSING]


# Competitors ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompetitorSpec:
    name: str
    #: How a report or a note names it, by language.
    short: dict
    website: str
    #: The languages of the accounts where it is met.
    markets: tuple
    weight: int
    strengths: str
    weaknesses: str
    pricing_notes: str
    #: The profile's pricing notes when it was created; a rep updated them a year later.
    first_pricing_notes: str = ""


COMPETITORS = [
    CompetitorSpec(
        name="恒锐精密机械（苏州）有限公司",
        short={ZH: "恒锐", EN: "Hengrui"},
        website="https://www.hengrui-precision.example",
        markets=(ZH, EN),
        weight=5,
        strengths=(
            "价格比我方低10–15%；华东地区常备库存，标准件三天内交货；销售团队与客户采购关系紧密，"
            "决策快。"
        ),
        weaknesses=(
            "批次间尺寸一致性不稳定，客户来料检验曾多次冻结批次；仅一个工厂通过IATF 16949认证；"
            "技术支持响应慢，现场调试依赖外包。"
        ),
        pricing_notes=(
            "标准件报价比我方低约12%，年度协议再降3–5%；付款条件可放宽到90天。"
            "2026年起对出口客户统一加收5%运费附加。"
        ),
        first_pricing_notes="标准件报价比我方低约12%，年度协议再降3–5%；付款条件可放宽到90天。",
    ),
    CompetitorSpec(
        name="深圳智联自动化设备有限公司",
        short={ZH: "智联", EN: "Zhilian"},
        website="https://www.zhilian-automation.example",
        markets=(ZH,),
        weight=4,
        strengths=(
            "控制器和远程监控平台领先，手机端可查看设备状态和报警；软件迭代快，每季度发布新版本；"
            "电子行业客户基础好。"
        ),
        weaknesses=(
            "机械部件依赖外购，重载工况下寿命短；售后服务网点只在华南；大项目的项目管理经验不足。"
        ),
        pricing_notes=("硬件报价低，利润靠软件订阅：每台设备每年约2,000元；三年合同赠送一年订阅。"),
    ),
    CompetitorSpec(
        name="浙江华拓工业科技股份有限公司",
        short={ZH: "华拓", EN: "Huatuo"},
        website="https://www.huatuo-tech.example",
        markets=(ZH, EN),
        weight=4,
        strengths=(
            "上市公司，资金雄厚，产品线全（从零部件到整线）；在汽车和家电行业有多个标杆项目；"
            "可提供设备融资。"
        ),
        weaknesses=("优先服务大客户，小批量订单交期长达八周；定制需求响应慢；海外服务依赖代理商。"),
        pricing_notes=(
            "目录价高于我方约5%，但对战略客户给出20%以上折扣；整线项目常以低价设备换取后续备件业务。"
        ),
        first_pricing_notes="目录价高于我方约5%，但对战略客户给出20%以上折扣。",
    ),
    CompetitorSpec(
        name="宁波联创传动有限公司",
        short={ZH: "联创", EN: "Lianchuang"},
        website="https://www.lianchuang-drives.example",
        markets=(ZH,),
        weight=3,
        strengths="传动件和备件价格最低；本地仓库多，备件当天发货；愿意接小订单。",
        weaknesses="产品线窄，只做标准件；没有研发能力，无法参与新项目设计；质保期只有六个月。",
        pricing_notes="最低价策略：报价通常比我方低20%，但不含运费和包装；量大时还可再议。",
    ),
    CompetitorSpec(
        name="Kessler Antriebstechnik GmbH",
        short={ZH: "凯斯勒", EN: "Kessler"},
        website="https://www.kessler-antriebe.example",
        markets=(ZH, EN),
        weight=5,
        strengths=(
            "Engineering reputation of a premium German brand; long service life proven in "
            "automotive lines; strong application engineers who sit with the customer's design "
            "team early in a project."
        ),
        weaknesses=(
            "Lead times of 12–16 weeks; little local stock in China, so spare parts come by air; "
            "rigid on contract terms and slow to approve special variants."
        ),
        pricing_notes=(
            "25–30 % above our list price; list prices rise by about 4 % every January. "
            "Discounts only within framework agreements, up to 12 % for three-year commitments."
        ),
        first_pricing_notes=(
            "25–30 % above our list price. Discounts only within framework agreements."
        ),
    ),
    CompetitorSpec(
        name="Apex Industrial Solutions Inc.",
        short={ZH: "Apex", EN: "Apex"},
        website="https://www.apex-industrial.example",
        markets=(ZH, EN),
        weight=4,
        strengths=(
            "Sells complete line solutions with project management and financing; good at "
            "selling to plant managers and finance rather than to engineering."
        ),
        weaknesses=(
            "Weak spare parts service after the project; high staff turnover in its Asian "
            "offices; integrates third-party components it does not support itself."
        ),
        pricing_notes=(
            "Bundles the equipment with three-year service contracts; aggressive on the first "
            "project (near cost), recovers through service and parts."
        ),
    ),
    CompetitorSpec(
        name="Nordhavn Fluid Systems A/S",
        short={ZH: "诺德海文", EN: "Nordhavn"},
        website="https://www.nordhavn-fluid.example",
        markets=(EN,),
        weight=3,
        strengths=(
            "Energy efficiency (15–20 % lower consumption) and sustainability credentials that "
            "European customers' purchasing now scores; excellent documentation."
        ),
        weaknesses=(
            "Narrow range: fluid handling only; few service engineers outside Scandinavia and "
            "Germany; slow to quote."
        ),
        pricing_notes=(
            "Premium pricing defended with a total-cost-of-ownership calculation over ten "
            "years; rarely discounts, but offers energy-saving guarantees."
        ),
    ),
    CompetitorSpec(
        name="Trident Components Ltd",
        short={ZH: "Trident", EN: "Trident"},
        website="https://www.trident-components.example",
        markets=(EN,),
        weight=3,
        strengths=(
            "Distributor with a broad catalogue and next-day delivery across the UK and the "
            "Benelux; easy web ordering; flexible on small quantities."
        ),
        weaknesses=(
            "No engineering of its own: cannot support a design-in or a failure analysis; "
            "depends on its suppliers' lead times for anything non-standard."
        ),
        pricing_notes=(
            "List price minus volume tiers (5 / 8 / 12 %); frequent quarter-end promotions "
            "and free shipping above £2,000."
        ),
    ),
]
#: Demo competitors are created by the managers two years and a few days ago.
PROFILE_DAYS = HISTORY_DAYS + 10


# What was seen, in the account's (or the reporter's) language. ----------------------------

DETAILS = {
    PRICING: {
        EN: [
            "{name} quoted {pct} % below our price for next year's volume.",
            "{name} offered 90-day payment terms to win the framework agreement.",
            "{name} told purchasing its list prices rise by {pct} % next month.",
            "{name} matched our price on the spare parts and added free delivery.",
        ],
        ZH: [
            "{name}对明年的采购量报价比我方低{pct}%。",
            "{name}为争取框架协议提出90天账期。",
            "{name}通知客户采购下月起目录价上调{pct}%。",
            "{name}备件报价与我方持平，并承诺免费送货。",
        ],
    },
    PRODUCT: {
        EN: [
            "{name} presented its new controller generation with remote monitoring.",
            "{name} launched a lower-cost series aimed at second-source buyers.",
            "{name} showed the engineers a prototype with a {pct} % longer service life.",
            "{name} brought samples of its new seal kit for the customer's line.",
        ],
        ZH: [
            "{name}向客户展示了带远程监控的新一代控制器。",
            "{name}推出面向第二供应商采购的低价系列。",
            "{name}向客户工程师展示了寿命延长{pct}%的样机。",
            "{name}为客户产线送来了新款密封件样品。",
        ],
    },
    PROMOTION: {
        EN: [
            "{name} invited the customer's engineers to a free training day.",
            "{name} offers a year of free spare parts with every new line.",
            "{name} runs a trade-in campaign: {pct} % off when replacing our units.",
            "{name} sponsored the customer's supplier day and had a stand there.",
        ],
        ZH: [
            "{name}邀请客户工程师参加免费培训日。",
            "{name}新产线配套首年备件免费。",
            "{name}推出以旧换新活动：替换我方设备可优惠{pct}%。",
            "{name}赞助了客户的供应商大会并设展位。",
        ],
    },
    WIN: {
        EN: [
            "{name} won the second-source qualification we were bidding for.",
            "The customer moved the spare parts business to {name} on price.",
            "{name} won the new line project: their delivery date was six weeks earlier.",
        ],
        ZH: [
            "{name}赢得了我们参与竞标的第二供应商认证。",
            "客户因价格原因将备件业务转给了{name}。",
            "{name}拿下了新产线项目，交期比我们早六周。",
        ],
    },
    LOSS: {
        EN: [
            "We won the annual agreement back from {name} after their quality problems.",
            "The customer chose us over {name} in the technical review.",
            "{name} lost the tender: their lead time was too long.",
        ],
        ZH: [
            "{name}出现质量问题后，我们夺回了年度协议。",
            "技术评审中客户选择了我们，而不是{name}。",
            "{name}因交期过长未能中标。",
        ],
    },
    OTHER: {
        EN: [
            "{name} hired the customer's former purchasing manager.",
            "{name} opened a service centre near the customer's plant.",
            "Heard that {name} is looking for a buyer; the customer worries about supply.",
        ],
        ZH: [
            "{name}聘用了客户的前采购经理。",
            "{name}在客户工厂附近新设了服务中心。",
            "听说{name}正在寻求被收购，客户担心后续供货。",
        ],
    },
}
MARKET_DETAILS = {
    PRICING: {
        EN: [
            "{name} announced a {pct} % price increase across its catalogue from next quarter.",
            "{name} cut its list prices for standard parts by {pct} % at the trade fair.",
        ],
        ZH: [
            "{name}宣布下季度起全线产品提价{pct}%。",
            "{name}在展会上宣布标准件目录价下调{pct}%。",
        ],
    },
    PRODUCT: {
        EN: [
            "{name} exhibited its new range at the trade fair in Hanover.",
            "{name} released a new version of its monitoring software.",
        ],
        ZH: [
            "{name}在上海工博会上展出了新产品系列。",
            "{name}发布了新版设备监控软件。",
        ],
    },
    PROMOTION: {
        EN: ["{name} advertises a year-end campaign in the trade press: {pct} % off."],
        ZH: ["{name}在行业媒体投放年末促销广告：优惠{pct}%。"],
    },
    OTHER: {
        EN: [
            "{name} opened a new plant to double its capacity.",
            "{name} appointed a new sales director for Asia.",
        ],
        ZH: [
            "{name}新工厂投产，产能翻倍。",
            "{name}任命了新的亚太区销售总监。",
        ],
    },
}


# Market reports -----------------------------------------------------------------------

TITLES = {EN: "Market report {year} Q{quarter}", ZH: "{year}年第{quarter}季度市场分析报告"}
KIND_HEADERS = {
    EN: ["Pricing", "New products", "Promotions", "Won against us", "Lost to us", "Other"],
    ZH: ["价格", "新产品", "促销", "从我方赢单", "输给我方", "其他"],
}
KIND_NOUNS = {
    EN: {
        PRICING: "pricing",
        PRODUCT: "new products",
        PROMOTION: "promotions",
        WIN: "deals won against us",
        LOSS: "deals lost to us",
        OTHER: "other moves",
    },
    ZH: {
        PRICING: "价格",
        PRODUCT: "新产品",
        PROMOTION: "促销",
        WIN: "赢单",
        LOSS: "丢单",
        OTHER: "其他",
    },
}
HIGHLIGHTS = {
    EN: {
        PRICING: "pricing pressure at {accounts}",
        PRODUCT: "new products shown at {accounts}",
        PROMOTION: "promotions at {accounts}",
        WIN: "won business from us at {accounts}",
        LOSS: "lost business to us at {accounts}",
        OTHER: "other moves at {accounts}",
    },
    ZH: {
        PRICING: "在{accounts}家客户处压价",
        PRODUCT: "在{accounts}家客户处推介新产品",
        PROMOTION: "在{accounts}家客户处开展促销",
        WIN: "在{accounts}家客户处从我方抢单",
        LOSS: "在{accounts}家客户处输给我方",
        OTHER: "在{accounts}家客户处有其他动向",
    },
}
HEADINGS = {
    EN: [
        "Summary",
        "Competitor activity",
        "In the market",
        "What customers tell us",
        "Next quarter",
    ],
    ZH: ["概要", "竞争对手动态", "行业动态", "客户反馈", "下季度行动"],
}
TRENDS = {
    EN: [
        "Demand held steady; customers keep ordering to forecast.",
        "Demand picked up in the second half of the quarter.",
        "Demand was soft: two customers postponed projects.",
        "Customers push for price reductions ahead of next year's agreements.",
    ],
    ZH: [
        "需求平稳，客户基本按预测下单。",
        "下半季度需求明显回升。",
        "需求疲软，两家客户推迟了项目。",
        "客户在明年协议谈判前普遍要求降价。",
    ],
}
FEEDBACK = {
    EN: [
        "Customers value our delivery reliability more than the last few per cent of price.",
        "Engineers ask for remote monitoring; some competitors already offer it.",
        "Purchasing wants longer payment terms, as competitors offer 90 days.",
        "Spare parts availability is our strongest argument against the importers.",
        "Several customers are qualifying a second source to reduce their risk.",
        "Quality problems at a competitor made two customers call us back.",
    ],
    ZH: [
        "客户更看重我们的交付可靠性，而不是最后几个百分点的价格。",
        "客户工程师希望有远程监控功能，部分竞争对手已经提供。",
        "客户采购希望延长账期，竞争对手给到了90天。",
        "备件供应是我们对抗进口品牌最有力的理由。",
        "多家客户正在认证第二供应商以降低风险。",
        "竞争对手的质量问题让两家客户重新联系我们。",
    ],
}
ACTIONS = {
    EN: [
        "Visit the accounts where {top} cut prices and review our volume tiers with them.",
        "Invite the key engineers to a demo of the new range.",
        "Offer framework agreements with prices fixed for twelve months.",
        "Run a spare parts promotion with marketing before the quarter's end.",
        "Prepare a total-cost-of-ownership comparison against {top}.",
        "Agree stock levels for the fast-moving parts with the two largest accounts.",
    ],
    ZH: [
        "走访{top}压价的客户，与其重新商定批量分档价格。",
        "邀请重点客户工程师参加新产品系列演示。",
        "提供价格锁定十二个月的框架协议。",
        "季度末前与市场部联合开展备件促销。",
        "准备与{top}的全生命周期成本对比资料。",
        "与两家最大客户商定常用备件的库存水平。",
    ],
}
QUIET = {
    EN: "A quiet quarter: no competitor activity was noted at our accounts.",
    ZH: "本季度较为平静：我方客户处未记录到竞争对手动态。",
}
MOST_ACTIVE = {
    EN: "{top} was the most active competitor this quarter: {count} at our accounts, "
    "mostly {kind}.",
    ZH: "本季度{top}最为活跃：在我方客户处共有{count}条动态，以{kind}为主。",
}


# Product suggestions ----------------------------------------------------------------

#: (title, description) in the language of the account that asked.
SUGGESTIONS = {
    EN: [
        (
            "Remote monitoring for the controller range",
            "The maintenance team wants machine status and alarms on their phones. "
            "Two competitors already offer it; without it we lose points in every tender.",
        ),
        (
            "Stainless variant for food production lines",
            "The customer washes the line down every shift; the painted housings corrode "
            "within a year. A stainless variant would open the whole food segment.",
        ),
        (
            "Longer service intervals for the drive units",
            "Their plant runs three shifts; a service every 2,000 hours means a stop a "
            "month. Competitors advertise 4,000 hours.",
        ),
        (
            "Quick-change tooling adapter",
            "Changeovers take 40 minutes on our tooling against 10 on the competitor's. "
            "An adapter for our existing fixtures would do.",
        ),
        (
            "Spare parts kits per machine",
            "Purchasing wants one part number per machine for the yearly maintenance "
            "instead of twenty line items.",
        ),
        (
            "Energy consumption data on the display",
            "Their sustainability reporting needs the energy use per unit; today they fit "
            "separate meters.",
        ),
        (
            "English and Chinese operator manuals in one",
            "Plants in both countries run the same line; one bilingual manual would save "
            "the customer translating ours.",
        ),
        (
            "Open interface to the customer's MES",
            "The customer's MES team asks for an OPC UA interface; they will not buy "
            "machines they cannot connect.",
        ),
    ],
    ZH: [
        (
            "控制器增加远程监控功能",
            "客户设备部希望在手机上查看设备状态和报警。已有两家竞争对手提供该功能，"
            "我们在招标中因此失分。",
        ),
        (
            "食品产线用不锈钢版本",
            "客户每班都要冲洗产线，喷漆外壳一年内就会锈蚀。不锈钢版本可以打开整个食品行业市场。",
        ),
        (
            "延长传动单元的保养周期",
            "客户三班倒生产，每2,000小时保养一次意味着每月停机一次，竞争对手宣传的是4,000小时。",
        ),
        (
            "快换工装适配器",
            "我方工装换型需要40分钟，竞争对手只要10分钟。为现有夹具配一个适配器即可。",
        ),
        (
            "按设备提供备件包",
            "客户采购希望年度保养备件按设备一个料号下单，而不是二十行明细。",
        ),
        (
            "显示屏增加能耗数据",
            "客户的可持续发展报告需要单件能耗数据，目前只能另外加装电表。",
        ),
        (
            "中英文合一的操作手册",
            "客户在中国和海外的工厂使用同样的产线，一本双语手册可以省去客户自行翻译。",
        ),
        (
            "开放与客户MES系统的接口",
            "客户MES团队要求提供OPC UA接口，无法联网的设备他们不会采购。",
        ),
    ],
}
ADOPTED_NOTES = {
    EN: [
        "Adopted: planned for the {release} release.",
        "Adopted: the engineering change is scheduled; samples to the customer in eight weeks.",
        "Adopted as part of the next product generation ({release}).",
    ],
    ZH: [
        "采纳：计划在{release}版本中发布。",
        "采纳：工程变更已排期，八周内向客户提供样品。",
        "采纳：纳入下一代产品（{release}）。",
    ],
}
REJECTED_NOTES = {
    EN: [
        "Rejected: the volume does not justify a special variant; the standard part fits "
        "with an adapter.",
        "Rejected: it conflicts with our safety certification.",
        "Rejected for now: R&D capacity is on the new platform this year; please submit it "
        "again next year.",
    ],
    ZH: [
        "不采纳：需求量不足以支撑专用型号，标准件加适配器即可满足。",
        "不采纳：与我方安全认证要求冲突。",
        "暂不采纳：今年研发资源集中在新平台上，请明年再提交。",
    ],
}


# Shared by both sizes ----------------------------------------------------------------------


def pick(rng: random.Random, pool: list):
    return pool[int(rng.random() * len(pool))]


def quarters(today: dt.date) -> list[Quarter]:
    """The reports' quarters, oldest first: the current one and the seven before."""
    result = [Quarter.of(today)]
    while len(result) < REPORT_QUARTERS:
        result.insert(0, result[0].previous())
    return result


def competitors_met(rng: random.Random, specs: list, language: str, prospect: bool) -> list:
    """The two or three competitors an account buys from besides us (a prospect: one or
    two), drawn by weight from those present in its language's market."""
    present = [spec for spec in specs if language in spec.markets]
    chosen = []
    for _draw in range(min(len(present), rng.randint(1, 2) if prospect else rng.randint(2, 3))):
        left = [spec for spec in present if spec not in chosen]
        chosen.append(rng.choices(left, weights=[spec.weight for spec in left])[0])
    return chosen


def activity_text(rng: random.Random, pools: dict, kind: str, spec, language: str) -> str:
    return pick(rng, pools[kind][language]).format(
        name=spec.short[language], pct=rng.randint(4, 18)
    )


@dataclass
class QuarterNotes:
    """What a rep saw in a quarter: the material of their market report."""

    #: (competitor name, kind) → activities; (competitor name, kind) → account pks.
    activities: Counter = field(default_factory=Counter)
    accounts: dict = field(default_factory=lambda: defaultdict(set))
    #: What was seen in the market at large, by language.
    market: dict = field(default_factory=lambda: defaultdict(list))

    def add(self, spec, kind, account_pk) -> None:
        self.activities[spec.name, kind] += 1
        self.accounts[spec.name, kind].add(account_pk)


def accounts_phrase(count: int, language: str) -> str:
    if language == ZH:
        return str(count)
    return "1 account" if count == 1 else f"{count} accounts"


def report_text(
    rng: random.Random, language: str, quarter: Quarter, notes: QuarterNotes, fallback: list
) -> tuple[str, str, str, list]:
    """A report's title, summary, Markdown body and the competitors it covers: the three
    most active at the rep's accounts that quarter (or, in a quiet one, those met there)."""
    by_name = {spec.name: spec for spec in COMPETITORS}
    totals = Counter()
    for (name, _kind), count in notes.activities.items():
        totals[name] += count
    order = {spec.name: n for n, spec in enumerate(COMPETITORS)}
    covered = sorted(totals, key=lambda name: (-totals[name], order[name]))[:3]
    specs = [by_name[name] for name in covered] or fallback[:2]
    trend = pick(rng, TRENDS[language])
    feedback = rng.sample(FEEDBACK[language], 2)
    actions = rng.sample(ACTIONS[language], 3)
    top = specs[0].short[language] if specs else ""
    if covered:
        kinds = Counter({kind: notes.activities[covered[0], kind] for kind in KINDS})
        main_kind = max(KINDS, key=lambda kind: (kinds[kind], -KINDS.index(kind)))
        count = totals[covered[0]]
        count_text = f"{count}" if language == ZH else f"{count} activities"
        summary = MOST_ACTIVE[language].format(
            top=top, count=count_text, kind=KIND_NOUNS[language][main_kind]
        )
    else:
        summary = QUIET[language]
    summary = f"{summary} {trend}" if language == EN else f"{summary}{trend}"
    headings = HEADINGS[language]
    lines = [f"## {headings[0]}", "", summary, "", f"## {headings[1]}", ""]
    if covered:
        competitor = "竞争对手" if language == ZH else "Competitor"
        lines.append(f"| {competitor} | " + " | ".join(KIND_HEADERS[language]) + " |")
        lines.append("| --- |" + " ---: |" * len(KINDS))
        for name in covered:
            cells = " | ".join(str(notes.activities[name, kind]) for kind in KINDS)
            lines.append(f"| {by_name[name].short[language]} | {cells} |")
        lines.append("")
        for name in covered:
            parts = [
                HIGHLIGHTS[language][kind].format(
                    accounts=accounts_phrase(len(notes.accounts[name, kind]), language)
                )
                for kind in KINDS
                if notes.activities[name, kind]
            ]
            colon, semicolon, stop = ("：", "；", "。") if language == ZH else (": ", "; ", ".")
            name_text = by_name[name].short[language]
            lines.append(f"- **{name_text}**{colon}{semicolon.join(parts)}{stop}")
    else:
        lines.append(QUIET[language])
    lines.append("")
    market = notes.market.get(language, [])
    if market:
        lines += [f"## {headings[2]}", "", *(f"- {text}" for text in market[:4]), ""]
    lines += [f"## {headings[3]}", "", *(f"- {text}" for text in feedback), ""]
    lines += [f"## {headings[4]}", ""]
    lines += [f"{number}. {text.format(top=top or '—')}" for number, text in enumerate(actions, 1)]
    title = TITLES[language].format(year=quarter.year, quarter=quarter.quarter)
    return title, summary, "\n".join(lines) + "\n", specs


@dataclass
class ReportStory:
    outcome: str
    drafted_on: dt.date
    #: A second save of the draft before it was published, or None.
    edited_on: dt.date | None
    published_on: dt.date | None


def report_story(rng: random.Random, quarter: Quarter, today: dt.date, outcome=None):
    """How a rep's report of ``quarter`` came about, as of ``today``: most are published in
    the last weeks of the quarter, one in five (of those before last quarter) in the first
    days after it; a few quarters have none, a few a draft that was never published.
    Every number is drawn whatever the outcome, so the content does not depend on the
    date."""
    draw, late, before, after, writing, edit, edited = (rng.random() for _draw in range(7))
    if outcome is None:
        outcome = MISSING if draw < 0.12 else DRAFT if draw < 0.17 else PUBLISHED
    if outcome == MISSING:
        return ReportStory(MISSING, today, None, None)
    current = quarter == Quarter.of(today)
    if current:
        # This quarter's: begun lately, published already by some.
        span = (today - quarter.start).days
        published_on = quarter.start + dt.timedelta(days=int(span * (0.5 + before / 2)))
    elif late < 0.2 and quarter.next() != Quarter.of(today):
        # Not last quarter's: published now, it would count for this one (by
        # ``published_at``), and the coverage page would not show who is missing.
        published_on = quarter.end + dt.timedelta(days=1 + int(after * 12))
    else:
        published_on = quarter.end - dt.timedelta(days=int(before * 18))
    published_on = min(published_on, today)
    drafted_on = max(quarter.start, published_on - dt.timedelta(days=3 + int(writing * 20)))
    if current:
        drafted_on = min(drafted_on, today)
    edited_on = drafted_on + (published_on - drafted_on) * edited if edit < 0.5 else None
    if outcome == DRAFT:
        return ReportStory(DRAFT, drafted_on, edited_on, None)
    return ReportStory(PUBLISHED, drafted_on, edited_on, published_on)


@dataclass
class SuggestionStory:
    status: str
    reviewed_on: dt.date | None
    decided_on: dt.date | None
    note_draw: float


def suggestion_story(rng: random.Random, submitted_on: dt.date, today: dt.date):
    """R&D takes a suggestion under review within two weeks and decides it within six
    more (adopting a little over half); now and then one stays under review for long."""
    review, decide, adopt, stuck, picked, note = (rng.random() for _draw in range(6))
    reviewed_on = submitted_on + dt.timedelta(days=2 + int(review * 12))
    decided_on = reviewed_on + dt.timedelta(days=5 + int(decide * 40))
    if reviewed_on > today or (picked < 0.2 and decided_on > today):
        return SuggestionStory(SUBMITTED, None, None, note)
    if decided_on > today or stuck < 0.05:
        return SuggestionStory(UNDER_REVIEW, reviewed_on, None, note)
    status = ADOPTED if adopt < 0.58 else REJECTED
    return SuggestionStory(status, reviewed_on, decided_on, note)


def decision_note(status: str, language: str, decided_on: dt.date, draw: float) -> str:
    release = Quarter.of(decided_on + dt.timedelta(days=180))
    pool = ADOPTED_NOTES if status == ADOPTED else REJECTED_NOTES
    note = pool[language][int(draw * len(pool[language]))]
    return note.format(release=f"{release.year} Q{release.quarter}")


def rnd_member():
    """The demo R&D member who decides the suggestions (None if a site removed it)."""
    return User.objects.filter(
        username=department_username(DepartmentCode.RND),
        role=Role.DEPARTMENT,
        department__code=DepartmentCode.RND,
    ).first()


def seed(context: DemoContext) -> dict[str, int]:
    seed_small(context)
    if context.large:
        seed_large(context)
    return counts(Competitor, CompetitorActivity, MarketReport, ProductSuggestion)


# Small: through the services, with the story's times -------------------------------------


def seed_small(context: DemoContext) -> None:
    names = [spec.name for spec in COMPETITORS]
    reps = list(demo_reps(SMALL).select_related("team__manager"))
    if (
        Competitor.objects.filter(name__in=names).exists()
        or MarketReport.objects.filter(author__in=reps).exists()
    ):
        context.out.write(
            context.style.NOTICE(_("Demo market intelligence already exists; skipping it."))
        )
        return
    if not reps:
        return
    demo = SmallDemo(context, reps)
    demo.competitors()
    for account in demo_accounts(SMALL).select_related("owner__team__manager"):
        demo.account_activities(account)
    demo.market_activities()
    for index, rep in enumerate(reps):
        demo.reports(index, rep)
    for rep in reps:
        demo.suggestions(rep)
    demo.reopen_one()
    demo.backdate()


class SmallDemo:
    def __init__(self, context: DemoContext, reps: list):
        self.rng = context.random("market_intel")
        self.today = context.today
        self.reps = reps
        self.managers = list(
            {
                rep.team.manager.pk: rep.team.manager
                for rep in reps
                if rep.team and rep.team.manager
            }.values()
        )
        self.rnd = rnd_member()
        self.admin = User.objects.filter(username=ADMIN[0], is_superuser=True).first()
        self.by_spec = {}
        #: account pk → the competitors it buys from besides us.
        self.met = {}
        #: rep pk → their accounts' competitors, most met first (a quiet quarter's report).
        self.rep_met = defaultdict(Counter)
        #: (rep pk, quarter) → what they saw; quarter → what the market heard, by language.
        self.notes = defaultdict(QuarterNotes)
        self.market = defaultdict(lambda: defaultdict(list))
        #: rep pk → their accounts, oldest first.
        self.accounts = defaultdict(list)
        #: model → pk → the (time, user pk) of each of its history rows, oldest first.
        self.times = defaultdict(dict)

    def stamp(self, record, when, user) -> None:
        """The history rows the last step wrote for ``record`` are of ``when`` and ``user``."""
        model = type(record)
        rows = self.times[model].setdefault(record.pk, [])
        written = model.history.filter(id=record.pk).count()
        rows.extend([(when, user.pk)] * (written - len(rows)))

    def competitors(self) -> None:
        created_on = self.today - dt.timedelta(days=PROFILE_DAYS)
        for number, spec in enumerate(COMPETITORS):
            manager = self.managers[number % len(self.managers)] if self.managers else self.reps[0]
            competitor = services.competitor_create(
                by=manager,
                name=spec.name,
                website=spec.website,
                strengths=spec.strengths,
                weaknesses=spec.weaknesses,
                pricing_notes=spec.first_pricing_notes or spec.pricing_notes,
            )
            self.stamp(competitor, at(created_on, 9 + number), manager)
            self.by_spec[spec.name] = competitor
        for number, spec in enumerate(COMPETITORS):
            if not spec.first_pricing_notes:
                continue
            # A year later a rep brought the pricing notes up to date.
            rep = self.reps[number % len(self.reps)]
            competitor = self.by_spec[spec.name]
            services.competitor_update(
                competitor=competitor, by=rep, pricing_notes=spec.pricing_notes
            )
            day = self.today - dt.timedelta(days=PROFILE_DAYS - 380 - number * 9)
            self.stamp(competitor, at(day, 14), rep)

    def account_activities(self, account) -> None:
        rng, today = self.rng, self.today
        owner = account.owner
        language = language_of(account.name)
        prospect = account.status == AccountStatus.PROSPECT
        met = competitors_met(rng, COMPETITORS, language, prospect)
        self.met[account.pk] = met
        self.accounts[owner.pk].append(account)
        manager = owner.team.manager if owner.team else None
        first = today - dt.timedelta(days=PROSPECT_DAYS if prospect else HISTORY_DAYS)
        if account.customer_since and not prospect:
            first = max(first, account.customer_since)
        last = account.churned_on or today
        day = first + dt.timedelta(days=rng.randint(0, 40))
        while day <= last:
            spec = rng.choices(met, weights=[s.weight for s in met])[0]
            kind = rng.choices(KINDS, weights=KIND_WEIGHTS)[0]
            if prospect and kind == LOSS:
                kind = WIN  # a prospect has not bought from us yet
            details = activity_text(rng, DETAILS, kind, spec, language)
            by = manager if manager is not None and rng.random() < 0.1 else owner
            activity = services.activity_create(
                by=by,
                competitor=self.by_spec[spec.name],
                account=account,
                observed_on=day,
                kind=kind,
                details=details,
            )
            noted = min(today, day + dt.timedelta(days=rng.randint(0, 2)))
            self.stamp(activity, at(noted, 9 + rng.randint(0, 8)), by)
            self.notes[owner.pk, Quarter.of(day)].add(spec, kind, account.pk)
            self.rep_met[owner.pk][spec.name] += 1
            day += dt.timedelta(days=rng.randint(42, 72))

    def market_activities(self) -> None:
        """What was seen in the market at large: a trade fair, a price list, a new plant."""
        rng, today = self.rng, self.today
        people = [*self.reps, *self.managers]
        day = today - dt.timedelta(days=HISTORY_DAYS - rng.randint(0, 20))
        while day <= today:
            spec = rng.choices(COMPETITORS, weights=[s.weight for s in COMPETITORS])[0]
            kind = rng.choices(MARKET_KINDS, weights=MARKET_KIND_WEIGHTS)[0]
            by = pick(rng, people)
            language = language_of(by.last_name)
            details = activity_text(rng, MARKET_DETAILS, kind, spec, language)
            activity = services.activity_create(
                by=by,
                competitor=self.by_spec[spec.name],
                account=None,
                observed_on=day,
                kind=kind,
                details=details,
            )
            self.stamp(activity, at(day, 11 + rng.randint(0, 6)), by)
            self.market[Quarter.of(day)][language].append(details)
            day += dt.timedelta(days=rng.randint(16, 34))

    def reports(self, index: int, rep) -> None:
        rng, today = self.rng, self.today
        language = language_of(rep.last_name)
        current = Quarter.of(today)
        fallback = [
            {spec.name: spec for spec in COMPETITORS}[name]
            for name, _count in self.rep_met[rep.pk].most_common()
        ]
        for quarter in quarters(today):
            outcome = CURRENT_REPORTS[index % len(CURRENT_REPORTS)] if quarter == current else None
            story = report_story(rng, quarter, today, outcome)
            notes = self.notes[rep.pk, quarter]
            notes.market = self.market[quarter]
            title, summary, body, specs = report_text(rng, language, quarter, notes, fallback)
            if story.outcome == MISSING:
                continue
            competitors = [self.by_spec[spec.name] for spec in specs]
            # The first draft: the summary and the first sections; the rest comes later.
            first_body = body if story.edited_on is None else body.split("\n## ")[0] + "\n"
            report = services.market_report_create(
                by=rep,
                title=title,
                year=quarter.year,
                quarter=quarter.quarter,
                summary=summary,
                body=first_body,
                competitors=competitors,
            )
            self.stamp(report, at(story.drafted_on, 10), rep)
            if story.edited_on is not None:
                services.market_report_update(report=report, by=rep, body=body)
                self.stamp(report, at(story.edited_on, 16), rep)
            if story.outcome == PUBLISHED:
                published_at = at(story.published_on, 17)
                services.market_report_publish(report=report, by=rep, now=published_at)
                self.stamp(report, published_at, rep)

    def suggestions(self, rep) -> None:
        rng, today = self.rng, self.today
        accounts = [a for a in self.accounts[rep.pk] if a.status != AccountStatus.CHURNED]
        if not accounts:
            return
        day = today - dt.timedelta(days=HISTORY_DAYS - rng.randint(0, 60))
        while day <= today:
            asking = rng.sample(accounts, min(len(accounts), rng.randint(1, 3)))
            language = language_of(asking[0].name)
            title, description = pick(rng, SUGGESTIONS[language])
            story = suggestion_story(rng, day, today)
            self.suggestion(rep, day, asking, language, title, description, story)
            day += dt.timedelta(days=rng.randint(60, 120))
            if day > today:
                # What the rep heard this month: R&D has not looked at most of it yet.
                day = today - dt.timedelta(days=rng.randint(1, 12))
                asking = rng.sample(accounts, 1)
                language = language_of(asking[0].name)
                title, description = pick(rng, SUGGESTIONS[language])
                story = suggestion_story(rng, day, today)
                self.suggestion(rep, day, asking, language, title, description, story)
                break

    def suggestion(self, rep, day, asking, language, title, description, story) -> None:
        # As suggestion_create writes it, without telling R&D of a suggestion of old.
        suggestion = apply_changes(
            ProductSuggestion(), {"title": title, "description": description, "submitted_by": rep}
        )
        suggestion.accounts.set(asking)
        self.stamp(suggestion, at(day, 15), rep)
        if self.rnd is None or story.status == SUBMITTED:
            return
        suggestion.status = UNDER_REVIEW
        apply_changes(suggestion, {})
        self.stamp(suggestion, at(story.reviewed_on, 10), self.rnd)
        if story.status == UNDER_REVIEW:
            return
        apply_changes(
            suggestion,
            {
                "status": story.status,
                "decided_by": self.rnd,
                "decided_on": story.decided_on,
                "decision_note": decision_note(
                    story.status, language, story.decided_on, story.note_draw
                ),
            },
        )
        self.stamp(suggestion, at(story.decided_on, 14), self.rnd)

    def reopen_one(self) -> None:
        """The administrator reopened the oldest adoption three weeks after it (the customer
        changed its mind); it is back under review, its history keeps the decision."""
        if self.admin is None:
            return
        adopted = ProductSuggestion.objects.filter(
            status=ADOPTED, submitted_by__in=self.reps
        ).order_by("decided_on", "pk")
        suggestion = adopted.first()
        if suggestion is None:
            return
        reopened_on = min(self.today, suggestion.decided_on + dt.timedelta(days=21))
        services.suggestion_reopen(suggestion=suggestion, by=self.admin)
        self.stamp(suggestion, at(reopened_on, 11), self.admin)

    def backdate(self) -> None:
        """Give history rows and records the times and people of their story."""
        for model, times in self.times.items():
            History = model.history.model
            rows = list(History.objects.filter(id__in=times).order_by("id", "history_id"))
            seen = defaultdict(int)
            for row in rows:
                number = seen[row.id]
                seen[row.id] += 1
                row.history_date, row.history_user_id = times[row.id][number]
                row.created_at = times[row.id][0][0]
                if hasattr(row, "updated_at"):
                    row.updated_at = row.history_date
            fields = ["history_date", "history_user", "created_at"]
            if hasattr(model, "updated_at"):
                fields.append("updated_at")
            History.objects.bulk_update(rows, fields, batch_size=BATCH_SIZE)
            records = list(model.objects.filter(pk__in=times))
            for record in records:
                record.created_at = times[record.pk][0][0]
                record.updated_at = times[record.pk][-1][0]
            model.objects.bulk_update(records, fields[2:], batch_size=BATCH_SIZE)


# Large: the benchmark size ---------------------------------------------------------------

ACTIVITY_COLUMNS = (
    "id",
    "competitor_id",
    "account_id",
    "observed_on",
    "kind",
    "details",
    "reported_by_id",
    "created_at",
    "search_text",
)
REPORT_COLUMNS = (
    "id",
    "title",
    "author_id",
    "year",
    "quarter",
    "summary",
    "body",
    "status",
    "published_at",
    "created_at",
    "updated_at",
    "search_text",
)
SUGGESTION_COLUMNS = (
    "id",
    "title",
    "description",
    "submitted_by_id",
    "status",
    "decided_by_id",
    "decided_on",
    "decision_note",
    "created_at",
    "updated_at",
    "search_text",
)
REPORT_COMPETITORS = MarketReport.competitors.through
SUGGESTION_ACCOUNTS = ProductSuggestion.accounts.through


def seed_large(context: DemoContext) -> None:
    """The benchmark's activities, reports and suggestions, with ``COPY``."""
    reps = list(demo_reps(LARGE).select_related("team"))
    if (
        MarketReport.objects.filter(author__in=reps).exists()
        or ProductSuggestion.objects.filter(submitted_by__in=reps).exists()
    ):
        context.out.write(
            context.style.NOTICE(_("Benchmark market intelligence already exists; skipping it."))
        )
        return
    competitors = Competitor.objects.in_bulk([spec.name for spec in COMPETITORS], field_name="name")
    accounts = list(
        demo_accounts(LARGE).only("pk", "name", "owner", "status", "customer_since", "churned_on")
    )
    if not reps or not accounts or len(competitors) != len(COMPETITORS):
        return
    demo = LargeDemo(context, reps, accounts, competitors)
    context.out.write(_("Benchmark: competitor activities…"))
    with indexes_built_after(CompetitorActivity):
        demo.activities()
    context.out.write(_("Benchmark: market reports and product suggestions…"))
    demo.reports()
    demo.suggestions()
    statements = connection.ops.sequence_reset_sql(
        no_style(), [CompetitorActivity, MarketReport, ProductSuggestion]
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def next_id(model) -> int:
    return (model.objects.aggregate(last=Max("id"))["last"] or 0) + 1


class LargeDemo:
    def __init__(self, context: DemoContext, reps, accounts, competitors):
        self.context = context
        self.rng = context.random("market_intel.large")
        self.today = context.today
        self.now = timezone.now()
        self.tz = timezone.get_current_timezone()
        self.reps = reps
        self.accounts = accounts
        self.competitors = {name: competitor.pk for name, competitor in competitors.items()}
        self.by_owner = defaultdict(list)
        for account in accounts:
            self.by_owner[account.owner_id].append(account)
        self.notes = defaultdict(QuarterNotes)
        self.market = defaultdict(lambda: defaultdict(list))
        self.rep_met = defaultdict(Counter)
        self.rnd = rnd_member()
        self.stamps = {}

    def at(self, day: dt.date, hour: int) -> dt.datetime:
        """A time of ``day`` at ``hour`` (not after now), each made aware once."""
        key = (day, hour)
        if key not in self.stamps:
            self.stamps[key] = min(
                self.now, dt.datetime.combine(day, dt.time(hour), tzinfo=self.tz)
            )
        return self.stamps[key]

    def write(self, model, columns, rows: list) -> None:
        copy_rows(model, columns, rows)
        if connection.vendor != "postgresql" and rows:
            # bulk_create stamps auto_now fields with the present: the story's time instead.
            names = [name for name in ("created_at", "updated_at") if name in columns]
            positions = [columns.index(name) for name in names]
            model.objects.bulk_update(
                [
                    model(id=row[0], **{n: row[p] for n, p in zip(names, positions, strict=True)})
                    for row in rows
                ],
                names,
                batch_size=BATCH_SIZE,
            )

    def activities(self) -> None:
        rng, today = self.rng, self.today
        specs = COMPETITORS
        market_count = min(self.context.scaled(LARGE_MARKET_ACTIVITIES), LARGE_ACTIVITIES)
        total = max(0, self.context.scaled(LARGE_ACTIVITIES) - market_count)
        each, extra = divmod(total, len(self.accounts))
        ident = next_id(CompetitorActivity)
        for start in range(0, len(self.accounts), LARGE_CHUNK):
            rows = []
            for offset, account in enumerate(self.accounts[start : start + LARGE_CHUNK]):
                language = language_of(account.name)
                prospect = account.status == AccountStatus.PROSPECT
                met = competitors_met(rng, specs, language, prospect)
                weights = [spec.weight for spec in met]
                last = account.churned_on or today
                first = max(today - dt.timedelta(days=HISTORY_DAYS), account.customer_since or last)
                if first > last:
                    first = last - dt.timedelta(days=365)
                span = (last - first).days
                account_document = document(account.name)
                for _activity in range(each + (start + offset < extra)):
                    spec = rng.choices(met, weights=weights)[0]
                    kind = rng.choices(KINDS, weights=KIND_WEIGHTS)[0]
                    day = first + dt.timedelta(days=int(rng.random() * (span + 1)))
                    details = activity_text(rng, DETAILS, kind, spec, language)
                    noted = min(today, day + dt.timedelta(days=int(rng.random() * 3)))
                    rows.append(
                        (
                            ident,
                            self.competitors[spec.name],
                            account.pk,
                            day,
                            kind,
                            details,
                            account.owner_id,
                            self.at(noted, 9 + int(rng.random() * 9)),
                            f"{document(details, spec.name)}\n{account_document}",
                        )
                    )
                    ident += 1
                    self.notes[account.owner_id, Quarter.of(day)].add(spec, kind, account.pk)
                    self.rep_met[account.owner_id][spec.name] += 1
            self.write(CompetitorActivity, ACTIVITY_COLUMNS, rows)
        rows = []
        for _activity in range(market_count):
            spec = rng.choices(specs, weights=[s.weight for s in specs])[0]
            kind = rng.choices(MARKET_KINDS, weights=MARKET_KIND_WEIGHTS)[0]
            day = today - dt.timedelta(days=int(rng.random() * HISTORY_DAYS))
            rep = self.reps[int(rng.random() * len(self.reps))]
            language = ZH if rng.random() < 0.5 else EN
            details = activity_text(rng, MARKET_DETAILS, kind, spec, language)
            rows.append(
                (
                    ident,
                    self.competitors[spec.name],
                    None,
                    day,
                    kind,
                    details,
                    rep.pk,
                    self.at(day, 12),
                    document(details, spec.name),
                )
            )
            ident += 1
            self.market[Quarter.of(day)][language].append(details)
        self.write(CompetitorActivity, ACTIVITY_COLUMNS, rows)

    def language_of_rep(self, rep) -> str:
        """A benchmark rep writes in the language of most of their accounts."""
        languages = Counter(language_of(account.name) for account in self.by_owner[rep.pk])
        return ZH if languages[ZH] > languages[EN] else EN

    def reports(self) -> None:
        rng, today = self.rng, self.today
        current = Quarter.of(today)
        by_name = {spec.name: spec for spec in COMPETITORS}
        rows, covered = [], []
        ident = next_id(MarketReport)
        for rep in self.reps:
            language = self.language_of_rep(rep)
            fallback = [by_name[name] for name, _n in self.rep_met[rep.pk].most_common()]
            for quarter in quarters(today):
                outcome = None
                if quarter == current:
                    draw = rng.random()
                    outcome = PUBLISHED if draw < 0.4 else DRAFT if draw < 0.75 else MISSING
                story = report_story(rng, quarter, today, outcome)
                if story.outcome == MISSING:
                    continue
                notes = self.notes[rep.pk, quarter]
                notes.market = self.market[quarter]
                title, summary, body, specs = report_text(rng, language, quarter, notes, fallback)
                published_at = (
                    self.at(story.published_on, 17) if story.outcome == PUBLISHED else None
                )
                created_at = self.at(story.drafted_on, 10)
                rows.append(
                    (
                        ident,
                        title,
                        rep.pk,
                        quarter.year,
                        quarter.quarter,
                        summary,
                        body,
                        ReportStatus.PUBLISHED if published_at else ReportStatus.DRAFT,
                        published_at,
                        created_at,
                        published_at or self.at(story.edited_on or story.drafted_on, 16),
                        document(title, summary),
                    )
                )
                covered += [(ident, self.competitors[spec.name]) for spec in specs]
                ident += 1
        self.write(MarketReport, REPORT_COLUMNS, rows)
        copy_rows(REPORT_COMPETITORS, ("marketreport_id", "competitor_id"), covered)

    def suggestions(self) -> None:
        rng, today = self.rng, self.today
        each, extra = divmod(self.context.scaled(LARGE_SUGGESTIONS), len(self.reps))
        rows, asking_rows = [], []
        ident = next_id(ProductSuggestion)
        for number, rep in enumerate(self.reps):
            accounts = [a for a in self.by_owner[rep.pk] if a.status != AccountStatus.CHURNED]
            for _suggestion in range(each + (number < extra) if accounts else 0):
                day = today - dt.timedelta(days=int(rng.random() * HISTORY_DAYS))
                asking = rng.sample(accounts, min(len(accounts), 1 + int(rng.random() * 3)))
                language = language_of(asking[0].name)
                title, description = pick(rng, SUGGESTIONS[language])
                story = suggestion_story(rng, day, today)
                if self.rnd is None and story.status != SUBMITTED:
                    story = SuggestionStory(SUBMITTED, None, None, story.note_draw)
                decided = story.decided_on is not None
                last_day = story.decided_on or story.reviewed_on or day
                rows.append(
                    (
                        ident,
                        title,
                        description,
                        rep.pk,
                        story.status,
                        self.rnd.pk if decided else None,
                        story.decided_on,
                        decision_note(story.status, language, story.decided_on, story.note_draw)
                        if decided
                        else "",
                        self.at(day, 15),
                        self.at(last_day, 14 if decided else 10 if story.reviewed_on else 15),
                        document(title, description),
                    )
                )
                asking_rows += [(ident, account.pk) for account in asking]
                ident += 1
        self.write(ProductSuggestion, SUGGESTION_COLUMNS, rows)
        copy_rows(SUGGESTION_ACCOUNTS, ("productsuggestion_id", "account_id"), asking_rows)
