from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from config.errors import ApplicationError

from .models import AuditEvent, Membership, Merchant, User
from .services import membership_end, merchant_suspend, merchant_verify, user_deactivate


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "kind", "is_staff", "is_active", "date_joined"]
    list_filter = ["kind", "is_staff", "is_active"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["display_name", "kind", "language"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "kind", "password1", "password2"]})]
    actions = ["deactivate"]

    def save_model(self, request, obj, form, change):
        deactivating = change and "is_active" in form.changed_data and not obj.is_active
        super().save_model(request, obj, form, change)
        if deactivating:
            user_deactivate(user=obj, by=request.user)

    @admin.action(description=_("Deactivate selected accounts (their API keys are revoked)"), permissions=["change"])
    def deactivate(self, request, queryset):
        users = list(queryset.filter(is_active=True).order_by("pk"))
        for user in users:
            user_deactivate(user=user, by=request.user)
        self.message_user(
            request, ngettext("%d account deactivated.", "%d accounts deactivated.", len(users)) % len(users), messages.WARNING
        )


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class SuspendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the suspension (shown to the merchant)"), widget=forms.Textarea(attrs={"rows": 3})
    )


@admin.register(Merchant)
class MerchantAdmin(admin.ModelAdmin):
    list_display = ["name", "industry", "credit_code", "is_provider", "is_buyer", "status", "verified_at"]
    list_filter = ["status", "industry", "is_provider", "is_buyer"]
    search_fields = ["name", "credit_code"]
    readonly_fields = [
        "status",
        "status_reason",
        "status_changed_by",
        "status_changed_at",
        "verified_at",
        "created_at",
        "invite_code",
    ]
    inlines = [MembershipInline]
    actions = ["verify", "suspend"]

    def save_formset(self, request, form, formset, change):
        # A membership deleted here ends like one removed on the team page: audited, keys revoked.
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for membership in formset.deleted_objects:
            membership_end(membership=membership, by=request.user)
        for membership in instances:
            membership.save()
        formset.save_m2m()
        return None

    @admin.action(description=_("Verify selected merchants"))
    def verify(self, request, queryset):
        verified = 0
        for merchant in queryset.order_by("pk"):
            try:
                merchant_verify(merchant=merchant, by=request.user)
            except ApplicationError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                verified += 1
        if verified:
            self.message_user(
                request, ngettext("%d merchant verified.", "%d merchants verified.", verified) % verified, messages.SUCCESS
            )

    @admin.action(description=_("Suspend selected merchants (asks for a reason)"))
    def suspend(self, request, queryset):
        form = SuspendForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            for merchant in queryset.order_by("pk"):
                merchant_suspend(merchant=merchant, by=request.user, reason=form.cleaned_data["reason"])
            count = queryset.count()
            self.message_user(
                request, ngettext("%d merchant suspended.", "%d merchants suspended.", count) % count, messages.WARNING
            )
            return None
        return TemplateResponse(
            request,
            "admin/accounts/merchant/suspend.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Suspend merchants"),
                "form": form,
                "merchants": queryset,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit chain is append-only (verify it with `manage.py verify_audit_chain`)."""

    list_display = ["seq", "created_at", "action", "actor_id", "subject_id", "object_type", "object_id"]
    list_filter = ["action"]
    search_fields = ["action", "object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
