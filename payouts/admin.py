from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from config.errors import ApplicationError

from .models import JournalEntry, LedgerAccount, Posting, TopUp
from .services import wallet_topup_confirm


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LedgerAccount)
class LedgerAccountAdmin(ReadOnlyAdmin):
    list_display = ["key", "kind", "merchant", "balance"]
    list_filter = ["kind"]
    search_fields = ["key"]


class PostingInline(admin.TabularInline):
    model = Posting
    extra = 0
    can_delete = False
    readonly_fields = ["account", "amount"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(JournalEntry)
class JournalEntryAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "reference", "created_at"]
    list_filter = ["kind"]
    search_fields = ["reference", "idempotency_key"]
    inlines = [PostingInline]


@admin.register(TopUp)
class TopUpAdmin(admin.ModelAdmin):
    list_display = ["id", "merchant", "amount_fen", "bank_reference", "status", "created_at", "confirmed_at"]
    list_filter = ["status"]
    search_fields = ["merchant__name", "bank_reference"]
    readonly_fields = ["status", "confirmed_by", "confirmed_at", "entry", "requested_by"]
    actions = ["confirm"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.requested_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Confirm selected top-ups (the bank transfer has arrived)"))
    def confirm(self, request, queryset):
        for topup in queryset.order_by("id"):
            try:
                wallet_topup_confirm(topup=topup, by=request.user)
            except ApplicationError as exc:
                self.message_user(request, f"#{topup.pk}: {exc.message}", messages.ERROR)
            else:
                self.message_user(request, _("Top-up #%(id)s confirmed.") % {"id": topup.pk}, messages.SUCCESS)
