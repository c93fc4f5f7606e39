"""Money typed by a person is parsed once, exactly, by payouts.money: forms, admin and API alike."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from exchange.forms import TopUpForm
from exchange.services.api_keys import api_key_create
from payouts import money
from payouts.exceptions import LedgerError
from payouts.fields import FenField, YuanField
from payouts.forms import WithdrawalForm
from payouts.models import TopUp, Withdrawal
from payouts.services import holds_release_due, withdrawal_request

from ..factories import PASSWORD, MerchantFactory, member_of
from .ledger_world import market_create, purchase, settle

fen_amounts = st.integers(min_value=1, max_value=money.MAX_AMOUNT_FEN)


@given(fen_amounts)
def test_every_formatted_amount_parses_back_to_the_same_fen(fen):
    assert money.parse_yuan_fen(money.format_yuan_plain(fen)) == fen
    assert money.parse_yuan_fen(money.format_fen(fen)) == fen  # "¥1,234.50", as shown on every page
    assert money.parse_yuan(money.format_yuan_plain(fen)) == money.fen_to_micros(fen)


@given(st.integers(min_value=1, max_value=money.MAX_AMOUNT_FEN * money.MICROS_PER_FEN))
def test_every_ledger_amount_parses_back_to_the_same_micros(micros):
    assert money.parse_yuan_micros(money.format_micros_plain(micros)) == micros
    assert money.parse_yuan_micros(money.format_micros(micros)) == micros


@given(fen_amounts, st.integers(min_value=1, max_value=9), st.integers(min_value=0, max_value=3))
def test_more_precision_than_a_fen_is_refused_and_trailing_zeros_are_not(fen, extra_digit, zeros):
    plain = money.format_yuan_plain(fen)
    with pytest.raises(money.MoneyInputError) as refused:
        money.parse_yuan_fen(f"{plain}{'0' * zeros}{extra_digit}")
    assert refused.value.code == "sub_fen"
    assert money.parse_yuan_fen(plain + "0" * zeros) == fen


@given(fen_amounts)
def test_negative_and_exponent_forms_of_any_amount_are_refused(fen):
    plain = money.format_yuan_plain(fen)
    for text, code in [
        (f"-{plain}", "negative"),
        (f"−{plain}", "negative"),
        (f"{fen}e-2", "exponent"),
        (f"{plain}E1", "exponent"),
    ]:
        with pytest.raises(money.MoneyInputError) as refused:
            money.parse_yuan_fen(text)
        assert refused.value.code == code, text


@given(st.text(max_size=30))
def test_any_text_is_either_refused_with_a_reason_or_an_exact_amount(text):
    try:
        fen = money.parse_yuan_fen(text)
    except money.MoneyInputError as refused:
        assert refused.code in {"invalid", "required", "negative", "exponent", "sub_fen", "zero", "above_maximum"}
        return
    assert 1 <= fen <= money.MAX_AMOUNT_FEN
    cleaned = text.strip().replace(" ", "").lstrip("¥￥").replace(",", "")
    if cleaned.isascii():
        assert Decimal(cleaned) * 100 == fen


@pytest.mark.parametrize(
    ("text", "fen"),
    [("12.5", 1250), ("12.50", 1250), ("¥1,200", 120_000), ("１２．５", 1250), (" 0.01 ", 1), ("1000.70", 100_070), (".5", 50)],
)
def test_what_people_type_is_read_exactly(text, fen):
    assert money.parse_yuan_fen(text) == fen


@pytest.mark.parametrize(
    ("text", "code", "english", "chinese"),
    [
        ("", "required", "Enter an amount.", "请输入金额。"),
        ("-12", "negative", "cannot be negative", "不能为负数"),
        ("1e3", "exponent", "without an exponent (1e3)", "科学计数法"),
        ("1000.007", "sub_fen", "at most two decimals", "最多两位小数"),
        ("abc", "invalid", "Enter an amount in yuan, e.g. 12.50.", "以元为单位"),
        ("nan", "invalid", "Enter an amount in yuan", "以元为单位"),
        ("Infinity", "invalid", "Enter an amount in yuan", "以元为单位"),
        ("0x10", "invalid", "Enter an amount in yuan", "以元为单位"),
        ("1,00", "invalid", "Enter an amount in yuan", "以元为单位"),
        ("0", "zero", "greater than zero", "大于零"),
        ("100000000001", "above_maximum", "at most ¥100,000,000,000.00", "不能超过 ¥100,000,000,000.00"),
    ],
)
def test_each_refusal_has_its_own_message_in_both_languages(text, code, english, chinese):
    for language, expected in (("en", english), ("zh-hans", chinese)):
        with translation.override(language):
            with pytest.raises(money.MoneyInputError) as refused:
                money.parse_yuan_fen(text)
            assert refused.value.code == code
            assert expected in str(refused.value.message)


def test_a_number_that_is_not_text_is_refused_never_rounded():
    for value in (1000.7, 12, Decimal("12.5"), None):
        with pytest.raises(money.MoneyInputError):
            money.parse_yuan_fen(value)
    # code that holds an exact Decimal uses yuan_to_fen, which refuses sub-fen too
    assert money.yuan_to_fen(Decimal("12.5")) == 1250
    with pytest.raises(money.MoneyInputError):
        money.yuan_to_fen(Decimal("10.007"))


def test_the_form_fields_clean_to_fen_and_refuse_with_the_parsers_message():
    with translation.override("en"):
        for text, error in [("-12", "negative"), ("1e3", "exponent"), ("1000.007", "two decimals"), ("12,5", "e.g. 12.50")]:
            form = TopUpForm({"amount_yuan": text, "bank_reference": "CMB-1"})
            assert not form.is_valid()
            assert error in form.errors["amount_yuan"][0]
        form = TopUpForm({"amount_yuan": "1,000.50", "bank_reference": "CMB-1"})
        assert form.is_valid() and form.cleaned_data["amount_yuan"] == 100_050
    limited = YuanField(minimum_fen=1000, maximum_fen=5000)
    assert limited.clean("10") == 1000
    with translation.override("en"), pytest.raises(Exception, match="at least ¥10.00"):
        limited.clean("9.99")
    assert YuanField(micros=True).clean("0.000300") == 300
    assert YuanField().prepare_value(19_900) == "199.00"  # a model's fen shown as yuan, typed text shown as typed
    assert YuanField().prepare_value("19.995") == "19.995"


@pytest.mark.django_db
def test_withdrawal_form_refuses_what_it_used_to_accept_or_truncate():
    with translation.override("en"):
        for text, error in [("-12", "negative"), ("1e3", "exponent"), ("1000.7001", "two decimals")]:
            form = WithdrawalForm({"amount": text})
            assert not form.is_valid()
            assert error in form.errors["amount"][0]


@pytest.mark.django_db
def test_the_service_never_truncates_a_fractional_fen():
    market = market_create(people=1)
    settle(market, purchase(market, price_fen=100_000))
    holds_release_due(now=timezone.now() + timedelta(days=60))
    person = market.people[0]
    with pytest.raises(LedgerError, match="whole fen|分"):
        withdrawal_request(user=person, payout_account=market.cards[person.pk], amount_fen=1000.7, by=person)
    assert not Withdrawal.objects.exists()


@pytest.mark.django_db
def test_a_refused_withdrawal_keeps_the_typed_amount_in_the_form(client, settings):
    # given a jobseeker with ¥300 available and a payout card
    settings.PAYOUTS_MIN_WITHDRAWAL_FEN = 100
    market = market_create(people=1)
    settle(market, purchase(market, price_fen=100_000))
    holds_release_due(now=timezone.now() + timedelta(days=60))
    person = market.people[0]
    client.login(email=person.email, password=PASSWORD)
    url = reverse("payouts:withdraw", kwargs={"side": "me"})
    card = market.cards[person.pk].pk

    # when the amount is not a fen amount, then the page says why and the field still holds it
    page = client.post(url, {"payout_account": card, "amount": "1000.007"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    body = page.content.decode()
    assert "at most two decimals" in body
    assert 'value="1000.007"' in body
    # when the service refuses it (more than is available), the typed amount is kept too
    page = client.post(url, {"payout_account": card, "amount": "5000.00"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    body = page.content.decode()
    assert "Insufficient balance" in body
    assert 'value="5000.00"' in body
    assert not Withdrawal.objects.exists()
    # and once it went through, the form is empty again
    page = client.post(url, {"payout_account": card, "amount": "12.34"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert Withdrawal.objects.get().amount_fen == 1234
    assert 'value="12.34"' not in page.content.decode()


@pytest.mark.django_db
def test_the_top_up_api_takes_integer_fen_only():
    buyer = MerchantFactory()
    user = member_of(buyer)
    _key, secret = api_key_create(merchant=buyer, name="ci", by=user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")

    def post(raw_amount: str, reference: str):
        body = f'{{"amount_fen": {raw_amount}, "bank_reference": "{reference}"}}'
        return api.post("/api/v1/wallet/topups/", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")

    for n, (raw, message) in enumerate(
        [
            ("1000.7", "no decimals"),
            ("1e3", "no exponent"),
            ("-5", "cannot be negative"),
            ("0", "greater than zero"),
            ("true", "as an integer"),
            ('"12.50"', "no decimals"),
            ('"1e3"', "without an exponent"),
            ("100000000000001", "at most ¥100,000,000,000.00"),
        ]
    ):
        response = post(raw, f"R-{n}")
        assert response.status_code == 400, raw
        assert message in json.dumps(response.json(), ensure_ascii=False), (raw, response.json())
    assert not TopUp.objects.exists()
    assert post("1250", "R-ok").status_code == 201
    assert post('"1300"', "R-ok-2").status_code == 201
    assert sorted(TopUp.objects.values_list("amount_fen", flat=True)) == [1250, 1300]


def test_the_api_field_is_an_integer_in_the_schema_with_its_limits():
    field = FenField(maximum_fen=10**13)
    assert (field.min_value, field.max_value) == (1, 10**13)
    assert field.to_internal_value(1250) == 1250


@pytest.mark.django_db
def test_the_top_up_page_says_why_an_amount_is_refused_and_keeps_it(client):
    buyer = MerchantFactory()
    user = member_of(buyer)
    client.login(email=user.email, password=PASSWORD)
    page = client.post(
        reverse("exchange:topup"), {"amount_yuan": "1e3", "bank_reference": "CMB-7"}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    body = page.content.decode()
    assert "without an exponent (1e3)" in body
    assert 'value="1e3"' in body
    assert not TopUp.objects.exists()
    client.post(reverse("exchange:topup"), {"amount_yuan": "1,000.50", "bank_reference": "CMB-7"})
    assert TopUp.objects.get().amount_fen == 100_050


def _rules_form(fee: str) -> dict:
    return {
        "fee_fen": fee,
        "jobseeker_share_bps": "70",
        "employer_daily_cap": "50",
        "expiry_days": "14",
        "searches_per_hour": "60",
    }


@pytest.mark.django_db
def test_staff_type_the_invitation_fee_in_yuan_through_the_same_parser(client):
    from talent.models import TalentRules

    from ..factories import StaffFactory

    client.force_login(StaffFactory())
    url = reverse("admin:talent_talentrules_add")
    for typed, message in [("1e3", "without an exponent"), ("20.005", "at most two decimals"), ("-20", "cannot be negative")]:
        page = client.post(url, _rules_form(typed), HTTP_ACCEPT_LANGUAGE="en")
        assert page.status_code == 200, typed
        assert message in page.content.decode()
        assert f'value="{typed}"' in page.content.decode()
    # the column holds at most 2^31-1 fen: more is refused in the form, not by the database
    page = client.post(url, _rules_form("30000000"), HTTP_ACCEPT_LANGUAGE="en")
    assert "at most ¥21,474,836.47" in page.content.decode()
    assert not TalentRules.objects.exists()
    page = client.post(url, _rules_form("20.50"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 302
    assert TalentRules.objects.get().fee_fen == 2050
