"""Screens of SROI rule sets: list, detail, create, change, building blocks, new version, delete.

Rule sets are published policy: every broker and colleague reads them; brokers of the owning
organisation or of a member of the owning region change them (the model's policy). A rule set a
contract pinned is never changed again: its change pages explain that and offer a new version."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from impactportal import access
from impactportal.contributions import SROI_STAFF
from impactportal.ui import generic, once, versions
from impactportal.ui.actions import RoleRequiredMixin
from impactportal.ui.forms import add_validation_error

from .. import services_rule_sets as rules
from ..filters.rule_sets import RuleSetFilter
from ..forms.rule_sets import BlockFormSet, NewVersionForm, RuleSetForm
from ..models import RuleSet
from ..services import is_pinned
from ..tables.rule_sets import BlockTable, RuleSetTable


def rule_set_queryset():
    return RuleSet.objects.select_related("organisation", "region", "previous").annotate(
        block_count=Count("blocks", distinct=True))


def may_create_rule_set(user) -> bool:
    """Under an organisation, or under a region (the region's SROI coordinator keeps its rule sets)."""
    return access.may_own(user, RuleSet) or access.may_own(user, RuleSet, path="region")


class RuleSetList(generic.ScopedListView):
    queryset = rule_set_queryset()
    filterset_class = RuleSetFilter
    table_class = RuleSetTable
    create_url_name = "procurement:rule-set-create"
    template_name = "procurement/rule_sets/list.html"
    roles = SROI_STAFF

    def may_create(self) -> bool:
        return may_create_rule_set(self.request.user)


class RuleSetDetail(generic.ScopedDetailView):
    queryset = RuleSet.objects.select_related("organisation", "region", "previous").prefetch_related("blocks")
    template_name = "procurement/rule_sets/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rule_set = self.object
        context.update(
            blocks=BlockTable(rule_set.blocks.all()),
            contract_count=rule_set.contracts.count(),
            versions=rules.versions_of(rule_set).only("pk", "name", "version", "valid_from", "valid_until"),
        )
        return context


class RuleSetFormMixin:
    """Saves through the service: a pinned rule set is refused with the reason on the form."""

    model = RuleSet
    form_class = RuleSetForm

    def save(self, form):
        return rules.rule_set_save(rule_set=form.instance, by=self.request.user)


class PinnedRefusalMixin:
    """Change pages of a pinned rule set show why they cannot be used (403) and point to a new version."""

    def refuse_if_pinned(self, rule_set):
        if is_pinned(rule_set):
            return render(self.request, "procurement/rule_sets/pinned.html",
                          {"object": rule_set, "message": rules.pinned_message(rule_set)}, status=403)
        return None


class RuleSetCreate(RuleSetFormMixin, generic.ScopedCreateView):
    template_name = "procurement/rule_sets/form.html"

    def may_create(self) -> bool:
        return may_create_rule_set(self.request.user)
    success_message = gettext_lazy("Regeling %(object)s is aangemaakt. Voeg nu de bouwblokken toe.")

    def get_success_url(self):
        return reverse("procurement:rule-set-blocks", kwargs={"pk": self.object.pk})


class RuleSetUpdate(PinnedRefusalMixin, RuleSetFormMixin, generic.ScopedUpdateView):
    template_name = "procurement/rule_sets/form.html"
    success_message = gettext_lazy("Regeling %(object)s is bijgewerkt.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            refusal = self.refuse_if_pinned(self.get_object())
            if refusal:
                return refusal
        return super().dispatch(request, *args, **kwargs)


class RuleSetDelete(PinnedRefusalMixin, generic.ScopedDeleteView):
    model = RuleSet
    success_url = reverse_lazy("procurement:rule-set-list")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            refusal = self.refuse_if_pinned(self.get_object())
            if refusal:
                return refusal
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        name = str(self.object)
        try:
            rules.rule_set_delete(rule_set=self.object, by=self.request.user)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(self.object.get_absolute_url())
        messages.success(self.request, _("%(name)s is verwijderd.") % {"name": name})
        return redirect(self.success_url)


class RuleSetObjectView(PinnedRefusalMixin, RoleRequiredMixin, View):
    """A page that changes one rule set: 404 outside view scope, 403 without the change grant."""

    template_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.rule_set = access.get_object_or_404(request.user, RuleSet.objects.select_related("organisation", "region"),
                                                 access.CHANGE, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, form, status=200):
        return render(self.request, self.template_name, {"form": form, "object": self.rule_set,
                                                         "back_url": self.rule_set.get_absolute_url()}, status=status)


class RuleSetBlocks(RuleSetObjectView):
    """The blocks of a rule set, edited together; sent after someone else changed, added or
    removed a block, nothing is saved (``versions``)."""

    template_name = "procurement/rule_sets/blocks.html"

    def formset(self, data=None):
        return BlockFormSet(data, instance=self.rule_set, user=self.request.user)

    def page(self, formset, status=200, version_token=None):
        token = version_token or versions.token_for(self.request, versions.Version().form(formset))
        return render(self.request, self.template_name, {"form": formset, "object": self.rule_set,
                                                         "back_url": self.rule_set.get_absolute_url(),
                                                         "version_token": token}, status=status)

    def get(self, request, pk):
        return self.refuse_if_pinned(self.rule_set) or self.page(self.formset())

    def post(self, request, pk):
        refusal = self.refuse_if_pinned(self.rule_set)
        if refusal:
            return refusal
        formset = self.formset(request.POST)
        with versions.transaction_for(request):  # the rule set stays locked from the version check until the save
            refused = versions.refused(request, versions.Version().form(formset), self.formset)
            if refused:  # someone else changed the blocks: the saved ones, nothing saved
                return self.page(refused[0], status=versions.STALE_STATUS, version_token=refused[1])
            if formset.is_valid():
                try:
                    with transaction.atomic():
                        rules.lock_for_change(self.rule_set, by=request.user)
                        formset.save()
                except ValidationError as error:
                    formset._non_form_errors = formset.error_class(error.messages)
                except IntegrityError:
                    formset._non_form_errors = formset.error_class([rules.DUPLICATE_CODE])
                else:
                    messages.success(request, _("De bouwblokken van %(name)s zijn opgeslagen.") % {
                        "name": self.rule_set})
                    return redirect(self.rule_set.get_absolute_url())
        return self.page(formset, status=400)


@method_decorator(once.once, name="post")  # Back and Aanmaken again: no second new version
class RuleSetNewVersion(RuleSetObjectView):
    """A copy with its own validity and the next version number; allowed on pinned rule sets too
    (that is the way to change published rules)."""

    template_name = "procurement/rule_sets/new_version.html"

    def get(self, request, pk):
        return self.render_page(once.with_token(request, NewVersionForm()))

    def post(self, request, pk):
        form = once.with_token(request, NewVersionForm(request.POST))
        if form.is_valid():
            try:
                with transaction.atomic():
                    new = rules.rule_set_new_version(rule_set=self.rule_set, by=request.user,
                                                     **{k: v for k, v in form.cleaned_data.items() if k != "notes"},
                                                     notes=form.cleaned_data["notes"] or None)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("Versie %(version)s van %(name)s is aangemaakt.") % {
                    "version": new.version, "name": new.name})
                return redirect(reverse("procurement:rule-set-detail", args=[new.pk]))
        return self.render_page(form, status=400)
