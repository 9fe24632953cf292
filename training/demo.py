"""Demo data of duty 7: two years of customer trainings, product demos and workshops, who
came, the materials shown and what the customers thought of them.

``small`` gives each demo account a session or two over two years (a prospect one product
demo), in the account's language: most held, some called off, a few in the last days,
and a dozen in the coming weeks (two of them tomorrow; one called off at the customer's
request). The training department (its demo member ``training``) gives a sixth of them
and supports as many more; now and then the manager gives one. The account's contacts
are invited and most come; after most held sessions the customers answered, typed in by
the rep or through feedback links (each answer a ``SurveyResponse`` with source
``after_training``, so it counts in the account's CSAT), and the last weeks' sessions
have links still open and answers still missing, so the home panels have something to
say. The training department's handbooks (one in Chinese, one in English) and a rep's
demo deck are small real PDFs in the default storage, each used in two or three sessions.

Sessions are planned here as ``session_create`` writes them, without telling the trainer
(two years of old invitations are nobody's news); every later step goes through
``training.services``, which tell nobody of them: the invitations, the attendance, the
uploads, the status (called off by the trainer), the feedback and the links. The times
the services stamp (now) are then set to the story's own, with who took each step, so
history reads like two years of work.

``large`` adds the benchmark's 20,000 sessions, 80,000 attendances (every contact of the
account is invited: a benchmark account has four, so four a session rather than five) and
40,000 answers with their survey responses (times ``context.scale``), on the benchmark
accounts: the same stories without history rows, written with ``COPY`` on PostgreSQL,
with the tables' indexes built after.
"""

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import AccountStatus, SurveySource
from accounts.demo import demo_accounts
from accounts.models import Contact, SurveyResponse
from kam.choices import DepartmentCode, Role
from kam.dates import company_tz
from kam.demo import BATCH_SIZE, LARGE, SMALL, DemoContext, counts, department_username
from kam.models import Department, User
from kam.records import apply_changes
from kam.search import document
from sales_plans.demo import EN, ZH, copy_rows, indexes_built_after, language_of
from training import services
from training.choices import FEEDBACK_LINK_DAYS, SessionKind, SessionStatus
from training.models import (
    Attendance,
    FeedbackLink,
    TrainingFeedback,
    TrainingMaterial,
    TrainingSession,
)

HISTORY_DAYS = 730
#: A prospect has been shown a product once, within this many days.
PROSPECT_DAYS = 200
#: Sessions of the coming weeks: days from today (two tomorrow), on active accounts.
UPCOMING_DAYS = [1, 1, 2, 4, 6, 8, 11, 14, 18, 23, 29, 36]
#: Of those, the one the customer asked to postpone (called off, to be planned again).
UPCOMING_CANCELLED = 6
#: Held sessions of the last days: answers still coming in (links open), or none yet.
RECENT_DAYS = 21
#: Sessions held lately on active accounts: days ago, and how their feedback is collected
#: (``links``: a link an attendee, most still open; ``typed``; "": nothing asked for yet).
RECENT = [(1, "links"), (2, ""), (3, "links"), (6, "typed"), (9, "links"), (15, "")]
LARGE_SESSIONS = 20_000
LARGE_FEEDBACK = 40_000
#: Accounts whose sessions are generated and written at a time in the large size.
LARGE_CHUNK = 1_000
#: Of the large held sessions' attendees, the share who answered: with four invited a
#: session, four in five of them there, about LARGE_FEEDBACK answers.
LARGE_ANSWER_SHARE = 0.7

TRAINING, DEMO, WORKSHOP = SessionKind.TRAINING, SessionKind.PRODUCT_DEMO, SessionKind.WORKSHOP
PLANNED, DONE, CANCELLED = SessionStatus.PLANNED, SessionStatus.DONE, SessionStatus.CANCELLED
KINDS = [TRAINING, DEMO, WORKSHOP]
KIND_WEIGHTS = [50, 30, 20]
HOUR = dt.timedelta(hours=1)

# What people write, in the account's language. -------------------------------------------

#: The product line an account runs: what its sessions are about.
PRODUCTS = {
    EN: ["X200 controller", "V-series valves", "HP pump line", "S7 sensor kit"],
    ZH: ["X200控制器", "V系列阀门", "HP泵组", "S7传感器套件"],
}
TITLES = {
    TRAINING: {
        EN: [
            "Operator training: {product}",
            "Maintenance training for the {product}",
            "Safety and daily checks on the {product}",
            "New operators' onboarding",
            "Troubleshooting the {product}",
        ],
        ZH: [
            "{product}操作培训",
            "{product}维护保养培训",
            "{product}安全与日常点检培训",
            "新员工上岗培训",
            "{product}故障排查培训",
        ],
    },
    DEMO: {
        EN: [
            "{product} product demo",
            "Live demo: remote diagnostics on the {product}",
            "Demo of the new {product} range",
        ],
        ZH: ["{product}产品演示", "{product}远程诊断功能演示", "新款{product}现场演示"],
    },
    WORKSHOP: {
        EN: [
            "Process optimisation workshop",
            "Quality improvement workshop",
            "Spare parts planning workshop",
        ],
        ZH: ["工艺优化研讨会", "质量改进工作坊", "备件规划研讨会"],
    },
}
TOPICS = {
    EN: ["Maintenance", "Commissioning", "Safety", "Remote diagnostics", "Energy savings"],
    ZH: ["维护保养", "设备调试", "安全操作", "远程诊断", "节能降耗"],
}
AGENDAS = {
    EN: "1. Welcome and goals\n2. {topic}: hands-on at the {product}\n3. Questions and next steps",
    ZH: "1. 开场与目标\n2. {topic}：{product}现场实操\n3. 答疑与后续安排",
}
LOCATIONS = {
    EN: ["Customer plant, training room", "Customer site, meeting room 2", "Our demo centre"],
    ZH: ["客户工厂培训室", "客户现场二号会议室", "我司演示中心"],
}
ONLINE_URL = "https://meet.kam-demo.example/training-{number:03d}"
CANCEL_NOTES = {
    EN: [
        "The customer moved the line start; to be planned again.",
        "Too few of their operators free that week.",
        "Plant shutdown at the customer's.",
    ],
    ZH: ["客户推迟了产线启动，另行安排。", "客户当周操作人员排班紧张。", "客户工厂停产检修。"],
}
DONE_NOTES = {
    EN: [
        "Went well; they asked for a follow-up on maintenance.",
        "The hands-on part ran over; the rest next time.",
        "",
        "",
    ],
    ZH: ["效果很好，客户希望再安排一次维护培训。", "实操部分超时，剩余内容下次进行。", "", ""],
}
POSTPONED = {
    EN: "The customer asked to postpone: their plant audit is that week.",
    ZH: "客户要求延期：当周有工厂审核。",
}
#: What attendees write, by score; ``tests/kam/test_seed.py`` may list them with the
#: accounts' and the tickets' survey comments.
FEEDBACK_COMMENTS = {
    EN: {
        1: ["Not what we needed; too theoretical for our operators."],
        2: ["Too fast, and the slides were hard to read.", "Started late; little hands-on time."],
        3: ["Useful, but it should have been longer.", "Fine; more practice next time, please."],
        4: [
            "Clear and practical; our team can use it right away.",
            "Good session, the trainer answered every question.",
        ],
        5: [
            "Excellent: the hands-on part was exactly what we needed.",
            "Very well prepared, and the handbook is a great help.",
        ],
    },
    ZH: {
        1: ["内容太理论化，不适合我们的操作人员。"],
        2: ["节奏太快，课件看不清。", "开始得晚，实操时间太少。"],
        3: ["有用，但时间应该再长一些。", "还可以，希望下次多一些实操。"],
        4: ["讲解清楚、实用，团队马上就能用上。", "培训很好，讲师耐心解答了所有问题。"],
        5: ["非常好，实操环节正是我们需要的。", "准备充分，培训手册很有帮助。"],
    },
}
#: How a session went, as the weights of the scores 1–5 its attendees give.
QUALITY = [[0, 0, 1, 4, 6], [0, 1, 2, 5, 3], [1, 2, 4, 3, 1]]
QUALITY_WEIGHTS = [5, 4, 1]


@dataclass(frozen=True)
class Deck:
    """A material of the demo: who uploads it, which sessions use it, what it says."""

    key: str
    title: str
    file_name: str
    lines: tuple[str, ...]


DECKS = {
    "handbook-zh": Deck(
        "handbook-zh",
        "设备安全与维护手册",
        "设备安全与维护手册.pdf",
        (
            "Equipment safety and maintenance handbook (Chinese edition)",
            "1. Daily checks  2. Lubrication plan  3. Safe shutdown  4. Alarms",
            "Training department - KAM CRM demo material",
        ),
    ),
    "handbook-en": Deck(
        "handbook-en",
        "Equipment safety and maintenance handbook",
        "maintenance-handbook.pdf",
        (
            "Equipment safety and maintenance handbook",
            "1. Daily checks  2. Lubrication plan  3. Safe shutdown  4. Alarms",
            "Training department - KAM CRM demo material",
        ),
    ),
    "demo-deck": Deck(
        "demo-deck",
        "Product demo slides",
        "product-demo.pdf",
        (
            "Product demo: what is new this year",
            "Remote diagnostics, energy savings, spare parts in 48 hours",
            "KAM CRM demo material",
        ),
    ),
}


def pick(rng: random.Random, pool: list):
    return pool[int(rng.random() * len(pool))]


def at(day: dt.date, hour: int, minute: int = 0, tz=None) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=tz or company_tz())


def weekday(day: dt.date) -> dt.date:
    """The day, or the Monday after it when it falls on a weekend."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def pdf_bytes(lines: tuple[str, ...]) -> bytes:
    """A one-page PDF of ``lines`` (ASCII, Helvetica): a real, small file any reader opens."""

    def text(value: str) -> str:
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    commands = ["BT", "/F1 18 Tf", "60 770 Td", f"({text(lines[0])}) Tj", "/F1 11 Tf"]
    for line in lines[1:]:
        commands += ["0 -28 Td", f"({text(line)}) Tj"]
    commands.append("ET")
    stream = "\n".join(commands).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n" % (len(objects) + 1, xref)
    return bytes(out + b"%%EOF\n")


def department_member(code: str):
    """A department's demo member (None if a site removed it)."""
    return User.objects.filter(
        username=department_username(code), role=Role.DEPARTMENT, department__code=code
    ).first()


def seed(context: DemoContext) -> dict[str, int]:
    seed_small(context)
    if context.large:
        seed_large(context)
    return counts(TrainingSession, Attendance, TrainingMaterial, TrainingFeedback, FeedbackLink)


# Small: the stories, then written through the services ------------------------------------


@dataclass
class Answer:
    contact: Contact | None
    score: int
    comments: str
    #: When it was typed in or sent (after the session, not after now).
    at: dt.datetime


@dataclass
class Story:
    """One session, drawn before anything is written: the order of writing is its time."""

    account: object
    language: str
    planner: User
    trainer: User
    support: Department | None
    kind: str
    title: str
    topic: str
    scheduled_at: dt.datetime
    duration: int
    location: str
    online_url: str
    agenda: str
    planned_at: dt.datetime
    status: str
    #: When it was marked done or called off, and the note.
    closed_at: dt.datetime | None = None
    note: str = ""
    invited: list = field(default_factory=list)
    came: list = field(default_factory=list)
    #: ``typed`` (the rep types the answers in), ``links`` (one link an attendee), or "".
    feedback: str = ""
    answers: list = field(default_factory=list)
    #: Links not tied to a person (somebody not on the list asked for one).
    anonymous_links: int = 0
    links_at: dt.datetime | None = None
    #: (deck key, "upload" | "attach")
    deck: tuple[str, str] | None = None

    @property
    def ends_at(self) -> dt.datetime:
        return self.scheduled_at + dt.timedelta(minutes=self.duration)


def seed_small(context: DemoContext) -> None:
    accounts = list(demo_accounts(SMALL).select_related("owner__team__manager"))
    if TrainingSession.objects.filter(account__in=accounts).exists():
        context.out.write(context.style.NOTICE(_("Demo trainings already exist; skipping them.")))
        return
    if not accounts:
        return
    demo = SmallDemo(context, accounts)
    stories = demo.draw()
    demo.assign_decks(stories)
    for story in sorted(stories, key=lambda s: (s.planned_at, s.scheduled_at)):
        demo.plan(story)
    # Each later step in the order it happened: a material is uploaded before it is reused.
    for story in sorted(stories, key=lambda s: s.scheduled_at):
        demo.run(story)
    demo.backdate()


class SmallDemo:
    def __init__(self, context: DemoContext, accounts: list):
        self.rng = context.random("training")
        self.today = context.today
        self.now = timezone.now()
        self.tz = company_tz()
        self.accounts = accounts
        self.training = Department.objects.filter(code=DepartmentCode.TRAINING).first()
        self.trainer = department_member(DepartmentCode.TRAINING)
        self.contacts = defaultdict(list)
        for contact in Contact.objects.filter(account__in=accounts).order_by("pk"):
            self.contacts[contact.account_id].append(contact)
        #: The product line each account runs.
        self.products = {}
        #: model → pk → the (time, user pk) of each of its history rows, oldest first.
        self.times = defaultdict(dict)
        self.sessions = {}
        self.materials = {}
        #: FeedbackLink pk → when it was made.
        self.link_times = {}
        self.online = 0

    # Drawing ----------------------------------------------------------------------------

    def clock(self, when: dt.datetime) -> dt.datetime:
        """A step's time, never after now (today's steps have happened by now)."""
        return min(when, self.now)

    def office(self, day: dt.date) -> dt.datetime:
        rng = self.rng
        return at(weekday(day), 9 + int(rng.random() * 6), 30 * int(rng.random() * 2), self.tz)

    def draw(self) -> list[Story]:
        rng, today = self.rng, self.today
        stories = []
        for account in self.accounts:
            language = language_of(account.name)
            self.products[account.pk] = pick(rng, PRODUCTS[language])
            if not self.contacts[account.pk]:
                continue
            if account.status == AccountStatus.PROSPECT:
                day = today - dt.timedelta(days=rng.randint(20, PROSPECT_DAYS))
                stories.append(self.story(account, language, self.office(day), kind=DEMO))
                continue
            first = today - dt.timedelta(days=HISTORY_DAYS)
            if account.customer_since:
                first = max(first, account.customer_since)
            last = min(account.churned_on or today, today) - dt.timedelta(days=1)
            day = first + dt.timedelta(days=rng.randint(30, 320))
            while day <= last:
                when = self.office(day)
                if when.date() >= today:
                    break
                stories.append(self.story(account, language, when))
                day += dt.timedelta(days=rng.randint(380, 620))
        active = [
            account
            for account in self.accounts
            if account.status == AccountStatus.ACTIVE and self.contacts[account.pk]
        ]
        for number, (days, feedback) in enumerate(RECENT):
            account = active[(number * 5 + 2) % len(active)]
            when = at(today - dt.timedelta(days=days), 14 if number % 2 else 9, 30, self.tz)
            stories.append(self.story(account, language_of(account.name), when, recent=feedback))
        for number, days in enumerate(UPCOMING_DAYS):
            # Every fifth active account in turn: the coming weeks spread over the reps.
            account = active[(number * 5) % len(active)]
            when = at(today + dt.timedelta(days=days), 10 if number % 2 else 14, 0, self.tz)
            stories.append(
                self.story(
                    account,
                    language_of(account.name),
                    when,
                    upcoming=number,
                    kind=[TRAINING, DEMO, TRAINING, WORKSHOP][number % 4],
                )
            )
        return stories

    def story(self, account, language, when, *, kind=None, upcoming=None, recent=None) -> Story:
        rng, today = self.rng, self.today
        owner = account.owner
        manager = owner.team.manager if owner.team else None
        kind = kind or rng.choices(KINDS, weights=KIND_WEIGHTS)[0]
        product = self.products[account.pk]
        topic = pick(rng, TOPICS[language])
        title = pick(rng, TITLES[kind][language]).format(product=product)
        # Who gives it: mostly the rep; the training department a sixth (and supports as
        # many more); now and then the manager.
        draw = rng.random()
        trainer, support = owner, None
        if self.trainer is not None and account.status != AccountStatus.PROSPECT:
            if draw < 0.17 or upcoming in (1, 4, 8):
                trainer, support = self.trainer, self.training
            elif draw < 0.34 or upcoming == 2:
                support = self.training
        if support is None and manager is not None and draw > 0.9:
            trainer = manager
        online = rng.random() < 0.2 and kind != WORKSHOP
        location, online_url = pick(rng, LOCATIONS[language]), ""
        if online:
            self.online += 1
            location, online_url = "", ONLINE_URL.format(number=self.online)
        duration = pick(rng, [240, 180, 240] if kind == WORKSHOP else [60, 90, 90, 120])
        ahead = rng.randint(5, 30) if upcoming is None else rng.randint(2, 20)
        planned_on = min(when.date() - dt.timedelta(days=ahead), today)
        story = Story(
            account=account,
            language=language,
            planner=owner,
            trainer=trainer,
            support=support,
            kind=kind,
            title=title,
            topic=topic,
            scheduled_at=when,
            duration=duration,
            location=location,
            online_url=online_url,
            agenda=AGENDAS[language].format(topic=topic, product=product),
            planned_at=self.clock(at(planned_on, 16, 30 * int(rng.random() * 2), self.tz)),
            status=PLANNED,
        )
        contacts = self.contacts[account.pk]
        story.invited = rng.sample(contacts, min(len(contacts), rng.randint(2, 5)))
        if upcoming is not None:
            if upcoming == UPCOMING_CANCELLED:
                story.status, story.note = CANCELLED, POSTPONED[language]
                story.closed_at = self.clock(story.planned_at + dt.timedelta(days=1))
            return story
        if recent is None and rng.random() < 0.1:
            story.status, story.note = CANCELLED, pick(rng, CANCEL_NOTES[language])
            called_off = when - dt.timedelta(days=rng.randint(1, 4))
            story.closed_at = max(story.planned_at + HOUR, called_off)
            return story
        story.status = DONE
        story.note = pick(rng, DONE_NOTES[language])
        story.closed_at = self.clock(story.ends_at + dt.timedelta(minutes=rng.randint(10, 180)))
        story.came = [contact for contact in story.invited if rng.random() < 0.8]
        if not story.came:
            story.came = story.invited[:1]
        self.draw_feedback(story, recent)
        return story

    def draw_feedback(self, story: Story, mode: str | None = None) -> None:
        rng = self.rng
        age = (self.today - story.scheduled_at.date()).days
        weights = rng.choices(QUALITY, weights=QUALITY_WEIGHTS)[0]
        mode_draw, answer_share = rng.random(), 0.3 if age < 4 else 0.75
        if mode is not None:
            story.feedback = mode
        elif age < RECENT_DAYS:
            # The last weeks: links still open, or nothing asked for yet.
            story.feedback = "links" if mode_draw < 0.65 else ""
        elif mode_draw < 0.13:
            story.feedback = ""  # nobody answered
        else:
            story.feedback = "typed" if mode_draw < 0.6 else "links"
        if not story.feedback:
            return
        story.links_at = self.clock(story.closed_at + HOUR)
        for contact in story.came:
            if rng.random() >= answer_share:
                continue
            score = rng.choices([1, 2, 3, 4, 5], weights=weights)[0]
            comments = pick(rng, FEEDBACK_COMMENTS[story.language][score])
            if rng.random() < 0.3:
                comments = ""
            after = dt.timedelta(hours=2 + int(rng.random() * 24 * 5))
            story.answers.append(
                Answer(contact, score, comments, self.clock(story.links_at + after))
            )
        if story.feedback == "typed" and not story.answers:
            story.feedback = ""
        if story.feedback == "links" and rng.random() < 0.25:
            # Somebody not on the list (a colleague who sat in) asked for a link too.
            story.anonymous_links = 1
            if rng.random() < 0.6:
                score = rng.choices([1, 2, 3, 4, 5], weights=weights)[0]
                comments = pick(rng, FEEDBACK_COMMENTS[story.language][score])
                after = dt.timedelta(hours=3 + int(rng.random() * 24 * 4))
                story.answers.append(
                    Answer(None, score, comments, self.clock(story.links_at + after))
                )

    def assign_decks(self, stories: list[Story]) -> None:
        """The training department's handbooks serve three of its held sessions each (in
        their language); the demo deck three product demos of one rep."""
        held = sorted(
            (story for story in stories if story.status == DONE),
            key=lambda story: story.scheduled_at,
        )
        for key, language in (("handbook-zh", ZH), ("handbook-en", EN)):
            given = [
                story
                for story in held
                if story.trainer == self.trainer and story.language == language
            ]
            for number, story in enumerate(given[-3:]):
                story.deck = (key, "upload" if number == 0 else "attach")
        demos = defaultdict(list)
        for story in held:
            if story.kind == DEMO and story.trainer == story.planner and story.deck is None:
                demos[story.planner.pk].append(story)
        busiest = max(demos.values(), key=len, default=[])
        for number, story in enumerate(busiest[-3:]):
            story.deck = ("demo-deck", "upload" if number == 0 else "attach")

    # Writing ----------------------------------------------------------------------------

    def stamp(self, record, when, user, *, rows: int | None = 1) -> None:
        """The history rows the last step wrote for ``record`` (one, or ``rows=None``: as
        many as there are new ones) are of ``when`` and ``user``."""
        model = type(record)
        times = self.times[model].setdefault(record.pk, [])
        if rows is None:
            rows = model.history.filter(id=record.pk).count() - len(times)
        times.extend([(when, user.pk if user else None)] * rows)

    def plan(self, story: Story) -> None:
        # As session_create writes it, without telling the trainer of a session of old.
        session = apply_changes(
            TrainingSession(account=story.account, created_by=story.planner, status=PLANNED),
            {
                "kind": story.kind,
                "title": story.title,
                "topic": story.topic,
                "scheduled_at": story.scheduled_at,
                "duration_minutes": story.duration,
                "location": story.location,
                "online_url": story.online_url,
                "trainer": story.trainer,
                "support_department": story.support,
                "agenda": story.agenda,
            },
        )
        self.stamp(session, story.planned_at, story.planner)
        self.sessions[id(story)] = session
        invited_at = self.clock(story.planned_at + dt.timedelta(minutes=20))
        for attendance in services.attendance_invite(
            session=session, by=story.planner, contacts=story.invited
        ):
            self.stamp(attendance, invited_at, story.planner)

    def run(self, story: Story) -> None:
        session = self.sessions[id(story)]
        if story.deck is not None:
            self.material(story, session)
        if story.status == CANCELLED:
            # Called off by whoever gives it: the service tells nobody else.
            services.session_transition(
                session=session,
                to_status=CANCELLED,
                by=story.trainer,
                note=story.note,
                now=story.closed_at,
            )
            self.stamp(session, story.closed_at, story.trainer)
            return
        if story.status != DONE:
            return
        came = {contact.pk for contact in story.came}
        changed = services.attendance_record(
            session=session,
            by=story.trainer,
            attended={contact.pk: contact.pk in came for contact in story.invited},
            now=story.closed_at,
        )
        for attendance in changed:
            self.stamp(attendance, story.closed_at, story.trainer)
        session = services.session_transition(
            session=session, to_status=DONE, by=story.trainer, note=story.note, now=story.closed_at
        )
        self.stamp(session, story.closed_at, story.trainer)
        if story.feedback == "typed":
            for answer in story.answers:
                feedback = services.feedback_record(
                    session=session,
                    by=story.planner,
                    score=answer.score,
                    comments=answer.comments,
                    contact=answer.contact,
                    submitted_on=timezone.localtime(answer.at, self.tz).date(),
                )
                self.stamp(feedback, answer.at, story.planner)
                self.stamp(feedback.survey, answer.at, story.planner)
        elif story.feedback == "links":
            self.links(story, session)

    def links(self, story: Story, session) -> None:
        """A link an attendee (and the anonymous ones); those who answered used theirs."""
        made = services.feedback_links_create(
            session=session,
            by=story.planner,
            contacts=story.came,
            anonymous=story.anonymous_links,
        )
        for link, _token in made:
            self.link_times[link.pk] = story.links_at
        tokens = {link.contact_id: token for link, token in made}
        for answer in story.answers:
            # Through the link, at the time the customer sent it: it is the customer's
            # answer, nobody's login.
            feedback = services.feedback_submit(
                token=tokens[answer.contact.pk if answer.contact else None],
                score=answer.score,
                comments=answer.comments,
                now=answer.at,
            )
            self.stamp(feedback, answer.at, None)
            self.stamp(feedback.survey, answer.at, None)

    def material(self, story: Story, session) -> None:
        key, step = story.deck
        deck = DECKS[key]
        # Uploaded, or added from another session, the day before.
        when = self.clock(max(story.planned_at + HOUR, story.scheduled_at - dt.timedelta(hours=20)))
        if step == "upload":
            material = services.material_add(
                session=session,
                by=story.trainer,
                title=deck.title,
                file=ContentFile(pdf_bytes(deck.lines), name=deck.file_name),
            )
            self.materials[key] = material
        else:
            material = self.materials[key]
            services.material_attach(session=session, by=story.trainer, material=material)
        # The file and its first session, or one more session: a row or two of history.
        self.stamp(material, when, story.trainer, rows=None)

    def backdate(self) -> None:
        """Give history rows and records the times and people of their story."""
        for model, times in self.times.items():
            History = model.history.model
            names = {f.name for f in model._meta.concrete_fields}
            first = [name for name in ("created_at", "invited_at") if name in names]
            last = ["updated_at"] if "updated_at" in names else []
            rows = list(History.objects.filter(id__in=times).order_by("id", "history_id"))
            seen = defaultdict(int)
            for row in rows:
                number = seen[row.id]
                seen[row.id] += 1
                row.history_date, row.history_user_id = times[row.id][number]
                for name in first:
                    setattr(row, name, times[row.id][0][0])
                for name in last:
                    setattr(row, name, row.history_date)
            History.objects.bulk_update(
                rows, ["history_date", "history_user", *first, *last], batch_size=BATCH_SIZE
            )
            if not first + last:
                continue
            records = list(model.objects.filter(pk__in=times))
            for record in records:
                for name in first:
                    setattr(record, name, times[record.pk][0][0])
                for name in last:
                    setattr(record, name, times[record.pk][-1][0])
            model.objects.bulk_update(records, [*first, *last], batch_size=BATCH_SIZE)
        links = list(FeedbackLink.objects.filter(pk__in=self.link_times))
        for link in links:
            link.created_at = self.link_times[link.pk]
            link.expires_at = link.created_at + dt.timedelta(days=FEEDBACK_LINK_DAYS)
        FeedbackLink.objects.bulk_update(links, ["created_at", "expires_at"], batch_size=BATCH_SIZE)


# Large: the benchmark size ---------------------------------------------------------------

SESSION_COLUMNS = (
    "id",
    "account_id",
    "kind",
    "title",
    "topic",
    "scheduled_at",
    "duration_minutes",
    "location",
    "online_url",
    "trainer_id",
    "support_department_id",
    "status",
    "agenda",
    "status_note",
    "created_by_id",
    "created_at",
    "updated_at",
    "search_text",
)
ATTENDANCE_COLUMNS = ("id", "session_id", "contact_id", "attended", "invited_at")
SURVEY_COLUMNS = (
    "id",
    "account_id",
    "contact_id",
    "received_on",
    "score",
    "nps",
    "comment",
    "source",
    "search_text",
)
FEEDBACK_COLUMNS = (
    "id",
    "session_id",
    "contact_id",
    "score",
    "comments",
    "submitted_on",
    "entered_by_id",
    "survey_id",
    "created_at",
)


def seed_large(context: DemoContext) -> None:
    """The benchmark's sessions, attendance and feedback, a chunk of accounts at a time."""
    accounts_qs = demo_accounts(LARGE)
    if TrainingSession.objects.filter(account__in=accounts_qs).exists():
        context.out.write(
            context.style.NOTICE(_("Benchmark trainings already exist; skipping them."))
        )
        return
    accounts = list(
        accounts_qs.only("pk", "name", "owner", "status", "customer_since", "churned_on")
    )
    if not accounts:
        return
    context.out.write(_("Benchmark: trainings, attendance and feedback…"))
    demo = LargeDemo(context, accounts)
    with indexes_built_after(TrainingSession, Attendance, TrainingFeedback):
        for start in range(0, len(accounts), LARGE_CHUNK):
            demo.chunk(start, accounts[start : start + LARGE_CHUNK])
    statements = connection.ops.sequence_reset_sql(
        no_style(), [TrainingSession, Attendance, TrainingFeedback, SurveyResponse]
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def next_id(model) -> int:
    return (model.objects.aggregate(last=Max("id"))["last"] or 0) + 1


class LargeDemo:
    def __init__(self, context: DemoContext, accounts: list):
        self.context = context
        self.rng = context.random("training.large")
        self.today = context.today
        self.now = timezone.now()
        self.tz = company_tz()
        training = Department.objects.filter(code=DepartmentCode.TRAINING).first()
        self.training_id = training.pk if training else None
        trainer = department_member(DepartmentCode.TRAINING)
        self.trainer_id = trainer.pk if trainer else None
        self.each, self.extra = divmod(context.scaled(LARGE_SESSIONS), len(accounts))
        self.ids = {
            model: next_id(model)
            for model in (TrainingSession, Attendance, TrainingFeedback, SurveyResponse)
        }
        self.stamps = {}

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        """A time of ``day`` (each made aware once)."""
        key = (day, hour, minute)
        if key not in self.stamps:
            self.stamps[key] = at(day, hour, minute, self.tz)
        return self.stamps[key]

    def ident(self, model) -> int:
        value = self.ids[model]
        self.ids[model] += 1
        return value

    def chunk(self, start: int, accounts: list) -> None:
        rng, today, now = self.rng, self.today, self.now
        contacts = defaultdict(list)
        rows = Contact.objects.filter(account__in=[a.pk for a in accounts]).order_by("pk")
        for account_id, pk in rows.values_list("account_id", "pk"):
            contacts[account_id].append(pk)
        sessions, attendances, surveys, feedback = [], [], [], []
        for offset, account in enumerate(accounts):
            language = language_of(account.name)
            product = PRODUCTS[language][account.pk % len(PRODUCTS[language])]
            account_document = document(account.name)
            last = min(account.churned_on or today, today)
            first = max(today - dt.timedelta(days=HISTORY_DAYS), account.customer_since or last)
            if first >= last:
                first = last - dt.timedelta(days=365)
            span = (last - first).days
            for _session in range(self.each + (start + offset < self.extra)):
                draw = rng.random()
                if draw < 0.04 and account.status == AccountStatus.ACTIVE:
                    # The coming eight weeks.
                    day = today + dt.timedelta(days=1 + int(rng.random() * 56))
                    status = PLANNED
                else:
                    day = first + dt.timedelta(days=int(rng.random() * span))
                    status = CANCELLED if rng.random() < 0.08 else DONE
                day = weekday(day)
                if status != PLANNED and day >= today:
                    day = today - dt.timedelta(days=1 + int(rng.random() * 10))
                kind = rng.choices(KINDS, weights=KIND_WEIGHTS)[0]
                topic = TOPICS[language][int(rng.random() * len(TOPICS[language]))]
                title = pick(rng, TITLES[kind][language]).format(product=product)
                scheduled_at = self.at(day, 9 + int(rng.random() * 6))
                duration = 240 if kind == WORKSHOP else pick(rng, [60, 90, 120])
                given = rng.random()
                trainer_id, support_id = account.owner_id, None
                if self.trainer_id and given < 0.15:
                    trainer_id, support_id = self.trainer_id, self.training_id
                elif self.training_id and given < 0.25:
                    support_id = self.training_id
                planned_at = min(now, scheduled_at - dt.timedelta(days=5 + int(rng.random() * 20)))
                ends_at = scheduled_at + dt.timedelta(minutes=duration)
                closed_at = min(now, ends_at + HOUR) if status == DONE else planned_at + HOUR
                session_id = self.ident(TrainingSession)
                sessions.append(
                    (
                        session_id,
                        account.pk,
                        kind,
                        title,
                        topic,
                        scheduled_at,
                        duration,
                        LOCATIONS[language][0],
                        "",
                        trainer_id,
                        support_id,
                        status,
                        AGENDAS[language].format(topic=topic, product=product),
                        "",
                        account.owner_id,
                        planned_at,
                        planned_at if status == PLANNED else closed_at,
                        f"{document(title, topic)}\n{account_document}",
                    )
                )
                weights = rng.choices(QUALITY, weights=QUALITY_WEIGHTS)[0]
                for contact_id in contacts[account.pk]:
                    came = None
                    if status == DONE:
                        came = rng.random() < 0.8
                    attendances.append(
                        (self.ident(Attendance), session_id, contact_id, came, planned_at)
                    )
                    if not came or rng.random() >= LARGE_ANSWER_SHARE:
                        continue
                    score = rng.choices([1, 2, 3, 4, 5], weights=weights)[0]
                    comments = pick(rng, FEEDBACK_COMMENTS[language][score])
                    if rng.random() < 0.5:
                        comments = ""
                    sent = min(closed_at + dt.timedelta(days=int(rng.random() * 6)), now)
                    submitted_on = sent.astimezone(self.tz).date()
                    survey_id = self.ident(SurveyResponse)
                    surveys.append(
                        (
                            survey_id,
                            account.pk,
                            contact_id,
                            submitted_on,
                            score,
                            None,
                            comments,
                            SurveySource.AFTER_TRAINING,
                            document(comments, account.name),
                        )
                    )
                    feedback.append(
                        (
                            self.ident(TrainingFeedback),
                            session_id,
                            contact_id,
                            score,
                            comments,
                            submitted_on,
                            account.owner_id,
                            survey_id,
                            sent,
                        )
                    )
        self.write(TrainingSession, SESSION_COLUMNS, sessions, ("created_at", "updated_at"))
        self.write(Attendance, ATTENDANCE_COLUMNS, attendances, ("invited_at",))
        copy_rows(SurveyResponse, SURVEY_COLUMNS, surveys)
        self.write(TrainingFeedback, FEEDBACK_COLUMNS, feedback, ("created_at",))

    def write(self, model, columns, rows: list, stamped: tuple[str, ...]) -> None:
        copy_rows(model, columns, rows)
        if connection.vendor != "postgresql" and rows:
            # bulk_create stamps auto_now fields with the present: the story's time instead.
            positions = [columns.index(name) for name in stamped]
            model.objects.bulk_update(
                [
                    model(
                        id=row[0],
                        **{n: row[p] for n, p in zip(stamped, positions, strict=True)},
                    )
                    for row in rows
                ],
                list(stamped),
                batch_size=BATCH_SIZE,
            )
