from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from config.errors import ApplicationError

from .models import ConsentGrant, ConsentNotice, ConsentReceipt, EmployerBlock, Resume
from .services import notice_publish, resume_viewed_by_staff


@admin.register(ConsentNotice)
class ConsentNoticeAdmin(admin.ModelAdmin):
    list_display = ["provider", "purpose", "version", "published_at"]
    list_filter = ["purpose", "provider"]
    actions = ["publish"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_published:  # immutable once published
            return [field.name for field in self.model._meta.fields]
        return ["published_at"]

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.is_published

    @admin.action(description=_("Publish selected notices (they become immutable)"))
    def publish(self, request, queryset):
        for notice in queryset:
            try:
                notice_publish(notice=notice, by=request.user)
            except ApplicationError as exc:
                self.message_user(request, f"{notice}: {exc.message}", messages.ERROR)


@admin.register(ConsentGrant)
class ConsentGrantAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "provider", "purpose", "granted_at", "withdrawn_at"]
    list_filter = ["purpose", "provider"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Resume)
class ResumeAdmin(admin.ModelAdmin):
    # Staff see only the non-identifying fields in lists; contact details stay encrypted and hidden.
    list_display = ["id", "status", "province", "education_level", "years_experience", "updated_at"]
    list_filter = ["status", "education_level", "province"]
    exclude = ["full_name", "phone", "contact_email", "current_employer", "work_history"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Every time staff open a person's resume, the audit chain records who and when.
        resume = self.get_object(request, object_id)
        if resume is not None and self.has_view_permission(request, resume):
            resume_viewed_by_staff(resume=resume, by=request.user)
        return super().change_view(request, object_id, form_url, extra_context)


class _ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConsentReceipt)
class ConsentReceiptAdmin(_ReadOnlyAdmin):
    list_display = ["receipt_id", "event", "grant", "created_at"]
    list_filter = ["event"]


@admin.register(EmployerBlock)
class EmployerBlockAdmin(_ReadOnlyAdmin):
    list_display = ["id", "merchant", "created_at"]
