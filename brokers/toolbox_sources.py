"""Linked toolbox question of module 4: the knowledge base (instruments for impact entrepreneurs)."""

from django.utils.translation import gettext_lazy as _

from impactportal.contributions import ToolboxSource


def knowledge_context(user, organisation):
    from impactportal.text import in_page_order

    from .models import KnowledgeInstrument

    instruments = in_page_order(KnowledgeInstrument.objects.for_user(user).filter(is_active=True), "kind")
    return {"rows": list(instruments[:50]), "total": instruments.count(),
            "source": _("Kennisbank van het portaal, bijgehouden door de makelaars.")}


SOURCES = [ToolboxSource(key="brokers.knowledge", label=_("Kennisbank"),
                         template="toolbox_sources/brokers_knowledge.html", context=knowledge_context)]
