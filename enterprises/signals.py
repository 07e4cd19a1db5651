"""Hooks other apps subscribe to; the register never imports them."""

from django.dispatch import Signal

# Sent by the daily certificate job (``services.run_certification_checks``) after it stored the
# statuses, with ``today``. A receiver acts on what the checks mean for its own app (procurement:
# SROI credit that lapses before a contract ends) and may return a dict of counts for the job's
# summary.
certificates_checked = Signal()
