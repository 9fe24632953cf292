"""Reads of duty 5's dashboards: the stored scorecards (never recomputed on a page), their
trends, and the records behind a cell. Every read starts from ``visible_to``; each function
costs a constant number of queries whatever the number of reps, quarters or records.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q

from kam.dates import Quarter
from kpis import metrics
from kpis.choices import UNITS, Metric, Scope
from kpis.models import Scorecard, ScorecardMetric

#: Quarters a trend chart covers.
TREND_QUARTERS = 8
#: Reps per page of a dashboard table (an executive's company has 500).
REPS_PER_PAGE = 50


def with_metrics(cards):
    """Scorecards with their subject and their metrics, in the dashboards' metric order."""
    return cards.select_related("user__team", "team__manager").prefetch_related(
        Prefetch("metrics", queryset=ScorecardMetric.objects.order_by("id"), to_attr="stored")
    )


@dataclass
class Row:
    """A scorecard as a table row: its cells in ``Metric`` order (None: not computed)."""

    card: Scorecard
    cells: list[ScorecardMetric | None] = field(default_factory=list)

    @classmethod
    def of(cls, card: Scorecard) -> "Row":
        by_metric = {cell.metric: cell for cell in card.stored}
        return cls(card, [by_metric.get(metric) for metric in Metric.values])

    def cell(self, metric: str) -> ScorecardMetric | None:
        return self.cells[Metric.values.index(metric)]


def quarter_cards(user, quarter: Quarter):
    return Scorecard.objects.visible_to(user).of_quarter(quarter)


def team_table(user, quarter: Quarter, *, team=None) -> dict:
    """A manager's or an executive's table for ``quarter``: the rep rows (of ``team``, or of
    every team the user reads), the team rows and the company row. Three queries; the rep
    rows are a queryset the page paginates."""
    cards = quarter_cards(user, quarter)
    reps = cards.filter(scope=Scope.REP)
    teams = cards.filter(scope=Scope.TEAM)
    if team is not None:
        reps = reps.filter(user__team=team)
        teams = teams.filter(team=team)
    other = with_metrics(teams | cards.filter(scope=Scope.COMPANY)).order_by("scope", "team__name")
    team_rows, company = [], None
    for card in other:
        if card.scope == Scope.COMPANY:
            company = Row.of(card)
        else:
            team_rows.append(Row.of(card))
    return {
        "reps": with_metrics(reps).order_by(
            "user__first_name", "user__last_name", "user__username", "id"
        ),
        "teams": team_rows,
        "company": company,
    }


def rows(cards) -> list[Row]:
    return [Row.of(card) for card in cards]


def quarters_back(quarter: Quarter, count: int = TREND_QUARTERS) -> list[Quarter]:
    quarters = [quarter]
    while len(quarters) < count:
        quarters.insert(0, quarters[0].previous())
    return quarters


def _in_quarters(quarters: list[Quarter]) -> Q:
    condition = Q(pk__in=[])
    for quarter in quarters:
        condition |= Q(year=quarter.year, quarter=quarter.quarter)
    return condition


@dataclass
class Series:
    """One subject's values of one metric over the trend's quarters (None: no data)."""

    label: str
    values: list[Decimal | None]
    #: The SVG polyline points, on the scale of the chart it is drawn in.
    svg: str = ""

    def points(self, width: int = 160, height: int = 40, top: Decimal | None = None) -> str:
        """The series as SVG polyline points scaled into ``width`` × ``height``."""
        known = [value for value in self.values if value is not None]
        if not known:
            return ""
        ceiling = float(top if top is not None else max(known)) or 1.0
        step = width / max(1, len(self.values) - 1)
        return " ".join(
            f"{index * step:.1f},{height - min(float(value), ceiling) / ceiling * height:.1f}"
            for index, value in enumerate(self.values)
            if value is not None
        )


def trends(user, quarter: Quarter, *, scope_filter: Q) -> dict:
    """Per metric, the series of the subjects ``scope_filter`` picks (a rep, a team, the
    company…) over the last ``TREND_QUARTERS`` quarters: ``{"quarters", "metrics": [{"metric",
    "label", "unit", "target", "series": [Series]}]}``. Two queries."""
    quarters = quarters_back(quarter)
    cards = list(
        Scorecard.objects.visible_to(user)
        .filter(scope_filter)
        .filter(_in_quarters(quarters))
        .select_related("user", "team")
        .order_by("scope", "team__name", "user__username", "year", "quarter")
    )
    index = {(q.year, q.quarter): position for position, q in enumerate(quarters)}
    subjects: dict[tuple, tuple[str, dict]] = {}
    position_of = {}
    for card in cards:
        key = (card.scope, card.user_id, card.team_id)
        subjects.setdefault(key, (card.subject, {}))
        position_of[card.pk] = (key, index[(card.year, card.quarter)])
    # The values only: a trend reads hundreds of metrics, not model instances.
    cells = ScorecardMetric.objects.filter(scorecard__in=[card.pk for card in cards])
    targets = {}
    for card_id, metric, stored, target in cells.values_list(
        "scorecard", "metric", "value", "target"
    ).order_by():
        key, position = position_of[card_id]
        subjects[key][1].setdefault(metric, [None] * len(quarters))[position] = stored
        targets.setdefault(metric, target)
    charts = []
    for metric in Metric:
        series = [
            Series(label, values.get(metric.value, [None] * len(quarters)))
            for label, values in subjects.values()
        ]
        known = [v for s in series for v in s.values if v is not None]
        target = targets.get(metric.value)
        top = max(known + ([target] if target is not None else []), default=None)
        for one in series:
            one.svg = one.points(top=top)
        charts.append(
            {
                "metric": metric.value,
                "label": metric.label,
                "unit": UNITS.get(metric.value, "percent"),
                "target": target,
                "top": top,
                "series": series,
            }
        )
    return {"quarters": quarters, "metrics": charts}


def card_of(user, pk: int) -> Scorecard | None:
    return with_metrics(Scorecard.objects.visible_to(user)).filter(pk=pk).first()


def scope_reps(card: Scorecard):
    """The reps a scorecard covers (None: every measured rep, the company)."""
    if card.scope == Scope.REP:
        return [card.user_id]
    if card.scope == Scope.TEAM:
        return metrics.measured_reps().filter(team=card.team_id).values("pk")
    return None


def rep_card(user, rep, quarter: Quarter) -> Scorecard | None:
    return (
        with_metrics(quarter_cards(user, quarter).filter(scope=Scope.REP, user=rep))
        .order_by()
        .first()
    )
