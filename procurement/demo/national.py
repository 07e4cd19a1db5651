"""Demo data: national."""


def seed(*, size, ref, stdout):
    return {}
