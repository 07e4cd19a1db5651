"""Forms of the figures part: the upload of a payments file."""

from django import forms
from django.utils.translation import gettext_lazy as _

from impactportal.ui.forms import PortalModelForm

from ..models import PaymentImport
from ..payment_imports import MAX_IMPORT_BYTES, header_problem


class PaymentImportForm(PortalModelForm):
    class Meta:
        model = PaymentImport
        fields = ["organisation", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "CSV met een kopregel en de kolommen KvK-nummer, naam, datum, bedrag excl. btw en kostensoort; "
            "scheiding met puntkomma of komma. Bedragen als 1.234,56 of 1234.56, datums als 31-12-2026 of "
            "2026-12-31. Maximaal 5 MB.")
        self.fields["file"].widget.attrs["accept"] = ".csv,text/csv"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 5 MB."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Upload een CSV-bestand."))
        head = upload.read(4096)
        upload.seek(0)
        if b"\x00" in head:
            raise forms.ValidationError(_("Dit is geen tekstbestand; sla het op als CSV."))
        problem = header_problem(head)
        if problem:  # refused here, not queued and reported "done"
            raise forms.ValidationError(problem)
        return upload
