from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

from .models import Membership, Organisation, Programme, ProgrammePhase, ProgrammeTrack, Region, User


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organisation", "partner_organisation", "region", "programme", "enterprise"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug", "cbs_code", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    search_fields = ["name", "slug"]
    filter_horizontal = ["members"]
    prepopulated_fields = {"slug": ["name"]}


class PhaseInline(admin.TabularInline):
    model = ProgrammePhase
    fields = ["number", "name", "name_en", "description"]
    extra = 0


class TrackInline(admin.TabularInline):
    model = ProgrammeTrack
    fields = ["name", "name_en", "description", "seed_key"]
    readonly_fields = ["seed_key"]
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date", "lead_organisation"]
    search_fields = ["name"]
    inlines = [PhaseInline, TrackInline]
    filter_horizontal = ["participants"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organisation", "partner_organisation", "region", "department", "programme",
                    "enterprise", "is_coordinator", "is_admin"]
    list_filter = ["role", "department", "is_admin", "region"]
    search_fields = ["user__username", "organisation__name", "partner_organisation__name", "region__name"]
    autocomplete_fields = ["user", "organisation", "partner_organisation", "region", "programme", "enterprise"]
    list_select_related = ["user", "organisation", "partner_organisation", "region", "programme", "enterprise"]


# DRF's own admin of API keys offers a select of every user: a search box instead.
TokenAdmin.autocomplete_fields = ["user"]
# An API key is a password: the admin lists it by its user and names it so in its messages, pages and
# its log (DRF listed every user's key, and a key's str() is the key itself).
TokenAdmin.list_display = ("user", "created")
# The portal keeps only a key's digest (``impactportal.api.tokens``) and hands the key out once, to its
# user: the admin makes no key (one made here would be shown to nobody) and changes none (moving a key
# to another user); it lists keys by user and date and deletes them (a revoke).
TokenAdmin.has_add_permission = lambda self, request: False
TokenAdmin.has_change_permission = lambda self, request, obj=None: False
TokenProxy.__str__ = lambda token: gettext("API-sleutel van %(user)s") % {"user": token.user}
