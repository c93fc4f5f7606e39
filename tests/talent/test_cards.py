"""Candidate cards come from the privacy engine: every answered search's set of cards is k-anonymous on the
attributes a card shows and k^m-anonymous (m = 2) on its skills, by pycanon and by the k^m checker."""

import random

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pycanon import anonymity

from privacy.kmcheck import is_km_anonymous
from privacy.vocabulary import FAMILIES, SKILLS
from talent.models import EDUCATION_RANK, Handle, SearchLog
from talent.rules import EDUCATION_LEVELS, EXPERIENCE_BANDS, PROVINCES, ROLE_CATEGORIES, talent_k
from talent.services import filters_clean, talent_search
from talent.services import search as search_service
from talent.services.search import CARD_QUASI_IDENTIFIERS, cards_release

from ..release_breaking import broken_after
from .world import person_join, world_create

# A narrow slice of the vocabulary, so that skills repeat and classes share itemsets (or fail to).
SOME_SKILLS = ["python", "sql", "java", "excel", "sales", "go", "react", "pandas"]


def pycanon_k(cards: list[dict]) -> int:
    frame = pd.DataFrame([{q: str(card[q]) for q in CARD_QUASI_IDENTIFIERS} for card in cards])
    return int(anonymity.k_anonymity(frame, CARD_QUASI_IDENTIFIERS))


def assert_cards_safe(cards: list[dict], k: int) -> None:
    assert cards
    assert pycanon_k(cards) >= k
    assert is_km_anonymous(cards, CARD_QUASI_IDENTIFIERS, "skills", k=k, m=2)
    released = {value for card in cards for value in card["skills"]}
    assert released <= set(SKILLS) | set(FAMILIES)  # never a value outside the vocabulary


pool_record = st.fixed_dictionaries(
    {
        "role_category": st.sampled_from([*ROLE_CATEGORIES, "juggler"]),
        "province": st.sampled_from([*PROVINCES[:6], ""]),
        "years_experience": st.integers(min_value=0, max_value=30),
        "education_level": st.sampled_from([*EDUCATION_LEVELS, ""]),
        "expected_salary": st.one_of(st.none(), st.integers(min_value=0, max_value=80_000)),
        "skills": st.lists(st.sampled_from([*SOME_SKILLS, "8 years", "负责团队管理"]), max_size=6, unique=True),
    }
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pool=st.lists(pool_record, min_size=2, max_size=80), k=st.integers(min_value=2, max_value=8))
def test_every_set_of_cards_meets_k_by_pycanon_and_km_on_skills_by_the_checker(pool, k):
    records = [{**record, "handle": f"c_{index:04d}"} for index, record in enumerate(pool)]
    cards = cards_release(records, k=k, m=2)
    if len(records) < k:
        assert cards is None  # the search never asks then, and the engine refuses too
        return
    assert cards is not None
    assert sorted(card["handle"] for card in cards) == [record["handle"] for record in records]  # nobody hidden
    assert_cards_safe(cards, k)
    for card in cards:
        assert set(card) == {*CARD_QUASI_IDENTIFIERS, "skills", "handle"}
        assert card["role_category"] in {*ROLE_CATEGORIES, "*"}
        assert card["years_experience"] in {*EXPERIENCE_BANDS, "0-5", "6+", "*"}


def _resume(rng: random.Random) -> dict:
    return {
        "province": rng.choice(["广东", "广西", "福建", "北京"]),
        "years_experience": rng.randint(0, 25),
        "education_level": rng.choice(EDUCATION_LEVELS),
        "expected_salary": rng.choice([None, *range(6000, 60000, 3500)]),
        "skills": rng.sample(SOME_SKILLS, rng.randint(0, 4)),
    }


def _matches(resume: dict, filters: dict) -> bool:
    """Whether a person of the pool matches `filters`, worked out from what they put in their resume."""
    if not set(filters.get("skills", [])) <= set(resume["skills"]):
        return False
    if "experience" in filters:
        low, high = EXPERIENCE_BANDS[filters["experience"]]
        if resume["years_experience"] < low or (high is not None and resume["years_experience"] > high):
            return False
    if "education" in filters and EDUCATION_RANK[resume["education_level"]] < EDUCATION_RANK[filters["education"]]:
        return False
    salary = resume["expected_salary"]
    if "salary_min" in filters and (salary is None or salary < filters["salary_min"]):
        return False
    return "salary_max" not in filters or (salary is not None and salary <= filters["salary_max"])


def _filters(rng: random.Random) -> dict:
    filters: dict = {}
    if rng.random() < 0.5:
        filters["skills"] = rng.sample(SOME_SKILLS[:4], rng.randint(1, 2))
    if rng.random() < 0.4:
        filters["experience"] = rng.choice(list(EXPERIENCE_BANDS))
    if rng.random() < 0.4:
        filters["education"] = rng.choice(EDUCATION_LEVELS)
    if rng.random() < 0.3:
        filters["salary_min"] = rng.choice([10000, 20000, 30000])
    if rng.random() < 0.2:
        filters["salary_max"] = rng.choice([25000, 45000])
    return filters


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [3, 17])
def test_on_random_pools_every_answered_search_is_k_and_km_anonymous_and_narrower_ones_answer_nothing(seed):
    rng = random.Random(seed)
    world = world_create(people=0)
    resumes = [_resume(rng) for _ in range(18)]
    for resume in resumes:
        person_join(world, **resume)
    k = talent_k()
    seen = {"answered": 0, "too_few": 0}
    for _ in range(10):
        filters = _filters(rng)
        matching = sum(_matches(resume, filters) for resume in resumes)
        result = talent_search(merchant=world.employer, by=world.recruiter, filters=filters_clean(filters))
        if matching < k:
            assert not result.answered and result.cards == [], filters
            seen["too_few"] += 1
        else:
            assert result.answered and len(result.cards) == matching, filters
            assert_cards_safe(result.cards, k)
            seen["answered"] += 1
    assert seen["answered"] and seen["too_few"]  # both sides of k were exercised
    assert SearchLog.objects.filter(outcome="too_few").count() == seen["too_few"]


@pytest.mark.django_db
@pytest.mark.parametrize("broken", ["k", "km"])
def test_cards_that_fail_the_independent_check_are_withheld(monkeypatch, broken):
    world = world_create(people=6)
    generalise_then_break = broken_after(search_service.generalise_records, broken, column="expected_salary", value="95000-99999")
    monkeypatch.setattr(search_service, "generalise_records", generalise_then_break)
    result = talent_search(merchant=world.employer, by=world.recruiter, filters=filters_clean({}))
    assert not result.answered and result.cards == [] and not result.more
    log = SearchLog.objects.get()
    assert log.outcome == "withheld" and log.cards == 0
    assert not Handle.objects.filter(merchant=world.employer).exists()


@pytest.mark.parametrize(("language", "names"), [("en", ["Python", "Software development"]), ("zh-hans", ["Python", "软件开发"])])
def test_a_skill_family_on_a_card_reads_as_the_familys_name(language, names):
    from django.utils import translation

    from talent.labels import card_display

    card = {q: "*" for q in CARD_QUASI_IDENTIFIERS} | {"handle": "c_x", "skills": ["python", "software_development"]}
    with translation.override(language):
        assert card_display(card)["skills"] == names
