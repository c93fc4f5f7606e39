"""The one place that converts and displays money. Never a float.

Prices are integer fen; ledger amounts are integer micros (1 yuan = 1,000,000
micros, 1 fen = 10,000 micros) so that tiny shares of a pool are not rounded away.
"""

from decimal import Decimal

MICROS_PER_YUAN = 1_000_000
MICROS_PER_FEN = 10_000
FEN_PER_YUAN = 100


def fen_to_micros(fen: int) -> int:
    return int(fen) * MICROS_PER_FEN


def micros_to_fen_floor(micros: int) -> int:
    """Whole fen that can be paid out; the sub-fen residue stays in the balance."""
    return int(micros) // MICROS_PER_FEN


def yuan_to_fen(yuan: str | int | Decimal) -> int:
    """Parse a yuan amount typed by a person ("12.5") into exact fen; refuse sub-fen input."""
    value = Decimal(str(yuan).strip())
    fen = value * FEN_PER_YUAN
    if fen != fen.to_integral_value():
        raise ValueError("Amounts are in whole fen (two decimal places at most).")
    return int(fen)


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
