"""Public pages (no login): verify a consent receipt, fetch the exchange's public key."""

from django.urls import path

from . import views

app_name = "receipts"
urlpatterns = [
    path("verify/", views.receipt_verify_page, name="verify"),
    path("public-key/", views.public_key, name="public_key"),
]
