"""External referrals of a case: the form on the case page, marking a follow-up done, and the
list behind the broker's follow-up tile."""

from django.utils.translation import gettext as _

from brokers.filters import ExternalReferralFilter
from brokers.models import ExternalReferral
from brokers.tables import ExternalReferralTable
from impactportal import access
from impactportal.text import short_date
from impactportal.ui import generic
from impactportal.ui.actions import ScopedActionView

from .. import referrals
from ..forms import ExternalReferralForm, ReferralDoneForm
from .staff import CaseAction


class CaseReferExternal(CaseAction):
    action = "refer"
    form_class = ExternalReferralForm
    form_name = "external"

    def perform(self, case, data):
        return referrals.referral_create(case=case, by=self.request.user, kind=data["kind"],
                                         instrument=data.get("instrument"), party_name=data["party_name"],
                                         note=data["note"], follow_up_on=data["follow_up_on"])

    def get_success_message(self, case, data, result):
        return _("Doorverwijzing naar %(party)s vastgelegd; vervolgactie op %(date)s.") % {
            "party": result.party or result.get_kind_display(), "date": short_date(result.follow_up_on)}


class ReferralComplete(ScopedActionView):
    queryset = ExternalReferral.objects.select_related("case")
    action = access.CHANGE
    form_class = ReferralDoneForm

    def perform(self, referral, data):
        return referrals.referral_complete(referral=referral, by=self.request.user, outcome=data["outcome"])

    def get_success_message(self, referral, data, result):
        return _("Vervolgactie afgerond.")


class ReferralList(generic.ScopedListView):
    queryset = ExternalReferral.objects.select_related("case", "instrument", "referred_by")
    filterset_class = ExternalReferralFilter
    table_class = ExternalReferralTable
    roles = (access.BROKER, access.PARTNER, access.COLLEAGUE)
