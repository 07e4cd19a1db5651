"""Pure figures of the financing mix and of impact fund portfolios: no database, no request.

Money is ``Decimal`` throughout; shares are fractions of the need (0–1), rounded half-up to four
decimals only in the result.

Mix coverage (the "pizza"):
- ``covered``: components with status *granted*;
- ``pending``: *idea* and *applied* (not yet money, so never counted as covered);
- *rejected* components count nowhere (they are reported apart, as ``rejected``);
- ``remaining = max(need − covered − pending, 0)``: what no component addresses yet;
- ``uncovered = max(need − covered, 0)``: what is not yet granted;
- ``surplus = max(covered + pending − need, 0)``: planned beyond the need (over-coverage);
- shares of the need stack to at most 1: covered first, then pending, then remaining; with a
  need of zero every share is zero.

Portfolio (per fund):
- ``invested``: the sum of the investments;
- ``repaid``: principal (or returned equity) that came back, per investment at most its amount;
- ``outstanding = Σ max(amount − repaid, 0)`` per investment;
- ``interest``: interest and returns received, apart from the principal;
- ``overpaid``: principal recorded beyond an investment's amount (never repayment of another
  investment, and not relabelled as interest: the repayment form refuses it since, so it is a
  recording error in older data that the fund's page shows as such);
- ``impact``: per indicator (and unit, and kind) the reported total, split into measured,
  estimated and self-declared. A *flow* indicator (people placed per quarter) adds up every
  period. A *stock* indicator (people employed) is a count at a moment: summing four quarters
  would count the same people four times, so per investment only its latest period counts
  (``period_end``), and those are added up across investments; ``as_of`` is the latest such date
  (``as_of_first`` the earliest, when the investments last reported on different dates).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0")
CENT = Decimal("0.01")
SHARE = Decimal("0.0001")

GRANTED = "granted"
PENDING = ("idea", "applied")
REJECTED = "rejected"
MEASURED = "measured"
ESTIMATED = "estimated"
SELF_DECLARED = "self_declared"
FLOW = "flow"
STOCK = "stock"


def _money(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Coverage:
    need: Decimal
    covered: Decimal
    pending: Decimal
    rejected: Decimal
    remaining: Decimal
    uncovered: Decimal
    surplus: Decimal
    covered_share: Decimal
    pending_share: Decimal
    remaining_share: Decimal

    @property
    def is_covered(self) -> bool:
        return self.uncovered == ZERO

    @property
    def covered_percent(self) -> int:
        return int((self.covered_share * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))

    def chart(self, labels: tuple[str, str, str]) -> dict:
        """A Chart.js doughnut of covered / pending / remaining (amounts in euros)."""
        return {
            "type": "doughnut",
            "data": {"labels": list(labels),
                     "datasets": [{"data": [float(self.covered), float(self.pending), float(self.remaining)],
                                   "backgroundColor": ["#2e7d32", "#f9a825", "#b0bec5"]}]},
        }


def coverage(need, components: Iterable[tuple[object, str]]) -> Coverage:
    """The coverage of ``need`` by ``components``, pairs of (amount, status)."""
    need = Decimal(need)
    if need < 0:
        raise ValueError("need must not be negative")
    covered = pending = rejected = ZERO
    for amount, status in components:
        amount = Decimal(amount)
        if amount < 0:
            raise ValueError("a component's amount must not be negative")
        if status == GRANTED:
            covered += amount
        elif status in PENDING:
            pending += amount
        elif status == REJECTED:
            rejected += amount
        else:
            raise ValueError(f"unknown status {status!r}")
    remaining = max(need - covered - pending, ZERO)
    if need > 0:
        covered_share = min(covered / need, Decimal(1))
        pending_share = min(pending / need, Decimal(1) - covered_share)
        remaining_share = Decimal(1) - covered_share - pending_share
    else:
        covered_share = pending_share = remaining_share = ZERO
    return Coverage(
        need=_money(need), covered=_money(covered), pending=_money(pending), rejected=_money(rejected),
        remaining=_money(remaining), uncovered=_money(max(need - covered, ZERO)),
        surplus=_money(max(covered + pending - need, ZERO)),
        covered_share=covered_share.quantize(SHARE, rounding=ROUND_HALF_UP),
        pending_share=pending_share.quantize(SHARE, rounding=ROUND_HALF_UP),
        remaining_share=remaining_share.quantize(SHARE, rounding=ROUND_HALF_UP),
    )


@dataclass(frozen=True)
class InvestmentLine:
    key: object
    amount: Decimal
    repayments: tuple = ()  # amounts of principal returned
    interest: tuple = ()  # interest / returns received


@dataclass(frozen=True)
class ImpactLine:
    indicator: str
    unit: str
    value: Decimal
    source_status: str
    kind: str = FLOW  # FLOW or STOCK
    period_end: dt.date | None = None  # which report of a stock is the latest
    investment: object = None  # a stock's latest report is taken per investment


@dataclass(frozen=True)
class ImpactTotal:
    indicator: str
    unit: str
    total: Decimal
    measured: Decimal
    self_declared: Decimal
    reports: int
    measured_reports: int = 0
    estimated: Decimal = ZERO
    estimated_reports: int = 0
    kind: str = FLOW
    as_of: dt.date | None = None  # a stock: the latest period end counted
    as_of_first: dt.date | None = None  # a stock: the earliest latest period end (investments differ)

    @property
    def is_stock(self) -> bool:
        return self.kind == STOCK


@dataclass(frozen=True)
class Portfolio:
    investments: int
    invested: Decimal
    repaid: Decimal
    outstanding: Decimal
    interest: Decimal
    impact: list[ImpactTotal] = field(default_factory=list)
    per_investment: dict = field(default_factory=dict)  # key → {"repaid", "outstanding", "overpaid"}
    overpaid: Decimal = ZERO

    @property
    def repaid_share(self) -> Decimal:
        return (self.repaid / self.invested).quantize(SHARE, rounding=ROUND_HALF_UP) if self.invested else ZERO

    @property
    def impact_reports(self) -> int:
        return sum(total.reports for total in self.impact)

    @property
    def measured_reports_share(self) -> Decimal:
        """Which part of the impact reports is measured rather than estimated or self-declared."""
        return self._reports_share("measured_reports")

    @property
    def estimated_reports_share(self) -> Decimal:
        return self._reports_share("estimated_reports")

    def _reports_share(self, count: str) -> Decimal:
        if not self.impact_reports:
            return ZERO
        counted = sum(getattr(total, count) for total in self.impact)
        return (Decimal(counted) / self.impact_reports).quantize(SHARE, rounding=ROUND_HALF_UP)

    def chart(self, labels: tuple[str, str]) -> dict:
        """A Chart.js doughnut of repaid / outstanding capital."""
        return {
            "type": "doughnut",
            "data": {"labels": list(labels),
                     "datasets": [{"data": [float(self.repaid), float(self.outstanding)],
                                   "backgroundColor": ["#2e7d32", "#1565c0"]}]},
        }


def portfolio(investments: Iterable[InvestmentLine], impact: Iterable[ImpactLine] = ()) -> Portfolio:
    invested = repaid = outstanding = interest = overpaid = ZERO
    count = 0
    per_investment = {}
    for line in investments:
        amount = Decimal(line.amount)
        if amount < 0:
            raise ValueError("an investment's amount must not be negative")
        back = sum((Decimal(a) for a in line.repayments), ZERO)
        counted = min(back, amount)  # capital back beyond the amount is no repayment of it
        left = max(amount - back, ZERO)
        invested += amount
        repaid += counted
        outstanding += left
        interest += sum((Decimal(a) for a in line.interest), ZERO)
        overpaid += back - counted
        per_investment[line.key] = {"repaid": _money(counted), "outstanding": _money(left),
                                    "overpaid": _money(back - counted)}
        count += 1
    impact_totals = _impact_totals(impact)
    return Portfolio(investments=count, invested=_money(invested), repaid=_money(repaid),
                     outstanding=_money(outstanding), interest=_money(interest), impact=impact_totals,
                     per_investment=per_investment, overpaid=_money(overpaid))


def _source_bucket(status: str) -> str:
    """An unknown status is taken as the least certain one: never shown as measured."""
    return status if status in (MEASURED, ESTIMATED) else SELF_DECLARED


def _spelling(text: str) -> str:
    """A name as written, with its spaces tidied: "Banen  in dienst " → "Banen in dienst"."""
    return " ".join((text or "").split())


def _same(text: str) -> str:
    """The key two spellings of one indicator (or unit) share: "Banen in dienst", "banen in
    Dienst" and "Banen  in dienst" are one (the service matches an indicator case-insensitively)."""
    return _spelling(text).casefold()


def _most_common(spellings: list[str]) -> str:
    """The spelling most reports use; of equally common ones, the first reported."""
    return Counter(spellings).most_common(1)[0][0]


def _impact_totals(impact: Iterable[ImpactLine]) -> list[ImpactTotal]:
    """Per (indicator, unit, kind): a flow's reports all count; a stock's latest report per
    investment counts (``period_end``, then the order given), the others are still reports.
    Indicator and unit are compared without regard to capitals and extra spaces (``_same``), as
    the service compares them when a report comes in; the line shows the most common spelling."""
    groups: dict[tuple[str, str, str], list[ImpactLine]] = defaultdict(list)
    for report in impact:
        kind = STOCK if report.kind == STOCK else FLOW
        groups[(_same(report.indicator), _same(report.unit), kind)].append(report)
    result = []
    for (_indicator_key, _unit_key, kind), reports in sorted(groups.items(), key=lambda item: (item[0][0], item[0][2])):
        indicator = _most_common([_spelling(r.indicator) for r in reports])
        unit = _most_common([_spelling(r.unit) for r in reports])
        counted = reports
        as_of = as_of_first = None
        if kind == STOCK:
            latest: dict[object, ImpactLine] = {}
            for report in reports:
                current = latest.get(report.investment)
                if current is None or (report.period_end or dt.date.min) >= (current.period_end or dt.date.min):
                    latest[report.investment] = report
            counted = list(latest.values())
            dates = [r.period_end for r in counted if r.period_end is not None]
            as_of, as_of_first = (max(dates), min(dates)) if dates else (None, None)
        sums = {MEASURED: ZERO, ESTIMATED: ZERO, SELF_DECLARED: ZERO}
        for report in counted:
            sums[_source_bucket(report.source_status)] += Decimal(report.value)
        statuses = [_source_bucket(r.source_status) for r in reports]
        result.append(ImpactTotal(
            indicator=indicator, unit=unit, total=sums[MEASURED] + sums[ESTIMATED] + sums[SELF_DECLARED],
            measured=sums[MEASURED], estimated=sums[ESTIMATED], self_declared=sums[SELF_DECLARED],
            reports=len(reports), measured_reports=statuses.count(MEASURED),
            estimated_reports=statuses.count(ESTIMATED), kind=kind, as_of=as_of, as_of_first=as_of_first))
    return result
