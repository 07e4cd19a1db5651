"""Enterprises with their themes' names as a plain list (``EnterpriseQuerySet.with_theme_list``),
for the register's rows and their exports.

``Prefetch("themes", to_attr="theme_list")`` compiles a join of the themes with their link table
on every page and makes a theme row per link: 4 ms of a 35 ms register page. Here the links are
read with SQL compiled once per process and page length (``IdsQuery``), and the names come from
the cached theme list (in the page's language; any change to a theme makes it stale)."""

from collections import defaultdict

from django.db.models.query import ModelIterable
from django.utils.translation import get_language

from impactportal.prepared import IdsQuery
from impactportal.ui.cache import cached

_LINKS = IdsQuery(lambda ids: _through().objects.filter(enterprise_id__in=ids).values_list(
    "enterprise_id", "impacttheme_id"))


def _through():
    from .models import Enterprise

    return Enterprise.themes.through


def _themes(using: str, fresh: bool = False) -> dict:
    """{theme id: (position, name)} in the themes' own order (``ImpactTheme.Meta.ordering``)."""
    from .models import ImpactTheme

    def read():
        return {theme.pk: (position, str(theme))
                for position, theme in enumerate(ImpactTheme.objects.using(using).all())}

    # "choices": the namespace the theme drop-downs are cached under, stale at any theme change.
    return read() if fresh else cached("choices", f"{get_language()}:{using}:theme-names", read)


def set_theme_lists(enterprises: list, using: str = "default") -> list:
    """Give each enterprise ``theme_list``: its themes' names, in the themes' order."""
    if not enterprises:
        return enterprises
    links = defaultdict(list)
    for enterprise_id, theme_id in _LINKS.rows([enterprise.pk for enterprise in enterprises], using=using):
        links[enterprise_id].append(theme_id)
    themes = _themes(using)
    if any(theme_id not in themes for ids in links.values() for theme_id in ids):
        themes = _themes(using, fresh=True)  # a theme newer than this process's copy of the list
    for enterprise in enterprises:
        found = sorted(themes[theme_id] for theme_id in links[enterprise.pk])
        enterprise.theme_list = [name for _position, name in found]
    return enterprises


class ThemeListIterable(ModelIterable):
    """The rows of the queryset, each with ``theme_list``; one query for the links per chunk of
    rows (a page, or a chunk of an export's ``iterator()``)."""

    list_attrs = ("theme_list",)  # what the rows carry as plain lists (portal_tables reads them)

    def __iter__(self):
        using, batch = self.queryset.db, []
        for enterprise in super().__iter__():
            batch.append(enterprise)
            if len(batch) >= self.chunk_size:
                yield from set_theme_lists(batch, using)
                batch = []
        yield from set_theme_lists(batch, using)
