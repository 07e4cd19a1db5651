"""Heavy operations the bench times (``tests/perf/bench.py`` OPERATIONS)."""

from . import services_realestate as services
from .models_realestate import SpaceRequest


def match_open_requests(users):
    """Match 20 open space requests of the broker's municipality (national data: every
    municipality has properties), as the broker sees them."""
    broker = users["makelaar-haarlem"]
    requests = list(SpaceRequest.objects.for_user(broker).filter(status="open").order_by("pk")[:20])
    return sum(len(services.matches_for(r, broker)) for r in requests)
