"""The daily certificate check writes each notification in Dutch and English, each with its own
scheme name and date format, whatever language the job runs in."""

import pytest
from django.utils import translation

from enterprises import tasks
from enterprises.constants import Scheme
from impactportal.models import Notification

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("job_language", ["nl", "en"])
def test_expiring_certificate_is_written_in_both_languages(enterprise_haarlem, ondernemer_1, broker_haarlem,
                                                           make_cert, today, job_language):
    make_cert(enterprise_haarlem, Scheme.PSO_1, days=30)  # 15 July 2026
    with translation.override(job_language):
        tasks.certification_checks(today=today.isoformat())
    note = Notification.objects.get(recipient=ondernemer_1)
    assert note.subject == "Certificaat verloopt binnenkort: PSO trede 1 van Fietsenmakerij Haarlem"
    assert note.body == "Het certificaat PSO trede 1 van Fietsenmakerij Haarlem verloopt op 15-07-2026."
    assert note.subject_en == "Certificate expiring soon: PSO level 1 of Fietsenmakerij Haarlem"
    assert note.body_en == "The PSO level 1 certificate of Fietsenmakerij Haarlem expires on 15/07/2026."
