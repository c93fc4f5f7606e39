from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("catalog/", views.catalog, name="catalog"),
    path("catalog/<int:product_id>/", views.product_detail, name="product"),
    path("catalog/<int:product_id>/buy/", views.product_buy, name="buy"),
    path("statistics/", views.exchange_statistics, name="stats"),
    path("merchant/", views.dashboard, name="dashboard"),
    path("me/products/", views.my_products, name="my_products"),
    path("merchant/team/", views.team, name="team"),
    path("merchant/profile/", views.merchant_profile, name="profile"),
    path("merchant/purchases/", views.purchases, name="purchases"),
    path("merchant/sales/", views.sales, name="sales"),
    path("merchant/wallet/", views.wallet, name="wallet"),
    path("merchant/products/", views.products, name="products"),
    path("merchant/products/<int:product_id>/", views.product_console, name="product_console"),
    path("merchant/purchases/<int:order_id>/", views.purchase_detail, name="purchase"),
    path("merchant/invoices/", views.invoices, name="invoices"),
    path("merchant/invoices/<int:order_id>/", views.invoice_detail, name="invoice"),
    path("merchant/invoices/<int:order_id>/pdf/", views.invoice_pdf_view, name="invoice_pdf"),
    path("merchant/api-keys/", views.api_keys, name="api_keys"),
    path("merchant/subscriptions/<int:subscription_id>/cancel/", views.subscription_cancel_view, name="subscription_cancel"),
    path("merchant/products/new/", views.product_new, name="product_new"),
    path("merchant/products/<int:product_id>/build/", views.product_build, name="build"),
    path("merchant/products/<int:product_id>/submit/", views.product_submit_view, name="submit"),
    path("merchant/versions/<int:version_id>/progress/", views.version_progress, name="version_progress"),
    path("merchant/topup/", views.topup_request, name="topup"),
    path("merchant/orders/<int:order_id>/download/", views.order_download, name="order_download"),
    path("download/<str:token>/", views.download, name="download"),
    path("merchant/products/<int:product_id>/privacy/", views.product_privacy_edit, name="product_privacy"),
    path("merchant/products/<int:product_id>/privacy/compare/", views.product_privacy_compare, name="product_privacy_compare"),
    path("merchant/versions/<int:version_id>/report/", views.version_report, name="version_report"),
    path("catalog/<int:product_id>/query/", views.query_console, name="query_console"),
    path("merchant/notices/<int:notice_id>/download/", views.notice_download, name="notice_download"),
]
