"""Every FilterSet class builds its form class once (``impactportal.filters.shared_form_class``),
unless its instances could build different ones."""

import django_filters
import pytest
from django.http import QueryDict

from enterprises.filters import EnterpriseFilter
from enterprises.models import Enterprise, ImpactTheme
from impactportal import filters


def test_instances_of_a_filterset_share_one_form_class_and_still_get_forms_of_their_own():
    first, second = EnterpriseFilter(QueryDict("q=bakkerij")), EnterpriseFilter(QueryDict("stage=onbekend"))
    assert type(first.form) is type(second.form)
    assert first.form is not second.form and first.form.fields["q"] is not second.form.fields["q"]
    first.form.fields["q"].widget.attrs["class"] = "changed"  # what style_widgets does per page
    assert "class" not in EnterpriseFilter().form.fields["q"].widget.attrs
    assert second.form.is_valid() is False and "stage" in second.form.errors  # validation per instance
    assert first.form.is_valid() and first.form.cleaned_data["q"] == "bakkerij"


class _Tailored(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Zoeken")

    class Meta:
        model = Enterprise
        fields = ["q"]

    def __init__(self, *args, label="Zoeken", **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["q"].label = label


class _PerRequest(django_filters.FilterSet):
    theme = django_filters.ModelChoiceFilter(queryset=lambda request: ImpactTheme.objects.filter(slug=request))

    class Meta:
        model = Enterprise
        fields = ["theme"]


@pytest.mark.django_db
def test_a_filterset_that_changes_its_filters_or_asks_the_request_builds_its_own():
    assert _Tailored(label="Zoek").form.fields["q"].label == "Zoek"
    assert _Tailored(label="Vind").form.fields["q"].label == "Vind"
    ImpactTheme.objects.get_or_create(slug="arbeid", defaults={"name": "Arbeid"})
    ImpactTheme.objects.get_or_create(slug="natuur", defaults={"name": "Natuur"})
    labour = [str(label) for _value, label in _PerRequest(request="arbeid").form.fields["theme"].choices]
    nature = [str(label) for _value, label in _PerRequest(request="natuur").form.fields["theme"].choices]
    assert "Arbeid" in labour and "Natuur" not in labour
    assert "Natuur" in nature and "Arbeid" not in nature
    assert _Tailored not in filters._form_classes and _PerRequest not in filters._form_classes


def test_the_shared_classes_are_bounded(monkeypatch):
    monkeypatch.setattr(filters, "MAX_FORM_CLASSES", 2)
    filters._form_classes.clear()
    for number in range(5):
        made = type(f"Made{number}", (django_filters.FilterSet,), {
            "q": django_filters.CharFilter(), "Meta": type("Meta", (), {"model": Enterprise, "fields": ["q"]})})
        assert "q" in made().form.fields
        assert len(filters._form_classes) <= 2
