"""Who is in the broker team (portal users or named colleagues), with role, department and the
qualities each brings, and the team's external partners (toolbox modules 2 and 7)."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, COLLEAGUE, AccessPolicy, Grant, ScopedQuerySet
from impactportal.accounts.constants import Department
from impactportal.db.changes import changed_since_saved

from ..constants import MemberRole, PartnerRelation
from . import people
from .teams import BrokerTeam


class TeamMember(models.Model):
    team = models.ForeignKey(BrokerTeam, on_delete=models.CASCADE, related_name="members", verbose_name=_("team"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("gebruiker van het portaal"))
    name = models.CharField(_("naam"), max_length=200, blank=True,
                            help_text=_("Voor een collega zonder account in het portaal."))
    role = models.CharField(_("rol"), max_length=20, choices=MemberRole.choices, default=MemberRole.CORE_TEAM)
    department = models.CharField(_("afdeling"), max_length=30, blank=True,
                                  choices=[*Department.choices, ("bestuur", _("Bestuur")), ("extern", _("Extern"))])
    qualities = models.JSONField(_("kwaliteiten"), default=list, blank=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="team__organisation", view=[Grant(BROKER), Grant(COLLEAGUE)], change=[Grant(BROKER)])

    class Meta:
        verbose_name = _("teamlid")
        verbose_name_plural = _("teamleden")
        ordering = ["team", "role", "name"]
        constraints = [
            # The same portal user was accepted twice and stood twice on the team page (once with
            # another department). Named colleagues without an account (``user`` empty) may share a name.
            models.UniqueConstraint(fields=["team", "user"], name="unique_team_member_user",
                                    violation_error_code="member_twice",
                                    violation_error_message=_("Deze persoon is al lid van dit team.")),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return self.team.get_absolute_url()

    @property
    def quality_labels(self) -> list[str]:
        from ..constants import TeamQuality

        return [label for value, label in TeamQuality.choices if value in (self.qualities or [])]

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.get_full_name() or self.user.get_username()
        return self.name

    def clean(self):
        super().clean()
        if not self.user_id and not self.name:
            raise ValidationError({"name": _("Kies een gebruiker of vul een naam in.")})
        # A member with an account opens the team's page: a broker or colleague of its organisation,
        # not a network partner's staff member (403 on the team). Stored before this rule: kept while
        # the user and team stay.
        if self.user_id and self.team_id and changed_since_saved(self, "user", "team") \
                and not people.sees(self.user, TeamMember, self.team.organisation_id):
            raise ValidationError({"user": _(
                "%(person)s kan de pagina van dit team niet openen. Kies een makelaar of collega van "
                "%(organisation)s, of vul alleen de naam in.") % {
                "person": self.user.get_full_name() or self.user.get_username(),
                "organisation": self.team.organisation}})

    def validate_constraints(self, exclude=None):
        """A person already in the team is said at the person chosen, the field to change."""
        try:
            super().validate_constraints(exclude)
        except ValidationError as error:
            errors = error.update_error_dict({})
            twice = [e for e in errors.get(NON_FIELD_ERRORS, []) if e.code == "member_twice"]
            if twice and "user" not in (exclude or ()):
                others = [e for e in errors.pop(NON_FIELD_ERRORS) if e.code != "member_twice"]
                if others:
                    errors[NON_FIELD_ERRORS] = others
                errors.setdefault("user", []).extend(twice)
            raise ValidationError(errors) from error


class TeamPartner(models.Model):
    team = models.ForeignKey(BrokerTeam, on_delete=models.CASCADE, related_name="partners", verbose_name=_("team"))
    party = models.ForeignKey("ecosystem.Party", on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("partij"))
    relation = models.CharField(_("relatie"), max_length=20, choices=PartnerRelation.choices)
    description = models.CharField(_("wat de partner doet"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="team__organisation", view=[Grant(BROKER), Grant(COLLEAGUE)], change=[Grant(BROKER)])

    class Meta:
        verbose_name = _("externe partner")
        verbose_name_plural = _("externe partners")
        ordering = ["team", "party__name"]
        constraints = [models.UniqueConstraint(fields=["team", "party", "relation"], name="unique_team_partner")]

    def __str__(self):
        return f"{self.party} ({self.get_relation_display()})"

    def get_absolute_url(self):
        return self.team.get_absolute_url()
