"""A total order for every paginated list: the list's own sort key plus the primary key.

Sorting by name alone leaves ties (two "Bakkerij de Vries") in an order the database may pick
differently per query, so a row can appear on two pages, or on none, as the user pages on."""

from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.db.models.expressions import OrderBy


def order_keys(queryset: QuerySet) -> list:
    """The ordering the query will use: its ``order_by``, else the model's default."""
    query = queryset.query
    if query.order_by:
        return list(query.order_by)
    return list(queryset.model._meta.ordering) if query.default_ordering else []


def _names_pk(key, pk_names) -> bool:
    if isinstance(key, str):
        return key.lstrip("-") in pk_names
    if isinstance(key, OrderBy) and isinstance(key.expression, F):
        return key.expression.name in pk_names
    return False


def stable(queryset: QuerySet) -> QuerySet:
    """``queryset`` ordered by its sort key with the primary key as the last tie-breaker."""
    pk = queryset.model._meta.pk
    keys = order_keys(queryset)
    if any(_names_pk(key, {"pk", pk.name, pk.attname}) for key in keys):
        return queryset
    return queryset.order_by(*keys, "pk")


class StablePaginator(Paginator):
    """Pages over a total order. Takes a queryset (the views) or a django-tables2 table's rows,
    whose queryset is ordered by the column the user sorts on by the time the table paginates."""

    def __init__(self, object_list, *args, **kwargs):
        if isinstance(object_list, QuerySet):
            object_list = stable(object_list)
        elif isinstance(getattr(getattr(object_list, "data", None), "data", None), QuerySet):
            object_list.data.data = stable(object_list.data.data)  # BoundRows -> TableQuerysetData
        super().__init__(object_list, *args, **kwargs)
