"""The header row and the body of every list table, rendered in Python.

django-tables2's template builds each cell's ``<td>`` attributes anew (table and column attrs
merged, classes sorted) and walks the template engine per cell: on a 25-row register that is most
of the page's time. The attributes are the same for every row unless one of them is a callable
(which may look at the record), so they are built once per column; cells are rendered exactly as
the template would (``render_value_in_context``, or ``localize``/``unlocalize``).

A cell's value is read by a reader made once per column (``READERS``, first match wins) for a
column showing one model field (or a list a ``Prefetch(to_attr=)`` filled): a plain or date
column, a link to a route taking the row's id, a boolean, or any other column's render method.
Each does what ``BoundRow.get_cell`` does for that column, without its per-cell accessor walk,
``inspect.signature`` and ``reverse``; the tests compare every busy table with the library's own
rendering. A field reached through foreign keys (``enterprise__name``) is read the same way. Other
columns (many-to-many, reverse relations, methods, computed links) take the library's path."""

import html
import re

import django_tables2 as tables
from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch
from django.db.models.query import ModelIterable
from django.template.base import render_value_in_context
from django.utils.encoding import force_str
from django.utils.formats import localize
from django.utils.hashable import make_hashable
from django.utils.html import conditional_escape, escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone
from django.utils.translation import get_language
from django_tables2.utils import AttributeDict, call_with_appropriate, signature

from impactportal.links import paths_with_id
from impactportal.ui.columns import formatted_date
from impactportal.ui.markup import escaped

register = template.Library()


def _has_callable(attrs) -> bool:
    return any(callable(value) or (isinstance(value, dict) and _has_callable(value)) for value in attrs.values())


def _td_attrs(column):
    column.current_record = column.current_value = None  # no row: the same answer for every row
    return column.attrs["td"].as_html()


def _cell(context, column, value, numbers: dict) -> str:
    if column.localize is None:
        # Most cells are text: nothing to localise, and html.escape is what Django's escape does
        # (without its lazy-string wrapper); markup a render method made is already safe.
        if type(value) is str:
            return html.escape(value) if context.autoescape else value
        if type(value) is SafeString:
            return value
        if type(value) is int:
            # Counts and numbers repeat down a column; localising one looks up three formats
            # (separators, grouping) of the active language. ``numbers`` is this table's.
            found = numbers.get(value)
            if found is None:
                found = numbers[value] = render_value_in_context(value, context)
            return found
        return render_value_in_context(value, context)
    return render_value_in_context(localize(value, use_l10n=bool(column.localize)), context)


# django-tables2's DateColumn and DateTimeColumn render ``{{ value|date:"<format>"|default:default }}``
# through a template they compile anew for every cell.
_DATE_TEMPLATE = re.compile(r'^\{\{ value\|date:"([^"]*)"\|default:default \}\}$')


def _field_of(table, bound_column):
    """``(hops, field)``: the concrete model field a column shows as it is, and the forward
    foreign keys leading to it (``enterprise__name``: ``("enterprise",)`` and Enterprise.name);
    None for a method, a reverse or many-to-many relation, or rows that are not model instances."""
    model = getattr(table.data, "model", None)
    if model is None:
        return None
    key = (model, str(bound_column.accessor))
    try:
        return _FIELDS[key]
    except KeyError:
        pass
    found = _field_path(*key)
    if len(_FIELDS) < MAX_FIELDS:  # models and their fields are made once: the same answer each time
        _FIELDS[key] = found
    return found


_FIELDS: dict = {}
MAX_FIELDS = 4096


def _field_path(model, accessor: str):
    *hops, name = accessor.split("__")
    try:
        for hop in hops:
            relation = model._meta.get_field(hop)
            if not (relation.concrete and (relation.many_to_one or relation.one_to_one)) or hop != relation.name:
                return None
            model = relation.related_model
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if not field.concrete or field.many_to_many or name not in ("pk", field.name, field.attname):
        return None
    return tuple(hops), field


def _annotation(table, name: str) -> bool:
    """Whether the rows carry ``name`` as a value their queryset annotated (the contracts'
    ``remaining_amount``): an attribute of the record, read as such."""
    queryset = getattr(table.data, "data", None)
    return (getattr(queryset, "_iterable_class", None) is ModelIterable and "__" not in name and "." not in name
            and name in queryset.query.annotations)


def _prefetched_list(table, name: str) -> bool:
    """Whether the rows carry ``name`` as a list a ``Prefetch(..., to_attr=name)`` filled (or
    their queryset's iterable class, which names it in ``list_attrs``)."""
    queryset = getattr(table.data, "data", None)
    lookups = getattr(queryset, "_prefetch_related_lookups", ())
    return (any(isinstance(lookup, Prefetch) and lookup.to_attr == name for lookup in lookups)
            or name in getattr(getattr(queryset, "_iterable_class", None), "list_attrs", ()))


def _value_reader(table, bound_column):
    """``record -> (value, empty)``: what ``BoundRow._get_and_render_with`` reads for a column
    showing one field, possibly across foreign keys (or a prefetched list): the choice's label for
    a field with choices; ``empty`` when the column's default stands in for the value (an empty
    value, or an empty foreign key on the way)."""
    name, empty_values = str(bound_column.accessor), bound_column.column.empty_values
    found = _field_of(table, bound_column)
    if found is None and not (_prefetched_list(table, name) or _annotation(table, name)):
        return None
    hops, field = found or ((), None)
    if field is not None:
        name = name.rsplit("__", 1)[-1]

    def holder(record):
        for hop in hops:
            record = getattr(record, hop)
            if record is None:
                return None
        return record

    if field is None or not field.choices:
        def read(record):
            owner = holder(record) if hops else record
            if owner is None:
                return None, True
            value = getattr(owner, name)
            return value, value in empty_values

        return read
    # What Model.get_<name>_display() returns, with the labels translated once per field and
    # language instead of every label of the field on every call (it hashes each lazy label anew).
    labels = _choice_labels(field, get_language())
    attname = field.attname

    def read_choice(record):
        owner = holder(record) if hops else record
        if owner is None:
            return None, True
        stored = getattr(owner, attname)
        key = make_hashable(stored)
        value = labels[key] if key in labels else force_str(stored, strings_only=True)
        return value, value in empty_values

    return read_choice


def _choice_labels(field, language) -> dict:
    key = (field, language)
    labels = _LABELS.get(key)
    if labels is None:
        labels = {value: force_str(label, strings_only=True)
                  for value, label in dict(make_hashable(field.flatchoices)).items()}
        if len(_LABELS) < MAX_FIELDS:
            _LABELS[key] = labels
    return labels


_LABELS: dict = {}


def _rendered_by_table(table, bound_column) -> bool:
    return getattr(table, f"render_{bound_column.name}", None) is not None


def _plain_reader(table, bound_column):
    """For a column that shows one model field of the record as it is (a plain ``Column``, or a
    date column: no ``render_<name>``, no link), a function ``row -> cell value`` doing what
    ``BoundRow.get_cell`` does for it: the choice's label for a field with choices, the column's
    default for an empty value, a date in the column's format and the current time zone. None for
    a column it cannot read this way."""
    column = bound_column.column
    date_format = None
    if type(column) in (tables.DateColumn, tables.DateTimeColumn):
        found = _DATE_TEMPLATE.match(column.template_code or "")
        if found is None or column.extra_context:
            return None
        date_format = found.group(1)
    elif type(column) is not tables.Column:
        return None
    if bound_column.link or _rendered_by_table(table, bound_column):
        return None
    value_of = _value_reader(table, bound_column)
    if value_of is None:
        return None
    default, language, zone = bound_column.default, get_language(), get_current_timezone()

    def read(row):
        value, empty = value_of(row.record)
        if empty:
            return default
        if date_format is None:
            return value
        # What the template does: local time, the date filter, then the default when it is empty.
        return conditional_escape(formatted_date(value, date_format, language, zone) or default)

    return read


def _link_reader(table, bound_column):
    """A ``LinkColumn(viewname, args=[A("…")])`` showing a field: the link is reversed once per
    route (``paths_with_id``) instead of per row; the ``<a>`` is what ``LinkTransform`` makes."""
    column, link = bound_column.column, bound_column.link
    if (type(column) is not tables.LinkColumn or column.text is not None or link is None
            or _rendered_by_table(table, bound_column)):
        return None
    arguments = link.reverse_args
    if (set(arguments) - {"viewname", "args", "kwargs", "urlconf", "current_app"}
            or any(arguments.get(key) for key in ("kwargs", "urlconf", "current_app"))
            or not isinstance(arguments.get("viewname"), str) or len(arguments.get("args") or ()) != 1
            or not isinstance(arguments["args"][0], tables.A) or _has_callable(link.attrs or {})):
        return None
    value_of = _value_reader(table, bound_column)
    if value_of is None:
        return None
    viewname, argument, default = arguments["viewname"], arguments["args"][0], bound_column.default
    if "href" in (link.attrs or {}):
        return None
    # LinkTransform's attributes with the href added last: the same for every row up to the href.
    fixed = AttributeDict(link.attrs or {}).as_html()
    opening = f"<a {fixed} href=" if fixed else "<a href="
    path_of, argument_of = paths_with_id(viewname), _argument_reader(table, argument)

    def read(row):
        value, empty = value_of(row.record)
        if empty:
            return default
        href = html.escape(path_of(argument_of(row.record)))
        return mark_safe(f'{opening}"{href}">{escaped(value)}</a>')  # noqa: S308 — both escaped

    return read


def _argument_reader(table, argument):
    """``record -> argument.resolve(record)``: a field of the row itself (``pk``, ``enterprise_id``)
    is read as an attribute; anything else (a path, a method) as the library resolves it."""
    model = getattr(table.data, "model", None)
    found = None if model is None or "." in str(argument) else _field_path(model, str(argument))
    if found is None or found[0]:
        return argument.resolve
    name = str(argument)
    return lambda record: getattr(record, name)


def _boolean_reader(table, bound_column):
    """A ``BooleanColumn`` on a boolean field without choices: two possible cells, made once."""
    column = bound_column.column
    if (type(column) is not tables.BooleanColumn or bound_column.link or _rendered_by_table(table, bound_column)
            or _has_callable(column.attrs.get("span", {}))):
        return None
    found = _field_of(table, bound_column)
    if found is None or found[1].choices:
        return None
    value_of = _value_reader(table, bound_column)
    span = column.attrs.get("span", {})
    cells = {flag: format_html("<span {}>{}</span>", AttributeDict({"class": str(flag).lower(), **span}).as_html(),
                               escape(column.yesno[int(not flag)]))
             for flag in (True, False)}
    default = bound_column.default

    def read(row):
        value, empty = value_of(row.record)
        return default if empty else cells[bool(value)]

    return read


def _checkbox_reader(table, bound_column):
    """A ``CheckBoxColumn`` that checks nothing (the inbox's row selection): the ``<input>`` its
    render method writes, with the fixed attributes written once per table and only the value and
    the callable attributes (an ``aria-label`` naming the row) per row."""
    column = bound_column.column
    if (type(column) is not tables.CheckBoxColumn or column.checked is not None or bound_column.link
            or _rendered_by_table(table, bound_column)):
        return None
    extra = column.attrs.get("td__input") or column.attrs.get("input") or {}
    if any(isinstance(value, dict) for value in extra.values()):
        return None
    value_of = _value_reader(table, bound_column)
    if value_of is None:
        return None
    # CheckBoxColumn.render's attributes in its order: type, name, value, then the column's own.
    attributes = dict({"type": "checkbox", "name": bound_column.name, "value": _ROW_VALUE}, **extra)
    parts = []
    for key, value in attributes.items():
        if key in AttributeDict.blacklist or value is None:
            continue
        if value is _ROW_VALUE or callable(value):
            parts.append((conditional_escape(key), value))
        else:
            parts.append(format_html('{}="{}"', key, value))
    default = bound_column.default

    def read(row):
        value, empty = value_of(row.record)
        if empty:
            return default
        written = []
        for part in parts:
            if isinstance(part, str):
                written.append(part)
                continue
            key, found = part
            if found is not _ROW_VALUE:
                found = call_with_appropriate(found, {"record": row.record, "value": value})
                if found is None:
                    continue
            else:
                found = value
            written.append(f'{key}="{escaped(found)}"')
        return mark_safe(f"<input {' '.join(written)} />")  # noqa: S308 — every key and value escaped

    return read


_ROW_VALUE = object()  # where a checkbox's ``value`` attribute takes the row's value


def _render_reader(table, bound_column):
    """Any other column showing one field and no link: its render method (the table's
    ``render_<name>`` or the column's own) called as ``BoundRow._call_render`` calls it, with the
    arguments it asks for looked up once instead of per cell."""
    if bound_column.link or isinstance(bound_column.column, tables.ManyToManyColumn):
        return None
    value_of = _value_reader(table, bound_column)
    if value_of is None:
        return None
    render, default = bound_column.render, bound_column.default
    wanted, catch_all = signature(render)
    offered = {"value", "record", "column", "bound_column", "bound_row", "table"}
    if not catch_all and not set(wanted) <= offered:
        return None  # the library would render nothing (None); leave that to it
    fixed = {"column": bound_column.column, "bound_column": bound_column, "table": table}

    def read(row):
        value, empty = value_of(row.record)
        if empty:
            return default
        arguments = {**fixed, "value": value, "record": row.record, "bound_row": row}
        return render(**arguments) if catch_all else render(**{name: arguments[name] for name in wanted})

    return read


READERS = (_plain_reader, _link_reader, _boolean_reader, _checkbox_reader, _render_reader)


def _reader(table, bound_column):
    for make in READERS:
        reader = make(table, bound_column)
        if reader is not None:
            return reader
    return None


@register.simple_tag(takes_context=True)
def portal_tbody(context, table):
    columns = list(table.columns)
    per_row = {column.name for column in columns
               if _has_callable(table.attrs) or _has_callable(column.column.attrs)}
    static = {column.name: _td_attrs(column) for column in columns if column.name not in per_row}
    readers = {column.name: _reader(table, column) for column in columns}
    # Without callables in the table's row_attrs a row's attributes differ only by even/odd.
    row_attrs = None if _has_callable(table.row_attrs) else {}
    rows, numbers = [], {}
    for row in table.paginated_rows:
        cells = []
        for column in columns:
            reader = readers[column.name]
            value = reader(row) if reader else row.get_cell(column.name)
            if column.name in per_row:  # what BoundRow.items() does for callable attributes
                column.current_value, column.current_record = value, row.record
                attrs = column.attrs["td"].as_html()
            else:
                attrs = static[column.name]
            # Plain concatenation, not format_html: both parts are already escaped (the
            # attributes by AttributeDict.as_html, the value by render_value_in_context), and
            # format_html's lazy-string checks cost more than the cell itself.
            cells.append(f"<td {attrs}>{_cell(context, column, value, numbers)}</td>")
        if row_attrs is None:
            attrs = row.attrs.as_html()
        else:
            parity = row.get_even_odd_css_class()
            attrs = row_attrs.get(parity) or row_attrs.setdefault(parity, row.attrs.as_html())
        rows.append(f"<tr {attrs}>{''.join(cells)}</tr>")
    if not rows and table.empty_text:
        return format_html('<tr><td colspan="{}">{}</td></tr>', len(columns), table.empty_text)
    return mark_safe("".join(rows))  # noqa: S308 — every part above is escaped, see above




@register.simple_tag(takes_context=True)
def portal_thead_cells(context, table):
    """The header cells as django-tables2's ``table.thead`` block writes them (its attributes,
    the header, a sort link where the column sorts), without a template pass and a
    ``querystring_replace`` per column: the query string is read once."""
    params, field = dict(context["request"].GET), table.prefixed_order_by_field
    # The table is sorted by its ordering's first key (the column chosen, or the first of a
    # default ordering over several): that column alone says so (aria-sort on one header at most).
    primary = table.order_by[0].bare if table.order_by else None
    # A paged list's sort links land at its results (ui/table.html), not at the top of the page.
    anchor = f"#{RESULTS_ANCHOR}" if getattr(table, "paginator", None) is not None else ""
    cells = []
    for column in table.columns:
        header = render_value_in_context(column.header, context)
        sort = ""
        if column.orderable:
            alias = column.order_by_alias
            if column.is_ordered and column.name == primary:
                # The sorted column says so to assistive technology (aria-sort) and shows its
                # direction; the arrow is decoration beside the attribute (aria-hidden).
                descending = alias.is_descending
                sort = f' aria-sort="{"descending" if descending else "ascending"}"'
                header += SORT_ARROWS[descending]
            # What querystring_replace writes: the page's parameters with this column's sort.
            href = escape("?" + urlencode({**params, field: alias.next}, doseq=True) + anchor)
            header = f'<a href="{href}">{header}</a>'
        cells.append(f"<th {column.attrs['th'].as_html()}{sort}>{header}</th>")
    return mark_safe("".join(cells))  # noqa: S308 — attributes by as_html, header and href escaped


# The id of a paged list's count above its table (ui/table.html): where its sort and page links land.
RESULTS_ANCHOR = "results-count"

# The direction of the sorted column, after its header (False: ascending, True: descending).
SORT_ARROWS = {False: ' <span class="portal-sort" aria-hidden="true">▲</span>',
               True: ' <span class="portal-sort" aria-hidden="true">▼</span>'}
