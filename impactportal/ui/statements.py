"""The privacy statement, the accessibility statement and ``/.well-known/security.txt``.

The organisation running the portal links its own statements (``PORTAL_PRIVACY_URL``,
``PORTAL_ACCESSIBILITY_URL``); until it does, the portal's built-in pages describe what the portal
stores, why, how long, the rights people have and whom to contact (``PORTAL_CONTACT``). All three
are public and answer the same to everyone."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

SECURITY_TXT_LIFETIME = dt.timedelta(days=365)


def contact_link(value: str) -> str:
    """An e-mail address as a ``mailto:`` URI; a URL (or anything else) as it is."""
    value = value.strip()
    if "@" in value and "://" not in value and not value.startswith("mailto:"):
        return f"mailto:{value}"
    return value


def privacy_url() -> str:
    return settings.PORTAL_PRIVACY_URL or reverse("privacy")


def accessibility_url() -> str:
    return settings.PORTAL_ACCESSIBILITY_URL or reverse("accessibility")


def _contact_context() -> dict:
    contact = settings.PORTAL_CONTACT.strip()
    return {"contact": contact, "contact_href": contact_link(contact) if contact else ""}


@require_safe
def privacy(request):
    """The built-in privacy statement; the organisation's own when it set one."""
    if settings.PORTAL_PRIVACY_URL:
        return redirect(settings.PORTAL_PRIVACY_URL)
    return render(request, "ui/privacy.html", {
        **_contact_context(),
        "axes_days": settings.AXES_LOG_RETENTION_DAYS,
        "notification_days": settings.NOTIFICATION_RETENTION_DAYS,
        "job_file_days": settings.JOB_FILE_RETENTION_DAYS,
        "audit_days": settings.AUDIT_RETENTION_DAYS,
        "session_hours": max(1, settings.SESSION_COOKIE_AGE // 3600),
    })


@require_safe
def accessibility(request):
    """The built-in accessibility statement; the organisation's own when it set one."""
    if settings.PORTAL_ACCESSIBILITY_URL:
        return redirect(settings.PORTAL_ACCESSIBILITY_URL)
    return render(request, "ui/accessibility.html", _contact_context())


@require_safe
def security_txt(request):
    """RFC 9116. ``Expires`` is a year after the request (the file is made, never stale);
    ``Canonical`` is this file under ``PORTAL_BASE_URL``. Without a security contact the
    privacy statement's contact section stands in (it says whom to reach)."""
    base = settings.PORTAL_BASE_URL.rstrip("/")
    contacts = [contact_link(value) for value in settings.PORTAL_SECURITY_CONTACT.split(",") if value.strip()]
    if not contacts:
        contacts = [settings.PORTAL_PRIVACY_URL or f"{base}{reverse('privacy')}#contact"]
    expires = (timezone.now() + SECURITY_TXT_LIFETIME).astimezone(dt.UTC).replace(microsecond=0)
    lines = [*(f"Contact: {contact}" for contact in contacts),
             f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
             "Preferred-Languages: nl, en",
             f"Canonical: {base}{reverse('security-txt')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
