"""Outside-client review: ``period`` "2026-13" on ``POST /api/v1/monitoring/reports/`` gave two
messages for one field ("no more than 4 characters" and "Enter a year"): one clear message."""

import pytest

pytestmark = pytest.mark.django_db

REPORTS = "/api/v1/monitoring/reports/"


@pytest.mark.parametrize("period", ["2026-13", "20255", "25", "abcd", "２０２５", "2025-01-01T00:00"])
def test_a_wrong_period_gets_one_message(api, broker_haarlem, period):
    response = api(broker_haarlem).post(REPORTS, {"kind": "annual", "organisation": "haarlem", "period": period},
                                        format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert response.json() == {"period": ["Geef een jaar op, bijvoorbeeld 2025."]}


def test_the_message_in_english(api, broker_haarlem):
    response = api(broker_haarlem).post(REPORTS, {"kind": "annual", "organisation": "haarlem", "period": "2026-13"},
                                        format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"period": ["Enter a year, for example 2025."]}
