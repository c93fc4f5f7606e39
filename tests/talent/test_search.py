"""Anonymous talent search: the consented pool, k, blocklist, handles, and what a card may carry."""

import json

import pytest

from consent.services import consent_withdraw, employer_block_add
from talent.exceptions import SearchRateLimited, TalentError
from talent.models import Handle, PoolRow, SearchLog, TalentRules
from talent.services import filters_clean, talent_search

from .world import other_employer, person_join, secrets_of, world_create

pytestmark = pytest.mark.django_db


def search(world, merchant=None, by=None, **filters):
    return talent_search(merchant=merchant or world.employer, by=by or world.recruiter, filters=filters_clean(filters))


def test_a_search_matching_k_people_answers_with_generalised_cards():
    world = world_create(people=5)
    result = search(world, role_category="engineering", province="广东")
    assert result.answered and len(result.cards) == 5
    for card in result.cards:
        assert set(card) == {
            "role_category",
            "province",
            "years_experience",
            "education_level",
            "expected_salary",
            "skills",
            "handle",
        }
        assert card["years_experience"] in {"3-5", "0-5", "*"}
    log = SearchLog.objects.get()
    assert log.outcome == "answered" and log.cards == 5 and log.filters["province"] == "广东"


def test_a_search_narrower_than_k_returns_no_cards():
    world = world_create(people=5)
    person_join(world, skills=["python", "java"])
    result = search(world, skills=["java"])
    assert not result.answered and result.cards == []
    assert SearchLog.objects.get().outcome == "too_few"
    assert not Handle.objects.filter(merchant=world.employer).exists()  # no handle was handed out either


def test_a_blocked_employer_finds_nothing():
    world = world_create(people=5)
    for person in world.people:
        employer_block_add(user=person, merchant=world.employer)
    assert not search(world).answered
    globex, member = other_employer(world)
    assert search(world, merchant=globex, by=member).answered


def test_one_block_takes_that_person_out_of_that_employers_cards_only():
    world = world_create(people=6)
    employer_block_add(user=world.people[0], merchant=world.employer)
    result = search(world)
    handles = {h.user_id for h in Handle.objects.filter(merchant=world.employer)}
    assert len(result.cards) == 5 and world.people[0].pk not in handles


def test_the_handle_differs_per_employer_and_is_stable_for_one():
    world = world_create(people=5)
    globex, member = other_employer(world)
    first = {c["handle"] for c in search(world).cards}
    again = {c["handle"] for c in search(world).cards}
    theirs = {c["handle"] for c in search(world, merchant=globex, by=member).cards}
    assert first == again and len(first) == 5
    assert first.isdisjoint(theirs)


def test_withdrawing_the_talent_purpose_leaves_the_pool_at_once(django_capture_on_commit_callbacks):
    world = world_create(people=5)
    grant = world.people[0].consent_grants.get(purpose="talent")
    with django_capture_on_commit_callbacks() as callbacks:
        consent_withdraw(grant=grant, by=world.people[0])
        # Before the pool row is tidied away, the query itself demands an active grant.
        assert not search(world).answered
    for callback in callbacks:
        callback()
    assert not PoolRow.objects.filter(user=world.people[0]).exists()


def test_cards_carry_no_name_contact_school_employer_or_free_text():
    world = world_create(people=5)
    result = search(world)
    text = json.dumps(result.cards, ensure_ascii=False)
    secrets = secrets_of(world)
    assert len(secrets) == 5 * 10
    for secret in secrets:
        assert secret not in text
    for word in ("清华", "北京大学", "Secret", "Hidden", "大学"):  # not even a part of a school's or employer's name
        assert word not in text
    assert "@" not in text


def test_filters_outside_the_vocabulary_are_refused_with_the_field_named():
    with pytest.raises(TalentError) as error:
        filters_clean({"province": "Atlantis", "skills": "python, basket weaving", "salary_min": "9000", "salary_max": "100"})
    assert set(error.value.fields) == {"province", "skills", "salary_max"}


def test_searches_are_rate_limited_per_employer():
    world = world_create(people=5)
    TalentRules.objects.create(searches_per_hour=2)
    search(world)
    search(world)
    with pytest.raises(SearchRateLimited):
        search(world)
    assert SearchLog.objects.count() == 2


def test_an_unverified_employer_cannot_search():
    world = world_create(people=5)
    world.employer.status = "pending"
    world.employer.save()
    with pytest.raises(Exception) as error:
        search(world)
    assert getattr(error.value, "code", "") == "not_verified"
