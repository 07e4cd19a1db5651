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
