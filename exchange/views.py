"""Merchant dashboard and catalog pages."""

import uuid

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.views import APIView

from accounts.decorators import merchant_required
from accounts.selectors import membership_current
from config.errors import ApplicationError
from payouts import money
from payouts.selectors import earnings_for_merchant, wallet_balance
from payouts.services import wallet_topup_request

from .apis import IsMerchantMember, request_merchant
from .forms import ProductForm, TopUpForm
from .models import DataProduct, ProductVersion
from .selectors import catalog_products, orders_of_buyer, product_visible, products_of_provider
from .services.builds import version_build_start
from .services.orders import download_link_create, download_resolve, order_for_buyer, order_place, version_current
from .services.products import product_create, product_submit


def _current_merchant(request):
    if not request.user.is_authenticated:
        return None
    membership = membership_current(user=request.user)
    return membership.merchant if membership else None


def catalog(request):
    products = catalog_products(
        search=request.GET.get("q", "").strip(), kind=request.GET.get("kind", ""), category=request.GET.get("category", "")
    )
    template = "exchange/_catalog_results.html" if request.htmx else "exchange/catalog.html"
    return render(
        request,
        template,
        {"products": products[:100], "kinds": DataProduct.Kind.choices, "categories": DataProduct.Category.choices},
    )


def product_detail(request, product_id: int):
    merchant = _current_merchant(request)
    product = product_visible(product_id=product_id, merchant=merchant)
    if product is None:
        raise Http404
    return render(
        request,
        "exchange/product_detail.html",
        {
            "product": product,
            "version": version_current(product=product),
            "price": money.format_fen(product.price_fen),
            "merchant": merchant,
            # One key per rendered form: a double click or a resubmit places one order.
            "idempotency_key": uuid.uuid4().hex,
        },
    )


@require_POST
@merchant_required
def product_buy(request, product_id: int):
    product = product_visible(product_id=product_id, merchant=request.merchant)
    if product is None:
        raise Http404
    try:
        order = order_place(
            buyer=request.merchant, product=product, by=request.user, idempotency_key=request.POST.get("idempotency_key", "")
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("exchange:product", product_id=product.pk)
    messages.success(request, _("Order #%(id)s placed. You can download the data now.") % {"id": order.pk})
    return redirect("exchange:dashboard")


@merchant_required
def dashboard(request):
    merchant = request.merchant
    earnings = earnings_for_merchant(merchant=merchant)
    return render(
        request,
        "exchange/dashboard.html",
        {
            "merchant": merchant,
            "wallet": money.format_micros(wallet_balance(merchant=merchant)),
            "orders": orders_of_buyer(merchant=merchant)[:50],
            "products": products_of_provider(merchant=merchant) if merchant.is_provider else [],
            "earnings_pending": money.format_micros(earnings.pending),
            "earnings_available": money.format_micros(earnings.available),
            "topup_form": TopUpForm(),
        },
    )


@merchant_required
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
                price_fen=money.yuan_to_fen(data["price_yuan"]),
                k=data["k"],
                quasi_identifiers=data.get("quasi_identifiers") or [],
                include_skills=data.get("include_skills", False),
                source_file=data.get("source_file"),
                licence=data.get("licence", ""),
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Product created. Start a build to make its first version."))
            return redirect(reverse("exchange:dashboard") + f"#product-{product.pk}")
    return render(request, "exchange/product_form.html", {"form": form})


def _own_product(request, product_id: int) -> DataProduct:
    product = DataProduct.objects.filter(pk=product_id, provider=request.merchant).first()
    if product is None:
        raise Http404
    return product


@require_POST
@merchant_required
def product_build(request, product_id: int):
    product = _own_product(request, product_id)
    try:
        version = version_build_start(product=product, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Build of version %(n)s started.") % {"n": version.number})
    return redirect(reverse("exchange:dashboard") + f"#product-{product.pk}")


@require_POST
@merchant_required
def product_submit_view(request, product_id: int):
    product = _own_product(request, product_id)
    try:
        product_submit(product=product, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Submitted for compliance review."))
    return redirect(reverse("exchange:dashboard") + f"#product-{product.pk}")


@merchant_required
def version_progress(request, version_id: int):
    version = ProductVersion.objects.filter(pk=version_id, product__provider=request.merchant).first()
    if version is None:
        raise Http404
    return render(request, "exchange/_version_row.html", {"version": version})


@require_POST
@merchant_required
def topup_request(request):
    form = TopUpForm(request.POST)
    if form.is_valid():
        try:
            wallet_topup_request(
                merchant=request.merchant,
                amount_fen=money.yuan_to_fen(form.cleaned_data["amount_yuan"]),
                bank_reference=form.cleaned_data["bank_reference"],
                by=request.user,
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Top-up requested. Finance staff credit your wallet when the transfer arrives."))
    else:
        messages.error(request, _("Enter an amount and your bank transfer reference."))
    return redirect("exchange:dashboard")


@require_POST
@merchant_required
def order_download(request, order_id: int):
    try:
        order = order_for_buyer(order_id=order_id, merchant=request.merchant)
        token = download_link_create(order=order, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("exchange:dashboard")
    return redirect("exchange:download", token=token)


class DownloadView(APIView):
    """Streams a bought artefact for a signed, unexpired link (session or API key)."""

    permission_classes = [IsMerchantMember]

    @extend_schema(
        summary="Download a bought artefact through a signed link",
        responses={(200, "text/csv"): OpenApiTypes.BINARY, 403: None, 410: None},
    )
    def get(self, request, token: str):
        order = download_resolve(token=token, merchant=request_merchant(request), by=request.user)
        version = order.delivered_version
        response = FileResponse(
            version.artefact.open("rb"), as_attachment=True, filename=f"product-{version.product_id}-v{version.number}.csv"
        )
        response["Cache-Control"] = "no-store"
        response["X-Artefact-SHA256"] = version.artefact_sha256
        return response


download = DownloadView.as_view()
