"""Monitoring indicators of the register (see impactportal.indicators): impact enterprises by type
and theme, admitted, certified, and jobs for people at a distance from the labour market (a
self-declared count, never personal data). Each compute is one aggregate query over all
organisations (the enterprise's municipality)."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from impactportal.indicator_helpers import grouped
from impactportal.indicators import Basis, Indicator, Period, Unit

from . import checks
from .constants import IMPACT_THEMES, AdmissionStatus, CertificationStatus, EnterpriseType, seeded_name

SOURCE = "enterprises"


def _registered(period: Period):
    """The enterprises in the register at the end of the period (added before it). A baseline is
    taken years after its date (the programme's start): counting the register as it stood when the
    snapshot was taken showed today's stock as the position of 2021. What the register keeps no
    history of (type, themes, the self-declared jobs, a certificate's status) is read as it is now,
    for these enterprises."""
    from .models import Enterprise

    return Enterprise.objects.filter(created_at__lt=period.end)


def _admitted_by(period: Period) -> Q:
    """Admitted at the end of the period, as far as the register can tell: admitted now, by a
    decision taken before the end (one without a decision date, an import's, counts from when it
    was added: ``_registered``). An admission withdrawn since is not known to have been one then."""
    return Q(admission_status=AdmissionStatus.ADMITTED) & (
        Q(admission_decided_at__lt=period.end) | Q(admission_decided_at__isnull=True))


def registered(period: Period):
    return grouped(_registered(period), "municipality", Count("id"))


def of_type(kind: str):
    return lambda period: grouped(_registered(period).filter(enterprise_type=kind), "municipality", Count("id"))


def of_theme(slug: str):
    return lambda period: grouped(_registered(period).filter(themes__slug=slug), "municipality",
                                  Count("id", distinct=True))


def admitted(period: Period):
    return grouped(_registered(period).filter(_admitted_by(period)), "municipality", Count("id"))


def certified(period: Period):
    # A quality mark (not the platform's badge, which goes to those admitted without one, nor
    # "other"), verified: "expiring" is the status of an unverified certificate near its end too.
    verified = Q(certifications__status=CertificationStatus.VERIFIED) | Q(
        certifications__status=CertificationStatus.EXPIRING, certifications__verified_at__isnull=False)
    # Recorded before the end of the period and, where the date is known, verified before it.
    known_then = Q(certifications__created_at__lt=period.end) & (
        Q(certifications__verified_at__isnull=True) | Q(certifications__verified_at__lt=period.end))
    valid = verified & known_then & Q(certifications__scheme__in=checks.QUALITY_MARKS) & (
        Q(certifications__valid_until__isnull=True) | Q(certifications__valid_until__gte=timezone.localdate(period.end)))
    return grouped(_registered(period).filter(valid), "municipality", Count("id", distinct=True))


def disadvantaged_jobs(period: Period):
    return grouped(_registered(period).filter(disadvantaged_count__isnull=False), "municipality",
                   Sum("disadvantaged_count"))


INDICATORS = [
    Indicator(code="enterprises.registered", name=_("Ondernemingen in het register"), unit=Unit.COUNT,
              definition=_("Ondernemingen in het register van de gemeente bij de meting."),
              source=SOURCE, basis=Basis.MEASURED, compute=registered, sdgs=(8,)),
    *[Indicator(code=f"enterprises.type_{kind}", name=format_lazy(_("Ondernemingen: {type}"), type=label),
                unit=Unit.COUNT,
                definition=_("Ondernemingen in het register van deze soort bij de meting."),
                source=SOURCE, basis=Basis.MEASURED, compute=of_type(kind), sdgs=(8,))
      for kind, label in EnterpriseType.choices],
    *[Indicator(code=f"enterprises.theme_{slug.replace('-', '_')}", name=format_lazy(_("Ondernemingen met thema {theme}"),
                                                                                      theme=seeded_name(slug, name)), unit=Unit.COUNT,
                definition=_("Ondernemingen in het register met dit impactthema bij de meting."),
                source=SOURCE, basis=Basis.MEASURED, compute=of_theme(slug))
      for slug, name in IMPACT_THEMES],
    Indicator(code="enterprises.admitted", name=_("Toegelaten impactondernemingen"), unit=Unit.COUNT,
              definition=_("Ondernemingen met de status toegelaten, bij de meting."),
              source=SOURCE, basis=Basis.MEASURED, compute=admitted, sdgs=(8, 12)),
    Indicator(code="enterprises.certified", name=_("Ondernemingen met een geldig keurmerk"), unit=Unit.COUNT,
              definition=_("Ondernemingen met minstens één geverifieerd keurmerk dat bij het einde van de periode "
                           "geldig is."),
              source=SOURCE, basis=Basis.MEASURED, compute=certified),
    Indicator(code="enterprises.disadvantaged_jobs",
              name=_("Banen voor mensen met afstand tot de arbeidsmarkt (opgave)"), unit=Unit.COUNT,
              definition=_("Som van het aantal medewerkers met afstand tot de arbeidsmarkt dat de ondernemingen zelf "
                           "opgeven; alleen aantallen. Bruto: geen netto-impact (zonder correctie voor wat er "
                           "zonder de onderneming was gebeurd)."),
              source=SOURCE, basis=Basis.SELF_DECLARED, compute=disadvantaged_jobs, sdgs=(8, 10),
              broad_welfare=("arbeid en vrije tijd",)),
]
