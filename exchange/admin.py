from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from config.errors import ApplicationError
from config.files import StorageUnavailable, storage_reading, stored_file_stream
from payouts.admin_money import BPS, FEN, MoneyAdminMixin

from .models import (
    ApiKey,
    DataProduct,
    DownloadLog,
    Order,
    OrderRefund,
    Outbox,
    PricePlan,
    ProductListing,
    ProductVersion,
    QueryCredit,
    Subscription,
)
from .review import attribute_rows, consent_coverage, product_summary, report_rows, review_version
from .services.orders import order_refund
from .services.products import product_review


class VersionInline(admin.TabularInline):
    model = ProductVersion
    extra = 0
    can_delete = False
    fields = ["number", "status", "member_count", "error", "built_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DataProduct)
class DataProductAdmin(MoneyAdminMixin, admin.ModelAdmin):
    money_fields = {"price_fen": FEN, "max_suppression_bps": BPS, "commission_bps": BPS, "pool_bps": BPS}
    list_display = ["title", "provider", "kind", "price_fen", "status", "reviewed_at", "review_link"]
    list_filter = ["status", "kind", "category"]
    search_fields = ["title", "provider__name"]
    readonly_fields = ["status", "reviewed_by", "reviewed_at", "created_at", "submitted_at", "latest_privacy_report"]
    inlines = [VersionInline]

    @admin.display(description=_("privacy report of the newest version"))
    def latest_privacy_report(self, obj):
        version = obj.versions.order_by("-number").first()
        if version is None:
            return "-"
        rows = format_html_join("", "<tr><th>{}</th><td>{}</td></tr>", report_rows(version.privacy_report))
        return format_html(
            '<p>v{} · {} · <a href="{}">{}</a></p><table>{}</table>',
            version.number,
            version.get_status_display(),
            reverse("admin:exchange_dataproduct_review", args=[obj.pk]),
            _("Open the review page"),
            rows,
        )

    actions = ["approve", "reject"]

    @admin.display(description=_("review"))
    def review_link(self, obj):
        label = _("Open the review") if obj.status == DataProduct.Status.IN_REVIEW else _("Report")
        return format_html('<a href="{}">{}</a>', reverse("admin:exchange_dataproduct_review", args=[obj.pk]), label)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:product_id>/review/", view(self.review_view), name="exchange_dataproduct_review"),
            path("<int:product_id>/legal-opinion/", view(self.legal_opinion_view), name="exchange_dataproduct_legal_opinion"),
        ] + super().get_urls()

    def _product_or_404(self, request, product_id: int) -> DataProduct:
        product = DataProduct.objects.select_related("provider", "reviewed_by").filter(pk=product_id).first()
        if product is None:
            raise Http404
        if not self.has_view_permission(request, product):
            raise PermissionDenied
        return product

    def legal_opinion_view(self, request, product_id: int):
        product = self._product_or_404(request, product_id)
        if not product.legal_opinion:
            raise Http404
        try:
            with storage_reading():
                stream, size = stored_file_stream(product.legal_opinion.name)
        except StorageUnavailable as exc:
            messages.error(request, exc.message)
            return redirect("admin:exchange_dataproduct_review", product_id=product.pk)
        response = FileResponse(stream, content_type="application/pdf")
        response["Content-Length"] = size
        response["Content-Disposition"] = f'inline; filename="legal-opinion-{product.pk}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response

    def review_view(self, request, product_id: int):
        """One listing's review: what it sells, the legal opinion, its report as a table, consent, the decision."""
        product = self._product_or_404(request, product_id)
        notes = product.review_notes
        if request.method == "POST":
            if not self.has_change_permission(request, product):
                raise PermissionDenied
            notes = request.POST.get("notes", "")
            approve = request.POST.get("decision") == "approve"
            try:
                product_review(product=product, by=request.user, approve=approve, notes=notes)
            except ApplicationError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                self.message_user(
                    request,
                    (_("%(p)s approved and listed.") if approve else _("%(p)s rejected.")) % {"p": product},
                    messages.SUCCESS,
                )
                changelist = reverse("admin:exchange_dataproduct_changelist")
                return redirect(f"{changelist}?status__exact={DataProduct.Status.IN_REVIEW}")
        version = review_version(product)
        report = version.privacy_report if version else {}
        return TemplateResponse(
            request,
            "admin/exchange/dataproduct/review.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Review: %(title)s") % {"title": product.title},
                "opts": self.model._meta,
                "original": product,
                "product": product,
                "summary": product_summary(product),
                "version": version,
                "report": report,
                "report_rows": report_rows(report),
                "attribute_rows": attribute_rows(report),
                "coverage": consent_coverage(product, version),
                "notes": notes,
                "can_decide": self.has_change_permission(request, product),
            },
        )

    def _review(self, request, queryset, approve: bool):
        for product in queryset.order_by("id"):
            try:
                product_review(product=product, by=request.user, approve=approve, notes=product.review_notes)
            except ApplicationError as exc:
                self.message_user(request, f"{product}: {exc.message}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    (_("%(p)s approved and listed.") if approve else _("%(p)s rejected.")) % {"p": product},
                    messages.SUCCESS,
                )

    @admin.action(description=_("Approve and list selected products"))
    def approve(self, request, queryset):
        self._review(request, queryset, True)

    @admin.action(description=_("Reject selected products (write review notes first)"))
    def reject(self, request, queryset):
        self._review(request, queryset, False)


class RefundForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the refund"), widget=forms.Textarea(attrs={"rows": 3}))


@admin.register(Order)
class OrderAdmin(MoneyAdminMixin, admin.ModelAdmin):
    money_fields = {"price_fen": FEN}
    list_display = ["id", "buyer", "version", "price_fen", "status", "created_at", "settled_at"]
    list_filter = ["status"]
    search_fields = ["buyer__name", "version__product__title"]
    actions = ["refund"]

    @admin.action(description=_("Refund selected orders (asks for a reason)"))
    def refund(self, request, queryset):
        form = RefundForm(request.POST if "reason" in request.POST else None)
        if not form.is_valid():
            return TemplateResponse(
                request,
                "admin/exchange/order/refund.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Refund orders"),
                    "form": form,
                    "orders": queryset,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                    "opts": self.model._meta,
                },
            )
        for order in queryset.order_by("pk"):
            try:
                order_refund(order=order, by=request.user, reason=form.cleaned_data["reason"])
            except ApplicationError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                self.message_user(request, _("Order #%(id)s refunded; access ended.") % {"id": order.pk}, messages.SUCCESS)
        return None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Outbox)
class OutboxAdmin(admin.ModelAdmin):
    list_display = ["key", "topic", "created_at", "processed_at", "attempts"]
    list_filter = ["topic"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DownloadLog)
class DownloadLogAdmin(admin.ModelAdmin):
    list_display = ["order", "user", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["merchant", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    exclude = ["hashed_key"]
    readonly_fields = ["prefix", "last_used_at", "created_by"]

    def has_add_permission(self, request):
        return False


@admin.register(PricePlan)
class PricePlanAdmin(MoneyAdminMixin, admin.ModelAdmin):
    money_fields = {"price_fen": FEN}
    list_display = ["product", "kind", "price_fen", "credits", "private_buyer", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["product__title", "private_buyer__name"]
    autocomplete_fields = ["private_buyer"]


@admin.register(ProductListing)
class ProductListingAdmin(admin.ModelAdmin):
    list_display = ["product", "update_frequency"]
    list_filter = ["update_frequency"]


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["buyer", "product", "plan", "status", "current_period_end", "cancel_at_period_end"]
    list_filter = ["status"]
    readonly_fields = ["buyer", "product", "plan", "current_period_end", "renewal_error", "created_at"]


@admin.register(QueryCredit)
class QueryCreditAdmin(admin.ModelAdmin):
    list_display = ["buyer", "product", "remaining", "updated_at"]

    def has_add_permission(self, request):
        return False  # credits come from purchases, never typed in

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OrderRefund)
class OrderRefundAdmin(admin.ModelAdmin):
    list_display = ["order", "by", "reason", "created_at"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
