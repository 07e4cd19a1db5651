from decimal import Decimal

import django_tables2 as tables
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.ui.columns import MoneyColumn, NumericColumn, short_date

from .models_coalitions import Coalition
from .models_events import Event
from .models_maps import EcosystemMap
from .models_realestate import Allocation, Property, SpaceRequest


class AreaColumn(NumericColumn):
    """A floor area as the detail pages write it: "45 m²", "1.234,5 m²" (no "45,0"); exports keep
    the plain number."""

    def render(self, value):
        return f"{floatformat(value, '-1g')} m²"

    def value(self, value):
        """A number, without a trailing ",0": 45, 1234.5."""
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else value.normalize()
        return value


class PropertyTable(tables.Table):
    """An allocated property (``is_allocated``, annotated by the list) reads "Toegewezen" instead of
    the date it became available: only its owner still sees it in the list; one whose availability
    ended reads "Verlopen". An export keeps the date a date and says "Toegewezen", "Verlopen" or
    "Beschikbaar" in a column of its own (hidden on the page)."""

    name = tables.LinkColumn("ecosystem:property-detail", args=[tables.A("pk")], verbose_name=_("Naam"))
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Eigenaar"))
    floor_area = AreaColumn()
    status = tables.Column(accessor="pk", verbose_name=_("Status"), orderable=False, visible=False)

    class Meta:
        model = Property
        fields = ["name", "organisation", "area", "property_type", "floor_area", "available_from", "status"]

    def render_available_from(self, value, record):
        return not_on_offer(record) or short_date(value)

    def value_available_from(self, value):
        return value

    def value_status(self, record):
        return str(not_on_offer(record) or _("Beschikbaar"))


def not_on_offer(prop):
    """Why ``prop`` is not on offer, as the filter "Beschikbaar" (``on_offer``) has it: "Toegewezen"
    (let now), "Verlopen" (its availability ended before today); None while it is on offer."""
    if getattr(prop, "is_allocated", False):
        return _("Toegewezen")
    return _("Verlopen") if ended(prop) else None


def ended(prop) -> bool:
    """The availability of ``prop`` ended before today (``filters_realestate.on_offer``)."""
    return prop.available_until is not None and prop.available_until < timezone.localdate()


class SpaceRequestTable(tables.Table):
    enterprise = tables.LinkColumn("ecosystem:space-request-detail", args=[tables.A("pk")],
                                   accessor="enterprise__name", verbose_name=_("Onderneming"))
    min_area = AreaColumn()
    max_area = AreaColumn()

    class Meta:
        model = SpaceRequest
        fields = ["enterprise", "property_type", "min_area", "max_area", "area", "start_date", "status"]


class AllocationTable(tables.Table):
    property = tables.LinkColumn("ecosystem:allocation-detail", args=[tables.A("pk")], accessor="property__name",
                                 verbose_name=_("Pand"))
    enterprise = tables.Column(accessor="space_request__enterprise__name", verbose_name=_("Huurder"))
    rent = MoneyColumn()
    market_rent = MoneyColumn()
    monthly_benefit = MoneyColumn(accessor="monthly_benefit", verbose_name=_("Voordeel onder markthuur"),
                                  orderable=False)

    # Empty while the letting is current ("—" on the page, an empty cell in an export).
    ended_on = tables.DateColumn(short=True, verbose_name=_("Beëindigd op"), default="—")

    class Meta:
        model = Allocation
        fields = ["property", "enterprise", "tenant_kind", "rent", "market_rent", "monthly_benefit", "procedure",
                  "start_date", "ended_on"]

    def value_ended_on(self, value):
        return value


class EcosystemMapTable(tables.Table):
    title = tables.LinkColumn("ecosystem:map-detail", args=[tables.A("pk")], verbose_name=_("Titel"))
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Organisatie"), default="—")
    region = tables.Column(accessor="region__name", verbose_name=_("Regio"), default="—")

    class Meta:
        model = EcosystemMap
        fields = ["title", "organisation", "region", "checklist_date"]


class CoalitionTable(tables.Table):
    name = tables.LinkColumn("ecosystem:coalition-detail", args=[tables.A("pk")], verbose_name=_("Naam"))
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Organisatie"))

    class Meta:
        model = Coalition
        fields = ["name", "organisation", "started_on"]


class EventTable(tables.Table):
    title = tables.LinkColumn("ecosystem:event-detail", args=[tables.A("pk")], verbose_name=_("Titel"))
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Organisatie"))

    class Meta:
        model = Event
        fields = ["title", "kind", "starts_at", "location", "organisation"]
