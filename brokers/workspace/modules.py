"""The toolbox module of an action, as the pages name it: "3. Welke impactondernemers …" (the
current edition's number and title, in the page's language) instead of a bare "3", in the action
form, the action list, its filter and its export."""

from django.utils.translation import get_language

from impactportal.ui.cache import cached


def module_labels() -> dict[int, str]:
    """{number: "3. Title"} of the current edition's modules in the page's language; cached per
    language until the toolbox changes (namespace "toolbox", bumped by Edition and Module)."""

    def read():
        from brokers.models import Edition

        edition = Edition.objects.current()
        if edition is None:
            return {}
        return {module.number: str(module) for module in edition.modules.order_by("number")}

    return cached("toolbox", f"module-labels:{get_language()}", read)


def module_label(number) -> str:
    """The module's label; its bare number when the current edition has no such module."""
    if number in (None, ""):
        return ""
    return module_labels().get(int(number), str(number))


def module_choices() -> list[tuple[int, str]]:
    """The numbers an action may link (the model field's choices), each with its label."""
    from brokers.models import Action

    labels = module_labels()
    return [(number, labels.get(number, str(number)))
            for number, _label in Action._meta.get_field("module_number").choices]
