"""Logging filters named in ``settings.LOGGING``."""

import logging


class OneLineWarning(logging.Filter):
    """Turns a logger's records into one-line WARNINGs: no traceback, no stack. Django logs every
    request with a Host header outside ALLOWED_HOSTS (``django.security.DisallowedHost``) as an
    ERROR with the full traceback; on a public address scanners send such requests all day. The
    record is dropped when the logger does not log warnings (``DJANGO_LOG_LEVEL=ERROR``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        record.exc_info = record.exc_text = record.stack_info = None
        return logging.getLogger(record.name).isEnabledFor(record.levelno)


class ClientErrorOneLine(logging.Filter):
    """``django.request`` logs every refused request (403 "Forbidden (Permission denied)", 404 …)
    as a WARNING with the full traceback of the exception that refused it: noise for operations,
    one person clicking around gives pages of it. A 4xx keeps its one WARNING line (path and
    status); a 5xx keeps its traceback, that one is needed."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = record.exc_text = record.stack_info = None
        return True
