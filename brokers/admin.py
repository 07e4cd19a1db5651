from django.contrib import admin
from django.db import transaction

from .helpdesk.services import move_open_deadlines
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


@admin.register(HelpdeskSettings)
class HelpdeskSettingsAdmin(admin.ModelAdmin):
    list_display = ["organisation", "first_response_days", "resolution_days"]

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        move_open_deadlines(obj)  # as the service-levels page does: open cases are due by the new levels
admin.site.register(KnowledgeInstrument, list_display=["name", "kind", "region", "is_active"], list_filter=["kind"],
                    search_fields=["name", "name_en", "description", "description_en"])
admin.site.register(EnterpriseLinkRequest, list_display=["user", "enterprise", "status", "created_at"],
                    list_filter=["status"], raw_id_fields=["user", "enterprise", "decided_by"])
admin.site.register(SelfServiceOutcome, list_display=["category", "organisation", "solved", "created_at"],
                    list_filter=["solved", "category"], autocomplete_fields=["user"])


# --- referrals beyond the town hall -------------------------------------------------------------

from .models import ExternalReferral  # noqa: E402

admin.site.register(ExternalReferral, list_display=["case", "kind", "party_name", "follow_up_on", "follow_up_done"],
                    list_filter=["kind", "follow_up_done"], raw_id_fields=["case", "instrument", "referred_by"])


# --- the team workspace: toolbox content, answers, team, spending, action agenda (issue 13) -----

from .models import (  # noqa: E402
    Action,
    ActionLine,
    ActionLink,
    ActionProgramme,
    Answer,
    AnswerVersion,
    Edition,
    Module,
    Question,
    Spending,
    TeamMember,
    TeamPartner,
    Theme,
)


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0
    fields = ["number", "title", "title_en"]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    """Toolbox content per edition. A new edition: copy one with ``brokers.toolbox.services.edition_copy``
    (answers stay with the edition they were given for)."""

    list_display = ["title", "title_en", "code", "published_on", "is_current"]
    fields = ["code", "title", "title_en", "published_on", "is_current"]
    inlines = [ThemeInline]


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = ["order", "key", "kind", "text", "text_en", "help_text", "help_text_en", "options", "options_en",
              "source_key"]


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "title_en", "theme", "edition"]
    list_filter = ["edition", "theme__title"]
    fields = ["edition", "theme", "number", "title", "title_en", "learning_goals", "learning_goals_en", "explanation",
              "explanation_en", "practice_examples", "practice_examples_en", "reading_tips"]
    inlines = [QuestionInline]


class AnswerVersionInline(admin.TabularInline):
    model = AnswerVersion
    extra = 0
    readonly_fields = ["value", "status", "is_reset", "changed_at", "changed_by"]
    can_delete = False


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["organisation", "question", "status", "is_answered", "updated_at"]
    list_filter = ["organisation", "status", "question__module__edition"]
    readonly_fields = ["updated_at", "updated_by"]
    raw_id_fields = ["question"]
    inlines = [AnswerVersionInline]


admin.site.register(TeamMember, list_display=["team", "name", "user", "role", "department"],
                    raw_id_fields=["user"])
admin.site.register(TeamPartner, list_display=["team", "party", "relation"])
admin.site.register(Spending, list_display=["organisation", "date", "description", "amount", "budget_line",
                                            "paying_programme"], list_filter=["organisation", "kind"],
                    raw_id_fields=["budget_line", "decided_by", "recorded_by"])


class ActionLineInline(admin.TabularInline):
    model = ActionLine
    extra = 0


@admin.register(ActionProgramme)
class ActionProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "first_year", "last_year", "adopted_on"]
    inlines = [ActionLineInline]


class ActionLinkInline(admin.TabularInline):
    model = ActionLink
    extra = 0


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "line", "status", "due_date", "module_number"]
    list_filter = ["status"]
    raw_id_fields = ["owner"]
    inlines = [ActionLinkInline]
