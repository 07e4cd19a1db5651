"""The contract's ``matches`` endpoint, mixed into the contracts viewset (``api/contracts.py``)."""


class MatchesActionMixin:
    """Adds ``GET /api/v1/procurement/contracts/{id}/matches/?limit=N`` (built by the matching part)."""
