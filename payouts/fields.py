"""The fields where a person types money, in forms and in the API: all parse through `money`.

`YuanField` (Django forms, the admin included) reads yuan as typed ("12.50", "¥1,200") into
exact whole fen with `money.parse_yuan_fen`; a bound form shows back exactly what was typed.
`FenField` (DRF) reads an API's integer fen: a JSON integer or a string of digits, never a
float, a boolean or exponent notation. Both refuse with the parser's specific messages.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from . import money


class YuanField(forms.CharField):
    """An amount in yuan, cleaned to integer fen within [minimum_fen, maximum_fen].

    With `micros=True` (finance's manual adjustments only) up to six decimals, cleaned to micros
    (then any positive amount, from ¥0.000001, passes `minimum_fen=1`).
    """

    def __init__(self, *, minimum_fen: int = 1, maximum_fen: int = money.MAX_AMOUNT_FEN, micros: bool = False, **kwargs):
        self.minimum_fen = minimum_fen
        self.maximum_fen = maximum_fen
        self.micros = micros
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        # An initial value is fen (an int, e.g. a model's price_fen); bound data is the typed text.
        if isinstance(value, int) and not isinstance(value, bool):
            return money.format_micros_plain(value) if self.micros else money.format_yuan_plain(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            if self.micros:  # positive means at least one micro here
                return money.parse_yuan_micros(
                    value,
                    minimum_micros=1 if self.minimum_fen > 0 else 0,
                    maximum_micros=money.fen_to_micros(self.maximum_fen),
                )
            return money.parse_yuan_fen(value, minimum_fen=self.minimum_fen, maximum_fen=self.maximum_fen)
        except money.MoneyInputError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from exc

    def validate(self, value):
        if value is None and self.required:
            raise forms.ValidationError(_("Enter an amount."), code="required")

    def run_validators(self, value):
        # The CharField validators (max_length) measure text; the value is fen by now.
        return None

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != initial
        except forms.ValidationError:
            return True


_DIGITS = re.compile(r"^\d+$", re.ASCII)
_EXPONENT = re.compile(r"^[+]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$", re.ASCII)


class FenField(serializers.IntegerField):
    """An amount of integer fen in a JSON body: 1250 or "1250"; refuses 12.5, 1e3, -5, true.

    (The schema says integer with its minimum and maximum, as DRF's IntegerField does.)
    """

    default_error_messages = {
        "invalid": _("Give the amount in whole fen as an integer, e.g. 1250 for ¥12.50."),
        "not_integer": _("Amounts are in whole fen, written as an integer: no decimals, no exponent (1250 is ¥12.50)."),
        "exponent": _("Write the amount out in digits, without an exponent (1e3): e.g. 1000."),
        "negative": _("An amount cannot be negative."),
        "zero": _("Enter an amount greater than zero."),
        "below_minimum": _("The amount must be at least %(minimum)s."),
        "above_maximum": _("The amount must be at most %(maximum)s."),
    }

    def __init__(self, *, minimum_fen: int = 1, maximum_fen: int = money.MAX_AMOUNT_FEN, **kwargs):
        self.minimum_fen = minimum_fen
        self.maximum_fen = maximum_fen
        super().__init__(min_value=minimum_fen, max_value=maximum_fen, **kwargs)

    def fail(self, key, **kwargs):
        if key in ("below_minimum", "above_maximum"):  # %-style, so that the catalogue's entry is the one msgid
            message = self.error_messages[key] % kwargs
            raise serializers.ValidationError(message, code=key)
        return super().fail(key, **kwargs)

    def to_internal_value(self, data) -> int:
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, float):  # 12.5, and 1e3 too: JSON gives both as floats
            self.fail("not_integer")
        if isinstance(data, str):
            text = data.strip()
            if text.startswith(("-", "\u2212")):
                self.fail("negative")
            if _EXPONENT.match(text):
                self.fail("exponent")
            if re.match(r"^\d*\.\d*$", text, re.ASCII) and text != ".":
                self.fail("not_integer")
            if not _DIGITS.match(text) or len(text) > 20:
                self.fail("invalid")
            data = int(text)
        if not isinstance(data, int):
            self.fail("invalid")
        if data < 0:
            self.fail("negative")
        if data < self.minimum_fen:
            if data == 0:
                self.fail("zero")
            self.fail("below_minimum", minimum=money.format_fen(self.minimum_fen))
        if data > self.maximum_fen:
            self.fail("above_maximum", maximum=money.format_fen(self.maximum_fen))
        return data
