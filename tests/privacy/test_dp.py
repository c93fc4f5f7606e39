"""Differential privacy through OpenDP, the budget accountant and the query templates."""

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy import budget, dp, templates


def test_noisy_counts_are_unbiased_and_spread_like_laplace_of_scale_one_over_epsilon():
    samples = [dp.noisy_count(1000, epsilon=0.5) for _ in range(3000)]
    mean = sum(samples) / len(samples)
    spread = sum(abs(s - 1000) for s in samples) / len(samples)
    assert abs(mean - 1000) < 0.3
    # Mean absolute deviation of (discrete) Laplace with scale 2 is about 2.
    assert 1.6 < spread < 2.4


def test_differencing_attack_two_queries_one_person_apart_reveal_no_more_than_the_noise_allows():
    """Given answers to "count" with and without one person, the best guess of which
    world produced an answer is right with probability at most e^ε / (1 + e^ε)."""
    epsilon = 0.5
    trials = 4000
    with_person = [dp.noisy_count(101, epsilon=epsilon) for _ in range(trials)]
    without_person = [dp.noisy_count(100, epsilon=epsilon) for _ in range(trials)]
    best = 0.0
    for threshold in range(90, 112):
        correct = sum(a > threshold for a in with_person) + sum(b <= threshold for b in without_person)
        best = max(best, correct / (2 * trials))
    bound = math.exp(epsilon) / (1 + math.exp(epsilon))  # 0.622
    assert best <= bound + 0.03


def test_a_release_is_refused_when_its_privacy_map_exceeds_epsilon():
    with pytest.raises(ValueError):
        dp.noisy_count(5, epsilon=0)


def test_histogram_and_bounded_mean_go_through_opendp_pipelines():
    values = ["a"] * 500 + ["b"] * 300
    noisy = dp.dp_histogram(values, categories=["a", "b", "c"], epsilon=1.0)
    assert abs(noisy["a"] - 500) < 30 and abs(noisy["b"] - 300) < 30 and abs(noisy["c"]) < 30
    mean = dp.dp_bounded_mean([10_000] * 2000, bounds=(0, 20_000), epsilon=1.0)
    assert 9_000 < mean.value < 11_000


def test_accountant_refuses_what_goes_past_the_lifetime_budget():
    limit = budget.to_micro("1")
    spent = budget.check_spend(spent_micro=0, cost_micro=budget.to_micro("0.5"), limit_micro=limit)
    spent = budget.check_spend(spent_micro=spent, cost_micro=budget.to_micro("0.5"), limit_micro=limit)
    assert spent == limit
    with pytest.raises(budget.BudgetExceeded):
        budget.check_spend(spent_micro=spent, cost_micro=1, limit_micro=limit)


def test_a_thousand_small_spends_add_up_exactly():
    assert sum(budget.to_micro("0.001") for _ in range(1000)) == budget.to_micro("1")
    assert budget.from_micro(budget.to_micro(Decimal("0.123456"))) == Decimal("0.123456")
    with pytest.raises(ValueError):
        budget.to_micro("0.0000001")


@given(total=st.integers(min_value=0, max_value=10**12), parts=st.integers(min_value=1, max_value=500))
def test_split_shares_add_up_to_the_total(total, parts):
    shares = budget.split(total, parts)
    assert sum(shares) == total and max(shares) - min(shares) <= 1


@pytest.mark.parametrize(
    "template, params, code",
    [
        ("raw_sql", {"sql": "select * from consent_resume"}, "unknown_template"),
        ("candidates_count", {"sql": "1=1"}, "bad_param"),
        ("candidates_count", {"province": "'; drop table x; --"}, "bad_province"),
        ("candidates_count", {"skills": ["python", "java", "sql", "go"]}, "too_many_skills"),
        ("candidates_count", {"skills": ["13800138000"]}, "bad_skill"),
        ("salary_distribution", {"province": "广东"}, "missing_param"),
    ],
)
def test_only_allow_listed_templates_with_closed_domain_parameters_are_accepted(template, params, code):
    with pytest.raises(templates.TemplateError) as error:
        templates.plan(template, params)
    assert error.value.code == code


def test_release_suppresses_small_results_and_small_bins():
    # ε = 10 makes the noise a fraction of a person, so the outcome is certain in practice.
    plan = templates.plan("salary_distribution", {"role_category": "data"})
    assert templates.release(plan, people=2, true_value=[2] * 7, epsilon=10, threshold=10)["suppressed"] is True
    counts = [0, 50, 3, 0, 0, 0, 0]
    result = templates.release(plan, people=53, true_value=counts, epsilon=10, threshold=10)
    suppressed = [b["band"] for b in result["bins"] if b["suppressed"]]
    assert "10000-14999" in suppressed and "5000-9999" not in suppressed
    assert all(b["count"] is None for b in result["bins"] if b["suppressed"])


def test_skill_counts_cap_what_one_person_contributes():
    counts = templates.skill_counts([list(templates.SKILLS)], templates.SKILLS)
    assert sum(counts) == templates.MAX_SKILLS_PER_PERSON


@given(st.decimals(min_value=Decimal("0.001"), max_value=Decimal("100"), places=3))
def test_epsilon_is_read_the_same_from_a_decimal_a_string_or_a_float(epsilon):
    """A model field holds ε as the string it was assigned until it is read back."""
    assert dp._check_epsilon(str(epsilon)) == dp._check_epsilon(epsilon) == float(epsilon)
    assert isinstance(dp.noisy_count(10, epsilon=str(epsilon)), int)


@pytest.mark.parametrize("epsilon", ["", "abc", "nan", "inf", "-0.5", "0", True, None, [0.5]])
def test_epsilon_that_is_no_positive_number_is_refused_with_a_value_error(epsilon):
    with pytest.raises(ValueError, match="epsilon must be"):
        dp.noisy_count(10, epsilon=epsilon)


def test_the_reused_measurement_is_the_one_for_its_sensitivity_and_epsilon():
    # The checked measurement is built once per (shape, sensitivity, ε): each keeps its own scale.
    def spread(sensitivity, epsilon):
        samples = [dp.noisy_counts([100, 100], epsilon=epsilon, sensitivity=sensitivity) for _ in range(1500)]
        return sum(abs(value - 100) for pair in samples for value in pair) / (2 * len(samples))

    assert 0.8 < spread(1, 1) < 1.2
    assert 4.0 < spread(5, 1) < 6.0
    assert 4.0 < spread(1, 0.2) < 6.0


skill_lists = st.lists(
    st.lists(st.sampled_from([*templates.SKILLS[:8], " Python ", "SQL", "unknown", "项目管理"]), max_size=8), max_size=30
)


@given(skill_lists)
def test_skill_counts_from_grouped_lists_equal_those_from_each_person(lists):
    grouped: dict[tuple, int] = {}
    for skills in lists:
        grouped[tuple(skills)] = grouped.get(tuple(skills), 0) + 1
    pairs = [(list(skills), number) for skills, number in grouped.items()]
    assert templates.skill_counts_grouped(pairs, templates.SKILLS) == templates.skill_counts(lists, templates.SKILLS)
