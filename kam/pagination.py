from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """``{count, next, previous, results}``; ``page_size`` may be asked for, up to 200."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 200


class CappedPaginator(Paginator):
    """A page's paginator that counts at most ``CAP`` rows.

    An executive's order list matches a million rows, and ``COUNT(*)`` over them costs more
    than the whole rest of the page. Past ``CAP`` the list says "20,000 or more" (``capped``)
    and pages through the first ``CAP``; filters reach the rest. The API counts exactly.
    """

    CAP = 20_000
    capped = False

    def __init__(self, *args, cap: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if cap is not None:
            self.CAP = cap

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if not hasattr(rows, "query"):
            return super().count
        counted = rows.order_by()[: self.CAP + 1].count()
        self.capped = counted > self.CAP
        return min(counted, self.CAP)


def whole_table(query) -> bool:
    """Whether ``query`` (a ``QuerySet.query``) holds every row of its table once: no
    condition, slice, DISTINCT, grouping, set operation or annotation. A queryset whose
    model keeps its count elsewhere (``OrderQuerySet.count``) reads it from there then."""
    return not (
        query.where
        or query.is_sliced
        or query.distinct
        or query.combinator
        or query.group_by is not None
        or query.annotations
        or query.extra
    )


def page_summary(page: Page, rows: list) -> dict:
    """What ``summarized_page`` rebuilds ``page`` from, with ``rows`` for its objects:
    plain values, which a summary (``kam.summaries``) can keep in the cache."""
    return {"number": page.number, "count": page.paginator.count, "rows": rows}


def summarized_page(summary: dict, per_page: int) -> Page:
    """The page ``page_summary`` described, for the pagination links: its rows and number,
    and a paginator of its count (over a ``range``, which holds nothing)."""
    return Page(summary["rows"], summary["number"], Paginator(range(summary["count"]), per_page))
