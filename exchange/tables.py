"""The merchant console's tables: sortable, paginated, exported to CSV with the same columns.

Money renders in the one format (payouts.money); the CSV carries the same amounts as
plain yuan numbers so that a spreadsheet can add them up.
"""

import django_tables2 as tables
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from payouts import money
from payouts.models import TopUp

from .invoices import invoice_for_order, vat_split
from .models import Order


class MoneyFenColumn(tables.Column):
    attrs = {"td": {"class": "money text-nowrap"}, "th": {"class": "text-nowrap"}}

    def render(self, value):
        return money.format_fen(value)

    def value(self, value):
        return money.format_yuan_plain(value)


class OrdersTable(tables.Table):
    """A buyer's purchases."""

    id = tables.Column(verbose_name=_("Order"), linkify=lambda record: reverse("exchange:purchase", args=[record.pk]))
    created_at = tables.DateTimeColumn(verbose_name=_("Date"), format="Y-m-d H:i", attrs={"td": {"class": "text-nowrap"}})
    product = tables.Column(verbose_name=_("Product"), accessor="version__product__title", order_by="version__product__title")
    version = tables.Column(verbose_name=_("Version"), accessor="version__number", order_by="version__number")
    plan = tables.Column(verbose_name=_("Plan"), accessor="terms__plan", orderable=False, default="")
    price_fen = MoneyFenColumn(verbose_name=_("Price (yuan)"))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Order
        fields = ["id", "created_at", "product", "version", "plan", "price_fen", "status"]
        attrs = {"class": "table table-sm align-middle", "id": "orders"}
        order_by = "-created_at"
        empty_text = _("No purchases in this period.")

    def render_id(self, value):
        return f"#{value}"

    def value_id(self, value):
        return value

    def render_version(self, value):
        return f"v{value}"

    def render_plan(self, value):
        return value.get_kind_display() if value else _("One-off purchase")

    def value_plan(self, record, value):
        return str(self.render_plan(value))


class SalesTable(tables.Table):
    """A provider's sales: who bought which version, when, for how much (the buyer is an organisation, never a person)."""

    id = tables.Column(verbose_name=_("Order"))
    created_at = tables.DateTimeColumn(verbose_name=_("Date"), format="Y-m-d H:i", attrs={"td": {"class": "text-nowrap"}})
    product = tables.Column(
        verbose_name=_("Product"),
        accessor="version__product__title",
        order_by="version__product__title",
        linkify=lambda record: reverse("exchange:product_console", args=[record.version.product_id]),
    )
    version = tables.Column(verbose_name=_("Version"), accessor="version__number", order_by="version__number")
    buyer = tables.Column(verbose_name=_("Buyer"), accessor="buyer__name", order_by="buyer__name")
    industry = tables.Column(verbose_name=_("Industry"), accessor="buyer__industry", order_by="buyer__industry")
    price_fen = MoneyFenColumn(verbose_name=_("Price (yuan)"))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Order
        fields = ["id", "created_at", "product", "version", "buyer", "industry", "price_fen", "status"]
        attrs = {"class": "table table-sm align-middle", "id": "sales"}
        order_by = "-created_at"
        empty_text = _("No sales in this period.")

    def render_id(self, value):
        return f"#{value}"

    def value_id(self, value):
        return value

    def render_version(self, value):
        return f"v{value}"

    def render_industry(self, record):
        return record.buyer.get_industry_display()

    def value_industry(self, record):
        return str(record.buyer.get_industry_display())


class TopUpsTable(tables.Table):
    created_at = tables.DateTimeColumn(verbose_name=_("Date"), format="Y-m-d H:i", attrs={"td": {"class": "text-nowrap"}})
    bank_reference = tables.Column(verbose_name=_("Bank transfer reference"))
    amount_fen = MoneyFenColumn(verbose_name=_("Amount (yuan)"))
    status = tables.Column(verbose_name=_("Status"), attrs={"td": {"class": "topup-status"}})

    class Meta:
        model = TopUp
        fields = ["created_at", "bank_reference", "amount_fen", "status"]
        attrs = {"class": "table table-sm align-middle", "id": "topups"}
        order_by = "-created_at"
        empty_text = _("No top-ups yet.")


class InvoicesTable(tables.Table):
    """A buyer's invoice requests, one per order: the numbers as the invoice page and PDF write them."""

    number = tables.Column(
        verbose_name=_("Number"),
        accessor="pk",
        order_by=("created_at", "id"),
        linkify=lambda record: reverse("exchange:invoice", args=[record.pk]),
    )
    created_at = tables.DateTimeColumn(verbose_name=_("Date"), format="Y-m-d", attrs={"td": {"class": "text-nowrap"}})
    item = tables.Column(verbose_name=_("Item"), accessor="version__product__title", order_by="version__product__title")
    net = MoneyFenColumn(verbose_name=_("Amount before tax (yuan)"), accessor="price_fen", orderable=False)
    tax = MoneyFenColumn(verbose_name=_("Tax (yuan)"), accessor="price_fen", orderable=False)
    price_fen = MoneyFenColumn(verbose_name=_("Total including tax (yuan)"))
    status = tables.Column(verbose_name=_("Status"))
    pdf = tables.Column(
        verbose_name="PDF",
        accessor="pk",
        orderable=False,
        exclude_from_export=True,
        linkify=lambda record: reverse("exchange:invoice_pdf", args=[record.pk]),
    )

    class Meta:
        model = Order
        fields = ["number", "created_at", "item", "net", "tax", "price_fen", "status", "pdf"]
        attrs = {"class": "table table-sm align-middle", "id": "invoices"}
        order_by = "-number"
        empty_text = _("No invoices in this period.")

    def render_number(self, record):
        return invoice_for_order(order=record).number

    def value_number(self, record):
        return invoice_for_order(order=record).number

    def render_item(self, record):
        return invoice_for_order(order=record).item

    def value_item(self, record):
        return invoice_for_order(order=record).item

    def render_net(self, value):
        return money.format_fen(vat_split(value)[0])

    def value_net(self, value):
        return money.format_yuan_plain(vat_split(value)[0])

    def render_tax(self, value):
        return money.format_fen(vat_split(value)[1])

    def value_tax(self, value):
        return money.format_yuan_plain(vat_split(value)[1])

    def render_pdf(self):
        return "PDF"
