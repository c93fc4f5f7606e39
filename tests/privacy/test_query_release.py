"""Query answers give nothing away for free: suppression is decided on noisy counts only."""

from hypothesis import given, settings
from hypothesis import strategies as st

from privacy import templates

histogram = templates.plan("experience_distribution", {})
skills = templates.plan("top_skills", {"role_category": "engineering"})
count = templates.plan("candidates_count", {})


def shifted(offsets):
    """Noise that adds known offsets, so the decision rule can be checked exactly."""
    calls = iter(offsets)

    def noise(values, *, epsilon, sensitivity):
        assert epsilon > 0
        return [value + next(calls) for value in values]

    return noise


@settings(max_examples=200, deadline=None)
@given(
    people=st.integers(min_value=0, max_value=60),
    bins=st.lists(st.integers(min_value=0, max_value=40), min_size=5, max_size=5),
    offsets=st.lists(st.integers(min_value=-15, max_value=15), min_size=6, max_size=6),
    threshold=st.integers(min_value=2, max_value=20),
)
def test_bins_are_suppressed_on_their_noisy_count_only(people, bins, offsets, threshold):
    result = templates.release(histogram, people=people, true_value=bins, epsilon=1, threshold=threshold, noise=shifted(offsets))
    if people + offsets[0] < threshold:
        assert result == {"suppressed": True, "reason": "fewer_than_threshold", "threshold": threshold}
        return
    noisy = [value + offset for value, offset in zip(bins, offsets[1:], strict=True)]
    assert [b["suppressed"] for b in result["bins"]] == [value < threshold for value in noisy]
    assert [b["count"] for b in result["bins"]] == [value if value >= threshold else None for value in noisy]


@settings(max_examples=200, deadline=None)
@given(
    true_bins=st.tuples(
        st.lists(st.integers(min_value=0, max_value=40), min_size=5, max_size=5),
        st.lists(st.integers(min_value=0, max_value=40), min_size=5, max_size=5),
    ),
    noisy=st.lists(st.integers(min_value=-5, max_value=60), min_size=6, max_size=6),
    people=st.tuples(st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60)),
)
def test_two_pools_with_the_same_noisy_counts_get_the_same_answer(true_bins, noisy, people):
    # Whatever the true counts, an answer is a function of the noisy ones alone.
    answers = []
    for bins, head in zip(true_bins, people, strict=True):
        offsets = [noisy[0] - head] + [n - b for n, b in zip(noisy[1:], bins, strict=True)]
        answers.append(
            templates.release(histogram, people=head, true_value=bins, epsilon=1, threshold=10, noise=shifted(offsets))
        )
    assert answers[0] == answers[1]


@settings(max_examples=100, deadline=None)
@given(people=st.integers(min_value=0, max_value=30), offset=st.integers(min_value=-12, max_value=12))
def test_a_count_is_suppressed_on_its_noisy_value(people, offset):
    result = templates.release(count, people=people, true_value=people, epsilon=1, threshold=10, noise=shifted([offset]))
    assert result.get("suppressed") is (people + offset < 10)
    if not result["suppressed"]:
        assert result["count"] == people + offset


def test_top_skills_keep_only_skills_whose_noisy_count_reaches_the_threshold():
    true = [0] * len(skills.vocabulary)
    true[0], true[1] = 30, 9
    offsets = [0] + [0] * len(true)
    offsets[1 + 1] = 1  # the second skill's noisy count is 10: released although 9 people hold it
    result = templates.release(skills, people=40, true_value=true, epsilon=1, threshold=10, noise=shifted(offsets))
    assert [item["skill"] for item in result["skills"]] == [skills.vocabulary[0], skills.vocabulary[1]]


def test_real_noise_spends_the_epsilon_it_is_given():
    result = templates.release(histogram, people=500, true_value=[100] * 5, epsilon=1, threshold=10)
    assert result["suppressed"] is False and len(result["bins"]) == 5
