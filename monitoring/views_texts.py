"""The keepers' texts of a report version, one per section (``ReportText``): read on the report's page
beside that section's comments, written on one page by those who may change the report
(``REPORT_KEEPERS``) while the version is an undecided draft (``services.check_texts_editable``).
Readers without the change grant get 403 here, those who do not see the report 404. Saving has the
version's PDF made again in the background; a page loaded before someone else saved other texts is
refused (``ui.versions``, 409), and so is one loaded before the version was decided or followed by
another (409, the typed texts kept on the page to copy)."""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from impactportal import access
from impactportal.text import TEXT_MAX
from impactportal.ui import versions
from impactportal.ui.actions import role_required
from impactportal.ui.forms import PortalForm, add_validation_error, style_widgets

from . import reports, services
from .apps import READERS
from .constants import ReportStatus, ReviewKind
from .models import ReportRequest, ReportText, Review

PARAGRAPHS_HELP = gettext_lazy("Komt in het rapport onder de kop van dit onderdeel. Een witregel begint een nieuwe "
                               "alinea.")


class ReportTextsForm(PortalForm):
    """A text box per section of the report that has a text (``reports.text_sections``), labelled
    with the section's name."""

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in sections:
            self.fields[code] = forms.CharField(label=label, required=False, max_length=TEXT_MAX,
                                                widget=forms.Textarea(attrs={"rows": 8, "cols": 80, "class": "portal-prose"}),
                                                help_text=PARAGRAPHS_HELP)
        style_widgets(self)


def texts_by_section(user, report) -> dict[str, ReportText]:
    return {text.section: text for text in
            ReportText.objects.for_user(user).filter(report=report).select_related("changed_by")}


def section_rows(user, report, *, reviews=None) -> list[dict]:
    """Per section of the report that has a text: its name, the keepers' text (None: none yet) and
    the comments on it, for the report's page and the edit page. ``reviews``: the comments the
    page read already."""
    texts = texts_by_section(user, report)
    if reviews is None:
        reviews = Review.objects.for_user(user).filter(report=report).select_related("author")
    comments = defaultdict(list)
    for review in reviews:
        if review.kind == ReviewKind.COMMENT:
            comments[review.section].append(review)
    return [{"code": code, "label": label, "text": texts.get(code), "comments": comments[code]}
            for code, label in reports.text_sections(report)]


@role_required(*READERS, access.ENTREPRENEUR)
@require_http_methods(["GET", "POST"])
def report_texts(request, pk):
    report = access.get_object_or_404(
        request.user, ReportRequest.objects.select_related("organisation", "programme", "enterprise"), access.CHANGE,
        pk=pk)
    if request.method == "GET":
        try:
            services.check_texts_editable(report)
        except services.TextsNotEditable as refusal:  # approved, decided or superseded: the report says why
            messages.error(request, refusal.messages[0])
            return redirect(report.get_absolute_url())
    sections = reports.text_sections(report)
    version = versions.Version().rows(ReportText.objects.filter(report=report), ["section", "body"], parent=report)

    def saved_form():
        stored = {text.section: text.body for text in ReportText.objects.filter(report=report)}
        return ReportTextsForm(initial=stored, sections=sections)

    if request.method == "GET":
        return _page(request, report, saved_form(), versions.token_for(request, version))
    status, changed = 400, None
    with versions.transaction_for(request):  # the texts stay locked from the version check to the save
        newer = versions.stale(request, version)
        if newer:  # someone else saved other texts meanwhile: theirs are shown, nothing is saved
            form = saved_form()
            versions.refuse(form)
            return _page(request, report, form, newer, status=versions.STALE_STATUS)
        form = ReportTextsForm(request.POST, sections=sections)
        if form.is_valid():
            try:
                changed = services.report_texts_save(report=report, by=request.user, texts=form.cleaned_data)
            except services.TextsNotEditable as refusal:  # decided or superseded since the page was loaded
                form.add_error(None, refusal)
                status = 409
            except ValidationError as error:
                add_validation_error(form, error)
    if changed is not None:  # after the commit: the PDF's job has started (or, without a worker, is done)
        return _saved(request, report, changed)
    return _page(request, report, form, versions.token_for(request, version), status=status)


def _saved(request, report, changed: bool):
    if not changed:
        messages.info(request, _("De teksten waren al zo; er is niets gewijzigd."))
        return redirect(report.get_absolute_url())
    report.refresh_from_db(fields=["status"])  # made again already when the task ran at once
    messages.success(request, _("De teksten zijn opgeslagen en de PDF is opnieuw gemaakt.")
                     if report.status == ReportStatus.DONE else
                     _("De teksten zijn opgeslagen. De PDF wordt opnieuw gemaakt; zolang dat duurt, kan er niet "
                       "over het rapport worden besloten."))
    return redirect(report.get_absolute_url())


def _page(request, report, form, version_token, status=200):
    rows = section_rows(request.user, report)
    for row in rows:
        row["field"] = form[row["code"]]
    return render(request, "monitoring/report_texts.html", {
        "report": report, "form": form, "rows": rows, "version_token": version_token,
        "has_appendix": len(reports.text_sections(report)) < len(reports.sections(report))}, status=status)
