"""Pages of the core app, and the base view mixin every app's pages use (``VisibleMixin``)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView
from django.views.generic.detail import SingleObjectMixin

from kam.errors import Conflict
from kam.forms import add_service_errors
from kam.pagination import CappedPaginator
from kam.visibility import CHANGE, VIEW, may_change, may_create


def htmx_partial(request, target: str | None = None) -> bool:
    """Whether to answer with a fragment: an htmx request (for the element ``target``, when
    named), but not a history restore, which replaces the whole page after Back."""
    htmx = getattr(request, "htmx", None)
    if not htmx or htmx.history_restore_request:
        return False
    return target is None or htmx.target == target


class VisibleMixin(LoginRequiredMixin):
    """Every domain page starts from ``model.objects.visible_to(user)``: outside it, 404.

    Set ``action = "change"`` on views that write, so a record one may only read
    answers 403 and one cannot see answers 404.
    """

    model = None
    action = VIEW

    def get_queryset(self):
        return self.model._default_manager.visible_to(self.request.user, VIEW)

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if self.action == CHANGE and not self.may_change(obj):
            raise PermissionDenied
        return obj

    def may_change(self, obj) -> bool:
        """Whether the user may change ``obj`` (pages show their edit links by it)."""
        return may_change(self.request.user, obj)


class RecordActionView(VisibleMixin, SingleObjectMixin, View):
    """POST one step of a record from its page: a form, then the app's service.

    Success says ``perform``'s message and goes to ``success_url``; a bad form or a step
    the service refuses shows the record's page (``detail_view``) again with what was
    typed: 400, or 409 for a state that forbids it, 403 for a role that may not.
    """

    action = CHANGE
    http_method_names = ["post"]
    #: The detail page shown again on errors, and the name its template gives the form.
    detail_view = None
    form_name = ""

    def make_form(self, obj):
        raise NotImplementedError

    def perform(self, obj, form) -> str:
        """Run the service; return the message to show."""
        raise NotImplementedError

    def success_url(self, obj) -> str:
        return obj.get_absolute_url()

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        form = self.make_form(obj)
        if form.is_valid():
            try:
                message = self.perform(obj, form)
            except ValidationError as error:
                add_service_errors(form, error)
            except Conflict as error:
                return self.render_detail(obj, form, refusal=error.message, status=409)
            except PermissionDenied as error:
                return self.render_detail(obj, form, refusal=str(error), status=403)
            else:
                messages.success(request, message)
                return HttpResponseRedirect(self.success_url(obj))
        return self.render_detail(obj, form, status=400)

    def render_detail(self, obj, form, status=200, **context):
        view = self.detail_view(request=self.request, kwargs={"pk": obj.pk})
        view.object = obj = view.get_queryset().get(pk=obj.pk)
        return render(
            self.request,
            view.template_name,
            view.get_context_data(object=obj, **{self.form_name: form}, **context),
            status=status,
        )


class MayCreateMixin(LoginRequiredMixin):
    """A page that creates a ``model`` answers 403 to a role that does not create them
    (``may_create``): an executive reads, a department member answers routed work."""

    model = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_create(request.user, self.model):
            raise PermissionDenied(_("Your role may not create this kind of record."))
        return super().dispatch(request, *args, **kwargs)


class FilteredListView(LoginRequiredMixin, ListView):
    """A page listing ``visible_to`` records through the app's FilterSet: sortable by
    ``SORTS`` (labelled ``SORT_LABELS``), paginated, 400 with the form's errors for bad
    filters (and nothing listed)."""

    paginate_by = 25
    paginator_class = CappedPaginator
    filterset_class = None
    model = None
    SORTS: dict[str, tuple[str, ...]] = {}
    SORT_LABELS: dict = {}
    default_sort = ""
    checkboxes: tuple[str, ...] = ()
    #: Filters a list starts with (a queue shows what is unresolved) while the query names
    #: none of its filters; the filter form's ``FILTERED`` marker ends them, so unticking
    #: every box shows everything.
    default_filters: dict[str, list[str]] = {}
    FILTERED = "filtered"

    def base_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def get_queryset(self):
        self.filterset = self.filterset_class(
            self.filter_data(), queryset=self.base_queryset(), request=self.request
        )
        form = self.filterset.form
        # Checkboxes are easier to tap on a phone than a multiple select.
        for name in self.checkboxes:
            field = form.fields[name]
            field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
        self.adjust_filters(form)
        self.sort = self.request.GET.get("sort")
        if self.sort not in self.SORTS:
            self.sort = self.default_sort
        if self.filterset.is_bound and not self.filterset.is_valid():
            # A search too long, an owner who does not exist…: say so, list nothing.
            return self.model.objects.none()
        queryset = self.order(self.filterset.qs)
        narrow = getattr(self.filterset, "narrow_owner_choices", None)
        if narrow is not None:
            narrow()
        return queryset

    def filter_data(self):
        query = self.request.GET
        names = set(self.filterset_class.base_filters) | {self.FILTERED}
        if not self.default_filters or names & set(query):
            return query or None
        data = query.copy()
        for name, values in self.default_filters.items():
            data.setlist(name, values)
        return data

    def adjust_filters(self, form):
        pass

    def order(self, queryset):
        return queryset.order_by(*self.SORTS[self.sort])

    def render_to_response(self, context, **response_kwargs):
        if self.filterset.errors:
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter_form=self.filterset.form,
            sort=self.sort,
            sort_choices=list(self.SORT_LABELS.items()),
            **kwargs,
        )
