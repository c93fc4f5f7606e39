from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from config.errors import ApplicationError

from . import money
from .admin_money import FEN, MICROS, MoneyAdminMixin
from .fields import YuanField
from .models import JournalEntry, LedgerAccount, PayoutAccount, PayoutBatch, Posting, TopUp, Withdrawal
from .services import (
    adjustment_post,
    payout_batch_create,
    wallet_topup_confirm,
    withdrawal_mark_failed,
    withdrawal_mark_paid,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LedgerAccount)
class LedgerAccountAdmin(ReadOnlyAdmin):
    list_display = ["key", "kind", "merchant", "shown_balance"]

    @admin.display(description=_("balance"))
    def shown_balance(self, obj):
        from .selectors import account_balance

        return money.format_micros(account_balance(account=obj))

    list_filter = ["kind"]
    search_fields = ["key"]


class PostingInline(MoneyAdminMixin, admin.TabularInline):
    model = Posting
    money_fields = {"amount": MICROS}
    extra = 0
    can_delete = False
    fields = ["account", "amount"]
    readonly_fields = ["account", "amount"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(JournalEntry)
class JournalEntryAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "reference", "created_at"]
    list_filter = ["kind"]
    search_fields = ["reference", "idempotency_key"]
    readonly_fields = ["kind", "idempotency_key", "reference", "memo", "related", "release_after", "created_by", "created_at"]
    inlines = [PostingInline]

    def has_change_permission(self, request, obj=None):
        return request.method == "GET" and request.user.is_staff  # view only: entries are immutable

    def get_urls(self):
        return [
            path("adjust/", self.admin_site.admin_view(adjustment_view), name="payouts_journalentry_adjust")
        ] + super().get_urls()


@admin.register(TopUp)
class TopUpAdmin(MoneyAdminMixin, admin.ModelAdmin):
    money_fields = {"amount_fen": FEN}
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


@admin.register(PayoutAccount)
class PayoutAccountAdmin(ReadOnlyAdmin):
    # Only the mask is shown; the full number leaves the database only in the bank's CSV.
    list_display = ["id", "user", "merchant", "kind", "masked", "bank_name", "is_active", "created_at"]
    list_filter = ["kind", "is_active"]
    fields = ["user", "merchant", "kind", "masked", "bank_name", "is_active", "created_at"]
    readonly_fields = fields


@admin.register(Withdrawal)
class WithdrawalAdmin(MoneyAdminMixin, ReadOnlyAdmin):
    money_fields = {"amount_fen": FEN}
    list_display = ["id", "user", "merchant", "payout_account", "amount_fen", "status", "batch", "created_at", "decided_by"]
    readonly_fields = [field.name for field in Withdrawal._meta.fields]
    list_filter = ["status", "batch"]
    actions = ["mark_paid", "mark_failed"]

    def has_change_permission(self, request, obj=None):
        return request.user.is_staff  # actions only; every field stays read-only

    def _mark(self, request, queryset, service, done_message, **kwargs):
        for withdrawal in queryset.order_by("id"):
            try:
                service(withdrawal=withdrawal, by=request.user, **kwargs)
            except ApplicationError as exc:
                self.message_user(request, f"#{withdrawal.pk}: {exc.message}", messages.ERROR)
            else:
                self.message_user(request, done_message % {"id": withdrawal.pk}, messages.SUCCESS)

    @admin.action(description=_("Mark selected lines paid (the bank paid them)"))
    def mark_paid(self, request, queryset):
        self._mark(request, queryset, withdrawal_mark_paid, _("Line #%(id)s marked paid."))

    @admin.action(description=_("Mark selected lines failed (the bank refused them; money returns)"))
    def mark_failed(self, request, queryset):
        self._mark(
            request,
            queryset,
            withdrawal_mark_failed,
            _("Line #%(id)s marked failed; the money is back."),
            reason="Refused by the bank",
        )


class WithdrawalInline(MoneyAdminMixin, admin.TabularInline):
    model = Withdrawal
    money_fields = {"amount_fen": FEN}
    extra = 0
    can_delete = False
    fields = ["id", "user", "merchant", "payout_account", "amount_fen", "status"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PayoutBatch)
class PayoutBatchAdmin(MoneyAdminMixin, ReadOnlyAdmin):
    money_fields = {"total_fen": FEN}
    list_display = ["business_date", "status", "line_count", "total_fen", "created_at"]
    fields = ["business_date", "status", "line_count", "total_fen", "created_at"]
    readonly_fields = fields
    inlines = [WithdrawalInline]
    actions = ["download_csv"]

    @admin.action(description=_("Download the bank CSV of the selected batch"))
    def download_csv(self, request, queryset):
        batch = queryset.order_by("-business_date").first()
        response = HttpResponse(batch.csv, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="payout-batch-{batch.business_date}.csv"'
        return response

    def get_urls(self):
        return [path("build/", self.admin_site.admin_view(self.build_now), name="payouts_payoutbatch_build")] + super().get_urls()

    def build_now(self, request):
        if request.method == "POST":
            batch = payout_batch_create()
            if batch is None:
                self.message_user(request, _("No withdrawal is waiting."), messages.INFO)
            else:
                self.message_user(
                    request, _("Batch %(date)s holds %(count)s lines.") % {"date": batch.business_date, "count": batch.line_count}
                )
        return redirect("admin:payouts_payoutbatch_changelist")


class AdjustmentForm(forms.Form):
    debit = forms.ModelChoiceField(label=_("Take from account"), queryset=LedgerAccount.objects.order_by("key"))
    credit = forms.ModelChoiceField(label=_("Give to account"), queryset=LedgerAccount.objects.order_by("key"))
    amount = YuanField(label=_("Amount (¥, up to 6 decimals)"), micros=True)  # cleaned to micros
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, max_length=500)


def adjustment_view(request):
    """Finance posts a correction: one balanced entry with the reason and the staff member on it."""
    form = AdjustmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = adjustment_post(
                debit=form.cleaned_data["debit"],
                credit=form.cleaned_data["credit"],
                amount_micros=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Adjustment %(reference)s posted.") % {"reference": entry.reference})
            return redirect("admin:payouts_journalentry_change", entry.pk)
    context = {**admin.site.each_context(request), "form": form, "title": _("Manual adjustment")}
    return render(request, "payouts/admin_adjustment.html", context)
