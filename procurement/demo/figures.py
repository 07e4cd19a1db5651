"""Demo data: figures."""


def seed(*, size, ref, stdout):
    return {}
