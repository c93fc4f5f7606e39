"""Forms of the talent pages: they render the vocabulary and carry input; the services validate it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import labels

_CHECKS = forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})
_CHECK = forms.CheckboxInput(attrs={"class": "form-check-input"})
_SELECT = forms.Select(attrs={"class": "form-select"})


def _money(**attrs) -> forms.NumberInput:
    return forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric", "min": "1", "step": "1", **attrs})


class TalentPreferencesForm(forms.Form):
    role_categories = forms.MultipleChoiceField(label=_("Role categories I am open to"), required=False, widget=_CHECKS)
    provinces = forms.MultipleChoiceField(label=_("Provinces I would work in"), required=False, widget=_CHECKS)
    remote_ok = forms.BooleanField(label=_("Open to remote work"), required=False, widget=_CHECK)
    min_monthly_salary = forms.IntegerField(
        label=_("Minimum monthly salary (yuan)"),
        required=False,
        widget=_money(),
        help_text=_("Employers must offer at least this much at the top of their range to invite you."),
    )
    reveal_name = forms.BooleanField(label=_("My name"), required=False, widget=_CHECK)
    reveal_email = forms.BooleanField(label=_("My e-mail address"), required=False, widget=_CHECK)
    reveal_phone = forms.BooleanField(label=_("My phone number"), required=False, widget=_CHECK)
    weekly_cap = forms.IntegerField(
        label=_("Invitations per week at most"), min_value=1, max_value=50, widget=_money(max="50"), initial=5
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role_categories"].choices = labels.role_choices()
        self.fields["provinces"].choices = labels.province_choices()


class SearchForm(forms.Form):
    role_category = forms.ChoiceField(label=_("Role category"), required=False, widget=_SELECT)
    province = forms.ChoiceField(label=_("Province"), required=False, widget=_SELECT)
    skills = forms.MultipleChoiceField(
        label=_("Skills (all of them)"),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": "5"}),
    )
    experience = forms.ChoiceField(label=_("Experience"), required=False, widget=_SELECT)
    education = forms.ChoiceField(label=_("Education at least"), required=False, widget=_SELECT)
    salary_min = forms.IntegerField(label=_("Expected salary from (yuan a month)"), required=False, widget=_money(min="0"))
    salary_max = forms.IntegerField(label=_("Expected salary to (yuan a month)"), required=False, widget=_money(min="0"))
    remote = forms.BooleanField(label=_("Open to remote work"), required=False, widget=_CHECK)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["role_category"].choices = anything + labels.role_choices()
        self.fields["province"].choices = anything + labels.province_choices()
        self.fields["skills"].choices = labels.skill_choices()
        self.fields["experience"].choices = anything + labels.experience_choices()
        self.fields["education"].choices = anything + labels.education_choices()

    def filters_data(self) -> dict:
        """The raw filters for `filters_clean`, which refuses anything outside the vocabulary."""
        data = self.data
        return {
            "role_category": data.get("role_category", ""),
            "province": data.get("province", ""),
            "skills": data.getlist("skills") if hasattr(data, "getlist") else data.get("skills", []),
            "experience": data.get("experience", ""),
            "education": data.get("education", ""),
            "salary_min": data.get("salary_min", ""),
            "salary_max": data.get("salary_max", ""),
            "remote": data.get("remote", ""),
        }


class InvitationForm(forms.Form):
    handle = forms.CharField(widget=forms.HiddenInput)
    job_title = forms.CharField(label=_("Job title"), max_length=120, widget=forms.TextInput(attrs={"class": "form-control"}))
    description = forms.CharField(
        label=_("Job description"), widget=forms.Textarea(attrs={"class": "form-control", "rows": 4, "maxlength": "4000"})
    )
    city = forms.CharField(
        label=_("City"), required=False, max_length=40, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    remote = forms.BooleanField(label=_("Remote"), required=False, widget=_CHECK)
    salary_min = forms.IntegerField(label=_("Monthly salary from (yuan)"), widget=_money(required=True))
    salary_max = forms.IntegerField(label=_("Monthly salary to (yuan)"), widget=_money(required=True))


class AbuseReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What was wrong with this invitation?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3, "maxlength": "2000"}),
    )
