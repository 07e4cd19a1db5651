"""The staff pages of an organisation's functional administrators ("Medewerkers"): the list of
the organisation's staff memberships, inviting a staff member, a member's page (change role,
department and flags; the change log), ending a membership, sending an invitation again; the
invitee's page to choose a first password, and the page where an existing account accepts its
invitation. The decisions are ``services``'; access is the ``Membership`` policy (404 outside the
organisation, 403 for its staff without the flag; an invitation is accepted by its own account).
While an invitation is pending the pages show what the administrator typed, not the account's
own name or address (``Membership.member_name``)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views import View

from impactportal import access, audit
from impactportal.ui import generic
from impactportal.ui.actions import ScopedActionView

from . import services
from .filters import MemberFilter
from .forms import InvitationPasswordForm, MemberChangeForm, MemberInviteForm
from .models import Membership, Organisation
from .tables import MemberTable

MEMBERS = services.listed_memberships().select_related("user", "organisation", "partner_organisation")


class AdminPageMixin:
    """A page without an object (the list, the invitation): for functional administrators and
    superusers; other signed-in users get the 403 page that says whom it is for."""

    roles = (access.FUNCTIONAL_ADMIN,)

    def check_roles(self, user):
        if not access.has_role(user, *self.roles):
            raise access.RoleRequired(_("Deze pagina is voor de functioneel beheerders van een organisatie: zij "
                                        "beheren de medewerkers."))


def _still_manages(user, membership) -> bool:
    """After a change to their own membership an administrator may have given the page away."""
    access.forget(user)
    return access.can(user, access.CHANGE, membership)


class MemberList(AdminPageMixin, generic.ScopedListView):
    queryset = MEMBERS.order_by("shown_last_name", "shown_first_name", "shown_email")
    filterset_class = MemberFilter
    table_class = MemberTable
    create_url_name = "staff:member-invite"
    template_name = "accounts/staff/member_list.html"

    def get_queryset(self):
        return access.scope(self.request.user, self.base_queryset(), access.CHANGE)

    def organisations(self) -> list:
        if not hasattr(self, "_organisations"):
            self._organisations = list(services.invitable_organisations(self.request.user)[:2])
        return self._organisations

    def get_table_kwargs(self):
        # Administrators of one organisation: its name heads the page, not every row.
        return {"exclude": ("organisation",)} if len(self.organisations()) < 2 else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verbose_name"], context["verbose_name_plural"] = _("medewerker"), _("medewerkers")
        organisations = self.organisations()
        context["organisation"] = organisations[0] if len(organisations) == 1 else None
        return context


class MemberInvite(AdminPageMixin, generic.ScopedCreateView):
    model = Membership
    form_class = MemberInviteForm
    template_name = "accounts/staff/member_invite.html"

    def save(self, form):
        return services.member_invite(by=self.request.user, **form.invitation())

    def get_success_message(self, form):
        return _("%(email)s is uitgenodigd als medewerker van %(organisation)s: er is een e-mail verstuurd.") % {
            "email": form.cleaned_data["email"].strip().lower(), "organisation": self.object.organisation}

    def get_success_url(self):
        return reverse("staff:member-list")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MemberUpdate(generic.ScopedUpdateView):
    """A member's page: what the administrator may change, ending the membership, the change log."""

    queryset = MEMBERS
    form_class = MemberChangeForm
    template_name = "accounts/staff/member_detail.html"

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        self.saved_role = obj.role  # a form in error puts the typed role on the object
        return obj

    def version_locks(self, pk) -> list:
        # The staff services lock the organisation before a membership (ending, accepting and
        # re-inviting do): the version's lock on the membership first deadlocked with them.
        organisation = Membership.objects.filter(pk=pk).values_list("organisation_id", flat=True).first()
        return [(Organisation, organisation)] if organisation else []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        membership = self.object  # its user is not a field of the form: as saved
        context.update({
            "member": membership.member_name(),  # while pending: as typed, not the account's own name
            "member_email": membership.member_email(),
            "changeable": self.saved_role in services.STAFF_ROLES,
            "status": services.member_status(membership),
            "may_reinvite": services.may_reinvite(membership),
            "history": audit.history_for(membership, hide=("user",)),  # the account, by its own name
        })
        return context

    def save(self, form):
        return services.member_change(membership=self.object, by=self.request.user, **form.change())

    def get_success_message(self, form):
        return _("De gegevens van %(name)s zijn bijgewerkt.") % {"name": self.object.member_name()}

    def get_success_url(self):
        if not _still_manages(self.request.user, self.object):
            return reverse("dashboard")
        return reverse("staff:member-update", kwargs={"pk": self.object.pk})

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MemberDelete(generic.ScopedDeleteView):
    """Ending a membership (the account stays)."""

    queryset = MEMBERS
    template_name = "accounts/staff/member_confirm_end.html"

    def form_valid(self, form):
        membership, user = self.object, self.request.user
        name, organisation = membership.member_name(), membership.organisation
        try:
            services.member_end(membership=membership, by=user)
        except ValidationError as error:
            return render(self.request, self.template_name, {"object": membership, "errors": error.messages},
                          status=400)
        messages.success(self.request, _("%(name)s is geen medewerker van %(organisation)s meer.")
                         % {"name": name, "organisation": organisation})
        access.forget(user)
        if not services.invitable_organisations(user).exists():
            return redirect("dashboard")  # ended their own (only) administrator membership
        return redirect("staff:member-list")


class MemberReinvite(ScopedActionView):
    queryset = MEMBERS
    action = access.CHANGE
    success_url_name = "staff:member-update"

    def perform(self, obj, data):
        return services.member_reinvite(membership=obj, by=self.request.user)

    def get_success_message(self, obj, data, result):
        return _("Er is een nieuwe uitnodiging verstuurd naar %(email)s.") % {"email": obj.member_email()}

    def form_invalid(self, form):
        return render(self.request, self.template_name,
                      {"form": form, "object": self.object.member_name(), "action_url": self.request.path,
                       "back_url": reverse("staff:member-update", args=[self.object.pk])}, status=400)


class InvitationAccept(auth_views.PasswordResetConfirmView):
    """The invitation's link: the invitee chooses a password, the account becomes active and its
    invitations are accepted. Django's password-reset confirmation, for accounts an invitation is
    for (``may_set_first_password``) that still have a staff membership: a link mailed before the
    membership was ended no longer works."""

    form_class = InvitationPasswordForm
    template_name = "accounts/staff/invitation.html"
    success_url = reverse_lazy("login")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        if user is None or not services.may_set_first_password(user):
            return None
        return user if services.staff_memberships().filter(user=user).exists() else None

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            services.invitation_accepted(user=form.user)
        messages.success(self.request, _("Uw wachtwoord is opgeslagen en uw account is actief. Meld u nu aan."))
        return response


class MembershipAccept(LoginRequiredMixin, View):
    """An existing account's invitation (the link in its notification): signed in as that account
    it reads what it is invited to and accepts it. Anyone else's invitation, or one accepted or
    ended, is not found (404)."""

    template_name = "accounts/staff/membership_accept.html"

    def get_object(self):
        invitations = access.scope(self.request.user, MEMBERS, "accept")
        return get_object_or_404(invitations, pk=self.kwargs["pk"])

    def get(self, request, pk):
        membership = self.get_object()
        return render(request, self.template_name, {
            "object": membership, "role": services.role_phrase(membership.role, membership.department)})

    def post(self, request, pk):
        membership = services.membership_accept(membership=self.get_object(), by=request.user)
        messages.success(request, _("U bent nu medewerker van %(organisation)s.")
                         % {"organisation": membership.organisation})
        return redirect("dashboard")
