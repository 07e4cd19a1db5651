"""An import's progress while its rows are applied in one transaction (all or nothing): on
PostgreSQL its page showed the 30 % written before the transaction until the bar jumped to 100 %,
since the task's later progress went to the job's row inside the transaction."""

import threading
from types import SimpleNamespace

import pytest
from django.db import connection
from django.urls import reverse

from enterprises import imports, tasks
from enterprises.models import RegisterImport
from impactportal.models import Job
from tests import factories as f
from tests.enterprises.test_import import upload

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_import_page_follows_the_rows_applied_inside_the_transaction(
        login, broker_haarlem, haarlem, monkeypatch):
    f.EnterpriseFactory(name="Fietsenmakerij Jansen", kvk_number="11111111", municipality=haarlem)
    f.EnterpriseFactory(name="Drukkerij Dam", kvk_number="33333333", municipality=haarlem)
    client = login(broker_haarlem)
    # Queued, not run: eager Celery would run the task at the upload's commit. It runs below, in a thread.
    monkeypatch.setattr(tasks.import_register, "apply_async", lambda **kwargs: SimpleNamespace(id=""))
    upload(client, "kvk_nummer;naam;regeling;geldig_tot\n11111111;Fietsenmakerij Jansen;PSO 30+;2040-01-01\n"
                   "33333333;Drukkerij Dam;PSO 30+;2040-01-01\n", org=haarlem.pk)
    register_import = RegisterImport.objects.get()
    halfway, go_on = threading.Event(), threading.Event()
    real_apply = imports.apply

    def apply_halfway_then_wait(rows, *, progress, **kwargs):
        progress(1, 2)  # 30 % + half of 70 %
        halfway.set()
        go_on.wait(timeout=20)
        return real_apply(rows, progress=progress, **kwargs)

    monkeypatch.setattr(imports, "apply", apply_halfway_then_wait)

    def run():
        try:
            tasks.import_register(import_id=register_import.pk, job_id=register_import.job_id)
        finally:
            connection.close()

    worker = threading.Thread(target=run)
    worker.start()
    try:
        assert halfway.wait(timeout=20)
        # The row as this connection reads it trails: the task's transaction is open.
        assert Job.objects.get(pk=register_import.job_id).progress == 30
        url = reverse("enterprises:import-detail", args=[register_import.pk])
        box = client.get(url, headers={"HX-Request": "true"}).content.decode()
        assert 'value="65"' in box and "1/2" in box
        assert 'value="65"' in client.get(url).content.decode()
        job_page = client.get(reverse("job-detail", args=[register_import.job_id]),
                              headers={"HX-Request": "true"}).content.decode()
        assert 'value="65"' in job_page
    finally:
        go_on.set()
        worker.join(timeout=60)
    job = Job.objects.get(pk=register_import.job_id)
    assert (job.status, job.progress) == (Job.Status.SUCCEEDED, 100)
    assert RegisterImport.objects.get().report["total_rows"] == 2  # applied by the thread, once it went on
    assert 'value="100"' in client.get(url, headers={"HX-Request": "true"}).content.decode()
