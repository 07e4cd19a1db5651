"""Financing objects of the permission-matrix world (imported at the end of conftest). Each part
of the financing app adds its builder in its own section below."""

from .conftest import builder  # noqa: F401


# --- MKBA analyses ---
@builder("financing_mkba")
def _mkba(world):
    from tests.financing.mkba_factories import analysis

    world["analysis_haarlem"] = analysis(world["haarlem"], enterprise=world["enterprise_haarlem"], is_shared=True,
                                         title="Leerwerkbedrijf Haarlem", by=world.actors["broker_haarlem"])
    world["analysis_amersfoort"] = analysis(world["amersfoort"], enterprise=world["enterprise_amersfoort"],
                                            is_shared=True, title="Schoonmaak Amersfoort",
                                            by=world.actors["broker_amersfoort"])


# --- outcome contracts, claims, payments, social impact bonds, open data ---
# --- instruments, financing mix, impact funds ---
