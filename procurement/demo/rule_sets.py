"""Demo data: rule_sets."""


def seed(*, size, ref, stdout):
    return {}


def seed_reference(*, ref):
    """The published SROI tables (Oost-Nederland V05, Utrecht): reference data."""
    return {}
