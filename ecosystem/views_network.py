"""Screens of the ecosystem map, parties with notes, impact coalitions, regional collaboration
and events. Querysets come from the access module."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from impactportal import access, audit
from impactportal.accounts.models import Organisation
from impactportal.ui import generic
from impactportal.ui.actions import action_form_invalid, role_required
from impactportal.ui.forms import add_validation_error

from . import coalitions as coalition_rules
from . import maps
from .filters_realestate import CoalitionFilter, EcosystemMapFilter, EventFilter
from .forms import CoalitionPartiesForm
from .forms_realestate import (
    CoalitionRoleForm,
    EcosystemMapForm,
    EventForm,
    MapEntryChangeForm,
    MapEntryForm,
    PartyNoteForm,
)
from .models import Party, PartyNote
from .models_coalitions import Coalition, CoalitionAgreement, CoalitionMeeting, CoalitionRole, Collaboration
from .models_events import Event
from .models_maps import EcosystemMap, MapEntry
from .tables_realestate import CoalitionTable, EcosystemMapTable, EventTable

STAFF = (access.BROKER, access.COLLEAGUE)


# --- parties --------------------------------------------------------------------------------


def party_detail(request, pk):
    user = request.user
    obj = access.get_object_or_404(user, Party.objects.select_related("region", "organisation"), pk=pk)
    notes = list(PartyNote.objects.for_user(user).filter(party=obj).select_related("organisation", "author"))
    note_form = PartyNoteForm(owners=access.owner_choices(user, PartyNote)) if user.is_authenticated else None
    if note_form is not None and not note_form.has_owner:
        note_form = None  # no organisation to file a note under
    enterprise = obj.enterprise if obj.enterprise_id and access.can(user, access.VIEW, obj.enterprise) else None
    return render(request, "ecosystem/parties/detail.html", {
        "object": obj, "notes": notes, "may_note": note_form is not None, "enterprise": enterprise,
        "note_form": note_form})


@login_required
def party_note_add(request, pk):
    user = request.user
    obj = access.get_object_or_404(user, Party, pk=pk)
    owners = access.owner_choices(user, PartyNote)
    if not owners.exists():
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    # With several organisations the form asks which one (validated against ``owners``): the
    # first of them filed the note where the intended colleagues did not see it.
    form = PartyNoteForm(request.POST, owners=owners)
    if form.is_valid():
        owner = form.owner()
        PartyNote.objects.create(organisation=owner, party=obj, body=form.cleaned_data["body"], author=user)
        if form.asks_owner:
            messages.success(request, _("De notitie is opgeslagen bij %(organisation)s; alleen die organisatie ziet "
                                        "haar.") % {"organisation": owner})
        else:
            messages.success(request, _("De notitie is opgeslagen; alleen uw organisatie ziet haar."))
        return redirect(obj.get_absolute_url())
    return action_form_invalid(request, form, obj)


# --- ecosystem maps -------------------------------------------------------------------------


class MapList(generic.ScopedListView):
    roles = STAFF
    queryset = EcosystemMap.objects.select_related("organisation", "region")
    filterset_class = EcosystemMapFilter
    table_class = EcosystemMapTable
    create_url_name = "ecosystem:map-create"


class MapCreate(generic.ScopedCreateView):
    model = EcosystemMap
    form_class = EcosystemMapForm
    success_message = _("Kaart %(object)s is opgeslagen.")


class MapUpdate(generic.ScopedUpdateView):
    model = EcosystemMap
    form_class = EcosystemMapForm
    success_message = _("Kaart %(object)s is bijgewerkt.")


def map_context(user, obj) -> dict:
    entries = list(MapEntry.objects.for_user(user).filter(map=obj).select_related("party"))
    domain_views = maps.domains(entries)
    gaps = [d.value for d in domain_views if d.is_gap]
    return {"object": obj, "domains": domain_views, "gaps": gaps, "svg": maps.svg_layout(domain_views),
            "gap_instruments": maps.instruments_for_gaps(user, gaps) if gaps else {},
            "covered": 6 - len(gaps), "svg_size": maps.SIZE, "centre": maps.CENTRE}


@login_required
def map_detail(request, pk):
    user = request.user
    obj = access.get_object_or_404(user, EcosystemMap.objects.select_related("organisation", "region"), pk=pk)
    context = map_context(user, obj)
    context["can_change"] = access.can(user, access.CHANGE, obj)
    context["history"] = audit.history_for(obj)
    if context["can_change"]:
        context["entry_form"] = MapEntryForm(user=user, prefix="entry")
    for domain in context["domains"]:
        domain.instruments = context["gap_instruments"].get(domain.value, [])
    return render(request, "ecosystem/maps/detail.html", context)


@login_required
def map_entry_add(request, pk):
    user = request.user
    obj = access.get_object_or_404(user, EcosystemMap, access.CHANGE, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MapEntryForm(request.POST, user=user, prefix="entry")
    if form.is_valid():
        entry = form.save(commit=False)
        entry.map = obj
        try:
            with transaction.atomic():
                entry.full_clean()
                entry.save()
        except (ValidationError, IntegrityError) as error:
            add_validation_error(form, error if isinstance(error, ValidationError)
                                 else ValidationError(_("Deze partij staat al in dit domein.")))
        else:
            messages.success(request, _("%(party)s staat op de kaart.") % {"party": entry.party})
            return redirect(obj.get_absolute_url())
    return action_form_invalid(request, form, obj)


class MapEntryUpdate(generic.ScopedUpdateView):
    """A party's role on the map in other words, or active again (a domain covered by an inactive
    party is a gap until then); the party and its domain stay: another place is another entry."""

    model = MapEntry
    form_class = MapEntryChangeForm
    success_message = _("%(object)s is bijgewerkt.")

    def get_success_url(self):
        return self.object.map.get_absolute_url()

    def get_cancel_url(self):
        return self.object.map.get_absolute_url()


class MapEntryDelete(generic.ScopedDeleteView):
    """A party taken off the map (added by mistake, or gone): the map covered a domain for good
    once a party was put on it, and its gaps (and the "domains covered" indicator) followed."""

    model = MapEntry

    def get_success_url(self):
        return self.object.map.get_absolute_url()

    def get_cancel_url(self):
        return self.object.map.get_absolute_url()


# --- coalitions -----------------------------------------------------------------------------


class CoalitionList(generic.ScopedListView):
    roles = STAFF
    queryset = Coalition.objects.select_related("organisation")
    filterset_class = CoalitionFilter
    table_class = CoalitionTable
    create_url_name = "ecosystem:coalition-create"


class CoalitionCreate(generic.ScopedCreateView):
    model = Coalition
    form_class = CoalitionPartiesForm  # the party lists grouped by category, each in a scrolling box
    template_name = "ecosystem/coalitions/form.html"
    success_message = _("Coalitie %(object)s is opgeslagen.")


@login_required
def coalition_detail(request, pk):
    user = request.user
    obj = access.get_object_or_404(user, Coalition.objects.select_related("organisation"), pk=pk)
    roles = list(CoalitionRole.objects.for_user(user).filter(coalition=obj).select_related("party"))
    focus = obj.focus_list()
    return render(request, "ecosystem/coalitions/detail.html", {
        "object": obj, "roles": roles, "focus": focus,
        "warnings": coalition_rules.warnings(roles=roles, focus_areas=focus),
        "members": list(obj.members.all()), "council": list(obj.council_members.all()),
        "meetings": list(CoalitionMeeting.objects.for_user(user).filter(coalition=obj)),
        "agreements": list(CoalitionAgreement.objects.for_user(user).filter(coalition=obj)),
        "role_form": CoalitionRoleForm(user=user) if access.can(user, access.CHANGE, obj) else None,
        "history": audit.history_for(obj)})


@login_required
def coalition_role_set(request, pk):
    """Fill (or reopen) one function of the coalition: one row per function."""
    user = request.user
    obj = access.get_object_or_404(user, Coalition, access.CHANGE, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CoalitionRoleForm(request.POST, user=user)
    if form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            # The coalition's row locked (and the grant checked again on it): locking the role found
            # locks nothing while there is none yet, and two people filling the same open function
            # at once each added a row for it.
            access.require_locked(user, access.CHANGE, obj)
            role = CoalitionRole.objects.select_for_update().filter(coalition=obj, function=data["function"]).first()
            role = role or CoalitionRole(coalition=obj, function=data["function"])
            role.party, role.notes = data["party"], data["notes"]
            role.save()
        messages.success(request, _("De functie is bijgewerkt."))
        return redirect(obj.get_absolute_url())
    return action_form_invalid(request, form, obj)


# --- regional collaboration -----------------------------------------------------------------


def collaboration_rows(user):
    """The collaborations the user sees, and per participating municipality what it works on."""
    rows = list(Collaboration.objects.for_user(user).select_related("region", "sroi_rule_set")
                .prefetch_related("participants"))
    by_org = defaultdict(list)
    for c in rows:
        for org in c.participants.all():
            by_org[org].append(c)
    members = sorted(by_org.items(), key=lambda pair: pair[0].name)
    return rows, members


@role_required(*STAFF)
def collaboration_overview(request):
    rows, members = collaboration_rows(request.user)
    themes = sorted({c.get_theme_display() for c in rows})
    matrix = [{"organisation": org, "cells": [[c for c in items if c.get_theme_display() == t] for t in themes]}
              for org, items in members]
    own = set(access.organisation_ids(request.user, access.BROKER, access.COLLEAGUE))
    return render(request, "ecosystem/collaborations/overview.html",
                  {"rows": rows, "themes": themes, "matrix": matrix, "own": own})


@login_required
def collaboration_detail(request, pk):
    user = request.user
    obj = access.get_object_or_404(user, Collaboration.objects.select_related("region", "sroi_rule_set"), pk=pk)
    rule_set = obj.sroi_rule_set if obj.sroi_rule_set_id and access.can(user, access.VIEW, obj.sroi_rule_set) \
        else None
    return render(request, "ecosystem/collaborations/detail.html", {
        "object": obj, "participants": list(obj.participants.order_by("name")), "rule_set": rule_set,
        "agreements": list(obj.agreements.all()),
        "region_members": list(Organisation.objects.filter(regions=obj.region).order_by("name")),
        "history": audit.history_for(obj)})


# --- events ---------------------------------------------------------------------------------


class EventList(generic.ScopedListView):
    public = True
    queryset = Event.objects.select_related("organisation")
    filterset_class = EventFilter
    table_class = EventTable
    create_url_name = "ecosystem:event-create"


def event_detail(request, pk):
    """Public events for everyone; the organisation's staff also see the others and the history."""
    user = request.user
    obj = access.get_object_or_404(user, Event.objects.select_related("organisation"), pk=pk)
    staff = access.can(user, access.CHANGE, obj)
    return render(request, "ecosystem/events/detail.html", {
        "object": obj, "parties": list(obj.parties.filter(is_published=True)),
        "enterprises": list(access.scope(user, obj.enterprises.all())),
        "history": audit.history_for(obj) if staff else None})


class EventCreate(generic.ScopedCreateView):
    model = Event
    form_class = EventForm
    success_message = _("Bijeenkomst %(object)s is opgeslagen.")
