"""The staff list's table (``staff_views.MemberList``)."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from impactportal.ui.columns import YES_NO
from impactportal.ui.tables import StackedTable

from . import services


class MemberTable(StackedTable, tables.Table):
    """Rows of ``services.listed_memberships``: a pending invitation named, sorted and searched by
    what the administrator typed, never by its account's own name and address. On a phone a block
    per member, each cell labelled (``StackedTable``)."""

    name = tables.Column(accessor="user", verbose_name=_("Naam"), empty_values=(),
                         order_by=("shown_last_name", "shown_first_name", "shown_email"))
    email = tables.Column(accessor="shown_email", verbose_name=_("E-mailadres"), default="—")
    role = tables.Column(verbose_name=_("Rol"))
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Organisatie"))
    is_coordinator = tables.BooleanColumn(verbose_name=_("Coördinator"), yesno=YES_NO)
    is_admin = tables.BooleanColumn(verbose_name=_("Functioneel beheerder"), yesno=YES_NO)
    status = tables.Column(accessor="user__is_active", verbose_name=_("Status"), orderable=False, empty_values=())

    class Meta:
        model = services.Membership
        fields = ["name", "email", "role", "organisation", "is_coordinator", "is_admin", "status"]

    def render_name(self, record):
        return format_html('<a class="utrecht-link" href="{}">{}</a>',
                           reverse("staff:member-update", args=[record.pk]), record.member_name())

    def value_name(self, record):  # exports: the name, not the link
        return record.member_name()

    def render_role(self, record, value):
        if record.department:
            return f"{value} ({record.get_department_display()})"
        if record.partner_organisation_id:
            return f"{value}: {record.partner_organisation}"
        return value

    def value_role(self, record, value):
        return self.render_role(record, value)

    def render_status(self, record):
        return services.member_status(record)

    def value_status(self, record):
        return services.member_status(record)
