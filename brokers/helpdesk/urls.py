"""Helpdesk and knowledge-base pages (namespace ``helpdesk``), mounted at the site root."""

from django.urls import path

from impactportal.ui.cache import cached_for_visitors

from .views import knowledge, referrals, signup, staff
from .views import requester as mine

app_name = "helpdesk"

urlpatterns = [
    # sign-up
    path("aanmelden/", signup.signup_view, name="signup"),
    path("aanmelden/verstuurd/", signup.signup_sent, name="signup-sent"),
    path("aanmelden/bevestigen/<str:token>/", signup.signup_verify, name="signup-verify"),
    # the entrepreneur (a visitor learns that asking needs an account)
    path("vraag-stellen/", mine.ask, name="ask"),
    path("mijn-vragen/", mine.my_cases, name="my-cases"),
    path("mijn-vragen/nieuw/", mine.case_new, name="case-new"),
    path("mijn-vragen/suggesties/", mine.suggestions, name="suggestions"),
    path("mijn-vragen/geholpen/", mine.suggestion_helped, name="suggestion-helped"),
    path("mijn-vragen/onderneming-koppelen/", mine.link_enterprise, name="link-enterprise"),
    path("mijn-vragen/<int:pk>/", mine.my_case, name="my-case"),
    path("mijn-vragen/<int:pk>/reageren/", mine.MyCaseReply.as_view(), name="my-case-reply"),
    path("mijn-vragen/<int:pk>/beoordelen/", mine.MyCaseRate.as_view(), name="my-case-rate"),
    path("mijn-vragen/<int:pk>/heropenen/", mine.MyCaseReopen.as_view(), name="my-case-reopen"),
    path("mijn-vragen/<int:pk>/intrekken/", mine.MyCaseWithdraw.as_view(), name="my-case-withdraw"),
    # brokers and colleagues
    path("helpdesk/", staff.Inbox.as_view(), name="inbox"),
    path("helpdesk/toewijzen/", staff.bulk_assign, name="bulk-assign"),
    path("helpdesk/koppelverzoeken/", signup.link_request_list, name="link-request-list"),
    path("helpdesk/koppelverzoeken/<int:pk>/besluit/", signup.LinkRequestDecide.as_view(), name="link-request-decide"),
    path("helpdesk/servicenormen/", staff.service_levels, name="service-levels"),
    path("helpdesk/bijlagen/<int:pk>/", staff.attachment_download, name="attachment"),
    path("helpdesk/<int:pk>/", staff.case_detail, name="case-detail"),
    path("helpdesk/<int:pk>/reageren/", staff.CaseReply.as_view(), name="case-reply"),
    path("helpdesk/<int:pk>/toewijzen/", staff.CaseAssign.as_view(), name="case-assign"),
    path("helpdesk/<int:pk>/doorverwijzen/", staff.CaseRefer.as_view(), name="case-refer"),
    path("helpdesk/<int:pk>/status/", staff.CaseStatus.as_view(), name="case-status"),
    # referrals beyond the town hall
    path("helpdesk/<int:pk>/extern-doorverwijzen/", referrals.CaseReferExternal.as_view(), name="case-refer-external"),
    path("helpdesk/doorverwijzingen/", referrals.ReferralList.as_view(), name="referral-list"),
    path("helpdesk/doorverwijzingen/<int:pk>/afgerond/", referrals.ReferralComplete.as_view(), name="referral-done"),
    # knowledge base (public)
    path("kennisbank/", cached_for_visitors("knowledge")(knowledge.InstrumentList.as_view()), name="instrument-list"),
    path("kennisbank/<int:pk>/", knowledge.instrument_detail, name="instrument-detail"),
]
