"""Demo data of financing with impact, part by part (reference tables: ``seed_reference``)."""


def seed_reference(*, ref):
    result = {}
    # --- instruments, financing mix, impact funds --- (the instrument catalogue)
    from .demo import instruments as _instruments

    result.update(_instruments.seed_reference(ref=ref))
    return result


def seed(*, size, ref, stdout):
    result = {}
    # --- MKBA analyses ---
    from .demo import mkba as mkba_demo

    result.update(mkba_demo.seed(size=size, ref=ref, stdout=stdout))
    # --- outcome contracts, claims, payments, social impact bonds, open data ---
    from .demo import outcomes as _outcomes

    result.update(_outcomes.seed(size=size, ref=ref, stdout=stdout) or {})
    # --- instruments, financing mix, impact funds ---
    from .demo import instruments as _instruments

    result.update(_instruments.seed(size=size, ref=ref, stdout=stdout) or {})
    return result
