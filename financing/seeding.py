"""Demo data of financing with impact, part by part (reference tables: ``seed_reference``)."""


def seed_reference(*, ref):
    result = {}
    # --- instruments, financing mix, impact funds --- (the instrument catalogue)
    return result


def seed(*, size, ref, stdout):
    result = {}
    # --- MKBA analyses ---
    # --- outcome contracts, claims, payments, social impact bonds, open data ---
    from .demo import outcomes as _outcomes

    result.update(_outcomes.seed(size=size, ref=ref, stdout=stdout) or {})
    # --- instruments, financing mix, impact funds ---
    return result
