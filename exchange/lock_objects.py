"""Every select_for_update in the exchange app."""

from django.db.models import QuerySet

from .models import DataProduct, Order, Subscription


def product_for_update(product_id: int) -> QuerySet[DataProduct]:
    return DataProduct.objects.select_for_update().filter(id=product_id)


def order_for_update(order_id: int) -> QuerySet[Order]:
    return Order.objects.select_for_update().filter(id=order_id)


def subscription_for_update(subscription_id: int) -> QuerySet[Subscription]:
    return Subscription.objects.select_for_update(of=("self",)).filter(id=subscription_id)
