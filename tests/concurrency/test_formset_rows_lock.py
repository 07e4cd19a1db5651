"""A formset page's version check locks the rows it shows, not only their parent
(``versions.Version.token``, ``versions.lock_rows``): a change of one row that does not take the
parent's lock (an API write of that row) waits until the page's save is done, instead of landing
between the check and the save, where the page's save wrote over it unseen."""

import threading
import time

import pytest
from django.db import connection, transaction

from enterprises.forms import OfferingFormSet
from enterprises.models import Offering, OfferingCategory
from impactportal.ui import versions

pytestmark = pytest.mark.django_db(transaction=True)

HOLD = 0.6  # seconds the page's transaction keeps its locks after the check


def test_a_row_change_waits_for_the_page_that_checked_it(enterprise_haarlem):
    category = OfferingCategory.objects.order_by("pk").first() or OfferingCategory.objects.create(name="Schoonmaak")
    offering = Offering.objects.create(enterprise=enterprise_haarlem, name="Schoonmaak kantoren", category=category)
    checked, finished = threading.Event(), {}

    def page():
        try:
            with transaction.atomic():
                formset = OfferingFormSet(instance=enterprise_haarlem)
                versions.Version().form(formset).token(lock=True)
                checked.set()
                time.sleep(HOLD)
                finished["page"] = time.monotonic()
        finally:
            connection.close()

    def row_writer():
        try:
            checked.wait(timeout=10)
            Offering.objects.filter(pk=offering.pk).update(name="Schoonmaak en glasbewassing")
            finished["row"] = time.monotonic()
        finally:
            connection.close()

    threads = [threading.Thread(target=page), threading.Thread(target=row_writer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert checked.is_set() and set(finished) == {"page", "row"}, finished
    assert finished["row"] >= finished["page"], "the row was changed while the page held its check"
