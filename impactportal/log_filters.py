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
