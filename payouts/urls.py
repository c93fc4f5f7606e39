"""Mounted at the site root: /me/earnings/… (jobseekers), /merchant/earnings/… (providers), /finance/ (staff)."""

from django.urls import path, re_path

from . import views

app_name = "payouts"
SIDE = r"^(?P<side>me|merchant)/earnings/"
urlpatterns = [
    re_path(SIDE + r"$", views.earnings, name="earnings"),
    re_path(SIDE + r"chart\.svg$", views.earnings_chart, name="earnings_chart"),
    re_path(SIDE + r"accounts/$", views.payout_account_create, name="account_add"),
    re_path(SIDE + r"withdraw/$", views.withdraw, name="withdraw"),
    re_path(SIDE + r"statements/(?P<year>[0-9]{4})-(?P<month>[0-9]{2})/$", views.statement, name="statement"),
    re_path(SIDE + r"statements/(?P<year>[0-9]{4})-(?P<month>[0-9]{2})\.pdf$", views.statement_download, name="statement_pdf"),
    path("finance/report/", views.finance, name="finance"),
]
