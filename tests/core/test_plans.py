"""``impactportal.db.plans``: a SELECT compiled once per process and query gives exactly the SQL,
parameters and rows Django's own compiler gives, and anything that changes the SQL (a value, the
time zone, the language) is another plan."""

import datetime as dt
import zoneinfo

import pytest
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q, Value
from django.db.models.functions import TruncDay
from django.db.models.sql.compiler import SQLCompiler
from django.db.transaction import TransactionManagementError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from enterprises.models import Certification, Enterprise
from impactportal.db import plans
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def enterprises(haarlem, amersfoort):
    return [f.EnterpriseFactory(municipality=haarlem, name="Fietsenmakerij Haarlem", city="Haarlem"),
            f.EnterpriseFactory(municipality=haarlem, name="Zorgboerderij Spaarne", city="Haarlem"),
            f.EnterpriseFactory(municipality=amersfoort, name="Bakkerij Amersfoort", city="Amersfoort")]


def djangos_own(queryset, settings):
    """SQL, parameters and rows with the plans switched off."""
    settings.SQL_PLAN_CACHE_SIZE = 0
    try:
        sql, params = queryset.query.sql_with_params()
        return sql, params, list(queryset.all())
    finally:
        settings.SQL_PLAN_CACHE_SIZE = 2048


QUERIES = {
    "filter and order": lambda haarlem: Enterprise.objects.filter(municipality=haarlem).order_by("name", "pk"),
    "search across columns": lambda haarlem: Enterprise.objects.filter(
        Q(name__icontains="zorg") | Q(city__icontains="zorg")).order_by("name", "pk"),
    "page of rows": lambda haarlem: Enterprise.objects.order_by("name", "pk")[1:3],
    "only and select_related": lambda haarlem: Enterprise.objects.select_related("municipality").only(
        "name", "municipality__name").order_by("pk"),
    "subquery on the outer row": lambda haarlem: Enterprise.objects.filter(
        ~Exists(Certification.objects.filter(enterprise=OuterRef("pk")))).order_by("pk"),
    "annotated count": lambda haarlem: Enterprise.objects.values("municipality").annotate(
        n=Count("pk")).order_by("municipality"),
    "values list": lambda haarlem: Enterprise.objects.filter(name__startswith="B").values_list("name", flat=True),
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_a_reused_plan_is_djangos_sql_with_the_same_rows(name, enterprises, haarlem, settings, compilations):
    build = QUERIES[name]
    expected_sql, expected_params, expected_rows = djangos_own(build(haarlem), settings)
    first = build(haarlem)
    assert first.query.sql_with_params() == (expected_sql, expected_params)
    compiled = len(compilations)
    again = build(haarlem)  # a new queryset, as the next request builds it
    assert again.query.sql_with_params() == (expected_sql, expected_params)
    assert list(again) == expected_rows
    assert len(compilations) == compiled, "the second queryset was compiled again"


def test_the_rows_are_built_from_the_plan_as_from_a_compile(enterprises, haarlem, compilations):
    """The compiler's select list and row layout come with the plan: related rows and deferred
    fields are where Django puts them."""
    build = QUERIES["only and select_related"]
    first = [(e.name, e.municipality.name, e.get_deferred_fields()) for e in build(haarlem)]
    compiled = len(compilations)
    second = [(e.name, e.municipality.name, e.get_deferred_fields()) for e in build(haarlem)]
    assert second == first and len(compilations) == compiled
    assert first[0][1] == "Gemeente Haarlem" and "city" in first[0][2]


def test_a_count_reuses_its_plan(enterprises, haarlem, compilations, django_assert_num_queries):
    assert Enterprise.objects.filter(municipality=haarlem).count() == 2
    compiled = len(compilations)
    with django_assert_num_queries(1):
        assert Enterprise.objects.filter(municipality=haarlem).count() == 2
    assert len(compilations) == compiled


def test_another_value_is_another_plan(enterprises, haarlem, amersfoort, compilations):
    assert [e.name for e in Enterprise.objects.filter(municipality=haarlem).order_by("name")] == [
        "Fietsenmakerij Haarlem", "Zorgboerderij Spaarne"]
    assert [e.name for e in Enterprise.objects.filter(municipality=amersfoort).order_by("name")] == [
        "Bakkerij Amersfoort"]
    assert compilations.count(Enterprise) == 2
    sql, params = Enterprise.objects.filter(name="Bakkerij Amersfoort").query.sql_with_params()
    assert "Bakkerij Amersfoort" in params


def test_a_row_filtered_on_is_keyed_by_its_key_not_its_loaded_state(enterprises, haarlem, settings, compilations):
    """``filter(enterprise=enterprise)`` (a related manager, a prefetch) is one plan for that
    enterprise however much of it was loaded; the instance itself is not pickled into the key."""
    bare = Enterprise.objects.only("pk").get(pk=enterprises[0].pk)
    loaded = Enterprise.objects.prefetch_related("certifications", "themes").get(pk=enterprises[0].pk)
    Certification.objects.create(enterprise=loaded, scheme="pso_30", number="PSO-1")
    expected = djangos_own(Certification.objects.filter(enterprise=loaded), settings)
    first = Certification.objects.filter(enterprise=loaded)
    assert first.query.sql_with_params() == expected[:2] and list(first) == expected[2]
    compiled = len(compilations)
    assert list(Certification.objects.filter(enterprise=bare)) == expected[2]
    assert list(bare.certifications.all()) == expected[2]
    assert len(compilations) == compiled, "the same filter on another copy of the row was compiled again"
    key = plans._pickled(Certification.objects.filter(enterprise=loaded).query)
    assert loaded.name.encode() not in key
    # Another enterprise is another key, and another plan.
    assert list(Certification.objects.filter(enterprise=enterprises[1])) == []
    assert len(compilations) == compiled + 1


def test_the_time_zone_is_part_of_the_plan(enterprises, compilations):
    """Truncating to a day writes the active time zone into the query: another zone, another plan."""
    def days():
        return Enterprise.objects.annotate(day=TruncDay("created_at")).values_list("day", flat=True).order_by("pk")

    with timezone.override(zoneinfo.ZoneInfo("Europe/Amsterdam")):
        amsterdam = days().query.sql_with_params()
        days().query.sql_with_params()
    with timezone.override(zoneinfo.ZoneInfo("Pacific/Auckland")):
        auckland = days().query.sql_with_params()
        assert list(days())[0].tzinfo is not None
    assert amsterdam != auckland
    assert compilations.count(Enterprise) == 2  # once per zone: the rows reuse Auckland's plan


def test_the_language_is_part_of_the_plan(enterprises, compilations):
    """A lazily translated value is translated when the query compiles."""
    def named():
        return Enterprise.objects.filter(name=gettext_lazy("Organisatie"))

    with translation.override("nl"):
        dutch = named().query.sql_with_params()[1]
    with translation.override("en"):
        english = named().query.sql_with_params()[1]
    assert dutch == ("Organisatie",) and english == ("Organisation",)


@pytest.mark.postgres  # SQLite has no FOR UPDATE, and Django checks nothing there
@pytest.mark.django_db(transaction=True)
def test_select_for_update_still_needs_a_transaction(enterprises):
    locked = Enterprise.objects.select_for_update().filter(pk=enterprises[0].pk)
    with transaction.atomic():
        assert list(locked.all()) == [enterprises[0]]
    with pytest.raises(TransactionManagementError):
        list(locked.all())  # compiled before, inside a transaction: the check still runs


def test_a_query_that_matches_nothing_is_no_plan(compilations):
    assert list(Enterprise.objects.filter(pk__in=[])) == []
    assert list(Enterprise.objects.filter(pk__in=[])) == []
    assert plans.size() == 0


def test_a_query_that_cannot_be_pickled_compiles_every_time(enterprises, compilations):
    class Local(Value):  # a class inside a function: pickle cannot name it
        pass

    for _ in range(2):
        rows = list(Enterprise.objects.annotate(marker=Local(1)).values_list("marker", flat=True))
        assert rows == [1, 1, 1]
    assert compilations.count(Enterprise) == 2


def test_set_operations_compile_every_time(enterprises, haarlem, amersfoort, compilations):
    for _ in range(2):
        both = Enterprise.objects.filter(municipality=haarlem).order_by().values_list("name").union(
            Enterprise.objects.filter(municipality=amersfoort).order_by().values_list("name")).order_by("name")
        assert [name for (name,) in both] == ["Bakkerij Amersfoort", "Fietsenmakerij Haarlem", "Zorgboerderij Spaarne"]
    # The union each time; its parts are plain queries, compiled the first time only.
    assert compilations.count(Enterprise) == 3 + 1


def test_the_plans_are_bounded(enterprises, settings, compilations):
    settings.SQL_PLAN_CACHE_SIZE = 3
    for number in range(5):
        list(Enterprise.objects.filter(kvk_number=f"{number:08d}"))
    assert plans.size() == 3
    list(Enterprise.objects.filter(kvk_number=f"{4:08d}"))  # the newest is kept
    assert compilations.count(Enterprise) == 5


def test_switched_off_every_query_compiles(enterprises, settings, compilations):
    settings.SQL_PLAN_CACHE_SIZE = 0
    for _ in range(2):
        list(Enterprise.objects.filter(city="Haarlem"))
    assert compilations.count(Enterprise) == 2 and plans.size() == 0


def test_the_portals_backend_is_djangos_with_the_plans(enterprises):
    compiler = connection.ops.compiler("SQLCompiler")
    assert issubclass(compiler, plans.CompiledOnce) and issubclass(compiler, SQLCompiler)
    assert connection.vendor in ("postgresql", "sqlite")
    # The other compilers are Django's own: writes are compiled as they always were.
    assert not issubclass(connection.ops.compiler("SQLUpdateCompiler"), plans.CompiledOnce)
    assert Enterprise.objects.filter(city="Haarlem").update(city="Haarlem-Noord") == 2
    assert Enterprise.objects.filter(created_at__gte=timezone.now() - dt.timedelta(days=1)).count() == 3
