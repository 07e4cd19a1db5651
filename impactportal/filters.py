"""Filters shared by the FilterSets of several apps, the form class every FilterSet shares, and the
cheap copy of its filters every FilterSet makes."""

import copy
import functools

import django_filters
from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField
from django_filters.filters import Filter, FilterMethod
from django_filters.filterset import BaseFilterSet
from django_filters.utils import label_for_filter
from django_filters.widgets import BooleanWidget

from impactportal.ui.widgets import FastSelect, cached_reference_row


class ReferenceChoiceField(ModelChoiceField):
    """Looks the chosen row of reference data up in the cache: a broker's register is filtered on
    their municipality on every visit, and the lookup was a query of its own. Other models, empty
    and invalid values take Django's path (an invalid value raises and is not cached)."""

    def to_python(self, value):
        if value in self.empty_values:
            return super().to_python(value)
        found = cached_reference_row(self.queryset, (self.to_field_name, value),
                                     lambda: super(ReferenceChoiceField, self).to_python(value))
        return super().to_python(value) if found is None else found


class ReferenceChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice of reference data (municipalities, regions): options and the chosen row from the
    cache (``impactportal.ui.widgets``)."""

    field_class = ReferenceChoiceField


class OrganisationFilter(ReferenceChoiceFilter):
    """Filter on the owning organisation: a dropdown in the UI, the slug in the API
    (``?organisation=haarlem``), the same FilterSet for both."""

    def __init__(self, field_name="organisation", **kwargs):
        from impactportal.accounts.models import Organisation

        kwargs.setdefault("label", _("Organisatie"))
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("queryset", Organisation.objects.filter(is_active=True))
        kwargs.setdefault("widget", FastSelect)  # up to 342 municipalities on every list page
        super().__init__(field_name=field_name, **kwargs)


class BrokerOrganisationsFilter(django_filters.BooleanFilter):
    """``?mine=true``: the rows of the organisations where the user is a broker, what the broker's
    dashboard tiles count. A broker of several municipalities (or also a colleague elsewhere) sees
    more in the list than the tile counted; the tile's link sets this. A key filter
    (``ui.key_filters``): hidden in the form, named with a link that drops it."""

    is_key = True

    def __init__(self, field_name="organisation", **kwargs):
        kwargs.setdefault("label", _("Mijn organisaties"))
        super().__init__(field_name=field_name, **kwargs)

    def organisation_ids(self):
        from impactportal import access

        user = getattr(getattr(self.parent, "request", None), "user", None)
        return access.organisation_ids(user, access.BROKER) if user is not None else set()

    def filter(self, qs, value):
        if value is None:
            return qs
        lookup = {f"{self.field_name}__in": self.organisation_ids()}
        return qs.filter(**lookup) if value else qs.exclude(**lookup)

    def key_name(self, user) -> str:
        from impactportal import access

        return ", ".join(sorted(str(o) for o in access.organisations(user, access.BROKER))) or "—"


# django-filter builds a new form class for every FilterSet it makes (``get_form_class``): a field
# per filter and a class through Django's form metaclass, on every list page and API list (a
# twentieth of the register's time). The class depends only on the filters, which the portal's
# FilterSets declare once (no ``__init__`` of their own, no queryset that depends on the request),
# so one class per FilterSet serves every request; each form still deep-copies its fields.
_original_get_form_class = BaseFilterSet.get_form_class
_form_classes: dict = {}
MAX_FORM_CLASSES = 512  # DRF's ``filterset_fields`` makes a FilterSet class per request


def shared_form_class(filterset):
    kind = type(filterset)
    found = _form_classes.get(kind)
    if found is not None:
        return found
    _translated_labels(filterset)
    form_class = _original_get_form_class(filterset)
    for field in form_class.base_fields.values():
        strict_yes_no(field)
    if _filters_are_declared_once(kind, filterset):
        if len(_form_classes) >= MAX_FORM_CLASSES:
            _form_classes.clear()
        _form_classes[kind] = form_class
    return form_class


# A yes/no filter read a value it did not know as "no filter": ``?admitted=yes`` listed every row,
# in the API and on the pages alike, where a wrong date or number is refused (400 with its field).
YES_NO_VALUES = {"": None, "unknown": None, "true": True, "false": False, "1": True, "0": False}


class StrictYesNoField(forms.NullBooleanField):
    def to_python(self, value):
        if isinstance(value, str):
            key = value.strip().lower()
            if key not in YES_NO_VALUES:
                raise ValidationError(_("Kies ja of nee: true of false (of laat het leeg)."), code="invalid")
            return YES_NO_VALUES[key]
        return super().to_python(value)


class _RawUnknownValue:
    """A yes/no widget that passes a value it does not know on to its field (django-filter's and
    Django's read it as "unknown", which filters nothing)."""

    def value_from_datadict(self, data, files, name):
        raw = data.get(name)
        return raw if isinstance(raw, str) else super().value_from_datadict(data, files, name)


@functools.cache
def _strict_widget(widget: type) -> type:
    return type(f"Strict{widget.__name__}", (_RawUnknownValue, widget), {})


def strict_yes_no(field) -> None:
    if type(field) is forms.NullBooleanField:
        field.__class__ = StrictYesNoField
        widget = type(field.widget)
        if issubclass(widget, (BooleanWidget, forms.NullBooleanSelect)) and not issubclass(widget, _RawUnknownValue):
            field.widget.__class__ = _strict_widget(widget)


def _translated_labels(filterset) -> None:
    """django-filter names a filter without a label of its own after its model field, once, in the
    language of that moment: shared by every request, the register's "Soort onderneming" read "Type
    of enterprise" on the Dutch page after an English one came first. Such a filter gets a lazy
    label instead, in the language of each page. Only the filterset's own copies, from which the
    shared form is built: the API schema reads the class's filters, and describes those without a
    label in its own words (``api.schema``)."""
    model = getattr(filterset.queryset, "model", None) or filterset._meta.model
    if model is None:
        return
    for found in filterset.filters.values():
        if found._label is None:
            found._label = _lazy_label(model, found.field_name, found.lookup_expr, found.exclude)


_lazy_label = lazy(label_for_filter, str)


def _filters_are_declared_once(kind, filterset) -> bool:
    """Whether every instance of ``kind`` builds the same form: it neither changes its filters in an
    ``__init__`` nor overrides ``get_form_class``, and no filter's queryset depends on the request."""
    return (kind.__init__ is BaseFilterSet.__init__ and kind.get_form_class is shared_form_class
            and not any(callable(getattr(found, "queryset", None)) for found in filterset.filters.values()))


def copy_filter(self, memo):
    """A FilterSet's own copy of a declared filter (``Filter.__deepcopy__``). Every FilterSet
    deep-copies its class's filters when it is made: a clone of each model choice's queryset, every
    list of choices, each lazy label, on every list page and API list (a quarter of a millisecond
    for the register's 13). No filter changes those in place (a FilterSet that changes a filter
    sets its attributes), so the copy has attributes of its own and an ``extra`` of its own, a
    method filter is bound to the copy (``FilterMethod`` reads the copy's ``parent``), and the form
    field a filter builds on first use is built again for the copy, as before."""
    copied = copy.copy(self)
    memo[id(self)] = copied
    copied.extra = dict(self.extra)
    copied.__dict__.pop("_field", None)
    if isinstance(self.__dict__.get("filter"), FilterMethod):
        copied.filter = FilterMethod(copied)
    return copied


# A FilterSet's organisation drop-down offered every active organisation (24 municipalities, 3
# provinces, the helpdesk) to a municipality's staff, who see their own rows only: every other
# choice gave an empty list. The form of every FilterSet (lists, exports and API alike) offers
# the organisations that own a row the user may see in the list; a user who sees every row
# (``access.rule`` is None: national administrators, a register searched nationwide) keeps the
# full list, as does an anonymous visitor of a public list (the showcase); a filter
# with ``limit_to_visible = False`` is left alone. Out of the choices is a field error (a 400 in
# the API).
_original_form = BaseFilterSet.form


def _form_with_visible_organisations(self):
    if not hasattr(self, "_form"):
        form = _original_form.fget(self)
        limit_organisation_choices(self, form)
    return self._form


def limit_organisation_choices(filterset, form) -> None:
    """Narrow ``form``'s organisation choices to the organisations owning a row of the
    FilterSet's (scoped) queryset the user may see: one query for the keys, the options from the
    cache per set of keys (``FastSelect``)."""
    names = [name for name, found in filterset.filters.items() if _limits(found) and name in form.fields]
    user = getattr(getattr(filterset, "request", None), "user", None)
    queryset = filterset.queryset
    if (not names or not getattr(user, "is_authenticated", False) or queryset is None
            or getattr(filterset, "public_list", False)):
        # A public list (the showcase, ``public_list`` set by its view) keeps every organisation
        # for every visitor, signed in or not: its rows are the same for all, and reading the keys
        # of the visible rows (a DISTINCT over 60,000 enterprises nationally) cost 177 ms a page.
        return
    from impactportal import access

    try:
        if access.rule(user, queryset.model, access.VIEW) is None:
            return  # the user sees every row: every organisation is a useful choice
    except ImproperlyConfigured:  # a model without an access policy: the list decides itself
        return
    for name in names:
        path = filterset.filters[name].field_name
        keys = sorted(key for key in queryset.order_by().values_list(path, flat=True).distinct() if key is not None)
        field = form.fields[name]
        field.queryset = field.queryset.filter(pk__in=keys)


def _limits(found) -> bool:
    """An organisation choice on a relation (not a method, not a queryset of its own per request)."""
    from impactportal.accounts.models import Organisation

    queryset = getattr(found, "queryset", None)
    return (isinstance(found, django_filters.ModelChoiceFilter) and getattr(found, "limit_to_visible", True)
            and queryset is not None and not callable(queryset) and queryset.model is Organisation
            and found.method is None)


def install() -> None:
    """Called once at start-up (``ImpactportalConfig.ready``)."""
    BaseFilterSet.get_form_class = shared_form_class
    BaseFilterSet.form = property(_form_with_visible_organisations)
    Filter.__deepcopy__ = copy_filter
