"""The City Deal's six themes stayed Dutch on English pages (the steering page, the reports): a
programme theme has an English name now (``name_en``, as the other managed lists), kept on the
steering group's form and shipped for the six themes."""

import pytest
from django.utils import translation

from monitoring import seeding
from monitoring.constants import CITY_DEAL_THEMES
from monitoring.models import ProgrammeTheme, SteeringGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(chair, programme):
    return SteeringGroup.objects.get(programme=programme)


def test_the_six_themes_are_seeded_with_their_english_names(programme):
    seeding.seed_reference(ref={"programme": programme})
    themes = {theme.name: theme.name_en for theme in ProgrammeTheme.objects.filter(programme=programme)}
    assert themes == CITY_DEAL_THEMES and all(themes.values())
    assert themes["Impactvol inkopen"] == "Impactful procurement"


def test_a_theme_seeded_before_it_had_english_gets_it_and_an_edit_stays(programme):
    seeding.seed_reference(ref={"programme": programme})
    themes = ProgrammeTheme.objects.filter(programme=programme)
    themes.update(name_en="")  # as seeded before the field existed
    themes.filter(name="Beleid en ontwikkeling").update(name="Beleid en ontwikkeling (nieuw)")  # renamed since
    themes.filter(name="Impactfinanciering").update(name_en="Impact investment")
    seeding.seed_reference(ref={"programme": programme})
    english = dict(themes.values_list("name", "name_en"))
    assert english["Impact ondernemen zichtbaar maken"] == "Making impact entrepreneurship visible"
    assert english["Impactfinanciering"] == "Impact investment"  # written by the steering group: kept
    assert english["Beleid en ontwikkeling (nieuw)"] == ""  # its Dutch changed: the Dutch shows


def test_the_steering_page_shows_a_theme_in_the_pages_language(group, chair, login):
    ProgrammeTheme.objects.create(programme=group.programme, name="Impactvol inkopen",
                                  name_en="Impactful procurement", order=1)
    ProgrammeTheme.objects.create(programme=group.programme, name="Zonder Engels", order=2)
    client = login(chair)
    dutch = client.get("/monitoring/stuurgroep/").content.decode()
    assert "Impactvol inkopen —" in dutch and "Impactful procurement" not in dutch
    client.cookies["django_language"] = "en"
    english = client.get("/monitoring/stuurgroep/").content.decode()
    assert "Impactful procurement —" in english and "Impactvol inkopen" not in english
    assert "Zonder Engels —" in english  # no English: its Dutch name


def test_the_form_keeps_the_english_name_once_per_programme(group, chair, login):
    client = login(chair)
    response = client.post(f"/monitoring/stuurgroep/{group.pk}/themas/nieuw/",
                           {"name": "Impactvol inkopen", "name_en": "Impactful procurement", "order": "4",
                            "is_current": "on"})
    assert response.status_code == 302
    theme = ProgrammeTheme.objects.get(programme=group.programme)
    assert theme.name_en == "Impactful procurement"
    with translation.override("en"):
        assert str(theme) == "Impactful procurement"
    with translation.override("nl"):
        assert str(theme) == "Impactvol inkopen"
    response = client.post(f"/monitoring/stuurgroep/{group.pk}/themas/nieuw/",
                           {"name": "Inkoop", "name_en": "impactful procurement", "order": "5", "is_current": "on"})
    assert response.status_code == 400
    assert [str(e) for e in response.context["form"].errors["name_en"]] == [
        "Dit programma heeft al een thema “Impactful procurement”. Wijzig dat thema."]


def test_the_programme_report_names_the_themes_in_its_language(snapshots, chair, programme, run_report):
    from django.template.loader import render_to_string

    from monitoring import reports

    ProgrammeTheme.objects.create(programme=programme, name="Impactvol inkopen", name_en="Impactful procurement")
    report, _created = run_report(user=chair, kind="programme", period="2025", programme=programme)
    context = reports.build_context(report)
    with translation.override("en"):
        assert "<li>Impactful procurement — " in render_to_string("monitoring/pdf/report.html", context)
    with translation.override("nl"):
        assert "<li>Impactvol inkopen — " in render_to_string("monitoring/pdf/report.html", context)
