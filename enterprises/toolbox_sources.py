"""Linked toolbox question of module 3: the register's impact enterprises in the organisation's
municipality, with their contact persons (read through the access module)."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from impactportal.contributions import ToolboxSource

LIMIT = 50


def register_context(user, organisation):
    from .models import ContactPerson, Enterprise

    enterprises = (Enterprise.objects.for_user(user).filter(municipality=organisation)
                   .prefetch_related(Prefetch("contact_persons", queryset=ContactPerson.objects.for_user(user)))
                   .order_by("name"))
    return {"rows": list(enterprises[:LIMIT]), "total": enterprises.count(), "organisation": organisation,
            "source": _("Register van impactondernemingen in het portaal (zelf opgegeven door ondernemers, "
                        "toelating beoordeeld door makelaars).")}


def register_answered(user, organisations) -> set[int]:
    """The organisations with an enterprise of the register the user sees, in one query."""
    from .models import Enterprise

    return set(Enterprise.objects.for_user(user).filter(municipality__in=organisations)
               .order_by().values_list("municipality_id", flat=True).distinct())


SOURCES = [ToolboxSource(key="enterprises.register", label=_("Register van impactondernemingen"),
                         template="toolbox_sources/enterprises_register.html", context=register_context,
                         answered=register_answered)]
