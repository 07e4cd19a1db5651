from django.utils.translation import gettext_lazy as _
from rest_framework import pagination

from impactportal.ordering import StablePaginator, stable


class CursorPagination(pagination.CursorPagination):
    """A walk in primary-key order: unique and unchanging, so the position is exact (a cursor on
    a name that many rows share is not: DRF then counts an offset within the ties, and repeats
    rows) and every next page is an index range scan. Rows added during the walk come last."""

    ordering = ("pk",)
    page_size_query_param = "page_size"
    max_page_size = 200
    # DRF's English "Invalid cursor" has no full stop, its Dutch "Ongeldige cursor." has: a message
    # of the portal's own, so both languages end their sentence as every other API message does.
    invalid_cursor_message = _("Ongeldige cursor.")

    def get_ordering(self, request, queryset, view):
        return self.ordering  # ?ordering= sorts pages for people, not a walk


class PageNumberPagination(pagination.PageNumberPagination):
    """Page numbers for people (``?page=3``); a client that walks every row asks for a cursor
    (``?cursor=`` on the first request, then the ``next`` links), which neither skips nor repeats a
    row when rows are added meanwhile and does not read all the earlier rows again (OFFSET) on
    every deep page. Pages order by the list's sort key plus the primary key, a walk by the key."""

    page_size_query_param = "page_size"
    max_page_size = 200
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

