"""The enterprise form explains every type it offers ("Regulier mkb" was offered unexplained)."""

import pytest
from django.utils import translation

from enterprises.constants import EnterpriseType
from enterprises.models import Enterprise


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_type_help_text_names_every_type(language):
    field = Enterprise._meta.get_field("enterprise_type")
    with translation.override(language):
        help_text = str(field.help_text)
        labels = [str(label) for _value, label in EnterpriseType.choices]
    assert [label for label in labels if f"{label}:" not in help_text] == []
