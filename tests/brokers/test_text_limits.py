"""Free text has a size: a question of a million characters is a form error / 400, not a row."""

import pytest
from django.urls import reverse

from brokers.models import Case, CaseMessage
from impactportal.text import LONG_TEXT_MAX

pytestmark = pytest.mark.django_db

CASES = "/api/v1/helpdesk/cases/"
MILLION = "x" * 1_000_000


def test_case_description_of_a_million_characters_is_refused_in_ui_and_api(login, api, ondernemer_1,
                                                                          enterprise_haarlem, broker_haarlem):
    data = {"category": "impact", "enterprise": enterprise_haarlem.pk, "subject": "Groot", "description": MILLION}
    response = login(ondernemer_1).post(reverse("helpdesk:case-new"), data)
    assert response.status_code == 400 and 'href="#id_description"' in response.content.decode()
    response = api(ondernemer_1).post(CASES, data, format="json")
    assert response.status_code == 400 and "description" in response.json()
    assert not Case.objects.exists()
    # The limit itself is accepted.
    response = api(ondernemer_1).post(CASES, data | {"description": "x" * LONG_TEXT_MAX}, format="json")
    assert response.status_code == 201


def test_case_reply_of_a_million_characters_is_refused_in_ui_and_api(login, api, case_haarlem, broker_haarlem,
                                                                    ondernemer_1):
    before = CaseMessage.objects.count()
    staff = login(broker_haarlem).post(reverse("helpdesk:case-reply", args=[case_haarlem.pk]), {"body": MILLION})
    assert staff.status_code == 400
    assert api(broker_haarlem).post(f"{CASES}{case_haarlem.pk}/messages/", {"body": MILLION},
                                    format="json").status_code == 400
    assert api(ondernemer_1).post(f"{CASES}{case_haarlem.pk}/messages/", {"body": MILLION},
                                  format="json").status_code in (400, 403)
    own = login(ondernemer_1).post(reverse("helpdesk:my-case-reply", args=[case_haarlem.pk]), {"body": MILLION})
    assert own.status_code == 400
    assert CaseMessage.objects.count() == before


def test_api_limits_match_the_model():
    assert Case._meta.get_field("description").max_length == LONG_TEXT_MAX
    assert CaseMessage._meta.get_field("body").max_length == LONG_TEXT_MAX
