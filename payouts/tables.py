"""The earnings page's tables (sales that paid the owner, withdrawals) and a month's statement lines:
sortable, paginated, CSV."""

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


class WithdrawalsTable(tables.Table):
    """The owner's withdrawals. Shares the earnings page with the sales table, so its sort and page
    parameters carry the prefix `w-` (as does its date range, see `DateRangeForm(prefix="w")`)."""

    created_at = tables.DateTimeColumn(verbose_name=_("Date"), format="Y-m-d H:i", attrs={"td": {"class": "text-nowrap"}})
    payout_account = tables.Column(verbose_name=_("Pay to"), order_by=("payout_account__kind", "payout_account__masked"))
    amount_fen = tables.Column(
        verbose_name=_("Amount"), attrs={"td": {"class": "text-end money"}, "th": {"class": "text-end text-nowrap"}}
    )
    status = tables.Column(verbose_name=_("Status"), attrs={"td": {"class": "withdrawal-status"}})

    class Meta:
        attrs = {"class": "table table-sm align-middle", "id": "withdrawals"}
        row_attrs = {"class": "withdrawal-line"}
        order_by = "-created_at"
        empty_text = _("No withdrawals yet.")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "w-")
        super().__init__(*args, **kwargs)

    def render_payout_account(self, value):
        return str(value)  # its kind and the masked number, never more than the last four characters

    def value_payout_account(self, value):
        return str(value)

    def render_amount_fen(self, value):
        return money.format_fen(value)

    def value_amount_fen(self, value):
        return money.format_yuan_plain(value)

    def render_status(self, record):
        return record.get_status_display()

    def value_status(self, record):
        return str(record.get_status_display())


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
