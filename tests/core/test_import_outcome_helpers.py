"""An import's outcome sentence (impactportal.ui.imports): the counts are written by one pair of
helpers, ``counted`` and ``rows_read``, that both imports share; the sentence is built only once the
import has finished, not on every poll while it runs (it reads the whole report)."""

import pytest
from django.utils import translation
from django.utils.translation import ngettext

from enterprises import imports as register_imports
from enterprises.models import RegisterImport
from impactportal.models import Job
from impactportal.ui.imports import counted, rows_read
from procurement import payment_imports
from procurement.models import PaymentImport


def _found(n):
    return ngettext("%(n)s gevonden in het register", "%(n)s gevonden in het register", n)


def test_a_count_of_none_is_left_out_unless_it_is_always_said():
    with translation.override("nl"):
        assert counted(0, _found) is None
        assert counted(0, _found, always=True) == "0 gevonden in het register"
        assert counted(1234, _found) == "1.234 gevonden in het register"
        assert rows_read(1) == "1 regel gelezen" and rows_read(1500) == "1.500 regels gelezen"
    with translation.override("en"):
        assert rows_read(1500) == "1,500 rows read"


def test_an_empty_file_says_its_rows_and_nothing_else():
    with translation.override("nl"):
        assert register_imports.outcome({"total_rows": 0}) == ["0 regels gelezen", "0 gevonden in het register"]
        assert payment_imports.outcome({"total_rows": 0}) == ["0 regels gelezen", "0 betalingen verwerkt"]


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "module"), [(RegisterImport, register_imports), (PaymentImport, payment_imports)])
def test_a_running_import_does_not_build_its_outcome_on_each_poll(model, module, login, broker_haarlem, haarlem,
                                                                  monkeypatch):
    built = []
    monkeypatch.setattr(module, "outcome", lambda report: built.append(report) or ["1 regel gelezen"])
    job = Job.objects.create(kind="import", title="Import", created_by=broker_haarlem, organisation=haarlem,
                             status=Job.Status.RUNNING, progress=50)
    batch = model.objects.create(organisation=haarlem, uploaded_by=broker_haarlem, file="imports/x.csv", job=job,
                                 report={"total_rows": 1})
    client = login(broker_haarlem)
    partial = client.get(batch.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert str(Job.Status.RUNNING.label) in partial and "De import is klaar" not in partial
    assert built == []
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED, progress=100)
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "De import is klaar: 1 regel gelezen. Het rapport staat hieronder." in page and len(built) == 1
