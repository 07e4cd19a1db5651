"""MKBA (*maatschappelijke kosten-batenanalyse*, social cost-benefit analysis): the arithmetic, with
no database and no I/O, so that it can be tested on hand-worked examples.

Per indicator::

    outcome = count × value_per_case
    impact  = outcome × (1 − (deadweight + attribution + substitution))

``short_term``, ``medium_term`` and ``long_term`` (fractions that add up to exactly 1) are the shares of the
impact reached in years 1–3, 4–5 and 6–10; each share is spread evenly over the years of its window
(a third a year, a half a year, a fifth a year). With a yearly ``discount_rate`` r (default 0.0225)::

    present_value      = Σ_{t=1..10} benefit_t / (1 + r)^t
    net_present_value  = present_value − costs
    benefit_cost_ratio = present_value / costs     (None when the costs are 0)

Input and output are ``Decimal``; in between the arithmetic is exact (rational numbers, so a third
of an amount a year and (1 + r)^t lose nothing); money is rounded half-up to cents only in the
output (:class:`Result`), the ratio to two decimals. Every figure is an *estimate*: a
gross ``outcome`` is never an impact, which is why both are reported side by side.

:func:`parse` turns raw input (strings or numbers, as a JSON body or a form sends them) into an
:class:`Analysis`, or raises :class:`Invalid` with the messages per field and per indicator, in
the shape ``{"indicators": [{}, {"deadweight": ["…"]}], "costs": ["…"]}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DEFAULT_DISCOUNT_RATE = Decimal("0.0225")
YEARS = 10
# The years of each timing window (1-based) and the share of the window each year receives.
WINDOWS: dict[str, tuple[int, ...]] = {
    "short_term": (1, 2, 3),
    "medium_term": (4, 5),
    "long_term": (6, 7, 8, 9, 10),
}
CORRECTIONS = ("deadweight", "attribution", "substitution")
TIMING = tuple(WINDOWS)
FRACTIONS = CORRECTIONS + TIMING
MAX_INDICATORS = 50
MAX_AMOUNT = Decimal("1e12")  # the outer bound of any amount the parser reads
# Plausible ceilings (review 6): an analysis of a municipal programme counts at most a few million
# cases (the Netherlands has some 18 million inhabitants), one case is worth at most millions (a
# lifetime of benefits avoided is some € 1 million), and no programme costs more than billions. Above
# these a figure is a typing error that would otherwise be shown as a 25-digit "impact".
MAX_COUNT = Decimal("10000000")
MAX_VALUE_PER_CASE = Decimal("10000000")
MAX_COSTS = Decimal("10000000000")
LIMITS = {"count": MAX_COUNT, "value_per_case": MAX_VALUE_PER_CASE}
MAX_DISCOUNT_RATE = Decimal("0.5")

# Kinds of analysis (Handreiking MKBA, Rijksoverheid 2012): shown with every figure, so a reader
# knows how firm it is.
KINDS = (
    ("full", gettext_lazy("Volledige MKBA")),
    ("key_figures", gettext_lazy("Kengetallen-MKBA")),
    ("quick_scan", gettext_lazy("Quick scan")),
)
# Where a benefit lands: the policy field and budget that saves (the seeds: an MKBA shows which
# budgets a result touches, so that those budgets can pay for it).
BENEFICIARIES = (
    ("social_assistance", gettext_lazy("Bijstand (Participatiewet)")),
    ("unemployment", gettext_lazy("Werkloosheids- en arbeidsongeschiktheidsuitkeringen (UWV)")),
    ("health_care", gettext_lazy("Zorg (Wmo en Zorgverzekeringswet)")),
    ("youth_care", gettext_lazy("Jeugdzorg")),
    ("debt_relief", gettext_lazy("Schuldhulpverlening")),
    ("safety", gettext_lazy("Veiligheid en justitie")),
    ("education", gettext_lazy("Onderwijs")),
    ("waste", gettext_lazy("Afval en grondstoffen")),
    ("climate", gettext_lazy("Energie en klimaat")),
    ("tax", gettext_lazy("Belastingen en premies")),
    ("other", gettext_lazy("Overig")),
)
KIND_CODES = {code for code, _label in KINDS}
BENEFICIARY_CODES = {code for code, _label in BENEFICIARIES}


@dataclass(frozen=True)
class Indicator:
    name: str
    count: Decimal
    value_per_case: Decimal
    deadweight: Decimal = Decimal(0)
    attribution: Decimal = Decimal(0)
    substitution: Decimal = Decimal(0)
    short_term: Decimal = Decimal(1)
    medium_term: Decimal = Decimal(0)
    long_term: Decimal = Decimal(0)
    beneficiary: str = ""

    @property
    def outcome(self) -> Decimal:
        return self.count * self.value_per_case

    @property
    def impact(self) -> Decimal:
        return self.outcome * (1 - (self.deadweight + self.attribution + self.substitution))


@dataclass(frozen=True)
class Analysis:
    indicators: tuple[Indicator, ...]
    costs: Decimal = Decimal(0)
    discount_rate: Decimal = DEFAULT_DISCOUNT_RATE
    kind: str = "quick_scan"


@dataclass(frozen=True)
class IndicatorResult:
    name: str
    beneficiary: str
    outcome: Decimal
    impact: Decimal


@dataclass(frozen=True)
class Result:
    """The figures of an analysis, money rounded half-up to cents. All are estimates."""

    kind: str
    indicators: tuple[IndicatorResult, ...]
    total_outcome: Decimal
    total_impact: Decimal
    yearly_benefits: tuple[Decimal, ...]
    present_value: Decimal
    costs: Decimal
    net_present_value: Decimal
    benefit_cost_ratio: Decimal | None
    discount_rate: Decimal
    by_beneficiary: tuple[tuple[str, Decimal], ...] = field(default=())

    def as_dict(self) -> dict:
        """The API shape: money as decimal strings."""
        return {
            "kind": self.kind,
            "indicators": [{"name": i.name, "beneficiary": i.beneficiary, "outcome": str(i.outcome),
                            "impact": str(i.impact)} for i in self.indicators],
            "total_outcome": str(self.total_outcome),
            "total_impact": str(self.total_impact),
            "present_value": str(self.present_value),
            "costs": str(self.costs),
            "net_present_value": str(self.net_present_value),
            "benefit_cost_ratio": None if self.benefit_cost_ratio is None else str(self.benefit_cost_ratio),
            "discount_rate": str(self.discount_rate),
            "yearly_benefits": [str(v) for v in self.yearly_benefits],
            "by_beneficiary": [{"beneficiary": code, "impact": str(value)} for code, value in self.by_beneficiary],
        }


def cents(value) -> Decimal:
    """An exact number (Fraction, Decimal or int) rounded half-up (away from zero) to cents."""
    value = Fraction(value)
    sign = -1 if value < 0 else 1
    whole = int(abs(value) * 100 + Fraction(1, 2))  # floor of |value| × 100 + ½
    return (Decimal(sign * whole) / 100).quantize(Decimal("0.01"))


def _yearly(indicator: Indicator) -> list[Fraction]:
    impact = Fraction(indicator.impact)
    years = [Fraction(0)] * YEARS
    for window, window_years in WINDOWS.items():
        share = Fraction(getattr(indicator, window))
        if share:
            per_year = impact * share / len(window_years)
            for year in window_years:
                years[year - 1] += per_year
    return years


def calculate(analysis: Analysis) -> Result:
    """The figures of a (valid) analysis: exact arithmetic, rounded only here, at the end."""
    yearly = [Fraction(0)] * YEARS
    rows = []
    total_outcome = total_impact = Fraction(0)
    per_beneficiary: dict[str, Fraction] = {}
    for indicator in analysis.indicators:
        outcome, impact = Fraction(indicator.outcome), Fraction(indicator.impact)
        total_outcome += outcome
        total_impact += impact
        per_beneficiary[indicator.beneficiary] = per_beneficiary.get(indicator.beneficiary, Fraction(0)) + impact
        for year, value in enumerate(_yearly(indicator)):
            yearly[year] += value
        rows.append(IndicatorResult(indicator.name, indicator.beneficiary, cents(outcome), cents(impact)))
    factor = 1 + Fraction(analysis.discount_rate)
    present_value = sum((benefit / factor ** year for year, benefit in enumerate(yearly, start=1)), Fraction(0))
    costs = Fraction(analysis.costs)
    return Result(
        kind=analysis.kind,
        indicators=tuple(rows),
        total_outcome=cents(total_outcome),
        total_impact=cents(total_impact),
        yearly_benefits=tuple(cents(v) for v in yearly),
        present_value=cents(present_value),
        costs=cents(costs),
        net_present_value=cents(present_value - costs),
        benefit_cost_ratio=None if costs == 0 else cents(present_value / costs),
        discount_rate=analysis.discount_rate,
        by_beneficiary=tuple((code, cents(value)) for code, value in per_beneficiary.items()),
    )


# --- input --------------------------------------------------------------------------------


class Invalid(Exception):
    """Input that cannot be calculated: ``errors`` names every field (and indicator) at fault."""

    def __init__(self, errors: dict):
        super().__init__(errors)
        self.errors = errors


def _number(raw, errors: list, *, low=Decimal(0), high=MAX_AMOUNT, fraction=False) -> Decimal | None:
    """A Decimal from a string or a number; None (with a message in ``errors``) when it is not one
    or out of range."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float, Decimal)):
        errors.append(_("Vul een getal in."))
        return None
    text = str(raw).strip().replace(",", ".") if isinstance(raw, str) else repr(raw) if isinstance(raw, float) \
        else str(raw)
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        errors.append(_("Vul een getal in."))
        return None
    if not value.is_finite():
        errors.append(_("Vul een getal in."))
        return None
    if value < low:
        errors.append(_("Vul een getal van %(low)s of meer in.") % {"low": low} if not fraction
                      else _("Vul een fractie tussen 0 en 1 in (bijvoorbeeld 0,25 voor 25%)."))
        return None
    if value > high:
        errors.append(_("Vul een fractie tussen 0 en 1 in (bijvoorbeeld 0,25 voor 25%).") if fraction
                      else _("Vul een getal van ten hoogste %(high)s in.") % {
                          "high": number_format(high.quantize(Decimal(1)), force_grouping=True)})
        return None
    return value


def decimal_text(value: Decimal) -> str:
    """A fraction as the page's language writes it (0,6 in Dutch), without trailing zeros."""
    return number_format(Decimal(format(value.normalize(), "f")))


def _blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def parse_indicator(data) -> tuple[Indicator | None, dict[str, list[str]]]:
    """One indicator from raw input, or its field errors."""
    if not isinstance(data, Mapping):
        return None, {"non_field_errors": [_("Een indicator heeft naam, aantal en waarde per geval.")]}
    errors: dict[str, list[str]] = {}
    values: dict = {}
    name = data.get("name")
    if _blank(name) or not isinstance(name, str):
        errors["name"] = [_("Geef de indicator een naam.")]
    elif len(name.strip()) > 200:
        errors["name"] = [_("Ten hoogste 200 tekens.")]
    else:
        values["name"] = name.strip()
    beneficiary = data.get("beneficiary") or ""
    if beneficiary and (not isinstance(beneficiary, str) or beneficiary not in BENEFICIARY_CODES):
        errors["beneficiary"] = [_("Kies waar de baat terechtkomt uit de lijst.")]
    else:
        values["beneficiary"] = beneficiary
    for name_ in ("count", "value_per_case"):
        raw = data.get(name_)
        if _blank(raw):
            errors[name_] = [_("Dit veld is vereist.")]  # as every form and API field says
            continue
        messages: list[str] = []
        value = _number(raw, messages, high=LIMITS[name_])
        if messages:
            errors[name_] = messages
        else:
            values[name_] = value
    timing_given = any(not _blank(data.get(n)) for n in TIMING)
    for name_ in FRACTIONS:
        raw = data.get(name_)
        if _blank(raw):
            # Not given: no correction; no timing at all means everything in the short term.
            values[name_] = Decimal(1) if name_ == "short_term" and not timing_given else Decimal(0)
            continue
        messages = []
        value = _number(raw, messages, high=Decimal(1), fraction=True)
        if messages:
            errors[name_] = messages
        else:
            values[name_] = value
    if not any(n in errors for n in CORRECTIONS) and sum(values[n] for n in CORRECTIONS) > 1:
        errors["substitution"] = [_("Deadweight, attributie en substitutie samen mogen niet meer dan 1 (100%) zijn.")]
    # Exactly 1: the shares spread the whole impact over the years; a sum below 1 would silently
    # drop part of it from the present value (0,2 + 0,2 + 0,2 counted only 60%).
    timing_sum = None if any(n in errors for n in TIMING) else sum(values[n] for n in TIMING)
    if timing_sum is not None and timing_sum != 1:
        errors["long_term"] = [_("Korte, middellange en lange termijn moeten samen precies 1 (100%%) zijn; nu is "
                                 "het %(sum)s.") % {"sum": decimal_text(timing_sum)}]
    if errors:
        return None, errors
    return Indicator(**values), {}


def parse(data) -> Analysis:
    """An :class:`Analysis` from raw input (a decoded JSON body), or :class:`Invalid`."""
    if not isinstance(data, Mapping):
        raise Invalid({"non_field_errors": [_("Stuur een object met indicatoren en kosten.")]})
    errors: dict = {}
    raw_indicators = data.get("indicators")
    indicators: list[Indicator] = []
    if raw_indicators is not None and not isinstance(raw_indicators, list):
        # A string or object where the list goes: say so, not "give at least one".
        errors["indicators"] = [_("Stuur de indicatoren als een lijst: een JSON-array met per indicator een "
                                  "object.")]
    elif not raw_indicators:
        errors["indicators"] = [_("Geef ten minste één indicator.")]
    elif len(raw_indicators) > MAX_INDICATORS:
        errors["indicators"] = [_("Ten hoogste %(max)s indicatoren.") % {"max": MAX_INDICATORS}]
    else:
        per_indicator = []
        for raw in raw_indicators:
            indicator, indicator_errors = parse_indicator(raw)
            per_indicator.append(indicator_errors)
            if indicator is not None:
                indicators.append(indicator)
        if any(per_indicator):
            errors["indicators"] = per_indicator
    costs = Decimal(0)
    if not _blank(data.get("costs")):
        messages: list[str] = []
        costs = _number(data.get("costs"), messages, high=MAX_COSTS)
        if messages:
            errors["costs"] = messages
    rate = DEFAULT_DISCOUNT_RATE
    if not _blank(data.get("discount_rate")):
        messages = []
        rate = _number(data.get("discount_rate"), messages, high=MAX_DISCOUNT_RATE, fraction=True)
        if messages:
            errors["discount_rate"] = [_("Vul een disconteringsvoet tussen 0 en 0,5 in (bijvoorbeeld 0,0225).")]
    kind = data.get("kind") or "quick_scan"
    if not isinstance(kind, str) or kind not in KIND_CODES:  # a list or an object from JSON: a 500 before
        errors["kind"] = [_("Kies een soort analyse uit de lijst.")]
    if errors:
        raise Invalid(errors)
    return Analysis(indicators=tuple(indicators), costs=costs, discount_rate=rate, kind=kind)


def analysis_from(indicators: Iterable, *, costs, discount_rate, kind) -> Analysis:
    """An :class:`Analysis` from stored rows (objects with the indicator fields as attributes)."""
    return Analysis(
        indicators=tuple(Indicator(
            name=i.name, count=i.count, value_per_case=i.value_per_case, deadweight=i.deadweight,
            attribution=i.attribution, substitution=i.substitution, short_term=i.short_term,
            medium_term=i.medium_term, long_term=i.long_term, beneficiary=i.beneficiary,
        ) for i in indicators),
        costs=costs, discount_rate=discount_rate, kind=kind,
    )
