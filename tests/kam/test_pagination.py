"""Lists that can grow past what counting is worth: the pages' capped count."""

import pytest
from django.urls import reverse

from accounts.models import Account
from kam.filters import TeamOwnerFilterMixin
from kam.pagination import CappedPaginator
from tests import factories as f

pytestmark = pytest.mark.django_db


class SmallCap(CappedPaginator):
    CAP = 3


def test_the_count_stops_at_the_cap(alice):
    f.AccountFactory.create_batch(5, owner=alice)

    capped = SmallCap(Account.objects.order_by("name"), 2)
    exact = SmallCap(Account.objects.filter(pk__in=Account.objects.values("pk")[:3]), 2)

    assert (capped.count, capped.capped, capped.num_pages) == (3, True, 2)
    assert (exact.count, exact.capped) == (3, False)
    assert len(capped.page(2).object_list) == 1  # the first CAP rows, two to a page


def test_a_capped_list_says_there_are_more(client, alice, monkeypatch, english):
    monkeypatch.setattr(CappedPaginator, "CAP", 3)
    # Names of their own: the factory's sequence ("Account 1234") depends on what ran before.
    for name in ("Capped Alpha", "Capped Beta", "Capped Gamma", "Capped Delta"):
        f.AccountFactory(owner=alice, name=name)
    client.force_login(alice)

    html = client.get(reverse("accounts:account-list")).content.decode()
    few = client.get(reverse("accounts:account-list") + "?q=Gamma").content.decode()

    assert "3 accounts or more: narrow the filters to reach the rest." in " ".join(html.split())
    assert "or more" not in few


def test_past_a_hundred_reps_the_owner_filter_lists_the_chosen_team(client, executive, team_a):
    """An executive's order list once rendered a select of every rep of the company."""
    other = f.TeamFactory(name="North")
    reps = [f.UserFactory(username=f"r{i}", role="rep", team=team_a) for i in range(3)]
    f.UserFactory(username="n1", role="rep", team=other)
    client.force_login(executive)
    url = reverse("sales_plans:order-list")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TeamOwnerFilterMixin, "OWNER_CHOICES_SHOWN", 2)
        unchosen = client.get(url).context["filter_form"].fields["owner"].queryset
        chosen = client.get(f"{url}?team={team_a.pk}").context["filter_form"].fields["owner"]

    assert list(unchosen) == []
    assert set(chosen.queryset) == set(reps)
