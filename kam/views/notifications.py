"""A user's notifications, what they want by e-mail or webhook, and their webhooks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kam import notifications, selectors, services
from kam.bounds import as_id
from kam.choices import Role
from kam.forms import NotificationPreferencesForm, WebhookForm
from kam.models import Notification, NotificationPreference, Webhook

PAGE_SIZE = 25


@login_required
def notification_list(request):
    """Newest first; ``?unread=1`` for the unread ones only."""
    unread_only = request.GET.get("unread") == "1"
    rows = Notification.objects.visible_to(request.user)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "kam/notifications.html",
        {"page_obj": page, "notifications": page.object_list, "unread_only": unread_only},
    )


@login_required
@require_POST
def notifications_mark_read(request):
    """Mark one (``id``), or every unread notification (``all``), read; back to the list."""
    if request.POST.get("all"):
        count = notifications.mark_read(user=request.user)
    else:
        pk = as_id(request.POST.get("id"))
        count = notifications.mark_read(user=request.user, notification_ids=[pk] if pk else [])
    messages.success(
        request,
        ngettext(
            "%(count)d notification marked read.", "%(count)d notifications marked read.", count
        )
        % {"count": count},
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("notifications")
    return HttpResponseRedirect(target)


@login_required
def notification_preferences(request):
    kinds = notifications.kinds()
    preferences = {
        preference.kind: preference
        for preference in NotificationPreference.objects.visible_to(request.user)
    }
    form = NotificationPreferencesForm(request.POST or None, kinds=kinds, preferences=preferences)
    if request.method == "POST" and form.is_valid():
        services.notification_preferences_save(user=request.user, choices=form.choices())
        messages.success(request, _("Your notification settings were saved."))
        return HttpResponseRedirect(reverse("notification-preferences"))
    return render(request, "kam/notification_preferences.html", {"form": form})


def _hooks(user) -> tuple[Webhook | None, Webhook | None]:
    """The user's own webhook and their department's (``Webhook.visible_to``), if set."""
    hooks = list(Webhook.objects.visible_to(user))
    own = next((hook for hook in hooks if hook.user_id == user.pk), None)
    shared = next((hook for hook in hooks if hook.department_id is not None), None)
    return own, shared


@login_required
def webhook_settings(request):
    """The user's own webhook, and a department member's department webhook."""
    user = request.user
    own, shared = _hooks(user)
    department = user.department if user.role == Role.DEPARTMENT else None
    target = request.POST.get("target")
    own_form = WebhookForm(request.POST if target == "user" else None, instance=own, prefix="user")
    shared_form = (
        WebhookForm(
            request.POST if target == "department" else None, instance=shared, prefix="department"
        )
        if department
        else None
    )
    if request.method == "POST":
        form = shared_form if target == "department" else own_form
        if form is not None and form.is_valid():
            services.webhook_save(
                user=None if target == "department" else user,
                department=department if target == "department" else None,
                by=user,
                **form.cleaned_data,
            )
            messages.success(request, _("The webhook was saved."))
            return HttpResponseRedirect(reverse("webhook-settings"))
    hooks = [hook for hook in (own, shared) if hook is not None]
    return render(
        request,
        "kam/webhooks.html",
        {
            "own_form": own_form,
            "shared_form": shared_form,
            "department": department,
            "own": own,
            "shared": shared,
            "deliveries": selectors.recent_deliveries(hooks),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def webhook_test(request):
    own, shared = _hooks(request.user)
    hook = shared if request.POST.get("target") == "department" else own
    if hook is None:
        messages.error(request, _("Save a webhook first."))
    else:
        notifications.queue_test_delivery(hook, by=request.user)
        messages.success(request, _("A test message is on its way; its outcome is listed below."))
    return HttpResponseRedirect(reverse("webhook-settings"))
