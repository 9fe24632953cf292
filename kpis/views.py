"""Pages of duty 5: the manager's and the executive's dashboard, a rep's scorecard, the
records behind a cell, and the "recompute now" button with the job's status.

Dashboards read the stored scorecards (``kpis.selectors``), never recompute on a page.
Whose scorecards a page shows is ``Scorecard.objects.visible_to``; a rep or a scorecard
outside it answers 404.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from kam.choices import Role
from kam.dates import company_today
from kam.errors import Conflict
from kam.exports import export_formats
from kam.pagination import CappedPaginator
from kam.visibility import sees_everything
from kpis import drill, selectors, services
from kpis.choices import Metric, Scope
from kpis.models import RecomputeRun
from sales_plans.forms import ScopeForm


def reads_teams(user) -> bool:
    """Managers, executives and admins read more scorecards than their own."""
    return user.is_superuser or user.role in (Role.MANAGER, Role.EXECUTIVE, Role.ADMIN)


def run_status(user) -> dict:
    """The newest run and the last completed one (two queries)."""
    runs = RecomputeRun.objects.visible_to(user)
    return {"latest_run": runs.first(), "last_done": services.last_completed()}


class DashboardView(LoginRequiredMixin, TemplateView):
    """The team table: reps × metrics of the chosen quarter, the team and company rows,
    trends over eight quarters. A rep is sent to their own scorecard."""

    template_name = "kpis/dashboard.html"

    def get(self, request, *args, **kwargs):
        if request.user.role == Role.REP and not request.user.is_superuser:
            return redirect("kpis:rep", request.user.pk)
        if not reads_teams(request.user):
            raise Http404
        self.scope_form = ScopeForm(request.GET or None, user=request.user)
        scope = self.scope_form.chosen()
        if scope.get("owner") is not None:
            url = reverse("kpis:rep", args=[scope["owner"].pk])
            return redirect(f"{url}?quarter={scope['quarter'].year}-{scope['quarter'].quarter}")
        status = 400 if self.scope_form.is_bound and not self.scope_form.is_valid() else 200
        return self.render_to_response(self.get_context_data(scope=scope), status=status)

    def get_context_data(self, *, scope, **kwargs):
        user = self.request.user
        quarter, team = scope["quarter"], scope.get("team")
        table = selectors.team_table(user, quarter, team=team)
        reps = table["reps"]
        if team is None and sees_everything(user):
            # The company view compares the teams; a team's reps show once it is chosen.
            reps = reps.none()
        page = Paginator(reps, selectors.REPS_PER_PAGE).get_page(self.request.GET.get("page"))
        # The trend follows the company, and the chosen team or (a manager's) their teams;
        # the executive's company view compares the teams in the table, not in 50 lines.
        subjects = Q(scope=Scope.COMPANY)
        if team is not None:
            subjects |= Q(scope=Scope.TEAM, team=team)
        elif not sees_everything(user):
            subjects |= Q(scope=Scope.TEAM)
        return super().get_context_data(
            scope_form=self.scope_form,
            quarter=quarter,
            team=team,
            metrics=list(Metric),
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.has_other_pages(),
            rep_rows=selectors.rows(page.object_list),
            team_rows=table["teams"],
            company=table["company"],
            trend=selectors.trends(user, quarter, scope_filter=subjects),
            executive=sees_everything(user),
            **run_status(user),
            **kwargs,
        )


class RepScorecardView(LoginRequiredMixin, TemplateView):
    """One rep's scorecard this quarter and the last, what pulls each metric down, and the
    rep's to-dos; the rep's own page, and their manager's drill into them."""

    template_name = "kpis/rep.html"

    def get(self, request, *args, pk, **kwargs):
        if request.user.role == Role.DEPARTMENT and not request.user.is_superuser:
            raise Http404
        rep = get_object_or_404(
            get_user_model().objects.visible_to(request.user).filter(role=Role.REP), pk=pk
        )
        form = ScopeForm(request.GET or None, user=rep)
        quarter = form.chosen()["quarter"]
        status = 400 if form.is_bound and not form.is_valid() else 200
        return self.render_to_response(
            self.get_context_data(rep=rep, quarter=quarter, scope_form=form), status=status
        )

    def get_context_data(self, *, rep, quarter, **kwargs):
        user = self.request.user
        card = selectors.rep_card(user, rep, quarter)
        previous = selectors.rep_card(user, rep, quarter.previous())
        last = selectors.Row.of(previous) if previous else None
        return super().get_context_data(
            rep=rep,
            quarter=quarter,
            card=card,
            row=selectors.Row.of(card) if card else None,
            previous=last,
            metrics=list(Metric),
            pull_downs=drill.pull_downs(user, rep, quarter),
            todos=drill.todos(user, rep, company_today()),
            trend=selectors.trends(user, quarter, scope_filter=Q(scope=Scope.REP, user=rep)),
            export_formats=export_formats("kpis.performance_summary"),
            **kwargs,
        )


class CellView(LoginRequiredMixin, TemplateView):
    """The records behind one cell of a dashboard: the responses, orders, tickets… that
    make up its numerator and denominator, as they are now."""

    template_name = "kpis/cell.html"

    def get(self, request, *args, pk, metric, **kwargs):
        if metric not in Metric.values:
            raise Http404
        card = selectors.card_of(request.user, pk)
        if card is None:
            raise Http404
        cell = selectors.Row.of(card).cell(metric)
        listing = drill.records_for(request.user, card, metric)
        # The company's orders of a quarter are a hundred thousand rows: list at most the
        # first ``drill.ROWS_LISTED`` (the figure above counts them all).
        paginator = CappedPaginator(listing.rows, drill.ROWS_PER_PAGE, cap=drill.ROWS_LISTED)
        page = paginator.get_page(request.GET.get("page"))
        return self.render_to_response(
            self.get_context_data(
                card=card,
                cell=cell,
                metric=Metric(metric),
                listing=listing,
                page_obj=page,
                paginator=page.paginator,
                is_paginated=page.has_other_pages(),
                rows=drill.decorate(listing, page.object_list),
            )
        )


def _back(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class RecomputeView(LoginRequiredMixin, View):
    """POST: queue a recompute of the current and the previous quarter (managers and
    executives); one run at a time."""

    def post(self, request):
        if not reads_teams(request.user):
            raise Http404
        back = _back(request, reverse("kpis:dashboard"))
        try:
            services.request_recompute(by=request.user)
        except Conflict as conflict:
            messages.warning(request, conflict.message)
            if request.htmx:
                return self.status(request, status=409)
            return HttpResponseRedirect(back)
        if request.htmx:
            return self.status(request)
        messages.success(request, _("Recompute queued; the dashboard updates when it is done."))
        return HttpResponseRedirect(back)

    def status(self, request, status=200):
        return render(request, "kpis/_run_status.html", run_status(request.user), status=status)


class RunStatusView(LoginRequiredMixin, View):
    """The job's status (htmx polls it while a run is queued or running)."""

    def get(self, request):
        if not reads_teams(request.user):
            raise Http404
        return render(request, "kpis/_run_status.html", run_status(request.user))
