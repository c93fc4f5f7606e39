"""Merchant dashboard and catalog pages."""

import io
import uuid

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
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
from .forms import ProductForm, ProductPrivacyForm, QueryForm, SubmitForm, TopUpForm
from .models import BuyerNotice, DataProduct, ProductVersion
from .selectors import (
    catalog_products,
    notices_for_buyer,
    orders_of_buyer,
    product_visible,
    products_of_provider,
    queries_of_buyer,
)
from .services.builds import HONEST_WORDING, artefact_for_buyer, version_build_start
from .services.orders import download_link_create, download_resolve, order_for_buyer, order_place, version_current
from .services.products import product_create, product_submit, product_update
from .services.queries import query_run


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
            "notices": notices_for_buyer(merchant=merchant)[:20],
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
                max_suppression_bps=int(data["max_suppression_percent"] * 100),
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
        form = SubmitForm(request.POST, request.FILES)
        form.is_valid()
        product_submit(product=product, by=request.user, legal_opinion=form.cleaned_data.get("legal_opinion"))
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
        return _artefact_response(order.version, order.buyer)


download = DownloadView.as_view()


def _artefact_response(version: ProductVersion, buyer) -> FileResponse:
    """The buyer's copy of an artefact (people who blocked the buyer are left out)."""
    data, sha256 = artefact_for_buyer(version=version, buyer=buyer)
    extension = version.artefact.name.rsplit(".", 1)[-1] if "." in version.artefact.name else "csv"
    filename = f"product-{version.product_id}-v{version.number}.{extension}"
    response = FileResponse(io.BytesIO(data), as_attachment=True, filename=filename)
    response["Cache-Control"] = "no-store"
    response["X-Artefact-SHA256"] = sha256
    return response


@merchant_required
def product_privacy_edit(request, product_id: int):
    product = _own_product(request, product_id)
    initial = {
        "k": product.k,
        "max_suppression_percent": product.max_suppression_bps / 100,
        "quasi_identifiers": product.quasi_identifiers,
        "include_skills": product.include_skills,
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
            return redirect(reverse("exchange:dashboard") + f"#product-{product.pk}")
    return render(request, "exchange/product_privacy.html", {"form": form, "product": product})


@merchant_required
def version_report(request, version_id: int):
    version = ProductVersion.objects.select_related("product").filter(pk=version_id, product__provider=request.merchant).first()
    if version is None:
        raise Http404
    return render(request, "exchange/version_report.html", {"version": version, "report": version.privacy_report})


@merchant_required
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
@merchant_required
def notice_download(request, notice_id: int):
    """The replacement of a withdrawn version, for a buyer who was told to delete the old one."""
    notice = (
        BuyerNotice.objects.select_related("replacement__product", "order")
        .filter(pk=notice_id, order__buyer=request.merchant)
        .first()
    )
    if notice is None or notice.replacement is None or notice.replacement.status != ProductVersion.Status.READY:
        messages.error(request, _("The replacement version is not ready yet."))
        return redirect("exchange:dashboard")
    BuyerNotice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=timezone.now())
    return _artefact_response(notice.replacement, request.merchant)
