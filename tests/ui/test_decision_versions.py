"""Decision buttons carry the version of what they decide (``ScopedActionView.versioned_fields``,
``impactportal.ui.versions``): a broker whose page was loaded before a colleague corrected a
realisation line or a claim does not verify or pay the new values unseen. The decision is then
refused (409, nothing decided, the message and the way back to look again); a POST without a
version (a script, an old page) is decided as before."""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from enterprises.constants import AdmissionStatus, CertificationStatus, Scheme
from enterprises.models import Certification, Enterprise
from financing.models import ClaimStatus, OutcomeClaim, OutcomePayment
from impactportal.templatetags.portal_decisions import decision_fields
from impactportal.ui import versions
from procurement.constants import ChallengePhase, RealisationStatus, ResponseStatus, SubmissionStatus
from procurement.models import Award, Challenge, PurchaseResponse, Realisation, Submission
from tests.financing import outcome_factories as of
from tests.pages import text
from tests.procurement import builders_requests as rb
from tests.procurement import factories as pf

pytestmark = pytest.mark.django_db
D = Decimal
REFUSED = "Iemand anders heeft dit intussen gewijzigd."


class _Forms(HTMLParser):
    """The forms of a page: their action and the values of their inputs by name."""

    def __init__(self):
        super().__init__()
        self.forms, self._form = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"action": attrs.get("action"), "inputs": {}}
            self.forms.append(self._form)
        elif tag == "input" and self._form is not None and attrs.get("name"):
            self._form["inputs"].setdefault(attrs["name"], attrs.get("value"))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def versions_posted_to(response, action: str) -> list:
    """The ``_version`` each form of the page that posts to ``action`` carries (None: none)."""
    parser = _Forms()
    parser.feed(response.content.decode())
    found = [form["inputs"].get(versions.FIELD) for form in parser.forms if form["action"] == action]
    assert found, f"no form posts to {action}"
    return found


@dataclass
class Case:
    """One decision: the page with its button, where it posts, what it posts, a colleague's change
    to what the page shows (made with ``QuerySet.update``) and whether it was decided."""

    client: object
    page: str
    viewname: str
    obj: object
    data: dict
    change: Callable[[], None]
    decided: Callable[[], bool]

    @property
    def action(self):
        return reverse(self.viewname, args=[self.obj.pk])

    def version_on_page(self) -> str:
        page = self.client.get(self.page)
        assert page.status_code == 200
        (token, *others) = versions_posted_to(page, self.action)
        assert token and all(other == token for other in others)
        return token


def realisation_case(fx, page_of):
    broker = fx("broker_haarlem")
    contract = pf.contract(organisation=fx("haarlem"), by=broker, rule_set=pf.rule_set(region=fx("region")),
                           supplier=fx("enterprise_haarlem"))
    line = pf.realisation(contract, by=broker, candidate_ref="KAND-1")
    return Case(fx("login")(broker), page_of(line), "procurement:realisation-assess", line, {"decision": "verify"},
                change=lambda: Realisation.objects.filter(pk=line.pk).update(fte=D("0.50"), value=D("15000.00")),
                decided=lambda: Realisation.objects.get(pk=line.pk).status == RealisationStatus.VERIFIED)


def claim_case(fx, **values):
    contract = of.contract(fx("haarlem"), fx("enterprise_haarlem"), maximum="30000.00")
    claim = of.claim(of.metric(contract, price="5000.00", target=10), count=4, submitted_by=fx("ondernemer_1"),
                     **values)
    return claim, fx("login")(fx("broker_haarlem"))


def case_realisation_detail(fx):
    return realisation_case(fx, lambda line: reverse("procurement:realisation-detail", args=[line.pk]))


def case_realisation_on_contract(fx):
    return realisation_case(fx, lambda line: line.contract.get_absolute_url())


def case_claim_verify(fx):
    claim, client = claim_case(fx)
    return Case(client, claim.get_absolute_url(), "financing:claim-verify", claim,
                {"accepted_count": "4", "reason": "Vier aangetoond"},
                change=lambda: OutcomeClaim.objects.filter(pk=claim.pk).update(claimed_count=6),
                decided=lambda: OutcomeClaim.objects.get(pk=claim.pk).status != ClaimStatus.SUBMITTED)


def case_claim_pay(fx):
    claim, client = claim_case(fx, status=ClaimStatus.ACCEPTED, accepted=4)
    return Case(client, claim.get_absolute_url(), "financing:claim-pay", claim, {},
                change=lambda: OutcomeClaim.objects.filter(pk=claim.pk).update(accepted_count=3),
                decided=lambda: OutcomePayment.objects.filter(claim=claim).exists())


def case_admission(fx):
    enterprise = fx("enterprise_haarlem")
    Enterprise.objects.filter(pk=enterprise.pk).update(admission_status=AdmissionStatus.UNDER_REVIEW,
                                                       applied_at=timezone.now())
    return Case(fx("login")(fx("broker_haarlem")), reverse("enterprises:detail", args=[enterprise.pk]),
                "enterprises:admission", enterprise, {"decision": "admit"},
                change=lambda: Enterprise.objects.filter(pk=enterprise.pk).update(headcount=40, disadvantaged_count=1),
                decided=lambda: Enterprise.objects.get(pk=enterprise.pk).admission_status == AdmissionStatus.ADMITTED)


def case_certification(fx):
    cert = Certification.objects.create(enterprise=fx("enterprise_haarlem"), scheme=Scheme.PSO_1, number="PSO-1",
                                        valid_until=timezone.localdate() + dt.timedelta(days=300))
    return Case(fx("login")(fx("broker_haarlem")), reverse("enterprises:certification-detail", args=[cert.pk]),
                "enterprises:certification-action", cert, {"action": "verify"},
                change=lambda: Certification.objects.filter(pk=cert.pk).update(scheme=Scheme.PSO_2),
                decided=lambda: Certification.objects.get(pk=cert.pk).status == CertificationStatus.VERIFIED)


def response_case(fx, viewname, data, status):
    request = rb.purchase_request(fx("haarlem"))
    answer = rb.response(request, rb.admitted(fx("enterprise_haarlem")))
    return Case(fx("login")(fx("inkoper_haarlem")), request.get_absolute_url(), viewname, answer, data,
                change=lambda: PurchaseResponse.objects.filter(pk=answer.pk).update(quote_amount=D("24000.00")),
                decided=lambda: PurchaseResponse.objects.get(pk=answer.pk).status == status)


def case_response_shortlist(fx):
    return response_case(fx, "procurement:response-shortlist", {"shortlisted": "true"}, ResponseStatus.SHORTLISTED)


def case_response_award(fx):
    return response_case(fx, "procurement:response-award", {}, ResponseStatus.AWARDED)


def case_submission_select(fx):
    challenge = rb.challenge(fx("haarlem"), phase=ChallengePhase.SELECTION)
    entry = rb.submission(challenge, fx("enterprise_haarlem"))
    return Case(fx("login")(fx("broker_haarlem")), reverse("procurement:submission-detail", args=[entry.pk]),
                "procurement:submission-select", entry, {"selected": "true"},
                change=lambda: Submission.objects.filter(pk=entry.pk).update(summary="Een ander plan."),
                decided=lambda: Submission.objects.get(pk=entry.pk).status == SubmissionStatus.SELECTED)


def case_challenge_award(fx):
    challenge = rb.challenge(fx("haarlem"), phase=ChallengePhase.FINAL, jurors=[fx("inkoper_haarlem")])
    entry = rb.finalist(challenge, fx("enterprise_haarlem"))
    return Case(fx("login")(fx("broker_haarlem")), challenge.get_absolute_url(), "procurement:challenge-award",
                challenge, {"submission": entry.pk, "amount": "10000"},
                change=lambda: Challenge.objects.filter(pk=challenge.pk).update(prize_budget=D("12000.00")),
                decided=lambda: Award.objects.filter(challenge=challenge).exists())


CASES = [case_realisation_detail, case_realisation_on_contract, case_claim_verify, case_claim_pay, case_admission,
         case_certification, case_response_shortlist, case_response_award, case_submission_select,
         case_challenge_award]


@pytest.fixture(params=CASES, ids=lambda build: build.__name__.removeprefix("case_"))
def case(request):
    return request.param(request.getfixturevalue)


def test_the_decision_button_carries_the_version_of_what_it_decides(case):
    fields = decision_fields(case.viewname)
    assert fields  # the view versions the decision
    assert case.version_on_page() == versions.row_version(type(case.obj), case.obj.pk, fields)


def test_a_fresh_version_decides(case):
    token = case.version_on_page()
    response = case.client.post(case.action, {**case.data, versions.FIELD: token})
    assert response.status_code == 302, text(response)[:3000]
    assert case.decided()


def test_a_version_from_before_a_colleagues_change_refuses_the_decision(case):
    token = case.version_on_page()
    case.change()  # a colleague corrects what the page showed
    response = case.client.post(case.action, {**case.data, versions.FIELD: token})
    assert response.status_code == versions.STALE_STATUS == 409
    assert not case.decided()
    page = text(response)
    assert REFUSED in page and 'id="version-refused"' in page
    # No retry on the refusal (what changed is not on it): the way back to look again.
    assert 'id="look-again"' in page and f'action="{case.action}"' not in page
    # A POST without a version (a script, an old page) is decided as before.
    again = case.client.post(case.action, case.data)
    assert again.status_code == 302 and case.decided()


def test_looking_again_gives_the_new_version_that_decides(case):
    old = case.version_on_page()
    case.change()
    assert case.client.post(case.action, {**case.data, versions.FIELD: old}).status_code == 409
    new = case.version_on_page()
    assert new != old
    assert case.client.post(case.action, {**case.data, versions.FIELD: new}).status_code == 302
    assert case.decided()


# --- details ------------------------------------------------------------------------------------


@pytest.fixture
def contract(haarlem, broker_haarlem, region, enterprise_haarlem):
    return pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=pf.rule_set(region=region),
                       supplier=enterprise_haarlem)


def test_a_form_in_error_keeps_the_version_it_was_loaded_with(login, broker_haarlem, contract):
    line = pf.realisation(contract, by=broker_haarlem)
    client = login(broker_haarlem)
    action = reverse("procurement:realisation-assess", args=[line.pk])
    (token,) = versions_posted_to(client.get(reverse("procurement:realisation-detail", args=[line.pk])), action)
    bad = client.post(action, {"decision": "reject", "reason": "", versions.FIELD: token})  # a reason is needed
    assert bad.status_code == 400
    assert versions_posted_to(bad, action) == [token]
    Realisation.objects.filter(pk=line.pk).update(months=D("6"))
    retry = client.post(action, {"decision": "reject", "reason": "Geen bewijs", versions.FIELD: token})
    assert retry.status_code == 409
    assert Realisation.objects.get(pk=line.pk).status == RealisationStatus.SUBMITTED


def test_row_versions_are_the_row_versions_of_each_row(broker_haarlem, contract):
    """Decimal, date and file columns and a many-to-many field, as one query gives them."""
    bonus = pf.block(contract, "bonus-50-plus")
    lines = [pf.realisation(contract, by=broker_haarlem, candidate_ref=f"KAND-{n}", fte=D(f"0.{n}5"),
                            date=dt.date(2025, 2, n + 1), **({"bonuses": [bonus]} if n % 2 else {}))
             for n in range(1, 4)]
    fields = decision_fields("procurement:realisation-assess")
    assert "bonuses" in fields
    with CaptureQueriesContext(connection) as queries:
        found = versions.row_versions(Realisation, [line.pk for line in lines], fields)
    assert len(queries) == 2  # the columns, and the bonuses
    assert found == {line.pk: versions.row_version(Realisation, line.pk, fields) for line in lines}
    assert len(set(found.values())) == 3


def page_queries(client, url):
    client.get(url)  # what a first visit caches (the menu, the session) is not what is counted
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    return len(queries), page


def test_a_contracts_lines_carry_their_versions_without_a_query_per_line(login, broker_haarlem, contract):
    client = login(broker_haarlem)
    fields = decision_fields("procurement:realisation-assess")

    def lines_and_tokens():
        count, page = page_queries(client, contract.get_absolute_url())
        tokens = {}
        for line in Realisation.objects.filter(contract=contract):
            (tokens[line.pk],) = versions_posted_to(page, reverse("procurement:realisation-assess", args=[line.pk]))
            assert tokens[line.pk] == versions.row_version(Realisation, line.pk, fields)
        return count, tokens

    for n in range(2):
        pf.realisation(contract, by=broker_haarlem, candidate_ref=f"KAND-{n}", date=dt.date(2025, 3, n + 1))
    few, tokens = lines_and_tokens()
    for n in range(2, 7):
        pf.realisation(contract, by=broker_haarlem, candidate_ref=f"KAND-{n}", date=dt.date(2025, 3, n + 1))
    many, tokens = lines_and_tokens()
    assert len(tokens) == 7 and many == few


def test_a_requests_responses_carry_their_versions_without_a_query_per_response(login, haarlem, inkoper_haarlem):
    from tests import factories as f

    client = login(inkoper_haarlem)
    request = rb.purchase_request(haarlem)

    def responses_and_tokens():
        count, page = page_queries(client, request.get_absolute_url())
        for answer in PurchaseResponse.objects.filter(request=request):
            for viewname in ("procurement:response-award", "procurement:response-shortlist"):
                (token,) = versions_posted_to(page, reverse(viewname, args=[answer.pk]))
                assert token == versions.row_version(PurchaseResponse, answer.pk, decision_fields(viewname))
        return count

    for n in range(2):
        rb.response(request, rb.admitted(f.EnterpriseFactory(name=f"Onderneming {n}", municipality=haarlem)),
                    attachment=False)
    few = responses_and_tokens()
    for n in range(2, 6):
        rb.response(request, rb.admitted(f.EnterpriseFactory(name=f"Onderneming {n}", municipality=haarlem)),
                    attachment=False)
    assert responses_and_tokens() == few


def test_the_award_locks_the_request_before_its_response(login, inkoper_haarlem, haarlem, enterprise_haarlem):
    """``request_award`` locks the request, then its responses: the version's lock keeps that order,
    or two awards on one request would wait for each other."""
    from procurement.views.requests import ResponseAward

    request = rb.purchase_request(haarlem)
    answer = rb.response(request, rb.admitted(enterprise_haarlem))
    view = ResponseAward()
    assert view.version_locks(answer) == [(type(request), request.pk)]


def test_the_refusal_in_english(tmp_path, settings):
    """This change's English ahead of the compiled catalogue (``make messages`` fills it in)."""
    import polib
    from django.utils.translation import gettext, override

    (tmp_path / "en/LC_MESSAGES").mkdir(parents=True)
    polib.pofile(str(settings.BASE_DIR / "locale/en/extra/decision-versions.po")).save_as_mofile(
        str(tmp_path / "en/LC_MESSAGES/django.mo"))
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]
    with override("en"):
        assert versions.decision_stale_message().startswith("Someone else has changed this in the meantime.")
        assert gettext("Opnieuw bekijken") == "Look again"


def test_a_refused_selection_looks_again_at_the_submission(request):
    """A selection goes on to the challenge, but what changed is on the submission's page: the
    refusal's way back leads there, where the finalist buttons are."""
    case = case_submission_select(request.getfixturevalue)
    token = case.version_on_page()
    case.change()
    response = case.client.post(case.action, {**case.data, versions.FIELD: token})
    assert response.status_code == 409
    look_again = re.search(r'href="([^"]+)"[^>]*id="look-again"', text(response)).group(1)
    assert look_again == reverse("procurement:submission-detail", args=[case.obj.pk]) == case.page
