"""Review 7: an enterprise's and a certificate's page read their change log once, with what the
reader may not see left out of it (the generic detail view built a full one first, which the page
then replaced), and not at all for a reader who may not see it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from impactportal.audit import acting_as

pytestmark = pytest.mark.django_db


def test_another_municipalitys_broker_gets_the_history_once_without_the_admission_reasons(
        login, enterprise_haarlem, broker_haarlem, broker_amersfoort, history_calls):
    with acting_as(broker_haarlem):
        enterprise_haarlem.admission_reasons = "Geen verdienmodel; vooral subsidie."
        enterprise_haarlem.save()
    client = login(broker_amersfoort)
    url = reverse("enterprises:detail", args=[enterprise_haarlem.pk])
    page = client.get(url).content.decode()
    assert history_calls == [(enterprise_haarlem, ("admission_reasons",))]
    assert 'id="history-heading"' in page and "vooral subsidie" not in page
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    assert sum('"auditlog_logentry"' in query["sql"] for query in captured.captured_queries) == 1  # 2 before
    # The municipality's own broker reads the reasons, in the history too.
    history_calls.clear()
    own = login(broker_haarlem).get(url).content.decode()
    assert history_calls == [(enterprise_haarlem, ())]
    assert "vooral subsidie" in own[own.index('id="history-heading"'):]


def test_a_certificates_history_is_built_once_and_not_for_a_reader_who_may_not_see_it(
        login, showcase_enterprise, make_cert, broker_haarlem, broker_amersfoort, stuurgroep, history_calls):
    with acting_as(broker_haarlem):  # a verified certificate of a showcase enterprise: public
        cert = make_cert(showcase_enterprise, notes="Gebeld met de certificeerder")
    url = reverse("enterprises:certification-detail", args=[cert.pk])
    other = login(broker_amersfoort).get(url).content.decode()
    assert history_calls == [(cert, ("notes", "evidence"))]
    assert 'id="history-heading"' in other and "Gebeld met de certificeerder" not in other
    history_calls.clear()
    own = login(broker_haarlem).get(url).content.decode()
    assert history_calls == [(cert, ())]
    assert "Gebeld met de certificeerder" in own[own.index('id="history-heading"'):]
    history_calls.clear()
    steering = login(stuurgroep).get(url)
    assert steering.status_code == 200 and 'id="history-heading"' not in steering.content.decode()
    assert history_calls == []  # not built for nothing
