"""A total order for every paginated list: the list's own sort key plus the primary key.

Sorting by name alone leaves ties (two "Bakkerij de Vries") in an order the database may pick
differently per query, so a row can appear on two pages, or on none, as the user pages on."""

from django.core.paginator import Paginator
from django.db import models
from django.db.models import F, QuerySet, Value
from django.db.models.expressions import OrderBy
from django.db.models.functions import Concat

from impactportal.access import crosses_many


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


def _named_keys(queryset: QuerySet, keys) -> list:
    """Sort keys as names, the primary key under any of its names as ``pk`` (a table sorts by
    ``id``, a filter by ``pk``); an expression as it is."""
    pk = queryset.model._meta.pk
    return [("-pk" if key.startswith("-") else "pk") if isinstance(key, str) and key.lstrip("-") in
            {pk.name, pk.attname} else key for key in keys]


def stable(queryset: QuerySet) -> QuerySet:
    """``queryset`` ordered by its sort key with the primary key as the last tie-breaker."""
    pk = queryset.model._meta.pk
    keys = order_keys(queryset)
    if any(_names_pk(key, {"pk", pk.name, pk.attname}) for key in keys):
        return queryset
    return queryset.order_by(*keys, "pk")


# From this many rows skipped, a page picks its rows' keys first (see ``StablePaginator.page``).
DEEP_OFFSET = 1000

# Up to this many rows found by a text search, a page sorts what the search index found instead of
# walking the sort key's index (see ``StablePaginator.page``).
SORT_FOUND_ROWS = 20_000


def text_searched(queryset: QuerySet, *, covered: tuple = ()) -> QuerySet:
    """Mark ``queryset`` as narrowed by a free-text search through its own index (a trigram search).
    PostgreSQL estimates a search's matches as spread evenly over the sort order, so for the first
    page it walks the name index and tests each row until it has a page. When the matches cluster
    ("cooperatie": every match is a "Schuldhulpcoöperatie …", under S) it tested 68,095 rows of the
    national register before the first match (100 ms), reading each row from the table.

    ``covered``: a sort order (``("name", "pk")``) an index walks with the searched columns in it
    (``INCLUDE``): sorted so, a page picks its keys from that index first, which tests a row
    without reading the table (the clustered search above: 13 ms; matches spread over the
    alphabet: 0.05 ms, where sorting what the trigram index found took 12 ms for 4,446 rows).

    A query keeps the mark through later filters and orderings (Django copies a query's
    attributes when it clones it)."""
    queryset.query.text_searched = True
    queryset.query.text_search_covered = tuple(covered)
    return queryset


def _without_index(queryset: QuerySet) -> QuerySet:
    """``queryset`` sorted the same, with each text column of its own as an expression no index
    serves (``name || ''``): the database then sorts the rows the search index found (a top-N sort
    of a few thousand rows) instead of walking the sort key's index past the rows it does not find."""
    keys = []
    for key in order_keys(queryset):
        name = key.lstrip("-") if isinstance(key, str) else ""
        try:
            field = queryset.model._meta.get_field(name) if name and "__" not in name else None
        except Exception:  # a key that is no field of the model (an annotation): as it is
            field = None
        if isinstance(field, (models.CharField, models.TextField)):
            key = OrderBy(Concat(F(name), Value("")), descending=key.startswith("-"))
        keys.append(key)
    return queryset.order_by(*keys)


def one_row_per_record(queryset: QuerySet) -> bool:
    """Whether each row of ``queryset`` is one record, so its page can be picked by primary key:
    not DISTINCT, not grouped, and every sort key a column of the record or of a record it points
    to (a sort key across a to-many relation, ``groups__name``, repeats a record once per related
    row; a grouped ``values()`` list pages groups, not records)."""
    query = queryset.query
    if query.distinct or query.group_by is not None or query.combinator:
        return False
    for key in order_keys(queryset):
        if isinstance(key, OrderBy) and isinstance(key.expression, F):
            key = key.expression.name
        if not isinstance(key, str) or key == "?" or crosses_many(queryset.model, key.lstrip("-")):
            return False
    return True


def _queryset_of(object_list) -> QuerySet | None:
    """The queryset behind a paginator's rows: itself, or a django-tables2 table's rows
    (BoundRows -> TableQuerysetData -> QuerySet)."""
    if isinstance(object_list, QuerySet):
        return object_list
    data = getattr(getattr(object_list, "data", None), "data", None)
    return data if isinstance(data, QuerySet) else None


class StablePaginator(Paginator):
    """Pages over a total order. Takes a queryset (the views) or a django-tables2 table's rows,
    whose queryset is ordered by the column the user sorts on by the time the table paginates."""

    def __init__(self, object_list, *args, **kwargs):
        if isinstance(object_list, QuerySet):
            object_list = stable(object_list)
        elif _queryset_of(object_list) is not None:
            object_list.data.data = stable(object_list.data.data)
        super().__init__(object_list, *args, **kwargs)

    def page(self, number):
        """A deep page, and a searched one in an order an index covers with the searched columns
        (``text_searched``), selects its rows by key: ``WHERE pk IN (SELECT pk … ORDER BY …
        OFFSET n LIMIT m)``. With a plain OFFSET the database fetches every skipped row from the table
        before throwing it away (the API's last page of 100,000 enterprises: 577 ms); the keys
        alone come from the sort key's index (name, id) without touching the table (30 ms).
        The outer query keeps the list's order, joins and prefetches for the rows it returns."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        queryset = _queryset_of(self.object_list)
        keys_first = bottom >= DEEP_OFFSET
        if queryset is not None and getattr(queryset.query, "text_searched", False) and self.count <= SORT_FOUND_ROWS:
            # A text search that found a few thousand rows at most (``text_searched``): in an
            # order an index covers with the searched columns, keys first from that index; in
            # any other, sort what the search index found.
            covered = _named_keys(queryset, getattr(queryset.query, "text_search_covered", ()))
            if covered and _named_keys(queryset, order_keys(queryset)) == covered and one_row_per_record(queryset):
                keys_first = True
            else:
                queryset = _without_index(queryset)
                if isinstance(self.object_list, QuerySet):
                    self.object_list = queryset
                else:
                    self.object_list.data.data = queryset
        if not keys_first or queryset is None or not one_row_per_record(queryset):
            return super().page(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = queryset.filter(pk__in=queryset.values("pk")[bottom:top])
        if queryset is not self.object_list:  # a table's rows over the narrowed queryset
            rows = type(self.object_list)(data=rows, table=self.object_list.table,
                                          pinned_data=self.object_list.pinned_data)
        return self._get_page(rows, number, self)
