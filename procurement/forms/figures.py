"""Forms of the figures part: the upload of a payments file."""

from django import forms
from django.utils.translation import gettext_lazy as _

from impactportal.ui.forms import PortalModelForm
from impactportal.uploads import SPREADSHEET_ACCEPT, SPREADSHEET_TYPES, validate_upload

from ..models import PaymentImport
from ..payment_imports import MAX_IMPORT_BYTES, header_problem


class PaymentImportForm(PortalModelForm):
    class Meta:
        model = PaymentImport
        fields = ["organisation", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("Bestand (CSV of Excel)")
        self.fields["file"].help_text = _(
            "CSV of Excel-werkmap (.xlsx) met een kopregel en de kolommen KvK-nummer, naam, datum, bedrag excl. btw "
            "en kostensoort; uit een werkmap het eerste werkblad met die kolommen, in een CSV scheiding met puntkomma "
            "of komma. Bedragen als 1.234,56 of 1234.56 (in Excel ook als getal), datums als 31-12-2026 of "
            "2026-12-31 (in Excel ook als datum). Maximaal 5 MB.")
        self.fields["file"].widget.attrs["accept"] = SPREADSHEET_ACCEPT

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, allowed=SPREADSHEET_TYPES, max_bytes=MAX_IMPORT_BYTES)
        raw = upload.read()  # a workbook's header is read from the whole file (at most 5 MB)
        upload.seek(0)
        problem = header_problem(raw)
        if problem:  # refused here, not queued and reported "done"
            raise forms.ValidationError(problem)
        return upload
