"""Expected salaries in the forms people write them become monthly yuan (lower end of a range)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consent.parsing import flat_fields, parse_resume
from consent.salaries import salary_in_text, salary_monthly, salary_negotiable

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        ("月薪 15-20K", 15000),
        ("15k-20k/月", 15000),
        ("15K-20K", 15000),
        ("¥180,000/年", 15000),
        ("￥180000/年", 15000),
        ("年薪20万", 16667),
        ("20-30万/年", 16667),
        ("1.5万-2万", 15000),
        ("1.5-2万/月", 15000),
        ("15000-20000元/月", 15000),
        ("￥15000 - ￥20000", 15000),
        ("RMB 15,000–20,000 per month", 15000),
        ("RMB 180,000 - 240,000 per year", 15000),
        ("expected: 25,000 RMB per month", 25000),
        ("Target pay ¥25,000 per month", 25000),  # "pay" is not "p.a."
        ("180K CNY/year", 15000),
        ("CNY 240,000 per annum", 20000),
        ("20K·14薪", 20000),
        ("15-20K·13薪", 15000),
        ("2.5w", 25000),
        ("15k以上", 15000),
        ("30万", 25000),  # a bare figure of 100,000 or more is a year's pay
        ("RMB 15k/month (negotiable)", 15000),
    ],
)
def test_salaries_in_every_written_form_become_monthly_yuan(text, monthly):
    assert salary_monthly(text) == monthly


@pytest.mark.parametrize(
    "text", ["面议", "薪资面议", "Negotiable", "open to discussion", "$5,000 per month", "USD 5000", "日薪500元", "300 per day"]
)
def test_negotiable_foreign_or_daily_pay_is_no_monthly_figure(text):
    assert salary_monthly(text) is None
    assert salary_in_text(f"Expected salary: {text}") is None


def test_negotiable_means_stated_without_a_figure():
    assert salary_negotiable("面议") and salary_negotiable("Negotiable")
    assert not salary_negotiable("RMB 15k/month (negotiable)")


@pytest.mark.parametrize(
    ("sentence", "monthly"),
    [
        ("I am looking for a Sales Manager role paying RMB 300,000 a year.", 25000),
        ("Hoping to earn 300,000 CNY annually in my next role.", 25000),
        ("Seeking a Data Analyst position at around RMB 40,000–45,000 per month.", 40000),
        ("I'm seeking a data analyst role at CNY 360,000/yr.", 30000),
        ("我希望月收入在2万左右。", 20000),
        ("希望从事数据分析工作，期望月薪15000-20000元/月。", 15000),
    ],
)
def test_a_salary_in_a_sentence_without_a_label_is_read(sentence, monthly):
    assert salary_in_text(sentence) == monthly


@pytest.mark.parametrize(
    "sentence",
    ["Cut costs by ¥2,000,000 per year.", "Managed a budget of RMB 5,000,000 a year.", "2016-2019 worked at Galaxy Tech"],
)
def test_budgets_savings_and_year_ranges_are_not_a_salary(sentence):
    assert salary_in_text(sentence) is None


def test_a_negotiable_salary_does_not_pick_up_a_figure_elsewhere_in_the_resume():
    text = "张伟\n期望薪资：面议\n工作经历\n2019.03-至今 星河科技有限公司 销售经理\n年销售额￥3,000,000/年\n"
    assert flat_fields(parse_resume(text, today=TODAY))["expected_salary"] is None


def test_revenue_in_the_work_history_is_not_the_expected_salary():
    text = "Li Wei\nEXPERIENCE\nSales Manager, Galaxy Tech Co., Ltd.\nGrew the account to RMB 3,000,000 per year.\n"
    assert flat_fields(parse_resume(text, today=TODAY))["expected_salary"] is None


monthly_amounts = st.integers(min_value=1, max_value=90).map(lambda k: k * 1000)


@given(
    monthly_amounts,
    st.integers(min_value=1, max_value=20),
    st.sampled_from(["{lo}-{hi}K", "{lo}k-{hi}k/月", "{lo}K–{hi}K RMB/month"]),
)
def test_a_range_in_thousands_is_its_lower_end(low, spread, form):
    text = form.format(lo=low // 1000, hi=low // 1000 + spread)
    assert salary_monthly(text) == low


@given(monthly_amounts, st.sampled_from(["年薪{w}万", "{w}万/年", "￥{y:,}/年", "RMB {y:,} per year", "{y} CNY annually"]))
def test_a_yearly_figure_is_twelve_months(monthly, form):
    yearly = monthly * 12
    text = form.format(w=f"{yearly / 10000:g}", y=yearly)
    assert salary_monthly(text) == monthly
    assert salary_in_text(f"期望薪资：{text}") == monthly


@given(monthly_amounts, st.sampled_from(["{m}元/月", "¥{m:,}/月", "{m:,} RMB per month", "月薪{m}", "{k}K"]))
def test_a_monthly_figure_is_kept(monthly, form):
    assert salary_monthly(form.format(m=monthly, k=monthly // 1000)) == monthly
