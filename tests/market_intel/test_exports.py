"""Duty 3's deliverables as files: a market report and a product improvement proposal
(PDF), the report and suggestion lists (XLSX), through ``/exports/<name>.<fmt>``. Each
starts from ``visible_to`` and the page's parameters; the personas are those of
``tests/conftest.py``, with Rita of R&D (who decides suggestions) added here.

Records are written through ``market_intel.services`` at fixed moments, so every date in
the files is known to the day.
"""

import datetime as dt
import io
import zoneinfo
from dataclasses import dataclass

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from kam.choices import Role
from market_intel import services
from market_intel.models import CompetitorActivity, ProductSuggestion
from tests import factories as f
from tests.support import pdf_text

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")  # the company's zone (settings.TIME_ZONE)
CHINESE_NAME = "杭州精密铸造有限公司"
CHINESE_TITLE = "2026年第二季度华东市场分析"
CHINESE_PHRASE = "价格战正在加剧"
CHINESE_COMPETITOR = "苏州精工机械"
REGION = "Yangtze Delta"  # the accounts' region: the proposal must not say it

REPORT_BODY = f"""## Pricing pressure

{CHINESE_PHRASE}，especially at the strategic accounts.

- Ningbo Rival cut list prices
- Free freight from Suzhou

1. Defend the strategic accounts
2. Bundle service contracts

| Competitor | Move | Share |
|------------|------|------:|
| Ningbo Rival | Price cut | 12% |
| {CHINESE_COMPETITOR} | Free freight | 7% |

<script>alert("pwned")</script>

See [the market data](https://example.com/market) and [a trap](javascript:alert(1)).
"""

REPORT_HEADER = (
    "Title",
    "Author",
    "Period",
    "Status",
    "Published at",
    "Competitors covered",
)
SUGGESTION_HEADER = (
    "Title",
    "Submitted by",
    "Accounts asking",
    "Status",
    "Decided by",
    "Decided on",
    "Decision note",
)


def at(year, month, day, hour=9, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


@dataclass(frozen=True)
class Run:
    """A piece of a PDF page's text where it is set: its baseline's start, its size."""

    text: str
    x: float
    y: float
    size: float
    bold: bool


def text_runs(page) -> list[Run]:
    runs = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text.strip():
            return
        # The text matrix times the current transformation matrix: where it lands.
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        font = str((font_dict or {}).get("/BaseFont", ""))
        runs.append(Run(text.strip(), round(x, 1), round(y, 1), font_size, "Bold" in font))

    page.extract_text(visitor_text=visit)
    return runs


def export(client, name, fmt, expected=200, **params):
    # ``expected``, not ``status``: the lists filter on a ``status`` parameter.
    response = client.get(reverse("export", args=[name, fmt]), params)
    assert response.status_code == expected, body(response)[:300]
    return response


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def response_filename(response) -> str:
    return response["Content-Disposition"].split('filename="')[1].split('"')[0]


def workbook(response):
    return load_workbook(io.BytesIO(body(response)))


def rows(sheet):
    values = list(sheet.iter_rows(values_only=True))
    return values[0], values[1:]


def records(sheet):
    header, data = rows(sheet)
    return [dict(zip(header, row, strict=True)) for row in data]


def info(book):
    return dict(row[:2] for row in book["Export info"].iter_rows(values_only=True) if row[0])


def every_cell(book) -> list:
    return [value for sheet in book for row in sheet.iter_rows(values_only=True) for value in row]


def named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


def rnd_member(username="rita", first="Rita", last="Sun"):
    return f.UserFactory(
        username=username,
        first_name=first,
        last_name=last,
        role=Role.DEPARTMENT,
        department=f.department("rnd"),
    )


@pytest.fixture
def rita(db):
    """An R&D member: decides suggestions; of accounts, reads their name and tier only."""
    return rnd_member()


def report(author, title, year=2026, quarter=2, *, published=None, competitors=(), **data):
    data.setdefault("summary", f"Summary of {title}.")
    data.setdefault("body", "Nothing new.")
    created = services.market_report_create(
        by=author, title=title, year=year, quarter=quarter, competitors=competitors, **data
    )
    if published is not None:
        created = services.market_report_publish(report=created, by=author, now=published)
    return created


def suggestion(by, title, accounts=(), *, created_at=None, **data):
    data.setdefault("description", f"What {title} is about.")
    created = services.suggestion_create(by=by, title=title, accounts=accounts, **data)
    if created_at is not None:
        # When it was submitted decides which activity is its evidence.
        ProductSuggestion.objects.filter(pk=created.pk).update(created_at=created_at)
        created.refresh_from_db()
    return created


def activity(by, competitor, account, observed_on, details, kind="pricing"):
    return services.activity_create(
        by=by,
        competitor=competitor,
        account=account,
        observed_on=observed_on,
        kind=kind,
        details=details,
    )


@pytest.fixture
def market(alice, bob, charlie):
    """Alice's reports (one published in 2026 Q2, one draft for Q3) and Charlie's, three
    competitors, and the competitors' moves at Alice's and Charlie's accounts."""
    named(alice, "Alice", "Zhang")
    named(bob, "Bob", "Wu")
    named(charlie, "Charlie", "Li")
    rival = services.competitor_create(by=alice, name="Ningbo Rival")
    suzhou = services.competitor_create(by=alice, name=CHINESE_COMPETITOR)
    atlas = services.competitor_create(by=charlie, name="Atlas Foundry")
    published = report(
        alice,
        CHINESE_TITLE,
        published=at(2026, 6, 20, 10),
        competitors=[suzhou, rival],
        summary="Prices fell across the region.\nService still wins deals.",
        body=REPORT_BODY,
    )
    draft = report(
        alice,
        "Q3 draft notes",
        quarter=3,
        competitors=[rival],
        summary="Half written.",
        body="## Draft heading\n\nDraft secret body.",
    )
    chengdu_report = report(
        charlie, "Chengdu outlook", published=at(2026, 6, 25, 16), competitors=[atlas]
    )
    return {
        "rival": rival,
        "suzhou": suzhou,
        "atlas": atlas,
        "published": published,
        "draft": draft,
        "chengdu_report": chengdu_report,
    }


@pytest.fixture
def proposals(alice, bob, charlie, rita, market):
    """Alice's suggestion for two of her accounts, submitted on 10 June 2026 and adopted
    by Rita; the activity around it, in and out of the year before; Charlie's suggestion."""
    castings = f.AccountFactory(
        owner=alice, code="HZ-001", name=CHINESE_NAME, tier="strategic", region=REGION
    )
    valves = f.AccountFactory(
        owner=alice, code="NB-001", name="Ningbo Valve Works", tier="key", region=REGION
    )
    wuxi = f.AccountFactory(owner=alice, code="WX-001", name="Wuxi Bearings", tier="growth")
    chengdu = f.AccountFactory(
        owner=charlie, code="CD-001", name="Chengdu Heavy Industries", tier="growth"
    )
    rival, suzhou, atlas = market["rival"], market["suzhou"], market["atlas"]
    # In the year before 10 June 2026 (both ends counted), at the suggestion's accounts.
    activity(alice, rival, castings, dt.date(2026, 6, 10), "Rival quoted 8% under us")
    activity(
        bob, suzhou, valves, dt.date(2026, 3, 2), "苏州 offered free freight", kind="promotion"
    )
    activity(alice, rival, valves, dt.date(2025, 11, 15), "Lost the valve tender", kind="win")
    activity(alice, suzhou, castings, dt.date(2025, 6, 10), "New casting line announced",
             kind="product")  # fmt: skip
    # Outside the year, at another account, in the market at large, at Charlie's.
    activity(alice, rival, castings, dt.date(2026, 6, 11), "After the suggestion")
    activity(alice, rival, valves, dt.date(2025, 6, 9), "A year and a day before")
    activity(alice, rival, wuxi, dt.date(2026, 5, 1), "At Wuxi, not linked")
    activity(alice, rival, None, dt.date(2026, 5, 2), "Market-wide price list")
    activity(charlie, atlas, chengdu, dt.date(2026, 5, 3), "Atlas at Chengdu")
    adopted = suggestion(
        alice,
        "Corrosion-resistant coating",
        [valves, castings],
        created_at=at(2026, 6, 10, 15),
        description="Customers ask for a coating that survives salt spray.\n杭州 asks most.",
    )
    adopted = services.suggestion_decide(
        suggestion=adopted,
        by=rita,
        decision="adopted",
        note="Fits the 2027 roadmap.",
        today=dt.date(2026, 7, 1),
    )
    open_one = suggestion(alice, "Longer warranty", [castings], created_at=at(2026, 8, 1))
    chengdu_one = suggestion(charlie, "Chengdu packaging", [chengdu], created_at=at(2026, 8, 2))
    return {
        "castings": castings,
        "valves": valves,
        "chengdu": chengdu,
        "adopted": adopted,
        "open": open_one,
        "chengdu_suggestion": chengdu_one,
    }


# -- one market report ------------------------------------------------------------------------


def market_report(client, report_, expected=200):
    return export(client, "market_intel.market_report", "pdf", expected, report=report_.pk)


@pytest.mark.parametrize(
    ("persona", "published", "draft"),
    [
        ("alice", 200, 200),  # her own, draft included
        ("bob", 200, 404),  # her manager: a draft is its author's alone
        ("executive", 200, 404),
        ("charlie", 404, 404),
        ("dept_user", 404, 404),
        ("rita", 404, 404),
    ],
)
def test_market_report_is_for_those_who_see_it(client, market, persona, published, draft, request):
    client.force_login(request.getfixturevalue(persona))

    market_report(client, market["published"], published)
    market_report(client, market["draft"], draft)


def test_market_report_of_a_draft_for_its_author(client, alice, market):
    client.force_login(alice)

    text = pdf_text(body(market_report(client, market["draft"])))

    assert "Q3 draft notes" in text and "2026 Q3" in text
    assert "Draft heading" in text and "Draft secret body." in text
    assert "Not published yet" in text
    assert "Status Draft" in text


def test_market_report_pdf_text_with_chinese(client, bob, market):
    client.force_login(bob)

    response = market_report(client, market["published"])

    assert response["Content-Type"] == "application/pdf"
    assert response_filename(response) == f"market-report-2026-Q2-{market['published'].pk}.pdf"
    text = pdf_text(body(response))
    lines = text.splitlines()
    assert CHINESE_TITLE in lines  # the header's title, in the text layer
    assert "Author Alice Zhang Period 2026 Q2" in lines
    assert "Status Published Published on 20 Jun 2026" in lines
    # The competitors in their (name) order.
    assert f"Competitors covered Ningbo Rival, {CHINESE_COMPETITOR}" in lines
    assert "Prices fell across the region." in lines and "Service still wins deals." in lines
    assert f"{CHINESE_PHRASE}，especially at the strategic accounts." in lines
    # Markdown rendered, not shown as typed: a heading, the list items, the table's rows
    # as cells (how they are set: the next test).
    assert "Pricing pressure" in lines
    assert "Ningbo Rival cut list prices" in lines and "Free freight from Suzhou" in lines
    assert "Defend the strategic accounts" in lines and "Bundle service contracts" in lines
    assert "Competitor Move Share" in lines
    assert "Ningbo Rival Price cut 12%" in lines
    assert f"{CHINESE_COMPETITOR} Free freight 7%" in lines
    for typed in ("##", "|", "---", "[the market data]"):
        assert typed not in text, typed
    # No script, not even as text; the javascript: link is left a plain word.
    assert "script" not in text and "alert" not in text and "pwned" not in text
    assert "See the market data and a trap." in lines


def test_market_report_body_keeps_its_structure(client, alice, market):
    """The body is set as what its Markdown says: a heading in bold and larger, list items
    indented behind their markers, a table with its header row in bold; and of its links,
    only the safe one is a link."""
    client.force_login(alice)

    page = PdfReader(io.BytesIO(body(market_report(client, market["published"])))).pages[0]

    runs = text_runs(page)
    first = {}
    for run in runs:
        first.setdefault(run.text, run)
    heading = first["Pricing pressure"]
    paragraph = first[f"{CHINESE_PHRASE}，especially at the strategic accounts."]
    assert heading.bold and not paragraph.bold
    assert heading.size > paragraph.size
    for marker, item in (
        ("•", "Ningbo Rival cut list prices"),
        ("•", "Free freight from Suzhou"),
        ("1.", "Defend the strategic accounts"),
        ("2.", "Bundle service contracts"),
    ):
        line = first[item]
        assert line.x > paragraph.x, item
        assert [run.text for run in runs if run.y == line.y and run.x < line.x] == [marker]
    header = first["Competitor Move Share"]
    cells = [first["Ningbo Rival Price cut 12%"], first[f"{CHINESE_COMPETITOR} Free freight 7%"]]
    assert header.bold and not any(cell.bold for cell in cells)
    assert header.y > cells[0].y > cells[1].y
    links = [
        annotation.get_object()["/A"].get("/URI")
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    assert links == ["https://example.com/market"]


def test_market_report_of_no_report_is_404(client, alice, market):
    client.force_login(alice)

    export(client, "market_intel.market_report", "pdf", 404)
    export(client, "market_intel.market_report", "pdf", 404, report="abc")
    export(client, "market_intel.market_report", "pdf", 404, report=2**70)
    export(client, "market_intel.market_report", "pdf", 404, report=market["draft"].pk + 1000)
    export(client, "market_intel.market_report", "xlsx", 404, report=market["published"].pk)


def test_exports_need_a_login(client, market):
    for name, fmt, params in (
        ("market_intel.market_report", "pdf", {"report": market["published"].pk}),
        ("market_intel.proposal", "pdf", {"suggestion": 1}),
        ("market_intel.report_list", "xlsx", {}),
        ("market_intel.suggestion_list", "xlsx", {}),
    ):
        response = export(client, name, fmt, 302, **params)
        assert response["Location"].startswith(reverse("login"))


# -- the product improvement proposal ---------------------------------------------------------


def proposal(client, suggestion_, expected=200):
    return export(client, "market_intel.proposal", "pdf", expected, suggestion=suggestion_.pk)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("alice", 200),
        ("bob", 200),
        ("executive", 200),
        ("rita", 200),  # R&D decides it
        ("superuser", 200),
        ("charlie", 404),
        ("dept_user", 404),  # tech support is not R&D
    ],
)
def test_proposal_is_for_those_who_see_the_suggestion(client, proposals, persona, status, request):
    client.force_login(request.getfixturevalue(persona))

    proposal(client, proposals["adopted"], status)


def test_proposal_of_no_suggestion_is_404(client, alice, proposals):
    client.force_login(alice)

    export(client, "market_intel.proposal", "pdf", 404)
    export(client, "market_intel.proposal", "pdf", 404, suggestion="abc")
    export(client, "market_intel.proposal", "pdf", 404, suggestion=-1)
    export(client, "market_intel.proposal", "pdf", 404, suggestion=2**70)
    export(client, "market_intel.proposal", "pdf", 404, suggestion=proposals["open"].pk + 1000)
    proposal(client, proposals["chengdu_suggestion"], 404)
    export(client, "market_intel.proposal", "xlsx", 404, suggestion=proposals["open"].pk)


EVIDENCE = [  # newest first
    f"10 Jun 2026 Ningbo Rival Pricing {CHINESE_NAME} Rival quoted 8% under us",
    "2 Mar 2026 苏州精工机械 Promotion Ningbo Valve Works 苏州 offered free freight",
    "15 Nov 2025 Ningbo Rival Win against us Ningbo Valve Works Lost the valve tender",
    f"10 Jun 2025 苏州精工机械 New product {CHINESE_NAME} New casting line announced",
]


def test_proposal_for_r_and_d_says_of_the_accounts_their_name_and_tier_only(
    client, rita, proposals
):
    client.force_login(rita)

    response = proposal(client, proposals["adopted"])

    assert response["Content-Type"] == "application/pdf"
    assert response_filename(response) == f"proposal-{proposals['adopted'].pk}.pdf"
    text = pdf_text(body(response))
    lines = text.splitlines()
    assert "Product improvement proposal: Corrosion-resistant coating" in lines
    assert "Submitted by Alice Zhang Submitted on 10 Jun 2026" in lines
    assert "Status Adopted" in lines
    assert "Decided by Rita Sun Decided on 1 Jul 2026" in lines
    assert "Decision note Fits the 2027 roadmap." in lines
    assert "Customers ask for a coating that survives salt spray." in lines
    assert "杭州 asks most." in lines
    # The accounts, by name, with their tier.
    assert "Account Tier" in lines
    assert [line for line in lines if line.endswith(("Strategic", "Key"))] == [
        "Ningbo Valve Works Key",
        f"{CHINESE_NAME} Strategic",
    ]
    # The evidence: what the competitors did there in the year before, newest first.
    assert (
        "Seen from 10 Jun 2025 to 10 Jun 2026, the year before the suggestion was submitted; "
        "newest first."
    ) in " ".join(text.split())
    assert [line for line in lines if line in EVIDENCE] == EVIDENCE
    for outside in (
        "After the suggestion",
        "A year and a day before",
        "At Wuxi, not linked",
        "Market-wide price list",
        "Atlas at Chengdu",
        "most recent are listed",
    ):
        assert outside not in text, outside
    # Nothing else of the accounts: no code, region, owner's team or other accounts; nor
    # who reported an activity (Bob reported the promotion).
    for secret in ("HZ-001", "NB-001", "WX-001", REGION, "East", "Wuxi", "Bob Wu"):
        assert secret not in text, secret


def test_proposal_for_its_author_is_the_same_document(client, alice, proposals):
    client.force_login(alice)

    text = pdf_text(body(proposal(client, proposals["adopted"])))

    lines = text.splitlines()
    assert [line for line in lines if line in EVIDENCE] == EVIDENCE
    assert "HZ-001" not in text and REGION not in text


def test_proposal_of_an_open_suggestion(client, bob, proposals):
    client.force_login(bob)

    text = pdf_text(body(proposal(client, proposals["open"])))

    lines = text.splitlines()
    assert "Product improvement proposal: Longer warranty" in lines
    assert "Status Submitted" in lines
    assert "Decided by" not in text and "Decision note" not in text
    assert f"{CHINESE_NAME} Strategic" in lines
    # The year before 1 August 2026, at the castings only.
    assert [line for line in lines if " Ningbo Rival " in f" {line} "] == [
        f"11 Jun 2026 Ningbo Rival Pricing {CHINESE_NAME} After the suggestion",
        f"10 Jun 2026 Ningbo Rival Pricing {CHINESE_NAME} Rival quoted 8% under us",
    ]


def test_proposal_without_accounts(client, alice, market):
    client.force_login(alice)
    lone = suggestion(alice, "Lighter pallets")

    text = pdf_text(body(proposal(client, lone)))

    assert "No account is linked to this suggestion." in text
    assert "No competitor activity was recorded at these accounts in that year." in text


def test_proposal_lists_the_newest_fifty_activities(client, alice, market):
    account = f.AccountFactory(owner=alice, name="Busy Account")
    created = suggestion(alice, "Busy", [account], created_at=at(2026, 6, 30))
    CompetitorActivity.objects.bulk_create(
        CompetitorActivity(
            competitor=market["rival"],
            account=account,
            observed_on=dt.date(2026, 1, 1) + dt.timedelta(days=day),
            kind="other",
            details=f"Sighting {day:02d}",
            reported_by=alice,
        )
        for day in range(1, 52)
    )
    client.force_login(alice)

    text = pdf_text(body(proposal(client, created)))

    sightings = [line.rsplit(" ", 1)[1] for line in text.splitlines() if "Sighting" in line]
    assert sightings == [f"{day:02d}" for day in range(51, 1, -1)]  # 50, the oldest left out
    assert "The 50 most recent are listed." in " ".join(text.split())


# -- the market report list -------------------------------------------------------------------


def report_list(client, expected=200, **params):
    return export(client, "market_intel.report_list", "xlsx", expected, **params)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("alice", ["Q3 draft notes", CHINESE_TITLE]),
        ("bob", [CHINESE_TITLE]),  # not her draft
        ("charlie", ["Chengdu outlook"]),
        ("executive", ["Chengdu outlook", CHINESE_TITLE]),
        ("superuser", ["Q3 draft notes", "Chengdu outlook", CHINESE_TITLE]),
        ("dept_user", []),
        ("rita", []),
    ],
)
def test_report_list_holds_what_the_persona_sees(client, market, persona, expected, request):
    client.force_login(request.getfixturevalue(persona))

    book = workbook(report_list(client))

    assert [row["Title"] for row in records(book["Market reports"])] == expected


def test_report_list_cells(client, alice, market):
    client.force_login(alice)

    response = report_list(client)

    book = workbook(response)
    header, _data = rows(book["Market reports"])
    assert header == REPORT_HEADER
    assert records(book["Market reports"]) == [
        {
            "Title": "Q3 draft notes",
            "Author": "Alice Zhang",
            "Period": "2026 Q3",
            "Status": "Draft",
            "Published at": None,
            "Competitors covered": "Ningbo Rival",
        },
        {
            "Title": CHINESE_TITLE,
            "Author": "Alice Zhang",
            "Period": "2026 Q2",
            "Status": "Published",
            "Published at": dt.datetime(2026, 6, 20, 10),  # the company's clock
            "Competitors covered": f"Ningbo Rival, {CHINESE_COMPETITOR}",
        },
    ]
    assert book["Market reports"]["E3"].number_format == "yyyy-mm-dd hh:mm"
    meta = info(book)
    assert (meta["Title"], meta["Rows exported"], meta["Generated by"]) == (
        "Market reports",
        2,
        "Alice Zhang",
    )
    assert response_filename(response).startswith("market-reports-")


def test_report_list_filters(client, alice, bob, market):
    client.force_login(bob)

    book = workbook(
        report_list(
            client,
            status="published",
            year=2026,
            quarter=2,
            author=alice.pk,
            competitor=market["suzhou"].pk,
            q="市场分析",
        )
    )

    assert [row["Title"] for row in records(book["Market reports"])] == [CHINESE_TITLE]
    meta = info(book)
    assert meta["Status"] == "Published"
    assert (meta["Year"], meta["Quarter"], meta["Author"]) == ("2026", "2", "Alice Zhang")
    assert (meta["Competitor covered"], meta["Search"]) == (CHINESE_COMPETITOR, "市场分析")
    client.force_login(alice)
    assert (
        records(workbook(report_list(client, status="draft"))["Market reports"])[0]["Title"]
        == "Q3 draft notes"
    )
    assert records(workbook(report_list(client, competitor=market["suzhou"].pk, quarter=3))[
        "Market reports"
    ]) == []  # fmt: skip


def test_report_list_bad_filters_are_a_400(client, alice, charlie, market):
    client.force_login(alice)

    report_list(client, 400, quarter=5)
    report_list(client, 400, year="soon")
    report_list(client, 400, status="lost")
    report_list(client, 400, author=charlie.pk)  # not someone she sees
    report_list(client, 400, q=" ".join(["a"] * 50))
    export(client, "market_intel.report_list", "pdf", 404)


@pytest.mark.parametrize("count", [1, 20])
def test_report_list_query_count(client, alice, count, django_assert_num_queries):
    rival = services.competitor_create(by=alice, name="Rival")
    other = services.competitor_create(by=alice, name="Other")
    for n in range(count):
        report(alice, f"Report {n}", competitors=[rival, other])
    client.force_login(alice)
    # session, user, COUNT, the rows with their authors, their competitors
    # (+ the request's savepoint pair)
    with django_assert_num_queries(7):
        response = report_list(client)
    data = records(workbook(response)["Market reports"])
    assert len(data) == count
    assert {row["Competitors covered"] for row in data} == {"Other, Rival"}


# -- the suggestion list ----------------------------------------------------------------------


def suggestion_list(client, expected=200, **params):
    return export(client, "market_intel.suggestion_list", "xlsx", expected, **params)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("alice", ["Longer warranty", "Corrosion-resistant coating"]),
        ("bob", ["Longer warranty", "Corrosion-resistant coating"]),
        ("charlie", ["Chengdu packaging"]),
        ("executive", ["Chengdu packaging", "Longer warranty", "Corrosion-resistant coating"]),
        ("rita", ["Chengdu packaging", "Longer warranty", "Corrosion-resistant coating"]),
        ("dept_user", []),
    ],
)
def test_suggestion_list_holds_what_the_persona_sees(client, proposals, persona, expected, request):
    client.force_login(request.getfixturevalue(persona))

    book = workbook(suggestion_list(client))

    assert [row["Title"] for row in records(book["Product suggestions"])] == expected


def test_suggestion_list_cells_for_r_and_d(client, rita, proposals):
    client.force_login(rita)

    response = suggestion_list(client, status=["adopted", "submitted"])

    book = workbook(response)
    header, _data = rows(book["Product suggestions"])
    assert header == SUGGESTION_HEADER
    assert records(book["Product suggestions"]) == [
        {
            "Title": "Chengdu packaging",
            "Submitted by": "Charlie Li",
            "Accounts asking": "Chengdu Heavy Industries",
            "Status": "Submitted",
            "Decided by": None,
            "Decided on": None,
            "Decision note": None,
        },
        {
            "Title": "Longer warranty",
            "Submitted by": "Alice Zhang",
            "Accounts asking": CHINESE_NAME,
            "Status": "Submitted",
            "Decided by": None,
            "Decided on": None,
            "Decision note": None,
        },
        {
            "Title": "Corrosion-resistant coating",
            "Submitted by": "Alice Zhang",
            "Accounts asking": f"Ningbo Valve Works, {CHINESE_NAME}",
            "Status": "Adopted",
            "Decided by": "Rita Sun",
            "Decided on": dt.datetime(2026, 7, 1),
            "Decision note": "Fits the 2027 roadmap.",
        },
    ]
    assert book["Product suggestions"]["F4"].number_format == "yyyy-mm-dd"
    meta = info(book)
    assert (meta["Title"], meta["Rows exported"], meta["Status"]) == (
        "Product suggestions",
        3,
        "Adopted, Submitted",  # as asked
    )
    # Of the accounts their names only.
    cells = {str(value) for value in every_cell(book) if value is not None}
    for secret in ("HZ-001", "NB-001", "CD-001", REGION, "Strategic", "East China"):
        assert not any(secret in cell for cell in cells), secret
    assert response_filename(response).startswith("suggestions-")


def test_suggestion_list_filters(client, alice, bob, proposals):
    client.force_login(bob)

    def titles(**params):
        return [
            row["Title"]
            for row in records(workbook(suggestion_list(client, **params))["Product suggestions"])
        ]

    assert titles(account=proposals["valves"].pk) == ["Corrosion-resistant coating"]
    assert titles(submitted_by=alice.pk, status="submitted") == ["Longer warranty"]
    assert titles(decided_after="2026-07-01", decided_before="2026-07-01") == [
        "Corrosion-resistant coating"
    ]
    assert titles(q="warranty") == ["Longer warranty"]
    book = workbook(suggestion_list(client, account=proposals["castings"].pk))
    assert info(book)["Account"] == CHINESE_NAME


def test_suggestion_list_bad_filters_are_a_400(client, alice, proposals):
    client.force_login(alice)

    suggestion_list(client, 400, status="lost")
    suggestion_list(client, 400, decided_after="not a date")
    suggestion_list(client, 400, account=proposals["chengdu"].pk)  # Charlie's
    export(client, "market_intel.suggestion_list", "pdf", 404)


@pytest.mark.parametrize("count", [1, 20])
def test_suggestion_list_query_count(client, alice, count, django_assert_num_queries):
    accounts = [f.AccountFactory(owner=alice, name=name) for name in ("B Works", "A Works")]
    for n in range(count):
        suggestion(alice, f"Suggestion {n}", accounts)
    client.force_login(alice)
    # session, user, COUNT, the rows with their authors and deciders, their accounts
    # (+ the request's savepoint pair)
    with django_assert_num_queries(7):
        response = suggestion_list(client)
    data = records(workbook(response)["Product suggestions"])
    assert len(data) == count
    assert {row["Accounts asking"] for row in data} == {"A Works, B Works"}
