"""Generic list / detail / create / update / delete views. An app's view sets ``model`` (or
``queryset``), ``filterset_class``, ``table_class``, ``form_class`` and little else; access,
audit, pagination, sorting and export are handled here once.

A public list (``public = True``: the showcase, the knowledge base, the parties) is open to
anonymous visitors, who get the rows ``access.scope`` makes public to them."""

import datetime
import itertools
from decimal import Decimal
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError
from django.forms.utils import ErrorDict
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.timezone import get_current_timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from impactportal import access, audit
from impactportal.api.pagination import PageNumberPagination
from impactportal.exports import PortalTableExport
from impactportal.integrity import explain_integrity_error
from impactportal.money import euro
from impactportal.ordering import StablePaginator

from . import versions
from .actions import RoleRequiredMixin
from .columns import formatted_date, short_date
from .detail_links import DetailLinksMixin
from .forms import add_validation_error, style_widgets
from .middleware import page_above
from .once import Busy, OnceFormMixin, busy_message, release, remember, sent_before, token_for


def wants_fragment(request) -> bool:
    """Whether an htmx request asks for the list's part of the page (a live search, a page link),
    not the whole page: htmx's Back past the copies it keeps asks for the whole page (its
    history-restore request), and the fragment it got showed as a bare table without header or menu."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


class BoundedPaginator(StablePaginator):
    """Keeps ``?per_page=`` within [1, the API's maximum page size]: a negative size broke the
    page count (a 500) and a huge one rendered every row, sidestepping the background export.
    django-tables2 already ignores 0 and non-numbers (a default page size is used)."""

    def __init__(self, object_list, per_page, *args, **kwargs):
        per_page = min(max(int(per_page), 1), PageNumberPagination.max_page_size)
        super().__init__(object_list, per_page, *args, **kwargs)


def new_label(model) -> str:
    """The "new" button's and the create form's phrase: the model's ``new_label`` (a translatable
    full phrase, "Nieuwe actie", "Nieuw pand": Dutch inflects the adjective by the noun's article),
    else "Nieuw: <verbose name>"."""
    label = getattr(model, "new_label", None)
    return label if label else _("Nieuw: %(name)s") % {"name": model._meta.verbose_name}


class ScopedMixin(RoleRequiredMixin):
    model = None
    queryset = None

    def base_queryset(self):
        return self.queryset.all() if self.queryset is not None else self.model._default_manager.all()

    def get_queryset(self):
        return access.scope(self.request.user, self.base_queryset(), access.VIEW)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        model = self.model or self.queryset.model
        context["verbose_name"] = model._meta.verbose_name
        context["verbose_name_plural"] = model._meta.verbose_name_plural
        context["new_label"] = new_label(model)
        context["can_create"] = self.may_create()
        return context

    def may_create(self) -> bool:
        return access.may_own(self.request.user, self.model or self.queryset.model)


class ScopedListView(ScopedMixin, ExportMixin, SingleTableMixin, FilterView):
    """``table_class = None`` lists without a table (cards): the template shows ``page_obj``; such a
    list exports through ``export_table_class`` when it names one (the template offers the links:
    ``ui/partials/export_links.html``)."""

    template_name = "ui/object_list.html"
    partial_template_name = "ui/partials/object_table.html"  # the results htmx swaps in
    paginate_by = 25
    paginator_class = BoundedPaginator  # per_page bounded; sort key + pk, no rows lost between pages
    export_class = PortalTableExport
    export_formats = ("csv", "xlsx")
    export_trigger_param = "_export"
    create_url_name = None
    export_table_class = None  # the table a list of cards (no table_class) exports
    export_title = None  # the export's file name, when not the model's verbose_name_plural
    public = False  # True: no login needed; anonymous visitors see the public rows
    public_export = False  # True: anonymous visitors of a public list may export it too

    def dispatch(self, request, *args, **kwargs):
        if self.public:
            # Skips only the login and role checks (RoleRequiredMixin, LoginRequiredMixin): the
            # rows still come from access.scope (get_queryset).
            return super(LoginRequiredMixin, self).dispatch(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def may_create(self) -> bool:
        return bool(self.create_url_name) and super().may_create()

    def can_export(self) -> bool:
        return (self.table_class or self.export_table_class) is not None and (
            self.request.user.is_authenticated or self.public_export)

    def get_table(self, **kwargs):
        return None if self.table_class is None else super().get_table(**kwargs)

    def paginate_queryset(self, queryset, page_size):
        """A bad or too high page number shows the first or last page (as the tables do), no 404.
        A table paginates (and counts) its rows itself: the view paginating too would count twice."""
        if self.table_class is not None:
            return None, None, queryset, False
        paginator = self.get_paginator(queryset, page_size, orphans=self.get_paginate_orphans(),
                                       allow_empty_first_page=self.get_allow_empty())
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_export_filename(self, export_format):
        """The list's title in the active language and today's date, in safe ASCII:
        "ondernemingen-2026-12-05.xlsx", in English "enterprises-2026-12-05.xlsx"."""
        model = self.model or self.queryset.model
        name = slugify(str(self.export_title or model._meta.verbose_name_plural)) or "export"
        return f"{name}-{timezone.localdate().isoformat()}.{export_format}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["create_url_name"] = self.create_url_name
        if context.get("filter") is not None:
            style_widgets(context["filter"].form)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["export_query"] = query.urlencode()
        context["is_filtered"] = any(v for k, v in self.request.GET.items() if k not in ("page", "sort"))
        context["can_export"] = self.can_export()
        return context

    def get_exporter(self, export_format) -> PortalTableExport:
        """The export of this list as ``self.request.user`` sees it, filtered and sorted by
        ``self.request.GET``: the scoped queryset, the FilterSet and the table, as on screen.
        It reads nothing else of the request, so the background export builds the very same
        export from the stored user and query string (``impactportal.exports.Requester``)."""
        # The FilterSet as the page builds it, defaults included (the register opens on the
        # broker's own municipality): the export holds the rows the page counted, no others.
        filterset = self.get_filterset(self.get_filterset_class())
        rows = filterset.qs if not filterset.is_bound or filterset.is_valid() or not self.get_strict() \
            else filterset.queryset.none()
        table_class = self.table_class or self.export_table_class or self.get_table_class()
        table = table_class(data=rows, **self.get_table_kwargs())
        order_by = self.request.GET.getlist(table.prefixed_order_by_field)
        if order_by:
            table.order_by = order_by
        return self.export_class(export_format=export_format, table=table, exclude_columns=self.exclude_columns,
                                 dataset_kwargs=self.get_dataset_kwargs())

    def create_export(self, export_format):
        return self.get_exporter(export_format).response(filename=self.get_export_filename(export_format))

    def render_to_response(self, context, **kwargs):
        """Large exports go to a background job; the user follows its progress."""
        from impactportal.exports import SYNC_EXPORT_LIMIT, export_list
        from impactportal.jobs import job_start

        if not context["can_export"]:
            return super(ExportMixin, self).render_to_response(context, **kwargs)  # the page, no export
        export_format = self.request.GET.get(self.export_trigger_param)
        if self.export_class.is_valid_format(export_format) and self.object_list.count() > SYNC_EXPORT_LIMIT:
            if not self.request.user.is_authenticated:
                return redirect_to_login(self.request.get_full_path())  # a job belongs to a user
            model = self.model or self.queryset.model
            job = job_start(
                task=export_list, kind="export", user=self.request.user,
                title=_("Export van %(name)s") % {"name": model._meta.verbose_name_plural},
                view=f"{type(self).__module__}.{type(self).__qualname__}", query=self.request.GET.urlencode(),
                export_format=export_format, language=translation.get_language(),
            )
            messages.info(self.request, _("Dit zijn veel regels: de export wordt op de achtergrond gemaakt."))
            return redirect("job-detail", pk=job.pk)
        return super().render_to_response(context, **kwargs)

    def get_template_names(self):
        return [self.partial_template_name] if wants_fragment(self.request) else [self.template_name]


class ScopedDetailView(DetailLinksMixin, ScopedMixin, generic.DetailView):
    template_name = "ui/object_detail.html"
    fields: list[str] = []  # shown as a definition list when the template is the generic one
    money_fields: frozenset[str] = frozenset()  # decimals among ``fields`` shown in euros (see ``_display``)

    def get_object(self, queryset=None):
        return access.get_object_or_404(self.request.user, self.base_queryset(), access.VIEW, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        context["can_change"] = access.can(self.request.user, access.CHANGE, obj)
        context["history"] = self.get_history()
        context["rows"] = [
            (obj._meta.get_field(name).verbose_name, _display(obj, name, money=name in self.money_fields))
            for name in self.fields
        ]
        return context

    def get_history(self) -> list[dict] | None:
        """The change log the page shows (``audit.history_for``; None: the reader may not see it).
        A view that shows it otherwise (fields hidden from the reader, linked objects named)
        overrides this rather than the context, so that the log is read once per request."""
        return audit.history_for(self.object)


def _display(obj, name, money: bool = False):
    """A field's value as the lists show it, in the active language: choices by their label,
    amounts as € 7.000,00 / €7,000.00 (``MoneyColumn``), other numbers with thousands
    separators, dates as ``SHORT_DATE_FORMAT`` (a moment in local time, with its time). A field
    is money when the view names it in ``money_fields`` or its label carries the € sign
    ("bedrag (€)"); a year stays 2026, not 2.026."""
    display = getattr(obj, f"get_{name}_display", None)
    if display:
        return display()
    value = getattr(obj, name)
    if value is None or isinstance(value, bool):
        return value
    field = obj._meta.get_field(name)
    if isinstance(value, datetime.datetime):
        return formatted_date(value, "SHORT_DATETIME_FORMAT", translation.get_language(), get_current_timezone())
    if isinstance(value, datetime.date):
        return short_date(value)
    if isinstance(value, Decimal | float):
        if money or "€" in str(field.verbose_name):
            return euro(value)
        places = getattr(field, "decimal_places", None)
        return number_format(value, places if places is not None else 2, force_grouping=True)
    if isinstance(value, int) and not (name == "year" or name.endswith("_year")):
        return number_format(value, force_grouping=True)
    return value



def page_of(obj) -> str | None:
    """``obj``'s own page (``get_absolute_url``) when it has one that the URL configuration knows,
    else None: some models name an address no view answers (a response "/inkoop/reacties/2/")."""
    get_url = getattr(obj, "get_absolute_url", None)
    if obj is None or get_url is None or getattr(obj, "pk", None) is None:
        return None
    try:
        url = get_url()
        resolve(urlsplit(url).path)
    except (Resolver404, NoReverseMatch, AttributeError, ValueError):
        return None
    return url


class CancelUrlMixin:
    """The form's "Annuleren" link (``cancel_url``): a page that exists. It went to "../", which
    for "/makelaars/teams/leden/nieuw/" is "/makelaars/teams/leden/", a 404. In order: the
    object's own page (``page_of``), its parent's (``parents_of``: a team member's team), the page
    of the parent a link named (``?team=1``: one of ``prefill``'s foreign keys, when the user may
    see it), the nearest page above this address
    ("/register/33/" for "/register/33/contactmomenten/nieuw/"), the dashboard. A view that knows
    better overrides ``get_cancel_url``."""

    def get_cancel_url(self) -> str:
        obj = getattr(self, "object", None)
        url = page_of(obj)
        if url:
            return url
        for parent in itertools.chain(self.parents_of(obj), self.prefilled_parents()):  # lazily: each asks
            url = page_of(parent)
            if url:
                return url
        return page_above(self.request.path) or reverse("dashboard")

    def parents_of(self, obj):
        """The rows a saved object without a page of its own hangs under (a team member's team),
        by its foreign keys in declared order, when the user may see them; people are not parents."""
        if obj is None or getattr(obj, "pk", None) is None:
            return
        for field in obj._meta.concrete_fields:
            if not field.many_to_one or field.related_model is get_user_model():
                continue
            parent = getattr(obj, field.name, None)
            if parent is not None and hasattr(parent, "get_absolute_url"):
                try:
                    allowed = access.can(self.request.user, access.VIEW, parent)
                except ImproperlyConfigured:
                    continue
                if allowed:
                    yield parent

    def prefilled_parents(self):
        """The objects a link named through ``prefill`` (``?team=1``) that the user may see."""
        prefill = getattr(self, "prefill", ())
        fields = prefill if isinstance(prefill, dict) else {name: name for name in prefill}
        model = self.model or self.queryset.model
        for field_name, parameter in fields.items():
            value = self.request.GET.get(parameter, "").strip()
            try:
                field = model._meta.get_field(field_name)
            except FieldDoesNotExist:
                continue
            if not value or not getattr(field, "many_to_one", False):
                continue
            try:
                parent = access.scope(self.request.user, field.related_model, access.VIEW).filter(pk=value).first()
            except (ValueError, ValidationError, ImproperlyConfigured):
                continue
            if parent is not None:
                yield parent

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"cancel_url": self.get_cancel_url()}


class OwnedFormMixin:
    """Saves a valid form through ``save`` (in a transaction: inside ``ScopedUpdateView``'s
    version check when the form carries a version), then the success message and the redirect to
    ``get_success_url``. A view whose service stores the object overrides ``save``::

        def save(self, form):
            return services.request_update(request=form.instance, by=self.request.user)

    A ``ValidationError`` of the service shows on the form (next to the field it names) and
    nothing is saved; so does a unique violation another request won (an ``IntegrityError``)."""

    success_message = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def save(self, form):
        """Store the valid form and return the object the page goes on with (``self.object``)."""
        return form.save()

    def get_success_message(self, form) -> str:
        """The message after the save ("": none); ``self.object`` is the saved object."""
        return self.success_message % {"object": self.object} if self.success_message else ""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object = self.save(form)
        except ValidationError as error:
            add_validation_error(form, error)
            return self.form_invalid(form)
        except IntegrityError:
            # A unique constraint another request satisfied first (double submit): say which.
            add_validation_error(form, explain_integrity_error(form.instance))
            return self.form_invalid(form)
        message = self.get_success_message(form)
        if message:
            messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url())


class ScopedCreateView(CancelUrlMixin, OnceFormMixin, ScopedMixin, OwnedFormMixin, generic.CreateView):
    """A create form is sent once (``once``): Back and Opslaan again shows what was created."""

    template_name = "ui/object_form.html"
    # Form fields a link may fill in (a team's page links to ``?team=<pk>``): field names, or a
    # ``{field: query parameter}`` dict where the link names them otherwise.
    prefill: tuple[str, ...] | dict[str, str] = ()

    def get_initial(self):
        initial = super().get_initial()
        fields = self.prefill if isinstance(self.prefill, dict) else {name: name for name in self.prefill}
        for field, parameter in fields.items():
            value = self.request.GET.get(parameter, "").strip()
            if value:
                initial[field] = value[:200]  # a link's value: a key or a short name, never a long text
        return initial

    def check_roles(self, user):
        super().check_roles(user)
        if not self.may_create():  # no role of the user may create here (``actions.admits`` asks this too)
            raise access.RoleRequired


class ScopedUpdateView(CancelUrlMixin, ScopedMixin, OwnedFormMixin, generic.UpdateView):
    """An edit form sent after someone else changed what it shows is not saved (``versions``)."""

    template_name = "ui/object_form.html"
    unbound_form = False  # the form of a stale POST: the saved values, not the posted ones

    def post(self, request, *args, **kwargs):
        sent = versions.posted(request)
        if sent is None:  # no version: as before
            return super().post(request, *args, **kwargs)
        with transaction.atomic():  # the lock holds until the save (a view's service included) is done
            for model, pk in self.version_locks(self.kwargs["pk"]):
                list(model._base_manager.filter(pk=pk).select_for_update().values_list("pk"))
            current = self.row_version(self.kwargs["pk"], lock=True)
            self.object = self.get_object()  # outside the scope 404, not allowed 403; read after the lock
            if current != sent:
                return self.stale_form(current)
            form = self.get_form()
            return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def version_locks(self, pk) -> list:
        """Rows the view's service locks before this one (as ``(model, pk)``): locked first here
        too, in the service's order, so the version's lock never makes two saves wait for each
        other (``actions.ScopedActionView.version_locks`` for decisions)."""
        return []

    def version_form_class(self):
        """The form whose fields make the version: the page's own, unless its form depends on the
        row or on what was sent (then a form with every field either may edit, so the version the
        page showed is the version the save compares, whichever form the save uses)."""
        return self.get_form_class()

    def row_version(self, pk, lock=False) -> str | None:
        model = self.model or self.queryset.model
        return versions.row_version(model, pk, versions.edited_fields(model, self.version_form_class()), lock=lock)

    def stale_form(self, version):
        """The form with the saved values, the new version and why nothing was saved (409)."""
        self.unbound_form = True
        form = self.get_form()
        form.version_token = version
        form.cleaned_data, form._errors = {}, ErrorDict()
        form.add_error(None, ValidationError(versions.stale_message(), code="stale"))
        return self.render_to_response(self.get_context_data(form=form), status=409)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.unbound_form:
            kwargs.pop("data", None)
            kwargs.pop("files", None)
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.version_token = versions.posted(self.request) or self.row_version(self.object.pk)
        return form

    def get_object(self, queryset=None):
        obj = access.get_object_or_404(self.request.user, self.base_queryset(), access.CHANGE, pk=self.kwargs["pk"])
        # The page is headed by the saved name: a form in error has already put the typed values
        # on the object ("Wijzigen: xxxx" for a change that was not saved).
        self.object_name = str(obj)
        return obj

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"object_name": self.object_name}


class ScopedDeleteView(CancelUrlMixin, ScopedMixin, generic.DeleteView):
    template_name = "ui/object_confirm_delete.html"

    def get_object(self, queryset=None):
        return access.get_object_or_404(self.request.user, self.base_queryset(), access.DELETE, pk=self.kwargs["pk"])

    def form_valid(self, form):
        name = str(self.object)
        try:
            with transaction.atomic():
                response = super().form_valid(form)
        except ProtectedError:
            messages.error(self.request, _("%(name)s is nog in gebruik en kan niet worden verwijderd.") % {"name": name})
            return redirect(self.request.path)
        messages.success(self.request, _("%(name)s is verwijderd.") % {"name": name})
        return response


class ScopedChildCreateView(RoleRequiredMixin, generic.View):
    """Adds a row under a parent the user may change (a bond under its contract, a repayment under
    its investment …): 404 outside the scope, 403 without the change grant. GET shows the form;
    POST saves or shows the errors (400). The default ``save`` locks the parent and checks the
    grant again on the locked row; a view whose service does that overrides ``save``."""

    parent_model = None
    parent_queryset = None  # instead of parent_model, to narrow or prefetch
    parent_field = ""  # the new row's foreign key to the parent
    form_class = None
    template_name = "ui/object_form.html"
    title = ""
    success_message = gettext_lazy("Opgeslagen.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            source = self.parent_queryset if self.parent_queryset is not None else self.parent_model
            self.parent = access.get_object_or_404(request.user, source, access.CHANGE, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def form_kwargs(self):
        instance = self.form_class._meta.model(**{self.parent_field: self.parent})
        return {"user": self.request.user, "instance": instance}

    def save(self, form):
        try:
            with transaction.atomic():
                parent = access.require_locked(self.request.user, access.CHANGE, self.parent)
                setattr(form.instance, self.parent_field, parent)
                return form.save()
        except IntegrityError:
            raise ValidationError(_("Deze gegevens staan er al.")) from None

    def success_url(self, obj):
        return self.parent.get_absolute_url()

    def render_form(self, form, status=200):
        form.once_token = token_for(self.request)  # sent once, as ScopedCreateView's forms
        return render(self.request, self.template_name, {
            "form": form, "parent": self.parent, "title": self.title, "cancel_url": self.parent.get_absolute_url(),
            "verbose_name": self.form_class._meta.model._meta.verbose_name,
            "new_label": new_label(self.form_class._meta.model)}, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(self.form_class(**self.form_kwargs()))

    def post(self, request, *args, **kwargs):
        earlier = sent_before(request)
        if isinstance(earlier, Busy):  # the same form, sent twice at once: the other POST creates
            form = self.form_class(request.POST, **self.form_kwargs())
            form.add_error(None, busy_message())
            return self.render_form(form, status=409)
        if earlier is not None:
            return earlier
        try:
            form = self.form_class(request.POST, **self.form_kwargs())
            if form.is_valid():
                try:
                    obj = self.save(form)
                except ValidationError as error:
                    add_validation_error(form, error)
                else:
                    messages.success(request, self.success_message)
                    response = redirect(self.success_url(obj))
                    remember(request, obj, response)
                    return response
            return self.render_form(form, status=400)
        finally:
            release(request)
