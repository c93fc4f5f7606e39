from django import forms
from django.utils.translation import gettext_lazy as _

from .fields import YuanField
from .models import PayoutAccount


class PayoutAccountForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PayoutAccount.Kind.choices)
    holder_name = forms.CharField(label=_("Account holder"), max_length=100)
    number = forms.CharField(label=_("Card number or Alipay account"), max_length=100)
    bank_name = forms.CharField(label=_("Bank (for a bank card)"), max_length=100, required=False)


class WithdrawalForm(forms.Form):
    payout_account = forms.ModelChoiceField(label=_("Pay to"), queryset=PayoutAccount.objects.none(), empty_label=None)
    amount = YuanField(label=_("Amount (¥)"))

    def __init__(self, *args, accounts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if accounts is not None:
            self.fields["payout_account"].queryset = accounts
