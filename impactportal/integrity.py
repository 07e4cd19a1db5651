"""Unique violations that validation could not see coming.

Validation checks uniqueness with a query, then the row is saved: two requests at the same
moment (a double click, a retry) both pass the query and the second insert hits the database
constraint. Re-running the model's unique and constraint checks after that IntegrityError
finds the row that won and gives the same translated message a sequential submit would get."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CONFLICT_MESSAGE = _("Deze gegevens botsen met bestaande gegevens.")


def explain_integrity_error(instance) -> ValidationError:
    """The ValidationError to show for an IntegrityError raised while saving ``instance``.
    Call it outside the failed transaction (after the savepoint rolled back)."""
    errors = {}
    for check in (instance.validate_unique, instance.validate_constraints):
        try:
            check()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    return ValidationError(errors or CONFLICT_MESSAGE)
