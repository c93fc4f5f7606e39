from django.urls import path

from . import views

app_name = "consent"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("resume/", views.resume_edit, name="resume"),
    path("resume/upload/", views.resume_upload, name="resume_upload"),
    path("resume/upload/<int:upload_id>/", views.upload_status, name="upload_status"),
    path("resume/review/", views.resume_review, name="resume_review"),
    path("consents/", views.consents, name="consents"),
    path("consents/notices/<int:notice_id>/", views.notice_detail, name="notice"),
    path("consents/<int:notice_id>/grant/", views.consent_grant_view, name="grant"),
    path("consents/grants/<int:grant_id>/withdraw/", views.consent_withdraw_view, name="withdraw"),
    path("receipts/", views.receipts, name="receipts"),
    path("receipts/<uuid:receipt_id>.json", views.receipt_download, name="receipt_download"),
    path("blocklist/", views.blocklist, name="blocklist"),
    path("rights/", views.rights, name="rights"),
    path("rights/my-data.json", views.data_download, name="data_download"),
    path("rights/delete/", views.account_delete_view, name="account_delete"),
]
