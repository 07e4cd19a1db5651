"""Notify a user in the portal and by e-mail, at most once per event.

A notification is read in the language of the page it is read on, which need not be the language
of the person whose action caused it. Callers therefore pass ``message``: a function without
arguments that returns ``(subject, body)``, written with ``gettext`` as usual. It is called once
in Dutch and once in English (``translation.override``), so everything in it that depends on the
language (``gettext``, ``get_FOO_display()``, ``in_page_language``, managed-list names, dates via
``short_date``) must be worked out inside it, not before. It must not change anything: it runs
twice. A plain ``subject``/``body`` is the same text in both languages (tests, technical notices)."""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import translation

from .models import Notification
from .text import in_page_language

logger = logging.getLogger(__name__)

DUTCH, ENGLISH = "nl", "en"

Message = Callable[[], tuple[str, str]]


@dataclass(frozen=True)
class Texts:
    """One event's subject and body in Dutch (the stored default) and English."""

    subject: str
    body: str
    subject_en: str
    body_en: str

    def in_language(self, language: str) -> tuple[str, str]:
        """The subject and body as a page in ``language`` shows them (``Notification.shown_subject``):
        the English on English where there is one, else the Dutch."""
        with translation.override(language):
            return in_page_language(self.subject, self.subject_en), in_page_language(self.body, self.body_en)


def render(message: Message | None = None, *, subject: str = "", body: str = "") -> Texts:
    """``message()`` (else ``subject`` and ``body``) in Dutch and in English."""

    def write() -> tuple[str, str]:
        texts = message() if message is not None else (subject, body)
        return str(texts[0]), str(texts[1] or "")

    with translation.override(DUTCH):
        dutch = write()
    with translation.override(ENGLISH):
        english = write()
    return Texts(subject=dutch[0], body=dutch[1], subject_en=english[0], body_en=english[1])


def mail_language(recipient=None, fallback: str | None = None) -> str:
    """The language of a mail to ``recipient``: the one they chose (``User.language``: on "Mijn
    account", or the last language they switched to while signed in), else ``fallback``, else the
    portal's default (Dutch). A mail is not read on a page, so it never follows the language of
    whoever's action sent it: a notification passes no ``fallback``. Only a mail the request itself
    is about may fall back to the request's language (``request_language``): a password reset the
    person asked for, a link to choose a first password for an address that never chose a language."""
    for language in (getattr(recipient, "language", ""), fallback):
        if language in dict(settings.LANGUAGES):
            return language
    return settings.LANGUAGE_CODE


def request_language() -> str:
    """The language of the page being answered (the language switch's, ``DutchFirstLocaleMiddleware``);
    outside a request (a task, a command) the portal's default."""
    language = translation.get_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def portal_url(path: str) -> str:
    """``path`` (a URL the portal reversed, ``/helpdesk/1/``) under the portal's public address
    (``PORTAL_BASE_URL``), with one slash between them: an address set with a slash at its end
    (``https://impactportaal.gemeente.nl/``) made every link in every mail ``…nl//helpdesk/1/``,
    which answers 404."""
    return (settings.PORTAL_BASE_URL or "").strip().rstrip("/") + "/" + path.lstrip("/")


_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")  # not the non-breaking space of "€ 12.000,00"


def mail_subject(text: str) -> str:
    """``text`` on one line, as a mail's subject must be: a subject made of what somebody typed (a
    question's subject, a title) with a line break in it made Django refuse the mail
    (``BadHeaderError``) after the commit, so the page answered 500 and nobody of the event was mailed."""
    return _LINE_BREAKS.sub(" ", str(text)).strip()


def notify(*, recipient, message: Message | Texts | None = None, subject: str = "", body: str = "",
           url: str = "", dedupe_key: str = "", email: bool = True):
    """Create an in-app notification and mail it; returns None when this event was already sent.

    The mail goes to the recipient only (no other party's address is ever put in it), in the
    recipient's language (``mail_language``): the English texts for one who chose English."""
    texts = message if isinstance(message, Texts) else render(message, subject=subject, body=body)
    notification, mail = _record(recipient, texts, url=url, dedupe_key=dedupe_key, email=email)
    if mail is not None:
        transaction.on_commit(lambda: _send([mail]))
    return notification


def notify_all(people, *, message: Message | Texts | None = None, subject: str = "", body: str = "",
               url: str = "", dedupe_key: str = "") -> int:
    """Notify each of ``people`` (once per person and event); returns how many were new. The
    message is written once per language for all of them.

    One transaction for all the rows and one mail connection for all the mails (each mail still
    to its own recipient, in their language): a new question told a desk of twenty people with
    twenty dedupe look-ups, twenty commits and twenty mail connections, one after another, while
    the entrepreneur waited for the page."""
    people = list(people)
    if not people:
        return 0
    texts = message if isinstance(message, Texts) else render(message, subject=subject, body=body)
    mails, count = [], 0
    with transaction.atomic():
        told = set(Notification.objects.filter(recipient__in=people, dedupe_key=dedupe_key)
                   .values_list("recipient_id", flat=True)) if dedupe_key else set()
        for person in people:
            if person.pk in told:
                continue
            notification, mail = _record(person, texts, url=url, dedupe_key=dedupe_key, checked=True)
            count += notification is not None
            if mail is not None:
                mails.append(mail)
        if mails:
            transaction.on_commit(lambda: _send(mails))
    return count


def _record(recipient, texts: Texts, *, url: str, dedupe_key: str, email: bool = True, checked: bool = False):
    """The notification row (None when this event was already sent) and the mail to send once it
    is committed (None without one). ``checked``: the caller looked for an earlier row itself."""
    if dedupe_key and not checked and Notification.objects.filter(recipient=recipient, dedupe_key=dedupe_key).exists():
        return None, None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, subject=texts.subject[:200], body=texts.body,
                subject_en=texts.subject_en[:200], body_en=texts.body_en, url=url, dedupe_key=dedupe_key
            )
    except IntegrityError:  # a concurrent run created the same event first
        return None, None
    if not (email and recipient.email):
        return notification, None
    subject, body = texts.in_language(mail_language(recipient))
    link = f"\n\n{portal_url(url)}" if url else ""
    return notification, EmailMessage(mail_subject(subject), body + link, None, [recipient.email])


def _send(mails: list[EmailMessage]) -> None:
    """Send ``mails`` over one connection to the mail server, silently on mail errors (as before)."""
    get_connection(fail_silently=True).send_messages(mails)
