"""Demo data of social return and procurement, part by part (reference tables: ``seed_reference``)."""

from .demo import challenges, contracts, figures, matching, national, requests, rule_sets


def seed_reference(*, ref):
    return rule_sets.seed_reference(ref=ref)


def seed(*, size, ref, stdout):
    result = {}
    for part in (rule_sets, contracts, matching, requests, challenges, figures):
        result.update(part.seed(size=size, ref=ref, stdout=stdout) or {})
    if size == "national":
        result.update(national.seed(size=size, ref=ref, stdout=stdout) or {})
    return result
