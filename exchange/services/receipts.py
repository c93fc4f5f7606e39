"""The e-mailed receipt of a purchase, in the language of the person who placed it."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ..models import Order, OrderTerms

logger = logging.getLogger(__name__)


def order_receipt_send(*, order_id: int) -> bool:
    """Send the receipt with the invoice link; the order and its invoice page are the record.

    A mail server outage is logged and never turns a paid order into an error.
    """
    order = Order.objects.select_related("version__product__provider", "placed_by", "buyer", "terms__plan").get(pk=order_id)
    person = order.placed_by
    with translation.override(person.language or settings.LANGUAGE_CODE):
        context = {
            "order": order,
            "product": order.version.product,
            "plan": OrderTerms.objects.filter(order=order).values_list("plan", flat=True).first() and order.terms.plan,
            "invoice_url": settings.SITE_URL + reverse("exchange:invoice", args=[order.pk]),
            "purchase_url": settings.SITE_URL + reverse("exchange:purchase", args=[order.pk]),
        }
        subject = _("Receipt for order #%(id)s: %(title)s") % {"id": order.pk, "title": order.version.product.title}
        body = render_to_string("exchange/email/receipt.txt", context)
    try:
        send_mail(subject, body, None, [person.email])
    except (smtplib.SMTPException, OSError):
        logger.warning("receipt mail for order %s not sent", order.pk, exc_info=True)
        return False
    return True
