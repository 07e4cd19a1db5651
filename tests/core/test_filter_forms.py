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


class _WithMethod(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Zoeken")
    theme = django_filters.ModelChoiceFilter(field_name="themes", queryset=ImpactTheme.objects.all(), to_field_name="slug")

    class Meta:
        model = Enterprise
        fields = ["q", "theme"]

    def search(self, queryset, name, value):
        return queryset.filter(name__icontains=value)


def test_each_filterset_gets_filters_of_its_own_and_the_class_keeps_its_own():
    """``filters.copy_filter``: what one FilterSet sets on its filters stays with it."""
    first, second = _WithMethod(), _WithMethod()
    declared = _WithMethod.base_filters
    assert first.filters["q"] is not second.filters["q"] is not declared["q"]
    assert first.filters["q"].parent is first and second.filters["q"].parent is second
    assert "parent" not in vars(declared["q"])
    first.filters["q"].label = "Anders"
    before = declared["theme"].extra.get("empty_label")
    first.filters["theme"].extra["empty_label"] = "— alle thema's —"
    assert second.filters["q"].label == "Zoeken" and declared["q"].label == "Zoeken"
    assert second.filters["theme"].extra.get("empty_label") == declared["theme"].extra.get("empty_label") == before
    # The method filter calls the method of its own FilterSet, not of the one copied from.
    assert first.filters["q"].filter.f is first.filters["q"]
    assert first.filters["q"].filter.method == first.search


@pytest.mark.django_db
def test_filtering_with_the_copies_gives_what_django_filters_own_copies_give(monkeypatch, haarlem):
    from django_filters.filters import Filter

    from tests import factories as f

    ImpactTheme.objects.get_or_create(slug="arbeid", defaults={"name": "Arbeid"})
    for name in ("Bakkerij De Korenschoof", "Fietsenmakerij Spaarne"):
        f.EnterpriseFactory(name=name, municipality=haarlem)
    data = QueryDict("q=bakkerij&theme=arbeid")
    ours = _WithMethod(data, queryset=Enterprise.objects.all())
    assert list(ours.qs.values_list("name", flat=True)) == []  # no enterprise has the theme
    ours = _WithMethod(QueryDict("q=bakkerij"), queryset=Enterprise.objects.all())
    expected = list(ours.qs.values_list("name", flat=True))
    assert expected == ["Bakkerij De Korenschoof"]
    monkeypatch.delattr(Filter, "__deepcopy__")  # django-filter's own deep copy
    theirs = _WithMethod(QueryDict("q=bakkerij"), queryset=Enterprise.objects.all())
    assert list(theirs.qs.values_list("name", flat=True)) == expected
    assert [str(label) for _value, label in theirs.form.fields["theme"].choices] == [
        str(label) for _value, label in ours.form.fields["theme"].choices]


def test_a_filter_built_on_the_declared_filter_is_built_anew_for_a_copy():
    declared = _WithMethod.base_filters["theme"]
    built = declared.field
    try:
        assert _WithMethod().filters["theme"].field is not built
    finally:
        del declared._field
