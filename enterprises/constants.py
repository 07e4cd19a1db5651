from django.db import models
from django.utils.translation import gettext_lazy as _


class AdmissionStatus(models.TextChoices):
    NOT_APPLIED = "not_applied", _("Niet aangevraagd")
    APPLIED = "applied", _("Aangevraagd")
    UNDER_REVIEW = "under_review", _("In behandeling")
    ADMITTED = "admitted", _("Toegelaten")
    REJECTED = "rejected", _("Afgewezen")
