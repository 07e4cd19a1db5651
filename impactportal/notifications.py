"""Notify a user in the portal and by e-mail, at most once per event."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from .models import Notification

logger = logging.getLogger(__name__)


def notify(*, recipient, subject: str, body: str = "", url: str = "", dedupe_key: str = "", email: bool = True):
    """Create an in-app notification and mail it; returns None when this event was already sent.

    The mail goes to the recipient only: no other party's address is ever put in it."""
    if dedupe_key and Notification.objects.filter(recipient=recipient, dedupe_key=dedupe_key).exists():
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, subject=subject[:200], body=body, url=url, dedupe_key=dedupe_key
            )
    except IntegrityError:  # a concurrent run created the same event first
        return None
    if email and recipient.email:
        link = f"\n\n{settings.PORTAL_BASE_URL}{url}" if url else ""
        transaction.on_commit(
            lambda: send_mail(subject, body + link, None, [recipient.email], fail_silently=True)
        )
    return notification


def notify_all(people, *, subject: str, body: str = "", url: str = "", dedupe_key: str = "") -> int:
    """Notify each of ``people`` (once per person and event); returns how many were new."""
    return sum(bool(notify(recipient=person, subject=subject, body=body, url=url, dedupe_key=dedupe_key))
               for person in people)
