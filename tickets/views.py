"""Pages of duty 4: the ticket list (a rep's tickets, a department's queue), a ticket with
its timeline and the forms that answer it, and the two reports.

As in ``accounts.views``: lists start from ``visible_to`` through the shared FilterSet,
single records from ``VisibleMixin`` (404 outside ``visible_to``, 403 for a record one
may only read), and every write goes through ``tickets.services``. A department member
reads of the account its name and tier only: the pages never link them to it.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView

from accounts.models import Account
from accounts.views import PrefillAccountMixin, ServiceFormMixin
from kam.bounds import as_id
from kam.choices import Role
from kam.exports import export_formats
from kam.views import FilteredListView, MayCreateMixin, RecordActionView, VisibleMixin
from kam.visibility import CHANGE
from sales_plans.forms import NullableCheckbox, ScopeForm
from sales_plans.models import Order
from sales_plans.views import shows_owner
from tickets import selectors, services
from tickets.choices import DONE, UNRESOLVED, TicketStatus
from tickets.filtersets import TicketFilterSet
from tickets.forms import AssignForm, CommentForm, FeedbackForm, TicketForm, TransitionForm
from tickets.models import Ticket

#: Timeline entries shown on a ticket's page (the API pages through all of them).
TIMELINE_SHOWN = 200


def is_department(user) -> bool:
    return user.role == Role.DEPARTMENT and not user.is_superuser


class TicketListView(FilteredListView):
    """A rep's tickets, a manager's team's, a department's queue: unresolved, soonest due
    first, until the filters say otherwise."""

    model = Ticket
    filterset_class = TicketFilterSet
    template_name = "tickets/ticket_list.html"
    context_object_name = "tickets"
    checkboxes = ("status", "sla", "priority", "category")
    default_filters = {"status": list(UNRESOLVED)}
    SORTS = {
        "due": ("due_at", "id"),
        "-opened": ("-opened_at", "-id"),
        "opened": ("opened_at", "id"),
        "-updated": ("-updated_at", "-id"),
        "account": ("account__name", "due_at", "id"),
    }
    SORT_LABELS = {
        "due": gettext_lazy("Due soonest"),
        "-opened": gettext_lazy("Newest first"),
        "opened": gettext_lazy("Oldest first"),
        "-updated": gettext_lazy("Recently updated"),
        "account": gettext_lazy("Account A–Z"),
    }
    default_sort = "due"

    def base_queryset(self):
        return (
            super()
            .base_queryset()
            .select_related("account", "department", "assignee", "order", "account__owner")
        )

    def adjust_filters(self, form):
        # Unticked is "either", not "assigned only".
        form.fields["unassigned"].widget = NullableCheckbox()

    def get_context_data(self, **kwargs):
        user = self.request.user
        data = getattr(self.filterset.form, "cleaned_data", None) or {}
        return super().get_context_data(
            department_view=is_department(user),
            show_owner=shows_owner(user) and not is_department(user),
            filtered_account=data.get("account"),
            export_formats=export_formats("tickets.ticket_list"),
            now=timezone.now(),
            **kwargs,
        )


class TicketDetailView(VisibleMixin, DetailView):
    model = Ticket
    template_name = "tickets/ticket_detail.html"
    context_object_name = "ticket"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "account__owner",
                "order",
                "department",
                "raised_by",
                "assignee",
                "feedback",
                "sla_calendar",
            )
        )

    def get_context_data(self, **kwargs):
        ticket = self.object
        user = self.request.user
        can_change = self.may_change(ticket)
        statuses = services.next_statuses(ticket)
        now = timezone.now()
        account_side = not is_department(user)
        may_record_feedback = (
            can_change
            and account_side
            and ticket.status in DONE
            and ticket.feedback_id is None
            and Account.objects.visible_to(user, CHANGE).filter(pk=ticket.account_id).exists()
        )
        events = ticket.events.select_related("author", "department", "assignee").order_by(
            "created_at", "id"
        )
        context = {
            "can_change": can_change,
            "account_side": account_side,
            "statuses": statuses,
            "comment_form": CommentForm(),
            "transition_form": TransitionForm(statuses=statuses),
            "assign_form": AssignForm(ticket=ticket) if ticket.status not in DONE else None,
            "feedback_form": (
                FeedbackForm(ticket=ticket, user=user) if may_record_feedback else None
            ),
            "events": list(events[:TIMELINE_SHOWN]),
            "timeline_capped": TIMELINE_SHOWN,
            "sla_state": ticket.sla_state(now),
            "remaining": ticket.remaining(now),
            "elapsed": ticket.elapsed(now),
            "clock_stop": ticket.clock_stop(now),
            "now": now,
        }
        context.update(kwargs)
        return super().get_context_data(**context)


class TicketActionView(RecordActionView):
    """POST one answer to a ticket from its page (``RecordActionView``)."""

    model = Ticket
    detail_view = TicketDetailView

    def get_queryset(self):
        return super().get_queryset().select_related("account__owner", "department", "assignee")

    def success_url(self, ticket):
        if Ticket.objects.visible_to(self.request.user).filter(pk=ticket.pk).exists():
            return ticket.get_absolute_url()
        # Sent to another department: it has left this user's queue.
        return reverse("tickets:ticket-list")


class TicketCommentView(TicketActionView):
    form_name = "comment_form"

    def make_form(self, ticket):
        return CommentForm(self.request.POST)

    def perform(self, ticket, form):
        data = form.cleaned_data
        services.ticket_comment(ticket=ticket, by=self.request.user, body=data["body"])
        return _("Comment added.")


class TicketTransitionView(TicketActionView):
    form_name = "transition_form"

    def make_form(self, ticket):
        # Any status is posted on to the service, which names what the ticket may become.
        return TransitionForm(self.request.POST, statuses=TicketStatus.values)

    def render_detail(self, ticket, form, status=200, **context):
        # The form keeps what was posted, offered the statuses the ticket may still take.
        allowed = services.next_statuses(Ticket.objects.get(pk=ticket.pk))
        form.fields["status"].choices = [
            choice for choice in form.fields["status"].choices if choice[0] in allowed
        ]
        return super().render_detail(ticket, form, status, **context)

    def perform(self, ticket, form):
        data = form.cleaned_data
        ticket = services.ticket_transition(
            ticket=ticket, to_status=data["status"], by=self.request.user, note=data["note"]
        )
        return _("Ticket #%(id)s is now %(status)s.") % {
            "id": ticket.pk,
            "status": ticket.get_status_display(),
        }


class TicketAssignView(TicketActionView):
    form_name = "assign_form"

    def make_form(self, ticket):
        return AssignForm(self.request.POST, ticket=ticket)

    def perform(self, ticket, form):
        data = form.cleaned_data
        ticket = services.ticket_assign(
            ticket=ticket,
            by=self.request.user,
            assignee=data["assignee"],
            department=data["department"],
            note=data["note"],
        )
        if ticket.assignee is None:
            return _("Ticket #%(id)s is in the queue of %(department)s.") % {
                "id": ticket.pk,
                "department": ticket.department,
            }
        return _("Ticket #%(id)s is assigned to %(assignee)s.") % {
            "id": ticket.pk,
            "assignee": ticket.assignee.display_name,
        }


class TicketFeedbackView(TicketActionView):
    form_name = "feedback_form"

    def make_form(self, ticket):
        return FeedbackForm(self.request.POST, ticket=ticket, user=self.request.user)

    def perform(self, ticket, form):
        data = form.cleaned_data
        services.ticket_record_feedback(ticket=ticket, by=self.request.user, **data)
        return _("The customer's feedback is recorded; it counts towards the account's CSAT.")


class TicketCreateView(MayCreateMixin, PrefillAccountMixin, ServiceFormMixin, CreateView):
    model = Ticket
    form_class = TicketForm
    template_name = "tickets/ticket_form.html"
    title = gettext_lazy("New ticket")
    success_message = gettext_lazy("Ticket “%(object)s” opened and routed.")
    account_tab = "tickets"
    list_url_name = "tickets:ticket-list"

    def get_initial(self):
        initial = super().get_initial()
        order_id = as_id(self.request.GET.get("order"))
        if order_id:
            order = (
                Order.objects.visible_to(self.request.user, CHANGE)
                .filter(pk=order_id)
                .values("pk", "account_id")
                .first()
            )
            if order:
                initial.update(order=order["pk"], account=order["account_id"])
        category = self.request.GET.get("category")
        if category:
            initial["category"] = category
        return initial

    def perform(self, data):
        return services.ticket_open(by=self.request.user, **data)


class TicketUpdateView(VisibleMixin, ServiceFormMixin, UpdateView):
    """What the ticket says: the account team's to edit (a department answers instead)."""

    model = Ticket
    action = CHANGE
    form_class = TicketForm
    template_name = "tickets/ticket_form.html"
    title = gettext_lazy("Edit ticket")
    success_message = gettext_lazy("Ticket “%(object)s” saved.")

    def get_object(self, queryset=None):
        ticket = super().get_object(queryset)
        if is_department(self.request.user):
            raise PermissionDenied(_("Only the account's team may do this."))
        return ticket

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def perform(self, data):
        return services.ticket_update(ticket=self.object, by=self.request.user, **data)


@login_required
@require_GET
def ticket_orders(request):
    """htmx partial: the orders of the account chosen in the ticket form."""
    form = TicketForm(user=request.user, initial={"account": request.GET.get("account")})
    return render(request, "tickets/_ticket_order.html", {"field": form["order"]})


# -- the reports ----------------------------------------------------------------------------


class ReportScopeForm(ScopeForm):
    """The sales pages' scope (quarter, team, rep), or one account (``?account=``)."""

    account = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_account(self):
        pk = self.cleaned_data.get("account")
        if pk is None:
            return None
        account = Account.objects.visible_to(self.user).filter(pk=pk).first()
        if account is None:
            raise ValidationError(_("Choose one of the accounts you see."))
        return account

    def chosen(self) -> dict:
        scope = super().chosen()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {**scope, "account": data.get("account")}


def scoped(queryset, user, scope, owner_path: str):
    """``queryset`` (already ``visible_to`` the user) narrowed to the report's scope."""
    if scope.get("account") is not None:
        return queryset.filter(account=scope["account"])
    if user.role == Role.REP and not user.is_superuser:
        return queryset.filter(**{owner_path: user})
    if scope.get("owner") is not None:
        return queryset.filter(**{owner_path: scope["owner"]})
    if scope.get("team") is not None:
        return queryset.filter(**{f"{owner_path}__team": scope["team"]})
    return queryset


def scope_params(scope) -> dict:
    """The scope as the reports' export parameters (and their page links)."""
    params = {"year": scope["quarter"].year, "quarter": scope["quarter"].quarter}
    for name in ("account", "team", "owner"):
        if scope.get(name) is not None:
            params[name] = scope[name].pk
    return params


class ReportView(LoginRequiredMixin, TemplateView):
    export_name = ""
    #: Rows shown on the page; the export has them all.
    ROWS_SHOWN = 200

    def get(self, request, *args, **kwargs):
        if is_department(request.user):
            raise PermissionDenied(_("The reports are for the account teams."))
        self.scope_form = ReportScopeForm(request.GET or None, user=request.user)
        status = 400 if self.scope_form.is_bound and not self.scope_form.is_valid() else 200
        return self.render_to_response(self.get_context_data(), status=status)

    def get_context_data(self, **kwargs):
        scope = self.scope_form.chosen()
        return super().get_context_data(
            scope_form=self.scope_form,
            scope=scope,
            report=self.report(scope),
            rows_shown=self.ROWS_SHOWN,
            export_query=urlencode(scope_params(scope)),
            export_formats=export_formats(self.export_name),
            **kwargs,
        )


class FulfilmentReportView(ReportView):
    """Orders promised in the quarter: on time in full (OTIF), and the tickets about them."""

    template_name = "tickets/fulfilment_report.html"
    export_name = "tickets.fulfilment"

    def report(self, scope):
        user = self.request.user
        return selectors.fulfilment_report(
            scoped(Order.objects.visible_to(user), user, scope, "owner"),
            Ticket.objects.visible_to(user),
            scope["quarter"],
            row_limit=self.ROWS_SHOWN,
        )


class ServiceFeedbackView(ReportView):
    """The customers' satisfaction recorded after tickets, in the quarter."""

    template_name = "tickets/service_feedback.html"
    export_name = "tickets.service_feedback"

    def report(self, scope):
        user = self.request.user
        return selectors.service_feedback(
            scoped(Ticket.objects.visible_to(user), user, scope, "account__owner"),
            scope["quarter"],
            row_limit=self.ROWS_SHOWN,
        )
