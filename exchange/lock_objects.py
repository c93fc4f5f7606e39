"""Every select_for_update in the exchange app."""

from django.db.models import QuerySet

from .models import DataProduct, Order


def product_for_update(product_id: int) -> QuerySet[DataProduct]:
    return DataProduct.objects.select_for_update().filter(id=product_id)


def order_for_update(order_id: int) -> QuerySet[Order]:
    return Order.objects.select_for_update().filter(id=order_id)
