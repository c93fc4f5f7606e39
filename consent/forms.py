import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Resume


class ResumeForm(forms.ModelForm):
    skills = forms.CharField(
        label=_("Skills"), required=False, help_text=_("Separate skills with commas, e.g. Python, SQL, 项目管理")
    )
    other_skills = forms.CharField(
        label=_("Other skills"),
        required=False,
        help_text=_(
            "Skills the exchange's list does not have, in your own words. They stay on your profile and are never "
            "counted or sold in a product."
        ),
    )

    class Meta:
        model = Resume
        fields = [
            "full_name",
            "phone",
            "contact_email",
            "birth_year",
            "gender",
            "province",
            "city",
            "education_level",
            "field_of_study",
            "years_experience",
            "current_employer",
            "current_title",
            "industry",
            "role_category",
            "desired_role",
            "expected_salary",
            "skills",
            "other_skills",
        ]
        widgets = {
            "full_name": forms.TextInput,
            "phone": forms.TextInput,
            "contact_email": forms.EmailInput,
            "current_employer": forms.TextInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.pk:
            self.initial["skills"] = ", ".join(self.instance.skills or [])
            self.initial["other_skills"] = ", ".join(self.instance.other_skills or [])
        self.fields["expected_salary"].required = True
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class WorkEntryForm(forms.Form):
    """One job, shaped after JSON Resume's `work` entry."""

    name = forms.CharField(label=_("Employer"), max_length=200, required=False)
    position = forms.CharField(label=_("Job title"), max_length=200, required=False)
    startDate = forms.CharField(  # noqa: N815 (JSON Resume's key)
        label=_("From (YYYY-MM)"), max_length=10, required=False
    )
    endDate = forms.CharField(  # noqa: N815
        label=_("To (YYYY-MM, empty if current)"), max_length=10, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control form-control-sm")

    def clean(self):
        data = super().clean()
        for key in ("startDate", "endDate"):
            value = (data.get(key) or "").strip()
            if value and not re.match(r"^(19|20)\d{2}(-(0[1-9]|1[0-2]))?$", value):
                self.add_error(key, _("Use the form YYYY-MM, e.g. 2021-07."))
        return data


WorkHistoryFormSet = forms.formset_factory(WorkEntryForm, extra=1, max_num=20)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Resume file"),
        allow_empty_file=True,  # an empty file gets the intake's own, specific message
        help_text=_(
            "PDF, DOCX, plain text, or a JPEG/PNG photo or scan of your resume, at most 5 MB. "
            "It is stored encrypted and read only to fill in the form for you."
        ),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".pdf,.docx,.txt,.jpg,.jpeg,.png"}),
    )


class VerifyReceiptForm(forms.Form):
    receipt = forms.CharField(
        label=_("Receipt (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"class": "form-control font-monospace", "rows": 6}),
    )
    file = forms.FileField(
        label=_("…or the receipt file"), required=False, widget=forms.ClearableFileInput(attrs={"class": "form-control"})
    )


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I understand: my resume, files and contact details are erased and every consent is withdrawn. This cannot be undone."
        ),
        required=True,
    )
