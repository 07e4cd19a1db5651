"""The change log people read: translated field names, yes/no, no empty-to-empty rows, and
fields a reader may not see left out."""

import pytest

from impactportal import audit
from impactportal.audit import acting_as
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_history_is_readable_and_hides_what_it_is_told(haarlem, broker_haarlem):
    with acting_as(broker_haarlem):
        enterprise = f.EnterpriseFactory(name="Leesbaar BV", municipality=haarlem, is_published=False)
        enterprise.is_published = True
        enterprise.description = "Nieuw"
        enterprise.save()
    created, changed = audit.history_for(enterprise)[::-1][:2]
    assert created["action"] == 0 and changed["action"] == 1
    labels = {label: (old, new) for label, old, new in changed["changes"]}
    assert ("nee", "ja") in labels.values()  # is_published as a yes/no, not True/False
    assert all(old != new for _label, old, new in changed["changes"])
    assert not any(label in ("id", "created_at", "updated_at") for label, _o, _n in created["changes"])
    hidden = audit.history_for(enterprise, hide=("description",))
    assert all("Nieuw" not in new for entry in hidden for _l, _o, new in entry["changes"])
    assert any(new == "Nieuw" for entry in audit.history_for(enterprise) for _l, _o, new in entry["changes"])
