"""The impact measurement page of an enterprise and the report download."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from impactportal import access
from impactportal.ui import versions
from impactportal.ui.forms import add_validation_error
from impactportal.uploads import serve_private_file

from ..models import Enterprise
from . import services
from .forms import ImpactIndicatorFormSet, ImpactMeasurementForm
from .models import ImpactMeasurement


def home_of(user, enterprise):
    from ..views import home_of as enterprise_home

    return enterprise_home(user, enterprise)


class MeasurementEdit(LoginRequiredMixin, View):
    """Brokers of the enterprise's municipality and its own entrepreneurs; 404 for everyone else
    (the register is shared, the measurement is not)."""

    template_name = "enterprises/impact_measurement_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        keepers = access.scope(request.user, Enterprise.objects.select_related("municipality"), "impact")
        self.enterprise = access.get_object_or_404(request.user, keepers, "impact", pk=kwargs["pk"])
        self.measurement = (ImpactMeasurement.objects.filter(enterprise=self.enterprise).first()
                            or ImpactMeasurement(enterprise=self.enterprise))
        return super().dispatch(request, *args, **kwargs)

    def forms(self, data=None, files=None):
        form = ImpactMeasurementForm(data, files, instance=self.measurement, user=self.request.user)
        formset = ImpactIndicatorFormSet(data, instance=self.measurement, prefix="indicators",
                                         form_kwargs={"user": self.request.user})
        return form, formset

    def version(self, form, formset):
        return versions.Version().lock(self.enterprise).form(form).form(formset)

    def render(self, form, formset, status=200, version_token=None):
        return render(self.request, self.template_name, {
            "form": form, "formset": formset, "enterprise": self.enterprise,
            "back_url": home_of(self.request.user, self.enterprise),
            "version_token": version_token or versions.token_for(self.request, self.version(form, formset))},
            status=status)

    def get(self, request, pk):
        return self.render(*self.forms())

    def post(self, request, pk):
        form, formset = self.forms(request.POST, request.FILES)
        with versions.transaction_for(request):  # the measurement stays locked from the version check until it is saved
            newer = versions.stale(request, self.version(form, formset))
            if newer:  # someone else changed the measurement or its figures: theirs, nothing saved
                self.measurement = (ImpactMeasurement.objects.filter(enterprise=self.enterprise).first()
                                    or ImpactMeasurement(enterprise=self.enterprise))
                form, formset = self.forms()
                versions.refuse(form)
                return self.render(form, formset, status=versions.STALE_STATUS, version_token=newer)
            if form.is_valid() and formset.is_valid():
                deleted = [f.instance for f in formset.deleted_forms if f.instance.pk]
                # Existing figures and filled-in new rows, in the order of the page; empty extra rows are left out.
                indicators = [f.instance for f in formset.forms if f not in formset.deleted_forms
                              and (f.instance.pk or f.has_changed())]
                try:
                    services.measurement_save(enterprise=self.enterprise, by=request.user, measurement=form.instance,
                                              indicators=indicators, deleted=deleted)
                except ValidationError as error:
                    add_validation_error(form, error)
                else:
                    messages.success(request, _("De impactmeting is opgeslagen."))
                    return redirect(home_of(request.user, self.enterprise))
        return self.render(form, formset, status=400)


def report_download(request, pk):
    """The report of a measurement the user may see: its keepers and staff of the municipality,
    everyone when the enterprise shows its measurement in the showcase."""
    measurement = access.get_object_or_404(request.user, ImpactMeasurement, access.VIEW, pk=pk)
    return serve_private_file(request.user, measurement, "report", filename=measurement.report_filename)


def impact_context(user, enterprise, *, public=False) -> dict:
    """What the impact section of an enterprise page shows to ``user``: the measurement if in
    their scope (on the public page only with the enterprise's consent) and whether they may edit."""
    measurements = (ImpactMeasurement.objects.for_user(user).filter(enterprise=enterprise)
                    .select_related("enterprise"))
    if public:
        measurements = measurements.filter(show_in_showcase=True)
    measurement = measurements.prefetch_related("indicators").first()
    # A reader who sees it only because the enterprise made it public (staff of another
    # municipality, its desk partner) reads the public part on the enterprise page too.
    public = public or (measurement is not None and not access.can(user, "internal", measurement))
    return {"measurement": measurement, "enterprise_pk": enterprise.pk, "public": public,
            "can_keep_impact": not public and access.can(user, "impact", enterprise)}
