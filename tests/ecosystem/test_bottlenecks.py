"""The bottleneck and best-practice register: who sees a bottleneck before and after it is
shared with the City Deal, "we see this too" once per organisation, the ministry rule, status
changes, field errors and the steering group's overview."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from ecosystem import services_bottlenecks as services
from ecosystem.models import Bottleneck, BottleneckEndorsement, BottleneckStatusChange
from tests import factories as f

pytestmark = pytest.mark.django_db


def visible(user):
    return set(Bottleneck.objects.for_user(user).values_list("pk", flat=True))


# --- sharing ---------------------------------------------------------------------------------


def test_shared_bottleneck_is_visible_to_another_participant_and_the_steering_group_only_after_sharing(
        make_bottleneck, deal, broker_haarlem, broker_amersfoort, inkoper_haarlem, stuurgroep, broker_utrecht,
        ondernemer_1, login):
    bottleneck = make_bottleneck()
    assert bottleneck.pk in visible(broker_haarlem) and bottleneck.pk in visible(inkoper_haarlem)
    for outsider in (broker_amersfoort, stuurgroep, broker_utrecht, ondernemer_1):
        assert bottleneck.pk not in visible(outsider)
    client = login(broker_amersfoort)
    assert client.get(bottleneck.get_absolute_url()).status_code == 404

    services.bottleneck_share(bottleneck=bottleneck, programme=deal, by=broker_haarlem)

    for reader in (broker_amersfoort, stuurgroep):
        assert bottleneck.pk in visible(reader)
    for outsider in (broker_utrecht, ondernemer_1):  # Utrecht does not take part; entrepreneurs never see it
        assert bottleneck.pk not in visible(outsider)
    page = login(broker_amersfoort).get(bottleneck.get_absolute_url())
    assert page.status_code == 200 and "Geen rechtsvorm voor sociale ondernemingen" in page.content.decode()
    assert 'id="endorse-form"' in page.content.decode()  # another participant may say "we see this too"
    steering_page = login(stuurgroep).get(bottleneck.get_absolute_url()).content.decode()
    assert 'id="endorse-form"' not in steering_page and 'id="bottleneck-edit"' not in steering_page
    # Others read a shared bottleneck; changing it stays with Haarlem.
    assert login(broker_amersfoort).get(reverse("ecosystem:bottleneck-update", args=[bottleneck.pk])).status_code == 403


def test_a_shared_best_practice_is_readable_by_every_participant(make_bottleneck, deal, broker_haarlem,
                                                                  broker_amersfoort, broker_utrecht):
    practice = make_bottleneck(kind="best_practice", level="municipality", ministry="",
                               title="Inkoopplatform voor de regio")
    services.bottleneck_share(bottleneck=practice, programme=deal, by=broker_haarlem)
    assert practice.pk in visible(broker_amersfoort) and practice.pk not in visible(broker_utrecht)


def test_sharing_is_for_brokers_of_a_participant_and_only_once(make_bottleneck, deal, broker_haarlem,
                                                               inkoper_haarlem, broker_amersfoort, utrecht,
                                                               broker_utrecht):
    bottleneck = make_bottleneck(by=inkoper_haarlem)  # colleagues signal too
    with pytest.raises(PermissionDenied):
        services.bottleneck_share(bottleneck=bottleneck, programme=deal, by=inkoper_haarlem)
    with pytest.raises(Http404):
        services.bottleneck_share(bottleneck=bottleneck, programme=deal, by=broker_amersfoort)
    services.bottleneck_share(bottleneck=bottleneck, programme=deal, by=broker_haarlem)
    with pytest.raises(ValidationError) as error:
        services.bottleneck_share(bottleneck=bottleneck, programme=deal, by=broker_haarlem)
    assert "al gedeeld" in str(error.value)
    # An organisation shares only with a programme it takes part in.
    own = make_bottleneck(by=broker_utrecht, organisation=utrecht)
    with pytest.raises(ValidationError) as error:
        services.bottleneck_share(bottleneck=own, programme=deal, by=broker_utrecht)
    assert "programme" in error.value.message_dict
    own.refresh_from_db()
    assert own.shared_with is None


# --- we see this too ---------------------------------------------------------------------------


def test_we_see_this_too_counts_once_per_organisation(make_bottleneck, deal, broker_haarlem, broker_amersfoort,
                                                      amersfoort, login):
    bottleneck = make_bottleneck()
    services.bottleneck_share(bottleneck=bottleneck, programme=deal, by=broker_haarlem)
    colleague = f.colleague(amersfoort, "inkoop", "inkoper-amersfoort")
    services.bottleneck_endorse(bottleneck=bottleneck, organisation=amersfoort, by=broker_amersfoort, cases=4,
                                enterprises=3, note="Speelt hier ook.")
    # A colleague of the same organisation: a clear error, nothing changes.
    with pytest.raises(ValidationError) as error:
        services.bottleneck_endorse(bottleneck=bottleneck, organisation=amersfoort, by=colleague, cases=9)
    assert "al aangegeven" in error.value.message_dict["organisation"][0]
    endorsement = BottleneckEndorsement.objects.get()
    assert (endorsement.organisation, endorsement.cases, endorsement.enterprises) == (amersfoort, 4, 3)
    # Through the screen: the form says so next to the field (400), nothing is added.
    response = login(colleague).post(reverse("ecosystem:bottleneck-endorse", args=[bottleneck.pk]),
                                     {"organisation": amersfoort.pk, "cases": "9", "enterprises": "9"})
    assert response.status_code == 400
    assert "al aangegeven dit ook te zien" in response.content.decode()
    assert BottleneckEndorsement.objects.count() == 1
    # The totals: Haarlem's own 3 cases plus Amersfoort's 4, seen by two organisations.
    page = login(broker_haarlem).get(bottleneck.get_absolute_url()).content.decode()
    assert "7 met de andere deelnemers" in page and "Speelt hier ook." in page


def test_the_signalling_organisation_does_not_endorse_itself_and_unshared_ones_cannot_be_endorsed(
        make_bottleneck, deal, haarlem, broker_haarlem, broker_amersfoort, amersfoort):
    bottleneck = make_bottleneck()
    with pytest.raises(PermissionDenied):  # Haarlem sees it, but it is not shared yet
        services.bottleneck_endorse(bottleneck=bottleneck, organisation=haarlem, by=broker_haarlem)
    with pytest.raises(Http404):
        services.bottleneck_endorse(bottleneck=bottleneck, organisation=amersfoort, by=broker_amersfoort)
    services.bottleneck_share(bottleneck=bottleneck, programme=deal, by=broker_haarlem)
    with pytest.raises(ValidationError) as error:
        services.bottleneck_endorse(bottleneck=bottleneck, organisation=haarlem, by=broker_haarlem)
    assert "eigen organisatie" in error.value.message_dict["organisation"][0]
    with pytest.raises(ValidationError):  # Haarlem's broker may not speak for Amersfoort
        services.bottleneck_endorse(bottleneck=bottleneck, organisation=amersfoort, by=broker_haarlem)
    assert not BottleneckEndorsement.objects.exists()


# --- the ministry, field errors -----------------------------------------------------------------


def test_a_ministry_is_required_for_the_national_level_only(make_bottleneck):
    with pytest.raises(ValidationError) as error:
        make_bottleneck(level="national", ministry="")
    assert list(error.value.message_dict) == ["ministry"]
    with pytest.raises(ValidationError) as error:
        make_bottleneck(level="municipality", ministry="szw")
    assert list(error.value.message_dict) == ["ministry"]
    assert make_bottleneck(level="province", ministry="").ministry == ""
    assert make_bottleneck(level="national", ministry="szw").get_ministry_display() == \
        "Sociale Zaken en Werkgelegenheid"
    assert not Bottleneck.objects.filter(level="national", ministry="").exists()


def test_bad_input_on_the_form_gives_field_errors_not_a_500(login, broker_haarlem, haarlem):
    client = login(broker_haarlem)
    response = client.post(reverse("ecosystem:bottleneck-create"), {
        "organisation": haarlem.pk, "kind": "bottleneck", "title": "", "description": "Tekst", "theme": "onzin",
        "level": "national", "ministry": "", "affected_cases": "-3", "affected_enterprises": "veel", "case": "abc"})
    assert response.status_code == 200
    form = response.context["form"]
    assert {"title", "theme", "affected_cases", "affected_enterprises", "case"} <= set(form.errors)
    response = client.post(reverse("ecosystem:bottleneck-create"), {
        "organisation": haarlem.pk, "kind": "bottleneck", "title": "Vergunning duurt lang", "description": "Tekst",
        "theme": "permits", "level": "national", "ministry": "", "affected_cases": "1", "affected_enterprises": "1"})
    assert response.status_code == 200
    assert "Kies het ministerie" in str(response.context["form"].errors["ministry"])
    assert not Bottleneck.objects.exists()


def test_signal_from_a_helpdesk_case_and_a_contact_moment(login, broker_haarlem, haarlem, enterprise_haarlem,
                                                          ondernemer_1):
    from brokers.helpdesk import services as helpdesk
    from enterprises.models import ContactMoment

    case = helpdesk.case_submit(submitter=ondernemer_1, enterprise=enterprise_haarlem, category="property",
                                subject="Geen pand te huur", description="Mag de gemeente aan ons verhuren?")
    client = login(broker_haarlem)
    case_page = client.get(reverse("helpdesk:case-detail", args=[case.pk])).content.decode()
    create = reverse("ecosystem:bottleneck-create")
    assert f'{create}?case={case.pk}' in case_page
    form = client.get(f"{create}?case={case.pk}").context["form"]
    assert form.initial["case"] == case.pk and form.initial["title"] == "Geen pand te huur"
    assert form.initial["theme"] == "real_estate" and form.initial["organisation"] == haarlem.pk
    response = client.post(f"{create}?case={case.pk}", {
        "organisation": haarlem.pk, "kind": "bottleneck", "title": "Geen pand te huur", "description": "Didam",
        "theme": "real_estate", "level": "national", "ministry": "bzk", "affected_cases": "1",
        "affected_enterprises": "1", "case": case.pk})
    bottleneck = Bottleneck.objects.get()
    assert response.status_code == 302 and response["Location"] == bottleneck.get_absolute_url()
    assert bottleneck.case == case and bottleneck.raised_by == broker_haarlem and bottleneck.status == "signalled"
    assert list(bottleneck.status_changes.values_list("status", flat=True)) == ["signalled"]

    moment = ContactMoment.objects.create(organisation=haarlem, enterprise=enterprise_haarlem, subject="Intake")
    contact_page = client.get(moment.get_absolute_url()).content.decode()
    assert f'{create}?contact={moment.pk}' in contact_page
    assert client.get(f"{create}?contact={moment.pk}").context["form"].initial["contact_moment"] == moment.pk


def test_a_case_of_another_municipality_cannot_be_linked(login, broker_amersfoort, amersfoort, enterprise_haarlem,
                                                         ondernemer_1, broker_haarlem):  # Haarlem's desk takes the question
    from brokers.helpdesk import services as helpdesk

    case = helpdesk.case_submit(submitter=ondernemer_1, enterprise=enterprise_haarlem, category="property",
                                subject="Pand", description="Vraag")
    client = login(broker_amersfoort)
    assert client.get(f"{reverse('ecosystem:bottleneck-create')}?case={case.pk}").context["form"].initial.get(
        "case") is None
    response = client.post(reverse("ecosystem:bottleneck-create"), {
        "organisation": amersfoort.pk, "kind": "bottleneck", "title": "Pand", "description": "Tekst",
        "theme": "real_estate", "level": "municipality", "affected_cases": "1", "affected_enterprises": "1",
        "case": case.pk})
    assert response.status_code == 200 and "case" in response.context["form"].errors
    assert not Bottleneck.objects.exists()


# --- status timeline ----------------------------------------------------------------------------


def test_status_timeline_and_agenda_details(make_bottleneck, broker_haarlem, inkoper_haarlem, login):
    bottleneck = make_bottleneck()
    with pytest.raises(PermissionDenied):
        services.bottleneck_change_status(bottleneck=bottleneck, by=inkoper_haarlem, status="in_progress")
    with pytest.raises(ValidationError) as error:
        services.bottleneck_change_status(bottleneck=bottleneck, by=broker_haarlem, status="on_agenda")
    assert {"agenda_where", "agenda_on"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        services.bottleneck_change_status(bottleneck=bottleneck, by=broker_haarlem, status="solved",
                                          date=timezone.localdate() + dt.timedelta(days=3))
    assert "date" in error.value.message_dict
    today = timezone.localdate()
    services.bottleneck_change_status(bottleneck=bottleneck, by=broker_haarlem, status="on_agenda",
                                      agenda_where="Ministerie van EZ", agenda_on=today, agenda_by="Wethouder")
    with pytest.raises(ValidationError) as error:
        services.bottleneck_change_status(bottleneck=bottleneck, by=broker_haarlem, status="on_agenda")
    assert "al" in error.value.message_dict["status"][0]
    bottleneck.refresh_from_db()
    assert (bottleneck.status, bottleneck.agenda_where, bottleneck.agenda_by) == ("on_agenda", "Ministerie van EZ",
                                                                                  "Wethouder")
    assert list(BottleneckStatusChange.objects.filter(bottleneck=bottleneck).values_list("status", flat=True)) == [
        "signalled", "on_agenda"]
    # The screen: bad input is a 400 with the errors, a good one moves on.
    url = reverse("ecosystem:bottleneck-status", args=[bottleneck.pk])
    client = login(broker_haarlem)
    assert client.post(url, {"status": "bestaat-niet"}).status_code == 400
    assert client.post(url, {"status": "solved", "note": "Opgelost"}).status_code == 302
    page = client.get(bottleneck.get_absolute_url()).content.decode()
    assert "Opgelost" in page and "Ministerie van EZ" in page


# --- list, export, overview -----------------------------------------------------------------------


def test_list_filters_export_and_constant_queries(make_bottleneck, deal, broker_haarlem, broker_amersfoort,
                                                  amersfoort, login, django_assert_max_num_queries):
    client = login(broker_haarlem)
    url = reverse("ecosystem:bottleneck-list")
    make_bottleneck()
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for i in range(8):
        b = make_bottleneck(title=f"Knelpunt {i}", theme="financing" if i % 2 else "procurement",
                            level="municipality", ministry="")
        if i < 3:
            services.bottleneck_share(bottleneck=b, programme=deal, by=broker_haarlem)
            services.bottleneck_endorse(bottleneck=b, organisation=amersfoort, by=broker_amersfoort, cases=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200 and "Knelpunt 7" in response.content.decode()
    html = client.get(url, {"theme": "financing"}).content.decode()
    assert "Knelpunt 1" in html and "Knelpunt 2" not in html
    html = client.get(url, {"shared": "true"}).content.decode()
    assert "Knelpunt 0" in html and "Knelpunt 5" not in html
    html = client.get(url, {"q": "rechtsvorm"}).content.decode()
    assert "Geen rechtsvorm" in html and "Knelpunt 3" not in html
    export = client.get(url, {"_export": "csv", "shared": "true"})
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "Knelpunt 0" in body and "Knelpunt 5" not in body
    # Amersfoort sees the three shared ones, not Haarlem's own list.
    html = login(broker_amersfoort).get(url).content.decode()
    assert "Knelpunt 0" in html and "Knelpunt 5" not in html


def test_steering_overview_by_theme_and_level(make_bottleneck, deal, broker_haarlem, stuurgroep, login):
    client = login(stuurgroep)
    url = reverse("ecosystem:bottleneck-overview")
    empty = client.get(url)
    assert empty.status_code == 200 and 'id="overview-empty"' in empty.content.decode()
    make_bottleneck(title="Nog niet gedeeld")
    for theme, level, ministry in (("legislation", "national", "ez"), ("legislation", "municipality", ""),
                                   ("financing", "province", "")):
        b = make_bottleneck(title=f"Gedeeld {theme} {level}", theme=theme, level=level, ministry=ministry)
        services.bottleneck_share(bottleneck=b, programme=deal, by=broker_haarlem)
    response = client.get(url)
    html = response.content.decode()
    assert "Gedeeld legislation national" in html and "Nog niet gedeeld" not in html
    table = {row["theme"]: row for row in response.context["table"]}
    assert table["legislation"]["levels"] == [1, 0, 0, 1] and table["financing"]["levels"] == [0, 0, 1, 0]
    assert response.context["counts"].by_status["signalled"] == 3
    assert 'data-chart="theme-level-chart"' in html and 'id="theme-level-chart"' in html
    assert login(broker_haarlem).get(url).status_code == 200


def test_steering_member_without_shared_rows_sees_no_private_ones_in_the_list(make_bottleneck, stuurgroep, login):
    make_bottleneck(title="Alleen voor Haarlem")
    html = login(stuurgroep).get(reverse("ecosystem:bottleneck-list")).content.decode()
    assert "Alleen voor Haarlem" not in html


def test_changes_are_audited(make_bottleneck, broker_haarlem, login):
    from auditlog.models import LogEntry

    bottleneck = make_bottleneck()
    client = login(broker_haarlem)
    response = client.post(reverse("ecosystem:bottleneck-update", args=[bottleneck.pk]), {
        "kind": "bottleneck", "title": "Nieuwe titel", "description": "Tekst", "theme": "legislation",
        "level": "national", "ministry": "jenv", "affected_cases": "5", "affected_enterprises": "2"})
    assert response.status_code == 302
    bottleneck.refresh_from_db()
    assert bottleneck.title == "Nieuwe titel" and bottleneck.ministry == "jenv"
    entry = LogEntry.objects.get_for_object(bottleneck).filter(action=LogEntry.Action.UPDATE).first()
    assert entry is not None and entry.actor == broker_haarlem and "title" in entry.changes_dict


def test_export_holds_plain_text_and_no_formula(make_bottleneck, broker_haarlem, login):
    make_bottleneck(title="=HYPERLINK(\"http://x\")")
    client = login(broker_haarlem)
    csv_body = client.get(reverse("ecosystem:bottleneck-list"), {"_export": "csv"})
    assert csv_body.status_code == 200 and csv_body["Content-Type"].startswith("text/csv")
    text = csv_body.content.decode()
    assert "<a " not in text and "'=HYPERLINK" in text
    assert "Rijksoverheid (Economische Zaken)" in text  # the level names its ministry
    xlsx = client.get(reverse("ecosystem:bottleneck-list"), {"_export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
