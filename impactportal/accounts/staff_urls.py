"""Routes of the staff pages of an organisation's functional administrators, of the invitation
link and of an existing account's invitation (``staff_views``), included under ``beheer/``."""

from django.urls import path

from . import staff_views as views

app_name = "staff"

urlpatterns = [
    path("medewerkers/", views.MemberList.as_view(), name="member-list"),
    path("medewerkers/uitnodigen/", views.MemberInvite.as_view(), name="member-invite"),
    path("medewerkers/<int:pk>/", views.MemberUpdate.as_view(), name="member-update"),
    path("medewerkers/<int:pk>/beeindigen/", views.MemberDelete.as_view(), name="member-delete"),
    path("medewerkers/<int:pk>/opnieuw-uitnodigen/", views.MemberReinvite.as_view(), name="member-reinvite"),
    path("uitnodiging/<uidb64>/<token>/", views.InvitationAccept.as_view(), name="invitation"),
    path("lidmaatschap/<int:pk>/aannemen/", views.MembershipAccept.as_view(), name="membership-accept"),
]
