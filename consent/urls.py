from django.urls import path

from . import views

app_name = "consent"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("resume/", views.resume_edit, name="resume"),
    path("resume/review/", views.resume_review, name="resume_review"),
    path("consents/", views.consents, name="consents"),
    path("consents/<int:notice_id>/grant/", views.consent_grant_view, name="grant"),
    path("consents/grants/<int:grant_id>/withdraw/", views.consent_withdraw_view, name="withdraw"),
]
