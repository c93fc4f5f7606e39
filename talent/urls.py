"""Mounted at the site root: /me/talent/… (jobseekers), /merchant/talent/… (employers), /talent/statistics/ (staff)."""

from django.urls import path

from . import views

app_name = "talent"
urlpatterns = [
    path("me/talent/", views.preferences, name="preferences"),
    path("me/talent/invitations/", views.invitations, name="invitations"),
    path("me/talent/invitations/<int:invitation_id>/", views.invitation_detail, name="invitation"),
    path("me/talent/invitations/<int:invitation_id>/accept/", views.invitation_accept_view, name="accept"),
    path("me/talent/invitations/<int:invitation_id>/decline/", views.invitation_decline_view, name="decline"),
    path("me/talent/invitations/<int:invitation_id>/report/", views.invitation_report_view, name="report"),
    path("me/talent/invitations/<int:invitation_id>/withdraw/", views.disclosure_withdraw_view, name="withdraw"),
    path("me/talent/views/", views.disclosure_views, name="views"),
    path("merchant/talent/", views.console, name="console"),
    path("merchant/talent/invite/", views.invite, name="invite"),
    path("merchant/talent/invitations/", views.sent, name="sent"),
    path("merchant/talent/invitations/cancel/", views.cancel, name="cancel"),
    path("merchant/talent/invitations/hired/", views.mark_hired, name="hired"),
    path("merchant/talent/contacts/", views.contacts, name="contacts"),
    path("talent/statistics/", views.statistics, name="stats"),
]
