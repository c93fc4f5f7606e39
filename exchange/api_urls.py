from django.urls import path

from . import apis

urlpatterns = [
    path("products/", apis.ProductListApi.as_view(), name="api-products"),
    path("products/<int:product_id>/", apis.ProductDetailApi.as_view(), name="api-product"),
    path("products/<int:product_id>/versions/", apis.ProductVersionsApi.as_view(), name="api-product-versions"),
    path("orders/", apis.OrderListCreateApi.as_view(), name="api-orders"),
    path("orders/<int:order_id>/", apis.OrderDetailApi.as_view(), name="api-order"),
    path("orders/<int:order_id>/download-link/", apis.OrderDownloadLinkApi.as_view(), name="api-order-download-link"),
    path("entitlements/", apis.EntitlementListApi.as_view(), name="api-entitlements"),
    path("subscriptions/", apis.SubscriptionListApi.as_view(), name="api-subscriptions"),
    path("subscriptions/<int:subscription_id>/cancel/", apis.SubscriptionCancelApi.as_view(), name="api-subscription-cancel"),
    path("credits/", apis.CreditListApi.as_view(), name="api-credits"),
    path("wallet/", apis.WalletApi.as_view(), name="api-wallet"),
    path("wallet/topups/", apis.TopUpListCreateApi.as_view(), name="api-topups"),
    path("invoices/", apis.InvoiceListApi.as_view(), name="api-invoices"),
    path("invoices/<int:order_id>/", apis.InvoiceDetailApi.as_view(), name="api-invoice"),
]
