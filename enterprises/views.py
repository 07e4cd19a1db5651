"""Broker register, entrepreneur self-service, certificates, contact moments and imports.
The public showcase lives in showcase.py. Every queryset comes from the access module."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from impactportal import access, audit
from impactportal.contributions import STAFF
from impactportal.models import Notification
from impactportal.ui import generic, once, versions
from impactportal.ui.actions import ConfirmForm, ScopedActionView
from impactportal.ui.forms import add_validation_error
from impactportal.ui.imports import JobImportCreate, JobImportDetail, JobImportReportDownload
from impactportal.uploads import serve_private_file

from . import admission, checks, imports, services
from .constants import AdmissionStatus, ContactKind
from .dashboard import own_municipality, own_province
from .filters import AdmissionRuleFilter, CertificationFilter, ContactMomentFilter, EnterpriseFilter
from .forms import (
    AdmissionDecisionForm,
    AdmissionRuleCreateForm,
    AdmissionRuleForm,
    CertificationActionForm,
    CertificationForm,
    ContactMomentForm,
    ContactPersonFormSet,
    DefinitionCheckForm,
    EnterpriseForm,
    EnterpriseRegistrationForm,
    IntakeForm,
    OfferingFormSet,
    RegisterImportForm,
)
from .measurement.views import impact_context
from .models import (
    AdmissionRule,
    Certification,
    ContactMoment,
    ContactPerson,
    DefinitionCheck,
    Enterprise,
    RegisterImport,
)
from .tables import AdmissionRuleTable, CertificationTable, ContactMomentTable, EnterpriseTable
from .tasks import import_register

# --- helpers --------------------------------------------------------------------------------


def is_own(user, enterprise) -> bool:
    return access.can(user, "represent", enterprise)


def home_of(user, enterprise) -> str:
    """Where to go back to: the entrepreneur's own page, or the broker's dossier."""
    if is_own(user, enterprise) and not access.may(user, "register", Enterprise):
        return reverse("enterprises:mine-detail", args=[enterprise.pk])
    return reverse("enterprises:detail", args=[enterprise.pk])


def findings_for(enterprise, today=None):
    today = today or timezone.localdate()
    return checks.check_enterprise(
        certificates=[c.facts for c in enterprise.certifications.all()], headcount=enterprise.headcount,
        disadvantaged=enterprise.disadvantaged_count, today=today, kvk_number=enterprise.kvk_number,
    )


def _dossier_queryset():
    return Enterprise.objects.select_related("municipality", "admission_decided_by").prefetch_related(
        "themes", "sdgs", Prefetch("offerings", queryset=_offerings()),
        Prefetch("certifications", queryset=Certification.objects.select_related("verified_by")),
    )


def _offerings():
    from .models import Offering

    return Offering.objects.select_related("category")


# --- register (brokers and colleagues) ------------------------------------------------------


class RegisterList(generic.ScopedListView):
    # The columns the rows show (and their exports), not every column of the enterprise and its
    # municipality; the themes as a plain list per row (ListColumn).
    queryset = Enterprise.objects.select_related("municipality").only(
        "name", "kvk_number", "municipality_id", "enterprise_type", "headcount", "disadvantaged_count",
        "admission_status", "is_published", "municipality__name").with_theme_list()
    filterset_class = EnterpriseFilter
    table_class = EnterpriseTable
    create_url_name = "enterprises:enterprise-create"
    template_name = "enterprises/register_list.html"
    partial_template_name = "enterprises/partials/register_results.html"  # the table and where its counts come from

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not access.may(user, "register", Enterprise) and access.may(
                user, "represent", Enterprise):
            return redirect("enterprises:mine")  # entrepreneurs have their own pages
        return super().dispatch(request, *args, **kwargs)

    def check_roles(self, user):
        if not access.may(user, "register", Enterprise):
            raise access.RoleRequired(_("Het register is voor makelaars en collega's van gemeenten."))

    def get_filterset_kwargs(self, filterset_class):
        """A broker's register opens on their own municipality (what the dashboard tile counts), a
        province's broker's on their province; ``?municipality=`` (“alle gemeenten”) widens it. A
        link that names a province (``?province=``) is taken as it is."""
        kwargs = super().get_filterset_kwargs(filterset_class)
        self.own_municipality = own_municipality(self.request.user)
        self.own_province = None if self.own_municipality else own_province(self.request.user)
        if {"municipality", "province"} & set(self.request.GET):
            return kwargs
        default = ({"municipality": self.own_municipality.slug} if self.own_municipality is not None
                   else {"province": self.own_province[0]} if self.own_province is not None else {})
        if default:
            kwargs["data"] = self.request.GET.copy()
            kwargs["data"].update(default)
        return kwargs

    def one_municipality(self) -> bool:
        """Whether the list shows the enterprises of a single municipality (the broker's own, as it
        opens, or one chosen in the filter)."""
        filterset = getattr(self, "filterset", None)
        return (filterset is not None and filterset.is_bound and filterset.form.is_valid()
                and filterset.form.cleaned_data.get("municipality") is not None)

    def get_table(self, **kwargs):
        # The page only (exports keep every column, see ``get_exporter``): with one municipality
        # each row repeated its name, and the nine columns ran past the page at 1280 px (1166 px
        # in 1104), "Gepubliceerd" cut off. The filter above names the municipality.
        if self.one_municipality():
            kwargs["exclude"] = ("municipality",)
        return super().get_table(**kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["own_municipality"] = self.own_municipality
        context["own_province"] = self.own_province
        return context


def _link_requests_to_decide(user, enterprise) -> list:
    """The helpdesk's pending requests to link an account to this enterprise that the user may
    decide (the brokers of its municipality): the dossier's "Koppelverzoeken" panel."""
    from brokers.constants import LinkRequestStatus
    from brokers.models import EnterpriseLinkRequest

    return list(EnterpriseLinkRequest.objects.for_user(user, "decide")
                .filter(enterprise=enterprise, status=LinkRequestStatus.PENDING).select_related("user"))


class EnterpriseDetail(generic.ScopedDetailView):
    queryset = _dossier_queryset()
    template_name = "enterprises/enterprise_detail.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        # The dossier (contact persons, all certificates, history) is for staff and the
        # enterprise's own people; others see a showcase enterprise through the public page.
        if not access.can(request.user, "dossier", self.object):
            return redirect("enterprises:showcase-detail", pk=self.object.pk)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enterprise, user = self.object, self.request.user
        context.update(
            findings=findings_for(enterprise),
            contact_moments=ContactMoment.objects.for_user(user).filter(enterprise=enterprise)
            .select_related("owner", "organisation")[:25],
            definition_checks=DefinitionCheck.objects.for_user(user).filter(enterprise=enterprise)
            .select_related("organisation", "checked_by"),
            is_broker_of=access.can(user, "decide", enterprise),
            is_broker=access.may(user, access.CHANGE, ContactMoment),
            can_check_definition=may_check_definition(user),
            admission_form=AdmissionDecisionForm(may_publish=may_publish_on_admission(user, enterprise)),
            admission_rule=admission.rule_for(enterprise),
            may_see_admission_reasons=access.can(user, "admission_reasons", enterprise),
            # Personal data: the enterprise's own people and its municipality's staff only (the
            # register itself is shared); others read a line that says whom they are for.
            may_see_contact_persons=access.can(user, "contact_persons", enterprise),
        )
        context["contact_persons"] = (ContactPerson.objects.for_user(user).filter(enterprise=enterprise)
                                      if context["may_see_contact_persons"] else ContactPerson.objects.none())
        context["impact"] = impact_context(user, enterprise)
        context["link_requests"] = _link_requests_to_decide(user, enterprise)
        return context

    def get_history(self):
        # Whoever may not read the admission reasons does not read them in the change log either
        # (``access.can`` remembers its answer for the context's flag).
        may_see = access.can(self.request.user, "admission_reasons", self.object)
        return audit.history_for(self.object, hide=() if may_see else ("admission_reasons",))


def enterprise_page_with_link_decision(request, link_request, form):
    """The enterprise's page again (status 400) after a refused decision on one of its link
    requests taken in its "Koppelverzoeken" panel: the errors and the reason typed stay at that
    request's form. None when the user does not see the dossier (the caller shows the list)."""
    view = EnterpriseDetail()
    view.setup(request, pk=link_request.enterprise_id)
    view.object = view.get_object()
    if not access.can(request.user, "dossier", view.object):
        return None
    context = view.get_context_data(object=view.object, decision_form=form, decision_form_for=link_request.pk)
    return view.render_to_response(context, status=400)


class EnterpriseCreate(generic.ScopedCreateView):
    model = Enterprise
    form_class = EnterpriseForm
    success_message = gettext_lazy("Onderneming %(object)s is toegevoegd aan het register.")
    # An import report's unknown enterprise links here with its name and KvK number filled in.
    prefill = ("name", "kvk_number")


class EnterpriseUpdate(generic.ScopedUpdateView):
    model = Enterprise
    form_class = EnterpriseForm
    success_message = gettext_lazy("Onderneming %(object)s is bijgewerkt.")

    def form_valid(self, form):
        with transaction.atomic():
            services.enterprise_lock_admission_state(form.instance)
            was_admitted = form.reviews_on_change
            response = super().form_valid(form)
            if form.errors:  # refused on save (the form again): nothing follows
                return response
            services.enterprise_changed(enterprise=self.object, by=self.request.user, changed=form.changed_data,
                                        previous_municipality=form.initial.get("municipality"))
        if was_admitted and self.object.admission_status != AdmissionStatus.ADMITTED:
            messages.warning(self.request, _("De gemeente beoordeelt de toelating opnieuw. Tot die tijd staat de "
                                             "onderneming niet in de etalage."))
        return response

    def get_success_url(self):
        return home_of(self.request.user, self.object)


class EnterpriseDelete(generic.ScopedDeleteView):
    model = Enterprise  # "delete" is for brokers: entrepreneurs ask their broker; the register keeps history
    success_url = reverse_lazy("enterprises:register")


class EnterpriseChildMixin(LoginRequiredMixin):
    """Pages that change something belonging to one enterprise: the user must be allowed to
    change the enterprise itself (404 outside view scope, 403 when read-only)."""

    action = access.CHANGE

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.enterprise = access.get_object_or_404(request.user, Enterprise.objects.select_related("municipality"),
                                                   self.action, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, title, template="enterprises/child_form.html", **extra):
        return render(self.request, template, {"form": form, "title": title, "enterprise": self.enterprise,
                                               "back_url": home_of(self.request.user, self.enterprise), **extra})


class FormSetView(EnterpriseChildMixin, View):
    """The enterprise's rows of one kind, edited together; sent after someone else changed, added
    or removed a row, nothing is saved (``versions``)."""

    formset_class = None
    title = ""
    row_name = ""  # each row's legend and its errors in the summary: "Aanbod 2: Naam: …"
    success_message = ""

    def formset(self, data=None):
        return self.formset_class(data, instance=self.enterprise, form_kwargs={"user": self.request.user})

    def render_formset(self, formset, status=200, version_token=None):
        version_token = version_token or versions.token_for(self.request, versions.Version().form(formset))
        response = self.render_form(formset, self.title, template="enterprises/formset.html", row_name=self.row_name,
                                    version_token=version_token)
        response.status_code = status
        return response

    def get(self, request, pk):
        return self.render_formset(self.formset())

    def post(self, request, pk):
        formset = self.formset(request.POST)
        with versions.transaction_for(request):  # the enterprise stays locked from the version check until the save
            refused = versions.refused(request, versions.Version().form(formset), self.formset)
            if refused:  # someone else changed the rows: the saved ones, nothing saved
                return self.render_formset(refused[0], status=versions.STALE_STATUS, version_token=refused[1])
            if formset.is_valid():
                with transaction.atomic():
                    formset.save()
                messages.success(request, self.success_message)
                return redirect(home_of(request.user, self.enterprise))
        return self.render_formset(formset)


class OfferingsEdit(FormSetView):
    formset_class = OfferingFormSet
    title = gettext_lazy("Aanbod: producten en diensten")
    row_name = gettext_lazy("Aanbod")
    success_message = gettext_lazy("Het aanbod is opgeslagen.")


class ContactPersonsEdit(FormSetView):
    formset_class = ContactPersonFormSet
    title = gettext_lazy("Contactpersonen")
    row_name = gettext_lazy("Contactpersoon")
    success_message = gettext_lazy("De contactpersonen zijn opgeslagen.")


# --- admission ------------------------------------------------------------------------------


class AdmissionApply(ScopedActionView):
    model = Enterprise

    def perform(self, enterprise, data):
        return services.enterprise_apply(enterprise=enterprise, by=self.request.user)

    def get_success_url(self, enterprise, result):
        return home_of(self.request.user, enterprise)

    def get_success_message(self, enterprise, data, result):
        # A broker applying on the enterprise's behalf reads about the enterprise, not to it.
        staff = not is_own(self.request.user, enterprise)
        if result.admission_status == AdmissionStatus.ADMITTED:
            return (_("De onderneming is automatisch toegelaten op haar erkende keurmerk.") if staff else
                    _("Uw onderneming is automatisch toegelaten op haar erkende keurmerk."))
        # In the terms the page used before applying (``who_assesses``), under the same rule.
        return " ".join((_("De aanvraag is ingediend."), admission.who_assesses(admission.rule_for(result),
                                                                               applied=True, staff=staff)))


class AdmissionDecide(ScopedActionView):
    """Start the review (``action=review``), or admit / reject: brokers of the enterprise's
    municipality."""

    model = Enterprise
    action = "decide"
    success_url_name = "enterprises:detail"
    # The profile the decision is taken on (``enterprises/partials/profile.html``): a profile changed
    # since the page was loaded is not admitted unseen.
    versioned_fields = ("name", "kvk_number", "legal_form", "address", "postcode", "city", "municipality", "website",
                        "founding_year", "stage", "enterprise_type", "headcount", "disadvantaged_count",
                        "description", "themes", "sdgs")

    def reviewing(self):
        return self.request.POST.get("action") == "review"

    def get_form(self):
        if self.reviewing():
            return ConfirmForm(**self.get_form_kwargs())
        return AdmissionDecisionForm(may_publish=may_publish_on_admission(self.request.user, self.object),
                                     **self.get_form_kwargs())

    def perform(self, enterprise, data):
        if self.reviewing():
            return services.admission_start_review(enterprise=enterprise, by=self.request.user)
        return services.admission_decide(enterprise=enterprise, by=self.request.user,
                                         admit=data["decision"] == "admit", reasons=data["reasons"],
                                         publish=data.get("publish", False))

    def get_success_message(self, enterprise, data, result):
        if self.reviewing():
            return _("De aanvraag is in behandeling genomen.")
        if data.get("publish") and result.in_showcase:
            return _("Het besluit is vastgelegd; de onderneming staat nu in de etalage.")
        return _("Het besluit is vastgelegd.")


def may_publish_on_admission(user, enterprise) -> bool:
    """Whether the admission form offers "Meteen publiceren": the decider may also change the
    enterprise's profile, and it is not published already."""
    return not enterprise.is_published and access.can(user, access.CHANGE, enterprise)


def may_check_definition(user) -> bool:
    """Whether ``user`` records a definition check for some organisation (the page's gate; the
    dossier links to it only then)."""
    return access.may_own(user, DefinitionCheck)


class DefinitionCheckEdit(EnterpriseChildMixin, View):
    action = access.VIEW  # brokers of any municipality may record their own assessment

    def setup_check(self):
        if not may_check_definition(self.request.user):
            # Not a refusal of one action on a page the user may see: the page is not for them.
            raise access.RoleRequired
        orgs = access.owner_choices(self.request.user, DefinitionCheck)
        check = DefinitionCheck.objects.filter(enterprise=self.enterprise, organisation__in=orgs).first()
        return check or DefinitionCheck(enterprise=self.enterprise, organisation=orgs.first())

    def render_check(self, form, status=200, version_token=None):
        # The wording of the definition the check is saved under: that of the checking organisation
        # (its own rule, else its region's, else the five characteristics), as each municipality
        # chooses its own definition. A broker of Amersfoort checking a Haarlem enterprise read
        # "Definitie van Gemeente Haarlem" and saved Amersfoort's check.
        version_token = version_token or versions.token_for(self.request, versions.Version().form(form))
        response = self.render_form(form, _("Definitietoets: vijf kenmerken"), version_token=version_token,
                                    admission_rule=admission.rule_for_municipality(form.instance.organisation_id))
        response.status_code = status
        return response

    def get(self, request, pk):
        return self.render_check(DefinitionCheckForm(instance=self.setup_check(), user=request.user))

    def post(self, request, pk):
        form = DefinitionCheckForm(request.POST, instance=self.setup_check(), user=request.user)
        with versions.transaction_for(request):  # the check stays locked from the version check until it is saved
            refused = versions.refused(request, versions.Version().form(form),
                                       lambda: DefinitionCheckForm(instance=self.setup_check(), user=request.user))
            if refused:  # a colleague of the organisation changed (or made) the check: theirs, nothing saved
                return self.render_check(refused[0], status=versions.STALE_STATUS, version_token=refused[1])
            if form.is_valid():
                services.definition_check_save(enterprise=self.enterprise, organisation=form.instance.organisation,
                                               by=request.user, values=form.cleaned_data)
                messages.success(request, _("De definitietoets is opgeslagen."))
                return redirect("enterprises:detail", pk=pk)
        return self.render_check(form)


# --- admission rules ------------------------------------------------------------------------


def admission_rule_queryset():
    return AdmissionRule.objects.select_related("organisation", "region")


class AdmissionRuleList(generic.ScopedListView):
    """Every platform's rule (published policy); the rule of the user's own municipality on top."""

    queryset = admission_rule_queryset()
    table_class = AdmissionRuleTable
    filterset_class = AdmissionRuleFilter
    create_url_name = "enterprises:admission-rule-create"
    template_name = "enterprises/admission_rules.html"
    roles = STAFF

    def get_queryset(self):
        # Which rules the reader may change: the table links only those to their edit page.
        return access.annotate_can(super().get_queryset(), self.request.user, access.CHANGE, "may_change")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        municipality = own_municipality(self.request.user)
        context["own_municipality"] = municipality
        context["own_rule"] = admission.rule_for_municipality(municipality.pk) if municipality else None
        return context


class AdmissionRuleCreate(generic.ScopedCreateView):
    model = AdmissionRule
    form_class = AdmissionRuleCreateForm
    template_name = "enterprises/admission_rule_form.html"
    success_url = reverse_lazy("enterprises:admission-rules")
    success_message = gettext_lazy("%(object)s is opgeslagen.")

    def form_valid(self, form):
        if not services.may_own_admission_rule(self.request.user, form.instance):
            raise PermissionDenied
        return super().form_valid(form)


class AdmissionRuleUpdate(generic.ScopedUpdateView):
    """View and change a rule: brokers of the owning organisation or of a member of the owning
    region (others who may read the rule get 403, as the list shows it to them already)."""

    model = AdmissionRule
    queryset = admission_rule_queryset()
    form_class = AdmissionRuleForm
    template_name = "enterprises/admission_rule_form.html"
    success_url = reverse_lazy("enterprises:admission-rules")
    success_message = gettext_lazy("%(object)s is opgeslagen.")


# --- certificates ---------------------------------------------------------------------------


@method_decorator(once.once, name="post")  # Back and Opslaan again: no second certificate
class CertificationCreate(EnterpriseChildMixin, View):
    def get(self, request, pk):
        return self.render_form(once.with_token(request, CertificationForm(user=request.user)),
                                _("Certificaat toevoegen"))

    def post(self, request, pk):
        form = CertificationForm(request.POST, request.FILES, user=request.user,
                                 instance=Certification(enterprise=self.enterprise))
        if form.is_valid():
            services.certification_save(certification=form.instance, by=request.user, changed=form.changed_data)
            messages.success(request, _("Het certificaat is toegevoegd."))
            return redirect(home_of(request.user, self.enterprise))
        return self.render_form(once.with_token(request, form), _("Certificaat toevoegen"))


class CertificationList(generic.ScopedListView):
    # The columns the rows show (and their exports), not every column of the enterprise.
    queryset = Certification.objects.select_related("enterprise").only(
        "scheme", "enterprise_id", "number", "valid_until", "status", "verified_at", "enterprise__name",
        "enterprise__kvk_number")
    filterset_class = CertificationFilter
    table_class = CertificationTable


class CertificationDetail(generic.ScopedDetailView):
    queryset = Certification.objects.select_related("enterprise__municipality", "verified_by")
    template_name = "enterprises/certification_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cert = self.object
        user = self.request.user
        # The public part of a certificate is scheme, number, validity and status; evidence,
        # notes, findings and history belong to the enterprise and the brokers.
        context["may_see_evidence"] = access.can(user, "evidence", cert)
        context["may_see_history"] = access.can(user, "history", cert)
        if context["may_see_history"]:
            context["findings"] = [f for f in findings_for(cert.enterprise) if f.certificate_id == cert.pk]
        context["may_verify"] = access.can(user, "verify", cert)
        context["back_url"] = home_of(user, cert.enterprise)
        return context

    def get_history(self):
        # The public part of a certificate is scheme, number, validity and status (see above).
        user, cert = self.request.user, self.object
        if not access.can(user, "history", cert):
            return None
        return audit.history_for(cert, hide=() if access.can(user, "evidence", cert) else ("notes", "evidence"))


class CertificationUpdate(generic.ScopedUpdateView):
    model = Certification
    form_class = CertificationForm
    success_message = gettext_lazy("Het certificaat is bijgewerkt.")

    def save(self, form):
        return services.certification_save(certification=form.instance, by=self.request.user,
                                           changed=form.changed_data)


class CertificationDelete(generic.ScopedDeleteView):
    model = Certification

    def form_valid(self, form):
        enterprise = self.object.enterprise
        with transaction.atomic():
            response = super().form_valid(form)
            # Deleted, the label an admission rested on no longer holds (``services.label_admission_recheck``).
            services.label_admission_recheck(enterprise=enterprise)
        return response

    def get_success_url(self):
        return home_of(self.request.user, self.object.enterprise)


@login_required
def certification_evidence(request, pk):
    cert = access.get_object_or_404(request.user, Certification, "evidence", pk=pk)
    return serve_private_file(request.user, cert, "evidence")


class CertificationAction(ScopedActionView):
    """Verify, revoke or dispute: a broker of the enterprise's municipality."""

    model = Certification
    action = "verify"
    form_class = CertificationActionForm
    # What the certificate page shows: another scheme or validity since the page is not verified unseen.
    versioned_fields = ("enterprise", "scheme", "number", "issuer", "issued_on", "valid_until", "evidence", "notes")

    def perform(self, cert, data):
        if data["action"] == "verify":
            return services.certification_verify(certification=cert, by=self.request.user)
        return services.certification_set_status(certification=cert, by=self.request.user, status=data["action"])

    def get_success_message(self, cert, data, result):
        return _("Het certificaat is geverifieerd.") if data["action"] == "verify" else _("De status is bijgewerkt.")


# --- contact moments ------------------------------------------------------------------------


class ContactMomentList(generic.ScopedListView):
    queryset = ContactMoment.objects.select_related("enterprise", "owner", "organisation")
    filterset_class = ContactMomentFilter
    table_class = ContactMomentTable

    def check_roles(self, user):
        # Contact moments are the brokers' and network partners' record: other roles never have
        # one, and an empty list told them nothing (other pages say they are not for their role).
        if not access.may(user, access.VIEW, ContactMoment):
            raise access.RoleRequired


class ContactMomentCreate(generic.ScopedCreateView):
    model = ContactMoment
    success_message = gettext_lazy("Contactmoment %(object)s is vastgelegd.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.enterprise = access.get_object_or_404(request.user, Enterprise, access.VIEW, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def is_intake(self):
        return (self.request.GET.get("soort") or self.request.POST.get("kind")) == ContactKind.INTAKE

    def get_form_class(self):
        return IntakeForm if self.is_intake() else ContactMomentForm

    def get_initial(self):
        initial = super().get_initial()
        if self.is_intake():
            initial.update(kind=ContactKind.INTAKE, subject=_("Intakegesprek"))
        return initial

    def form_valid(self, form):
        form.instance.enterprise = self.enterprise
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verbose_name"] = _("contactmoment met %(name)s") % {"name": self.enterprise.name}
        return context


class ContactMomentDetail(generic.ScopedDetailView):
    queryset = ContactMoment.objects.select_related("enterprise", "owner", "organisation")
    template_name = "enterprises/contact_detail.html"


class ContactMomentUpdate(generic.ScopedUpdateView):
    model = ContactMoment
    success_message = gettext_lazy("Contactmoment %(object)s is bijgewerkt.")

    def get_form_class(self):
        # A contact moment made an intake gets the intake questions (the model needs one answered).
        intake = ContactKind.INTAKE in (self.object.kind, self.request.POST.get("kind"))
        return IntakeForm if intake else ContactMomentForm

    def version_form_class(self):
        # The version is read before the row (under its lock), and a conversation made an intake
        # is saved with the intake form: the intake form's fields (a superset) serve both.
        return IntakeForm


class ContactMomentDelete(generic.ScopedDeleteView):
    model = ContactMoment
    success_url = reverse_lazy("enterprises:contact-list")


# --- register import ------------------------------------------------------------------------


class ImportCreate(JobImportCreate):
    model = RegisterImport
    form_class = RegisterImportForm
    template_name = "enterprises/import_form.html"
    task = import_register
    job_title = gettext_lazy("Registerimport")
    job_kind = "register_import"


class ImportDetail(JobImportDetail):
    queryset = RegisterImport.objects.select_related("job", "uploaded_by", "organisation")
    template_name = "enterprises/import_detail.html"
    partial_template_name = "enterprises/partials/import_report.html"
    report_module = imports


class ImportReportDownload(JobImportReportDownload, ImportDetail):
    @property
    def filename(self):
        # Named in the reader's language, as every export is: "registerimport-2.csv", "register-import-2.csv".
        return slugify(_("Registerimport")) + "-{pk}.csv"


# --- entrepreneur self-service --------------------------------------------------------------


@login_required
def mine(request):
    """"Mijn onderneming": the one enterprise the user represents, else a list of them. Someone
    whose only relation to an enterprise is a link request reads that it waits for the
    municipality (or why it was rejected) and what they can do, not an empty list; the request
    itself gives no access to the enterprise."""
    from brokers.helpdesk.signup import pending_link_requests, rejected_link_requests  # the helpdesk's

    enterprises = list(Enterprise.objects.for_user(request.user, "represent").select_related("municipality"))
    if len(enterprises) == 1:  # a request for a second enterprise is told on its page
        return redirect("enterprises:mine-detail", pk=enterprises[0].pk)
    return render(request, "enterprises/mine.html", {
        "enterprises": enterprises, "pending_links": pending_link_requests(request.user),
        "rejected_links": rejected_link_requests(request.user, represented=enterprises),
        "may_register": access.may_register_enterprise(request.user),
    })


@login_required
def self_register(request):
    if not access.may_register_enterprise(request.user):
        # Staff (a broker, a regional SROI coordinator) would become the enterprise's entrepreneur:
        # the page says who registers an enterprise instead of showing the form.
        return render(request, "enterprises/self_register.html", {"not_for_staff": True}, status=403)
    # The KvK number the sign-up or the link page already asked for (``?kvk_number=``): not typed twice.
    known = request.GET.get("kvk_number", "")[:8]
    form = EnterpriseRegistrationForm(request.POST or None, user=request.user,
                                      initial={"kvk_number": known} if known.isdigit() else None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            enterprise = services.enterprise_register(by=request.user, themes=data.pop("themes"),
                                                      sdgs=data.pop("sdgs"), **data)
        except ValidationError as error:  # e.g. a parallel registration took the KvK number
            add_validation_error(form, error)
        else:
            messages.success(request, _("Uw onderneming staat in het register. Vraag toelating tot de etalage "
                                        "aan als u zichtbaar wilt zijn voor inkopers."))
            return redirect("enterprises:mine-detail", pk=enterprise.pk)
    # An enterprise already in the register is not registered twice: its entrepreneur links their
    # account to it instead (the helpdesk's "Onderneming koppelen"); the page shows the way there.
    kvk_taken = form.is_bound and form.has_error("kvk_number", "unique")
    return render(request, "enterprises/self_register.html", {"form": form, "kvk_taken": kvk_taken})


@login_required
def mine_detail(request, pk):
    from brokers.helpdesk.signup import pending_link_requests  # the helpdesk's link requests

    if not access.can(request.user, "represent", Enterprise(pk=pk)):
        # Staff following an entrepreneur's link land on the dossier; others get 404.
        visible = access.get_object_or_404(request.user, Enterprise, access.VIEW, pk=pk)
        return redirect("enterprises:detail", pk=visible.pk)
    enterprise = access.get_object_or_404(request.user, _dossier_queryset(), access.VIEW, pk=pk)
    notifications = Notification.objects.for_user(request.user).order_by("-created_at")[:10]
    return render(request, "enterprises/mine_detail.html", {
        "object": enterprise, "findings": findings_for(enterprise), "notifications": notifications,
        "can_apply": enterprise.admission_status in (AdmissionStatus.NOT_APPLIED, AdmissionStatus.REJECTED),
        "who_assesses": admission.who_assesses(admission.rule_for(enterprise)),
        # After applying the page said only "Aangevraagd": who decides and how they hear, as the
        # message right after applying says it (``apply``).
        "waiting_for": (" ".join((_("Uw aanvraag is ingediend."), admission.who_assesses(
            admission.rule_for(enterprise), applied=True), _("Het besluit staat daarna hier en in uw meldingen.")))
            if enterprise.admission_status in (AdmissionStatus.APPLIED, AdmissionStatus.UNDER_REVIEW) else ""),
        "history": audit.history_for(enterprise, limit=10),
        "impact": impact_context(request.user, enterprise),
        "pending_links": pending_link_requests(request.user),
    })
