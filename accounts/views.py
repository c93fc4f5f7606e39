"""Notifications pages: the jobseeker's in the portal, a member's in the merchant console."""

from django.core.paginator import Paginator
from django.shortcuts import render

from .decorators import jobseeker_required, merchant_required
from .notifications import notification_text, notifications_for, notifications_mark_read
from .roles import Capability


def _page(request, template: str):
    page = Paginator(notifications_for(request.user), 25).get_page(request.GET.get("page"))
    rows = [(n, notification_text(n)) for n in page.object_list]
    response = render(request, template, {"page": page, "rows": rows})
    notifications_mark_read(user=request.user)  # shown as new this once, read from now on
    return response


@jobseeker_required(methods=frozenset({"GET"}))
def portal_notifications(request):
    return _page(request, "notifications/portal.html")


@merchant_required(get=Capability.READ)
def console_notifications(request):
    return _page(request, "notifications/console.html")
