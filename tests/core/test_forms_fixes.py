"""First-time-user review 12, shared forms and technical details: one error summary per page of
several forms, fieldsets that do not widen a phone's page, one charset on the figures export, and
refused requests logged in one line."""

import logging
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)


# --- one error summary for a form with formsets -----------------------------------------------


def _impact_post(*rows):
    data = {"method": "", "method_name": "", "notes": "", "indicators-TOTAL_FORMS": str(len(rows)),
            "indicators-INITIAL_FORMS": "0", "indicators-MIN_NUM_FORMS": "0", "indicators-MAX_NUM_FORMS": "10"}
    for number, row in enumerate(rows):
        data |= {f"indicators-{number}-{key}": value for key, value in row.items()}
    return data


def test_a_bad_impact_measurement_shows_one_error_summary_listing_every_row(login, ondernemer_1, enterprise_haarlem):
    """Each indicator row rendered with {{ subform }} had a "Controleer het formulier" box of its
    own (six for one bad submit); the page has one, each error naming its row and linking to its field."""
    url = reverse("enterprises:impact", args=[enterprise_haarlem.pk])
    rows = [{"name": f"Cijfer {n}", "value": "", "unit": "", "period_start": "", "period_end": "", "source": ""}
            for n in (1, 2, 3)]
    response = login(ondernemer_1).post(url, _impact_post(*rows))
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("Controleer het formulier") == 1
    summary = page.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    for number in (1, 2, 3):
        assert f"Kerncijfer {number}: " in summary
        assert f'href="#id_indicators-{number - 1}-value"' in summary
    # The fields still carry their own messages next to them.
    assert page.count('id="id_indicators-0-value"') == 1


@pytest.mark.parametrize("template", ["procurement/rule_sets/blocks.html", "procurement/challenges/criteria.html",
                                      "enterprises/impact_measurement_form.html", "financing/mkba/form.html"])
def test_formset_rows_are_not_rendered_with_a_summary_of_their_own(template):
    text = (ROOT / "templates" / template).read_text()
    assert "{{ subform }}" not in text, template


# --- fieldsets on a phone ----------------------------------------------------------------------


def test_every_fieldset_may_shrink_below_its_longest_word():
    """A fieldset is as wide as its min-content unless ``min-inline-size: 0``: one long word in a
    legend made the impact measurement page 547px wide at 390px (the e2e check is in
    tests/e2e/test_long_text.py)."""
    css = (ROOT / "static/css/portal.css").read_text()
    assert re.search(r"(^|\n)fieldset\s*\{[^}]*min-inline-size:\s*0", css)
    assert re.search(r"(^|\n)legend\s*\{[^}]*overflow-wrap:\s*anywhere", css)


# --- exports: one charset ----------------------------------------------------------------------


def test_the_figures_export_names_its_charset_once(login, inkoper_haarlem):
    response = login(inkoper_haarlem).get(reverse("procurement:figures-export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    xlsx = login(inkoper_haarlem).get(reverse("procurement:figures-export"), {"_export": "xlsx"})
    assert xlsx["Content-Type"].count("charset") == 0


def test_a_list_export_names_its_charset_once(login, broker_haarlem):
    response = login(broker_haarlem).get(reverse("enterprises:register"), {"_export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].count("charset") == 1


# --- a refused request: one log line -----------------------------------------------------------


def _request_records(caplog):
    return [r for r in caplog.records if r.name == "django.request"]


def test_a_403_is_logged_in_one_line_without_traceback(client, caplog, login, ondernemer_1):
    """Every 403 wrote the traceback of the PermissionDenied that refused it: noise for operations."""
    client = login(ondernemer_1)
    with caplog.at_level(logging.DEBUG):
        response = client.get(reverse("brokers:team-list"))
    assert response.status_code == 403
    (record,) = _request_records(caplog)
    assert record.levelno == logging.WARNING and record.exc_info is None and record.status_code == 403
    line = logging.getLogger().handlers[0].format(record)
    assert "\n" not in line and "Forbidden" in line and "WARNING django.request" in line


def test_a_5xx_keeps_its_traceback():
    from impactportal.log_filters import ClientErrorOneLine

    logger = logging.getLogger("django.request")
    try:
        raise RuntimeError("kapot")
    except RuntimeError:
        import sys

        exc_info = sys.exc_info()
    error = logger.makeRecord(logger.name, logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/x/",), exc_info,
                              extra={"status_code": 500})
    assert ClientErrorOneLine().filter(error) and error.exc_info is exc_info
    refused = logger.makeRecord(logger.name, logging.WARNING, __file__, 1, "Forbidden: %s", ("/x/",), exc_info,
                                extra={"status_code": 403})
    assert ClientErrorOneLine().filter(refused) and refused.exc_info is None
    assert "django.request" in settings.LOGGING["loggers"]
    assert "client_error_one_line" in settings.LOGGING["loggers"]["django.request"]["filters"]
