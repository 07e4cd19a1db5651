"""The steering group's dashboard panel: the programmes the user steers."""

from django.db.models import Count

from impactportal import access

from .models import Programme


def steering_programmes(user):
    return {
        "programmes": list(
            Programme.objects.filter(pk__in=access.programme_ids(user))
            .annotate(participant_count=Count("participants"))
            .prefetch_related("phases", "tracks")
        )
    }
