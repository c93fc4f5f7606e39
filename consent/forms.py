from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Resume


class ResumeForm(forms.ModelForm):
    skills = forms.CharField(
        label=_("Skills"), required=False, help_text=_("Separate skills with commas, e.g. Python, SQL, 项目管理")
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
        self.fields["expected_salary"].required = True
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
