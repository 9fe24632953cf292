from kam.celery import app as celery_app

__all__ = ["celery_app", "notify"]


def notify(recipients, kind, subject, body="", url="", *, once_key=None):
    """Tell users and departments something; see ``kam.notifications.notify``.

    Importable as ``kam.notify`` before the app registry is ready (the models load lazily).
    """
    from kam.notifications import notify as notify_now

    return notify_now(recipients, kind, subject, body, url, once_key=once_key)
