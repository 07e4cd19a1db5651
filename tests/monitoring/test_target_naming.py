"""A target is named as people read it, in the admin too: "Select purpose to change" and
"enterprises.admitted 2026: 86.0000" before."""

from decimal import Decimal

import pytest
from django.utils import translation

from monitoring import registry
from monitoring.models import Target

pytestmark = pytest.mark.django_db


def test_a_target_names_its_indicator_owner_year_and_value(haarlem):
    code = next(iter(registry.by_code()))
    target = Target.objects.create(code=code, year=2026, organisation=haarlem, value=Decimal("86"))
    with translation.override("nl"):
        text = str(target)
        assert str(registry.by_code()[code].name) in text and "Gemeente Haarlem" in text and "2026" in text
        assert code not in text and "86.0000" not in text
        assert str(Target._meta.verbose_name) == "doel"
    with translation.override("en"):
        assert str(Target._meta.verbose_name) == "target" and str(Target._meta.verbose_name_plural) == "targets"
        assert str(Target._meta.get_field("value").verbose_name) == "target"
