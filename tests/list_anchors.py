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


HEADING = re.compile(r"<h([1-6])\b([^>]*)>")


def assert_count_heads_its_list(page: str, anchor: str) -> None:
    """The count heading (an h2) holds the list: the headings of the cards (or of the list's groups)
    come under it, one level down, so heading navigation does not put the count beside each card;
    and the page's heading levels never skip one (axe: heading-order)."""
    main = page[page.index("<main"):] if "<main" in page else page
    headings = [(int(level), attrs) for level, attrs in HEADING.findall(main)]
    levels = [level for level, _attrs in headings]
    assert all(after <= before + 1 for before, after in zip(levels, levels[1:], strict=False)), levels
    at = next(i for i, (_level, attrs) in enumerate(headings) if f'id="{anchor}"' in attrs)
    assert headings[at][0] == 2 and len(headings) > at + 1 and headings[at + 1][0] == 3, levels
