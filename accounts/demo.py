"""Demo data of duty 1: accounts with their stakeholders, visits, surveys and plans.

``small`` gives the demo reps forty companies, Chinese and English, each with a
stakeholder map, two years of visits and survey answers and relationship plans, every
record written through the services, so it passes the site's own validation. ``large``
adds the benchmark's 10,000 accounts (times ``context.scale``) for the benchmark reps,
with ``bulk_create`` in batches; bulk rows skip ``clean()`` and the services, so the
fields those derive (``name_key``, ``search_text``, ``last_visited_at``) are set here.

A company's content is in its own language: a Chinese company has a Chinese industry,
region, contacts and titles, visit notes, survey comments and plans, so a Chinese page
reads as Chinese. Choices (tier, status, buying role…) are codes, the same in both.
Every demo account has a ``code`` (``CN-0001``, ``EN-0001``, ``L-00001``), the key imports
update by.
"""

import datetime as dt
import random
from decimal import Decimal
from typing import NamedTuple

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import services
from accounts.choices import (
    AccountStatus,
    BuyingRole,
    PlanStatus,
    Sentiment,
    SurveySource,
    Tier,
    VisitKind,
)
from accounts.models import Account, Contact, PlanAction, RelationshipPlan, SurveyResponse, Visit
from accounts.naming import company_name_key
from kam.dates import Quarter
from kam.demo import BATCH_SIZE, LARGE, SMALL, DemoContext, counts, demo_reps
from kam.search import document

ZH, EN = "zh", "en"
#: The code of a small demo account: its language's prefix and its number in the list.
CODE_PREFIXES = {ZH: "CN", EN: "EN"}
LARGE_CODE_PREFIX = "L"
HISTORY_DAYS = 730
LARGE_ACCOUNTS = 10_000
LARGE_VISITS_PER_ACCOUNT = 10
LARGE_SURVEYS_PER_ACCOUNT = 10

# (name, e-mail domain, industry, region)
COMPANIES = {
    ZH: [
        ("杭州精密铸造有限公司", "hz-castings.com.cn", "制造业", "华东"),
        ("苏州港湾物流有限公司", "szharbour.com.cn", "物流", "华东"),
        ("深圳华信电子科技有限公司", "huaxin-tech.cn", "电子", "华南"),
        ("广州南粤食品集团", "nanyuefood.cn", "食品饮料", "华南"),
        ("宁波东海机械制造有限公司", "donghai-mach.cn", "机械", "华东"),
        ("上海申达汽车零部件有限公司", "shenda-auto.com", "汽车零部件", "华东"),
        ("天津北方化工股份有限公司", "tj-northchem.cn", "化工", "华北"),
        ("北京中科智能装备有限公司", "zkzn.com.cn", "电子", "华北"),
        ("成都天府医药有限公司", "tianfu-pharma.cn", "医药", "西部"),
        ("重庆长江重工集团", "cjhi.com.cn", "机械", "西部"),
        ("武汉光谷新能源科技有限公司", "ovnewenergy.cn", "能源", "华中"),
        ("青岛海润包装材料有限公司", "hairun-pack.cn", "包装", "华北"),
        ("无锡新纪元半导体有限公司", "xjy-semi.com", "电子", "华东"),
        ("厦门鹭岛纺织有限公司", "ludao-textile.cn", "纺织", "华南"),
        ("西安秦川航空部件有限公司", "qinchuan-aero.cn", "航空航天", "西部"),
        ("合肥蓝天食品有限公司", "lantian-food.cn", "食品饮料", "华中"),
        ("东莞恒力模具有限公司", "hengli-mould.cn", "制造业", "华南"),
        ("长沙湘江工程机械有限公司", "xjcm.com.cn", "机械", "华中"),
        ("佛山顺德家电集团", "sd-appliance.cn", "家电", "华南"),
        ("大连渤海船舶配套有限公司", "bohai-marine.cn", "船舶", "华北"),
        ("南京金陵精细化工有限公司", "jinling-chem.cn", "化工", "华东"),
        ("郑州中原冷链物流有限公司", "zy-coldchain.cn", "物流", "华中"),
        ("昆明云岭制药有限公司", "yunling-pharma.cn", "医药", "西部"),
        ("沈阳华北机床有限公司", "huabei-mt.cn", "机械", "华北"),
    ],
    EN: [
        ("Northwind Components Ltd", "northwind-components.co.uk", "Manufacturing", "Europe"),
        ("Harbor Point Logistics Inc.", "harborpoint.com", "Logistics", "North America"),
        ("Bluewater Chemicals GmbH", "bluewater-chemicals.de", "Chemicals", "Europe"),
        ("Summit Automotive Systems", "summit-auto.com", "Automotive", "North America"),
        ("Greenfield Foods plc", "greenfieldfoods.co.uk", "Food & Beverage", "Europe"),
        ("Apex Semiconductor Corp.", "apexsemi.com", "Electronics", "North America"),
        ("Meridian Medical Devices", "meridian-med.eu", "Pharmaceuticals", "Europe"),
        ("Silverline Packaging Co.", "silverline-pack.sg", "Packaging", "Southeast Asia"),
        ("Redwood Energy Solutions", "redwood-energy.com", "Energy", "North America"),
        ("Atlas Heavy Industries", "atlas-heavy.my", "Machinery", "Southeast Asia"),
        ("Pioneer Textiles Sdn Bhd", "pioneer-textiles.my", "Textiles", "Southeast Asia"),
        ("Crescent Aerospace Ltd", "crescent-aero.co.uk", "Aerospace", "Europe"),
        ("Lakeside Appliance Group", "lakeside-appliance.com", "Appliances", "North America"),
        ("Orion Robotics AG", "orion-robotics.ch", "Electronics", "Europe"),
        ("Keystone Building Materials", "keystone-bm.com", "Manufacturing", "North America"),
        ("Evergreen Paper Mills", "evergreen-paper.com", "Packaging", "Southeast Asia"),
    ],
}

# (characters, pinyin): the pinyin makes the e-mail address.
CHINESE_SURNAMES = [
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("赵", "zhao"),
    ("黄", "huang"),
    ("周", "zhou"),
    ("吴", "wu"),
    ("徐", "xu"),
    ("孙", "sun"),
    ("胡", "hu"),
    ("朱", "zhu"),
    ("高", "gao"),
    ("林", "lin"),
    ("何", "he"),
    ("郭", "guo"),
    ("马", "ma"),
    ("罗", "luo"),
]
CHINESE_GIVEN = [
    ("伟", "wei"),
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("静", "jing"),
    ("磊", "lei"),
    ("强", "qiang"),
    ("军", "jun"),
    ("洋", "yang"),
    ("勇", "yong"),
    ("艳", "yan"),
    ("杰", "jie"),
    ("涛", "tao"),
    ("明", "ming"),
    ("超", "chao"),
    ("秀英", "xiuying"),
    ("建华", "jianhua"),
    ("志强", "zhiqiang"),
    ("海燕", "haiyan"),
    ("晓东", "xiaodong"),
]
ENGLISH_FIRST = [
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "Michael",
    "Jennifer",
    "David",
    "Linda",
    "Thomas",
    "Susan",
    "Daniel",
    "Karen",
    "Mark",
    "Laura",
    "Paul",
    "Anna",
    "Lukas",
    "Sophie",
    "Oliver",
    "Charlotte",
]
ENGLISH_LAST = [
    "Smith",
    "Johnson",
    "Brown",
    "Taylor",
    "Anderson",
    "Thomas",
    "Moore",
    "Martin",
    "Walker",
    "Hall",
    "Young",
    "King",
    "Wright",
    "Scott",
    "Green",
    "Becker",
    "Fischer",
    "Weber",
    "Lim",
    "Tan",
]


class Title(NamedTuple):
    """A stakeholder's title in both languages, with the role it usually plays."""

    buying_role: str
    influence: int
    en: str
    zh: str


# By level of the stakeholder map.
TOP_TITLES = [
    Title(BuyingRole.DECISION_MAKER, 5, "General Manager", "总经理"),
    Title(BuyingRole.DECISION_MAKER, 5, "Managing Director", "董事总经理"),
    Title(BuyingRole.DECISION_MAKER, 5, "Plant Director", "厂长"),
]
MIDDLE_TITLES = [
    Title(BuyingRole.DECISION_MAKER, 4, "Purchasing Director", "采购总监"),
    Title(BuyingRole.INFLUENCER, 4, "Quality Director", "质量总监"),
    Title(BuyingRole.INFLUENCER, 4, "Chief Financial Officer", "财务总监"),
    Title(BuyingRole.CHAMPION, 4, "Head of Engineering", "工程部经理"),
    Title(BuyingRole.INFLUENCER, 3, "Supply Chain Director", "供应链总监"),
]
STAFF_TITLES = [
    Title(BuyingRole.INFLUENCER, 3, "Purchasing Manager", "采购经理"),
    Title(BuyingRole.USER, 2, "Quality Engineer", "质量工程师"),
    Title(BuyingRole.USER, 2, "Production Engineer", "生产工程师"),
    Title(BuyingRole.USER, 2, "Buyer", "采购专员"),
    Title(BuyingRole.USER, 1, "Warehouse Manager", "仓库主管"),
    Title(BuyingRole.BLOCKER, 2, "Process Engineer", "工艺工程师"),
    Title(BuyingRole.CHAMPION, 3, "R&D Engineer", "研发工程师"),
]
#: A large account's four stakeholders: (their titles, whom they report to by position).
LARGE_STAKEHOLDERS = [(TOP_TITLES, None), (MIDDLE_TITLES, 0), (STAFF_TITLES, 1), (STAFF_TITLES, 1)]

VISIT_KINDS = [
    (VisitKind.ON_SITE, 5),
    (VisitKind.PHONE, 3),
    (VisitKind.VIDEO, 2),
    (VisitKind.MEETING, 2),
    (VisitKind.EVENT, 1),
]
# (purpose, summary, next steps)
VISIT_NOTES = {
    EN: [
        (
            "Quarterly business review",
            "Reviewed volumes, delivery performance and open issues for the quarter.",
            "Send the updated forecast and the delivery report.",
        ),
        (
            "Quality complaint follow-up",
            "Walked the line with their quality team; agreed on containment and an 8D report.",
            "Deliver the 8D report and arrange an engineer visit.",
        ),
        (
            "New product introduction",
            "Presented the new product range; engineering asked for samples.",
            "Ship samples and book a technical session.",
        ),
        (
            "Price negotiation",
            "Discussed next year's prices against raw-material costs; no agreement yet.",
            "Prepare a revised offer with volume tiers.",
        ),
        (
            "Plant audit",
            "Supplier audit of our plant by their quality team; two minor findings.",
            "Close the audit findings and send evidence.",
        ),
        (
            "Delivery performance review",
            "Late deliveries in the last month discussed; logistics plan agreed.",
            "Confirm the new shipping schedule with logistics.",
        ),
        (
            "Contract renewal discussion",
            "Framework agreement expires this year; they want longer payment terms.",
            "Ask finance about payment terms and send a draft.",
        ),
        (
            "Technical workshop",
            "Joint workshop on a cost-down proposal with their engineers.",
            "Write up the cost-down options.",
        ),
        (
            "Relationship dinner",
            "Dinner with the management team; good atmosphere, expansion plans shared.",
            "",
        ),
        (
            "Annual planning",
            "Agreed the account's goals and the meeting cadence for the coming year.",
            "Share the relationship plan for sign-off.",
        ),
    ],
    ZH: [
        (
            "季度业务回顾",
            "回顾了本季度的采购量、交付表现和未结问题。",
            "发送更新后的需求预测和交付报告。",
        ),
        (
            "质量投诉跟进",
            "与客户质量团队一起走访产线，商定了围堵措施和8D报告。",
            "提交8D报告，并安排工程师到现场。",
        ),
        (
            "新产品介绍",
            "介绍了新产品系列，对方工程部要求提供样品。",
            "寄送样品并预约技术交流会。",
        ),
        (
            "价格谈判",
            "结合原材料成本讨论了明年的价格，尚未达成一致。",
            "准备按采购量分档的新报价。",
        ),
        (
            "工厂审核",
            "客户质量团队对我方工厂进行供应商审核，发现两项轻微问题。",
            "关闭审核发现项并提交整改证据。",
        ),
        (
            "交付表现回顾",
            "讨论了上个月的延迟交付，商定了物流改进方案。",
            "与物流部确认新的发货计划。",
        ),
        (
            "合同续签洽谈",
            "框架协议今年到期，客户希望延长付款账期。",
            "向财务部确认付款条件并发送合同草案。",
        ),
        (
            "技术研讨会",
            "与客户工程师共同研讨降本方案。",
            "整理降本方案的各项选择。",
        ),
        (
            "商务晚宴",
            "与客户管理层共进晚餐，气氛融洽，对方介绍了扩产计划。",
            "",
        ),
        (
            "年度规划",
            "商定了客户的年度目标和来年的会议节奏。",
            "发送关系维护计划供客户确认。",
        ),
    ],
}
SURVEY_COMMENTS = {
    EN: {
        1: [
            "Repeated late deliveries, we are looking at other suppliers.",
            "Quality problems are not resolved.",
        ],
        2: ["Response time to complaints is too slow.", "Prices went up without notice."],
        3: ["Acceptable, but delivery dates slip too often.", "Product is fine, support is slow."],
        4: [
            "Good cooperation overall.",
            "Reliable supplier; documentation could be better.",
            "Happy with the account team.",
        ],
        5: [
            "Excellent support from the account team.",
            "Best supplier in this category.",
            "Quick answers, on-time deliveries.",
        ],
    },
    ZH: {
        1: ["交货屡次延误，我们正在考虑其他供应商。", "质量问题一直没有解决。"],
        2: ["投诉响应太慢。", "涨价没有提前通知。"],
        3: ["总体可以接受，但交期经常推迟。", "产品没问题，技术支持太慢。"],
        4: ["整体合作良好。", "供应商可靠，技术文件有待完善。", "对客户团队很满意。"],
        5: ["客户团队的支持非常出色。", "同类供应商中最好的一家。", "答复迅速，交货准时。"],
    },
}
PLAN_OBJECTIVES = {
    EN: [
        "Deepen the relationship with the decision makers and secure the framework renewal.",
        "Recover trust after last year's quality issues; monthly reviews with quality.",
        "Grow share of wallet in the new product line.",
        "Introduce our engineering team early in their new projects.",
        "Keep satisfaction at 4+ and prepare the next price round.",
    ],
    ZH: [
        "加深与决策层的关系，确保框架协议续签。",
        "挽回去年质量问题造成的信任损失；每月与质量部门回顾。",
        "提高新产品线的采购份额。",
        "让我方工程团队尽早参与客户的新项目。",
        "保持满意度在4分以上，为下一轮价格谈判做准备。",
    ],
}
ACTION_TITLES = {
    EN: [
        "Executive dinner with the general manager",
        "Quarterly business review",
        "Invite to the product launch event",
        "Site visit with our engineers",
        "Joint cost-down workshop",
        "Send the satisfaction survey",
        "Plant tour for their purchasing team",
        "Review the contract terms",
    ],
    ZH: [
        "与总经理共进高层晚宴",
        "季度业务回顾",
        "邀请参加新品发布会",
        "与我方工程师一起现场拜访",
        "联合降本研讨会",
        "发送满意度调查",
        "邀请客户采购团队参观工厂",
        "审阅合同条款",
    ],
}

# The large size's names: a Chinese one is city + two characters + a legal name that says
# the trade, an English one two words + a suffix that does; the trade is the industry.
LARGE_CITIES = ["杭州", "苏州", "深圳", "广州", "宁波", "上海", "天津", "北京", "成都", "重庆"]
LARGE_WORDS = ["华", "信", "达", "恒", "泰", "鑫", "盛", "远", "宏", "海"]
LARGE_EN_FIRST = ["North", "Blue", "Green", "Silver", "Red", "Golden", "Pacific", "Summit"]
LARGE_EN_SECOND = ["wind", "water", "field", "line", "wood", "gate", "bridge", "stone"]
# (legal name, industry)
LARGE_SUFFIXES = {
    ZH: [
        ("机械有限公司", "机械"),
        ("电子有限公司", "电子"),
        ("化工有限公司", "化工"),
        ("物流有限公司", "物流"),
        ("食品有限公司", "食品饮料"),
        ("汽车零部件有限公司", "汽车零部件"),
        ("制药有限公司", "医药"),
        ("包装材料有限公司", "包装"),
        ("新能源科技股份有限公司", "能源"),
        ("纺织有限公司", "纺织"),
    ],
    EN: [
        ("Components Ltd", "Manufacturing"),
        ("Machinery Inc.", "Machinery"),
        ("Chemicals GmbH", "Chemicals"),
        ("Logistics Co.", "Logistics"),
        ("Foods plc", "Food & Beverage"),
        ("Automotive Systems AG", "Automotive"),
        ("Pharma Ltd", "Pharmaceuticals"),
        ("Packaging Co.", "Packaging"),
        ("Energy Corp.", "Energy"),
        ("Electronics Inc.", "Electronics"),
    ],
}
LARGE_REGIONS = {
    ZH: ["华东", "华南", "华北", "西部", "华中"],
    EN: ["Europe", "North America", "Southeast Asia"],
}


def demo_accounts(size: str) -> QuerySet:
    """The accounts of a size's demo reps, oldest first: what later apps seed for."""
    return Account.objects.filter(owner__in=demo_reps(size)).order_by("pk")


def seed(context: DemoContext) -> dict[str, int]:
    seed_small(context)
    if context.large:
        seed_large(context)
    return counts(Account, Contact, Visit, SurveyResponse, RelationshipPlan, PlanAction)


# Shared by both sizes --------------------------------------------------------------------


def person(rng: random.Random, language: str) -> tuple[str, str]:
    """A name written the language's way, and the local part of their e-mail address."""
    if language == ZH:
        surname, surname_py = rng.choice(CHINESE_SURNAMES)
        given, given_py = rng.choice(CHINESE_GIVEN)
        return surname + given, f"{given_py}.{surname_py}"
    first, last = rng.choice(ENGLISH_FIRST), rng.choice(ENGLISH_LAST)
    return f"{first} {last}", f"{first}.{last}".lower()


def phone(rng: random.Random, language: str) -> str:
    if language == ZH:
        return f"+86 1{rng.randint(30, 89)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
    return (
        f"+{rng.choice([1, 44, 49, 65])} {rng.randint(100, 999)} "
        f"{rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    )


def contact_fields(
    rng: random.Random, titles: list[Title], language: str, used: set[Title], domain: str = ""
) -> dict:
    """A stakeholder with a title nobody at the account has yet (while there are any)."""
    title = rng.choice([t for t in titles if t not in used] or titles)
    used.add(title)
    name, mailbox = person(rng, language)
    sentiment = rng.choices(
        [Sentiment.SUPPORTIVE, Sentiment.NEUTRAL, Sentiment.OPPOSED], weights=[5, 4, 1]
    )[0]
    return {
        "name": name,
        "email": f"{mailbox}@{domain}" if domain else "",
        "phone": phone(rng, language),
        "title": getattr(title, language),
        "buying_role": title.buying_role,
        "influence": title.influence,
        "sentiment": Sentiment.OPPOSED if title.buying_role == BuyingRole.BLOCKER else sentiment,
    }


def at(rng: random.Random, day: dt.date) -> dt.datetime:
    """A time during office hours of ``day``."""
    time = dt.time(rng.randint(8, 17), rng.choice([0, 30]))
    return timezone.make_aware(dt.datetime.combine(day, time))


# Small: every record through the services ------------------------------------------------


def seed_small(context: DemoContext) -> None:
    if demo_accounts(SMALL).exists():
        context.out.write(context.style.NOTICE(_("Demo accounts already exist; skipping them.")))
        return
    reps = list(demo_reps(SMALL))
    demo = SmallDemo(context)
    companies = [
        (f"{CODE_PREFIXES[language]}-{number:04d}", language, company)
        for language in (ZH, EN)
        for number, company in enumerate(COMPANIES[language], start=1)
    ]
    for index, (code, language, company) in enumerate(companies):
        demo.account(reps[index % len(reps)], index, code, language, *company)


class SmallDemo:
    """The forty demo companies; ``index`` (their place in the list) sets their story."""

    def __init__(self, context: DemoContext):
        self.rng = context.random("accounts")
        self.today = context.today

    def account(self, owner, index, code, language, name, domain, industry, region):
        rng, today = self.rng, self.today
        # Mostly long-standing customers, a few prospects and two that left.
        if index in (7, 30):
            status = AccountStatus.CHURNED
        elif index % 9 == 4:
            status = AccountStatus.PROSPECT
        else:
            status = AccountStatus.ACTIVE
        customer_since = None
        churned_on = None
        if status != AccountStatus.PROSPECT:
            customer_since = today - dt.timedelta(days=rng.randint(400, 3000))
        if status == AccountStatus.CHURNED:
            churned_on = today - dt.timedelta(days=rng.randint(60, 300))
        tier = rng.choices([Tier.STRATEGIC, Tier.KEY, Tier.GROWTH], weights=[2, 5, 3])[0]
        # A churned account is created active and churned through the service, as in life.
        account = services.account_create(
            by=owner,
            code=code,
            name=name,
            industry=industry,
            region=region,
            tier=tier,
            status=AccountStatus.ACTIVE if churned_on else status,
            customer_since=customer_since,
            annual_potential=Decimal(rng.randrange(500, 50_000) * 1000),
        )
        contacts = self.contacts(owner, account, domain, language)
        last_day = churned_on or today - dt.timedelta(days=1)
        # About one account in eight goes quiet, so the "unvisited" reminders have work.
        if index % 8 == 5:
            last_day = today - dt.timedelta(days=rng.randint(100, 200))
        first_day = today - dt.timedelta(days=HISTORY_DAYS)
        if status == AccountStatus.PROSPECT:
            first_day = today - dt.timedelta(days=rng.randint(60, 240))
        self.visits(owner, account, contacts, first_day, last_day, language)
        if status != AccountStatus.PROSPECT:
            since = max(first_day, customer_since)
            self.surveys(owner, account, contacts, since, last_day, language)
            self.plans(owner, account, tier, language, active=churned_on is None)
        if churned_on:
            # The visit services wrote last_visited_at in the database; churning saves the
            # whole instance, so it must not carry the stale empty value back.
            account.refresh_from_db(fields=["last_visited_at"])
            services.account_churn(account=account, by=owner, churned_on=churned_on)

    def contacts(self, owner, account, domain, language) -> list[Contact]:
        rng, used = self.rng, set()

        def contact(titles, reports_to=None):
            fields = contact_fields(rng, titles, language, used, domain)
            return services.contact_create(
                by=owner, account=account, reports_to=reports_to, **fields
            )

        top = contact(TOP_TITLES)
        middle = [contact(MIDDLE_TITLES, top) for _middle in range(rng.randint(1, 3))]
        staff = [contact(STAFF_TITLES, rng.choice(middle)) for _staff in range(rng.randint(1, 3))]
        return [top, *middle, *staff]

    def visits(self, owner, account, contacts, first_day, last_day, language):
        rng = self.rng
        day = first_day + dt.timedelta(days=rng.randint(0, 20))
        while day <= last_day:
            kind = rng.choices([k for k, _ in VISIT_KINDS], weights=[w for _, w in VISIT_KINDS])[0]
            purpose, summary, next_steps = rng.choice(VISIT_NOTES[language])
            follow_up_on = None
            if next_steps and rng.random() < 0.35:
                follow_up_on = day + dt.timedelta(days=rng.randint(5, 30))
            met = rng.sample(contacts, k=min(len(contacts), rng.randint(1, 3)))
            services.visit_create(
                by=owner,
                account=account,
                kind=kind,
                purpose=purpose,
                summary=summary,
                next_steps=next_steps,
                follow_up_on=follow_up_on,
                contacts=met,
                visited_at=at(rng, day),
            )
            day += dt.timedelta(days=rng.randint(18, 60))

    def surveys(self, owner, account, contacts, first_day, last_day, language):
        rng = self.rng
        mood = rng.choices([5, 4, 3], weights=[3, 5, 2])[0]  # how this customer feels overall
        day = first_day + dt.timedelta(days=rng.randint(0, 45))
        while day <= last_day:
            for _response in range(rng.randint(1, 2)):
                score = max(1, min(5, mood + rng.choice([-2, -1, 0, 0, 0, 1])))
                services.survey_create(
                    by=owner,
                    account=account,
                    contact=rng.choice(contacts),
                    received_on=day,
                    score=score,
                    nps=max(0, min(10, score * 2 + rng.randint(-1, 0))),
                    comment=rng.choice(SURVEY_COMMENTS[language][score]),
                    # Answers after a ticket come with their tickets (tickets/demo.py).
                    source=rng.choices(list(SurveySource), weights=[6, 0, 1, 2])[0],
                )
            day += dt.timedelta(days=rng.randint(80, 100))

    def plans(self, owner, account, tier, language, *, active: bool):
        rng, today = self.rng, self.today
        quarter = Quarter.of(today).quarter
        periods = [(today.year - 1, None, PlanStatus.COMPLETED)]
        if active:
            periods.append((today.year, None, PlanStatus.ACTIVE))
            if tier == Tier.STRATEGIC:
                periods.append((today.year, quarter, PlanStatus.ACTIVE))
        for year, plan_quarter, status in periods:
            plan = services.relationship_plan_create(
                by=owner,
                account=account,
                year=year,
                quarter=plan_quarter,
                status=status,
                objectives=rng.choice(PLAN_OBJECTIVES[language]),
            )
            for title in rng.sample(ACTION_TITLES[language], k=rng.randint(2, 4)):
                due_on = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(20, 350))
                if plan_quarter:
                    due_on = Quarter(year, plan_quarter).start + dt.timedelta(
                        days=rng.randint(5, 85)
                    )
                # Draw both numbers every time, so the content does not depend on the date.
                finished, slack = rng.random() < 0.8, rng.randint(-10, 10)
                done_on = None
                if due_on < today and finished:
                    done_on = min(today, due_on + dt.timedelta(days=slack))
                services.plan_action_create(
                    by=owner, plan=plan, title=title, due_on=due_on, done_on=done_on
                )


# Large: the benchmark size with bulk_create ----------------------------------------------


def large_company(rng: random.Random, language: str) -> tuple[str, str]:
    """A company name and its industry."""
    suffix, industry = rng.choice(LARGE_SUFFIXES[language])
    if language == ZH:
        words = rng.choice(LARGE_WORDS) + rng.choice(LARGE_WORDS)
        return f"{rng.choice(LARGE_CITIES)}{words}{suffix}", industry
    return f"{rng.choice(LARGE_EN_FIRST)}{rng.choice(LARGE_EN_SECOND)} {suffix}", industry


def documented(rows: list) -> list:
    """Bulk rows with the search document ``clean()`` would have set (``kam.search``)."""
    for row in rows:
        row.search_text = document(*row.search_parts())
    return rows


def seed_large(context: DemoContext) -> None:
    """The benchmark's accounts and their records, written in batches.

    No per-row history or ``clean()``: values are generated inside the models' rules, and
    the database constraints still check them.
    """
    if demo_accounts(LARGE).exists():
        context.out.write(context.style.NOTICE(_("Benchmark data already exists; skipping it.")))
        return
    rng, today, out = context.random("accounts.large"), context.today, context.out
    reps = list(demo_reps(LARGE))

    out.write(_("Benchmark: accounts…"))
    accounts, languages = [], []
    for n in range(1, context.scaled(LARGE_ACCOUNTS) + 1):
        language = ZH if rng.random() < 0.5 else EN
        company, industry = large_company(rng, language)
        # The number keeps the names apart, so the duplicate check stays quiet.
        name = f"{company} #{n:05d}"
        since = today - dt.timedelta(days=rng.randint(100, 3000))
        churned = rng.random() < 0.05
        account = Account(
            code=f"{LARGE_CODE_PREFIX}-{n:05d}",
            name=name,
            name_key=company_name_key(name),
            industry=industry,
            region=rng.choice(LARGE_REGIONS[language]),
            owner=reps[(n - 1) % len(reps)],
            tier=rng.choices([Tier.STRATEGIC, Tier.KEY, Tier.GROWTH], weights=[1, 5, 4])[0],
            status=AccountStatus.CHURNED if churned else AccountStatus.ACTIVE,
            customer_since=since,
            churned_on=since + dt.timedelta(days=rng.randint(30, 90)) if churned else None,
            annual_potential=Decimal(rng.randrange(100, 20_000) * 1000),
        )
        accounts.append(account)
        languages.append(language)
    Account.objects.bulk_create(documented(accounts), batch_size=BATCH_SIZE)
    language_of = dict(zip((account.pk for account in accounts), languages, strict=True))

    out.write(_("Benchmark: contacts…"))
    contacts_of: dict[int, list[Contact]] = {account.pk: [] for account in accounts}
    titles_of: dict[int, set[Title]] = {account.pk: set() for account in accounts}
    # One level of the stakeholder map at a time: a contact's boss needs a pk first.
    for titles, boss in LARGE_STAKEHOLDERS:
        level = [
            Contact(
                account=account,
                reports_to=None if boss is None else contacts_of[account.pk][boss],
                **contact_fields(rng, titles, language_of[account.pk], titles_of[account.pk]),
            )
            for account in accounts
        ]
        for contact in Contact.objects.bulk_create(documented(level), batch_size=BATCH_SIZE):
            contacts_of[contact.account_id].append(contact)

    out.write(_("Benchmark: visits…"))
    visits = []
    for account in accounts:
        notes = VISIT_NOTES[language_of[account.pk]]
        for _visit in range(LARGE_VISITS_PER_ACCOUNT):
            day = today - dt.timedelta(days=rng.randint(1, HISTORY_DAYS))
            purpose, summary, next_steps = rng.choice(notes)
            visits.append(
                Visit(
                    account=account,
                    rep=account.owner,
                    purpose=purpose,
                    summary=summary,
                    next_steps=next_steps,
                    kind=rng.choice(VisitKind.values),
                    visited_at=at(rng, day),
                    follow_up_on=day + dt.timedelta(days=14) if rng.random() < 0.2 else None,
                )
            )
    Visit.objects.bulk_create(documented(visits), batch_size=BATCH_SIZE)
    Met = Visit.contacts.through
    Met.objects.bulk_create(
        [
            Met(visit_id=visit.pk, contact_id=contact.pk)
            for visit in visits
            for contact in rng.sample(contacts_of[visit.account_id], k=rng.randint(1, 2))
        ],
        batch_size=BATCH_SIZE,
    )
    # What the visit services keep for every visit they write (the pages sort on it).
    account_ids = [account.pk for account in accounts]
    for start in range(0, len(account_ids), BATCH_SIZE):
        services.visits_changed(account_ids=account_ids[start : start + BATCH_SIZE])

    out.write(_("Benchmark: survey responses…"))
    surveys = []
    for account in accounts:
        comments = SURVEY_COMMENTS[language_of[account.pk]]
        for _survey in range(LARGE_SURVEYS_PER_ACCOUNT):
            score = rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 6, 15, 12])[0]
            surveys.append(
                SurveyResponse(
                    account=account,
                    contact=rng.choice(contacts_of[account.pk]),
                    score=score,
                    nps=min(10, score * 2),
                    comment=rng.choice(comments[score]),
                    source=SurveySource.PERIODIC,
                    received_on=today - dt.timedelta(days=rng.randint(1, HISTORY_DAYS)),
                )
            )
    SurveyResponse.objects.bulk_create(documented(surveys), batch_size=BATCH_SIZE)

    out.write(_("Benchmark: relationship plans…"))
    active = [account for account in accounts if account.status == AccountStatus.ACTIVE]
    plans = RelationshipPlan.objects.bulk_create(
        documented(
            [
                RelationshipPlan(
                    account=account,
                    year=today.year,
                    status=PlanStatus.ACTIVE,
                    objectives=rng.choice(PLAN_OBJECTIVES[language_of[account.pk]]),
                )
                for account in active
            ]
        ),
        batch_size=BATCH_SIZE,
    )
    PlanAction.objects.bulk_create(
        documented(
            [
                PlanAction(
                    plan=plan,
                    title=title,
                    owner=plan.account.owner,
                    due_on=dt.date(today.year, 1, 1) + dt.timedelta(days=rng.randint(0, 360)),
                )
                for plan in plans
                for title in rng.sample(ACTION_TITLES[language_of[plan.account.pk]], k=2)
            ]
        ),
        batch_size=BATCH_SIZE,
    )
