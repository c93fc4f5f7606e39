"""Merchant dashboard and catalog pages."""

import csv
import io
import uuid

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts.decorators import jobseeker_required, merchant_required, public
from accounts.forms import MerchantProfileForm
from accounts.models import Membership
from accounts.roles import Access, Capability
from accounts.selectors import membership_current, membership_in, memberships_of
from accounts.services import (
    PROFILE_FIELDS,
    membership_remove,
    membership_role_change,
    merchant_invite_rotate,
    merchant_profile_update,
)
from config import charts
from config.errors import ApplicationError, error_responses
from config.files import STORAGE_ERRORS, STREAM_BLOCK_BYTES, StorageUnavailable, storage_reading, stored_file_stream
from config.replica import lag_tolerant
from payouts import money
from payouts.models import TopUp
from payouts.selectors import earnings_for_merchant, wallet_balance
from payouts.services import wallet_topup_request

from .apis import product_columns
from .exceptions import ObjectMissing
from .exports import table_csv_response
from .filters import OrderFilter, ProductSalesFilter, TopUpFilter
from .forms import PrivacyCompareForm, ProductForm, ProductPrivacyForm, QueryForm, SubmitForm, TopUpForm
from .invoices import invoice_for_order, invoice_pdf
from .models import BuyerNotice, DataProduct, DownloadLog, PricePlan, ProductListing, ProductVersion
from .pagination import CappedPaginator
from .selectors import (
    CatalogFilters,
    api_keys_of,
    buyer_spend_by_month,
    catalog_products,
    catalog_providers,
    credits_of,
    downloads_of,
    entitlements_of,
    exchange_stats,
    notices_for_buyer,
    order_owning_version,
    orders_of_buyer,
    orders_of_provider,
    plan_for,
    plans_for,
    product_revenue_fen,
    product_visible,
    products_of_provider,
    provider_buyers_by_industry,
    provider_sales_by_month,
    purchase_quote,
    queries_of_buyer,
    subscriptions_of,
    versions_including,
    versions_of,
)
from .services.api_keys import api_key_create, api_key_revoke
from .services.builds import HONEST_WORDING, artefact_for_buyer, artefact_is_whole_for, privacy_compare, version_build_start
from .services.orders import (
    download_link_create,
    download_resolve,
    order_for_buyer,
    order_place,
    subscription_active_for,
    subscription_cancel,
    version_current,
)
from .services.products import product_create, product_submit, product_update
from .services.queries import query_run
from .tables import InvoicesTable, OrdersTable, SalesTable, TopUpsTable


def _current_merchant(request):
    if not request.user.is_authenticated:
        return None
    membership = membership_current(user=request.user)
    return membership.merchant if membership else None


def _int_or_none(value: str) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 <= number < 2**62 else None


def _yuan_to_fen_or_none(value: str) -> int | None:
    try:
        fen = money.yuan_to_fen(value)
    except (ValueError, ArithmeticError):
        return None
    return fen if 0 <= fen < 2**62 else None


def catalog_filters_from(params) -> CatalogFilters:
    """The catalog's query string, read leniently: a value that makes no sense is ignored, never an error page."""
    sort = params.get("sort", "newest")
    return CatalogFilters(
        search=params.get("q", "").replace("\x00", "").strip()[:200],
        kind=params.get("kind", "") if params.get("kind", "") in DataProduct.Kind.values else "",
        category=params.get("category", "") if params.get("category", "") in DataProduct.Category.values else "",
        provider=_int_or_none(params.get("provider", "")),
        frequency=params.get("frequency", "") if params.get("frequency", "") in ProductListing.Frequency.values else "",
        price_min_fen=_yuan_to_fen_or_none(params.get("price_min", "")) if params.get("price_min") else None,
        price_max_fen=_yuan_to_fen_or_none(params.get("price_max", "")) if params.get("price_max") else None,
        sort=sort if sort in CatalogFilters.SORTS else "newest",
    )


CATALOG_PAGE_SIZE = 24


@public
@lag_tolerant
def catalog(request):
    filters = catalog_filters_from(request.GET)
    page = CappedPaginator(catalog_products(filters=filters), CATALOG_PAGE_SIZE).get_page(request.GET.get("page"))
    template = "exchange/_catalog_results.html" if request.htmx else "exchange/catalog.html"
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        template,
        {
            "page": page,
            "products": page.object_list,
            "filters": filters,
            "query": query.urlencode(),
            "kinds": DataProduct.Kind.choices,
            "categories": DataProduct.Category.choices,
            "frequencies": ProductListing.Frequency.choices,
            "providers": [] if request.htmx else catalog_providers(),
            "sorts": [
                ("newest", _("Newest")),
                ("relevance", _("Best match")),
                ("price_asc", _("Price, lowest first")),
                ("price_desc", _("Price, highest first")),
                ("popular", _("Most bought")),
                ("title", _("Title")),
            ],
        },
    )


STANDARD_LICENCE = _lazy(
    "Standard exchange licence: internal use by the buying organisation; no resale; no attempt to re-identify anyone."
)


@public
def product_detail(request, product_id: int):
    merchant = _current_merchant(request)
    product = product_visible(product_id=product_id, merchant=merchant)
    if product is None:
        raise Http404
    version = version_current(product=product)
    return render(
        request,
        "exchange/product_detail.html",
        {
            "product": product,
            "version": version,
            "versions": versions_of(product=product),
            "columns": product_columns(product),
            "sample": dataset_sample(version) if version and product.kind == DataProduct.Kind.DATASET else None,
            "plans": plans_for(product=product, merchant=merchant),
            "price": money.format_fen(product.price_fen),
            "merchant": merchant,
            "subscription": subscription_active_for(buyer=merchant, product=product) if merchant else None,
            "owned": order_owning_version(buyer=merchant, version=version) if merchant and version else None,
            "licence": product.licence or STANDARD_LICENCE,
        },
    )


def dataset_sample(version: ProductVersion, rows: int = 5) -> list[list[str]]:
    """The first rows of a business dataset (datasets hold no personal data; personal products show no sample)."""
    if not version.artefact:
        return []
    try:
        # The head only: on an object store a plain open would fetch the whole artefact first.
        stream, _size = stored_file_stream(version.artefact.name)
        try:
            head = stream.read(16_384).decode("utf-8", errors="replace")
        finally:
            stream.close()
    except (OSError, *STORAGE_ERRORS):  # the page still shows without its sample
        return []
    lines = head.splitlines()[: rows + 1]
    return [row for row in csv.reader(lines)][1:]


def _delivers(quote) -> str:
    """What the buyer receives, in words, for the review page and the receipt."""
    product, version = quote.product, quote.version
    if quote.kind == PricePlan.Kind.CREDITS:
        return _("%(n)s query credits: each run of an allow-listed query template inside the exchange uses one.") % {
            "n": quote.plan.credits
        }
    if quote.kind in PricePlan.SUBSCRIPTION_KINDS:
        return _(
            "Version v%(n)s now and every new version while the subscription is active, as CSV downloads and through the API."
        ) % {"n": version.number}
    if product.kind == DataProduct.Kind.QUERY:
        return _("Access to version v%(n)s of the query service.") % {"n": version.number}
    return _("Version v%(n)s (%(rows)s records) as a CSV download and through the API, for as long as it stays on sale.") % {
        "n": version.number,
        "rows": version.member_count or version.privacy_report.get("rows", 0),
    }


@merchant_required(get=Capability.BUY, post=Capability.BUY)
def product_buy(request, product_id: int):
    """GET: the review page (price, licence, what is delivered, the wallet after). POST: pay."""
    product = product_visible(product_id=product_id, merchant=request.merchant)
    if product is None:
        raise Http404
    plan = None
    plan_id = _int_or_none(request.POST.get("plan_id", "") or request.GET.get("plan", ""))
    if plan_id:
        plan = plan_for(plan_id=plan_id, product=product, merchant=request.merchant)
        if plan is None:
            raise Http404
    if request.method == "POST":
        try:
            order = order_place(
                buyer=request.merchant,
                product=product,
                by=request.user,
                idempotency_key=request.POST.get("idempotency_key", "")[:100],
                plan=plan,
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("exchange:product", product_id=product.pk)
        messages.success(
            request, _("Order #%(id)s paid. The receipt is on its way by e-mail; the data is ready below.") % {"id": order.pk}
        )
        return redirect("exchange:purchase", order_id=order.pk)
    quote = purchase_quote(buyer=request.merchant, product=product, plan=plan)
    if quote.version is None:
        messages.error(request, _("This product has no version on sale right now."))
        return redirect("exchange:product", product_id=product.pk)
    return render(
        request,
        "exchange/purchase_review.html",
        {
            "quote": quote,
            "product": product,
            "delivers": _delivers(quote),
            "licence": product.licence or STANDARD_LICENCE,
            "idempotency_key": uuid.uuid4().hex,
        },
    )


@merchant_required(get=Capability.READ)
def purchase_detail(request, order_id: int):
    """One purchase: what was bought, its status, downloads, invoice, notices."""
    try:
        order = order_for_buyer(order_id=order_id, merchant=request.merchant)
    except ObjectMissing as exc:
        raise Http404 from exc
    entitlement = next((item for item in entitlements_of(merchant=request.merchant) if item.order.pk == order.pk), None)
    return render(
        request,
        "exchange/purchase.html",
        {
            "order": order,
            "entitlement": entitlement,
            "downloads": DownloadLog.objects.filter(order=order).select_related("user").order_by("-created_at")[:50],
            "notices": BuyerNotice.objects.filter(order=order).select_related("withdrawn_version", "replacement"),
        },
    )


def _month_chart(rows: list[dict], *, size: str, title: str, y_title: str) -> str:
    """The last twelve months as bars of money (rows from a `…_by_month` selector)."""
    zone = timezone.get_current_timezone()
    by_month = {timezone.localtime(row["month"], zone).date(): row["revenue_fen"] or 0 for row in rows}
    months = charts.last_months(timezone.localdate())
    return charts.month_bar_chart(by_month, months=months, size=size, y_title=y_title, value_format=money.format_fen, title=title)


@merchant_required(get=Capability.READ)
def merchant_chart(request, name: str):
    """The console's charts as SVG images (see config/charts.py): spend, sales, industries."""
    merchant = request.merchant
    size = charts.chart_size(request.GET.get("size"))
    if name == "spend":
        svg = _month_chart(
            buyer_spend_by_month(merchant=merchant), size=size, title=_("Purchases per month"), y_title=_("Spent (¥)")
        )
    elif name == "sales" and merchant.is_provider:
        svg = _month_chart(
            provider_sales_by_month(merchant=merchant), size=size, title=_("Sales revenue per month"), y_title=_("Revenue (¥)")
        )
    elif name == "industries" and merchant.is_provider:
        rows = [(str(row["industry"]), row["buyers"]) for row in provider_buyers_by_industry(merchant=merchant)]
        svg = charts.category_bar_chart(rows, size=size, x_title=_("Buyers"), title=_("Buyers by industry"))
    else:
        raise Http404
    return charts.chart_response(svg)


@merchant_required(get=Capability.READ)
def product_chart(request, product_id: int):
    """One product's sales revenue per month, as an SVG image."""
    product = _own_product(request, product_id)
    rows = provider_sales_by_month(merchant=request.merchant, product=product)
    size = charts.chart_size(request.GET.get("size"))
    return charts.chart_response(_month_chart(rows, size=size, title=_("Sales revenue per month"), y_title=_("Revenue (¥)")))


@merchant_required(get=Capability.READ)
@lag_tolerant
def dashboard(request):
    """Overview: balances, what needs attention, the month charts. Each concern has its own page."""
    merchant = request.merchant
    earnings = earnings_for_merchant(merchant=merchant)
    context = {
        "merchant": merchant,
        "wallet_micros": wallet_balance(merchant=merchant),
        "orders": orders_of_buyer(merchant=merchant)[:5],
        "earnings": earnings,
        "notices": notices_for_buyer(merchant=merchant)[:20],
        "topups_waiting": TopUp.objects.filter(merchant=merchant, status=TopUp.Status.REQUESTED).count(),
    }
    if merchant.is_provider:
        context["products"] = products_of_provider(merchant=merchant)[:5]
    return render(request, "exchange/dashboard.html", context)


def _table_page(request, *, table_class, queryset, filterset_class, filename: str, **table_kwargs):
    """A filtered, sorted, paginated table, or the same rows as CSV when `?export=csv`."""
    filterset = filterset_class(request.GET or None, queryset=queryset)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    table = table_class(rows, **table_kwargs)
    if request.GET.get("export") == "csv":
        RequestConfig(request, paginate=False).configure(table)
        return table_csv_response(table, filename=filename)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    query = request.GET.copy()
    query.pop("page", None)
    query["export"] = "csv"
    return table, filterset, query.urlencode()


@merchant_required(get=Capability.READ)
def purchases(request):
    result = _table_page(
        request,
        table_class=OrdersTable,
        queryset=orders_of_buyer(merchant=request.merchant),
        filterset_class=OrderFilter,
        filename="purchases",
    )
    if isinstance(result, HttpResponse):
        return result
    table, filterset, export_query = result
    merchant = request.merchant
    return render(
        request,
        "exchange/purchases.html",
        {
            "table": table,
            "filter": filterset,
            "export_query": export_query,
            "entitlements": entitlements_of(merchant=merchant),
            "subscriptions": subscriptions_of(merchant=merchant),
            "credits": credits_of(merchant=merchant),
            "downloads": downloads_of(merchant=merchant, limit=20),
            "notices": notices_for_buyer(merchant=merchant)[:20],
        },
    )


@merchant_required(get=Capability.READ)
def sales(request):
    merchant = request.merchant
    if not merchant.is_provider:
        raise Http404
    result = _table_page(
        request,
        table_class=SalesTable,
        queryset=orders_of_provider(merchant=merchant),
        filterset_class=OrderFilter,
        filename="sales",
    )
    if isinstance(result, HttpResponse):
        return result
    table, filterset, export_query = result
    return render(request, "exchange/sales.html", {"table": table, "filter": filterset, "export_query": export_query})


@merchant_required(get=Capability.READ)
def wallet(request):
    merchant = request.merchant
    result = _table_page(
        request,
        table_class=TopUpsTable,
        queryset=TopUp.objects.filter(merchant=merchant),
        filterset_class=TopUpFilter,
        filename="topups",
    )
    if isinstance(result, HttpResponse):
        return result
    table, filterset, export_query = result
    orders = orders_of_buyer(merchant=merchant)[:50]
    return render(
        request,
        "exchange/wallet.html",
        {
            "table": table,
            "filter": filterset,
            "export_query": export_query,
            "wallet_micros": wallet_balance(merchant=merchant),
            "topup_form": TopUpForm(request.session.pop("topup_input", None)),
            "invoices": [invoice_for_order(order=order) for order in orders],
        },
    )


@merchant_required(get=Capability.READ)
def products(request):
    if not request.merchant.is_provider:
        raise Http404
    return render(request, "exchange/products.html", {"products": products_of_provider(merchant=request.merchant)})


@merchant_required(get=Capability.READ)
def product_console(request, product_id: int):
    """One product of the provider: versions, privacy report, buyers, revenue, review."""
    product = _own_product(request, product_id)
    result = _table_page(
        request,
        table_class=SalesTable,
        queryset=orders_of_provider(merchant=request.merchant).filter(version__product=product),
        filterset_class=ProductSalesFilter,
        filename=f"sales-product-{product.pk}",
        exclude=["product"],
    )
    if isinstance(result, HttpResponse):
        return result
    table, filterset, export_query = result
    return render(
        request,
        "exchange/product_console.html",
        {
            "product": product,
            "versions": product.versions.order_by("-number"),
            "current": version_current(product=product),
            "table": table,
            "filter": filterset,
            "export_query": export_query,
            "revenue_fen": product_revenue_fen(product=product),
            "plans": product.plans.order_by("price_fen", "id"),
        },
    )


@merchant_required(get=Capability.MANAGE_PRODUCTS, post=Capability.MANAGE_PRODUCTS)
def product_new(request):
    form = ProductForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            product = product_create(
                provider=request.merchant,
                by=request.user,
                title=data["title"],
                description=data["description"],
                kind=data["kind"],
                category=data["category"],
                purpose=data.get("purpose") or "",
                price_fen=data["price_yuan"],
                k=data["k"],
                quasi_identifiers=data.get("quasi_identifiers") or [],
                include_skills=data.get("include_skills", False),
                max_suppression_bps=int(data["max_suppression_percent"] * 100),
                **_model_fields(data),
                epsilon=data["epsilon"],
                min_people=data["min_people"],
                weighting=data["weighting"],
                source_file=data.get("source_file"),
                licence=data.get("licence", ""),
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Product created. Start a build to make its first version."))
            return redirect("exchange:product_console", product_id=product.pk)
    return render(request, "exchange/product_form.html", {"form": form})


def _model_fields(data: dict) -> dict:
    return {
        "m": data.get("m") or 2,
        "technique": data.get("technique") or DataProduct.Technique.FULL_DOMAIN,
        "loss": data.get("loss") or DataProduct.Loss.DM,
        "sensitive_attribute": data.get("sensitive_attribute") or "",
        "l_diversity": data.get("l_diversity") or 1,
    }


def _own_product(request, product_id: int) -> DataProduct:
    product = DataProduct.objects.filter(pk=product_id, provider=request.merchant).first()
    if product is None:
        raise Http404
    return product


@require_POST
@merchant_required(post=Capability.MANAGE_PRODUCTS)
def product_build(request, product_id: int):
    product = _own_product(request, product_id)
    try:
        version = version_build_start(product=product, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Build of version %(n)s started.") % {"n": version.number})
    return redirect("exchange:product_console", product_id=product.pk)


@require_POST
@merchant_required(post=Capability.MANAGE_PRODUCTS)
def product_submit_view(request, product_id: int):
    product = _own_product(request, product_id)
    try:
        form = SubmitForm(request.POST, request.FILES)
        form.is_valid()
        product_submit(product=product, by=request.user, legal_opinion=form.cleaned_data.get("legal_opinion"))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Submitted for compliance review."))
    return redirect("exchange:product_console", product_id=product.pk)


@merchant_required(get=Capability.READ)
def version_progress(request, version_id: int):
    version = ProductVersion.objects.filter(pk=version_id, product__provider=request.merchant).first()
    if version is None:
        raise Http404
    return render(request, "exchange/_version_row.html", {"version": version})


@require_POST
@merchant_required(post=Capability.BUY)
def topup_request(request):
    form = TopUpForm(request.POST)
    if form.is_valid():
        try:
            wallet_topup_request(
                merchant=request.merchant,
                amount_fen=form.cleaned_data["amount_yuan"],
                bank_reference=form.cleaned_data["bank_reference"],
                by=request.user,
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Top-up requested. Finance staff credit your wallet when the transfer arrives."))
            return redirect("exchange:wallet")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    # The form on the wallet page comes back with what was typed, so nothing is typed twice.
    request.session["topup_input"] = {key: request.POST.get(key, "")[:64] for key in ("amount_yuan", "bank_reference")}
    return redirect("exchange:wallet")


@require_POST
@merchant_required(post=Capability.DOWNLOAD)
def order_download(request, order_id: int):
    try:
        order = order_for_buyer(order_id=order_id, merchant=request.merchant)
    except ObjectMissing as exc:
        raise Http404 from exc
    version = None
    version_id = _int_or_none(request.POST.get("version_id", ""))
    if version_id:
        version = versions_of(product=order.version.product).filter(pk=version_id).first()
    try:
        token = download_link_create(order=order, by=request.user, version=version)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("exchange:purchase", order_id=order.pk)
    return redirect("exchange:download", token=token)


# What a download is sent as, by the artefact's format (exchange/services/builds.py DATASET_FORMATS).
ARTEFACT_CONTENT_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "geojson": "application/geo+json",
    "parquet": "application/vnd.apache.parquet",
}


class DownloadView(APIView):
    """Streams a bought artefact for a signed, unexpired link; the link is the credential, as a presigned URL is.

    No session or API key is asked for: the link names the member (and the API key) that made it, and
    `download_resolve` checks again that they may still download for the buyer before anything is sent.
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "download"
    access = Access(public=frozenset({"GET"}))

    @extend_schema(
        summary="Download a bought artefact through a signed link",
        description=(
            "The link returned by `POST /api/v1/orders/{order_id}/download-link/` works on its own, without the"
            " `Authorization` header, for a short time (`expires_in` seconds). It stays bound to the buying"
            " organisation: it is refused (403) once the member who made it has left, been deactivated or lost"
            " the download capability, or the API key it was made with is revoked; 410 once it has expired."
        ),
        auth=[],
        responses={
            # A JSON artefact (a dataset, or a query service's description of its templates) is a JSON document
            # whose shape is the product's own; the others are files.
            **{
                (200, content_type): OpenApiTypes.ANY if content_type.endswith("json") else OpenApiTypes.BINARY
                for content_type in ARTEFACT_CONTENT_TYPES.values()
            },
            **error_responses(403, 404, 410, 429, 503),
        },
    )
    def get(self, request, token: str):
        # One transaction: a file store that cannot open the artefact leaves no download in the log.
        with transaction.atomic():
            order = download_resolve(token=token)
            return _artefact_response(order.delivered_version, order.buyer)


download = DownloadView.as_view()


# --- invoices, API keys, subscriptions, profile, statistics -------------------------------------------------


@merchant_required(get=Capability.READ)
def invoices(request):
    result = _table_page(
        request,
        table_class=InvoicesTable,
        queryset=orders_of_buyer(merchant=request.merchant),
        filterset_class=OrderFilter,
        filename="invoices",
    )
    if isinstance(result, HttpResponse):
        return result
    table, filterset, export_query = result
    return render(request, "exchange/invoices.html", {"table": table, "filter": filterset, "export_query": export_query})


@merchant_required(get=Capability.READ)
def invoice_detail(request, order_id: int):
    try:
        order = order_for_buyer(order_id=order_id, merchant=request.merchant)
    except ApplicationError as exc:
        raise Http404 from exc
    return render(request, "exchange/invoice.html", {"invoice": invoice_for_order(order=order)})


@merchant_required(get=Capability.READ)
def invoice_pdf_view(request, order_id: int):
    try:
        order = order_for_buyer(order_id=order_id, merchant=request.merchant)
    except ApplicationError as exc:
        raise Http404 from exc
    invoice = invoice_for_order(order=order)
    response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invoice.number}.pdf"'
    return response


def _artefact_response(version: ProductVersion, buyer) -> FileResponse:
    """The buyer's copy of an artefact, streamed from storage (a copy without the people who blocked the buyer)."""
    with storage_reading():
        if artefact_is_whole_for(version=version, buyer=buyer):
            stream, size = stored_file_stream(version.artefact.name)
            sha256 = version.artefact_sha256
        else:
            data, sha256 = artefact_for_buyer(version=version, buyer=buyer)
            stream, size = io.BytesIO(data), len(data)
    extension = version.artefact.name.rsplit(".", 1)[-1] if "." in version.artefact.name else "csv"
    filename = f"product-{version.product_id}-v{version.number}.{extension}"
    content_type = ARTEFACT_CONTENT_TYPES.get(extension, "application/octet-stream")
    response = FileResponse(stream, as_attachment=True, filename=filename, content_type=content_type)
    response.block_size = STREAM_BLOCK_BYTES
    response["Content-Length"] = size
    response["Cache-Control"] = "no-store"
    response["X-Artefact-SHA256"] = sha256
    return response


@merchant_required(get=Capability.READ, post=Capability.MANAGE_KEYS)
def api_keys(request):
    secret = None
    if request.method == "POST":
        try:
            if "revoke" in request.POST:
                key = api_keys_of(merchant=request.merchant).filter(pk=_int_or_none(request.POST["revoke"])).first()
                if key is None:
                    raise Http404
                api_key_revoke(key=key, by=request.user)
                messages.success(request, _("The key was revoked; programs using it are refused from now on."))
                return redirect("exchange:api_keys")
            _key, secret = api_key_create(merchant=request.merchant, name=request.POST.get("name", ""), by=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("exchange:api_keys")
    response = render(request, "exchange/api_keys.html", {"keys": api_keys_of(merchant=request.merchant), "secret": secret})
    response["Cache-Control"] = "no-store"  # the secret is shown once and must not be cached
    return response


@merchant_required(get=Capability.READ, post=Capability.MANAGE_PRODUCTS)
def product_privacy_edit(request, product_id: int):
    product = _own_product(request, product_id)
    initial = {
        "k": product.k,
        "max_suppression_percent": product.max_suppression_bps / 100,
        "quasi_identifiers": product.quasi_identifiers,
        "include_skills": product.include_skills,
        "m": product.m,
        "technique": product.technique,
        "loss": product.loss,
        "sensitive_attribute": product.sensitive_attribute,
        "l_diversity": product.l_diversity,
        "epsilon": product.epsilon,
        "min_people": product.min_people,
        "weighting": product.weighting,
    }
    form = ProductPrivacyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            product = product_update(
                product=product,
                by=request.user,
                k=data["k"],
                max_suppression_bps=int(data["max_suppression_percent"] * 100),
                quasi_identifiers=data.get("quasi_identifiers") or None,
                include_skills=data.get("include_skills", False),
                **_model_fields(data),
                epsilon=data["epsilon"],
                min_people=data["min_people"],
                weighting=data["weighting"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            if product.status == DataProduct.Status.IN_REVIEW:
                messages.warning(request, _("Privacy parameters changed: the product is back in compliance review."))
            else:
                messages.success(request, _("Saved. Build a new version to apply the parameters."))
            return redirect("exchange:product_console", product_id=product.pk)
    return render(request, "exchange/product_privacy.html", {"form": form, "product": product})


def default_compare_ks(k: int) -> list[int]:
    """The product's k, half and twice it (within 2..50)."""
    return sorted({max(2, k // 2), k, min(50, k * 2)})


@merchant_required(get=Capability.MANAGE_PRODUCTS)
def product_privacy_compare(request, product_id: int):
    """Full-domain and Mondrian at a few values of k, side by side, before anything is built."""
    product = _own_product(request, product_id)
    form = PrivacyCompareForm(request.GET or None)
    compared = None
    ks = default_compare_ks(product.k)
    if form.is_bound and form.is_valid():
        ks = form.cleaned_data["ks"] or ks
    if product.kind == DataProduct.Kind.RECORDS and (not form.is_bound or form.is_valid()):
        compared = privacy_compare(product=product, ks=ks)
    return render(
        request,
        "exchange/product_privacy_compare.html",
        {"product": product, "form": form, "compared": compared, "ks": ks},
    )


@merchant_required(get=Capability.READ)
def version_report(request, version_id: int):
    version = ProductVersion.objects.select_related("product").filter(pk=version_id, product__provider=request.merchant).first()
    if version is None:
        raise Http404
    return render(request, "exchange/version_report.html", {"version": version, "report": version.privacy_report})


@merchant_required(get=Capability.READ, post=Capability.BUY)
def query_console(request, product_id: int):
    """A buyer's clean-room query page: allow-listed templates only."""
    product = product_visible(product_id=product_id, merchant=request.merchant)
    if product is None or product.kind != DataProduct.Kind.QUERY:
        raise Http404
    form = QueryForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = query_run(
                product=product,
                buyer=request.merchant,
                template=form.cleaned_data["template"],
                params=form.params(),
                by=request.user,
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
    return render(
        request,
        "exchange/query_console.html",
        {
            "product": product,
            "form": form,
            "result": result,
            "history": queries_of_buyer(merchant=request.merchant, product=product)[:20],
            "honest_wording": HONEST_WORDING,
        },
    )


@require_POST
@merchant_required(post=Capability.BUY)
def subscription_cancel_view(request, subscription_id: int):
    subscription = subscriptions_of(merchant=request.merchant).filter(pk=subscription_id).first()
    if subscription is None:
        raise Http404
    subscription_cancel(subscription=subscription, by=request.user)
    messages.success(request, _("Subscription cancelled: access continues until the end of the paid period."))
    return redirect("exchange:purchases")


@merchant_required(get=Capability.READ, post=Capability.MANAGE_PROFILE)
def merchant_profile(request):
    merchant = request.merchant
    initial = {name: getattr(merchant, name) for name in PROFILE_FIELDS}
    form = MerchantProfileForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data.get(name, "") for name in PROFILE_FIELDS}
        try:
            merchant_profile_update(
                merchant=merchant, by=request.user, business_licence=form.cleaned_data.get("business_licence"), **data
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("Profile saved. Exchange staff verify your organisation from it."))
            return redirect("exchange:profile")
    return render(request, "exchange/profile.html", {"form": form, "merchant": merchant})


@merchant_required(get=Capability.READ, post=Capability.MANAGE_TEAM)
def team(request):
    """The organisation's members and roles; owners and administrators see the invite code."""
    merchant = request.merchant
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "rotate":
                merchant_invite_rotate(merchant=merchant, by=request.user)
                messages.success(request, _("A new invite code was issued; the old one no longer works."))
            else:
                membership = membership_in(merchant=merchant, membership_id=_int_or_none(request.POST.get("membership")))
                if membership is None:
                    raise Http404
                if action == "role":
                    membership_role_change(membership=membership, role=request.POST.get("role", ""), by=request.user)
                    messages.success(request, _("Role changed."))
                elif action == "remove":
                    membership_remove(membership=membership, by=request.user)
                    messages.success(request, _("Member removed from the organisation."))
                else:
                    raise Http404
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect("exchange:team")
    return render(
        request,
        "exchange/team.html",
        {
            "merchant": merchant,
            "team": memberships_of(merchant=merchant),
            "me": request.membership,
            "roles": Membership.Role.choices,
        },
    )


@public
@lag_tolerant
def exchange_statistics(request):
    stats = exchange_stats()
    return render(request, "exchange/stats.html", {"stats": stats, "turnover": money.format_fen(stats.turnover_fen)})


@public
def stats_chart(request, name: str):
    """The public statistics' charts as SVG images: sales per month, listed products by category."""
    stats = exchange_stats()
    size = charts.chart_size(request.GET.get("size"))
    if name == "months":
        svg = _month_chart(stats.sales_by_month, size=size, title=_("Sales per month"), y_title=_("Turnover (¥)"))
    elif name == "categories":
        rows = [(str(row["label"]), row["products"]) for row in stats.products_by_category]
        svg = charts.category_bar_chart(rows, size=size, x_title=_("Listed products"), title=_("Listed products by category"))
    else:
        raise Http404
    return charts.chart_response(svg)


@require_POST
@merchant_required(post=Capability.DOWNLOAD)
def notice_download(request, notice_id: int):
    """The replacement of a withdrawn version, for a buyer who was told to delete the old one."""
    notice = (
        BuyerNotice.objects.select_related("replacement__product", "order")
        .filter(pk=notice_id, order__buyer=request.merchant)
        .first()
    )
    if notice is None or notice.replacement is None or notice.replacement.status != ProductVersion.Status.READY:
        messages.error(request, _("The replacement version is not ready yet."))
        return redirect("exchange:purchases")
    try:
        response = _artefact_response(notice.replacement, request.merchant)
    except StorageUnavailable as exc:
        messages.error(request, exc.message)
        return redirect("exchange:purchases")
    BuyerNotice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=timezone.now())
    return response


@jobseeker_required
def my_products(request):
    """The jobseeker's view of every version that includes them (the exchange owns versions, not consent)."""
    return render(request, "exchange/my_products.html", {"memberships": versions_including(user=request.user)[:200]})
