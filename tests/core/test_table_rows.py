"""List tables render their rows in Python (portal_tables.portal_tbody): the same HTML as
django-tables2's own template, including per-record attributes, localisation and the empty text."""

import datetime as dt
from decimal import Decimal

import django_tables2 as tables
import pytest
from django.db.models import Prefetch
from django.test.html import parse_html
from django.utils import translation

from impactportal.ui.columns import formatted_date
from tests.table_html import ours_and_theirs, tbody


class Table(tables.Table):
    name = tables.Column(verbose_name="Naam", attrs={"td": {"class": "name"}})
    amount = tables.Column(verbose_name="Bedrag", attrs={"td": {"class": "numeric", "data-value": lambda value: value}})
    day = tables.Column(verbose_name="Datum")
    plain = tables.Column(verbose_name="Getal", localize=False)

    def render_name(self, value, record):
        return f"<{value}>"  # escaped by the cell rendering


ROWS = [{"name": "Bakkerij & zonen", "amount": Decimal("1234.50"), "day": dt.date(2026, 12, 2), "plain": 12345},
        {"name": "Fietsherstel", "amount": Decimal("7"), "day": dt.date(2026, 1, 9), "plain": 7}]


def _tbody(data, template):
    return tbody(Table, data, template, empty_text="Nog niets")


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("data", [ROWS, []], ids=["rows", "empty"])
def test_rows_match_django_tables2s_own_template(data, language):
    with translation.override(language):
        ours = _tbody(data, "ui/table.html")
        theirs = _tbody(data, "django_tables2/table.html")
    assert parse_html(ours) == parse_html(theirs)


def test_cells_are_escaped_and_callable_attributes_see_each_row():
    with translation.override("nl"):
        html = _tbody(ROWS, "ui/table.html")
    assert "&lt;Bakkerij &amp; zonen&gt;" in html
    assert 'data-value="1234.50"' in html and 'data-value="7"' in html
    assert "1234,50" in html and "12345" in html  # localised unless the column says not to


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_model_rows_match_django_tables2s_own_template(language):
    """Plain model columns take a shortcut (``_plain_reader``): a choice's label, a related
    object's name, an empty value's default, a number's localisation must come out as the library
    renders them; link, boolean and many-to-many columns keep the library's path."""
    from enterprises.models import Enterprise, ImpactTheme
    from enterprises.tables import EnterpriseTable
    from tests import factories as f

    haarlem = f.OrganisationFactory(name="Haarlem", slug="haarlem")
    theme = ImpactTheme.objects.get_or_create(slug="arbeid", defaults={"name": "Arbeid"})[0]
    full = f.EnterpriseFactory(name="Bakkerij & zonen", municipality=haarlem, kvk_number="12345678", headcount=1200,
                               disadvantaged_count=3, is_published=True)
    full.themes.set([theme])
    f.EnterpriseFactory(name="Leeg", municipality=haarlem, kvk_number="", headcount=None, disadvantaged_count=None)
    # Late in the evening UTC is the next day in Amsterdam: the date columns show local dates.
    Enterprise.objects.filter(pk=full.pk).update(created_at=dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC),
                                                 applied_at=dt.datetime(2026, 6, 30, 22, 15, tzinfo=dt.UTC))
    queryset = (Enterprise.objects.select_related("municipality")
                .prefetch_related(Prefetch("themes", to_attr="theme_list")).order_by("name"))

    class DatedTable(EnterpriseTable):
        created_at = tables.DateTimeColumn(format="SHORT_DATE_FORMAT")
        applied_at = tables.DateTimeColumn(default="nooit")
        decided = tables.DateColumn(accessor="applied_at", short=False)

        class Meta(EnterpriseTable.Meta):
            fields = [*EnterpriseTable.Meta.fields, "created_at", "applied_at"]

    with translation.override(language):
        ours, _theirs = ours_and_theirs(DatedTable, queryset)
        status = str(full.get_admission_status_display())
    assert (">1.200<" if language == "nl" else ">1,200<") in ours and ">Haarlem<" in ours and ">—<" in ours and f">{status}<" in ours
    assert ">Arbeid<" in ours  # the prefetched themes (ListColumn)
    assert (">02-12-2026<" if language == "nl" else ">02/12/2026<") in ours and ">nooit<" in ours


@pytest.mark.django_db
def test_reference_drop_downs_come_from_the_cache_until_a_row_changes(django_assert_num_queries):
    """Theme, municipality and region options fill a drop-down on every list page: read once per
    query and language, stale as soon as a row of the model is saved or deleted."""
    import django_filters

    from enterprises.models import ImpactTheme
    from impactportal.ui.forms import style_widgets

    class Filter(django_filters.FilterSet):
        theme = django_filters.ModelChoiceFilter(queryset=ImpactTheme.objects.all())

    def options(language="nl", data=None):
        form = Filter(data, queryset=ImpactTheme.objects.none()).form
        style_widgets(form)
        with translation.override(language):
            return str(form["theme"])

    circular = ImpactTheme.objects.create(slug="kringloop-test", name="Kringloopthema", name_en="Reuse theme")
    first = options()
    assert ">Kringloopthema<" in first
    with django_assert_num_queries(0):
        assert options() == first
    assert "selected>Kringloopthema<" in options(data={"theme": str(circular.pk)})
    assert ">Reuse theme<" in options("en")  # each language its own list
    ImpactTheme.objects.create(slug="nieuw-test", name="Nieuw testthema")
    assert ">Nieuw testthema<" in options()  # a new row shows at once
    circular.delete()
    assert "Kringloopthema" not in options()


@pytest.mark.django_db
def test_a_reference_drop_down_that_nothing_can_match_is_empty():
    from django import forms

    from impactportal.accounts.models import Organisation
    from impactportal.ui.forms import style_widgets

    class Form(forms.Form):
        municipality = forms.ModelChoiceField(queryset=Organisation.objects.filter(pk__in=[]))

    form = Form()
    style_widgets(form)
    assert str(form["municipality"]).count("<option") == 1  # only the empty choice


@pytest.mark.django_db
def test_a_prefetched_list_column_reads_its_list_and_escapes_every_item():
    from enterprises.models import Enterprise, ImpactTheme
    from enterprises.tables import EnterpriseTable
    from impactportal.templatetags import portal_tables
    from tests import factories as f

    haarlem = f.OrganisationFactory(name="Haarlem", slug="haarlem")
    themes = [ImpactTheme.objects.get_or_create(slug=slug, defaults={"name": name})[0]
              for slug, name in (("a-test", "Arbeid <b>&</b> werk"), ("b-test", "Zorg"))]
    f.EnterpriseFactory(name="Met thema's", municipality=haarlem).themes.set(themes)
    f.EnterpriseFactory(name="Zonder thema's", municipality=haarlem)
    queryset = (Enterprise.objects.select_related("municipality")
                .prefetch_related(Prefetch("themes", to_attr="theme_list")).order_by("name"))
    ours, _theirs = ours_and_theirs(EnterpriseTable, queryset)
    assert "Arbeid &lt;b&gt;&amp;&lt;/b&gt; werk, Zorg" in ours
    table = EnterpriseTable(queryset)
    assert portal_tables._value_reader(table, table.columns["themes"]) is not None  # the fast path
    plain = EnterpriseTable(Enterprise.objects.order_by("name"))  # no to_attr prefetch: the library's path
    assert portal_tables._value_reader(plain, plain.columns["themes"]) is None


@pytest.mark.django_db
def test_link_attributes_and_fixed_row_attributes_match_the_library():
    """The link reader writes the link's own attributes once and adds each row's href; fixed row
    attributes are made once per even/odd. Both must equal the library's rendering, escaping
    included."""
    from enterprises.models import Enterprise
    from tests import factories as f

    haarlem = f.OrganisationFactory(name="Haarlem", slug="haarlem")
    for name in ("Bakkerij & zonen", "Fiets <herstel>", "Kringloop \"De Ruil\""):
        f.EnterpriseFactory(name=name, municipality=haarlem)

    class LinkedTable(tables.Table):
        name = tables.LinkColumn("enterprises:detail", args=[tables.A("pk")],
                                 attrs={"a": {"class": "utrecht-link", "data-kind": "x&y"}})
        bare = tables.LinkColumn("enterprises:detail", args=[tables.A("pk")], accessor="name")

        class Meta:
            model = Enterprise
            fields = ["name", "bare"]
            row_attrs = {"class": "portal-row", "data-list": "register"}

    ours, _theirs = ours_and_theirs(LinkedTable, Enterprise.objects.order_by("name"))
    assert "Bakkerij &amp; zonen" in ours and "Fiets &lt;herstel&gt;" in ours and "&quot;De Ruil&quot;" in ours
    assert 'data-kind="x&amp;y"' in ours
    assert ours.count('class="portal-row even"') == 2 and ours.count('class="portal-row odd"') == 1


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_fields_across_foreign_keys_are_read_as_the_library_reads_them(language):
    """``enterprise__name`` and the like take the fast path: a plain value, a choice's label and a
    link through one or two foreign keys, and the column's default where a foreign key on the way
    is empty, all as the library renders them."""
    from brokers.models import Case
    from enterprises.constants import AdmissionStatus
    from impactportal.templatetags import portal_tables
    from tests import factories as f

    haarlem = f.OrganisationFactory(name="Haarlem & omstreken", slug="haarlem")
    enterprise = f.EnterpriseFactory(name="Bakkerij <De Rog>", municipality=haarlem,
                                     admission_status=AdmissionStatus.ADMITTED)
    for subject, linked in (("Met onderneming", enterprise), ("Zonder onderneming", None)):
        Case.objects.create(organisation=haarlem, enterprise=linked, category="other", subject=subject)

    class CaseTable(tables.Table):
        subject = tables.Column()
        enterprise = tables.LinkColumn("enterprises:detail", args=[tables.A("enterprise_id")],
                                       accessor="enterprise__name", default="geen")
        status = tables.Column(accessor="enterprise__admission_status", verbose_name="Toelating")
        place = tables.Column(accessor="enterprise__municipality__name", verbose_name="Gemeente")
        kvk = tables.Column(accessor="enterprise__kvk_number", verbose_name="KvK")

        class Meta:
            model = Case
            fields = ["subject", "enterprise", "status", "place", "kvk"]

    queryset = Case.objects.select_related("enterprise__municipality").order_by("subject")
    with translation.override(language):
        ours, _theirs = ours_and_theirs(CaseTable, queryset)
        admitted = str(AdmissionStatus.ADMITTED.label)
    assert "Bakkerij &lt;De Rog&gt;" in ours and f">{admitted}<" in ours and ">Haarlem &amp; omstreken<" in ours
    assert ">geen<" in ours and ours.count(">—<") == 3  # the case without an enterprise
    table = CaseTable(queryset)
    for name in ("enterprise", "status", "place", "kvk"):
        assert portal_tables._value_reader(table, table.columns[name]) is not None, name  # the fast path


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_checkbox_columns_match_the_library(language):
    """``_checkbox_reader``: the column's own input attributes in order, a callable per row (one
    returning None leaves its attribute out), escaped values, ``td__input`` over ``input``; a
    column that checks rows keeps the library's path."""
    from enterprises.models import Enterprise
    from impactportal.templatetags.portal_tables import _reader
    from tests import factories as f

    class Choices(tables.Table):
        pick = tables.CheckBoxColumn(accessor="pk", attrs={
            "input": {"class": "ignored"},
            "td__input": {"name": "picked", "data-label": lambda record: f"Kies <{record.name}>",
                          "data-none": lambda value: None, "form": "bulk & co"}})
        checked = tables.CheckBoxColumn(accessor="pk", checked=lambda value, record: record.name == "C")
        name = tables.Column()

        class Meta:
            model = Enterprise
            fields = ["pick", "checked", "name"]

    f.EnterpriseFactory(name="A & B")
    f.EnterpriseFactory(name="C")
    rows = Enterprise.objects.order_by("name")
    with translation.override(language):
        ours, _theirs = ours_and_theirs(Choices, rows)
    assert 'data-label="Kies &lt;A &amp; B&gt;"' in ours and 'form="bulk &amp; co"' in ours
    assert "data-none" not in ours and 'class="ignored"' not in ours
    assert ours.count('checked="checked"') == 1  # the second row only
    table = Choices(rows)
    assert _reader(table, table.columns["pick"]).__qualname__.startswith("_checkbox_reader")
    assert not _reader(table, table.columns["checked"]).__qualname__.startswith("_checkbox_reader")


@pytest.mark.parametrize("date_format", ["j F Y", "SHORT_DATE_FORMAT", "DATETIME_FORMAT", "D d-m-Y H:i e"])
def test_remembered_dates_are_the_date_filters_per_zone_and_language(date_format):
    """Date cells are formatted once per value, format, zone and language (``ui.columns.formatted_date``), in
    local time as the template writes them: a moment in two zones (its own, or the active one), or
    a month name in two languages, never shares an answer."""
    from zoneinfo import ZoneInfo

    from django.template.defaultfilters import date as date_filter
    from django.utils import timezone

    from impactportal.ui import columns

    moment = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)
    values = [moment, moment.astimezone(ZoneInfo("Europe/Amsterdam")), moment.astimezone(ZoneInfo("Asia/Tokyo"))]
    if date_format in ("j F Y", "SHORT_DATE_FORMAT"):  # formats a date (no time) can take
        values.append(dt.date(2026, 3, 1))
    columns._DATES.clear()
    for _round in range(2):  # computed, then remembered
        for zone in ("Europe/Amsterdam", "Asia/Tokyo", "UTC"):
            for language in ("nl", "en"):
                with translation.override(language), timezone.override(zone):
                    active = timezone.get_current_timezone()
                    for value in values:
                        expected = date_filter(timezone.template_localtime(value), date_format)
                        assert formatted_date(value, date_format, language, active) == expected
    if date_format == "j F Y":  # the same instant is another day in Tokyo
        with translation.override("nl"):
            assert formatted_date(moment, date_format, "nl", ZoneInfo("Europe/Amsterdam")) == \
                "1 januari 2027"
            with timezone.override("UTC"):
                assert formatted_date(moment, date_format, "nl", ZoneInfo("UTC")) == "31 december 2026"


def test_the_remembered_dates_are_bounded(monkeypatch):
    from impactportal.ui import columns

    monkeypatch.setattr(columns, "MAX_DATES", 3)
    columns._DATES.clear()
    for day in range(1, 8):
        formatted_date(dt.date(2026, 1, day), "d-m-Y", "nl", dt.UTC)
        assert len(columns._DATES) <= 3
    assert formatted_date(dt.date(2026, 1, 7), "d-m-Y", "nl", dt.UTC) == "07-01-2026"


@pytest.mark.django_db
@pytest.mark.parametrize("accessor", ["pk", "id", "enterprise_id", "enterprise__pk", "enterprise__name", "scheme",
                                      "get_absolute_url"])
def test_link_arguments_are_read_as_the_library_resolves_them(accessor):
    """A link's argument that is a field of the row itself is read as an attribute
    (``_argument_reader``); paths and methods are resolved by the library: the same value either way."""
    from enterprises.models import Certification
    from enterprises.tables import CertificationTable
    from impactportal.templatetags import portal_tables
    from tests import factories as f

    certificate = Certification.objects.create(enterprise=f.EnterpriseFactory(), scheme="b_corp", number="NR-1")
    table = CertificationTable(Certification.objects.all())
    record = Certification.objects.get(pk=certificate.pk)
    argument = tables.A(accessor)
    assert portal_tables._argument_reader(table, argument)(record) == argument.resolve(record)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_annotated_column_is_read_as_the_library_reads_it(language):
    """The contracts' ``remaining_amount`` is annotated by their queryset: read as the record's
    attribute (the fast path), with the amounts written as the library writes them."""
    from impactportal.templatetags import portal_tables
    from procurement.tables.contracts import ContractTable
    from procurement.views.contracts import contract_queryset
    from tests import factories as f
    from tests.procurement import factories as pf

    haarlem = f.OrganisationFactory(name="Haarlem", slug="haarlem")
    pf.contract(organisation=haarlem, rule_set=pf.rule_set(organisation=haarlem))
    pf.contract(organisation=haarlem, title="Groen <onderhoud>", value=Decimal("123456.78"),
                rule_set=pf.rule_set(organisation=haarlem, name="Tweede", version=2))
    queryset = contract_queryset().order_by("title")
    with translation.override(language):
        ours, _theirs = ours_and_theirs(ContractTable, queryset)
    assert ("€\u00a0123.456,78" if language == "nl" else "€123,456.78") in ours
    assert "Groen &lt;onderhoud&gt;" in ours
    table = ContractTable(queryset)
    assert portal_tables._value_reader(table, table.columns["remaining"]) is not None  # the fast path
    values = ContractTable(queryset.values("title"))  # rows that are no model instances: the library's path
    assert portal_tables._annotation(values, "remaining_amount") is False
