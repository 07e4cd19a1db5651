"""The client's IP address, as the portal's trusted proxies report it.

Behind a load balancer every request comes from the balancer's address (``REMOTE_ADDR``): login
lockouts (django-axes) and rate limits (django-ratelimit, DRF's throttles) keyed on it would lock
one user's mistakes onto everyone. A proxy appends the address it received the request from to
``X-Forwarded-For``; with ``PORTAL_TRUSTED_PROXY_COUNT`` proxies in front of the portal, the
client is the entry that many places from the right. Everything to the left of it was written by
the client and can be anything, so it is never read; with the count 0 (the default: the portal
is reached directly) the header is ignored altogether.

Used as ``AXES_CLIENT_IP_CALLABLE`` and ``RATELIMIT_IP_META_KEY``; DRF's throttles read the same
count as ``NUM_PROXIES``."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.PORTAL_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < count:
        # Fewer hops than proxies: the request did not come through all of them (an internal
        # health check, a misconfiguration). What it carries may be the client's own words.
        return remote
    hop = hops[-count]
    try:
        return str(ipaddress.ip_address(hop))
    except ValueError:  # not an address (a proxy that writes "unknown" or a port): not a key
        return remote
