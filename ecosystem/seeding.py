import datetime as dt

from impactportal.seed.core import upsert

from .models import RegionalAgreement


def seed(*, size, ref, stdout):
    upsert(
        RegionalAgreement, {"region": ref["region"], "title": "Regionale afspraken social return"},
        theme="Social return",
        description="Eén set regels voor social return in de zeven gemeenten van de arbeidsmarktregio: "
                    "in principe 5% van de opdrachtwaarde, met dezelfde omrekenregels.",
        start_date=dt.date(2019, 1, 1),
    )
    upsert(
        RegionalAgreement, {"region": ref["region"], "title": "Kennemer Inkoop Platform"},
        theme="Inkoopplatform",
        description="Gedeeld platform dat impactondernemingen zichtbaar maakt voor inkopers in de regio.",
        start_date=dt.date(2020, 1, 1),
    )
    return {}
