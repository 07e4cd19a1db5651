from django.utils.translation import gettext_lazy as _

from impactportal import access, contributions
from impactportal.contributions import ANONYMOUS, DESK, NO_ROLE, STAFF, NavItem, Panel

TEAM = _("Team en begroting")  # the menu group of this app's staff pages
HELPDESK = _("Helpdesk")  # the menu group of the helpdesk's cases and the knowledge base

class BrokersConfig(contributions.PortalAppConfig):
    name = "brokers"
    verbose_name = _("Makelaarsteams en ondernemersdienstverlening")
    navigation = [
        NavItem(_("Makelaarsteam"), "brokers:team-list", STAFF, order=200, group=TEAM),
        NavItem(_("Toolbox"), "brokers:toolbox", STAFF, order=195, group=TEAM),
        NavItem(_("Begroting"), "brokers:budget-list", (access.BROKER,), order=210, group=TEAM),
        NavItem(_("Uitgaven"), "brokers:spending-list", (access.BROKER,), order=212, group=TEAM),
        NavItem(_("Actieprogramma"), "brokers:agenda-list", STAFF, order=214, group=TEAM),
        # The desk's cases (the entrepreneurs' own questions) and the knowledge base: one group; a
        # visitor sees only the knowledge base of it, and so the knowledge base itself.
        NavItem(_("Helpdeskvragen"), "helpdesk:inbox", DESK, order=220, group=HELPDESK),
        # The user's own questions: an administrator's reach over every role does not make them an
        # entrepreneur (the page is the entrepreneur's, ``access.may_ask_helpdesk``).
        NavItem(_("Mijn vragen"), "helpdesk:my-cases", (access.ENTREPRENEUR, NO_ROLE), order=230, group=HELPDESK,
                personal=True),
        NavItem(_("Kennisbank"), "helpdesk:instrument-list", order=240, group=HELPDESK),
        # A visitor's way into the helpdesk: the page that says an account is needed and how to get
        # one. Beside "Kennisbank" at the top (not grouped: a visitor gets no "Helpdesk" group).
        NavItem(_("Een vraag stellen"), "helpdesk:ask", (ANONYMOUS,), order=245),
        NavItem(_("Aanmelden als ondernemer"), "helpdesk:signup", (ANONYMOUS,), order=250),
    ]
    seed_order = 200  # helpdesk cases come from the demo entrepreneurs and their enterprises

    def ready(self):
        super().ready()
        from django.contrib.auth import get_user_model

        from financing.models import Instrument as FinancingInstrument
        from impactportal.accounts.models import Membership, Organisation
        from impactportal.ui.cache import bump_on_change
        from impactportal.ui.widgets import cache_choices_of

        from .models import Answer, Edition, KnowledgeInstrument, Module, Question

        # The knowledge base is cached for visitors; its search also lists the financing instruments.
        bump_on_change("knowledge", KnowledgeInstrument, FinancingInstrument)
        cache_choices_of(KnowledgeInstrument)  # the referral form's drop-down on every case page
        bump_on_change("toolbox", Edition, Module, Question)  # the current edition's size (dashboard)
        bump_on_change("toolbox-progress", Answer, Edition, Module, Question)  # the dashboard's toolbox tile
        # Who may be given a case (the inbox's drop-down, helpdesk.forms.assignee_choices).
        bump_on_change("assignees", get_user_model(), Membership, Organisation)

    def seed_reference(self, *, ref):
        from .toolbox.seeding import seed_content

        seed_content()
        return {}

    def dashboard_panels(self):
        from . import dashboard
        from .helpdesk import dashboard as helpdesk_dashboard

        return [
            Panel(access.BROKER, "brokers/dashboard/broker.html", dashboard.broker_figures, order=20),
            Panel(access.BROKER, "brokers/dashboard/workspace.html", dashboard.workspace_figures, order=21),
            # Next to "mijn vervolgacties" (contact moments, order 5): referrals outside the town hall.
            Panel(access.BROKER, "brokers/dashboard/referral_follow_ups.html", dashboard.referral_follow_ups, order=6),
            Panel(access.COLLEAGUE, "brokers/dashboard/colleague.html", dashboard.referred_cases, order=10),
            Panel(access.PARTNER, "brokers/dashboard/partner.html", dashboard.desk_figures, order=20),
            # A card next to "Mijn onderneming" (order 10): the open questions, linking to "Mijn vragen".
            Panel(access.ENTREPRENEUR, "brokers/dashboard/entrepreneur.html", helpdesk_dashboard.my_questions,
                  order=20),
            Panel(access.ENTREPRENEUR, "brokers/dashboard/pending_links.html", helpdesk_dashboard.my_link_requests,
                  card=False),
            Panel(access.BROKER, "brokers/dashboard/link_requests.html", helpdesk_dashboard.link_requests_to_decide,
                  order=22),
            Panel(NO_ROLE, "brokers/dashboard/no_role.html", helpdesk_dashboard.no_role, card=False),
        ]
