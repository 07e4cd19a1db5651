"""Seed the managed lists (impact themes, SDGs, offering categories): reference data every
installation needs, so it lives in a migration rather than in seed_demo."""

from django.db import migrations

from enterprises.constants import IMPACT_THEMES, OFFERING_CATEGORIES, SDG_NAMES


def seed(apps, schema_editor):
    ImpactTheme = apps.get_model("enterprises", "ImpactTheme")
    Sdg = apps.get_model("enterprises", "Sdg")
    OfferingCategory = apps.get_model("enterprises", "OfferingCategory")
    for order, (slug, name) in enumerate(IMPACT_THEMES):
        ImpactTheme.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})
    for number, name in SDG_NAMES.items():
        Sdg.objects.update_or_create(number=number, defaults={"name": str(name)})
    for order, (slug, name) in enumerate(OFFERING_CATEGORIES):
        OfferingCategory.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0002_register_showcase_certifications")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
