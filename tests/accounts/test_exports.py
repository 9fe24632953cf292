"""Duty 1's deliverables as files: the account list, the satisfaction survey report, the
relationship maintenance plan. Each starts from ``visible_to`` and the page's filters."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from kam.dates import Quarter
from kam.models import ExportJob, ExportStatus
from tests import factories as f
from tests.support import pdf_text, wait_until

pytestmark = pytest.mark.django_db

CHINESE_NAME = "杭州精密铸造有限公司"


def export(client, name, fmt, status=200, **params):
    response = client.get(reverse("export", args=[name, fmt]), params)
    assert response.status_code == status, response.content[:300]
    return response


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def workbook(response):
    return load_workbook(io.BytesIO(body(response)))


def rows(sheet):
    values = list(sheet.iter_rows(values_only=True))
    return values[0], values[1:]


@pytest.fixture
def two_teams(alice_records, charlie):
    charlie_account = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")
    return alice_records["account"], charlie_account


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("alice", ["Hangzhou Precision Castings"]),
        ("bob", ["Hangzhou Precision Castings"]),
        ("charlie", ["Chengdu Heavy Industries"]),
        ("executive", ["Chengdu Heavy Industries", "Hangzhou Precision Castings"]),
        ("dept_user", []),
    ],
)
def test_account_list_export_holds_what_the_persona_sees(
    client, two_teams, persona, expected, request
):
    client.force_login(request.getfixturevalue(persona))

    response = export(client, "accounts.account_list", "xlsx")

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    header, data = rows(workbook(response)["Accounts"])
    assert [row[header.index("Name")] for row in data] == expected


def test_account_list_export_has_typed_values_equal_to_the_page(client, alice):
    account = f.AccountFactory(
        owner=alice,
        name="Ningbo Valve Works",
        code="NB-001",
        annual_potential=Decimal("18524000.50"),
        customer_since=dt.date(2024, 3, 1),
        tier="strategic",
    )
    visited = timezone.localtime().replace(hour=10, minute=30, second=0, microsecond=0)
    f.VisitFactory(account=account, visited_at=visited - dt.timedelta(days=2))
    f.AccountFactory(owner=alice, name="Growth Only Ltd", tier="growth")
    account.refresh_from_db()
    client.force_login(alice)

    response = export(client, "accounts.account_list", "xlsx", tier="strategic")

    book = workbook(response)
    header, data = rows(book["Accounts"])
    assert len(data) == 1  # the page's filter applies
    row = dict(zip(header, data[0], strict=True))
    assert row["Code"] == "NB-001"
    assert row["Tier"] == "Strategic"
    assert row["Owner"] == alice.display_name
    assert row["Customer since"] == dt.datetime(2024, 3, 1)  # a date cell
    assert row["Annual potential"] == 18524000.5
    assert book["Accounts"]["J2"].number_format == "#,##0.00"
    assert row["Last visit"] == (visited - dt.timedelta(days=2)).replace(tzinfo=None)
    # The page says the same.
    html = client.get(reverse("accounts:account-list"), {"tier": "strategic"}).content.decode()
    assert "18,524,000" in html and "Ningbo Valve Works" in html
    info = dict(book["Export info"].iter_rows(values_only=True))
    assert info["Tier"] == "Strategic"


def test_a_bad_filter_is_a_400_not_an_empty_file(client, alice):
    client.force_login(alice)

    export(client, "accounts.account_list", "xlsx", 400, q=" ".join(["a"] * 50))
    export(client, "accounts.nope", "xlsx", 404)
    export(client, "accounts.account_list", "pdf", 404)


@pytest.mark.parametrize("rows_count", [1, 20])
def test_account_list_export_query_count(client, alice, rows_count, django_assert_num_queries):
    for n in range(rows_count):
        f.AccountFactory(owner=alice, name=f"Bulk {n:02d}")
    client.force_login(alice)
    # session, user, COUNT, the rows with their owners (+ savepoint pair)
    with django_assert_num_queries(6):
        response = export(client, "accounts.account_list", "xlsx")
    assert len(rows(workbook(response)["Accounts"])[1]) == rows_count


# -- satisfaction survey report -----------------------------------------------------------------


@pytest.fixture
def surveyed(alice, charlie):
    """Responses of this quarter on Alice's Chinese account; one of Charlie's."""
    quarter = Quarter.current()
    account = f.AccountFactory(owner=alice, name=CHINESE_NAME)
    contact = f.ContactFactory(account=account, name="王磊")
    for score, nps, comment in [
        (5, 10, "交货准时，服务很好"),
        (4, 9, ""),
        (4, 7, "质量稳定"),
        (2, 3, "投诉处理太慢"),
        (3, None, ""),
    ]:
        f.SurveyResponseFactory(
            account=account,
            contact=contact,
            score=score,
            nps=nps,
            comment=comment,
            received_on=quarter.start,
        )
    f.SurveyResponseFactory(
        account=account, score=1, received_on=quarter.start - dt.timedelta(days=1)
    )  # last quarter
    f.SurveyResponseFactory(
        account=f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries"),
        score=1,
        comment="Charlie's customer is angry",
        received_on=quarter.start,
    )
    return account


def test_survey_report_page_figures(client, alice, surveyed):
    client.force_login(alice)

    response = client.get(reverse("accounts:satisfaction-report"))

    assert response.status_code == 200
    totals = response.context["report"]["totals"]
    # 5 responses this quarter; 3 scored 4 or 5; NPS: 2 promoters, 1 detractor of 4 answers.
    assert (totals["responses"], totals["satisfied"], totals["csat"]) == (5, 3, 60.0)
    assert (totals["nps_answers"], totals["nps"]) == (4, 25)
    assert totals["distribution"] == [
        (5, 1, 20.0),
        (4, 2, 40.0),
        (3, 1, 20.0),
        (2, 1, 20.0),
        (1, 0, 0.0),
    ]
    html = response.content.decode()
    assert "60.0%" in html and CHINESE_NAME in html
    assert "40.0%" in html  # the share of 4s, as the page writes it
    assert "Charlie's customer is angry" not in html


def test_survey_report_as_pdf_in_chinese(client, alice, surveyed):
    alice.language = "zh-hans"
    alice.save()
    client.force_login(alice)

    with translation.override("zh-hans"):
        response = export(client, "accounts.survey_report", "pdf", account=surveyed.pk)

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(body(response))
    assert CHINESE_NAME in text
    assert "投诉处理太慢" in text and "60.0%" in text


def test_survey_report_xlsx_per_account_and_responses(client, executive, surveyed):
    client.force_login(executive)

    book = workbook(export(client, "accounts.survey_report", "xlsx"))

    header, data = rows(book["Per account"])
    per_account = {row[0]: dict(zip(header, row, strict=True)) for row in data}
    mine = per_account[CHINESE_NAME]
    assert (mine["Responses"], mine["CSAT %"], mine["NPS"]) == (5, 0.6, 25)
    assert per_account["Chengdu Heavy Industries"]["Responses"] == 1
    header, data = rows(book["Responses"])
    assert len(data) == 6


def test_survey_report_of_someone_elses_account_is_404(client, charlie, surveyed):
    client.force_login(charlie)

    export(client, "accounts.survey_report", "pdf", 404, account=surveyed.pk)
    assert (
        client.get(reverse("accounts:satisfaction-report"), {"account": surveyed.pk}).status_code
        == 404
    )


def test_survey_report_custom_period_is_checked(client, alice, surveyed):
    client.force_login(alice)

    bad = client.get(
        reverse("accounts:satisfaction-report"),
        {"period": "custom", "start": "2026-05-01", "end": "2026-01-01"},
    )

    assert bad.status_code == 400
    assert "The period ends before it starts." in bad.content.decode()
    export(client, "accounts.survey_report", "xlsx", 400, period="custom", start="2026-05-01")


# -- relationship maintenance plan ------------------------------------------------------------


def test_relationship_plan_pdf(client, alice, charlie, alice_records):
    plan = alice_records["plan"]
    f.PlanActionFactory(plan=plan, title="去工厂参观", due_on=dt.date(2026, 1, 15))
    client.force_login(alice)

    text = pdf_text(body(export(client, "accounts.relationship_plan", "pdf", plan=plan.pk)))

    assert "Deepen the relationship with the plant director." in text
    assert "去工厂参观" in text and "Executive dinner" in text
    client.force_login(charlie)
    export(client, "accounts.relationship_plan", "pdf", 404, plan=plan.pk)
    export(client, "accounts.relationship_plan", "pdf", 404, plan="abc")


# -- a large export runs as a job ---------------------------------------------------------------


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_large_export_is_a_job_only_its_requester_downloads(client, celery_worker, settings):
    settings.KAM_EXPORT_SYNC_ROWS = 3
    alice = f.UserFactory(username="alice")
    charlie = f.UserFactory(username="charlie")
    for n in range(5):
        f.AccountFactory(owner=alice, name=f"Bulk {n}")
    client.force_login(alice)

    response = client.get(reverse("export", args=["accounts.account_list", "xlsx"]))

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("export-job", args=[job.pk])
    wait_until(lambda: ExportJob.objects.get().status == ExportStatus.DONE)
    job.refresh_from_db()
    assert (job.rows_total, job.rows_done) == (5, 5)
    status = client.get(reverse("export-job", args=[job.pk])).content.decode()
    assert reverse("export-download", args=[job.pk]) in status
    download = client.get(reverse("export-download", args=[job.pk]))
    assert download.status_code == 200
    assert len(rows(workbook(download)["Accounts"])[1]) == 5
    # Nobody else sees it, or its file.
    client.force_login(charlie)
    assert client.get(reverse("export-job", args=[job.pk])).status_code == 404
    assert client.get(reverse("export-download", args=[job.pk])).status_code == 404
    job.file.delete()
