"""The portal's API under ``/api/v1/`` (``impactportal.api.urls``)."""

PREFIX = "/api/"


def is_api(request) -> bool:
    """Is ``request`` for the API? Its answers and errors are JSON (never a page or a redirect to
    one), and its language follows the client's Accept-Language."""
    return request.path.startswith(PREFIX)
