"""Money and shares in the staff admin as a person reads them: yuan with two decimals, percentages.

The database keeps integer fen, micros and basis points; staff confirming a bank transfer
must never read "50000" for ¥500.00. `MoneyAdminMixin` turns every field it names into a
yuan (or percent) form field where it is edited and into the one money format wherever it
is only shown: list columns, read-only change forms and view-only pages.
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import admin
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from . import fields, money

FEN, MICROS, BPS = "fen", "micros", "bps"

_DISPLAY = {
    FEN: money.format_fen,
    MICROS: money.format_micros,
    BPS: money.format_bps_percent,
}


def _clean_number(text: str) -> str:
    return text.strip().replace("¥", "").replace("￥", "").replace(",", "").replace("，", "").replace("%", "").strip()


class YuanField(fields.YuanField):
    """A fen amount typed and shown as yuan ("199.00"), parsed by `money.parse_yuan_fen`; zero allowed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "class": "vTextField"}))
        kwargs.setdefault("minimum_fen", 0)
        super().__init__(**kwargs)


class PercentField(forms.CharField):
    """Basis points typed and shown as a percentage ("5" or "2.5%" for 500 and 250 bps)."""

    default_error_messages = {
        "invalid": _("Enter a percentage between 0 and 100 with at most two decimals, for example 5 or 2.5.")
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "class": "vIntegerField"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return money.format_bps_percent(value).rstrip("%")
        return value

    def to_python(self, value):
        text = _clean_number(super().to_python(value) or "")
        if not text:
            return None
        try:
            bps = Decimal(text) * 100
        except InvalidOperation as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if bps != bps.to_integral_value() or not 0 <= bps <= 10_000:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(bps)


_FORM_FIELD = {FEN: YuanField, MICROS: None, BPS: PercentField}


def _shown_name(name: str) -> str:
    return f"{name}_shown"


class MoneyAdminMixin:
    """`money_fields = {"price_fen": FEN, "max_suppression_bps": BPS, "amount": MICROS}` on a ModelAdmin or inline."""

    money_fields: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, unit in self.money_fields.items():
            setattr(self, _shown_name(name), self._shower(name, unit))

    def _shower(self, name: str, unit: str):
        field = self.model._meta.get_field(name)
        fmt = _DISPLAY[unit]

        def shown(obj):
            value = getattr(obj, name)
            return self.get_empty_value_display() if value is None else fmt(value)

        return admin.display(description=field.verbose_name, ordering=name)(shown)

    def _map(self, names):
        return [_shown_name(n) if isinstance(n, str) and n in self.money_fields else n for n in names]

    def _raw_readonly(self, request, obj=None) -> set[str]:
        readonly = set(super().get_readonly_fields(request, obj))
        if not self.has_change_permission(request, obj):
            readonly |= {f.name for f in self.model._meta.fields}
        # Micros are never typed in a change form: they move only by journal entries.
        readonly |= {n for n, unit in self.money_fields.items() if _FORM_FIELD[unit] is None}
        return readonly

    def get_readonly_fields(self, request, obj=None):
        raw = list(super().get_readonly_fields(request, obj))
        extra = [n for n in self.money_fields if n in self._raw_readonly(request, obj) and n not in raw]
        return self._map([*raw, *extra])

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        readonly = self._raw_readonly(request, obj)
        return exclude + [n for n in self.money_fields if n in readonly and n not in exclude]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        readonly = self._raw_readonly(request, obj)
        out = []
        for name in fields:
            if isinstance(name, str) and name in self.money_fields and name in readonly:
                name = _shown_name(name)
            if name not in out:
                out.append(name)
        return out

    def get_list_display(self, request):
        return self._map(super().get_list_display(request))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        unit = self.money_fields.get(db_field.name)
        form_field = _FORM_FIELD.get(unit) if unit else None
        if form_field is not None:
            extra = {}
            if unit == FEN:  # never more than the column holds (a PositiveIntegerField stops at ¥21,474,836.47)
                limits = [v.limit_value for v in db_field.validators if isinstance(v, MaxValueValidator)]
                if db_field.get_internal_type() in ("IntegerField", "PositiveIntegerField"):
                    limits.append(2**31 - 1)  # PostgreSQL's integer, whatever the database the validators were read on
                extra["maximum_fen"] = min([money.MAX_AMOUNT_FEN, *limits])
            return form_field(
                label=db_field.verbose_name,
                required=not (db_field.blank or db_field.null),
                help_text=db_field.help_text,
                **extra,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)
