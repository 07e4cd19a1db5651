"""Demo data of social return and procurement (reference tables are in ``seed_reference``)."""


def seed(*, size, ref, stdout):
    return {}
