"""mkba models (issue 11)."""

__all__: list[str] = []
