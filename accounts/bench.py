"""Benchmark cases of duty 1: the home page, the account pages and the accounts API lists.

``manage.py bench`` finds ``CASES`` (see ``kam.bench``). A path that needs an id is a
callable of the request's ``BenchContext``: the persona's busiest account against an
account of the empty user with no records (created here, so that user's lists show that
one row).
"""

from math import ceil

from django.db.models import Count
from django.urls import reverse

from accounts import services
from accounts.models import Account
from accounts.views import AccountListView
from kam.bench import API, PAGE, BenchCase

EMPTY_ACCOUNT = "Bench: account with no records"
DEEP_PAGE = 50


def busiest(context) -> Account:
    """The visible account with the most visits: the account page's worst case."""
    return (
        Account.objects.visible_to(context.user)
        .annotate(visit_count=Count("visits"))
        .order_by("-visit_count", "pk")
        .first()
    )


def quiet(context) -> Account:
    account = Account.objects.filter(owner=context.user, name=EMPTY_ACCOUNT).first()
    return account or services.account_create(by=context.user, name=EMPTY_ACCOUNT)


def account_page(context) -> str:
    account = quiet(context) if context.empty else busiest(context)
    return account.get_absolute_url()


def visit_timeline(context) -> str:
    account = quiet(context) if context.empty else busiest(context)
    return reverse("accounts:account-visits", args=[account.pk])


def deep_list_page(context) -> str:
    """Page 50 by potential, or the last page for a user who sees fewer accounts."""
    pages = ceil(Account.objects.visible_to(context.user).count() / AccountListView.paginate_by)
    return f"/accounts/?sort=-potential&page={max(1, min(DEEP_PAGE, pages))}"


CASES = [
    BenchCase("/", PAGE, "rep"),
    BenchCase("/", PAGE, "manager"),
    BenchCase("/", PAGE, "executive"),
    BenchCase("/", PAGE, "department"),
    BenchCase("/accounts/", PAGE, "executive"),
    BenchCase("/accounts/", PAGE, "manager"),
    BenchCase("/accounts/", PAGE, "rep"),
    BenchCase("/accounts/?q=Co", PAGE, "executive"),
    BenchCase(f"/accounts/?sort=-potential&page={DEEP_PAGE}", PAGE, "executive", deep_list_page),
    BenchCase("/accounts/[id]/", PAGE, "executive", account_page),
    BenchCase("/accounts/[id]/", PAGE, "rep", account_page),
    BenchCase("/accounts/[id]/visits/", PAGE, "executive", visit_timeline),
    BenchCase("/api/v1/accounts/", API, "executive"),
    BenchCase("/api/v1/accounts/", API, "manager"),
    BenchCase("/api/v1/accounts/", API, "rep"),
    BenchCase("/api/v1/accounts/?page_size=50", API, "department"),
    BenchCase("/api/v1/contacts/?page_size=50&search=Li", API, "executive"),
    BenchCase("/api/v1/visits/?page_size=50", API, "executive"),
    BenchCase("/api/v1/visits/?page_size=50", API, "rep"),
    BenchCase("/api/v1/surveys/?page_size=50", API, "executive"),
    BenchCase("/api/v1/relationship-plans/", API, "executive"),
    BenchCase("/api/v1/plan-actions/", API, "executive"),
    BenchCase("/api/v1/plan-actions/", API, "manager"),
]
