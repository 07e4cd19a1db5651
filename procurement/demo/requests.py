"""Demo data: requests."""


def seed(*, size, ref, stdout):
    return {}
