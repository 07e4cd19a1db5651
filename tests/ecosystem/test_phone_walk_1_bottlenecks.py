"""Phone walk 1, bottlenecks: "Seen by 3 organisations: Gemeente Haarlem and 2 other." (the plural
followed the total, not the others); "Gesignaleerd door —, 06-04-2025" when nobody is known; the
overview's chart, table and source line on a phone."""

import json

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ecosystem import services_bottlenecks as services
from ecosystem.models_bottlenecks import Bottleneck

pytestmark = pytest.mark.django_db
FRAGMENT = settings.BASE_DIR / "locale/en/extra/phone-walk-1.po"


@pytest.fixture
def fragment_english(tmp_path, settings):
    """This area's English, ahead of the compiled catalogue: as ``make messages`` will fill the
    new entries from the fragment (the catalogue here may not have been rebuilt yet)."""
    (tmp_path / "en/LC_MESSAGES").mkdir(parents=True)
    polib.pofile(str(FRAGMENT)).save_as_mofile(str(tmp_path / "en/LC_MESSAGES/django.mo"))
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]


def _seen_by(page):
    start = page.index('id="seen-by"')
    return page[start : page.index("</p>", start)]


def test_and_one_other_and_two_others(
    make_bottleneck,
    deal,
    utrecht,
    broker_haarlem,
    broker_amersfoort,
    broker_utrecht,
    amersfoort,
    login,
    fragment_english,
):
    deal.participants.add(utrecht)
    bottleneck = make_bottleneck()
    services.bottleneck_share(bottleneck=bottleneck, programme=deal, by=broker_haarlem)
    services.bottleneck_endorse(bottleneck=bottleneck, organisation=amersfoort, by=broker_amersfoort, cases=1)
    client = login(broker_haarlem)
    assert "Gemeente Haarlem en 1 andere." in _seen_by(
        client.get(bottleneck.get_absolute_url()).content.decode()
    )
    client.cookies["django_language"] = "en"
    assert "Seen by 2 organisations: Gemeente Haarlem and 1 other." in _seen_by(
        client.get(bottleneck.get_absolute_url()).content.decode()
    )
    services.bottleneck_endorse(bottleneck=bottleneck, organisation=utrecht, by=broker_utrecht, cases=1)
    assert "Seen by 3 organisations: Gemeente Haarlem and 2 others." in _seen_by(
        client.get(bottleneck.get_absolute_url()).content.decode()
    )


def test_signalled_by_nobody_known_says_only_when(make_bottleneck, broker_haarlem, login):
    bottleneck = make_bottleneck()
    client = login(broker_haarlem)
    page = client.get(bottleneck.get_absolute_url()).content.decode()
    assert "Gesignaleerd door</dt><dd>" in page and "Gesignaleerd op</dt>" not in page
    Bottleneck.objects.filter(pk=bottleneck.pk).update(raised_by=None)
    page = client.get(bottleneck.get_absolute_url()).content.decode()
    signalled = page.split("Gesignaleerd op</dt><dd>", 1)[1].split("</dd>", 1)[0]
    assert signalled == timezone.localdate(bottleneck.created_at).strftime("%d-%m-%Y")
    assert "Gesignaleerd door</dt>" not in page


def test_the_overview_fits_a_phone_and_names_its_source(
    make_bottleneck, deal, broker_haarlem, stuurgroep, login
):
    bottleneck = make_bottleneck()
    services.bottleneck_share(bottleneck=bottleneck, programme=deal, by=broker_haarlem)
    response = login(stuurgroep).get(reverse("ecosystem:bottleneck-overview"))
    page = response.content.decode()
    options = response.context["chart"]["options"]
    # Horizontal bars (the themes' names level, not rotated under 80 px of bars), legend below.
    assert options["indexAxis"] == "y" and options["plugins"]["legend"]["position"] == "bottom"
    assert options["scales"]["x"]["ticks"]["precision"] == 0
    chart = json.loads(
        page.split('id="theme-level-chart" type="application/json">', 1)[1].split("</script>", 1)[0]
    )
    assert chart["options"]["indexAxis"] == "y"
    box = page[page.index('id="theme-level-scroll"') - 40 : page.index('id="theme-level-table"')]
    assert 'class="portal-table-scroll"' in box and 'role="region"' in box and 'tabindex="0"' in box
    source = page.split('id="overview-source">', 1)[1].split("</p>", 1)[0]
    assert source.startswith("Bron: ") and "Stand " in source
    assert timezone.localdate().strftime("%d-%m-%Y") in source
