"""Linked toolbox question of module 4: the knowledge base (instruments for impact entrepreneurs)."""

from django.utils.translation import gettext_lazy as _

from impactportal.contributions import ToolboxSource


def knowledge_context(user, organisation):
    from .models import KnowledgeInstrument

    instruments = KnowledgeInstrument.objects.for_user(user).filter(is_active=True).order_by("kind", "name")
    return {"rows": list(instruments[:50]), "total": instruments.count(),
            "source": _("Kennisbank van het portaal, bijgehouden door de makelaars.")}


SOURCES = [ToolboxSource(key="brokers.knowledge", label=_("Kennisbank"),
                         template="toolbox_sources/brokers_knowledge.html", context=knowledge_context)]
