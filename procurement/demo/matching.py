"""Demo data: matching."""


def seed(*, size, ref, stdout):
    return {}
