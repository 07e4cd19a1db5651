"""Builders of purchase requests, responses and challenges for tests and the matrix world."""

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from enterprises.constants import AdmissionStatus, CertificationStatus, Scheme
from enterprises.models import Certification, Offering
from procurement.constants import ChallengePhase, RequestStatus, SubmissionStatus
from procurement.models import (
    Challenge,
    ChallengeCriterion,
    Juror,
    PurchaseRequest,
    PurchaseResponse,
    Submission,
)

from .factories import category

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def pdf(name="offerte.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def admitted(enterprise, *, headcount=None, disadvantaged=None, pso30=False, offers=None):
    """Admit ``enterprise``; optionally set its counts, give it a valid PSO 30+ certificate and
    an offering in category ``offers``."""
    enterprise.admission_status = AdmissionStatus.ADMITTED
    enterprise.headcount, enterprise.disadvantaged_count = headcount, disadvantaged
    enterprise.save()
    if pso30:
        Certification.objects.create(enterprise=enterprise, scheme=Scheme.PSO_30, number=f"PSO30-{enterprise.pk}",
                                     valid_until=timezone.localdate() + dt.timedelta(days=365),
                                     status=CertificationStatus.VERIFIED, verified_at=timezone.now())
    if offers is not None:
        Offering.objects.create(enterprise=enterprise, name="Schoonmaak kantoren", category=offers)
    return enterprise


def purchase_request(organisation, *, by=None, title="Schoonmaak wijkcentrum", reserved=False,
                     status=RequestStatus.OPEN, deadline=None, cat=None, budget=Decimal("25000")):
    return PurchaseRequest.objects.create(
        organisation=organisation, title=title, description="Wekelijkse schoonmaak van het wijkcentrum.",
        category=cat or category(), budget_indication=budget, is_reserved=reserved, status=status,
        deadline=deadline or timezone.localdate() + dt.timedelta(days=30), posted_by=by)


def response(request, enterprise, *, by=None, amount=Decimal("20000"), attachment=True):
    return PurchaseResponse.objects.create(request=request, enterprise=enterprise, quote_amount=amount,
                                           message="Wij doen dit graag.", submitted_by=by,
                                           attachment=pdf() if attachment else "")


def challenge(organisation, *, title="Jongeren aan het werk", budget=Decimal("60000"),
              phase=ChallengePhase.SUBMISSIONS, published=True, jurors=(), criteria=(("Impact", 3), ("Haalbaarheid", 1))):
    c = Challenge.objects.create(organisation=organisation, title=title, problem="Te veel jongeren zonder werk.",
                                 prize_budget=budget, phase=phase, is_published=published)
    for order, (name, weight) in enumerate(criteria):
        ChallengeCriterion.objects.create(challenge=c, name=name, weight=weight, order=order)
    for user in jurors:
        Juror.objects.create(challenge=c, user=user)
    return c


def submission(challenge_, enterprise, *, title="Leerwerkbedrijf", by=None, status=SubmissionStatus.SUBMITTED):
    return Submission.objects.create(challenge=challenge_, enterprise=enterprise, title=title,
                                     summary="Wij leiden jongeren op in de fietsenmakerij.", submitted_by=by,
                                     attachment=pdf("plan.pdf"), status=status)


def finalist(challenge_, enterprise, **kwargs):
    """A submission chosen as a finalist in the selection phase: only a finalist can win a prize."""
    return submission(challenge_, enterprise, status=SubmissionStatus.SELECTED, **kwargs)
