from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

from impactportal.ordering import StablePaginator, stable

MAX_PAGE_SIZE = 200


def page_size(request, param: str, default: int) -> int:
    """``?page_size=``: a whole number from 1 to MAX_PAGE_SIZE, or refused with that rule. DRF
    took a bad value as the default and a large one as the maximum without a word, so a client
    asking for 500 rows read 200 and could think it had them all."""
    given = request.query_params.get(param)
    if given is None or given == "":
        return default
    try:
        size = int(given)
    except ValueError:
        size = 0
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ValidationError({param: [gettext("Geef een heel getal van 1 tot en met %(max)s.") % {"max": MAX_PAGE_SIZE}]})
    return size


class CursorPagination(pagination.CursorPagination):
    """A walk in primary-key order: unique and unchanging, so the position is exact (a cursor on
    a name that many rows share is not: DRF then counts an offset within the ties, and repeats
    rows) and every next page is an index range scan. Rows added during the walk come last."""

    ordering = ("pk",)
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    # DRF's English "Invalid cursor" has no full stop, its Dutch "Ongeldige cursor." has: a message
    # of the portal's own, so both languages end their sentence as every other API message does.
    invalid_cursor_message = _("Ongeldige cursor.")

    def get_ordering(self, request, queryset, view):
        return self.ordering  # ?ordering= sorts pages for people, not a walk

    def get_page_size(self, request):
        return page_size(request, self.page_size_query_param, self.page_size)


class PageNumberPagination(pagination.PageNumberPagination):
    """Page numbers for people (``?page=3``); a client that walks every row asks for a cursor
    (``?cursor=`` on the first request, then the ``next`` links), which neither skips nor repeats a
    row when rows are added meanwhile and does not read all the earlier rows again (OFFSET) on
    every deep page. Pages order by the list's sort key plus the primary key, a walk by the key."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    django_paginator_class = StablePaginator  # deep pages select their rows by key
    cursor = None

    def paginate_queryset(self, queryset, request, view=None):
        queryset = stable(queryset)
        if CursorPagination.cursor_query_param in request.query_params:
            self.cursor = CursorPagination()
            return self.cursor.paginate_queryset(queryset, request, view)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        if self.cursor is not None:
            return self.cursor.get_paginated_response(data)
        return super().get_paginated_response(data)

    def get_page_size(self, request):
        return page_size(request, self.page_size_query_param, self.page_size)

    # The schema: what a page and a walk answer, and the three parameters, for an outside client.
    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["description"] = ("A page number, from 1 (the default). A page beyond the last answers 404. "
                                            "Pages follow the list's sort order (`ordering`).")
            elif parameter["name"] == self.page_size_query_param:
                parameter["description"] = f"Rows per page or per step of a walk: 1 to {MAX_PAGE_SIZE} (default {self.page_size})."
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}
        parameters.append({
            "name": CursorPagination.cursor_query_param, "required": False, "in": "query",
            "description": ("Walk every row in id order instead of numbered pages: send `cursor=` (empty) first, then "
                            "follow `next` until it is null. A walk neither skips nor repeats a row when rows are "
                            "added meanwhile (they come last), and each step reads only its own rows. A walk "
                            "ignores `ordering` and `page`, and its answer has no `count`. A cursor the portal "
                            "did not give answers 404."),
            "schema": {"type": "string"},
        })
        return parameters

    def get_paginated_response_schema(self, schema):
        answer = super().get_paginated_response_schema(schema)
        answer["required"] = ["results"]
        answer["properties"]["count"]["description"] = "Rows in the whole list (numbered pages only; not in a walk)."
        answer["properties"]["next"]["description"] = "The next page or step of the walk; null on the last."
        answer["properties"]["previous"]["description"] = "The page or step before; null on the first."
        return answer

