"""``manage.py seed_demo [--size small|large]``: deterministic, realistic demo data.

``small`` (the default, what ``make run`` loads) creates the demo logins and about forty
accounts with two years of history, every record written through the services, so it
passes the same validation as the site. ``large`` adds the benchmark size on top
(500 reps, 10,000 accounts and their records) with ``bulk_create`` in batches.

Content comes from ``random.Random(42)`` and dates are relative to today, so two runs on
the same day produce the same data. Running again is safe: logins are created with
``get_or_create`` and a data set already present is detected and skipped.
"""

import datetime as dt
import random
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
from kam.choices import DepartmentCode, Role
from kam.models import Department, Team

#: The one password of every demo login. Demo data only: never load it in production.
DEMO_PASSWORD = "kam-demo-2026"  # noqa: S105
SEED = 42
HISTORY_DAYS = 730
BATCH_SIZE = 2000

# (username, first name, last name)
ADMIN = ("admin", "Ada", "Admin")
EXECUTIVE = ("zhou.min", "Min", "Zhou")
TEAMS = [
    {
        "name": "East",
        "manager": ("wang.fang", "Fang", "Wang"),
        "reps": [
            ("li.wei", "Wei", "Li"),
            ("zhang.min", "Min", "Zhang"),
            ("liu.yang", "Yang", "Liu"),
        ],
    },
    {
        "name": "West",
        "manager": ("sarah.miller", "Sarah", "Miller"),
        "reps": [
            ("tom.baker", "Tom", "Baker"),
            ("chen.hui", "Hui", "Chen"),
            ("emma.wright", "Emma", "Wright"),
        ],
    },
]
DEPARTMENT_PEOPLE = {
    DepartmentCode.SALES: ("Jun", "Huang"),
    DepartmentCode.CUSTOMER_SERVICE: ("Lin", "Xu"),
    DepartmentCode.TECH_SUPPORT: ("Tao", "Sun"),
    DepartmentCode.PRODUCTION: ("Qiang", "Ma"),
    DepartmentCode.LOGISTICS: ("Hong", "Zhu"),
    DepartmentCode.RND: ("Peter", "Schmidt"),
    DepartmentCode.LEGAL: ("Hua", "Gao"),
    DepartmentCode.FINANCE: ("Mei", "He"),
    DepartmentCode.MARKETING: ("Olivia", "Brown"),
    DepartmentCode.TRAINING: ("Gang", "Guo"),
}

# (name, e-mail domain, industry, region)
CHINESE_COMPANIES = [
    ("杭州精密铸造有限公司", "hz-castings.com.cn", "Manufacturing", "East China"),
    ("苏州港湾物流有限公司", "szharbour.com.cn", "Logistics", "East China"),
    ("深圳华信电子科技有限公司", "huaxin-tech.cn", "Electronics", "South China"),
    ("广州南粤食品集团", "nanyuefood.cn", "Food & Beverage", "South China"),
    ("宁波东海机械制造有限公司", "donghai-mach.cn", "Machinery", "East China"),
    ("上海申达汽车零部件有限公司", "shenda-auto.com", "Automotive", "East China"),
    ("天津北方化工股份有限公司", "tj-northchem.cn", "Chemicals", "North China"),
    ("北京中科智能装备有限公司", "zkzn.com.cn", "Electronics", "North China"),
    ("成都天府医药有限公司", "tianfu-pharma.cn", "Pharmaceuticals", "West China"),
    ("重庆长江重工集团", "cjhi.com.cn", "Machinery", "West China"),
    ("武汉光谷新能源科技有限公司", "ovnewenergy.cn", "Energy", "Central China"),
    ("青岛海润包装材料有限公司", "hairun-pack.cn", "Packaging", "North China"),
    ("无锡新纪元半导体有限公司", "xjy-semi.com", "Electronics", "East China"),
    ("厦门鹭岛纺织有限公司", "ludao-textile.cn", "Textiles", "South China"),
    ("西安秦川航空部件有限公司", "qinchuan-aero.cn", "Aerospace", "West China"),
    ("合肥蓝天食品有限公司", "lantian-food.cn", "Food & Beverage", "Central China"),
    ("东莞恒力模具有限公司", "hengli-mould.cn", "Manufacturing", "South China"),
    ("长沙湘江工程机械有限公司", "xjcm.com.cn", "Machinery", "Central China"),
    ("佛山顺德家电集团", "sd-appliance.cn", "Appliances", "South China"),
    ("大连渤海船舶配套有限公司", "bohai-marine.cn", "Shipbuilding", "North China"),
    ("南京金陵精细化工有限公司", "jinling-chem.cn", "Chemicals", "East China"),
    ("郑州中原冷链物流有限公司", "zy-coldchain.cn", "Logistics", "Central China"),
    ("昆明云岭制药有限公司", "yunling-pharma.cn", "Pharmaceuticals", "West China"),
    ("沈阳华北机床有限公司", "huabei-mt.cn", "Machinery", "North China"),
]
ENGLISH_COMPANIES = [
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
]

# (characters, pinyin)
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

# (title, buying role, influence) by level of the stakeholder map.
TOP_TITLES = [
    ("General Manager", BuyingRole.DECISION_MAKER, 5),
    ("Managing Director", BuyingRole.DECISION_MAKER, 5),
    ("Plant Director", BuyingRole.DECISION_MAKER, 5),
]
MIDDLE_TITLES = [
    ("Purchasing Director", BuyingRole.DECISION_MAKER, 4),
    ("Quality Director", BuyingRole.INFLUENCER, 4),
    ("Chief Financial Officer", BuyingRole.INFLUENCER, 4),
    ("Head of Engineering", BuyingRole.CHAMPION, 4),
    ("Supply Chain Director", BuyingRole.INFLUENCER, 3),
]
STAFF_TITLES = [
    ("Purchasing Manager", BuyingRole.INFLUENCER, 3),
    ("Quality Engineer", BuyingRole.USER, 2),
    ("Production Engineer", BuyingRole.USER, 2),
    ("Buyer", BuyingRole.USER, 2),
    ("Warehouse Manager", BuyingRole.USER, 1),
    ("Process Engineer", BuyingRole.BLOCKER, 2),
    ("R&D Engineer", BuyingRole.CHAMPION, 3),
]

VISIT_KINDS = [
    (VisitKind.ON_SITE, 5),
    (VisitKind.PHONE, 3),
    (VisitKind.VIDEO, 2),
    (VisitKind.MEETING, 2),
    (VisitKind.EVENT, 1),
]
VISIT_PURPOSES = [
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
]
SURVEY_COMMENTS = {
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
}
PLAN_OBJECTIVES = [
    "Deepen the relationship with the decision makers and secure the framework renewal.",
    "Recover trust after last year's quality issues; monthly reviews with quality.",
    "Grow share of wallet in the new product line.",
    "Introduce our engineering team early in their new projects.",
    "Keep satisfaction at 4+ and prepare the next price round.",
]
ACTION_TITLES = [
    "Executive dinner with the general manager",
    "Quarterly business review",
    "Invite to the product launch event",
    "Site visit with our engineers",
    "Joint cost-down workshop",
    "Send the satisfaction survey",
    "Plant tour for their purchasing team",
    "Review the contract terms",
]
LARGE_REGIONS = [
    "East China",
    "South China",
    "North China",
    "West China",
    "Central China",
    "Europe",
    "North America",
    "Southeast Asia",
]
LARGE_INDUSTRIES = sorted({c[2] for c in CHINESE_COMPANIES + ENGLISH_COMPANIES})
LARGE_CITIES = [
    ("杭州", "hz"),
    ("苏州", "sz"),
    ("深圳", "shz"),
    ("广州", "gz"),
    ("宁波", "nb"),
    ("上海", "sh"),
    ("天津", "tj"),
    ("北京", "bj"),
    ("成都", "cd"),
    ("重庆", "cq"),
    ("武汉", "wh"),
    ("青岛", "qd"),
    ("无锡", "wx"),
    ("厦门", "xm"),
    ("西安", "xa"),
]
LARGE_WORDS = [
    ("华", "hua"),
    ("信", "xin"),
    ("达", "da"),
    ("恒", "heng"),
    ("泰", "tai"),
    ("鑫", "xin"),
    ("盛", "sheng"),
    ("远", "yuan"),
    ("宏", "hong"),
    ("海", "hai"),
]
LARGE_SUFFIXES = [
    "机械有限公司",
    "电子有限公司",
    "化工有限公司",
    "物流有限公司",
    "食品有限公司",
    "科技股份有限公司",
]
LARGE_EN_FIRST = [
    "North",
    "Blue",
    "Green",
    "Silver",
    "Red",
    "Golden",
    "Pacific",
    "Summit",
    "Atlas",
    "Pioneer",
    "Orion",
    "Crescent",
    "Keystone",
    "Evergreen",
    "Meridian",
]
LARGE_EN_SECOND = [
    "wind",
    "water",
    "field",
    "line",
    "wood",
    "gate",
    "bridge",
    "stone",
    "peak",
    "harbor",
]
LARGE_EN_SUFFIXES = [
    "Components Ltd",
    "Industries Inc.",
    "Chemicals GmbH",
    "Logistics Co.",
    "Foods plc",
    "Systems AG",
]
LARGE = {
    "teams": 50,
    "reps_per_team": 10,
    "accounts": 10_000,
    "contacts_per_account": 4,
    "visits_per_account": 10,
    "surveys": 100_000,
}


class Command(BaseCommand):
    help = gettext_lazy("Load deterministic demo data and print the demo logins.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            choices=["small", "large"],
            default="small",
            help=gettext_lazy("small: the demo (default); large: the benchmark size."),
        )

    def handle(self, *args, size, **options):
        started = time.monotonic()
        if not Department.objects.exists():
            raise CommandError(_("No departments: run `manage.py migrate` first."))
        seeder = DemoSeeder(today=timezone.localdate(), out=self.stdout, style=self.style)
        with transaction.atomic():
            logins = seeder.seed_logins()
            seeder.seed_small()
        if size == "large":
            seeder.seed_large()
        self.print_logins(logins)
        if size == "large":
            self.stdout.write(
                _(
                    "Benchmark users: managers mgr001…mgr%(teams)03d, reps rep0001…rep%(reps)04d, "
                    "same password."
                )
                % {"teams": LARGE["teams"], "reps": LARGE["teams"] * LARGE["reps_per_team"]}
            )
        self.stdout.write(
            _(
                "Orders, tickets, contracts, plans, market intel and trainings are seeded by "
                "their apps once they exist; this seed covers users and accounts."
            )
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo data ready in %(seconds).1f s: %(counts)s.")
                % {
                    "seconds": time.monotonic() - started,
                    "counts": seeder.counts(),
                }
            )
        )

    def print_logins(self, logins):
        header = (_("username"), _("password"), _("role"), _("team / department"))
        rows = [header, *logins]
        widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
        self.stdout.write("")
        self.stdout.write(_("Demo logins (demo data only, never in production):"))
        for number, row in enumerate(rows):
            cells = (str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())
            if number == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        self.stdout.write("")


class DemoSeeder:
    def __init__(self, *, today: dt.date, out, style):
        self.today = today
        self.rng = random.Random(SEED)
        self.out = out
        self.style = style
        self.User = get_user_model()

    # Logins -----------------------------------------------------------------------------

    def seed_logins(self) -> list[tuple[str, str, str, str]]:
        users = []
        # One hash for all: hashing the same password twenty times is most of the seed's time.
        password = make_password(DEMO_PASSWORD)

        def user(username, first, last, role, **extra):
            obj, created = self.User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "role": role,
                    "email": f"{username}@kam-demo.example",
                    **extra,
                },
            )
            if created:
                obj.password = password
                obj.full_clean()
                obj.save()
            users.append(obj)
            return obj

        user(*ADMIN, Role.ADMIN, is_staff=True, is_superuser=True)
        user(*EXECUTIVE, Role.EXECUTIVE)
        self.reps = []
        for spec in TEAMS:
            team, _created = Team.objects.get_or_create(name=spec["name"])
            manager = user(*spec["manager"], Role.MANAGER)
            if team.manager_id != manager.pk:
                team.manager = manager
                team.save()
            self.reps += [user(*rep, Role.REP, team=team) for rep in spec["reps"]]
        for code, (first, last) in DEPARTMENT_PEOPLE.items():
            department = Department.objects.get(code=code)
            user(code.replace("_", "."), first, last, Role.DEPARTMENT, department=department)
        return [
            (obj.username, DEMO_PASSWORD, str(Role(obj.role).label), self.where(obj))
            for obj in users
        ]

    @staticmethod
    def where(user) -> str:
        if user.team or user.department:
            return str(user.team or user.department)
        return ", ".join(
            _("manages %(team)s") % {"team": team} for team in user.managed_teams.all()
        )

    # Small: every record through the services ------------------------------------------

    def seed_small(self):
        if Account.objects.filter(owner__in=self.reps).exists():
            self.out.write(_("Demo accounts already exist; skipping them."))
            return
        companies = [(*c, "zh") for c in CHINESE_COMPANIES] + [
            (*c, "en") for c in ENGLISH_COMPANIES
        ]
        for index, (name, domain, industry, region, language) in enumerate(companies):
            owner = self.reps[index % len(self.reps)]
            self.seed_account(owner, name, domain, industry, region, language, index)

    def seed_account(self, owner, name, domain, industry, region, language, index):
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
        account = services.account_create(
            by=owner,
            name=name,
            industry=industry,
            region=region,
            tier=tier,
            status=AccountStatus.ACTIVE if churned_on else status,
            customer_since=customer_since,
            annual_potential=Decimal(rng.randrange(500, 50_000) * 1000),
        )
        contacts = self.seed_contacts(owner, account, domain, language)
        last_day = churned_on or today - dt.timedelta(days=1)
        # About one account in eight goes quiet, so the "unvisited" reminders have work.
        if index % 8 == 5:
            last_day = today - dt.timedelta(days=rng.randint(100, 200))
        first_day = today - dt.timedelta(days=HISTORY_DAYS)
        if status == AccountStatus.PROSPECT:
            first_day = today - dt.timedelta(days=rng.randint(60, 240))
        self.seed_visits(owner, account, contacts, first_day, last_day)
        if status != AccountStatus.PROSPECT:
            self.seed_surveys(owner, account, contacts, max(first_day, customer_since), last_day)
            self.seed_plans(owner, account, tier, active=churned_on is None)
        if churned_on:
            services.account_churn(account=account, by=owner, churned_on=churned_on)

    def person(self, language, domain):
        rng = self.rng
        if language == "zh":
            surname, surname_py = rng.choice(CHINESE_SURNAMES)
            given, given_py = rng.choice(CHINESE_GIVEN)
            return surname + given, f"{given_py}.{surname_py}@{domain}"
        first, last = rng.choice(ENGLISH_FIRST), rng.choice(ENGLISH_LAST)
        return f"{first} {last}", f"{first}.{last}@{domain}".lower()

    def contact_fields(self, titles, language, domain, used_titles):
        rng = self.rng
        title, buying_role, influence = rng.choice(
            [t for t in titles if t[0] not in used_titles] or titles
        )
        used_titles.add(title)
        name, email = self.person(language, domain)
        sentiment = rng.choices(
            [Sentiment.SUPPORTIVE, Sentiment.NEUTRAL, Sentiment.OPPOSED], weights=[5, 4, 1]
        )[0]
        if buying_role == BuyingRole.BLOCKER:
            sentiment = Sentiment.OPPOSED
        return {
            "name": name,
            "email": email,
            "title": title,
            "buying_role": buying_role,
            "influence": influence,
            "sentiment": sentiment,
            "phone": f"+86 1{rng.randint(30, 89)} {rng.randint(1000, 9999)} "
            f"{rng.randint(1000, 9999)}"
            if language == "zh"
            else f"+{rng.choice([1, 44, 49, 65])} {rng.randint(100, 999)} "
            f"{rng.randint(100, 999)} {rng.randint(1000, 9999)}",
        }

    def seed_contacts(self, owner, account, domain, language) -> list[Contact]:
        rng, used = self.rng, set()
        top = services.contact_create(
            by=owner, account=account, **self.contact_fields(TOP_TITLES, language, domain, used)
        )
        middle = [
            services.contact_create(
                by=owner,
                account=account,
                reports_to=top,
                **self.contact_fields(MIDDLE_TITLES, language, domain, used),
            )
            for _middle in range(rng.randint(1, 3))
        ]
        staff = [
            services.contact_create(
                by=owner,
                account=account,
                reports_to=rng.choice(middle),
                **self.contact_fields(STAFF_TITLES, language, domain, used),
            )
            for _staff in range(rng.randint(1, 3))
        ]
        return [top, *middle, *staff]

    def seed_visits(self, owner, account, contacts, first_day, last_day):
        rng = self.rng
        day = first_day + dt.timedelta(days=rng.randint(0, 20))
        while day <= last_day:
            kind = rng.choices([k for k, _ in VISIT_KINDS], weights=[w for _, w in VISIT_KINDS])[0]
            purpose, summary, next_steps = rng.choice(VISIT_PURPOSES)
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
                visited_at=timezone.make_aware(
                    dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.choice([0, 30])))
                ),
            )
            day += dt.timedelta(days=rng.randint(18, 60))

    def seed_surveys(self, owner, account, contacts, first_day, last_day):
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
                    comment=rng.choice(SURVEY_COMMENTS[score]),
                    source=rng.choices(list(SurveySource), weights=[6, 2, 1, 2])[0],
                )
            day += dt.timedelta(days=rng.randint(80, 100))

    def seed_plans(self, owner, account, tier, *, active: bool):
        rng, today = self.rng, self.today
        quarter = (today.month - 1) // 3 + 1
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
                objectives=rng.choice(PLAN_OBJECTIVES),
            )
            for title in rng.sample(ACTION_TITLES, k=rng.randint(2, 4)):
                due_on = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(20, 350))
                if plan_quarter:
                    due_on = dt.date(year, 3 * plan_quarter - 2, 1) + dt.timedelta(
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

    # Large: the benchmark size with bulk_create --------------------------------------

    def seed_large(self):
        """Accounts-side benchmark data, written in batches (no per-row history or clean()).

        Values are generated inside the models' rules; the database constraints still
        check them.
        """
        if self.User.objects.filter(username="rep0001").exists():
            self.out.write(_("Benchmark data already exists; skipping it."))
            return
        rng, today = random.Random(SEED + 1), self.today
        password = make_password(DEMO_PASSWORD)
        with transaction.atomic():
            teams = Team.objects.bulk_create(
                [Team(name=f"Team {n:03d}") for n in range(1, LARGE["teams"] + 1)]
            )
            managers = self.User.objects.bulk_create(
                [
                    self.User(
                        username=f"mgr{n:03d}",
                        first_name="Manager",
                        last_name=f"{n:03d}",
                        email=f"mgr{n:03d}@kam-demo.example",
                        role=Role.MANAGER,
                        password=password,
                    )
                    for n in range(1, LARGE["teams"] + 1)
                ]
            )
            for team, manager in zip(teams, managers, strict=True):
                team.manager = manager
            Team.objects.bulk_update(teams, ["manager"])
            reps = self.User.objects.bulk_create(
                [
                    self.User(
                        username=f"rep{n:04d}",
                        first_name="Rep",
                        last_name=f"{n:04d}",
                        email=f"rep{n:04d}@kam-demo.example",
                        role=Role.REP,
                        team=teams[(n - 1) // LARGE["reps_per_team"]],
                        password=password,
                    )
                    for n in range(1, LARGE["teams"] * LARGE["reps_per_team"] + 1)
                ],
                batch_size=BATCH_SIZE,
            )

        self.out.write(_("Benchmark: accounts…"))
        accounts = []
        for n in range(LARGE["accounts"]):
            since = today - dt.timedelta(days=rng.randint(100, 3000))
            churned = rng.random() < 0.05
            if rng.random() < 0.5:
                city, _py = rng.choice(LARGE_CITIES)
                name = (
                    city
                    + rng.choice(LARGE_WORDS)[0]
                    + rng.choice(LARGE_WORDS)[0]
                    + rng.choice(LARGE_SUFFIXES)
                )
            else:
                name = (
                    f"{rng.choice(LARGE_EN_FIRST)}{rng.choice(LARGE_EN_SECOND)} "
                    f"{rng.choice(LARGE_EN_SUFFIXES)}"
                )
            accounts.append(
                Account(
                    name=f"{name} #{n + 1:05d}",
                    industry=rng.choice(LARGE_INDUSTRIES),
                    region=rng.choice(LARGE_REGIONS),
                    owner=reps[n % len(reps)],
                    tier=rng.choices([Tier.STRATEGIC, Tier.KEY, Tier.GROWTH], weights=[1, 5, 4])[0],
                    status=AccountStatus.CHURNED if churned else AccountStatus.ACTIVE,
                    customer_since=since,
                    churned_on=since + dt.timedelta(days=rng.randint(30, 90)) if churned else None,
                    annual_potential=Decimal(rng.randrange(100, 20_000) * 1000),
                )
            )
        accounts = self.bulk(Account, accounts)

        self.out.write(_("Benchmark: contacts…"))
        tops = self.bulk(
            Contact,
            [
                Contact(
                    account=account,
                    name=f"GM {account.pk}",
                    title="General Manager",
                    buying_role=BuyingRole.DECISION_MAKER,
                    influence=5,
                    sentiment=Sentiment.SUPPORTIVE,
                )
                for account in accounts
            ],
        )
        others = self.bulk(
            Contact,
            [
                Contact(
                    account=top.account,
                    reports_to=top,
                    name=f"Contact {top.account_id}-{i}",
                    title=rng.choice(STAFF_TITLES)[0],
                    buying_role=BuyingRole.INFLUENCER,
                    influence=rng.randint(1, 4),
                    sentiment=rng.choice([Sentiment.SUPPORTIVE, Sentiment.NEUTRAL]),
                )
                for top in tops
                for i in range(1, LARGE["contacts_per_account"])
            ],
        )
        contacts_of: dict[int, list[Contact]] = {}
        for contact in [*tops, *others]:
            contacts_of.setdefault(contact.account_id, []).append(contact)

        self.out.write(_("Benchmark: visits…"))
        visits = []
        for account in accounts:
            for _i in range(LARGE["visits_per_account"]):
                day = today - dt.timedelta(days=rng.randint(1, HISTORY_DAYS))
                purpose, summary, next_steps = rng.choice(VISIT_PURPOSES)
                visits.append(
                    Visit(
                        account=account,
                        rep=account.owner,
                        purpose=purpose,
                        summary=summary,
                        next_steps=next_steps,
                        kind=rng.choice(VisitKind.values),
                        visited_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10))),
                        follow_up_on=day + dt.timedelta(days=14) if rng.random() < 0.2 else None,
                    )
                )
        visits = self.bulk(Visit, visits)
        Through = Visit.contacts.through
        self.bulk(
            Through,
            [
                Through(visit_id=visit.pk, contact_id=contact.pk)
                for visit in visits
                for contact in rng.sample(contacts_of[visit.account_id], k=rng.randint(1, 2))
            ],
        )

        self.out.write(_("Benchmark: survey responses…"))
        surveys = []
        for n in range(LARGE["surveys"]):
            account = accounts[n % len(accounts)]
            score = rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 6, 15, 12])[0]
            surveys.append(
                SurveyResponse(
                    account=account,
                    contact=rng.choice(contacts_of[account.pk]),
                    score=score,
                    nps=min(10, score * 2),
                    source=SurveySource.PERIODIC,
                    received_on=today - dt.timedelta(days=rng.randint(1, HISTORY_DAYS)),
                )
            )
        self.bulk(SurveyResponse, surveys)

        self.out.write(_("Benchmark: relationship plans…"))
        plans = self.bulk(
            RelationshipPlan,
            [
                RelationshipPlan(
                    account=account,
                    year=today.year,
                    status=PlanStatus.ACTIVE,
                    objectives=rng.choice(PLAN_OBJECTIVES),
                )
                for account in accounts
                if account.status == AccountStatus.ACTIVE
            ],
        )
        self.bulk(
            PlanAction,
            [
                PlanAction(
                    plan=plan,
                    title=title,
                    owner=plan.account.owner,
                    due_on=dt.date(today.year, 1, 1) + dt.timedelta(days=rng.randint(0, 360)),
                )
                for plan in plans
                for title in rng.sample(ACTION_TITLES, k=2)
            ],
        )

    def bulk(self, model, objects: list) -> list:
        """``bulk_create`` in batches, each in its own transaction; returns rows with pks."""
        created = []
        for start in range(0, len(objects), BATCH_SIZE):
            with transaction.atomic():
                created += model.objects.bulk_create(objects[start : start + BATCH_SIZE])
        return created

    def counts(self) -> str:
        models = [
            self.User,
            Team,
            Account,
            Contact,
            Visit,
            SurveyResponse,
            RelationshipPlan,
            PlanAction,
        ]
        return ", ".join(
            f"{model.objects.count()} {model._meta.verbose_name_plural}" for model in models
        )
