"""The console's webhooks pages: endpoints, their signing secret (shown once), deliveries and replay."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.decorators import merchant_required
from accounts.roles import Capability
from config.errors import ApplicationError

from .models import WebhookDelivery, WebhookEndpoint
from .webhooks import EVENT_TYPES, delivery_replay, endpoint_create, endpoint_disable, endpoint_of, endpoint_test


def _event_choices():
    return [(name, label) for name, label in EVENT_TYPES.items() if name != "webhook.test"]


@merchant_required(get=Capability.READ, post=Capability.MANAGE_KEYS)
def webhooks(request):
    secret = created = None
    form = {"url": "", "events": []}
    if request.method == "POST":
        form = {"url": request.POST.get("url", ""), "events": request.POST.getlist("events")}
        try:
            created, secret = endpoint_create(merchant=request.merchant, url=form["url"], events=form["events"], by=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            form = {"url": "", "events": []}
    endpoints = WebhookEndpoint.objects.filter(merchant=request.merchant).order_by("disabled_at", "-created_at")
    response = render(
        request,
        "exchange/webhooks.html",
        {"endpoints": endpoints, "secret": secret, "created": created, "choices": _event_choices(), "form": form},
        status=400 if request.method == "POST" and secret is None else 200,
    )
    response["Cache-Control"] = "no-store"  # the secret is shown once and must not be cached
    return response


@merchant_required(get=Capability.READ, post=Capability.MANAGE_KEYS)
def webhook_detail(request, endpoint_id: int):
    try:
        endpoint = endpoint_of(merchant=request.merchant, endpoint_id=endpoint_id)
    except ApplicationError as exc:
        raise Http404 from exc
    if request.method == "POST":
        try:
            if "disable" in request.POST:
                endpoint_disable(endpoint=endpoint, by=request.user)
                messages.success(request, _("The endpoint is disabled; nothing more is sent to it."))
            elif "test" in request.POST:
                endpoint_test(endpoint=endpoint, by=request.user)
                messages.success(request, _("A test event was sent; its delivery is listed below."))
            elif "replay" in request.POST:
                delivery = endpoint.deliveries.filter(pk=_int(request.POST["replay"])).first()
                if delivery is None:
                    raise Http404
                delivery_replay(delivery=delivery, by=request.user)
                messages.success(request, _("The event was sent again with the same event ID."))
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect("exchange:webhook", endpoint_id=endpoint.pk)
    deliveries = Paginator(endpoint.deliveries.all(), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "exchange/webhook_detail.html",
        {
            "endpoint": endpoint,
            "deliveries": deliveries,
            "rows": [(d, EVENT_TYPES.get(d.event_type, d.event_type)) for d in deliveries],
            "Status": WebhookDelivery.Status,
        },
    )


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 <= number < 2**62 else None
