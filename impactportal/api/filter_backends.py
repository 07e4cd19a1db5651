"""The API's filter backends: django-filter's, minus the work when a request filters on nothing;
DRF's ``?ordering=``, with names sorted in the request's language."""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _
from django_filters import FilterSet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters
from rest_framework.exceptions import ValidationError

from impactportal.text import page_language_key


class FilterBackend(DjangoFilterBackend):
    """A request that names none of the FilterSet's parameters gets the queryset as it is.

    django-filter builds the FilterSet (a deep copy of every filter), its form and the form's
    validation even for ``GET /api/v1/enterprises/`` without a query string: about 9 % of an
    unfiltered API list's CPU, to return the same queryset. Empty values filter nothing in
    django-filter (a ``method`` filter is not even called), so skipping them changes no result.
    A FilterSet that overrides ``filter_queryset`` or ``qs`` (which may act without a parameter)
    always takes django-filter's path."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not names_a_filter(filterset_class, request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)


def names_a_filter(filterset_class, params) -> bool:
    """Whether ``params`` may carry a value for a filter of ``filterset_class``: a parameter that
    starts with a filter's name (``founded_min`` for a range filter ``founded``), or a FilterSet
    that filters in code of its own."""
    if filterset_class.filter_queryset is not FilterSet.filter_queryset or filterset_class.qs is not FilterSet.qs:
        return True
    names = tuple(filterset_class.base_filters)
    return any(key.startswith(names) for key in params)


class OrderingFilter(filters.OrderingFilter):
    """DRF's ``?ordering=`` (and the view's default ``ordering``), with the ``Bilingual`` texts a
    view names in ``page_language_ordering`` (``("name",)``) sorted as the screens sort them
    (``impactportal.text.page_language_key``): in the request's language (``Accept-Language``),
    so an English request lists the instruments by their English name (the Dutch where one has
    none), not by the Dutch. The key is annotated as ``sort_<field>``, as the screens' tables do.

    Only names that give one row per record may sort (``sortable``): DRF's default for a view
    without ``ordering_fields`` is every serializer field, and ``?ordering=members`` joined the
    regions' members, listing a region once per member and another on no page at all."""

    def get_valid_fields(self, queryset, view, context=None):
        fields = super().get_valid_fields(queryset, view, context)
        model = getattr(queryset, "model", None)
        if model is None:
            return fields
        annotations = getattr(getattr(queryset, "query", None), "annotations", {})
        return [(name, label) for name, label in fields if name in annotations or sortable(model, name)]

    def filter_queryset(self, request, queryset, view):
        self.refuse_unknown(request, queryset, view)
        ordering = self.get_ordering(request, queryset, view)
        bilingual = getattr(view, "page_language_ordering", ())
        if not ordering or not bilingual:
            return super().filter_queryset(request, queryset, view)
        keys = []
        for term in ordering:
            name = term.lstrip("-")
            if name in bilingual:
                queryset = queryset.annotate(**{f"sort_{name}": page_language_key(name)})
                term = term.replace(name, f"sort_{name}")
            keys.append(term)
        return queryset.order_by(*keys)

    def refuse_unknown(self, request, queryset, view):
        """DRF drops a name it does not know and sorts by the rest (or by the default): a client
        that misspelt ``?ordering=nmae`` got another order than it asked for, without a word. Such a
        request is refused with the names it may use. (Only here: the browsable API's own ordering
        menu calls ``get_ordering`` again while it renders this very refusal.)"""
        given = request.query_params.get(self.ordering_param)
        if not given or not given.strip():
            return  # ``?ordering=`` left empty: the default, as DRF reads it
        terms = [term.strip() for term in given.split(",")]
        known = self.remove_invalid_fields(queryset, terms, view, request)
        if terms and known == terms:
            return
        names = [name for name, _label in self.get_valid_fields(queryset, view, {"request": request})]
        unknown = [term for term in terms if term not in known] or [given]
        raise ValidationError({self.ordering_param: [
            _("Op %(unknown)s kan deze lijst niet sorteren. Kies uit: %(names)s (met een - ervoor van hoog naar laag).")
            % {"unknown": ", ".join(f"“{term}”" for term in unknown), "names": ", ".join(names) or "—"}]})

    def get_schema_operation_parameters(self, view):
        """DRF documents ``ordering`` as "Which field to use when ordering the results.": a client
        learnt neither the names it may use nor the order it gets without one. The description
        lists them (from the view's ``ordering_fields``) and the default (``ordering``)."""
        parameters = super().get_schema_operation_parameters(view)
        queryset = getattr(view, "queryset", None)
        try:
            names = [name for name, _label in self.get_valid_fields(queryset, view, {"request": None})]
        except Exception:  # noqa: BLE001 -- a view whose fields cannot be listed without a request
            names = []
        if not names:
            return parameters
        default = self.get_default_ordering(view)
        text = ("Sort by " + ", ".join(f"`{name}`" for name in names)
                + "; put `-` in front for descending order and separate several with commas"
                + f" (`-{names[0]},{names[-1]}`)." if len(names) > 1 else f"Sort by `{names[0]}`; `-{names[0]}` "
                "for descending order.")
        if default:
            text += " Without it: " + ", ".join(f"`{term}`" for term in default) + "."
        for parameter in parameters:
            parameter["description"] = text
        return parameters


def sortable(model, path: str) -> bool:
    """Whether ``path`` (``name``, ``organisation__name``) names a stored column of ``model`` or of a
    record it points to: every step a concrete forward field, none to-many. A many-to-many or
    reverse relation repeats a record once per related row (and pages skip others); a property, a
    method or a generic relation is no column the database can sort by, and a JSON list (the
    admission rules' ``accepted_schemes``) is several values, no sort key."""
    if path == "pk":
        return True
    current = model
    for part in path.split("__"):
        if current is None:
            return False
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if not field.concrete or field.many_to_many or field.one_to_many or isinstance(field, models.JSONField):
            return False
        current = field.related_model
    return True
