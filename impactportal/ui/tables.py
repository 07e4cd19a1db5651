"""django-tables2 asks ``inspect.signature`` which arguments a ``render_*``/``value_*`` method
takes once per cell: 25 rows × 9 columns is 225 signature walks per page, a fifth of a list's
rendering time. The answer depends only on the function, so it is remembered per function
(bounded, so functions made per request cannot grow it without end).

A table without an ``order_by`` of its own reads its sort order off the queryset's
(``TableQuerysetData.ordering``: every column's sort keys against the query's, a few hundred
small tuples per list): remembered per table class, columns and query order.

Every table attribute list (``AttributeDict.as_html``: each header, each cell whose attributes
depend on the row) is written by ``markup.attribute_dict_html``, the same HTML without a
``format_html`` per attribute."""

from django_tables2 import utils
from django_tables2.columns import BooleanColumn, DateColumn, DateTimeColumn
from django_tables2.data import TableQuerysetData
from django_tables2.tables import Table

_original_signature = utils.signature
_original_ordering = TableQuerysetData.ordering.fget
_known: dict = {}
MAX_KNOWN = 4096


def cached_signature(fn):
    # A bound method is a new object on every access: key on the function and whether ``self``
    # is bound (which django-tables2's answer leaves out).
    key = (getattr(fn, "__func__", fn), hasattr(fn, "__self__"))
    try:
        return _known[key]
    except KeyError:
        pass
    except TypeError:  # unhashable callable: ask every time
        return _original_signature(fn)
    result = _original_signature(fn)
    if len(_known) < MAX_KNOWN:
        _known[key] = result
    return result


def cached_ordering(data):
    table, order_by = data.table, data.data.query.order_by
    if table._order_by is not None or not all(isinstance(key, str) for key in order_by):
        return _original_ordering(data)  # asked again later, or expressions: not by name
    # What the answer reads: each column's name, sort keys (its own or its accessor) and the query's.
    key = (type(table), tuple(order_by),
           tuple((column.name, column.column.order_by, str(column.accessor)) for column in table.columns))
    try:
        return _known_orderings[key]
    except KeyError:
        pass
    except TypeError:  # a column's order_by made of something unhashable
        return _original_ordering(data)
    result = _original_ordering(data)
    if len(_known_orderings) < MAX_KNOWN:
        _known_orderings[key] = result
    return result


_known_orderings: dict = {}


def _raw_value(self, value):
    return value


def install() -> None:
    """Called once at start-up (``ImpactportalConfig.ready``)."""
    from .markup import attribute_dict_html

    # A yes/no column exports the boolean itself (django-tables2 wrote the text "True"): a
    # spreadsheet's yes/no in XLSX, the page language's ja/nee in CSV (``exports``).
    BooleanColumn.value = lambda self, record, value, bound_column: self._get_bool_value(record, value, bound_column)
    # A date column exported its text as the page's format or ISO with "+00:00": exports hold the
    # date or moment itself (a spreadsheet's date in XLSX; a moment in the portal's time zone).
    DateColumn.value = DateTimeColumn.value = _raw_value
    utils.signature = cached_signature
    utils.AttributeDict.as_html = attribute_dict_html
    TableQuerysetData.ordering = property(cached_ordering)
    # Every wide table becomes labelled blocks on a phone (``stack``), not only the few that said so.
    if Table.__init__.__name__ != "stacking_init":  # once, should start-up run twice
        Table.stacked = None
        Table.__init__ = _stacking_init(Table.__init__)


class StackedTable:
    """A table whose rows become labelled blocks on a phone (portal.css ``.portal-stack``: each
    ``td[data-label]`` shows "Rol: …") whatever its width; every table of ``STACK_FROM_COLUMNS``
    columns or more is one already (``stack``). Mix in before ``tables.Table``."""

    stacked = True


# From this many columns a table stacks on a phone: three columns fit in 390 px, and a fourth
# pushed the key column of the public events (date, place), a certificate's status or a question's
# status out of sight, scrolled inside the table's box.
STACK_FROM_COLUMNS = 4


def stack(table) -> None:
    """Decide whether ``table`` stacks (``stacked``: a table's own True or False wins) and, if so,
    give each cell its column's header as ``data-label`` through the column's own ``td``
    attributes (the same for every row, so ``portal_tbody`` writes them once per column);
    ``ui/table.html`` puts ``portal-stack`` on the table's box."""
    if table.stacked is None:
        table.stacked = len(table.columns) >= STACK_FROM_COLUMNS
    if not table.stacked:
        return
    for bound_column in table.columns:  # the table's own copies of its columns (deepcopied per table)
        column = bound_column.column
        td = {"data-label": str(bound_column.verbose_name), **column.attrs.get("td", {})}
        column.attrs = {**column.attrs, "td": td}


def _stacking_init(original):
    def stacking_init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        stack(self)

    return stacking_init
