"""JSON errors with field messages; database validation surfaces as 400, never as 500."""

import re

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, OverflowError):
        # SQLite cannot bind integers beyond 64 bits (e.g. ?team=99999999999999999999999 on a
        # foreign key filter); that is bad input, not a server error.
        exc = exceptions.ValidationError({"non_field_errors": [_("Een getal in het verzoek is te groot.")]})
    elif isinstance(exc, (ProtectedError, RestrictedError)):
        # A subclass of IntegrityError, but no clash of values: say what still uses the row, as
        # the pages do ("… is nog in gebruik").
        rows = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", None) or ()
        users = sorted({str(row._meta.verbose_name_plural) for row in rows if hasattr(row, "_meta")})
        exc = exceptions.ValidationError({"non_field_errors": [
            _("Dit is nog in gebruik (%(users)s) en kan niet worden verwijderd.") % {"users": ", ".join(users)}
            if users else _("Dit is nog in gebruik en kan niet worden verwijderd.")]})
    elif isinstance(exc, IntegrityError):
        exc = exceptions.ValidationError({"non_field_errors": [_("Deze gegevens botsen met bestaande gegevens.")]})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.PermissionDenied) and str(exc.detail) == str(exceptions.PermissionDenied.default_detail):
        # DRF's own Dutch says "je"; the portal says "u" everywhere (a message of its own stays).
        exc = exceptions.PermissionDenied(_("U hebt geen toestemming om dit te doen."))
    elif isinstance(exc, exceptions.ParseError):
        # DRF passes on the JSON parser's English ("Expecting property name enclosed in double
        # quotes: line 1 column 2"): say it in the request's language, keeping where it went wrong.
        where = re.search(r"line (\d+) column (\d+)", str(exc.detail))
        exc = exceptions.ParseError(
            _("De inhoud van het verzoek is geen geldige JSON (regel %(line)s, teken %(column)s).")
            % {"line": where[1], "column": where[2]} if where
            else _("De inhoud van het verzoek kon niet worden gelezen."))
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        response.data = {"non_field_errors": response.data}
    if response is not None and response.status_code == status.HTTP_405_METHOD_NOT_ALLOWED:
        response.data = {"detail": str(exc.detail) if hasattr(exc, "detail") else _("Methode niet toegestaan.")}
    return response

