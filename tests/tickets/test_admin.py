"""Admin of duty 4: a ticket saves through the services from its change page, timeline
and all (its read-only inline is posted back as the page renders it); business calendars
and the SLA policies that count in them."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests import factories as f
from tests.support import admin_form_data
from tickets import services
from tickets.models import BusinessCalendar, SlaPolicy, Ticket

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.django_db
def test_a_ticket_with_a_timeline_saves_from_its_change_page(client, superuser, alice_account):
    ticket = f.TicketFactory(account=alice_account, subject="Cracks")
    services.ticket_comment(ticket=ticket, by=alice_account.owner, body="Photos attached.")
    client.force_login(superuser)
    url = reverse("admin:tickets_ticket_change", args=[ticket.pk])

    response = client.post(url, admin_form_data(client, url, subject="Cracks found"))

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Ticket.objects.get(pk=ticket.pk).subject == "Cracks found"
    assert ticket.events.count() == 2  # opened, the comment: nothing added or lost


@pytest.fixture
def cn_calendar(db):
    call_command("load_calendar", "CN", "--years", "2026", stdout=StringIO())
    return BusinessCalendar.objects.get(code="CN")


def hours_formset(calendar, *extra) -> dict:
    """The calendar page's working-hours inline as posted: its rows, plus ``extra`` new ones."""
    rows = list(calendar.hours.order_by("weekday", "starts"))
    data = {
        "hours-TOTAL_FORMS": str(len(rows) + len(extra)),
        "hours-INITIAL_FORMS": str(len(rows)),
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data |= {
            f"hours-{index}-id": str(row.pk),
            f"hours-{index}-calendar": str(calendar.pk),
            f"hours-{index}-weekday": str(row.weekday),
            f"hours-{index}-starts": f"{row.starts:%H:%M}",
            f"hours-{index}-ends": f"{row.ends:%H:%M}",
        }
    for offset, (weekday, starts, ends) in enumerate(extra, start=len(rows)):
        data |= {
            f"hours-{offset}-calendar": str(calendar.pk),
            f"hours-{offset}-weekday": str(weekday),
            f"hours-{offset}-starts": starts,
            f"hours-{offset}-ends": ends,
        }
    return data


def test_an_admin_gives_the_calendar_a_saturday_shift_and_sees_its_days(
    client, superuser, cn_calendar
):
    client.force_login(superuser)
    url = reverse("admin:tickets_businesscalendar_change", args=[cn_calendar.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.content.decode().count('name="hours-') >= 10 * 4

    data = {"code": "CN", "name": "中国（上海工厂）", "time_zone": "Asia/Shanghai"}
    response = client.post(url, data | hours_formset(cn_calendar, (5, "08:00", "12:00")))

    assert response.status_code == 302, response.content.decode()[:3000]
    cn_calendar.refresh_from_db()
    assert cn_calendar.name == "中国（上海工厂）"
    assert list(cn_calendar.hours.filter(weekday=5).values_list("starts", "ends")) == [
        (dt.time(8), dt.time(12))
    ]
    assert cn_calendar.history.count() == 2  # created by the command, changed here

    days = client.get(
        reverse("admin:tickets_calendarday_changelist"), {"calendar__id__exact": cn_calendar.pk}
    )
    assert days.status_code == 200
    assert "国庆节" in days.content.decode()


def test_a_span_ending_before_it_starts_is_refused_and_nothing_is_saved(
    client, superuser, cn_calendar
):
    client.force_login(superuser)
    url = reverse("admin:tickets_businesscalendar_change", args=[cn_calendar.pk])
    data = {"code": "CN", "name": "Renamed", "time_zone": "Asia/Shanghai"}

    response = client.post(url, data | hours_formset(cn_calendar, (5, "12:00", "08:00")))

    assert response.status_code == 200
    assert "A span ends after it starts." in response.content.decode()
    cn_calendar.refresh_from_db()
    assert cn_calendar.name != "Renamed"
    assert not cn_calendar.hours.filter(weekday=5).exists()


def test_a_policy_takes_a_calendar_only_when_it_has_working_hours(client, superuser, cn_calendar):
    client.force_login(superuser)
    empty = BusinessCalendar.objects.create(code="EMPTY", name="No hours", time_zone="UTC")
    policy, _ = SlaPolicy.objects.get_or_create(priority="normal")
    url = reverse("admin:tickets_slapolicy_change", args=[policy.pk])

    refused = client.post(url, {"priority": "normal", "resolution_hours": 8, "calendar": empty.pk})
    accepted = client.post(
        url, {"priority": "normal", "resolution_hours": 8, "calendar": cn_calendar.pk}
    )

    assert refused.status_code == 200
    assert "This calendar has no working hours" in refused.content.decode()
    assert accepted.status_code == 302
    policy.refresh_from_db()
    assert (policy.resolution_hours, policy.calendar) == (8, cn_calendar)


def test_a_loaded_day_changed_in_admin_survives_the_next_load(client, superuser, cn_calendar):
    """2026-10-07 is a day off in the package; a plant that works it says so in admin."""
    day = cn_calendar.days.get(date=dt.date(2026, 10, 7))
    assert day.source  # loaded from the package
    client.force_login(superuser)
    url = reverse("admin:tickets_calendarday_change", args=[day.pk])
    data = {
        "calendar": cn_calendar.pk,
        "date": "2026-10-07",
        "kind": "workday",
        "name": "Plant open",
        "works_as": 0,
    }

    response = client.post(url, data)
    call_command("load_calendar", "CN", "--years", "2026", stdout=StringIO())

    assert response.status_code == 302, response.content.decode()[:2000]
    day.refresh_from_db()
    assert (day.kind, day.name, day.source) == ("workday", "Plant open", "")
