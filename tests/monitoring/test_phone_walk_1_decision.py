"""Phone walk 1: the steering group's decision select opened on "Vastgesteld", so a decision sent
without choosing was recorded as an approval. It opens on an empty choice, which is refused."""

import pytest

from monitoring.models import Review

pytestmark = pytest.mark.django_db


@pytest.fixture
def under_review(snapshots, chair, programme, run_report):
    report, _created = run_report(user=chair, kind="programme", period="2025", programme=programme)
    return report


def test_a_decision_needs_a_chosen_outcome(under_review, chair, login):
    client = login(chair)
    url = under_review.get_absolute_url()
    page = client.get(url).content.decode()
    select = page[page.index('name="outcome"') : page.index("</select>", page.index('name="outcome"'))]
    first = select[select.index("<option") : select.index("</option>")]
    assert 'value=""' in first and "kies een besluit" in first
    response = client.post(url, {"op": "decide", "note": ""})
    assert response.status_code == 400
    assert response.context["decision_form"].errors["outcome"] == ["Kies een besluit."]
    assert "Kies een besluit." in response.content.decode()
    response = client.post(url, {"op": "decide", "outcome": "", "note": ""})
    assert response.status_code == 400
    under_review.refresh_from_db()
    assert not Review.objects.filter(kind="decision").exists() and not under_review.is_approved
    assert client.post(url, {"op": "decide", "outcome": "approved", "note": ""}).status_code == 302
    assert Review.objects.get(kind="decision").outcome == "approved"
