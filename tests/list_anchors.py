"""A paged list's page links land at its count heading, as a table's do at ``#results-count``
(ui/table.html): the heading has the id the links end in, once on the page, and ``tabindex="-1"``
so that portal.js can give it the focus. Shared by the tests of the lists of cards."""

import re

PAGE_LINK = re.compile(r'<a [^>]*rel="(prev|next)" href="([^"]*)"')


def heading_with_id(page: str, anchor: str) -> str:
    """The one element with id ``anchor``: a focusable heading holding the list's count."""
    assert page.count(f'id="{anchor}"') == 1, f"#{anchor} is not once on the page"
    found = re.search(rf'<h2 [^>]*id="{anchor}"[^>]*>', page)
    assert found, f"#{anchor} is no heading"
    assert 'tabindex="-1"' in found.group(0)
    return found.group(0)


def assert_page_links_land_at(first: str, second: str, anchor: str) -> None:
    """``first`` and ``second``: the list's pages 1 and 2, rendered."""
    for page in (first, second):
        heading_with_id(page, anchor)
    following = dict(PAGE_LINK.findall(first))
    assert "prev" not in following and following["next"].endswith(f"page=2#{anchor}"), following
    previous = dict(PAGE_LINK.findall(second))
    assert previous["prev"].endswith(f"page=1#{anchor}"), previous
    assert all(href.endswith(f"#{anchor}") for _rel, href in PAGE_LINK.findall(first + second))
