"""English pages show British dates and times; Dutch ones stay Dutch."""

import datetime as dt

from django.utils import formats, translation


def test_english_dates_are_british_and_dutch_dates_dutch():
    day = dt.date(2026, 12, 2)
    moment = dt.datetime(2026, 12, 2, 14, 30)
    with translation.override("en"):
        assert formats.date_format(day) == "2 Dec 2026"
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "02/12/2026"
        assert formats.date_format(moment, "DATETIME_FORMAT") == "2 Dec 2026, 14:30"
    with translation.override("nl"):
        assert formats.date_format(day) == "2 december 2026"
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "02-12-2026"


def test_english_date_input_accepts_iso_and_british_day_month_order():
    from django import forms

    class Form(forms.Form):
        day = forms.DateField()

    with translation.override("en"):
        assert Form({"day": "2026-12-02"}).is_valid()
        form = Form({"day": "02/12/2026"})
        assert form.is_valid() and form.cleaned_data["day"] == dt.date(2026, 12, 2)


def test_short_date_follows_the_page_language_and_the_portal_time_zone():
    from django.utils import timezone

    from impactportal.text import short_date

    day = dt.date(2026, 3, 4)
    # 23:30 UTC on 31 December is already New Year's Day in Amsterdam.
    moment = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)
    assert timezone.is_aware(moment)
    with translation.override("nl"):
        assert short_date(day) == "04-03-2026"
        assert short_date(moment) == "01-01-2027 00:30"
    with translation.override("en"):
        assert short_date(day) == "04/03/2026"
        assert short_date(moment) == "01/01/2027 00:30"


def test_no_template_or_module_writes_a_fixed_dutch_date_format():
    """Dates go through SHORT_DATE_FORMAT (or ``short_date``), so English pages read 04/03/2026."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in [*root.glob("templates/**/*.html"), *root.glob("*/**/*.py")]:
        if ".venv" in path.parts or "node_modules" in path.parts or "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        # Writing a date (a template filter, an f-string, strftime), not reading one (imports accept it).
        if 'date:"d-m-Y' in text or re.search(r':%d-%m-%Y|strftime\("%d-%m-%Y', text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []
