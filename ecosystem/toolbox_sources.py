"""Live data for linked toolbox questions (see ``impactportal.contributions.ToolboxSource``):
module 8 (the organisation's ecosystem map, its domains and gaps), module 11 (properties and
space requests), module 12 (the region's collaborations). Everything is read through
``for_user(user)`` and narrowed to the one organisation the team works for."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from impactportal.contributions import ToolboxSource


def map_context(user, organisation) -> dict:
    from . import maps
    from .models_maps import EcosystemMap, MapEntry

    own = EcosystemMap.objects.for_user(user).filter(organisation=organisation)
    entries = list(MapEntry.objects.for_user(user).filter(map__in=own).select_related("party"))
    domains = maps.domains(entries)
    return {"organisation": organisation, "maps": list(own), "domains": domains,
            "gaps": [d for d in domains if d.is_gap], "rows": entries}


def real_estate_context(user, organisation) -> dict:
    from .models_realestate import Property, SpaceRequest

    properties = list(Property.objects.for_user(user).filter(organisation=organisation)
                      # "(toegewezen)": let now; after an ended letting the property is on offer again
                      .annotate(allocated=Count("allocations", filter=Q(allocations__ended_on__isnull=True)))
                      .order_by("name")[:50])
    requests = SpaceRequest.objects.for_user(user).filter(organisation=organisation)
    counts = requests.aggregate(open=Count("id", filter=Q(status="open")), total=Count("id"))
    return {"organisation": organisation, "properties": properties, "requests": counts, "rows": properties}


def collaborations_context(user, organisation) -> dict:
    from .models_coalitions import Collaboration

    rows = list(Collaboration.objects.for_user(user)
                .filter(Q(region__members=organisation) | Q(participants=organisation)).distinct()
                .select_related("region").prefetch_related("participants").order_by("region__name", "title"))
    return {"organisation": organisation, "rows": rows}


# The same data as the contexts above for many organisations at once (``ToolboxSource.answered``):
# which of them have rows, in one or two queries however many organisations are asked.


def map_answered(user, organisations) -> set[int]:
    from .models_maps import EcosystemMap, MapEntry

    own = EcosystemMap.objects.for_user(user).filter(organisation__in=organisations)
    return set(MapEntry.objects.for_user(user).filter(map__in=own.values("pk"))
               .order_by().values_list("map__organisation_id", flat=True).distinct())


def real_estate_answered(user, organisations) -> set[int]:
    from .models_realestate import Property

    return set(Property.objects.for_user(user).filter(organisation__in=organisations)
               .order_by().values_list("organisation_id", flat=True).distinct())


def collaborations_answered(user, organisations) -> set[int]:
    """Organisations that take part in a collaboration the user sees, or are members of its region."""
    from .models_coalitions import Collaboration

    asked = {organisation.pk for organisation in organisations}
    visible = Collaboration.objects.for_user(user).order_by()
    found = set()
    for path in ("region__members", "participants"):
        found.update(visible.filter(**{f"{path}__in": asked}).values_list(path, flat=True).distinct())
    return found & asked  # not the other members of a collaboration's region, who were not asked


SOURCES = [
    ToolboxSource(key="ecosystem.map", label=_("Ecosysteemkaart: domeinen en gaten"),
                  template="ecosystem/toolbox/map.html", context=map_context,
                  answered=map_answered),
    ToolboxSource(key="ecosystem.real_estate", label=_("Panden en ruimtevragen"),
                  template="ecosystem/toolbox/real_estate.html", context=real_estate_context,
                  answered=real_estate_answered),
    ToolboxSource(key="ecosystem.collaborations", label=_("Regionale samenwerkingen"),
                  template="ecosystem/toolbox/collaborations.html",
                  context=collaborations_context, answered=collaborations_answered),
]
