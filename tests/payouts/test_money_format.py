"""One money display for every page, e-mail, PDF, CSV and admin column."""

import re
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from payouts import money

ONE_FORMAT = re.compile(r"^-?¥\d{1,3}(,\d{3})*\.(\d{2}|\d{6})$")


def test_whole_fen_reads_with_two_decimals_and_part_of_a_fen_with_six():
    assert money.format_micros(38_701 * 1_000_000) == "¥38,701.00"
    assert money.format_micros(0) == "¥0.00"
    assert money.format_micros(-100_000_000_000) == "-¥100,000.00"
    assert money.format_micros(13_330_722) == "¥13.330722"
    assert money.format_micros(300) == "¥0.000300"
    assert money.format_fen(19_900) == "¥199.00"


def test_plain_numbers_for_csv_and_percent_for_basis_points():
    assert money.format_yuan_plain(19_900) == "199.00"
    assert money.format_micros_plain(13_330_722) == "13.330722"
    assert money.format_micros_plain(-50_000) == "-0.05"
    assert money.format_bps_percent(1000) == "10%"
    assert money.format_bps_percent(250) == "2.5%"
    assert money.format_bps_percent(5) == "0.05%"


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_every_ledger_amount_reads_in_the_one_format_and_means_exactly_its_value(micros):
    text = money.format_micros(micros)
    assert ONE_FORMAT.match(text), text
    decimals = text.rsplit(".", 1)[1]
    assert (len(decimals) == 2) == (micros % money.MICROS_PER_FEN == 0)
    value = Decimal(text.replace("¥", "").replace(",", ""))
    assert value * money.MICROS_PER_YUAN == micros
    assert Decimal(money.format_micros_plain(micros)) * money.MICROS_PER_YUAN == micros


@given(st.integers(min_value=0, max_value=10_000))
def test_percent_reads_back_as_the_same_basis_points(bps):
    assert Decimal(money.format_bps_percent(bps).rstrip("%")) * 100 == bps
