from django.contrib import admin

from .models import (
    BrokerTeam,
    BudgetLine,
    Case,
    CaseMessage,
    EnterpriseLinkRequest,
    HelpdeskSettings,
    KnowledgeInstrument,
    Mandate,
    SelfServiceOutcome,
)

admin.site.register(BrokerTeam, search_fields=["name"], list_display=["name", "organisation", "form"])
admin.site.register(Mandate, list_display=["team", "granted_by", "valid_from", "valid_until"])
admin.site.register(BudgetLine, list_display=["organisation", "year", "kind", "amount"], list_filter=["year", "kind"])


# --- helpdesk and knowledge base ----------------------------------------------------------------


class CaseMessageInline(admin.TabularInline):
    model = CaseMessage
    extra = 0
    fields = ["created_at", "author", "is_internal", "body"]
    readonly_fields = ["created_at", "author"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["pk", "subject", "organisation", "status", "category", "assigned_to", "submitted_at"]
    list_filter = ["status", "category", "organisation"]
    search_fields = ["subject", "enterprise__name"]
    raw_id_fields = ["enterprise", "submitter", "assigned_to"]
    inlines = [CaseMessageInline]


admin.site.register(HelpdeskSettings, list_display=["organisation", "first_response_days", "resolution_days"])
admin.site.register(KnowledgeInstrument, list_display=["name", "kind", "region", "is_active"], list_filter=["kind"],
                    search_fields=["name", "description"])
admin.site.register(EnterpriseLinkRequest, list_display=["user", "enterprise", "status", "created_at"],
                    list_filter=["status"], raw_id_fields=["user", "enterprise", "decided_by"])
admin.site.register(SelfServiceOutcome, list_display=["category", "organisation", "solved", "created_at"],
                    list_filter=["solved", "category"])


# --- referrals beyond the town hall -------------------------------------------------------------

from .models import ExternalReferral  # noqa: E402

admin.site.register(ExternalReferral, list_display=["case", "kind", "party_name", "follow_up_on", "follow_up_done"],
                    list_filter=["kind", "follow_up_done"], raw_id_fields=["case", "instrument", "referred_by"])
