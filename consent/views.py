"""The jobseeker portal's pages, and the public receipt verification page. Thin: each calls services."""

import base64
import json

from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import jobseeker_required, public
from accounts.models import Merchant
from config.errors import ApplicationError
from payouts.models import JournalEntry
from payouts.money import format_micros
from payouts.selectors import earnings_for_user, sale_lines_for_user

from .forms import DeleteAccountForm, ResumeForm, UploadForm, VerifyReceiptForm, WorkHistoryFormSet
from .keys import receipt_public_key
from .models import ConsentGrant, ConsentNotice, ConsentReceipt, ResumeUpload
from .parsing import LOW_CONFIDENCE, field_confidence, flat_fields, skill_labels
from .receipts import ReceiptInvalid, key_id, public_key_pem, public_key_raw, receipt_verify
from .refusals import refusal_message
from .selectors import (
    employer_blocks_for_user,
    grants_active_for_user,
    merchants_blockable,
    notices_published_latest,
    receipts_for_user,
    resume_for_user,
    upload_latest,
)
from .services import (
    account_delete,
    consent_grant,
    consent_withdraw,
    data_export,
    employer_block_add,
    employer_block_remove,
    resume_confirm,
    resume_save,
    upload_accept,
)

INDUSTRY_LABELS = dict(Merchant.Industry.choices)


def _sale_lines(user) -> list[dict]:
    return [
        {
            "product": line.entry.memo.get("product", ""),
            "buyer": line.entry.memo.get("buyer", ""),
            # The memo keeps the language-neutral code; the person reads the label in her language.
            "industry": INDUSTRY_LABELS.get(line.entry.memo.get("buyer_industry", ""), line.entry.memo.get("buyer_industry", "")),
            "date": line.entry.created_at,
            "share": format_micros(line.amount),
            "source": "invitation" if line.entry.kind == JournalEntry.Kind.ESCROW_SETTLE else "sale",
        }
        for line in sale_lines_for_user(user=user)
    ]


@jobseeker_required
def dashboard(request):
    earnings = earnings_for_user(user=request.user)
    sales = _sale_lines(request.user)
    return render(
        request,
        "consent/dashboard.html",
        {
            "resume": resume_for_user(user=request.user),
            "upload": upload_latest(user=request.user),
            "grants": grants_active_for_user(user=request.user),
            "sales": sales,
            "products": sorted({sale["product"] for sale in sales if sale["product"] and sale["source"] == "sale"}),
            "pending": format_micros(earnings.pending),
            "available": format_micros(earnings.available),
        },
    )


def _work_initial(resume, parsed: dict | None) -> list[dict]:
    if parsed is not None:
        entries = parsed.get("work") or []
    else:
        entries = (resume.work_history if resume else None) or []
    return [{key: entry.get(key) or "" for key in ("name", "position", "startDate", "endDate")} for entry in entries]


@jobseeker_required
def resume_edit(request):
    """Fill in or correct the resume; after an upload, the parsed fields pre-fill the form."""
    resume = resume_for_user(user=request.user)
    upload = upload_latest(user=request.user)
    parsed = (
        upload.parsed if upload and upload.status == ResumeUpload.Status.PARSED and request.GET.get("from") == "upload" else None
    )
    language = get_language() or "zh-hans"
    initial = None
    check_first: list[str] = []
    if parsed is not None:
        initial = {key: value for key, value in flat_fields(parsed).items() if value not in (None, "") and key != "work_history"}
        initial["skills"] = ", ".join(skill_labels(initial.get("skills", []), language))
        initial["other_skills"] = ", ".join(initial.get("other_skills", []))
        confidence = field_confidence(parsed)
        # Missing and doubtful fields first, the least sure at the top: the person checks those before the rest.
        check_first = sorted((key for key, value in confidence.items() if value < LOW_CONFIDENCE), key=confidence.get)
    form = ResumeForm(request.POST or None, instance=resume, initial=initial)
    if parsed is not None:
        for key, value in (initial or {}).items():  # the parsed proposal replaces what was saved before
            form.initial[key] = value
    elif resume is not None and not request.POST:
        form.initial["skills"] = ", ".join(skill_labels(resume.skills or [], language))
    work = WorkHistoryFormSet(request.POST or None, prefix="work", initial=_work_initial(resume, parsed))
    if request.method == "POST" and form.is_valid() and work.is_valid():
        data = dict(form.cleaned_data)
        data["work_history"] = [entry for entry in work.cleaned_data if entry and (entry.get("name") or entry.get("position"))]
        try:
            resume_save(user=request.user, data=data)
        except ApplicationError as exc:
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            if not exc.fields:
                form.add_error(None, exc.message)
        else:
            messages.info(request, _("Check every field, then confirm your resume. Nothing is used before you confirm."))
            return redirect("consent:resume_review")
    fields = list(form)
    flagged = [field for field in fields if field.name in check_first]
    flagged.sort(key=lambda field: check_first.index(field.name))
    return render(
        request,
        "consent/resume_form.html",
        {
            "form": form,
            "work": work,
            "from_upload": parsed is not None,
            "flagged": flagged,
            "unflagged": [field for field in fields if field.name not in check_first],
            "missing": {key for key in check_first if parsed and field_confidence(parsed)[key] == 0},
        },
    )


@require_http_methods(["GET", "POST"])
@jobseeker_required
def resume_upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _("Choose a file to upload."))
        elif form.cleaned_data["file"].size > 5 * 1024 * 1024:  # refuse before reading it into memory
            messages.error(request, refusal_message("too_large"))
        else:
            uploaded = form.cleaned_data["file"]
            try:
                upload = upload_accept(user=request.user, data=uploaded.read(), filename=uploaded.name)
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                return redirect("consent:upload_status", upload_id=upload.pk)
        form = UploadForm()
    return render(request, "consent/resume_upload.html", {"form": form})


def _upload_context(upload: ResumeUpload) -> dict:
    return {"upload": upload, "refusal": refusal_message(upload.error_code) if upload.error_code else ""}


@jobseeker_required
def upload_status(request, upload_id: int):
    """The parse's progress; htmx polls the partial until the task is done."""
    upload = get_object_or_404(ResumeUpload, pk=upload_id, owner=request.user)
    template = "consent/_upload_progress.html" if request.htmx else "consent/upload_status.html"
    return render(request, template, _upload_context(upload))


@jobseeker_required
def resume_review(request):
    resume = resume_for_user(user=request.user)
    if resume is None:
        raise Http404
    if request.method == "POST":
        resume_confirm(resume=resume)
        messages.success(request, _("Your resume is confirmed."))
        return redirect("consent:consents")
    language = get_language() or "zh-hans"
    form = ResumeForm(instance=resume)
    doubtful = _doubtful_fields(resume, upload_latest(user=request.user))
    rows = []
    for field in form:
        if field.name in ("skills", "other_skills"):
            names = skill_labels(resume.skills or [], language) if field.name == "skills" else resume.other_skills or []
            value = ("、" if language.startswith("zh") else ", ").join(names)
        elif getattr(form.fields[field.name], "choices", None) and hasattr(resume, f"get_{field.name}_display"):
            value = getattr(resume, f"get_{field.name}_display")()  # the label in the reader's language, never the code
        else:
            value = getattr(resume, field.name)
        empty = value in (None, "", [])
        # Other skills are the person's to add or not: an empty box is no gap in the resume.
        flag = "missing" if empty and field.name != "other_skills" else "check" if field.name in doubtful else ""
        rows.append({"field": field.name, "label": field.label, "value": value, "flag": flag})
    # What the file did not say comes first, then what the parser was unsure of, then the rest.
    rows.sort(key=lambda row: {"missing": 0, "check": 1}.get(row["flag"], 2))
    return render(request, "consent/resume_review.html", {"resume": resume, "rows": rows, "work": resume.work_history or []})


def _doubtful_fields(resume, upload) -> set[str]:
    """Fields still holding a value the parser proposed with low confidence (a field the person
    changed since is theirs, no longer in doubt). Only for a draft read from an upload."""
    if upload is None or upload.status != ResumeUpload.Status.PARSED or not upload.parsed or resume.status != "draft":
        return set()
    proposed = flat_fields(upload.parsed)
    confidence = field_confidence(upload.parsed)
    return {
        key
        for key, value in confidence.items()
        if value < LOW_CONFIDENCE and key in proposed and getattr(resume, key, None) == proposed[key]
    }


@jobseeker_required
def consents(request):
    active = {(g.provider_id, g.purpose): g for g in grants_active_for_user(user=request.user)}
    language = get_language() or "zh-hans"
    items = [
        {"notice": notice, "grant": active.get((notice.provider_id, notice.purpose)), "text": notice.text(language)}
        for notice in notices_published_latest()
    ]
    return render(request, "consent/consents.html", {"items": items})


@jobseeker_required
def notice_detail(request, notice_id: int):
    notice = get_object_or_404(ConsentNotice.objects.select_related("provider"), pk=notice_id, published_at__isnull=False)
    language = get_language() or "zh-hans"
    return render(
        request, "consent/notice.html", {"notice": notice, "details": notice.details(language), "text": notice.text(language)}
    )


@jobseeker_required(methods=frozenset({"POST"}))
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


@jobseeker_required(methods=frozenset({"POST"}))
def consent_withdraw_view(request, grant_id: int):
    grant = get_object_or_404(ConsentGrant, pk=grant_id, user=request.user)
    consent_withdraw(grant=grant, by=request.user)
    messages.success(request, _("Consent withdrawn. You are excluded from every new build from now on."))
    return redirect("consent:consents")


@jobseeker_required
def receipts(request):
    return render(request, "consent/receipts.html", {"receipts": receipts_for_user(user=request.user)})


@jobseeker_required
def receipt_download(request, receipt_id):
    receipt = get_object_or_404(ConsentReceipt, receipt_id=receipt_id, user=request.user)
    response = HttpResponse(receipt.document.encode("utf-8"), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="consent-receipt-{receipt.receipt_id}.json"'
    return response


@require_http_methods(["GET", "POST"])
@jobseeker_required
def blocklist(request):
    if request.method == "POST":
        merchant = get_object_or_404(Merchant, pk=request.POST.get("merchant"))
        if request.POST.get("action") == "remove":
            employer_block_remove(user=request.user, merchant=merchant)
            messages.success(request, _("%(name)s is no longer blocked.") % {"name": merchant.name})
        else:
            employer_block_add(user=request.user, merchant=merchant)
            messages.success(request, _("%(name)s will never receive your data.") % {"name": merchant.name})
        return redirect("consent:blocklist")
    search = request.GET.get("q", "")
    blocks = employer_blocks_for_user(user=request.user)
    blocked = {block.merchant_id for block in blocks}
    candidates = [merchant for merchant in merchants_blockable(search=search) if merchant.pk not in blocked] if search else []
    template = "consent/_blocklist_results.html" if request.htmx else "consent/blocklist.html"
    return render(request, template, {"blocks": blocks, "candidates": candidates, "search": search})


@jobseeker_required
def rights(request):
    return render(request, "consent/rights.html", {"delete_form": DeleteAccountForm()})


@jobseeker_required
def data_download(request):
    export = data_export(user=request.user)
    response = JsonResponse(export, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@jobseeker_required(methods=frozenset({"POST"}))
def account_delete_view(request):
    form = DeleteAccountForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm that you want to delete your account."))
        return redirect("consent:rights")
    try:
        receipt = account_delete(user=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("consent:rights")
    logout(request)
    return render(request, "consent/deleted.html", {"receipt": receipt, "document": receipt.document})


# Public: anyone can verify a receipt and fetch the key to verify it offline.


@public(methods=frozenset({"GET", "POST"}))
def receipt_verify_page(request):
    form = VerifyReceiptForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        document = upload.read(1024 * 1024) if upload else form.cleaned_data["receipt"].strip().encode("utf-8")
        try:
            receipt = receipt_verify(document, receipt_public_key())
        except ReceiptInvalid as exc:
            result = {"valid": False, "reason": exc.code}
        else:
            result = {"valid": True, "receipt": receipt, "pretty": json.dumps(receipt, ensure_ascii=False, indent=2)}
    return render(request, "consent/verify.html", {"form": form, "result": result, "key_id": key_id(receipt_public_key())})


@public
def public_key(request):
    key = receipt_public_key()
    if request.GET.get("format") == "pem":
        return HttpResponse(public_key_pem(key), content_type="application/x-pem-file")
    return JsonResponse(
        {
            "alg": "Ed25519",
            "kid": key_id(key),
            "public_key_b64": base64.b64encode(public_key_raw(key)).decode(),
            "pem": public_key_pem(key),
        }
    )
