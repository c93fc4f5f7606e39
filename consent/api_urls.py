"""Mounted under /api/v1/ by config/urls.py: path("api/v1/", include("consent.api_urls"))."""

from django.urls import path

from . import apis

urlpatterns = [
    path("receipts/verify/", apis.ReceiptVerifyApi.as_view(), name="api-receipt-verify"),
    path("receipts/public-key/", apis.PublicKeyApi.as_view(), name="api-receipt-public-key"),
]
