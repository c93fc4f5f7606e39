"""Date-range and status filters of the console's tables (django-filter)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from payouts.models import TopUp

from .models import Order

_DATE = forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"})


class _DateRange(django_filters.FilterSet):
    start = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte", label=_("From"), widget=_DATE)
    end = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte", label=_("To"), widget=_DATE)


def _order_status() -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        choices=Order.Status.choices,
        label=_("Status"),
        empty_label=_("Any status"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )


class OrderFilter(_DateRange):
    status = _order_status()
    product = django_filters.CharFilter(
        field_name="version__product__title",
        lookup_expr="icontains",
        label=_("Product"),
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )

    class Meta:
        model = Order
        fields = ["start", "end", "status", "product"]


class ProductSalesFilter(_DateRange):
    """One product's sales on its console page: a date range and a status (the product is given)."""

    status = _order_status()

    class Meta:
        model = Order
        fields = ["start", "end", "status"]


class TopUpFilter(_DateRange):
    class Meta:
        model = TopUp
        fields = ["start", "end"]
