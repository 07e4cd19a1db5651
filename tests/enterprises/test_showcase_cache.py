"""Anonymous showcase pages come from the cache, per language and query, and a change to what
they show makes them stale at once (issue 8, item 7)."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from enterprises.constants import AdmissionStatus
from tests import factories as f


@pytest.fixture
def visitor_cache(settings):
    settings.PUBLIC_PAGE_CACHE = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "showcase-cache-test"}}
    cache.clear()
    yield
    cache.clear()


def showcase_enterprise(haarlem, name):
    return f.EnterpriseFactory(name=name, municipality=haarlem, is_published=True,
                               admission_status=AdmissionStatus.ADMITTED)


def test_a_second_visit_runs_no_query_and_a_change_shows_at_once(visitor_cache, haarlem,
                                                                 django_assert_num_queries):
    bakery = showcase_enterprise(haarlem, "Bakkerij De Eerste")
    client = Client()
    first = client.get(reverse("etalage"))
    assert first.status_code == 200 and "Bakkerij De Eerste" in first.content.decode()
    with django_assert_num_queries(0):
        again = Client().get(reverse("etalage"))
    assert again.content.count(b"Bakkerij De Eerste") == first.content.count(b"Bakkerij De Eerste")
    # A first visit sets the visitor's CSRF cookie: never "public" then, or a shared cache would hand
    # that cookie to the next visitor (security review). A returning visitor sends it and gets the
    # public page.
    assert "csrftoken" in again.cookies and "public" not in again["Cache-Control"]
    with django_assert_num_queries(0):
        returning = client.get(reverse("etalage"))
    assert not returning.cookies and returning.content.count(b"Bakkerij De Eerste") == again.content.count(
        b"Bakkerij De Eerste")
    assert "public" in returning["Cache-Control"] and "Cookie" in returning["Vary"]
    bakery.name = "Bakkerij De Tweede"
    bakery.save()
    assert "Bakkerij De Tweede" in Client().get(reverse("etalage")).content.decode()
    detail = reverse("enterprises:showcase-detail", args=[bakery.pk])
    assert "Bakkerij De Tweede" in Client().get(detail).content.decode()
    bakery.is_published = False
    bakery.save()
    assert Client().get(detail).status_code == 404


def test_each_visitor_gets_their_own_csrf_token_and_query_and_language_are_kept_apart(visitor_cache, haarlem):
    showcase_enterprise(haarlem, "Fietsenmaker Fiets")
    showcase_enterprise(haarlem, "Koffiebranderij Boon")
    first, second = Client(), Client()
    page_one = first.get(reverse("etalage")).content.decode()
    page_two = second.get(reverse("etalage")).content.decode()
    assert "csrf-token-placeholder" not in page_one + page_two
    token_one = page_one.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    token_two = page_two.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert token_one != token_two
    # The cached page's language switch works for the second visitor (their own token).
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("etalage")).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = client.post(reverse("set_language"), {"language": "en", "next": "/etalage/",
                                                     "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    english = client.get(reverse("etalage")).content.decode()
    assert 'lang="en"' in english
    filtered = Client().get(reverse("etalage"), {"q": "Boon"}).content.decode()
    assert "Koffiebranderij Boon" in filtered and "Fietsenmaker Fiets" not in filtered


def test_signed_in_users_are_never_served_from_the_visitor_cache(visitor_cache, haarlem, login, broker_haarlem):
    showcase_enterprise(haarlem, "Wasserette Wit")
    Client().get(reverse("etalage"))
    page = login(broker_haarlem).get(reverse("etalage"))
    assert "Uitloggen" in page.content.decode() and "public" not in page.get("Cache-Control", "")


def test_home_and_knowledge_base_are_cached_for_visitors_and_stale_after_a_change(visitor_cache, haarlem,
                                                                                  django_assert_num_queries):
    from brokers.models import KnowledgeInstrument

    programme = f.ProgrammeFactory(name="City Deal Eerste Fase")
    home, knowledge = reverse("home"), reverse("helpdesk:instrument-list")
    assert "City Deal Eerste Fase" in Client().get(home).content.decode()
    Client().get(knowledge)
    with django_assert_num_queries(0):
        assert "City Deal Eerste Fase" in Client().get(home).content.decode()
        Client().get(knowledge)
    programme.name = "City Deal Tweede Fase"
    programme.save()  # the home page's own data
    assert "City Deal Tweede Fase" in Client().get(home).content.decode()
    before = Client().get(home).content.decode()
    showcase_enterprise(haarlem, "Zeepziederij Schuim")  # the showcase count on the home page
    assert Client().get(home).content.decode() != before
    programme.participants.add(haarlem)  # relinking participants changes the count shown
    assert "1 deelnemende organisatie in het portaal" in Client().get(home).content.decode()
    KnowledgeInstrument.objects.create(name="Regionaal Impactfonds Kennemerland", kind="financing",
                                       description="Leningen voor starters")
    assert "Regionaal Impactfonds Kennemerland" in Client().get(knowledge).content.decode()


def test_a_change_makes_the_cache_stale_again_when_its_transaction_commits(visitor_cache, haarlem,
                                                                          django_capture_on_commit_callbacks):
    """A page cached between a change and its commit still shows the old rows; the second bump,
    on commit, makes it stale."""
    from impactportal.ui.cache import version

    bakery = showcase_enterprise(haarlem, "Bakkerij De Eerste")
    before = version("showcase")
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        for name in ("Bakkerij De Tweede", "Bakkerij De Derde"):
            bakery.name = name
            bakery.save()
        during = version("showcase")
    assert during == before + 2  # at each change
    # Once more at the commit, per namespace (the showcase, the dashboards and the open data, which
    # names contracts' providers), not per saved row.
    assert len(callbacks) == 3
    for callback in callbacks:
        callback()
    assert version("showcase") == during + 1


def test_a_process_reads_a_version_once_a_second_and_its_own_bump_at_once(visitor_cache, monkeypatch):
    """Several cached lists on one page ask for the same version; this process remembers it for
    VERSION_MEMO seconds. Its own bump is seen at once, another process's after the memo."""
    from impactportal.ui import cache as page_cache

    clock = [100.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock[0])
    first = page_cache.version("choices")
    cache.incr("public-page:choices:version")  # a bump by another web process (shared cache)
    assert page_cache.version("choices") == first  # remembered
    clock[0] += page_cache.VERSION_MEMO
    assert page_cache.version("choices") == first + 1  # read again after the memo
    page_cache.bump("choices")  # this process: seen at once
    assert page_cache.version("choices") == first + 2
