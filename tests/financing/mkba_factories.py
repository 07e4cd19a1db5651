"""Builders of MKBA analyses for the tests (plain model creates; the figures are calculated)."""

from decimal import Decimal as D

from financing.models import Assumption, ChangeStep, MkbaAnalysis, MkbaIndicator


def analysis(organisation, *, enterprise=None, title="Leerwerkbedrijf", costs=D("5000"), is_shared=False,
             kind="quick_scan", indicators=None, by=None, **kw):
    obj = MkbaAnalysis.objects.create(organisation=organisation, enterprise=enterprise, title=title, costs=costs,
                                      is_shared=is_shared, kind=kind, created_by=by, discount_rate=D(0), **kw)
    for order, values in enumerate(indicators or [{"name": "Uit de bijstand", "count": D(1),
                                                   "value_per_case": D(9000), "beneficiary": "social_assistance"}]):
        MkbaIndicator.objects.create(analysis=obj, order=order, **values)
    ChangeStep.objects.create(analysis=obj, activity="Leerwerkplek", change="Werkritme", indicator="Uit de bijstand")
    Assumption.objects.create(analysis=obj, order=0, text="Openbare aanname", source="Kengetal", status="estimated",
                              visibility="public")
    Assumption.objects.create(analysis=obj, order=1, text="Vertrouwelijke aanname", source="Begroting",
                              status="measured", visibility="private")
    return obj
