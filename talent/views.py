"""Talent pages: the jobseeker's preferences and invitations (/me/talent/…), the employer's talent
console (/merchant/talent/…) and the staff figures. Thin: each parses input and calls one service."""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.forms.utils import ErrorDict
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accounts.decorators import jobseeker_required, merchant_required, staff_required
from accounts.roles import Capability
from config.errors import ApplicationError
from consent.models import Resume
from payouts import money

from . import selectors
from .forms import AbuseReportForm, InvitationForm, SearchForm, TalentPreferencesForm
from .labels import card_display
from .models import Invitation
from .rules import talent_k, talent_rules
from .services import (
    abuse_report,
    disclosure_contact,
    disclosure_withdraw,
    filters_clean,
    invitation_accept,
    invitation_cancel,
    invitation_decline,
    invitation_mark_hired,
    invitation_send,
    talent_join,
    talent_profile_save,
    talent_search,
)
from .services.notices import deletion_notice_acknowledge

FIELD_LABELS = {
    "name": gettext_lazy("full name"),
    "email": gettext_lazy("e-mail address"),
    "phone": gettext_lazy("phone number"),
}


def _language() -> str:
    return get_language() or "zh-hans"


def _fields_text(fields: list[str]) -> str:
    return _(", ").join(str(FIELD_LABELS[name]) for name in fields if name in FIELD_LABELS)


def _form_errors(form, exc: ApplicationError) -> None:
    """The service's field errors on the form; the service, not the form, validates."""
    if getattr(form, "_errors", None) is None:
        form.cleaned_data, form._errors = {}, ErrorDict()
    for name, errors in (exc.fields or {}).items():
        for error in errors:
            form.add_error(name if name in form.fields else None, error)


def _share_micros(invitation: Invitation) -> int:
    return money.split_bps(money.fen_to_micros(invitation.fee_fen), invitation.share_bps)


# --- jobseeker ------------------------------------------------------------------------------------------


def _preferences_data(post) -> dict:
    return {
        "role_categories": post.getlist("role_categories"),
        "provinces": post.getlist("provinces"),
        "remote_ok": post.get("remote_ok"),
        "min_monthly_salary": post.get("min_monthly_salary"),
        "reveal_name": post.get("reveal_name"),
        "reveal_email": post.get("reveal_email"),
        "reveal_phone": post.get("reveal_phone"),
        "weekly_cap": post.get("weekly_cap"),
    }


def _preferences_initial(profile) -> dict:
    if profile is None:
        return {"reveal_name": True, "reveal_email": True, "weekly_cap": 5}
    return {
        "role_categories": profile.role_categories,
        "provinces": profile.provinces,
        "remote_ok": profile.remote_ok,
        "min_monthly_salary": profile.min_monthly_salary,
        "reveal_name": profile.reveal_name,
        "reveal_email": profile.reveal_email,
        "reveal_phone": profile.reveal_phone,
        "weekly_cap": profile.weekly_cap,
    }


@jobseeker_required
def preferences(request):
    """Join the talent pool (its own consent) and say what you are open to and what acceptance reveals."""
    user = request.user
    grant = selectors.talent_grant_active(user=user)
    notice = grant.notice if grant else selectors.talent_notice_current()
    profile = selectors.talent_profile_of(user=user)
    form = TalentPreferencesForm(request.POST if request.method == "POST" else None, initial=_preferences_initial(profile))
    if request.method == "POST":
        data = _preferences_data(request.POST)
        try:
            if grant is not None:
                talent_profile_save(user=user, data=data)
                messages.success(request, _("Your talent preferences are saved."))
            elif notice is None:
                raise ApplicationError(_("The talent pool is not open yet: no notice has been published."))
            elif request.POST.get("agree") != "yes":
                form.add_error(None, _("Tick the box to show you have read and agree to the talent pool notice."))
                raise ApplicationError(_("Tick the box to show you have read and agree to the talent pool notice."))
            else:
                talent_join(user=user, notice=notice, data=data, language=_language())
                messages.success(request, _("You are in the talent pool. Verified employers can now find you anonymously."))
        except ApplicationError as exc:
            _form_errors(form, exc)
            messages.error(request, exc.message)
        else:
            return redirect("talent:preferences")
    confirmed = Resume.objects.filter(owner=user, status=Resume.Status.CONFIRMED).exists()
    return render(
        request,
        "talent/preferences.html",
        {
            "form": form,
            "grant": grant,
            "notice": notice,
            "notice_text": notice.text(_language()) if notice else "",
            "profile": profile,
            "confirmed": confirmed,
            "rules": talent_rules(),
            "share_percent": f"{talent_rules().jobseeker_share_bps / 100:g}",
        },
    )


@jobseeker_required
def invitations(request):
    rows = selectors.invitations_for_candidate(user=request.user)
    return render(
        request, "talent/invitations.html", {"invitations": rows, "grant": selectors.talent_grant_active(user=request.user)}
    )


def _invitation_or_404(request, invitation_id: int) -> Invitation:
    invitation = selectors.invitation_for_candidate(user=request.user, invitation_id=invitation_id)
    if invitation is None:
        raise Http404
    return invitation


@jobseeker_required
def invitation_detail(request, invitation_id: int):
    invitation = _invitation_or_404(request, invitation_id)
    profile = selectors.talent_profile_of(user=request.user)
    fields = profile.revealed_fields if profile else ["email"]
    disclosure = getattr(invitation, "disclosure", None) if invitation.status == Invitation.Status.ACCEPTED else None
    report = getattr(invitation, "abuse_report", None)
    return render(
        request,
        "talent/invitation.html",
        {
            "invitation": invitation,
            "merchant": invitation.merchant,
            "fields_text": _fields_text(disclosure.fields if disclosure else fields),
            "fee": money.format_fen(invitation.fee_fen),
            "my_share": money.format_micros(_share_micros(invitation)),
            "share": selectors.invitation_share(invitation=invitation),
            "disclosure": disclosure,
            "views": disclosure.views.select_related("viewer").all() if disclosure else [],
            "report": report,
            "abuse_form": AbuseReportForm(),
        },
    )


@jobseeker_required(methods=frozenset({"POST"}))
def invitation_accept_view(request, invitation_id: int):
    invitation = _invitation_or_404(request, invitation_id)
    try:
        disclosure = invitation_accept(
            invitation=invitation, by=request.user, agree=request.POST.get("agree") == "yes", language=_language()
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Accepted. %(org)s can now see your %(fields)s; your share of the fee is pending until the refund window ends.")
            % {"org": invitation.merchant.name, "fields": _fields_text(disclosure.fields)},
        )
    return redirect("talent:invitation", invitation_id=invitation.pk)


@jobseeker_required(methods=frozenset({"POST"}))
def invitation_decline_view(request, invitation_id: int):
    invitation = _invitation_or_404(request, invitation_id)
    try:
        invitation_decline(invitation=invitation, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Declined. %(org)s does not learn who you are.") % {"org": invitation.merchant.name})
    return redirect("talent:invitation", invitation_id=invitation.pk)


@jobseeker_required(methods=frozenset({"POST"}))
def invitation_report_view(request, invitation_id: int):
    invitation = _invitation_or_404(request, invitation_id)
    try:
        abuse_report(invitation=invitation, by=request.user, reason=request.POST.get("reason", ""))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you. Exchange staff will look at this invitation."))
    return redirect("talent:invitation", invitation_id=invitation.pk)


@jobseeker_required(methods=frozenset({"POST"}))
def disclosure_withdraw_view(request, invitation_id: int):
    invitation = _invitation_or_404(request, invitation_id)
    disclosure = selectors.disclosure_of_invitation(invitation=invitation)
    if disclosure is None:
        raise Http404
    disclosure_withdraw(disclosure=disclosure, by=request.user)
    messages.success(
        request,
        _("Withdrawn. %(org)s can no longer see your details and has been told to delete them.")
        % {"org": invitation.merchant.name},
    )
    return redirect("talent:invitation", invitation_id=invitation.pk)


@jobseeker_required
def disclosure_views(request):
    page = Paginator(selectors.disclosure_views_for_candidate(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "talent/views_log.html", {"page": page})


# --- employer console -----------------------------------------------------------------------------------


def _search_context(request) -> dict:
    form = SearchForm(request.GET if "search" in request.GET else None)
    context = {"form": form, "result": None, "cards": [], "k": talent_k()}
    if "search" not in request.GET:
        return context
    try:
        filters = filters_clean(form.filters_data())
        result = talent_search(merchant=request.merchant, by=request.user, filters=filters)
    except ApplicationError as exc:
        _form_errors(form, exc)
        messages.error(request, exc.message)
        return context
    context.update(result=result, cards=[card_display(card) for card in result.cards])
    return context


@merchant_required(get=Capability.READ)
def console(request):
    """Search the consented pool; every card can be invited."""
    context = _search_context(request)
    context["rules"] = talent_rules()
    context["fee"] = money.format_fen(context["rules"].fee_fen)
    context["counts"] = {
        "open": selectors.invitations_of_merchant(merchant=request.merchant, status=Invitation.Status.OPEN).count(),
        "accepted": selectors.invitations_of_merchant(merchant=request.merchant, status=Invitation.Status.ACCEPTED).count(),
    }
    context["notices"] = selectors.deletion_notices_unread(merchant=request.merchant)
    return render(request, "talent/console.html", context)


@merchant_required(get=Capability.READ, post=Capability.BUY)
def invite(request):
    """The invitation form for one card's handle; the fee is held in escrow when it is sent."""
    source = request.POST if request.method == "POST" else request.GET
    handle = (source.get("handle") or "").strip()
    form = InvitationForm(request.POST if request.method == "POST" else None, initial={"handle": handle})
    key = request.POST.get("idempotency_key") or uuid.uuid4().hex
    if request.method == "POST":
        try:
            invitation = invitation_send(
                merchant=request.merchant,
                by=request.user,
                handle=handle,
                job_title=request.POST.get("job_title", ""),
                description=request.POST.get("description", ""),
                city=request.POST.get("city", ""),
                remote=request.POST.get("remote") in ("on", "1", "true"),
                salary_min=request.POST.get("salary_min"),
                salary_max=request.POST.get("salary_max"),
                idempotency_key=key,
            )
        except ApplicationError as exc:
            _form_errors(form, exc)
            messages.error(request, exc.message)
            key = uuid.uuid4().hex  # nothing was made: a corrected form is a new invitation
        else:
            messages.success(
                request,
                _("Invitation sent. %(fee)s is held in escrow until the candidate answers.")
                % {"fee": money.format_fen(invitation.fee_fen)},
            )
            return redirect("talent:sent")
    elif not handle:
        messages.info(request, _("Search first, then invite a candidate from their card."))
        return redirect("talent:console")
    return render(
        request,
        "talent/invite.html",
        {"form": form, "handle": handle, "idempotency_key": key, "fee": money.format_fen(talent_rules().fee_fen)},
    )


@merchant_required(get=Capability.READ)
def sent(request):
    status = request.GET.get("status", "")
    if status not in Invitation.Status.values:
        status = ""
    rows = selectors.invitations_of_merchant(merchant=request.merchant, status=status)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "talent/sent.html", {"page": page, "status": status, "statuses": Invitation.Status.choices})


def _merchant_invitation(request) -> Invitation | None:
    invitation = selectors.invitation_of_merchant(merchant=request.merchant, invitation_id=request.POST.get("invitation"))
    if invitation is None:
        messages.error(request, _("There is no such invitation."))
    return invitation


@merchant_required(post=Capability.BUY)
def cancel(request):
    invitation = _merchant_invitation(request)
    if invitation is not None:
        try:
            invitation_cancel(invitation=invitation, merchant=request.merchant, by=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Invitation cancelled; the fee is back in your wallet."))
    return redirect("talent:sent")


@merchant_required(post=Capability.BUY)
def mark_hired(request):
    invitation = _merchant_invitation(request)
    if invitation is not None:
        try:
            invitation_mark_hired(invitation=invitation, merchant=request.merchant, by=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Marked as hired. Thank you: this only counts for the exchange's statistics."))
    return redirect("talent:contacts" if request.POST.get("next") == "contacts" else "talent:sent")


def _contacts_page(request, revealed: dict | None = None, revealed_id: int | None = None):
    disclosures = selectors.disclosures_of_merchant(merchant=request.merchant)
    return render(
        request,
        "talent/contacts.html",
        {
            "disclosures": disclosures,
            "revealed": revealed,
            "revealed_id": revealed_id,
            "field_labels": FIELD_LABELS,
            "notices": selectors.deletion_notices_unread(merchant=request.merchant),
        },
    )


@merchant_required(get=Capability.READ, post=Capability.READ)
def contacts(request):
    """Accepted invitations. A contact is shown on request, to members only, and every showing is logged."""
    if request.method != "POST":
        return _contacts_page(request)
    if request.POST.get("action") == "deleted":
        if deletion_notice_acknowledge(merchant=request.merchant, disclosure_id=request.POST.get("disclosure"), by=request.user):
            messages.success(request, _("Recorded: your organisation has deleted these details."))
        return redirect("talent:contacts")
    disclosure = selectors.disclosure_of_merchant(merchant=request.merchant, disclosure_id=request.POST.get("disclosure"))
    if disclosure is None:
        messages.error(request, _("There is no such contact."))
        return redirect("talent:contacts")
    try:
        values = disclosure_contact(disclosure=disclosure, viewer=request.user)
    except ApplicationError:
        messages.error(request, _("The candidate withdrew consent: these details are no longer available. Delete any copy."))
        return redirect("talent:contacts")
    revealed = [(str(FIELD_LABELS[name]), values[name]) for name in disclosure.fields if name in values]
    return _contacts_page(request, revealed=revealed, revealed_id=disclosure.pk)


# --- staff ----------------------------------------------------------------------------------------------


@staff_required
def statistics(request):
    figures = selectors.talent_statistics()
    rate = figures.acceptance_rate
    return render(
        request,
        "talent/statistics.html",
        {
            "figures": figures,
            "rate": f"{rate * 100:.1f}%" if rate is not None else "—",
            "fees": money.format_micros(figures.fees_micros),
            "shares": money.format_micros(figures.share_micros),
            "revenue": money.format_micros(figures.revenue_micros),
            "rules": talent_rules(),
        },
    )
