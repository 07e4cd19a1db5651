"""Actions on one object (admit, verify, assign, decide …) and role-gated pages, with one
behaviour everywhere:

- outside the user's view scope: 404; visible but the policy does not grant the action: 403;
- a visitor is sent to the login page; a signed-in user without the page's role gets the 403
  page that says the page is not for their role;
- bad input or a refusal by the service: the page again with the form's errors and status 400,
  never a redirect that loses what was typed;
- success: a message and a redirect.

A new action is a service function, one line in the model's policy, a form and a few lines::

    class CertificationVerify(ScopedActionView):
        model = Certification
        action = "verify"

        def perform(self, obj, data):
            return services.certification_verify(certification=obj, by=self.request.user)

A decision on what a page shows (verify a line, pay a claim) names those fields,
``versioned_fields``; its form carries their version (``{% decision_version obj 'url-name' %}``,
``portal_decisions``) and a decision taken on a page loaded before someone changed one of them
is refused (409, nothing done): the broker looks again first. A POST without a version (a
script, an old page) is handled as before.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.views import View

from impactportal import access

from . import versions
from .forms import PortalForm, add_validation_error


def role_required(*roles):
    """Function-view gate: login page for visitors, a 403 for users without one of ``roles``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access.require_role(request.user, *roles)
            return view(request, *args, **kwargs)

        wrapped.roles = roles  # what ``admits`` asks before a page links here
        return wrapped

    return decorator


class RoleRequiredMixin(LoginRequiredMixin):
    """Class-view gate: ``roles = (access.BROKER, …)``; empty means any signed-in user."""

    roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.check_roles(request.user)
        return super().dispatch(request, *args, **kwargs)

    def check_roles(self, user):
        if self.roles:
            access.require_role(user, *self.roles)


def admits(request, viewname: str, *args) -> bool:
    """Whether the page of route ``viewname`` (with ``args``) lets ``request.user`` in: the gate the
    page itself applies (``role_required``'s roles, or a class view's ``check_roles``), asked
    before a page links there, so a link is offered only to users the page admits. A route that
    does not exist admits no one."""
    user = request.user
    if not user.is_authenticated:
        return False
    try:
        match = resolve(reverse(viewname, args=args))
    except (NoReverseMatch, Resolver404):
        return False
    view_class = getattr(match.func, "view_class", None)
    if view_class is None:
        roles = getattr(match.func, "roles", ())
        return not roles or access.has_role(user, *roles)
    view = view_class(**getattr(match.func, "view_initkwargs", {}))
    view.setup(request, *match.args, **match.kwargs)
    try:
        if hasattr(view, "check_roles"):
            view.check_roles(user)
    except PermissionDenied:
        return False
    return True


class ConfirmForm(PortalForm):
    """An action without input (verify, start review): a button is enough."""


class ScopedActionView(RoleRequiredMixin, View):
    model = None
    queryset = None
    action: str = access.CHANGE
    form_class = ConfirmForm
    success_message = ""
    success_url_name = ""  # reversed with the object's pk; default: the object's own page
    template_name = "ui/action_form.html"
    # Opt-in: the fields of the object whose change since its page was loaded refuses the decision
    # (``versions``): what the broker decides on, not the state the service checks itself.
    versioned_fields: tuple[str, ...] = ()

    def base_queryset(self):
        return self.queryset.all() if self.queryset is not None else self.model._default_manager.all()

    def get_object(self):
        return access.get_object_or_404(self.request.user, self.base_queryset(), self.action, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {"data": self.request.POST, "files": self.request.FILES}

    def get_form(self):
        return self.form_class(**self.get_form_kwargs())

    def perform(self, obj, data):
        """Call the service; it locks the row and checks the action again."""
        raise NotImplementedError

    def get_success_url(self, obj, result):
        if self.success_url_name:
            return redirect(self.success_url_name, pk=obj.pk).url
        return obj.get_absolute_url()

    def get_success_message(self, obj, data, result):
        return self.success_message

    def success_message_takes_focus(self, obj, data, result) -> bool:
        """Whether the success message takes the focus (base.html's ``data-focus``): one the user
        must read before going on. Other messages sit in the page's status region, which screen
        readers do not announce on a new page."""
        return False

    def dispatch(self, request, *args, **kwargs):
        # The object is looked up before the method is checked: a GET on someone else's
        # object is a 404 (or 403), never a hint that it exists.
        if request.user.is_authenticated:
            self.check_roles(request.user)
            self.object = self.get_object()
            if request.method != "POST":
                return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if self.versioned_fields:
            form.version_token = versions.posted(request)  # a form in error keeps the version it was loaded with
        if form.is_valid():
            try:
                with transaction.atomic():  # the version's lock holds until the decision is taken
                    stale = self.stale_version()
                    result = None if stale else self.perform(self.object, form.cleaned_data)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                if stale:
                    return self.version_refused(form)
                message = self.get_success_message(self.object, form.cleaned_data, result)
                if message:
                    focus = self.success_message_takes_focus(self.object, form.cleaned_data, result)
                    messages.success(request, message, extra_tags="focus" if focus else "")
                return redirect(self.get_success_url(self.object, result))
        return self.form_invalid(form)

    def form_invalid(self, form):
        return action_form_invalid(self.request, form, self.object, self.template_name)

    def version_locks(self, obj) -> list:
        """Rows the service locks before ``obj`` (as ``(model, pk)``): locked first here too, in the
        service's order, so the version's lock never makes two decisions wait for each other."""
        return []

    def stale_version(self) -> bool:
        """In the transaction that performs: whether the POST carries another version than the
        object's current one (decide nothing); a POST without a version is decided as before."""
        sent = versions.posted(self.request)
        if sent is None or not self.versioned_fields:
            return False
        for model, pk in self.version_locks(self.object):
            list(model._base_manager.filter(pk=pk).select_for_update().values_list("pk"))
        current = versions.row_version(self.base_queryset().model, self.object.pk, list(self.versioned_fields),
                                       lock=True)
        return current != sent

    def version_refused(self, form):
        """The action's page (409): what changed is not on it, so it offers no retry but the way
        back to the object's page, to look again and decide there."""
        form.add_error(None, ValidationError(versions.decision_stale_message(), code="stale"))
        form.version_refused = True
        response = self.form_invalid(form)
        response.status_code = versions.STALE_STATUS
        return response


def action_form_invalid(request, form, obj, template_name="ui/action_form.html"):
    """The action's page again, with the errors and what was typed (status 400)."""
    return render(request, template_name, {"form": form, "object": obj, "action_url": request.path,
                                           "back_url": obj.get_absolute_url()}, status=400)
