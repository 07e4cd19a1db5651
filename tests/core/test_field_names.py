"""Every field of the portal's own models has a translated name: the change log, the admin, form
labels and exports show it, and Django's default (the attribute name, "created by") is English on
Dutch pages."""

from django.apps import apps
from django.utils.functional import Promise

PROJECT_APPS = {"impactportal", "accounts", "enterprises", "brokers", "procurement", "financing", "ecosystem",
                "monitoring"}


def test_every_field_of_the_portals_models_has_a_translated_name():
    untranslated = []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            if not getattr(field, "concrete", False) or field.auto_created:
                continue
            if not isinstance(field.verbose_name, Promise):
                untranslated.append(f"{model._meta.label}.{field.name}")
    assert untranslated == []


def test_the_change_log_names_who_created_a_row_in_dutch():
    from django.utils import translation

    from financing.models.mkba import MkbaAnalysis

    field = MkbaAnalysis._meta.get_field("created_by")
    with translation.override("nl"):
        assert str(field.verbose_name) == "aangemaakt door"
    with translation.override("en"):
        assert str(field.verbose_name) == "created by"
