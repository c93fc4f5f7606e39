"""REST API for merchants (`/api/v1/`). Thin views: parse, call one service, render."""

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.selectors import membership_current
from payouts.selectors import wallet_balance

from .exceptions import ObjectMissing
from .selectors import catalog_products, orders_of_buyer, product_visible
from .services.orders import download_link_create, order_for_buyer, order_place


def request_merchant(request):
    merchant = getattr(request, "api_merchant", None)
    if merchant is not None:
        return merchant
    membership = membership_current(user=request.user)
    return membership.merchant if membership else None


class IsMerchantMember(BasePermission):
    message = "This endpoint is for merchant organisations."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request_merchant(request) is not None)


class ProductOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    kind = serializers.CharField()
    category = serializers.CharField()
    price_fen = serializers.IntegerField()
    provider = serializers.CharField(source="provider.name")
    current_version = serializers.SerializerMethodField()

    def get_current_version(self, product) -> int | None:
        versions = getattr(product, "ready_versions", None)
        if versions is None:
            versions = list(product.versions.filter(status="ready").order_by("-number")[:1])
        return versions[0].number if versions else None


class ProductListApi(APIView):
    permission_classes = [IsMerchantMember]

    @extend_schema(
        parameters=[OpenApiParameter("search", str), OpenApiParameter("kind", str), OpenApiParameter("category", str)],
        responses=ProductOutput(many=True),
    )
    def get(self, request):
        products = catalog_products(
            search=request.query_params.get("search", ""),
            kind=request.query_params.get("kind", ""),
            category=request.query_params.get("category", ""),
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(products, request, view=self)
        return paginator.get_paginated_response(ProductOutput(page, many=True).data)


class ProductDetailApi(APIView):
    permission_classes = [IsMerchantMember]

    @extend_schema(responses=ProductOutput)
    def get(self, request, product_id: int):
        product = product_visible(product_id=product_id, merchant=request_merchant(request))
        if product is None:
            raise ObjectMissing("No such product.")
        return Response(ProductOutput(product).data)


class OrderOutput(serializers.Serializer):
    id = serializers.IntegerField()
    product_id = serializers.IntegerField(source="version.product_id")
    product = serializers.CharField(source="version.product.title")
    version = serializers.IntegerField(source="version.number")
    price_fen = serializers.IntegerField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()


class OrderListCreateApi(APIView):
    permission_classes = [IsMerchantMember]

    class InputSerializer(serializers.Serializer):
        product_id = serializers.IntegerField()

    @extend_schema(responses=OrderOutput(many=True))
    def get(self, request):
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(orders_of_buyer(merchant=request_merchant(request)), request, view=self)
        return paginator.get_paginated_response(OrderOutput(page, many=True).data)

    @extend_schema(
        request=InputSerializer,
        responses={201: OrderOutput},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False)],
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        merchant = request_merchant(request)
        product = product_visible(product_id=data.validated_data["product_id"], merchant=merchant)
        if product is None:
            raise ObjectMissing("No such product.")
        order = order_place(
            buyer=merchant, product=product, by=request.user, idempotency_key=request.headers.get("Idempotency-Key", "")
        )
        return Response(OrderOutput(order).data, status=status.HTTP_201_CREATED)


class DownloadLinkOutput(serializers.Serializer):
    url = serializers.CharField()
    expires_in = serializers.IntegerField()


class OrderDownloadLinkApi(APIView):
    permission_classes = [IsMerchantMember]

    @extend_schema(request=None, responses={201: DownloadLinkOutput})
    def post(self, request, order_id: int):
        from django.conf import settings

        order = order_for_buyer(order_id=order_id, merchant=request_merchant(request))
        token = download_link_create(order=order, by=request.user)
        url = request.build_absolute_uri(reverse("exchange:download", args=[token]))
        return Response({"url": url, "expires_in": settings.EXCHANGE["DOWNLOAD_LINK_SECONDS"]}, status=status.HTTP_201_CREATED)


class WalletOutput(serializers.Serializer):
    balance_micros = serializers.IntegerField()
    balance = serializers.CharField()


class WalletApi(APIView):
    permission_classes = [IsMerchantMember]

    @extend_schema(responses=WalletOutput)
    def get(self, request):
        from payouts.money import format_micros

        balance = wallet_balance(merchant=request_merchant(request))
        return Response({"balance_micros": balance, "balance": format_micros(balance)})


class QueryLogOutput(serializers.Serializer):
    id = serializers.IntegerField()
    template = serializers.CharField()
    params = serializers.JSONField()
    outcome = serializers.CharField()
    result = serializers.JSONField()
    epsilon = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_epsilon(self, log) -> str:
        return str(log.epsilon_micro / 1_000_000)


class QueryRunInput(serializers.Serializer):
    template = serializers.CharField(max_length=40)
    params = serializers.DictField(required=False, default=dict)


class QueryRunApi(APIView):
    """Run one allow-listed clean-room query (privacy-preserving computation; never free SQL)."""

    permission_classes = [IsMerchantMember]
    InputSerializer = QueryRunInput

    @extend_schema(request=InputSerializer, responses={201: QueryLogOutput})
    def post(self, request, product_id: int):
        from .services.queries import query_run

        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        merchant = request_merchant(request)
        product = product_visible(product_id=product_id, merchant=merchant)
        if product is None:
            raise ObjectMissing("No such product.")
        log = query_run(
            product=product,
            buyer=merchant,
            template=data.validated_data["template"],
            params=data.validated_data["params"],
            by=request.user,
        )
        return Response(QueryLogOutput(log).data, status=status.HTTP_201_CREATED)
