from django import forms
from django.utils.translation import gettext_lazy as _

from consent.models import Purpose

from .models import DataProduct
from .services.products import QUASI_IDENTIFIERS

MAX_SOURCE_BYTES = 50 * 1024 * 1024

QI_LABELS = {
    "age": _("Age band"),
    "gender": _("Gender"),
    "province": _("Province"),
    "education_level": _("Education level"),
    "years_experience": _("Experience band"),
    "expected_salary": _("Salary band"),
    "industry": _("Industry"),
    "role_category": _("Role category"),
}


class ProductForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (DataProduct.Kind.RECORDS, DataProduct.Kind.RECORDS.label),
            (DataProduct.Kind.DATASET, DataProduct.Kind.DATASET.label),
        ],
    )
    category = forms.ChoiceField(label=_("Category"), choices=DataProduct.Category.choices)
    purpose = forms.ChoiceField(
        label=_("Consent purpose (personal data)"), choices=[("", "---")] + list(Purpose.choices), required=False
    )
    price_yuan = forms.DecimalField(label=_("Price (yuan)"), min_value=0.01, max_digits=12, decimal_places=2)
    k = forms.IntegerField(label=_("k (smallest group size)"), min_value=2, max_value=100, initial=5)
    quasi_identifiers = forms.MultipleChoiceField(
        label=_("Fields to release"),
        choices=[(qi, QI_LABELS[qi]) for qi in QUASI_IDENTIFIERS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    include_skills = forms.BooleanField(label=_("Include common skills"), required=False, initial=True)
    source_file = forms.FileField(label=_("Dataset file (CSV, UTF-8)"), required=False)
    licence = forms.CharField(label=_("Licence terms"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean_source_file(self):
        upload = self.cleaned_data.get("source_file")
        if upload and upload.size > MAX_SOURCE_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload


class TopUpForm(forms.Form):
    amount_yuan = forms.DecimalField(label=_("Amount (yuan)"), min_value=0.01, max_digits=14, decimal_places=2)
    bank_reference = forms.CharField(label=_("Bank transfer reference"), max_length=64)
