"""Jobseeker portal pages. Thin: each calls one service or selector."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import jobseeker_required
from accounts.models import Merchant
from config.errors import ApplicationError
from payouts.money import format_micros
from payouts.selectors import earnings_for_user, sale_lines_for_user

from .forms import ResumeForm
from .models import ConsentGrant, ConsentNotice, Resume
from .selectors import grants_active_for_user, notices_published_latest
from .services import consent_grant, consent_withdraw, resume_confirm, resume_save

INDUSTRY_LABELS = dict(Merchant.Industry.choices)


@jobseeker_required
def dashboard(request):
    resume = Resume.objects.filter(owner=request.user).first()
    earnings = earnings_for_user(user=request.user)
    lines = [
        {
            "product": line.entry.memo.get("product", ""),
            "buyer": line.entry.memo.get("buyer", ""),
            # The memo keeps the language-neutral code; the person reads the label in her language.
            "industry": INDUSTRY_LABELS.get(line.entry.memo.get("buyer_industry", ""), line.entry.memo.get("buyer_industry", "")),
            "date": line.entry.created_at,
            "share": format_micros(line.amount),
        }
        for line in sale_lines_for_user(user=request.user)
    ]
    return render(
        request,
        "consent/dashboard.html",
        {
            "resume": resume,
            "grants": grants_active_for_user(user=request.user),
            "sales": lines,
            "pending": format_micros(earnings.pending),
            "available": format_micros(earnings.available),
        },
    )


@jobseeker_required
def resume_edit(request):
    resume = Resume.objects.filter(owner=request.user).first()
    form = ResumeForm(request.POST or None, instance=resume)
    if request.method == "POST" and form.is_valid():
        try:
            resume_save(user=request.user, data=form.cleaned_data)
        except ApplicationError as exc:
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            if not exc.fields:
                form.add_error(None, exc.message)
        else:
            messages.info(request, _("Check every field, then confirm your resume. Nothing is used before you confirm."))
            return redirect("consent:resume_review")
    return render(request, "consent/resume_form.html", {"form": form})


@jobseeker_required
def resume_review(request):
    resume = get_object_or_404(Resume, owner=request.user)
    if request.method == "POST":
        resume_confirm(resume=resume)
        messages.success(request, _("Your resume is confirmed."))
        return redirect("consent:consents")
    form = ResumeForm(instance=resume)
    return render(request, "consent/resume_review.html", {"resume": resume, "form": form})


@jobseeker_required
def consents(request):
    active = {(g.provider_id, g.purpose): g for g in grants_active_for_user(user=request.user)}
    language = get_language() or "zh-hans"
    items = [
        {"notice": notice, "grant": active.get((notice.provider_id, notice.purpose)), "text": notice.text(language)}
        for notice in notices_published_latest()
    ]
    return render(request, "consent/consents.html", {"items": items})


@require_POST
@jobseeker_required
def consent_grant_view(request, notice_id: int):
    notice = get_object_or_404(ConsentNotice, pk=notice_id, published_at__isnull=False)
    if request.POST.get("agree") != "yes":
        messages.error(request, _("Tick the box to show you have read and agree to this notice."))
        return redirect("consent:consents")
    try:
        consent_grant(user=request.user, notice=notice, language=get_language() or "zh-hans")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Consent given: %(purpose)s") % {"purpose": notice.get_purpose_display()})
    return redirect("consent:consents")


@require_POST
@jobseeker_required
def consent_withdraw_view(request, grant_id: int):
    grant = get_object_or_404(ConsentGrant, pk=grant_id, user=request.user)
    consent_withdraw(grant=grant, by=request.user)
    messages.success(request, _("Consent withdrawn. You are excluded from every new build from now on."))
    return redirect("consent:consents")
