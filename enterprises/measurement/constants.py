from django.db import models
from django.utils.translation import gettext_lazy as _


class ImpactMethod(models.TextChoices):
    IMPACTPAD = "impactpad", _("Impactpad")
    SOCIAL_HANDPRINT = "social_handprint", _("Social Handprint")
    OWN = "own", _("Eigen methode")
    NONE = "none", _("Geen (nog niet)")
    OTHER = "other", _("Andere methode")


# Methods that need a name or description typed by the user.
NAMED_METHODS = (ImpactMethod.OWN, ImpactMethod.OTHER)
