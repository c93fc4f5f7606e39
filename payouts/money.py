"""The one place that converts and displays money. Never a float.

Prices are integer fen; ledger amounts are integer micros (1 yuan = 1,000,000
micros, 1 fen = 10,000 micros) so that tiny shares of a pool are not rounded away.
"""

import re
import unicodedata
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

MICROS_PER_YUAN = 1_000_000
MICROS_PER_FEN = 10_000
FEN_PER_YUAN = 100
# The largest amount anyone types (¥100,000,000,000.00): far above any price, top-up or payout,
# far below what a 64-bit micros column holds.
MAX_AMOUNT_FEN = 10**13


class MoneyInputError(ValueError):
    """An amount a person typed that is not an exact amount of yuan in whole fen; `message` says why."""

    def __init__(self, message, code: str):
        super().__init__(str(message))
        self.message = message
        self.code = code


# Digits with an optional fraction; the whole part may be grouped by thousands ("12,345.60").
_AMOUNT = re.compile(r"^(?P<whole>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<fraction>\d*))?$", re.ASCII)
_EXPONENT = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$", re.ASCII)


def _parse_amount(text, *, places: int, minimum: int, maximum: int, display) -> int:
    """`text` in yuan as an integer count of 10**-places yuan (2: fen, 6: micros); see `parse_yuan_fen`."""
    if not isinstance(text, str):
        raise MoneyInputError(_("Enter an amount in yuan, e.g. 12.50."), "invalid")
    # Full-width digits and signs (as typed with a Chinese input method) become ASCII.
    value = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if value[:1] in ("¥", "￥"):
        value = value[1:]
    if not value:
        raise MoneyInputError(_("Enter an amount."), "required")
    if len(value) > 40:
        raise MoneyInputError(_("Enter an amount in yuan, e.g. 12.50."), "invalid")
    if value[:1] in ("-", "\u2212"):
        raise MoneyInputError(_("An amount cannot be negative."), "negative")
    if _EXPONENT.match(value):
        raise MoneyInputError(_("Write the amount out in digits, without an exponent (1e3): e.g. 1000.00."), "exponent")
    match = _AMOUNT.match(value)
    if match is None or not (match["whole"] or match["fraction"]):
        raise MoneyInputError(_("Enter an amount in yuan, e.g. 12.50."), "invalid")
    whole = int((match["whole"] or "0").replace(",", ""))
    fraction = (match["fraction"] or "").rstrip("0")
    if len(fraction) > places:
        if places == 2:
            raise MoneyInputError(_("Amounts are in whole fen: at most two decimals, e.g. 12.50."), "sub_fen")
        raise MoneyInputError(_("At most six decimals (a millionth of a yuan)."), "sub_micro")
    amount = whole * 10**places + int(fraction.ljust(places, "0"))
    if amount < minimum:
        if amount == 0:
            raise MoneyInputError(_("Enter an amount greater than zero."), "zero")
        raise MoneyInputError(_("The amount must be at least %(minimum)s.") % {"minimum": display(minimum)}, "below_minimum")
    if amount > maximum:
        raise MoneyInputError(_("The amount must be at most %(maximum)s.") % {"maximum": display(maximum)}, "above_maximum")
    return amount


def parse_yuan_fen(text, *, minimum_fen: int = 1, maximum_fen: int = MAX_AMOUNT_FEN) -> int:
    """The one parser of an amount typed in yuan ("12.50", "¥1,200", "１２．５"): exact whole fen.

    Refused, each with its own message (MoneyInputError): an empty field, a negative amount,
    exponent notation ("1e3"), anything that is not digits with one decimal point, more
    precision than a fen ("1000.007"; trailing zeros are fine), and amounts outside
    [minimum_fen, maximum_fen]. Never goes through a float.
    """
    return _parse_amount(text, places=2, minimum=minimum_fen, maximum=maximum_fen, display=format_fen)


def parse_yuan(text, *, minimum_fen: int = 1, maximum_fen: int = MAX_AMOUNT_FEN) -> int:
    """An amount typed in yuan, in whole fen, as ledger micros (see `parse_yuan_fen`)."""
    return fen_to_micros(parse_yuan_fen(text, minimum_fen=minimum_fen, maximum_fen=maximum_fen))


def parse_yuan_micros(text, *, minimum_micros: int = 1, maximum_micros: int = MAX_AMOUNT_FEN * MICROS_PER_FEN) -> int:
    """An amount typed in yuan with up to six decimals (finance's manual adjustments), in micros."""
    return _parse_amount(text, places=6, minimum=minimum_micros, maximum=maximum_micros, display=format_micros)


def fen_to_micros(fen: int) -> int:
    return int(fen) * MICROS_PER_FEN


def micros_to_fen_floor(micros: int) -> int:
    """Whole fen that can be paid out; the sub-fen residue stays in the balance."""
    return int(micros) // MICROS_PER_FEN


def yuan_to_fen(yuan: str | int | Decimal) -> int:
    """A yuan amount given by code (an int, a Decimal or digits) in exact fen; zero allowed.

    What a person types goes through `parse_yuan_fen` instead (it refuses more, with reasons).
    """
    if isinstance(yuan, int | Decimal):
        yuan = format(Decimal(yuan), "f")
    return parse_yuan_fen(yuan, minimum_fen=0)


def format_fen(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    fen = abs(int(fen))
    return f"{sign}¥{fen // FEN_PER_YUAN:,}.{fen % FEN_PER_YUAN:02d}"


def format_micros(micros: int) -> str:
    """The one display of a ledger amount: yuan with two decimals when it is whole fen
    (¥38,701.00), and all six decimals only when a share holds part of a fen (¥0.000300,
    ¥13.330722), so that a tiny share never reads as ¥0.00 and nothing else shows noise.
    """
    micros = int(micros)
    if micros % MICROS_PER_FEN == 0:
        return format_fen(micros // MICROS_PER_FEN)
    sign = "-" if micros < 0 else ""
    micros = abs(micros)
    return f"{sign}¥{micros // MICROS_PER_YUAN:,}.{micros % MICROS_PER_YUAN:06d}"


def format_yuan_plain(fen: int) -> str:
    """A fen amount as a bare yuan number for CSV and form fields (12345 → "123.45"), no sign of currency."""
    sign = "-" if fen < 0 else ""
    fen = abs(int(fen))
    return f"{sign}{fen // FEN_PER_YUAN}.{fen % FEN_PER_YUAN:02d}"


def format_micros_plain(micros: int) -> str:
    """A ledger amount as a bare yuan number for CSV (exact: six decimals only when part of a fen)."""
    micros = int(micros)
    if micros % MICROS_PER_FEN == 0:
        return format_yuan_plain(micros // MICROS_PER_FEN)
    sign = "-" if micros < 0 else ""
    micros = abs(micros)
    return f"{sign}{micros // MICROS_PER_YUAN}.{micros % MICROS_PER_YUAN:06d}"


def format_bps_percent(bps: int) -> str:
    """Basis points as a person reads them: 1000 → "10%", 250 → "2.5%", 5 → "0.05%"."""
    whole, rest = divmod(int(bps), 100)
    return f"{whole}.{rest:02d}".rstrip("0").rstrip(".") + "%"


def split_bps(total: int, bps: int) -> int:
    """`bps` basis points of `total`, rounded down (integers only)."""
    if not 0 <= bps <= 10_000:
        raise ValueError("basis points must be between 0 and 10000")
    return int(total) * int(bps) // 10_000
