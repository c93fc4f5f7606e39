from django.urls import path, register_converter

from . import apis


class ObjectIdConverter:
    """Any integer, so that every id (even -1 or one too large for a row) reaches the API's JSON 404."""

    regex = "-?[0-9]{1,30}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(ObjectIdConverter, "object_id")

urlpatterns = [
    path("products/", apis.ProductListApi.as_view(), name="api-products"),
    path("products/<object_id:product_id>/", apis.ProductDetailApi.as_view(), name="api-product"),
    path("products/<object_id:product_id>/versions/", apis.ProductVersionsApi.as_view(), name="api-product-versions"),
    path("orders/", apis.OrderListCreateApi.as_view(), name="api-orders"),
    path("orders/<object_id:order_id>/", apis.OrderDetailApi.as_view(), name="api-order"),
    path("orders/<object_id:order_id>/download-link/", apis.OrderDownloadLinkApi.as_view(), name="api-order-download-link"),
    path("entitlements/", apis.EntitlementListApi.as_view(), name="api-entitlements"),
    path("subscriptions/", apis.SubscriptionListApi.as_view(), name="api-subscriptions"),
    path(
        "subscriptions/<object_id:subscription_id>/cancel/", apis.SubscriptionCancelApi.as_view(), name="api-subscription-cancel"
    ),
    path("credits/", apis.CreditListApi.as_view(), name="api-credits"),
    path("wallet/", apis.WalletApi.as_view(), name="api-wallet"),
    path("wallet/topups/", apis.TopUpListCreateApi.as_view(), name="api-topups"),
    path("invoices/", apis.InvoiceListApi.as_view(), name="api-invoices"),
    path("invoices/<object_id:order_id>/", apis.InvoiceDetailApi.as_view(), name="api-invoice"),
    path("products/<object_id:product_id>/queries/", apis.QueryRunApi.as_view(), name="api-product-queries"),
]
