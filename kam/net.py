"""The client's address behind the reverse proxies the deployment says it trusts."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """The address of the client that sent ``request``.

    With ``TRUSTED_PROXY_COUNT = N`` (N reverse proxies in front of Django, each appending
    the address it received the request from to ``X-Forwarded-For``, as nginx's
    ``$proxy_add_x_forwarded_for``, Traefik and cloud load balancers do), the client is the
    N-th entry from the right; entries further left were written by the client and prove
    nothing. Without trusted proxies, or when the header is shorter or malformed, it is
    ``REMOTE_ADDR``. These are the semantics of Werkzeug's ``ProxyFix(x_for=N)``.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
