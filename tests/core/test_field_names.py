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


def test_the_admin_heads_its_apps_in_the_page_language():
    """The Dutch admin was headed "ACCOUNTS AND ORGANISATIONS" and "AUDIT LOG"."""
    from django.utils import translation

    names = {label: apps.get_app_config(label).verbose_name for label in (*PROJECT_APPS, "auditlog")}
    with translation.override("nl"):
        dutch = {label: str(name) for label, name in names.items()}
    with translation.override("en"):
        english = {label: str(name) for label, name in names.items()}
    assert dutch["accounts"] == "Accounts en organisaties" and dutch["auditlog"] == "Wijzigingslog"
    assert english["accounts"] == "Accounts and organisations" and english["auditlog"] == "Change log"
    assert all(isinstance(name, Promise) for name in names.values())
