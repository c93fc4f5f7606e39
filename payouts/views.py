"""Earnings pages, withdrawals and statements for jobseekers and providers; the finance report for staff.

Thin: each view resolves the owner (the signed-in jobseeker, or the member's
organisation) and calls one selector or service.
"""

from datetime import datetime, time, timedelta
from functools import partial, wraps

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from accounts.decorators import jobseeker_required, merchant_required, staff_required
from accounts.roles import Access, Capability
from config import charts
from config.errors import ApplicationError
from exchange.exports import csv_rows_response, table_csv_response

from . import money
from .forms import PayoutAccountForm, WithdrawalForm
from .models import PayoutAccount
from .selectors import (
    earned_by_source,
    earning_lines,
    earnings_for_merchant,
    earnings_for_user,
    earnings_series,
    finance_report,
    in_payout_fen,
    paid_out_fen,
    statement_for,
    withdrawals_for,
)
from .services import payout_account_add, withdrawal_minimum_fen, withdrawal_request
from .statements import statement_pdf
from .tables import DateRangeForm, EarningLinesTable, StatementLinesTable, WithdrawalsTable

SIDES = ("me", "merchant")


def _owner_view(*, get: Capability | None = None, post: Capability | None = None):
    """Resolve the owner of the earnings: `me` is the jobseeker, `merchant` the member's organisation
    (whose members need the capability stated per method, see accounts/roles.py)."""
    return partial(_owner_view_of, get=get, post=post)


def _owner_view_of(view, *, get: Capability | None, post: Capability | None):

    def for_me(request, *args, **kwargs):
        request.owner = {"user": request.user}
        request.side = "me"
        return view(request, *args, **kwargs)

    def for_merchant(request, *args, **kwargs):
        request.owner = {"merchant": request.merchant}
        request.side = "merchant"
        return view(request, *args, **kwargs)

    me = jobseeker_required(
        wraps(view)(for_me), methods=frozenset(method for method, cap in (("GET", get), ("POST", post)) if cap)
    )
    merchant = merchant_required(wraps(view)(for_merchant), get=get, post=post)

    @wraps(view)
    def dispatch(request, side, *args, **kwargs):
        if side == "me":
            return me(request, *args, **kwargs)
        if side == "merchant":
            return merchant(request, *args, **kwargs)
        raise Http404

    dispatch.access = Access(jobseeker=me.access.jobseeker, merchant=merchant.access.merchant)
    return dispatch


def _holder(request) -> str:
    if request.side == "me":
        return request.user.display_name or request.user.email
    return request.merchant.name


def _period(form: DateRangeForm) -> tuple[datetime | None, datetime | None]:
    """The chosen days as [since, until) in the local zone; an end day counts whole. None where left open."""
    if not form.is_valid():
        return None, None
    zone = timezone.get_current_timezone()
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    since = datetime.combine(start, time.min, tzinfo=zone) if start else None
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone) if end else None
    return since, until


def _export_query(request, *, page: str, export: str) -> str:
    query = request.GET.copy()
    query.pop(page, None)
    query["export"] = export
    return query.urlencode()


@_owner_view(get=Capability.READ)
def earnings(request):
    owner = request.owner
    balances = earnings_for_user(**owner) if request.side == "me" else earnings_for_merchant(**owner)
    accounts = PayoutAccount.objects.filter(is_active=True, **owner).order_by("id")
    now = timezone.localdate()
    period = DateRangeForm(request.GET or None)
    since, until = _period(period)
    table = EarningLinesTable(earning_lines(**owner, since=since, until=until, limit=None))
    withdrawal_period = DateRangeForm(request.GET or None, prefix="w")
    withdrawal_since, withdrawal_until = _period(withdrawal_period)
    withdrawals = WithdrawalsTable(withdrawals_for(**owner, since=withdrawal_since, until=withdrawal_until))
    export = request.GET.get("export")
    if export in ("csv", "withdrawals-csv"):  # every row of the chosen period, sorted as on screen
        table, filename = (table, "earnings") if export == "csv" else (withdrawals, "withdrawals")
        RequestConfig(request, paginate=False).configure(table)
        return table_csv_response(table, filename=filename)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    RequestConfig(request, paginate={"per_page": 20}).configure(withdrawals)
    return render(
        request,
        "payouts/earnings.html",
        {
            "side": request.side,
            "holder": _holder(request),
            "pending": money.format_micros(balances.pending),
            "available": money.format_micros(balances.available),
            "owed": money.format_micros(balances.owed) if balances.owed else "",
            "in_payout": money.format_fen(in_payout_fen(**owner)),
            "paid": money.format_fen(paid_out_fen(**owner)),
            "by_source": (
                {source: money.format_micros(amount) for source, amount in earned_by_source(**owner).items()}
                if request.side == "me"
                else None
            ),
            "table": table,
            "period": period,
            "export_query": _export_query(request, page=table.prefixed_page_field, export="csv"),
            "accounts": accounts,
            "withdrawals": withdrawals,
            "withdrawal_period": withdrawal_period,
            "withdrawals_export_query": _export_query(request, page=withdrawals.prefixed_page_field, export="withdrawals-csv"),
            "account_form": PayoutAccountForm(),
            # A refused withdrawal comes back with what was typed (see `withdraw`).
            "withdraw_form": WithdrawalForm(initial=request.session.pop("withdraw_input", None), accounts=accounts),
            "minimum": money.format_fen(withdrawal_minimum_fen()),
            "this_month": (now.year, now.month),
        },
    )


@_owner_view(get=Capability.READ)
def earnings_chart(request):
    """Cumulative earnings by day as an SVG image (see config/charts.py)."""
    svg = charts.cumulative_chart(
        earnings_series(**request.owner),
        size=charts.chart_size(request.GET.get("size")),
        y_title=_("Earnings (¥)"),
        value_format=money.format_micros,
        title=_("My earnings over time"),
    )
    return charts.chart_response(svg)


@require_POST
@_owner_view(post=Capability.MANAGE_PAYOUTS)
def payout_account_create(request):
    form = PayoutAccountForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the payout account details."))
        return redirect("payouts:earnings", side=request.side)
    try:
        payout_account_add(**request.owner, **form.cleaned_data)
    except ApplicationError as exc:
        for errors in exc.fields.values():
            for error in errors:
                messages.error(request, error)
        if not exc.fields:
            messages.error(request, exc.message)
    else:
        messages.success(request, _("Payout account saved."))
    return redirect("payouts:earnings", side=request.side)


@require_POST
@_owner_view(post=Capability.MANAGE_PAYOUTS)
def withdraw(request):
    accounts = PayoutAccount.objects.filter(is_active=True, **request.owner)
    form = WithdrawalForm(request.POST, accounts=accounts)
    # Kept for the form when the withdrawal is refused, so that the amount need not be typed again.
    typed = {key: request.POST.get(key, "")[:40] for key in ("amount", "payout_account")}
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        request.session["withdraw_input"] = typed
        return redirect("payouts:earnings", side=request.side)
    try:
        withdrawal = withdrawal_request(
            **request.owner,
            payout_account=form.cleaned_data["payout_account"],
            amount_fen=form.cleaned_data["amount"],
            by=request.user,
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        request.session["withdraw_input"] = typed
    else:
        messages.success(
            request,
            _("Withdrawal of %(amount)s requested; it goes to the bank with the next daily payout batch.")
            % {"amount": money.format_fen(withdrawal.amount_fen)},
        )
    return redirect("payouts:earnings", side=request.side)


def _statement(request, year: int, month: int):
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    return statement_for(**request.owner, year=year, month=month)


@_owner_view(get=Capability.READ)
def statement(request, year: str, month: str):
    data = _statement(request, int(year), int(month))
    table = StatementLinesTable(data.lines)
    if request.GET.get("export") == "csv":  # every line of the month, sorted as on screen
        RequestConfig(request, paginate=False).configure(table)
        return table_csv_response(table, filename=f"statement-{year}-{month}")
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    fmt = money.format_micros
    return render(
        request,
        "payouts/statement.html",
        {
            "side": request.side,
            "holder": _holder(request),
            "statement": data,
            "table": table,
            "export_query": _export_query(request, page=table.prefixed_page_field, export="csv"),
            "summary": [
                (_("Opening balance"), fmt(data.opening)),
                (_("Earned from sales"), fmt(data.earned)),
                (_("Refunded"), fmt(data.refunded)),
                (_("Withdrawn"), fmt(data.withdrawn)),
                (_("Returned from failed payouts"), fmt(data.returned)),
                (_("Adjustments"), fmt(data.adjusted)),
                (_("Closing balance"), fmt(data.closing)),
                *([(_("Owed to the exchange (repaid from your next earnings)"), fmt(data.owed))] if data.owed else []),
            ],
        },
    )


@_owner_view(get=Capability.READ)
def statement_download(request, year: str, month: str):
    data = _statement(request, int(year), int(month))
    response = HttpResponse(statement_pdf(data, holder=_holder(request)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="statement-{year}-{month}.pdf"'
    return response


@staff_required
def finance(request):
    report = finance_report()
    fmt = money.format_micros
    amounts = [
        report.commission_earned,
        report.refunds_borne,
        report.revenue,
        report.pool_paid,
        report.subjects_owed,
        report.providers_owed,
        report.in_payout,
        report.wallets,
        report.awaiting_settlement,
        report.invitation_revenue,
        report.invitation_paid,
        report.escrow,
        report.cash,
    ]
    plain_rows = [money.format_micros_plain(value) for value in amounts] + [money.format_yuan_plain(report.paid_out)]
    rows = [
        (_("Commission earned on sales"), fmt(report.commission_earned)),
        (_("Refunds borne by the exchange"), fmt(report.refunds_borne)),
        (_("Exchange revenue (net)"), fmt(report.revenue)),
        (_("Pool paid to jobseekers"), fmt(report.pool_paid)),
        (_("Owed to jobseekers (pending and available)"), fmt(report.subjects_owed)),
        (_("Owed to providers (pending and available)"), fmt(report.providers_owed)),
        (_("Reserved for payouts at the bank"), fmt(report.in_payout)),
        (_("Prepaid in buyers' wallets"), fmt(report.wallets)),
        (_("Paid, awaiting settlement"), fmt(report.awaiting_settlement)),
        (_("Invitation fees earned by the exchange"), fmt(report.invitation_revenue)),
        (_("Invitation fees paid to jobseekers"), fmt(report.invitation_paid)),
        (_("Invitation fees in escrow"), fmt(report.escrow)),
        (_("Cash held"), fmt(report.cash)),
        (_("Paid out by the bank"), money.format_fen(report.paid_out)),
    ]
    if request.GET.get("export") == "csv":
        return csv_rows_response(
            [
                (_("Figure"), _("Amount (yuan)")),
                *((label, plain) for (label, _shown), plain in zip(rows, plain_rows, strict=True)),
            ],
            filename="finance-report",
        )
    counts = report.invitations
    rate = counts.acceptance_rate
    invitation_rows = [
        (_("Invitations sent (fee paid into escrow)"), counts.held),
        (_("Accepted (fee settled)"), counts.settled),
        (_("Declined or expired (fee returned)"), counts.returned_unanswered),
        (_("Cancelled (fee returned)"), counts.returned_cancelled),
        (_("Waiting for an answer"), counts.waiting),
        (_("Acceptance rate (of those answered or expired)"), f"{rate * 100:.1f}%" if rate is not None else "—"),
    ]
    return render(request, "payouts/finance.html", {"rows": rows, "report": report, "invitation_rows": invitation_rows})
