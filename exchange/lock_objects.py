"""Every select_for_update in the exchange app.

The order in which locks are taken across the exchange is stated once, at the top
of payouts/lock_objects.py: the buyer's merchant row, Order, Subscription, QueryCredit,
then the ledger.
Querysets that join related rows lock only their own table (`of=("self",)`): a
FOR UPDATE on a joined version, product or merchant would collide with the
key-share locks every new order takes on them.
"""

from django.db.models import QuerySet

from accounts.models import Merchant

from .models import DataProduct, Order, Subscription


def buyer_for_purchase(merchant_id: int) -> QuerySet[Merchant]:
    """Serialises one buyer's purchases, so that two clicks cannot both pass the "already owned" check.

    FOR NO KEY UPDATE: it waits for another purchase of the same buyer, but not for the
    key-share locks that every insert referring to the merchant takes.
    """
    return Merchant.objects.select_for_update(of=("self",), no_key=True).filter(id=merchant_id)


def product_for_update(product_id: int) -> QuerySet[DataProduct]:
    return DataProduct.objects.select_for_update(of=("self",)).filter(id=product_id)


def order_for_update(order_id: int) -> QuerySet[Order]:
    return Order.objects.select_for_update(of=("self",)).filter(id=order_id)


def subscription_for_update(subscription_id: int) -> QuerySet[Subscription]:
    return Subscription.objects.select_for_update(of=("self",)).filter(id=subscription_id)
