"""Pure arithmetic and rules of outcome contracts (issue 11 parts 2 and 3): what a verified
claim pays, and what the SIB feasibility check concludes. No database, no request: unit-tested
branch by branch (``tests/financing/test_outcomes_rules.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from impactportal.money import euro

CENT = Decimal("0.01")
METRIC_CAP = "metric_cap"
CONTRACT_MAXIMUM = "contract_maximum"


def cents(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PaymentCalculation:
    count: int
    price: Decimal
    calculated: Decimal  # count × price
    amount: Decimal  # what is paid: the calculated amount, or less where a cap or the maximum binds
    capped_by: str  # "", METRIC_CAP or CONTRACT_MAXIMUM
    explanation: str


def payment_for(*, count: int, price: Decimal, metric_cap: Decimal | None, metric_paid: Decimal,
                contract_maximum: Decimal, contract_paid: Decimal) -> PaymentCalculation:
    """``count × price``, but never more than what is left under the metric's cap (when it has
    one) nor under the contract maximum, given what was paid before. Pays what fits and says
    which limit bound; when nothing is left the payment is € 0.00."""
    if count < 0 or price < 0:
        raise ValueError("count and price must not be negative")
    calculated = cents(Decimal(count) * Decimal(price))
    metric_room, contract_room = rooms(metric_cap=metric_cap, metric_paid=metric_paid,
                                       contract_maximum=contract_maximum, contract_paid=contract_paid)
    amount, capped_by = calculated, ""
    if metric_room is not None and metric_room < amount:
        amount, capped_by = metric_room, METRIC_CAP
    if contract_room < amount:
        amount, capped_by = contract_room, CONTRACT_MAXIMUM
    # The stored text is the Dutch record of the calculation (the API returns it); pages show
    # ``explain`` in the reader's language from the payment's own figures.
    with translation.override("nl"):
        explanation = explain(count=count, price=price, calculated=calculated, amount=amount, capped_by=capped_by)
    return PaymentCalculation(count=count, price=cents(price), calculated=calculated, amount=amount,
                              capped_by=capped_by, explanation=explanation)


def rooms(*, metric_cap: Decimal | None, metric_paid: Decimal, contract_maximum: Decimal,
          contract_paid: Decimal) -> tuple[Decimal | None, Decimal]:
    """``(metric_room, contract_room)``: what is left under the metric's cap (None without one) and
    under the contract maximum, given what was paid; never below € 0.00. What ``payment_for`` pays
    within, and what the claim form and the contract page warn about (``cap_warnings``)."""
    contract_room = max(cents(contract_maximum) - cents(contract_paid), Decimal("0.00"))
    metric_room = None if metric_cap is None else max(cents(metric_cap) - cents(metric_paid), Decimal("0.00"))
    return metric_room, contract_room


def explain(*, count: int, price: Decimal, calculated: Decimal, amount: Decimal, capped_by: str) -> str:
    """The calculation as one line in the active language, amounts as that language writes them:
    "7 × € 6.500,00 = € 45.500,00; begrensd door het plafond van de uitkomstmaat (nog € 39.000,00
    ruimte): € 39.000,00". Where a limit binds, the amount paid is exactly the room that was left
    under it, so the stored figures of a payment are enough to say it again in any language."""
    text = gettext("%(count)s × %(price)s = %(calculated)s") % {
        "count": number_format(count, force_grouping=True), "price": euro(cents(price)),
        "calculated": euro(calculated)}
    limit = {METRIC_CAP: gettext("begrensd door het plafond van de uitkomstmaat (nog %(room)s ruimte): %(amount)s"),
             CONTRACT_MAXIMUM: gettext("begrensd door het contractmaximum (nog %(room)s ruimte): %(amount)s")}
    if capped_by in limit:
        text += "; " + limit[capped_by] % {"room": euro(amount), "amount": euro(amount)}
    return text


def outcomes_paid(*, count: int, price: Decimal, amount: Decimal) -> int:
    """How many of a payment's ``count`` outcomes were paid in full: all of them when nothing was
    capped, else as many as the paid amount covers (7 at € 6.500 with € 39.000 paid is 6). An
    outcome paid in part is not counted (:func:`partly_paid` says whether there is one)."""
    if count < 0 or price < 0 or amount < 0:
        raise ValueError("count, price and amount must not be negative")
    if price == 0:
        return count
    return min(count, int(cents(amount) // cents(price)))


def partly_paid(*, count: int, price: Decimal, amount: Decimal) -> bool:
    """Whether a cap left one of the payment's outcomes paid in part (€ 12.000 for 3 at € 5.000)."""
    return outcomes_paid(count=count, price=price, amount=amount) < count and cents(amount) % cents(price) != 0


# --- verification -------------------------------------------------------------------------

ACCEPTED = "accepted"
PARTLY = "partly"
REJECTED = "rejected"


def verification_outcome(*, claimed: int, accepted: int, reason: str) -> str:
    """The claim's status after verification, or ValueError with the field that is wrong:
    all accepted → accepted; some → partly (a reason is required); none → rejected (reason required)."""
    if accepted < 0 or accepted > claimed:
        raise ValueError("accepted_count")
    if accepted == claimed:
        return ACCEPTED
    if not reason.strip():
        raise ValueError("reason")
    return PARTLY if accepted > 0 else REJECTED


# --- SIB feasibility check: Rotterdam's decision tree ---------------------------------------

YES, PARTLY_ANSWER, UNKNOWN, NO = "yes", "partly", "unknown", "no"
GO, EXPLORE, NO_GO = "go", "explore", "no_go"


@dataclass(frozen=True)
class Question:
    name: str
    text: str
    help: str
    essential: bool  # a "no" ends it (no-go); otherwise a "no" calls for further exploration
    if_no: str
    if_unsure: str


QUESTIONS: tuple[Question, ...] = (
    Question("societal_case", _("Zijn de maatschappelijke opbrengsten of besparingen duidelijk: is er een "
                                "maatschappelijke business case?"),
             _("Bijvoorbeeld minder uitkeringen, minder zorgkosten of minder recidive, en bij wie die besparing "
               "landt."), True,
             _("Er is geen maatschappelijke business case: zonder duidelijke opbrengst is er niets om voor te betalen."),
             _("De maatschappelijke opbrengsten zijn nog niet duidelijk: breng ze eerst in kaart, bijvoorbeeld met "
               "een MKBA-quickscan.")),
    Question("causal_link", _("Is er een verband tussen de interventie en de maatschappelijke opbrengst, en zijn "
                              "de opbrengsten meetbaar en te monetariseren?"),
             _("Er moet een basis zijn om financiële afspraken te maken over investering en rendement."), True,
             _("De opbrengst is niet aan de interventie toe te rekenen of niet te meten en in geld uit te drukken: "
               "er is geen basis voor afspraken over betaling en rendement."),
             _("Het verband tussen interventie en opbrengst of de meetbaarheid is nog onzeker: spreek uitkomstmaten, "
               "een meetmethode en een prijs per uitkomst af.")),
    Question("few_beneficiaries", _("Is het aantal partijen dat profijt heeft overzichtelijk?"),
             _("Veel betrokken partijen maken de samenwerking al snel complex."), False,
             _("Er hebben veel partijen profijt: de samenwerking wordt complex. Verken of één of twee betalers het "
               "grootste deel van de opbrengst dragen."),
             _("Nog niet duidelijk is wie er profijt heeft: breng de partijen en hun aandeel in kaart.")),
    Question("benefits_exceed_costs", _("Is er een business case: zijn de opbrengsten hoger dan de kosten?"),
             _("Vergelijk de contante waarde van de baten met de kosten van de interventie."), True,
             _("De opbrengsten zijn niet hoger dan de kosten: een investeerder kan niet uit de besparing worden "
               "terugbetaald."),
             _("Of de baten de kosten overtreffen is nog niet zeker: reken het door met expliciete aannames.")),
    Question("sufficient_scale", _("Is de schaal groot genoeg om de voorbereidingskosten te dragen?"),
             _("Een SIB opzetten kost tijd en geld; bij een kleine schaal zijn die kosten al snel te hoog."), False,
             _("De schaal is te klein voor de voorbereidingskosten: verken samenwerking met andere gemeenten, of "
               "een eenvoudiger resultaatcontract zonder investeerders."),
             _("Of de schaal volstaat is nog onzeker: raam de voorbereidingskosten tegenover het verwachte "
               "rendement.")),
    Question("committed_parties", _("Zijn er ondernemers en investeerders die in het project geloven en ervoor "
                                    "willen gaan?"),
             _("In Nederlandse SIB's was er steeds een combinatie van een bank en een fonds."), False,
             _("Er zijn (nog) geen ondernemers en investeerders die zich willen verbinden: zoek eerst partners."),
             _("Of ondernemers en investeerders zich willen verbinden is nog onzeker: toets de belangstelling.")),
)
QUESTION_NAMES = tuple(q.name for q in QUESTIONS)


@dataclass(frozen=True)
class Feasibility:
    conclusion: str
    reasons: list[str] = field(default_factory=list)


def feasibility(answers: dict[str, str]) -> Feasibility:
    """Go, explore further or no-go, with the reasons, from the answers to the six questions:

    - a "no" to an essential question (business case, causal and measurable link, benefits above
      costs) is a no-go;
    - otherwise any answer other than "yes" (a "no" to another question, "partly", "unknown")
      means explore further, with what to explore;
    - six times "yes" is a go.
    """
    missing = [name for name in QUESTION_NAMES if answers.get(name) not in (YES, PARTLY_ANSWER, UNKNOWN, NO)]
    if missing:
        raise ValueError(f"unanswered: {', '.join(missing)}")
    blocking = [str(q.if_no) for q in QUESTIONS if q.essential and answers[q.name] == NO]
    if blocking:
        return Feasibility(NO_GO, blocking)
    to_explore = [str(q.if_no if answers[q.name] == NO else q.if_unsure) for q in QUESTIONS if answers[q.name] != YES]
    if to_explore:
        return Feasibility(EXPLORE, to_explore)
    return Feasibility(GO, [str(_("Alle zes vragen zijn met ja beantwoord: werk de SIB uit met de betalers, de "
                                  "aanbieder en de investeerders."))])
