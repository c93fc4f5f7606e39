from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from consent.models import Purpose
from payouts.fields import YuanField

from .models import DataProduct
from .services.products import QUASI_IDENTIFIERS, SENSITIVE_ATTRIBUTES

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
            (DataProduct.Kind.STATISTICS, DataProduct.Kind.STATISTICS.label),
            (DataProduct.Kind.QUERY, DataProduct.Kind.QUERY.label),
            (DataProduct.Kind.DATASET, DataProduct.Kind.DATASET.label),
        ],
    )
    category = forms.ChoiceField(label=_("Category"), choices=DataProduct.Category.choices)
    purpose = forms.ChoiceField(
        label=_("Consent purpose (personal data)"),
        choices=[("", "---")] + [choice for choice in Purpose.choices if choice[0] != Purpose.TALENT],
        required=False,
    )
    price_yuan = YuanField(label=_("Price (yuan)"))  # cleaned to fen
    k = forms.IntegerField(
        label=_("k (smallest group size)"),
        min_value=2,
        max_value=100,
        initial=5,
        error_messages={"min_value": _("k must be at least 2: a group of one person protects no one.")},
    )
    m = forms.IntegerField(
        label=_("m (skills an attacker may know)"),
        min_value=1,
        max_value=4,
        initial=2,
        required=False,
        error_messages={
            "min_value": _("m (the number of skills an attacker may know) must be between 1 and 4."),
            "max_value": _("m (the number of skills an attacker may know) must be between 1 and 4."),
        },
    )
    technique = forms.ChoiceField(
        label=_("Technique"), choices=DataProduct.Technique.choices, initial="full-domain", required=False
    )
    loss = forms.ChoiceField(label=_("Utility loss to minimise"), choices=DataProduct.Loss.choices, initial="dm", required=False)
    sensitive_attribute = forms.ChoiceField(
        label=_("Sensitive attribute for l-diversity (not released as a quasi-identifier)"),
        choices=[("", "---")] + [(name, QI_LABELS[name]) for name in SENSITIVE_ATTRIBUTES],
        required=False,
    )
    l_diversity = forms.IntegerField(
        label=_("l (distinct sensitive values per group)"),
        min_value=1,
        max_value=20,
        initial=1,
        required=False,
        error_messages={"min_value": _("l must be at least 1.")},
    )
    quasi_identifiers = forms.MultipleChoiceField(
        label=_("Fields to release"),
        choices=[(qi, QI_LABELS[qi]) for qi in QUASI_IDENTIFIERS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    include_skills = forms.BooleanField(label=_("Include common skills"), required=False, initial=True)
    max_suppression_percent = forms.DecimalField(
        # xgettext:no-python-format
        label=_("Suppression cap (% of records)"),
        min_value=0,
        max_value=20,
        decimal_places=2,
        initial=5,
        error_messages={
            "min_value": _("The suppression cap must be between 0% and 20% of the records."),
            "max_value": _("The suppression cap must be between 0% and 20% of the records."),
        },
    )
    epsilon = forms.DecimalField(
        label=_("ε per release or query (statistics, query service)"),
        min_value=Decimal("0.001"),
        max_value=5,
        decimal_places=3,
        initial=Decimal("0.5"),
    )
    min_people = forms.IntegerField(label=_("Suppress results from fewer people than"), min_value=2, max_value=1000, initial=10)
    weighting = forms.ChoiceField(label=_("Weighting rule for the subject pool"), choices=DataProduct.Weighting.choices)
    source_file = forms.FileField(label=_("Dataset file (CSV, Parquet, GeoJSON or JSON)"), required=False)
    licence = forms.CharField(label=_("Licence terms"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    # Which kinds of product each field is for; the page shows only the chosen kind's (static/js/product-form.js).
    FIELD_KINDS = {
        "purpose": "records statistics query",
        "k": "records",
        "m": "records",
        "technique": "records",
        "loss": "records",
        "sensitive_attribute": "records",
        "l_diversity": "records",
        "quasi_identifiers": "records",
        "include_skills": "records",
        "max_suppression_percent": "records",
        "epsilon": "statistics query",
        "min_people": "statistics query",
        "weighting": "records statistics query",
        "source_file": "dataset",
    }
    HELP = {
        "k": _(
            "Every released row is shared by at least k people, so nobody can be singled out from it. "
            "A larger k protects better and blurs more: 5 is a common choice."
        ),
        "m": _("How many of a person's skills an attacker may already know; with them they still find at least k people."),
        "max_suppression_percent": _(
            "Rows that cannot be grouped with k-1 others are left out instead of generalising everyone more. "
            "This caps how many may be left out; the build fails rather than exceed it."
        ),
        "epsilon": _(
            "The privacy cost of one release or query. Smaller ε adds more noise and protects more; "
            "each person's lifetime total is capped, and a query that would pass it is refused."
        ),
        "min_people": _("A figure about fewer people than this is never shown, noised or not."),
        "l_diversity": _("Each group must hold at least l different values of the sensitive attribute (1 turns this off)."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.kinds = self.FIELD_KINDS.get(name, "")
            if name in self.HELP:
                field.help_text = self.HELP[name]

    def clean_source_file(self):
        upload = self.cleaned_data.get("source_file")
        if upload and upload.size > MAX_SOURCE_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload


class TopUpForm(forms.Form):
    amount_yuan = YuanField(label=_("Amount (yuan)"))  # cleaned to fen
    bank_reference = forms.CharField(label=_("Bank transfer reference"), max_length=64)


class ProductPrivacyForm(forms.Form):
    """The privacy parameters of an existing product; changing them sends it back to review."""

    k = ProductForm.base_fields["k"]
    max_suppression_percent = ProductForm.base_fields["max_suppression_percent"]
    quasi_identifiers = ProductForm.base_fields["quasi_identifiers"]
    include_skills = ProductForm.base_fields["include_skills"]
    m = ProductForm.base_fields["m"]
    technique = ProductForm.base_fields["technique"]
    loss = ProductForm.base_fields["loss"]
    sensitive_attribute = ProductForm.base_fields["sensitive_attribute"]
    l_diversity = ProductForm.base_fields["l_diversity"]
    epsilon = ProductForm.base_fields["epsilon"]
    min_people = ProductForm.base_fields["min_people"]
    weighting = ProductForm.base_fields["weighting"]


class PrivacyCompareForm(forms.Form):
    """Which values of k to compare side by side (each technique at each)."""

    ks = forms.CharField(
        label=_("Values of k to compare"),
        max_length=40,
        required=False,
        help_text=_("Up to four whole numbers from 2 to 50, separated by commas."),
    )

    def clean_ks(self) -> list[int]:
        text = self.cleaned_data["ks"].replace("，", ",").strip()
        if not text:
            return []
        try:
            values = sorted({int(part) for part in text.split(",") if part.strip()})
        except ValueError:
            values = []
        if not values or len(values) > 4 or not all(2 <= value <= 50 for value in values):
            raise forms.ValidationError(_("Enter up to four whole numbers from 2 to 50, separated by commas."))
        return values


class SubmitForm(forms.Form):
    legal_opinion = forms.FileField(label=_("Legal opinion (PDF)"), required=False)


class QueryForm(forms.Form):
    template = forms.ChoiceField(label=_("Query"))
    province = forms.ChoiceField(label=_("Province"), required=False)
    role_category = forms.ChoiceField(label=_("Role category"), required=False)
    skills = forms.CharField(label=_("Skills (comma-separated, at most 3)"), required=False)
    min_experience = forms.IntegerField(label=_("Minimum years of experience"), min_value=0, max_value=50, required=False)
    min_education = forms.ChoiceField(label=_("Minimum education"), required=False)

    def __init__(self, *args, **kwargs):
        from consent.models import EducationLevel, RoleCategory
        from privacy.templates import PROVINCES, TEMPLATES

        super().__init__(*args, **kwargs)
        titles = {
            "candidates_count": _("Number of candidates"),
            "salary_distribution": _("Expected-salary distribution"),
            "top_skills": _("Most common skills"),
            "experience_distribution": _("Experience distribution"),
        }
        self.fields["template"].choices = [(name, titles.get(name, name)) for name in TEMPLATES]
        self.fields["province"].choices = [("", "---")] + [(p, p) for p in PROVINCES]
        self.fields["role_category"].choices = [("", "---")] + list(RoleCategory.choices)
        self.fields["min_education"].choices = [("", "---")] + list(EducationLevel.choices)

    def params(self) -> dict:
        """Only the parameters the chosen template accepts, as the service expects them."""
        from privacy.templates import TEMPLATES

        data = self.cleaned_data
        accepted = TEMPLATES[data["template"]].params
        raw = {
            "province": data.get("province") or None,
            "role_category": data.get("role_category") or None,
            "skills": [s.strip() for s in (data.get("skills") or "").split(",") if s.strip()] or None,
            "min_experience": data.get("min_experience"),
            "min_education": data.get("min_education") or None,
        }
        return {name: value for name, value in raw.items() if name in accepted and value is not None}
