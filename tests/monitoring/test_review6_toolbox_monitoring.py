"""User review 6, toolbox and monitoring: a too-long comment keeps its text, module 13's figures
have units, dates as the rest of the portal, the steering page's period, running year, agenda and
bottlenecks, the report form of a steering member, and the dashboard's organisation chooser."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from brokers.models import AnswerComment
from brokers.toolbox import services as toolbox_services
from impactportal import contributions
from monitoring.constants import UnderspendRule
from monitoring.models import Contribution, Meeting, Spending
from monitoring.views import budget_years
from tests import factories as f

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def edition(db):
    return f.toolbox_edition()


@pytest.fixture
def broker(haarlem):
    return f.broker(haarlem, "makelaar-haarlem", is_coordinator=True)


def question(key):
    from brokers.models import Question

    return Question.objects.get(module__edition__is_current=True, key=key)


# --- 1. a too-long toolbox comment ---------------------------------------------------------------


def test_a_too_long_comment_keeps_the_text_and_says_the_limit_with_separators(edition, broker, login):
    client = login(broker)
    vision = question("vision")
    text = "Lang verhaal. " * 430  # 6.020 characters, stripped 6.019
    response = client.post(reverse("brokers:toolbox-comment", args=[vision.pk]), {"body": text})
    page = response.content.decode()
    assert response.status_code == 400 and not AnswerComment.objects.exists()
    assert "maximaal 2.000 tekens" in page and "6.019" in page  # not Django's bare "2000 ... 6000"
    assert text.strip() in page  # the typed text is still there, in the comment box
    form_page = client.get(reverse("brokers:toolbox-module", args=[vision.module.number])).content.decode()
    assert f'id="reactie-{vision.pk}"' in form_page and 'maxlength="2000"' in form_page
    assert "Maximaal 2.000 tekens." in form_page  # said before typing


def test_the_service_refuses_a_too_long_comment_with_the_formatted_limit(edition, broker, haarlem):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        toolbox_services.comment_add(organisation=haarlem, question=question("vision"), body="x" * 6000, by=broker)
    assert error.value.message_dict["body"] == [
        "Een reactie is maximaal 2.000 tekens; deze telt er 6.000. Maak haar korter."]


# --- 9. dates as the rest of the portal ------------------------------------------------------------


def test_toolbox_dates_are_short_dates(edition, broker, haarlem, login):
    vision = question("vision")
    toolbox_services.answer_save(organisation=haarlem, question=vision, value="Stip", by=broker)
    toolbox_services.comment_add(organisation=haarlem, question=vision, body="Mooi", by=broker)
    client = login(broker)
    short = re.compile(r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}")
    module = client.get(reverse("brokers:toolbox-module", args=[vision.module.number])).content.decode()
    history = client.get(reverse("brokers:toolbox-history", args=[vision.pk])).content.decode()
    month = timezone.localdate().strftime("%m")
    long_names = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                  "oktober", "november", "december"]
    for page in (module, history):
        assert short.search(page)
        assert f" {long_names[int(month) - 1]} {timezone.localdate().year} " not in page


# --- 2. module 13's figures have units ----------------------------------------------------------


def test_toolbox_indicator_values_have_their_unit(snapshots, broker_haarlem, haarlem):
    source = contributions.toolbox_sources()["monitoring.indicators"]
    context = source.context(broker_haarlem, haarlem)
    jobs = next(row for row in context["rows"] if row["code"] == "enterprises.disadvantaged_jobs")
    assert jobs["unit"] == "aantal"
    html = render_to_string(source.template, context)
    assert "<th scope=\"col\">Eenheid</th>" in html and "<td>aantal</td>" in html


# --- 5. the steering page: running year, source, period ----------------------------------------


@pytest.fixture
def budget(make_budget):
    return make_budget((2025, 2026), [(dt.date(2025, 6, 1), "6000"), (dt.date(2026, 3, 1), "1000")])


def test_the_running_year_has_no_underspend_yet_and_carries_nothing(budget, stuurgroep):
    rows = budget_years(budget, stuurgroep, UnderspendRule.CARRY_OVER, today=dt.date(2026, 12, 5))
    assert [(r["year"], r["running"], r["carried_in"], r["underspend"]) for r in rows] == [
        (2025, False, D(0), D("4000")), (2026, True, D("4000"), None)]
    rows = budget_years(budget, stuurgroep, today=dt.date(2027, 1, 2))  # the year is over: now it is known
    assert [(r["year"], r["running"], r["underspend"]) for r in rows] == [(2025, False, D("4000")),
                                                                          (2026, False, D("9000"))]


def test_the_steering_page_says_the_year_runs_the_source_and_that_the_programme_runs_on(budget, stuurgroep,
                                                                                           login):
    budget.start_date, budget.end_date = dt.date(2021, 3, 11), dt.date(2024, 4, 1)
    budget.save()
    this_year = timezone.localdate().year
    Contribution.objects.filter(year=2026).update(year=this_year)
    Spending.objects.filter(date__year=2026).update(date=dt.date(this_year, 1, 2))
    page = login(stuurgroep).get("/monitoring/stuurgroep/").content.decode()
    table = page[page.index(f'id="budget-{budget.pk}"'):page.index("</table>", page.index(f'id="budget-{budget.pk}"'))]
    assert "lopend jaar: staat pas na 31 december vast" in table and "tot nu toe" in table
    assert "€&nbsp;9.000,00" not in table  # no "underspend" for a year that is not over
    assert f'id="budget-source-{budget.pk}"' in page and "Bron: de bijdragen en uitgaven" in page and "gemeten" in page
    start = page.index(f'id="programme-period-{budget.pk}"')
    period = page[start:page.index("</dd>", start)]
    period = re.sub(r"<span[^>]*>|</span>", "", period)  # dates sit in a nowrap span
    assert "eerste termijn tot 01-04-2024" in period and f"tot en met {this_year}" in period


# --- 6. meetings with their agenda, and the bottlenecks on it ----------------------------------------


def test_meetings_show_their_agenda_and_the_bottlenecks_put_on_it(programme, haarlem, broker_haarlem, stuurgroep,
                                                                  login):
    from ecosystem.models import Bottleneck

    day = dt.date(2026, 11, 10)
    Meeting.objects.create(programme=programme, date=day, is_open=True, agenda="Jaarverslag\nKnelpunten")
    shared = {"organisation": haarlem, "kind": "bottleneck", "theme": "legislation", "level": "national",
              "ministry": "ez", "description": "x", "shared_with": programme, "shared_at": timezone.now()}
    on_agenda = Bottleneck.objects.create(title="Rechtsvorm ontbreekt", status="on_agenda", agenda_on=day,
                                          agenda_where="Stuurgroep City Deal", **shared)
    Bottleneck.objects.create(title="Nog niet geagendeerd", status="signalled", **shared)
    Bottleneck.objects.create(title="Niet gedeeld", status="on_agenda", organisation=haarlem, kind="bottleneck",
                              theme="legislation", level="municipality", description="x")
    page = login(stuurgroep).get("/monitoring/stuurgroep/").content.decode()
    start = page.index(f'id="meetings-{programme.pk}"')
    meetings = page[start:page.index("</ul>", start)]
    assert "10-11-2026" in meetings and "Jaarverslag<br>Knelpunten" in meetings
    assert on_agenda.get_absolute_url() in meetings
    start = page.index(f'id="agenda-bottlenecks-{programme.pk}"')
    listed = page[start:page.index("</ul>", start)]
    assert "Rechtsvorm ontbreekt" in listed and "geagendeerd bij Stuurgroep City Deal" in listed
    assert "Nog niet geagendeerd" not in page and "Niet gedeeld" not in page


# --- 7. the report form of a steering member ------------------------------------------------------


def test_a_steering_member_has_their_programme_required_and_preselected(snapshots, programme, stuurgroep, login):
    client = login(stuurgroep)
    page = client.get("/monitoring/rapporten/nieuw/").content.decode()
    assert 'name="organisation"' not in page and 'name="enterprise"' not in page
    select = page[page.index('name="programme"'):page.index("</select>", page.index('name="programme"'))]
    assert f'value="{programme.slug}" selected' in select
    assert "(optioneel)" not in page
    response = client.post("/monitoring/rapporten/nieuw/", {"kind": "programme", "period": "2025", "programme": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Kies een organisatie, een programma of een onderneming." not in body
    assert "id_programme_error\"><p>Kies een programma.</p>" in body


# --- 8. the dashboard's organisation chooser --------------------------------------------------


def test_the_chooser_offers_every_participant_and_says_when_one_is_not_available(snapshots, programme, amersfoort,
                                                                                 stuurgroep, login):
    utrecht = f.OrganisationFactory(name="Gemeente Utrecht", slug="utrecht")
    programme.participants.add(utrecht)  # a participant without any measurement yet
    client = login(stuurgroep)
    page = client.get("/monitoring/").content.decode()
    chooser = page[page.index('id="scope-organisation"'):page.index("</select>", page.index('id="scope-organisation"'))]
    assert 'value="utrecht"' in chooser and 'value="haarlem"' in chooser
    assert 'value="amersfoort"' not in chooser  # not a participant here
    page = client.get("/monitoring/?organisation=utrecht").content.decode()
    assert "Voor Gemeente Utrecht is nog geen meting die u mag zien." in page and 'id="scope-unavailable"' not in page
    page = client.get("/monitoring/?organisation=amersfoort").content.decode()
    assert 'id="scope-unavailable"' in page and "amersfoort" in page
