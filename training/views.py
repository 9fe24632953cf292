"""Pages of duty 7: the calendar of sessions, a session with its attendance, materials and
feedback, the forms that change it, the customer feedback report, the calendar file,
and the public feedback page a customer opens from a link.

As in ``accounts.views``: lists start from ``visible_to`` through the shared FilterSet,
single records from ``VisibleMixin`` (404 outside ``visible_to``, 403 for a record one may
only read), and every write goes through ``training.services``. The public page reads
nothing but the link its token names.
"""

from itertools import groupby

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.generic import CreateView, DetailView, UpdateView

from accounts.models import Account
from accounts.views import PrefillAccountMixin, ServiceFormMixin
from kam.choices import Role
from kam.dates import company_tz
from kam.errors import Conflict
from kam.exports import export_formats
from kam.forms import add_service_errors
from kam.uploads import KINDS
from kam.views import FilteredListView, MayCreateMixin, RecordActionView, VisibleMixin
from kam.visibility import CHANGE, VIEW
from sales_plans.views import shows_owner
from tickets.views import ReportView, scoped
from training import selectors, services
from training.calendar import session_ics
from training.choices import SessionStatus
from training.filtersets import SessionFilterSet
from training.forms import (
    AttachMaterialForm,
    AttendanceForm,
    FeedbackForm,
    InviteForm,
    LinksForm,
    MaterialForm,
    SessionForm,
    TransitionForm,
)
from training.models import TrainingMaterial, TrainingSession
from training.tokens import InvalidToken, make_token


def is_department(user) -> bool:
    return user.role == Role.DEPARTMENT and not user.is_superuser


class SessionListView(FilteredListView):
    """Upcoming sessions by day (a rep's, a team's, what a department runs), or past ones."""

    model = TrainingSession
    filterset_class = SessionFilterSet
    template_name = "training/session_list.html"
    context_object_name = "sessions"
    checkboxes = ("status", "kind")
    default_filters = {"when": ["upcoming"]}
    SORTS = {
        "soonest": ("scheduled_at", "id"),
        "-latest": ("-scheduled_at", "-id"),
        "account": ("account__name", "scheduled_at", "id"),
    }
    SORT_LABELS = {
        "soonest": gettext_lazy("Soonest first"),
        "-latest": gettext_lazy("Latest first"),
        "account": gettext_lazy("Account A–Z"),
    }
    default_sort = "soonest"

    def base_queryset(self):
        return super().base_queryset().select_related("account", "trainer")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        tz = company_tz() if user.time_zone == "" else timezone.get_current_timezone()
        days = [
            (day, list(rows))
            for day, rows in groupby(
                context["sessions"], key=lambda s: timezone.localtime(s.scheduled_at, tz).date()
            )
        ]
        data = getattr(self.filterset.form, "cleaned_data", None) or {}
        context.update(
            days=days,
            department_view=is_department(user),
            show_owner=shows_owner(user) and not is_department(user),
            filtered_account=data.get("account"),
        )
        return context


class SessionDetailView(VisibleMixin, DetailView):
    model = TrainingSession
    template_name = "training/session_detail.html"
    context_object_name = "session"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("account", "trainer", "support_department", "created_by")
        )

    def get_context_data(self, **kwargs):
        session = self.object
        user = self.request.user
        can_change = self.may_change(session)
        page = selectors.session_page(user, session)
        statuses = services.next_statuses(session) if can_change else []
        done = session.status == SessionStatus.DONE
        started = session.scheduled_at <= timezone.now()
        reusable = selectors.reusable_materials(user, session) if can_change else None
        links = [
            (
                link,
                self.request.build_absolute_uri(
                    reverse("feedback", kwargs={"token": make_token(link)})
                ),
            )
            for link in page["links"]
            if services.link_state(link) == "open"
        ]
        context = {
            **page,
            "open_links": links if can_change else [],
            "can_change": can_change,
            # A link to the account for those who see it (not a department, nor a rep
            # of another team giving the session).
            "account_side": Account.objects.visible_to(user).filter(pk=session.account_id).exists(),
            "statuses": statuses,
            "transition_form": TransitionForm(statuses=statuses) if statuses else None,
            "invite_form": InviteForm(session=session, user=user)
            if can_change and session.status != SessionStatus.CANCELLED
            else None,
            "attendance_form": AttendanceForm(attendances=page["attendances"])
            if can_change
            and started
            and page["attendances"]
            and session.status != SessionStatus.CANCELLED
            else None,
            "material_form": MaterialForm() if can_change else None,
            "attach_form": AttachMaterialForm(materials=reusable) if reusable else None,
            "feedback_form": FeedbackForm(session=session, user=user)
            if can_change and done
            else None,
            "links_form": LinksForm() if can_change and done else None,
            "export_formats": export_formats("training.feedback_report"),
            "report": selectors.feedback_report(TrainingSession.objects.filter(pk=session.pk))
            if done
            else None,
        }
        context.update(kwargs)
        return super().get_context_data(**context)


class SessionActionView(RecordActionView):
    """POST one step of a session from its page (``RecordActionView``); success returns to
    the page at the section it changed (``anchor``)."""

    model = TrainingSession
    detail_view = SessionDetailView
    anchor = ""

    def success_url(self, session):
        return session.get_absolute_url() + self.anchor


class SessionTransitionView(SessionActionView):
    form_name = "transition_form"

    def make_form(self, session):
        return TransitionForm(self.request.POST, statuses=SessionStatus.values)

    def perform(self, session, form):
        data = form.cleaned_data
        session = services.session_transition(
            session=session, to_status=data["status"], by=self.request.user, note=data["note"]
        )
        return _("The session is now %(status)s.") % {"status": session.get_status_display()}


class InviteView(SessionActionView):
    form_name = "invite_form"
    anchor = "#attendance"

    def make_form(self, session):
        return InviteForm(self.request.POST, session=session, user=self.request.user)

    def perform(self, session, form):
        invited = services.attendance_invite(
            session=session, by=self.request.user, contacts=form.cleaned_data["contacts"]
        )
        return _("%(count)d invited.") % {"count": len(invited)}


class AttendanceView(SessionActionView):
    form_name = "attendance_form"
    anchor = "#attendance"

    def make_form(self, session):
        rows = list(session.attendances.select_related("contact").order_by("contact__name", "id"))
        return AttendanceForm(self.request.POST, attendances=rows)

    def perform(self, session, form):
        services.attendance_record(session=session, by=self.request.user, attended=form.attended())
        return _("Attendance saved.")


class MaterialUploadView(SessionActionView):
    form_name = "material_form"
    anchor = "#materials"

    def make_form(self, session):
        return MaterialForm(self.request.POST, self.request.FILES)

    def perform(self, session, form):
        material = services.material_add(session=session, by=self.request.user, **form.cleaned_data)
        return _("“%(title)s” uploaded.") % {"title": material.title}


class MaterialAttachView(SessionActionView):
    form_name = "attach_form"
    anchor = "#materials"

    def make_form(self, session):
        return AttachMaterialForm(
            self.request.POST,
            materials=selectors.reusable_materials(self.request.user, session, limit=None),
        )

    def perform(self, session, form):
        material = form.cleaned_data["material"]
        services.material_attach(session=session, by=self.request.user, material=material)
        return _("“%(title)s” added.") % {"title": material.title}


class FeedbackRecordView(SessionActionView):
    form_name = "feedback_form"
    anchor = "#feedback"

    def make_form(self, session):
        return FeedbackForm(self.request.POST, session=session, user=self.request.user)

    def perform(self, session, form):
        services.feedback_record(session=session, by=self.request.user, **form.cleaned_data)
        return _("Feedback recorded; it counts in the account's satisfaction.")


class LinksCreateView(SessionActionView):
    form_name = "links_form"
    anchor = "#feedback-links"

    def make_form(self, session):
        return LinksForm(self.request.POST)

    def perform(self, session, form):
        links = services.feedback_links_create(
            session=session, by=self.request.user, anonymous=form.cleaned_data["anonymous"] or 0
        )
        if not links:
            raise ValidationError(
                _("Every attendee has a link or has answered; ask for links not tied to a person.")
            )
        return _("%(count)d feedback links made: copy them below.") % {"count": len(links)}


class SessionCreateView(MayCreateMixin, PrefillAccountMixin, ServiceFormMixin, CreateView):
    model = TrainingSession
    form_class = SessionForm
    template_name = "accounts/form.html"
    title = gettext_lazy("Plan a session")
    success_message = gettext_lazy("“%(object)s” planned.")
    account_tab = "training"
    list_url_name = "training:session-list"

    def perform(self, data):
        return services.session_create(by=self.request.user, **data)


class SessionUpdateView(VisibleMixin, ServiceFormMixin, UpdateView):
    model = TrainingSession
    action = CHANGE
    form_class = SessionForm
    template_name = "accounts/form.html"
    title = gettext_lazy("Edit session")
    success_message = gettext_lazy("“%(object)s” saved.")

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def perform(self, data):
        return services.session_update(session=self.object, by=self.request.user, **data)


def session_calendar(request, pk):
    """The session as an ``.ics`` file for one's calendar."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    session = get_object_or_404(
        TrainingSession.objects.visible_to(request.user, VIEW).select_related("account", "trainer"),
        pk=pk,
    )
    response = HttpResponse(
        session_ics(session, now=timezone.now()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="training-{session.pk}.ics"'
    return response


def material_file(request, pk):
    """A material's file, to whoever sees a session using it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    material = get_object_or_404(TrainingMaterial.objects.visible_to(request.user, VIEW), pk=pk)
    kind = KINDS[material.file_type]
    return FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=material.file_name,
        content_type=kind.content_type,
    )


class FeedbackReportView(ReportView):
    """The customer feedback report of an account, a rep or a team, for a quarter."""

    template_name = "training/feedback_report.html"
    export_name = "training.feedback_report"

    def report(self, scope):
        user = self.request.user
        sessions = scoped(TrainingSession.objects.visible_to(user), user, scope, "account__owner")
        return selectors.feedback_report(sessions, quarter=scope["quarter"])


# -- the public feedback page -----------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def public_feedback(request, token):
    """The page a customer opens from a feedback link, without an account. It shows the
    session's title, kind and date and nothing else; a tampered, expired or used link
    says so and shows nothing of the session."""
    try:
        link = services.link_for_token(token)
    except InvalidToken as error:
        state = "expired" if str(error) == "expired" else "invalid"
        return render(
            request,
            "training/public_feedback.html",
            {"state": state},
            status=404 if state == "invalid" else 410,
        )
    state = services.link_state(link)
    if state == "open" and link.session.status != SessionStatus.DONE:
        state = "closed"
    if state != "open":
        return render(request, "training/public_feedback.html", {"state": state}, status=410)
    session = link.session
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(token=token, **form.cleaned_data)
        except Conflict as error:
            return render(
                request,
                "training/public_feedback.html",
                {"state": "refused", "refusal": error.message},
                status=409,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return render(request, "training/public_feedback.html", {"state": "thanks"})
    context = {
        "state": "open",
        "form": form,
        "title": session.title,
        "kind": session.get_kind_display(),
        "scheduled_at": session.scheduled_at,
        "contact_name": link.contact.name if link.contact_id else "",
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "training/public_feedback.html", context, status=status)
