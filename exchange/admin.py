from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from config.errors import ApplicationError

from .models import ApiKey, DataProduct, DownloadLog, Order, Outbox, ProductVersion
from .services.orders import order_refund
from .services.products import product_review


class VersionInline(admin.TabularInline):
    model = ProductVersion
    extra = 0
    can_delete = False
    fields = ["number", "status", "member_count", "privacy_report", "error", "built_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DataProduct)
class DataProductAdmin(admin.ModelAdmin):
    list_display = ["title", "provider", "kind", "price_fen", "status", "reviewed_at"]
    list_filter = ["status", "kind", "category"]
    search_fields = ["title", "provider__name"]
    readonly_fields = ["status", "reviewed_by", "reviewed_at", "created_at"]
    inlines = [VersionInline]
    actions = ["approve", "reject"]

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


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["id", "buyer", "version", "price_fen", "status", "created_at", "settled_at"]
    list_filter = ["status"]
    search_fields = ["buyer__name", "version__product__title"]
    actions = ["refund"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Refund selected orders to the buyer's wallet…"))
    def refund(self, request, queryset):
        """Asks for the reason first; inside the refund window the sale is reversed (DESIGN §4)."""
        reason = request.POST.get("reason", "").strip()
        if "apply" in request.POST and reason:
            for order in queryset.order_by("id"):
                try:
                    order_refund(order_id=order.pk, reason=reason, by=request.user)
                except ApplicationError as exc:
                    self.message_user(request, f"#{order.pk}: {exc.message}", messages.ERROR)
                else:
                    self.message_user(request, _("Order #%(id)s refunded.") % {"id": order.pk}, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Refund orders"),
            "orders": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "missing_reason": "apply" in request.POST,
        }
        return TemplateResponse(request, "admin/exchange/order/refund.html", context)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Outbox)
class OutboxAdmin(admin.ModelAdmin):
    list_display = ["key", "topic", "created_at", "processed_at", "attempts"]
    list_filter = ["topic"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DownloadLog)
class DownloadLogAdmin(admin.ModelAdmin):
    list_display = ["order", "user", "created_at"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["merchant", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    exclude = ["hashed_key"]
    readonly_fields = ["prefix", "last_used_at", "created_by"]

    def has_add_permission(self, request):
        return False
