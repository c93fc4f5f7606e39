"""The earnings page's table of sales that paid the owner and a month's statement lines: sortable, paginated, CSV."""

import django_tables2 as tables
from django import forms
from django.utils.translation import gettext_lazy as _

from . import money

_DATE = forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"})

STATES = {"pending": _("Pending"), "available": _("Available"), "refunded": _("Refunded")}


class DateRangeForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=_DATE)
    end = forms.DateField(label=_("To"), required=False, widget=_DATE)


class EarningLinesTable(tables.Table):
    date = tables.DateTimeColumn(verbose_name=_("Date"), format="Y-m-d H:i", attrs={"td": {"class": "text-nowrap"}})
    product = tables.Column(verbose_name=_("Product"))
    buyer = tables.Column(verbose_name=_("Buyer"))
    industry = tables.Column(verbose_name=_("Buyer's industry"))
    state = tables.Column(verbose_name=_("State"), attrs={"td": {"class": "sale-state"}})
    share = tables.Column(
        verbose_name=_("My share"), attrs={"td": {"class": "text-end share money"}, "th": {"class": "text-end text-nowrap"}}
    )

    class Meta:
        attrs = {"class": "table table-sm align-middle", "id": "sales"}
        row_attrs = {"class": lambda record: "sale-line invitation-line" if record["source"] == "invitation" else "sale-line"}
        order_by = "-date"
        empty_text = _("No sale has paid you yet.")

    def render_product(self, record, value):
        if record["source"] == "invitation":
            return f"{_('Invitation accepted:')} {value}"
        return value

    def value_product(self, record, value):
        return str(self.render_product(record, value))

    def render_state(self, value):
        return STATES.get(value, value)

    def value_state(self, value):
        return str(STATES.get(value, value))

    def render_share(self, value):
        return money.format_micros(value)

    def value_share(self, value):
        return money.format_micros_plain(value)


class StatementLinesTable(tables.Table):
    """What moved the balance in one month (a statement's lines), the amounts signed."""

    date = tables.DateTimeColumn(verbose_name=_("Date"), format="Y-m-d H:i", attrs={"td": {"class": "text-nowrap"}})
    kind = tables.Column(verbose_name=_("Entry"))
    reference = tables.Column(verbose_name=_("Reference"))
    product = tables.Column(verbose_name=_("Product"))
    buyer = tables.Column(verbose_name=_("Buyer"))
    amount = tables.Column(
        verbose_name=_("Amount"), attrs={"td": {"class": "text-end share money"}, "th": {"class": "text-end text-nowrap"}}
    )

    class Meta:
        attrs = {"class": "table table-sm align-middle", "id": "statement-lines"}
        order_by = "date"
        empty_text = _("Nothing moved this month.")

    def render_kind(self, value):
        return str(value)

    def value_kind(self, value):
        return str(value)

    def render_amount(self, value):
        return money.format_micros(value)

    def value_amount(self, value):
        return money.format_micros_plain(value)
