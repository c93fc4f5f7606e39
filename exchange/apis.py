"""REST API for merchants (`/api/v1/`): everything a buyer does. Thin views: parse, call one service, render.

Every error has one shape, `{"error": {"code", "message", "fields"}}` (config/errors.py).
"""

from functools import wraps

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Membership
from accounts.roles import Access, Capability, membership_refusal
from accounts.selectors import membership_current
from config.api_input import StrictInput
from config.errors import ApplicationError
from config.errors import error_responses as _errors
from config.replica import lag_tolerant
from payouts import money
from payouts.fields import FenField
from payouts.models import TopUp
from payouts.selectors import wallet_balance
from payouts.services import wallet_topup_request
from privacy.templates import TEMPLATES, params_schema

from .exceptions import IdempotencyKeyReused, ObjectMissing
from .invoices import invoice_for_order
from .models import ApiIdempotency, ApiKey, DataProduct, PricePlan, ProductListing
from .pagination import COUNT_CAP, CappedPaginator
from .selectors import (
    CatalogFilters,
    catalog_api_products,
    credits_of,
    entitlements_of,
    orders_of_buyer,
    plan_for,
    plans_for,
    product_visible,
    subscriptions_of,
    versions_of,
)
from .services.idempotency import idempotency_record, idempotency_stored, request_fingerprint
from .services.orders import (
    download_link_create,
    order_for_buyer,
    order_place,
    subscription_cancel,
)


def request_membership(request) -> Membership | None:
    """The membership the call acts through: the API key's creator's, or the signed-in member's."""
    membership = getattr(request, "api_membership", None)
    if membership is not None:
        return membership
    if not (request.user and request.user.is_authenticated):
        return None
    return membership_current(user=request.user)


def request_merchant(request):
    membership = request_membership(request)
    return membership.merchant if membership else None


class HasCapability(BasePermission):
    """The view's `capabilities[method]` (accounts/roles.py), for key and session callers alike.

    A suspended organisation's API refuses every call, whichever way the caller signed in.
    """

    def has_permission(self, request, view) -> bool:
        membership = request_membership(request)
        if membership is None:  # anonymous callers get 401 from DRF, signed-in non-members 403
            self.message = _("This endpoint is for merchant organisations.")
            return False
        if membership.merchant.is_suspended:
            self.message = _("Your organisation is suspended; its API works again when staff reinstate it.")
            return False
        capability = view.capabilities.get("GET" if request.method in ("HEAD", "OPTIONS") else request.method)
        if capability is None:
            raise exceptions.MethodNotAllowed(request.method)
        refusal = membership_refusal(membership, capability)
        if refusal is not None:
            self.message = refusal
            return False
        return True


MAX_ID = 2**31 - 1

# --- Idempotency-Key (the rules: services/idempotency.py) ---------------------------------------------

IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_IDEMPOTENCY_KEY = 100
# Refusals before the handler ran: nothing began executing, so nothing is stored.
_NOT_STARTED = (exceptions.NotAuthenticated, exceptions.AuthenticationFailed, exceptions.PermissionDenied, exceptions.Throttled)


class _AnsweredElsewhere(Exception):
    """Leaves the transaction (rolling it back) when a parallel request stored its answer first."""


def _replayed(stored: ApiIdempotency, fingerprint: str) -> Response:
    if stored.fingerprint != fingerprint:
        raise IdempotencyKeyReused(
            _("This Idempotency-Key was already used for a different order. Use a new key for a new order.")
        )
    response = Response(stored.body, status=stored.status_code)
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(handler):
    """Replay a POST handler's first response for a repeated `Idempotency-Key` (as Stripe does).

    Stored: the answer of every request that began executing, successes and the errors
    the exchange raises (402 insufficient balance, 400 invalid input, 404, 409, 422).
    Not stored: refusals before the handler (authentication, permission, throttling)
    and server errors (a retry may succeed). The handler and the storing of its answer
    share one transaction: a request whose parallel twin stored first is rolled back
    whole and answers with the twin's response, so an order is never placed behind a
    replayed 402.
    """

    @wraps(handler)
    def wrapped(view, request, *args, **kwargs):
        key = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
        if not key:
            return handler(view, request, *args, **kwargs)
        if len(key) > MAX_IDEMPOTENCY_KEY:
            raise ApplicationError(
                _("An Idempotency-Key has at most %(n)d characters.") % {"n": MAX_IDEMPOTENCY_KEY},
                code="invalid_idempotency_key",
            )
        merchant = request_merchant(request)
        fingerprint = request_fingerprint(method=request.method, path=request.path, data=request.data)
        stored = idempotency_stored(merchant=merchant, key=key)
        if stored is not None:
            return _replayed(stored, fingerprint)
        try:
            with transaction.atomic():
                try:
                    response = handler(view, request, *args, **kwargs)
                except (ApplicationError, exceptions.APIException) as exc:
                    if isinstance(exc, _NOT_STARTED):
                        raise
                    response = view.handle_exception(exc)
                if response.status_code < 500 and not idempotency_record(
                    merchant=merchant, key=key, fingerprint=fingerprint, status_code=response.status_code, body=response.data
                ):
                    raise _AnsweredElsewhere
        except _AnsweredElsewhere:
            return _replayed(ApiIdempotency.objects.get(merchant=merchant, key=key), fingerprint)
        return response

    return wrapped


class MerchantApi(APIView):
    """Base of every merchant endpoint: members whose role has the capability each method declares
    (`capabilities`, see accounts/roles.py); an id no row can have is simply not found."""

    permission_classes = [HasCapability]
    capabilities: dict[str, Capability] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.access = Access(merchant=dict(cls.capabilities))

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if any(isinstance(value, int) and not 1 <= value <= MAX_ID for value in kwargs.values()):
            raise ObjectMissing("Not found.")


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class CatalogPagination(Pagination):
    """The catalog's pages: counted up to COUNT_CAP matches (exchange/pagination.py)."""

    django_paginator_class = CappedPaginator
    last_page_strings = ()  # past the cap the last page is not known; pages are numbers

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_exact"] = self.page.paginator.count_exact
        return response


COMMON = (401, 403, 429)


def _page_of(serializer: type[serializers.Serializer], *, capped: bool = False) -> serializers.Serializer:
    """The documented shape of a page: count, next, previous, results (and count_exact when capped)."""
    count = serializers.IntegerField()
    extra = {}
    if capped:
        count = serializers.IntegerField(
            min_value=0,
            max_value=COUNT_CAP,
            help_text=f"The number of matches, counted up to {COUNT_CAP:,}: when more match, "
            f"`count` is {COUNT_CAP} and `count_exact` is false. Follow `next` to page past it.",
        )
        extra["count_exact"] = serializers.BooleanField(
            help_text=f'False when more than {COUNT_CAP:,} match (`count` is then the cap, shown as "{COUNT_CAP:,}+").'
        )
    return inline_serializer(
        name=f"Paginated{serializer.__name__.removesuffix('Output')}List",
        fields={
            "count": count,
            **extra,
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer(many=True),
        },
    )


# --- catalog -----------------------------------------------------------------------------------------


class ProductOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    kind = serializers.CharField()
    category = serializers.CharField()
    price_fen = serializers.IntegerField()
    price = serializers.SerializerMethodField()
    provider = serializers.CharField(source="provider.name")
    provider_id = serializers.IntegerField()
    update_frequency = serializers.SerializerMethodField()
    current_version = serializers.SerializerMethodField()

    def get_price(self, product) -> str:
        return money.format_fen(product.price_fen)

    def get_update_frequency(self, product) -> str:
        try:
            return product.listing.update_frequency
        except ProductListing.DoesNotExist:
            return ProductListing.Frequency.ONCE

    def get_current_version(self, product) -> int | None:
        if hasattr(product, "current_version_number"):  # annotated by catalog_api_products
            return product.current_version_number
        versions = getattr(product, "ready_versions", None)
        if versions is None:
            versions = list(product.versions.filter(status="ready").order_by("-number")[:1])
        return versions[0].number if versions else None


class PlanOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    price_fen = serializers.IntegerField()
    credits = serializers.IntegerField()
    private = serializers.SerializerMethodField()

    def get_private(self, plan) -> bool:
        return plan.private_buyer_id is not None


class VersionOutput(serializers.Serializer):
    number = serializers.IntegerField()
    status = serializers.CharField()
    member_count = serializers.IntegerField()
    built_at = serializers.DateTimeField(allow_null=True)
    privacy_report = serializers.JSONField()


class ProductDetailOutput(ProductOutput):
    licence = serializers.CharField()
    columns = serializers.SerializerMethodField()
    plans = serializers.SerializerMethodField()

    def get_columns(self, product) -> list[str]:
        return product_columns(product)

    def get_plans(self, product) -> list[dict]:
        return PlanOutput(plans_for(product=product, merchant=self.context.get("merchant")), many=True).data


def product_columns(product: DataProduct) -> list[str]:
    """The schema a buyer receives: the released fields, never identifiers."""
    if product.kind == DataProduct.Kind.DATASET:
        version = product.versions.filter(status="ready").order_by("-number").first()
        return list((version.privacy_report or {}).get("columns", [])) if version else []
    return list(product.quasi_identifiers) + (["skills"] if product.include_skills else [])


class CatalogInput(StrictInput):
    search = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    kind = serializers.ChoiceField(choices=DataProduct.Kind.choices, required=False, allow_blank=True, default="")
    category = serializers.ChoiceField(choices=DataProduct.Category.choices, required=False, allow_blank=True, default="")
    provider = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1, default=None)
    frequency = serializers.ChoiceField(choices=ProductListing.Frequency.choices, required=False, allow_blank=True, default="")
    price_min_fen = serializers.IntegerField(required=False, min_value=0, max_value=2**62, default=None)
    price_max_fen = serializers.IntegerField(required=False, min_value=0, max_value=2**62, default=None)
    sort = serializers.ChoiceField(choices=CatalogFilters.SORTS, required=False, default="newest")


def _catalog_filters(query_params) -> CatalogFilters:
    data = CatalogInput(data=query_params)
    data.is_valid(raise_exception=True)
    values = data.validated_data
    return CatalogFilters(
        search=values["search"].replace("\x00", "").strip(),
        kind=values["kind"],
        category=values["category"],
        provider=values["provider"],
        frequency=values["frequency"],
        price_min_fen=values["price_min_fen"],
        price_max_fen=values["price_max_fen"],
        sort=values["sort"],
    )


class ProductListApi(MerchantApi):
    capabilities = {"GET": Capability.READ}

    @extend_schema(
        summary="Search and filter the catalog",
        operation_id="products_list",
        parameters=[CatalogInput],
        responses={200: _page_of(ProductOutput, capped=True), **_errors(400, 404, *COMMON)},
        examples=[
            OpenApiExample(
                "A page of products",
                response_only=True,
                value={
                    "count": 1,
                    "count_exact": True,
                    "next": None,
                    "previous": None,
                    "results": [
                        {
                            "id": 7,
                            "title": "Software talent pool, Q4",
                            "description": "De-identified resumes of engineers.",
                            "kind": "records",
                            "category": "talent",
                            "price_fen": 30000,
                            "price": "¥300.00",
                            "provider": "Talent Bridge Recruiting",
                            "provider_id": 3,
                            "update_frequency": "monthly",
                            "current_version": 2,
                        }
                    ],
                },
            )
        ],
    )
    @lag_tolerant  # the handler only: authentication (key, membership) ran on the primary before it
    def get(self, request):
        products = catalog_api_products(filters=_catalog_filters(request.query_params))
        paginator = CatalogPagination()
        page = paginator.paginate_queryset(products, request, view=self)
        return paginator.get_paginated_response(ProductOutput(page, many=True).data)


def _product_or_404(request, product_id: int) -> DataProduct:
    product = product_visible(product_id=product_id, merchant=request_merchant(request))
    if product is None:
        raise ObjectMissing("No such product.")
    return product


class ProductDetailApi(MerchantApi):
    capabilities = {"GET": Capability.READ}

    @extend_schema(
        summary="A product: schema, licence, price plans", responses={200: ProductDetailOutput, **_errors(404, *COMMON)}
    )
    def get(self, request, product_id: int):
        product = _product_or_404(request, product_id)
        return Response(ProductDetailOutput(product, context={"merchant": request_merchant(request)}).data)


class ProductVersionsApi(MerchantApi):
    capabilities = {"GET": Capability.READ}

    @extend_schema(summary="A product's version history", responses={200: _page_of(VersionOutput), **_errors(404, *COMMON)})
    def get(self, request, product_id: int):
        product = _product_or_404(request, product_id)
        paginator = Pagination()
        page = paginator.paginate_queryset(versions_of(product=product), request, view=self)
        return paginator.get_paginated_response(VersionOutput(page, many=True).data)


# --- orders --------------------------------------------------------------------------------------------


class OrderOutput(serializers.Serializer):
    id = serializers.IntegerField()
    product_id = serializers.IntegerField(source="version.product_id")
    product = serializers.CharField(source="version.product.title")
    version = serializers.IntegerField(source="version.number")
    price_fen = serializers.IntegerField()
    status = serializers.CharField()
    plan = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_plan(self, order) -> str:
        try:
            terms = order.terms
        except order.__class__.terms.RelatedObjectDoesNotExist:
            return PricePlan.Kind.ONE_OFF
        return terms.plan.kind if terms.plan_id else PricePlan.Kind.ONE_OFF


class OrderInput(StrictInput):
    product_id = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    plan_id = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False, allow_null=True)


_IDEMPOTENCY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_HEADER,
    str,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "Retry-safe requests (at most 100 characters): the first response of a request that began executing"
        " (success or error, 402 and 400 included) is replayed for the same key and body for 24 hours;"
        " the same key with another body is a 422."
    ),
)


class OrderListCreateApi(MerchantApi):
    capabilities = {"GET": Capability.READ, "POST": Capability.BUY}

    @extend_schema(
        operation_id="orders_list", summary="My orders", responses={200: _page_of(OrderOutput), **_errors(404, *COMMON)}
    )
    def get(self, request):
        paginator = Pagination()
        page = paginator.paginate_queryset(orders_of_buyer(merchant=request_merchant(request)), request, view=self)
        return paginator.get_paginated_response(OrderOutput(page, many=True).data)

    @extend_schema(
        summary="Buy a product from the wallet",
        request=OrderInput,
        responses={201: OrderOutput, **_errors(400, 402, 404, 409, 422, *COMMON)},
        parameters=[_IDEMPOTENCY_PARAMETER],
        examples=[
            OpenApiExample("One-off purchase", request_only=True, value={"product_id": 7}),
            OpenApiExample("Subscription", request_only=True, value={"product_id": 7, "plan_id": 12}),
        ],
    )
    @idempotent
    def post(self, request):
        data = OrderInput(data=request.data)
        data.is_valid(raise_exception=True)
        merchant = request_merchant(request)
        product = product_visible(product_id=data.validated_data["product_id"], merchant=merchant)
        if product is None:
            raise ObjectMissing("No such product.")
        plan = None
        if data.validated_data.get("plan_id"):
            plan = plan_for(plan_id=data.validated_data["plan_id"], product=product, merchant=merchant)
            if plan is None:
                raise ObjectMissing("No such price plan.")
        key = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
        order = order_place(buyer=merchant, product=product, by=request.user, idempotency_key=key, plan=plan)
        body = OrderOutput(order_for_buyer(order_id=order.pk, merchant=merchant)).data
        return Response(body, status=status.HTTP_201_CREATED)


class OrderDetailApi(MerchantApi):
    capabilities = {"GET": Capability.READ}

    @extend_schema(summary="One of my orders", responses={200: OrderOutput, **_errors(404, *COMMON)})
    def get(self, request, order_id: int):
        return Response(OrderOutput(order_for_buyer(order_id=order_id, merchant=request_merchant(request))).data)


class DownloadLinkInput(StrictInput):
    version = serializers.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, help_text="Subscriptions: a version number"
    )


class DownloadLinkOutput(serializers.Serializer):
    url = serializers.CharField()
    expires_in = serializers.IntegerField()


class OrderDownloadLinkApi(MerchantApi):
    capabilities = {"POST": Capability.DOWNLOAD}

    @extend_schema(
        summary="A signed download link that expires",
        description=(
            "The link works on its own, like a presigned URL: fetch it with no `Authorization` header within"
            " `expires_in` seconds. It is bound to the member (and the API key) that made it, and stops working"
            " when they may no longer download for the organisation or the key is revoked."
        ),
        request=DownloadLinkInput,
        responses={201: DownloadLinkOutput, **_errors(400, 404, *COMMON)},
        examples=[
            OpenApiExample(
                "Link",
                response_only=True,
                value={"url": "https://exchange.example/download/eyJvcmRlciI6NDJ9:1t…/", "expires_in": 900},
            )
        ],
    )
    def post(self, request, order_id: int):
        data = DownloadLinkInput(data=request.data)
        data.is_valid(raise_exception=True)
        order = order_for_buyer(order_id=order_id, merchant=request_merchant(request))
        version = None
        if data.validated_data.get("version"):
            version = versions_of(product=order.version.product).filter(number=data.validated_data["version"]).first()
            if version is None:
                raise ObjectMissing("No such version.")
        api_key = request.auth if isinstance(request.auth, ApiKey) else None
        token = download_link_create(order=order, by=request.user, version=version, api_key=api_key)
        url = request.build_absolute_uri(reverse("exchange:download", args=[token]))
        return Response({"url": url, "expires_in": settings.EXCHANGE["DOWNLOAD_LINK_SECONDS"]}, status=status.HTTP_201_CREATED)


class EntitlementOutput(serializers.Serializer):
    order_id = serializers.IntegerField(source="order.pk")
    product_id = serializers.IntegerField(source="version.product_id")
    product = serializers.CharField(source="version.product.title")
    version = serializers.IntegerField(source="version.number")
    kind = serializers.CharField()
    active = serializers.BooleanField()
    status = serializers.CharField(source="reason")


class EntitlementListApi(MerchantApi):
    capabilities = {"GET": Capability.READ}

    @extend_schema(summary="What I may download now", responses={200: EntitlementOutput(many=True), **_errors(*COMMON)})
    def get(self, request):
        return Response(EntitlementOutput(entitlements_of(merchant=request_merchant(request)), many=True).data)


class SubscriptionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    product_id = serializers.IntegerField()
    plan = serializers.CharField(source="plan.kind")
    status = serializers.CharField()
    current_period_end = serializers.DateTimeField()
    cancel_at_period_end = serializers.BooleanField()
    renewal_error = serializers.CharField()


class SubscriptionListApi(MerchantApi):
    capabilities = {"GET": Capability.READ}

    @extend_schema(summary="My subscriptions", responses={200: _page_of(SubscriptionOutput), **_errors(404, *COMMON)})
    def get(self, request):
        paginator = Pagination()
        page = paginator.paginate_queryset(subscriptions_of(merchant=request_merchant(request)), request, view=self)
        return paginator.get_paginated_response(SubscriptionOutput(page, many=True).data)


class SubscriptionCancelApi(MerchantApi):
    capabilities = {"POST": Capability.BUY}

    @extend_schema(
        summary="Cancel at the end of the paid period",
        request=None,
        responses={200: SubscriptionOutput, **_errors(404, 422, *COMMON)},
        parameters=[_IDEMPOTENCY_PARAMETER],
    )
    @idempotent
    def post(self, request, subscription_id: int):
        subscription = subscriptions_of(merchant=request_merchant(request)).filter(pk=subscription_id).first()
        if subscription is None:
            raise ObjectMissing("No such subscription.")
        return Response(SubscriptionOutput(subscription_cancel(subscription=subscription, by=request.user)).data)


class CreditOutput(serializers.Serializer):
    product_id = serializers.IntegerField()
    product = serializers.CharField(source="product.title")
    remaining = serializers.IntegerField()


class CreditListApi(MerchantApi):
    capabilities = {"GET": Capability.READ}

    @extend_schema(summary="My query credits per query service", responses={200: CreditOutput(many=True), **_errors(*COMMON)})
    def get(self, request):
        return Response(CreditOutput(credits_of(merchant=request_merchant(request)), many=True).data)


# --- wallet and invoices ---------------------------------------------------------------------------------


class WalletOutput(serializers.Serializer):
    balance_micros = serializers.IntegerField()
    balance = serializers.CharField()


class WalletApi(MerchantApi):
    capabilities = {"GET": Capability.READ}

    @extend_schema(
        summary="My wallet balance",
        responses={200: WalletOutput, **_errors(*COMMON)},
        examples=[OpenApiExample("Balance", value={"balance_micros": 1000000000, "balance": "¥1,000.000000"})],
    )
    def get(self, request):
        balance = wallet_balance(merchant=request_merchant(request))
        return Response({"balance_micros": balance, "balance": money.format_micros(balance)})


class TopUpOutput(serializers.Serializer):
    id = serializers.IntegerField()
    amount_fen = serializers.IntegerField()
    bank_reference = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()


class TopUpInput(StrictInput):
    amount_fen = FenField(maximum_fen=10**13)
    bank_reference = serializers.RegexField(r"^[\w\-./ ]{1,64}$", max_length=64)


class TopUpListCreateApi(MerchantApi):
    capabilities = {"GET": Capability.READ, "POST": Capability.BUY}

    @extend_schema(summary="My top-up requests", responses={200: _page_of(TopUpOutput), **_errors(404, *COMMON)})
    def get(self, request):
        paginator = Pagination()
        topups = TopUp.objects.filter(merchant=request_merchant(request)).order_by("-created_at", "-id")
        page = paginator.paginate_queryset(topups, request, view=self)
        return paginator.get_paginated_response(TopUpOutput(page, many=True).data)

    @extend_schema(
        summary="Announce a bank transfer; finance staff credit the wallet when it arrives",
        request=TopUpInput,
        responses={201: TopUpOutput, **_errors(400, 409, 422, *COMMON)},
        parameters=[_IDEMPOTENCY_PARAMETER],
        examples=[
            OpenApiExample("Top-up", request_only=True, value={"amount_fen": 1000000, "bank_reference": "CMB-20261129-001"})
        ],
    )
    @idempotent
    def post(self, request):
        data = TopUpInput(data=request.data)
        data.is_valid(raise_exception=True)
        topup = wallet_topup_request(
            merchant=request_merchant(request),
            amount_fen=data.validated_data["amount_fen"],
            bank_reference=data.validated_data["bank_reference"],
            by=request.user,
        )
        return Response(TopUpOutput(topup).data, status=status.HTTP_201_CREATED)


class InvoiceOutput(serializers.Serializer):
    number = serializers.CharField()
    issued_on = serializers.CharField()
    order_id = serializers.IntegerField()
    buyer_name = serializers.CharField()
    buyer_tax_id = serializers.CharField(allow_blank=True)
    buyer_address_phone = serializers.CharField(allow_blank=True)
    buyer_bank_account = serializers.CharField(allow_blank=True)
    seller_name = serializers.CharField()
    seller_tax_id = serializers.CharField()
    item = serializers.CharField()
    unit = serializers.CharField()
    quantity = serializers.IntegerField()
    net_fen = serializers.IntegerField()
    tax_rate_percent = serializers.IntegerField()
    tax_fen = serializers.IntegerField()
    total_fen = serializers.IntegerField()
    total_in_capitals = serializers.CharField()
    refunded = serializers.BooleanField()
    pdf_url = serializers.SerializerMethodField()

    def get_pdf_url(self, invoice) -> str:
        return reverse("exchange:invoice_pdf", args=[invoice.order_id])


class InvoiceListApi(MerchantApi):
    capabilities = {"GET": Capability.READ}

    @extend_schema(
        operation_id="invoices_list",
        summary="Invoice requests for my purchases",
        responses={200: _page_of(InvoiceOutput), **_errors(404, *COMMON)},
    )
    def get(self, request):
        paginator = Pagination()
        page = paginator.paginate_queryset(orders_of_buyer(merchant=request_merchant(request)), request, view=self)
        return paginator.get_paginated_response(InvoiceOutput([invoice_for_order(order=o) for o in page], many=True).data)


class InvoiceDetailApi(MerchantApi):
    capabilities = {"GET": Capability.READ}

    @extend_schema(summary="The invoice request of one order", responses={200: InvoiceOutput, **_errors(404, *COMMON)})
    def get(self, request, order_id: int):
        order = order_for_buyer(order_id=order_id, merchant=request_merchant(request))
        return Response(InvoiceOutput(invoice_for_order(order=order)).data)


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


@extend_schema_field({"type": "string", "enum": sorted(TEMPLATES)})
class TemplateNameField(serializers.CharField):
    """Documented as the allow-list; any name still reaches the query service, which refuses and logs the others."""


class QueryRunInput(StrictInput):
    template = TemplateNameField(min_length=1, max_length=40, help_text="An allow-listed query template")
    params = serializers.DictField(required=False, default=dict)


def query_templates_documented(result, generator, request, public):
    """drf-spectacular postprocessing hook: the query body as one schema per template, chosen by `template`.

    Generated from the template registry (privacy/templates.py), whose strict check the API applies, so the
    documented `params` of each template are exactly the ones the exchange accepts.
    """
    schemas = result.get("components", {}).get("schemas", {})
    if "QueryRunInput" not in schemas:
        return result
    mapping = {}
    for name, spec in TEMPLATES.items():
        component = "QueryRun" + "".join(part.capitalize() for part in name.split("_"))
        schemas[component] = {
            "type": "object",
            "description": f"{spec.title}: {spec.description}",
            "properties": {"template": {"type": "string", "enum": [name]}, "params": params_schema(name)},
            "required": ["template", "params"] if spec.required else ["template"],
            "additionalProperties": False,
        }
        mapping[name] = f"#/components/schemas/{component}"
    schemas["QueryRunInput"] = {
        "oneOf": [{"$ref": ref} for ref in mapping.values()],
        "discriminator": {"propertyName": "template", "mapping": mapping},
    }
    return result


class QueryRunApi(MerchantApi):
    """Run one allow-listed clean-room query (privacy-preserving computation; never free SQL)."""

    capabilities = {"POST": Capability.BUY}

    InputSerializer = QueryRunInput

    @extend_schema(
        summary="Run an allow-listed clean-room query",
        request=InputSerializer,
        responses={201: QueryLogOutput, **_errors(400, 404, 409, 422, *COMMON)},
        parameters=[_IDEMPOTENCY_PARAMETER],
    )
    @idempotent
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
            strict=True,
        )
        return Response(QueryLogOutput(log).data, status=status.HTTP_201_CREATED)
