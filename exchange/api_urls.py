from django.urls import path

from . import apis

urlpatterns = [
    path("products/", apis.ProductListApi.as_view(), name="api-products"),
    path("products/<int:product_id>/", apis.ProductDetailApi.as_view(), name="api-product"),
    path("orders/", apis.OrderListCreateApi.as_view(), name="api-orders"),
    path("orders/<int:order_id>/download-link/", apis.OrderDownloadLinkApi.as_view(), name="api-order-download-link"),
    path("wallet/", apis.WalletApi.as_view(), name="api-wallet"),
    path("products/<int:product_id>/queries/", apis.QueryRunApi.as_view(), name="api-product-queries"),
]
