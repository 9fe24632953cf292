"""What every page's layout needs: the navigation and the unread notification count."""

from django.utils.functional import SimpleLazyObject

from kam.panels import navigation


def layout(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_items": navigation.for_user(user),
        # Lazy: pages that do not show the count (htmx partials) do not pay its query.
        "unread_notifications": SimpleLazyObject(
            lambda: user.notifications.filter(read_at__isnull=True).count()
        ),
    }
