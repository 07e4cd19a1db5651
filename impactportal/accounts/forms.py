"""Forms of the staff pages (``staff_views``): invite a staff member, change a membership, and
the invitee's first password; the portal's other set-password forms (reset, change); the language
of the user's mails on "Mijn account"."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from impactportal.ui.forms import PortalFormMixin, PortalModelForm, required_when

from . import services
from .constants import Role
from .models import Membership, User

STAFF_ROLE_CHOICES = [(role.value, role.label) for role in services.STAFF_ROLES]


class MembershipFieldsMixin:
    """Role (broker or colleague), department, team coordinator, functional administrator."""

    def shape_membership_fields(self, *, blank_role: bool):
        role = self.fields["role"]
        role.choices = [("", _("Kies een rol")), *STAFF_ROLE_CHOICES] if blank_role else STAFF_ROLE_CHOICES
        required_when(self.fields["department"], _("verplicht bij een collega"))
        department = self.fields["department"]  # its blank choice read "---------"
        department.choices = [("", _("— geen / niet van toepassing —")), *[c for c in department.choices if c[0]]]
        self.fields["is_coordinator"].help_text = _("Alleen bij een makelaar met mandaat: ontvangt escalaties, "
                                                    "bijvoorbeeld bij overschreden servicenormen.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_coordinator") and cleaned.get("role") and cleaned["role"] != Role.BROKER:
            self.add_error("is_coordinator", _("Alleen een makelaar met mandaat kan coördinator van het team zijn."))
        return cleaned


class MemberInviteForm(MembershipFieldsMixin, PortalModelForm):
    email = forms.EmailField(label=_("E-mailadres"), max_length=150,
                             help_text=_("Hierheen gaat de uitnodiging, met een link om een wachtwoord te kiezen."))
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False,
                                help_text=_("Met tussenvoegsel, bijvoorbeeld: de Vries."))

    field_order = ["email", "first_name", "last_name", "organisation", "role", "department", "is_coordinator",
                   "is_admin"]

    class Meta:
        model = Membership
        fields = ["organisation", "role", "department", "is_coordinator", "is_admin"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.shape_membership_fields(blank_role=True)
        organisation = self.fields["organisation"]
        organisation.required = True
        organisation.queryset = services.invitable_organisations(user)
        organisation.help_text = ""
        choices = list(organisation.queryset[:2])
        self.only_organisation = choices[0] if len(choices) == 1 else None
        if self.only_organisation is not None:  # the page names it; nothing to choose
            organisation.widget = forms.HiddenInput()
            self.initial["organisation"] = self.only_organisation.pk

    def invitation(self) -> dict:
        """The keyword arguments of ``services.member_invite``."""
        data = self.cleaned_data
        return {name: data[name] for name in ("organisation", "email", "first_name", "last_name", "role",
                                              "department", "is_coordinator", "is_admin")}


class MemberChangeForm(MembershipFieldsMixin, PortalModelForm):
    class Meta:
        model = Membership
        fields = ["role", "department", "is_coordinator", "is_admin"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A network partner's membership (listed, ended) has nothing an administrator changes.
        self.changeable = self.instance.role in services.STAFF_ROLES
        if not self.changeable:
            self.fields.clear()
            return
        self.shape_membership_fields(blank_role=False)

    def clean(self):
        if not self.changeable:
            raise forms.ValidationError(_("Van een netwerkpartner is hier niets te wijzigen; u kunt het "
                                          "lidmaatschap beëindigen."))
        return super().clean()

    def change(self) -> dict:
        """The keyword arguments of ``services.member_change``."""
        return {name: self.cleaned_data[name] for name in ("role", "department", "is_coordinator", "is_admin")}


class PasswordErrorsOnNewField:
    """Django's SetPasswordForm puts what the password validators say ("too short", "too common")
    on the confirmation field, so the page marks the field that was only a repeat. Here they go on
    the new password's own field; a confirmation that differs stays on the confirmation."""

    def clean(self):
        self.validate_passwords("new_password1", "new_password2")
        if "new_password2" in self.cleaned_data:  # both typed and the same (else that is the error)
            self.validate_password_for_user(self.user, "new_password1")
        return super(SetPasswordForm, self).clean()  # not SetPasswordForm's own clean: it validates again


class InvitationPasswordForm(PasswordErrorsOnNewField, PortalFormMixin, SetPasswordForm):
    pass


class PortalSetPasswordForm(PasswordErrorsOnNewField, SetPasswordForm):
    """Choosing a password from a reset link (also a contractor contact's first password)."""


class PortalPasswordChangeForm(PasswordErrorsOnNewField, PasswordChangeForm):
    """Changing one's password (the old password is checked in ``clean_old_password``)."""


class AccountLanguageForm(PortalFormMixin, forms.ModelForm):
    """"Mijn account": the language of the user's mails (``User.language``, ``notifications.mail_language``)."""

    class Meta:
        model = User
        fields = ["language"]
        labels = {"language": _("Taal van e-mails en meldingen")}
        help_texts = {"language": ""}  # the page says it, and the empty choice names the default

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["language"]
        default = dict(settings.LANGUAGES)[settings.LANGUAGE_CODE]
        field.choices = [("", _("Standaardtaal van het portaal (%(language)s)") % {"language": default}),
                         *[c for c in field.choices if c[0]]]
