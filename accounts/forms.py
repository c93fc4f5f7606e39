from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import Merchant, User
from .services import merchant_create, merchant_join


class SignupForm(AllauthSignupForm):
    ACCOUNT_TYPES = [
        ("jobseeker", _("I am looking for a job (jobseeker)")),
        ("merchant_new", _("I represent a company and want to register it")),
        ("merchant_join", _("I am joining my company's existing account")),
    ]
    account_type = forms.ChoiceField(label=_("Account type"), choices=ACCOUNT_TYPES, widget=forms.RadioSelect)
    display_name = forms.CharField(label=_("Your name"), max_length=100, required=False)
    organisation_name = forms.CharField(label=_("Organisation name"), max_length=200, required=False)
    industry = forms.ChoiceField(label=_("Industry"), choices=[("", "---")] + list(Merchant.Industry.choices), required=False)
    wants_to_provide = forms.BooleanField(label=_("We want to sell data products"), required=False)
    invite_code = forms.CharField(label=_("Invite code"), max_length=32, required=False)

    # Which account types a field is asked of (the rest are asked of everyone). The sign-up page
    # shows a field only for its types (static/js/signup.js; every field without JavaScript), and
    # `clean` forgets what a jobseeker typed into a company's fields.
    FOR_TYPES = {
        "organisation_name": "merchant_new",
        "industry": "merchant_new",
        "wants_to_provide": "merchant_new",
        "invite_code": "merchant_join",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.account_types = self.FOR_TYPES.get(name, "")
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            else:
                widget.attrs["class"] = "form-select" if isinstance(widget, forms.Select) else "form-control"

    def clean(self):
        data = super().clean()
        kind = data.get("account_type")
        for name, types in self.FOR_TYPES.items():
            if kind not in types.split():  # not asked of this account type: neither kept nor checked
                data[name] = False if name == "wants_to_provide" else ""
                self._errors.pop(name, None)
        if kind == "merchant_new":
            name = (data.get("organisation_name") or "").strip()
            if not name:
                self.add_error("organisation_name", _("Enter your organisation's name."))
            elif Merchant.objects.filter(name__iexact=name).exists():
                self.add_error(
                    "organisation_name",
                    _("An organisation with this name is already registered; ask its owner for an invite code."),
                )
            if not data.get("industry"):
                self.add_error("industry", _("Choose your industry."))
        elif kind == "merchant_join":
            code = (data.get("invite_code") or "").strip()
            if not code or not Merchant.objects.filter(invite_code=code).exists():
                self.add_error("invite_code", _("That invite code is not valid. Ask the organisation's owner for a new one."))
        return data

    @transaction.atomic
    def save(self, request):
        user = super().save(request)
        data = self.cleaned_data
        user.display_name = data.get("display_name", "")
        user.language = getattr(request, "LANGUAGE_CODE", "zh-hans")
        user.kind = User.Kind.JOBSEEKER if data["account_type"] == "jobseeker" else User.Kind.MERCHANT
        user.save(update_fields=["display_name", "language", "kind"])
        if data["account_type"] == "merchant_new":
            merchant_create(
                owner=user,
                name=data["organisation_name"],
                industry=data["industry"],
                is_provider=bool(data.get("wants_to_provide")),
            )
        elif data["account_type"] == "merchant_join":
            merchant_join(user=user, invite_code=data["invite_code"])
        return user


class MerchantProfileForm(forms.Form):
    """The onboarding profile: checked by `merchant_profile_update`, which owns the rules."""

    credit_code = forms.CharField(label=_("Unified social credit code (18 characters)"), max_length=30, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=100, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    registered_address = forms.CharField(label=_("Registered address"), max_length=200, required=False)
    invoice_phone = forms.CharField(label=_("Phone for invoices"), max_length=30, required=False)
    bank_name = forms.CharField(label=_("Bank of deposit"), max_length=100, required=False)
    bank_account = forms.CharField(label=_("Bank account number"), max_length=40, required=False)
    business_licence = forms.FileField(label=_("Business licence (PDF, PNG or JPEG, at most 10 MB)"), required=False)
