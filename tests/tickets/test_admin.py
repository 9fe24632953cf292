"""Admin of duty 4: a ticket saves through the services from its change page, timeline
and all (its read-only inline is posted back as the page renders it)."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.support import admin_form_data
from tickets import services
from tickets.models import Ticket


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
