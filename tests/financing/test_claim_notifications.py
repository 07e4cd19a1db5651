"""Outcome claims tell the people who act next: a submitted claim the commissioner's brokers who
may verify it (not the submitter, nobody of another organisation), a verified and a paid (or, the
cap used up, unpaid) claim the provider's people, each mail in the recipient's own language and
sent once the transaction commits. The claim form, the contract page and the API's answer to a
new claim warn when a metric's cap is reached or nearly so: the claim is recorded, not paid
beyond the cap."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from financing import services_outcomes as services
from financing.models import ClaimStatus, OutcomeClaim
from impactportal.accounts.models import User
from impactportal.models import Notification
from impactportal.money import euro
from tests import factories as f

from . import outcome_factories as of

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def metric(haarlem, enterprise_haarlem):
    return of.metric(of.contract(haarlem, enterprise_haarlem, maximum="30000.00"), price="5000.00", target=10,
                     cap="20000.00")


@pytest.fixture
def second_broker(haarlem):
    return f.broker(haarlem, "makelaar-haarlem-2")


@pytest.fixture
def colleague_entrepreneur(enterprise_haarlem):
    return f.entrepreneur(enterprise_haarlem, "ondernemer-1b")


def submit(metric, by, count=4, month=1):
    start = D(2025, month, 1)
    return services.claim_submit(contract=metric.contract, metric=metric, period_start=start,
                                 period_end=start + dt.timedelta(days=27), claimed_count=count, by=by)


def told(claim, event):
    """Who was told of ``event`` of ``claim``: the usernames of its notifications' recipients."""
    return sorted(Notification.objects.filter(dedupe_key=f"outcome-claim:{claim.pk}:{event}")
                  .values_list("recipient__username", flat=True))


def prefers(user, language):
    User.objects.filter(pk=user.pk).update(language=language)


@pytest.fixture
def everyone(broker_haarlem, second_broker, broker_amersfoort, inkoper_haarlem, ondernemer_1, colleague_entrepreneur,
             ondernemer_2):
    """Brokers of the commissioner and of another municipality, a colleague of the commissioner,
    the provider's entrepreneurs and another enterprise's."""


# --- who is told --------------------------------------------------------------------------------


def test_a_submitted_claim_goes_to_the_brokers_who_may_verify_it(metric, everyone, ondernemer_1):
    claim = submit(metric, ondernemer_1)
    assert told(claim, "submitted") == ["makelaar-haarlem", "makelaar-haarlem-2"]
    notification = Notification.objects.filter(dedupe_key__endswith=":submitted").first()
    assert notification.url == claim.get_absolute_url()
    assert notification.subject == f"Nieuwe claim te beoordelen: {metric.name}, {metric.contract.title}"
    assert "Fietsenmakerij Haarlem claimt 4 uitkomsten" in notification.body


def test_a_broker_submitting_on_the_providers_behalf_is_not_told(metric, everyone, broker_haarlem):
    claim = submit(metric, broker_haarlem)
    assert told(claim, "submitted") == ["makelaar-haarlem-2"]  # four eyes: another broker verifies


def test_a_verified_claim_goes_to_the_providers_people(metric, everyone, ondernemer_1, broker_haarlem):
    claim = submit(metric, ondernemer_1)
    services.claim_verify(claim=claim, by=broker_haarlem, accepted_count=3, reason="Eén deelnemer te kort")
    assert told(claim, "verified") == ["ondernemer-1", "ondernemer-1b"]
    assert told(claim, "submitted") == ["makelaar-haarlem", "makelaar-haarlem-2"]  # not told again
    notification = Notification.objects.filter(recipient=ondernemer_1, dedupe_key__endswith=":verified").get()
    assert notification.subject == "Uw claim is beoordeeld: deels geaccepteerd"
    assert "Geaccepteerd: 3 van de 4 geclaimde uitkomsten." in notification.body
    assert "Reden: Eén deelnemer te kort" in notification.body
    assert notification.url == claim.get_absolute_url()


def test_a_rejected_claim_says_so_with_the_reason(metric, everyone, ondernemer_1, broker_haarlem):
    claim = submit(metric, ondernemer_1)
    services.claim_verify(claim=claim, by=broker_haarlem, accepted_count=0, reason="Geen loonstroken")
    notification = Notification.objects.get(recipient=ondernemer_1, dedupe_key__endswith=":verified")
    assert notification.subject == "Uw claim is beoordeeld: afgewezen"
    assert "Reden: Geen loonstroken" in notification.body and "betaalt" not in notification.body


def test_a_paid_claim_says_the_amount(metric, everyone, ondernemer_1, broker_haarlem, second_broker):
    claim = submit(metric, ondernemer_1)
    services.claim_verify(claim=claim, by=broker_haarlem, accepted_count=4)
    services.claim_pay(claim=claim, by=second_broker)
    services.claim_pay(claim=claim, by=second_broker)  # a second click pays nothing and tells nobody
    assert told(claim, "paid") == ["ondernemer-1", "ondernemer-1b"]
    with translation.override("nl"):
        amount = euro(Decimal("20000.00"))
    notification = Notification.objects.get(recipient=ondernemer_1, dedupe_key__endswith=":paid")
    assert notification.subject == f"Uw claim is betaald: {amount}"
    assert f"is {amount} betaald voor 4 geaccepteerde uitkomsten" in notification.body


def test_a_claim_the_cap_leaves_unpaid_says_so(metric, everyone, ondernemer_1, broker_haarlem):
    first = submit(metric, ondernemer_1)
    services.claim_pay(claim=services.claim_verify(claim=first, by=broker_haarlem, accepted_count=4),
                       by=broker_haarlem)  # € 20.000: the cap is used up
    second = submit(metric, ondernemer_1, count=2, month=4)
    services.claim_pay(claim=services.claim_verify(claim=second, by=broker_haarlem, accepted_count=2),
                       by=broker_haarlem)
    second.refresh_from_db()
    assert second.status == ClaimStatus.NOT_PAID_CAPPED
    notification = Notification.objects.get(recipient=ondernemer_1, dedupe_key=f"outcome-claim:{second.pk}:paid")
    assert notification.subject == "Uw claim is niet betaald: het plafond van de uitkomstmaat is bereikt"
    assert "afgehandeld zonder betaling" in notification.body


def test_the_provider_of_another_contract_is_not_told(metric, everyone, ondernemer_2, broker_amersfoort,
                                                      enterprise_amersfoort, amersfoort, ondernemer_1,
                                                      broker_haarlem):
    other = of.metric(of.contract(amersfoort, enterprise_amersfoort), price="1000.00")
    theirs = submit(other, ondernemer_2)
    services.claim_verify(claim=theirs, by=broker_amersfoort, accepted_count=4)
    ours = submit(metric, ondernemer_1)
    services.claim_verify(claim=ours, by=broker_haarlem, accepted_count=4)
    assert told(theirs, "submitted") == ["makelaar-amersfoort"]
    assert told(theirs, "verified") == ["ondernemer-2"]
    assert told(ours, "submitted") == ["makelaar-haarlem", "makelaar-haarlem-2"]
    assert told(ours, "verified") == ["ondernemer-1", "ondernemer-1b"]


def test_the_form_submission_tells_the_brokers(metric, everyone, login, ondernemer_1):
    response = login(ondernemer_1).post(reverse("financing:claim-create", args=[metric.contract.pk]), {
        "metric": metric.pk, "period_start": "2025-01-01", "period_end": "2025-03-31", "claimed_count": "4"})
    assert response.status_code == 302
    assert told(OutcomeClaim.objects.get(), "submitted") == ["makelaar-haarlem", "makelaar-haarlem-2"]


# --- mails: language and timing -----------------------------------------------------------------


def test_each_mail_is_in_its_recipients_language_and_leaves_on_commit(
        metric, everyone, ondernemer_1, colleague_entrepreneur, broker_haarlem, mailoutbox,
        django_capture_on_commit_callbacks):
    prefers(ondernemer_1, "en")
    prefers(colleague_entrepreneur, "nl")
    claim = submit(metric, ondernemer_1)
    mailoutbox.clear()
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.claim_verify(claim=claim, by=broker_haarlem, accepted_count=3, reason="Eén te kort")
    assert mailoutbox == []  # not before the transaction commits
    for callback in callbacks:
        callback()
    mails = {mail.to[0]: mail for mail in mailoutbox}
    assert set(mails) == {ondernemer_1.email, colleague_entrepreneur.email}
    english, dutch = mails[ondernemer_1.email], mails[colleague_entrepreneur.email]
    assert "partly accepted" in english.subject and "deels geaccepteerd" not in english.body
    assert "deels geaccepteerd" in dutch.subject and "partly accepted" not in dutch.body
    assert english.body.endswith(claim.get_absolute_url()) and dutch.body.endswith(claim.get_absolute_url())


def test_a_payment_mail_writes_the_amount_as_the_recipient_reads_it(
        metric, everyone, ondernemer_1, colleague_entrepreneur, broker_haarlem, mailoutbox,
        django_capture_on_commit_callbacks):
    prefers(ondernemer_1, "en")
    claim = services.claim_verify(claim=submit(metric, ondernemer_1, count=1), by=broker_haarlem, accepted_count=1)
    mailoutbox.clear()
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        services.claim_pay(claim=claim, by=broker_haarlem)
    mails = {mail.to[0]: mail for mail in mailoutbox}
    assert "€5,000.00" in mails[ondernemer_1.email].subject
    assert "€\xa05.000,00" in mails[colleague_entrepreneur.email].subject


# --- the cap warning ----------------------------------------------------------------------------


def use_the_cap(metric, entrepreneur, broker):
    claim = submit(metric, entrepreneur)
    services.claim_pay(claim=services.claim_verify(claim=claim, by=broker, accepted_count=4), by=broker)


def text(response):
    return response.content.decode().replace("\xa0", " ")


def test_no_warning_while_the_cap_leaves_room(metric, login, ondernemer_1):
    client = login(ondernemer_1)
    assert services.cap_warnings(metric.contract) == {}
    assert 'id="cap-warnings"' not in text(client.get(reverse("financing:claim-create", args=[metric.contract.pk])))
    assert 'id="cap-warnings"' not in text(client.get(metric.contract.get_absolute_url()))


def test_the_form_and_the_contract_page_warn_when_the_cap_is_reached(metric, login, ondernemer_1, broker_haarlem):
    use_the_cap(metric, ondernemer_1, broker_haarlem)
    client = login(ondernemer_1)
    form = text(client.get(reverse("financing:claim-create", args=[metric.contract.pk])))
    assert 'id="cap-warnings"' in form
    assert (f"{metric.name}: het plafond van de uitkomstmaat is bereikt. U kunt uitkomsten nog claimen om ze vast "
            "te leggen, maar ze worden niet meer betaald.") in form
    page = text(client.get(metric.contract.get_absolute_url()))
    assert 'id="cap-warnings"' in page and f'id="cap-warning-{metric.pk}"' in page
    # The claim is still recorded, and said once more that it will not be paid.
    response = client.post(reverse("financing:claim-create", args=[metric.contract.pk]), {
        "metric": metric.pk, "period_start": "2025-04-01", "period_end": "2025-06-30", "claimed_count": "2"},
        follow=True)
    assert OutcomeClaim.objects.count() == 2
    assert "het plafond van de uitkomstmaat is bereikt" in text(response)


def test_a_nearly_reached_cap_shows_the_room_left(metric, ondernemer_1, broker_haarlem, login):
    claim = submit(metric, ondernemer_1, count=3)
    services.claim_pay(claim=services.claim_verify(claim=claim, by=broker_haarlem, accepted_count=3),
                       by=broker_haarlem)  # € 15.000 of € 20.000
    submit(metric, ondernemer_1, count=1, month=4)  # waits: asks € 5.000, all that is left
    [warning] = services.cap_warnings(metric.contract).values()
    assert not warning.reached and warning.room == Decimal("5000.00")
    page = text(login(ondernemer_1).get(metric.contract.get_absolute_url()))
    assert "onder het plafond van de uitkomstmaat is nog € 5.000,00 over" in page
    assert "Nog € 5.000,00 onder het plafond van de uitkomstmaat</span>" in page
    # The claims as they are fit exactly: the claim just submitted is not warned about.
    assert services.cap_warnings(metric.contract, next_outcomes=0) == {}


def test_the_contract_maximum_warns_too(haarlem, enterprise_haarlem, ondernemer_1, broker_haarlem):
    uncapped = of.metric(of.contract(haarlem, enterprise_haarlem, maximum="10000.00"), price="5000.00", target=10)
    use_the_cap(uncapped, ondernemer_1, broker_haarlem)  # 4 × € 5.000 held back to the maximum of € 10.000
    [warning] = services.cap_warnings(uncapped.contract).values()
    assert warning.reached and "het maximum van het contract is bereikt" in str(warning)


def test_claims_a_reached_cap_holds_back_do_not_count_against_the_contract_maximum(
        haarlem, enterprise_haarlem, ondernemer_1, broker_haarlem):
    """The capped metric's waiting claims are paid nothing, so they leave the maximum's room to the
    other metric, which is not warned about."""
    capped = of.metric(of.contract(haarlem, enterprise_haarlem, maximum="25000.00"), price="5000.00", target=10,
                       cap="20000.00")
    other = of.metric(capped.contract, name="Startkwalificatie", price="1000.00", target=10)
    use_the_cap(capped, ondernemer_1, broker_haarlem)  # € 20.000 paid; € 5.000 left under the maximum
    submit(capped, ondernemer_1, count=3, month=4)  # waits, asks € 15.000 the cap will not pay
    warnings = services.cap_warnings(capped.contract)
    assert list(warnings) == [capped.pk] and warnings[capped.pk].reached and other.pk not in warnings
    assert warnings[capped.pk].short == "Plafond van de uitkomstmaat bereikt"


def test_the_api_answers_a_new_claim_with_its_warnings(metric, api, ondernemer_1, broker_haarlem):
    url = f"/api/v1/financing/outcome-contracts/{metric.contract.pk}/claims/"
    fits = api(ondernemer_1).post(url, {"metric": metric.pk, "period_start": "2025-01-01", "period_end": "2025-01-31",
                                        "claimed_count": 2}, format="json")
    assert fits.status_code == 201 and fits.json()["warnings"] == []
    services.claim_pay(claim=services.claim_verify(claim=OutcomeClaim.objects.get(), by=broker_haarlem,
                                                   accepted_count=2), by=broker_haarlem)
    over = api(ondernemer_1).post(url, {"metric": metric.pk, "period_start": "2025-02-01", "period_end": "2025-02-28",
                                        "claimed_count": 3}, format="json")
    assert over.status_code == 201
    assert [warning.replace("\xa0", " ") for warning in over.json()["warnings"]] == [
        f"{metric.name}: onder het plafond van de uitkomstmaat is nog € 10.000,00 over, en claims die nog niet zijn "
        "betaald vragen al € 15.000,00. Wat boven het plafond van de uitkomstmaat uitkomt, wordt niet betaald."
    ]
