"""Staff tooling for talent: the invitation terms, the abuse queue (actions call the services), read-only logs."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from payouts.admin_money import BPS, FEN, MoneyAdminMixin

from .models import AbuseReport, Invitation, SearchLog, TalentRules
from .services import abuse_decide


@admin.register(TalentRules)
class TalentRulesAdmin(MoneyAdminMixin, admin.ModelAdmin):
    # The fee is typed in yuan and parsed by payouts.money, the share as a percentage.
    money_fields = {"fee_fen": FEN, "jobseeker_share_bps": BPS}
    list_display = (
        "__str__",
        "fee_fen",
        "jobseeker_share_bps",
        "employer_daily_cap",
        "expiry_days",
        "searches_per_hour",
        "updated_at",
    )

    def has_add_permission(self, request) -> bool:
        return not TalentRules.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AbuseReport)
class AbuseReportAdmin(_ReadOnly):
    list_display = ("created_at", "employer", "job", "status", "reason_short", "decided_at")
    list_filter = ("status",)
    list_select_related = ("invitation__merchant",)
    search_fields = ("invitation__merchant__name", "invitation__job_title", "reason")
    readonly_fields = ("invitation", "reason", "status", "decided_by", "created_at", "decided_at")
    actions = ["dismiss", "suspend_employer"]

    def has_change_permission(self, request, obj=None) -> bool:
        # Reports are never edited; the actions need the change permission to be offered.
        return obj is None and request.user.has_perm("talent.change_abusereport")

    @admin.display(description=_("employer"), ordering="invitation__merchant__name")
    def employer(self, report: AbuseReport):
        merchant = report.invitation.merchant
        url = reverse("admin:accounts_merchant_change", args=[merchant.pk])
        return format_html('<a href="{}">{}</a> ({})', url, merchant.name, merchant.get_status_display())

    @admin.display(description=_("job"))
    def job(self, report: AbuseReport) -> str:
        return report.invitation.job_title

    @admin.display(description=_("what happened"))
    def reason_short(self, report: AbuseReport) -> str:
        return report.reason if len(report.reason) <= 80 else report.reason[:79] + "…"

    @admin.action(description=_("Dismiss selected reports"), permissions=["change"])
    def dismiss(self, request, queryset):
        reports = list(queryset.filter(status=AbuseReport.Status.OPEN).order_by("pk"))
        for report in reports:
            abuse_decide(report=report, suspend=False, by=request.user)
        self.message_user(request, ngettext("%d report dismissed.", "%d reports dismissed.", len(reports)) % len(reports))

    @admin.action(
        description=_("Suspend the employers of selected reports (their unanswered invitations are cancelled and refunded)"),
        permissions=["change"],
    )
    def suspend_employer(self, request, queryset):
        reports = list(queryset.filter(status=AbuseReport.Status.OPEN).select_related("invitation__merchant").order_by("pk"))
        for report in reports:
            abuse_decide(report=report, suspend=True, by=request.user, reason=str(_("Invitations reported as abuse.")))
        self.message_user(
            request,
            ngettext("%d report decided: employer suspended.", "%d reports decided: employers suspended.", len(reports))
            % len(reports),
            messages.WARNING,
        )


@admin.register(Invitation)
class InvitationAdmin(MoneyAdminMixin, _ReadOnly):
    money_fields = {"fee_fen": FEN}
    list_display = ("created_at", "merchant", "job_title", "status", "fee_fen", "decided_at", "hired_at")
    list_filter = ("status", "cancel_reason")
    list_select_related = ("merchant",)
    search_fields = ("merchant__name", "job_title", "handle")
    date_hierarchy = "created_at"
    # The candidate stays out of the list: staff see who was invited only by opening one invitation.
    exclude = ("idempotency_key",)


@admin.register(SearchLog)
class SearchLogAdmin(_ReadOnly):
    list_display = ("created_at", "merchant", "channel", "outcome", "cards")
    list_filter = ("outcome", "channel")
    list_select_related = ("merchant",)
    search_fields = ("merchant__name",)
