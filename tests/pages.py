"""What tests read of a rendered page, shared by the test modules."""

import html

# The 403 page of a signed-in user whose roles a page is not for (``access.RoleRequired``).
NOT_FOR_YOUR_ROLE = "Deze pagina is niet voor uw rol bedoeld."


def text(response) -> str:
    """The page's HTML with its character references resolved ("één", not "&#233;&#233;n")."""
    return html.unescape(response.content.decode())
