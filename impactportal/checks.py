"""System checks for a deployment (``manage.py check --deploy``): settings that still have a
development default where a real portal needs its own value."""

from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}  # noqa: S104 — names compared, nothing bound


def _local(host: str) -> bool:
    host = (host or "").lower().rstrip(".")
    return host in LOCAL_HOSTS or host.endswith(".localhost") or host.startswith("127.")


@register("mail", deploy=True)
def check_mail_links_and_sender(app_configs=None, **kwargs):
    """Links in e-mails start with ``PORTAL_BASE_URL`` and mails come from ``DEFAULT_FROM_EMAIL``;
    their defaults (``http://127.0.0.1:8000``, ``noreply@impactportaal.localhost``) are for a
    developer's machine: recipients would get links to their own computer and a sender address
    that no mail server accepts."""
    if settings.DEBUG:
        return []
    found = []
    base_url = settings.PORTAL_BASE_URL
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or _local(parts.hostname or ""):
        found.append(Warning(
            f"PORTAL_BASE_URL is {base_url!r}: links in e-mails would point there.",
            hint="Set PORTAL_BASE_URL to the portal's public address, e.g. https://impactportaal.gemeente.nl.",
            id="impactportal.W001",
        ))
    sender = settings.DEFAULT_FROM_EMAIL
    address = parseaddr(sender)[1]
    if "@" not in address or _local(address.rpartition("@")[2]):
        found.append(Warning(
            f"DEFAULT_FROM_EMAIL is {sender!r}: mail servers refuse or drop mail from that address.",
            hint="Set DEFAULT_FROM_EMAIL to an address of your own domain, e.g. "
                 "'Impactportaal <noreply@gemeente.nl>'.",
            id="impactportal.W002",
        ))
    return found


@register("statements", deploy=True)
def check_contact(app_configs=None, **kwargs):
    """Whom people and security researchers reach (``PORTAL_CONTACT``, ``PORTAL_SECURITY_CONTACT``):
    without either, ``/.well-known/security.txt`` points at the privacy statement's contact section,
    and that section says no address was given, so a reported vulnerability reaches nobody."""
    if settings.DEBUG or settings.PORTAL_SECURITY_CONTACT:
        return []
    return [Warning(
        "Neither PORTAL_CONTACT nor PORTAL_SECURITY_CONTACT is set: security.txt and the built-in privacy "
        "and accessibility statements name no one to contact.",
        hint="Set PORTAL_CONTACT to the organisation's address (mailto:privacy@gemeente.nl or a contact page URL), "
             "and PORTAL_SECURITY_CONTACT if security reports go elsewhere (e.g. mailto:cert@gemeente.nl).",
        id="impactportal.W003",
    )]
