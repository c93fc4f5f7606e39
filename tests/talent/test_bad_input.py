"""Every refused invitation through the REST API, in both languages: a specific message in each, nothing charged,
nothing written. A person who blocked the organisation is answered word for word as an unknown candidate."""

import re

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from consent.models import Resume
from consent.services import consent_withdraw, employer_block_add
from exchange.services.api_keys import api_key_create
from payouts import money
from payouts.models import JournalEntry
from payouts.selectors import wallet_balance
from talent.models import Handle, Invitation, TalentRules
from talent.services.search import handle_for

from ..factories import ResumeFactory
from .world import other_employer, world_create

pytestmark = pytest.mark.django_db
JOB = {"job_title": "Backend engineer", "description": "Build APIs.", "city": "深圳", "salary_min": 20000, "salary_max": 30000}
LANGUAGES = ("en", "zh-hans")
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _clients(merchant, user) -> dict[str, APIClient]:
    key = api_key_create(merchant=merchant, name="t", by=user)[1]
    clients = {}
    for language in LANGUAGES:
        client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
        client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
        clients[language] = client
    return clients


def _in(language: str, text: str, **params) -> str:
    with translation.override(language):
        return translation.gettext(text) % params if params else translation.gettext(text)


def _refused(clients, merchant, *, status: int, code: str, expected: str | None = None, **job) -> dict[str, str]:
    """POST the invitation in each language; it is refused with `code`, and neither charges nor writes anything."""
    before = (wallet_balance(merchant=merchant), Invitation.objects.count(), JournalEntry.objects.count())
    messages = {}
    for language, client in clients.items():
        response = client.post("/api/v1/talent/invitations/", {**JOB, **job}, format="json", HTTP_IDEMPOTENCY_KEY="")
        assert response.status_code == status, (language, response.json())
        error = response.json()["error"]
        assert error["code"] == code, (language, error)
        messages[language] = error["message"]
    assert (wallet_balance(merchant=merchant), Invitation.objects.count(), JournalEntry.objects.count()) == before
    # one sentence a person can act on, in each language, and really translated
    assert messages["en"] != messages["zh-hans"] and CHINESE.search(messages["zh-hans"]) and not CHINESE.search(messages["en"])
    if expected is not None:
        assert messages == {language: _in(language, expected) for language in LANGUAGES}
    return messages


def test_every_refused_invitation_has_its_own_message_in_both_languages_and_charges_nothing():
    world = world_create(people=6)
    employer, recruiter = world.employer, world.recruiter
    clients = _clients(employer, recruiter)
    cards = clients["en"].get("/api/v1/talent/search/").json()["cards"]
    handle = {h.user_id: h.handle for h in Handle.objects.filter(merchant=employer)}
    assert len(cards) == 6
    seen = {}

    # without the talent consent (a handle the organisation holds for someone who never joined the pool)
    outsider = ResumeFactory(status=Resume.Status.CONFIRMED).owner
    stray = Handle.objects.create(
        merchant=employer, user=outsider, handle=handle_for(merchant_id=employer.pk, user_id=outsider.pk)
    )
    seen["no consent"] = _refused(
        clients,
        employer,
        status=400,
        code="no_talent_consent",
        expected="This candidate has not agreed to receive invitations.",
        candidate=stray.handle,
    )

    # after the candidate withdrew the talent consent
    leaver = world.people[5]
    consent_withdraw(grant=leaver.consent_grants.get(purpose="talent"), by=leaver)
    seen["withdrew"] = _refused(
        clients,
        employer,
        status=400,
        code="candidate_withdrew",
        expected="This candidate has left the talent pool and no longer receives invitations.",
        candidate=handle[leaver.pk],
    )

    # to a person who blocked the organisation: exactly the answer for a handle that does not exist
    blocker = world.people[4]
    employer_block_add(user=blocker, merchant=employer)
    blocked = _refused(clients, employer, status=404, code="no_such_candidate", candidate=handle[blocker.pk])
    unknown = _refused(clients, employer, status=404, code="no_such_candidate", candidate="c_000000000000000000000000")
    assert blocked == unknown == {language: _in(language, "There is no such candidate.") for language in LANGUAGES}
    seen["no such candidate"] = blocked

    person = world.people[0]
    # with no salary range, null or left out: the field says what is missing
    both_null = {**JOB, "candidate": handle[person.pk], "salary_min": None, "salary_max": None}
    left_out = {name: value for name, value in {**JOB, "candidate": handle[person.pk]}.items() if name != "salary_min"}
    for body in (both_null, left_out):
        before = (wallet_balance(merchant=employer), JournalEntry.objects.count())
        for language, client in clients.items():
            response = client.post("/api/v1/talent/invitations/", body, format="json")
            said = _in(language, "State the monthly salary range: both ends are required.")
            assert response.status_code == 400 and response.json()["error"]["fields"]["salary_min"] == [said]
            assert bool(CHINESE.search(said)) == (language == "zh-hans")
        assert (wallet_balance(merchant=employer), JournalEntry.objects.count()) == before
        assert not Invitation.objects.exists()
    # with a range below the person's minimum (15,000)
    seen["below minimum"] = _refused(
        clients,
        employer,
        status=400,
        code="salary_below_minimum",
        expected="The salary range is below the minimum this candidate accepts; raise it to invite them.",
        candidate=handle[person.pk],
        salary_min=9000,
        salary_max=12000,
    )

    # with too little in the wallet (another organisation holding ¥19.99)
    poor, poor_member = other_employer(world, name="Thrifty Ltd", wallet_fen=1999)
    poor_clients = _clients(poor, poor_member)
    poor_clients["en"].get("/api/v1/talent/search/")
    poor_handle = Handle.objects.get(merchant=poor, user=person).handle
    seen["wallet"] = _refused(poor_clients, poor, status=402, code="insufficient_funds", candidate=poor_handle)
    for language in LANGUAGES:
        with translation.override(language):
            assert seen["wallet"][language] == _in(
                language,
                "Your wallet holds %(have)s and an invitation costs %(fee)s: top up the wallet, then send it again.",
                have=money.format_micros(money.fen_to_micros(1999)),
                fee=money.format_fen(2000),
            )

    # past the employer's daily cap (one sent today, the cap is one)
    TalentRules.objects.create(employer_daily_cap=1)
    first = clients["en"].post("/api/v1/talent/invitations/", {**JOB, "candidate": handle[person.pk]}, format="json")
    assert first.status_code == 201
    seen["employer cap"] = _refused(clients, employer, status=429, code="employer_cap", candidate=handle[world.people[1].pk])
    assert seen["employer cap"]["en"] == _in(
        "en",
        "Your organisation has sent %(n)s invitations in the last 24 hours, the most allowed; try again tomorrow.",
        n=1,
    )
    TalentRules.objects.update(employer_daily_cap=50)

    # the same job to the same person again
    seen["duplicate"] = _refused(
        clients,
        employer,
        status=409,
        code="duplicate_invitation",
        expected="You have already invited this candidate to this job.",
        candidate=handle[person.pk],
    )

    # past the candidate's weekly cap (one a week, already received)
    person.talent_profile.weekly_cap = 1
    person.talent_profile.save(update_fields=["weekly_cap"])
    seen["candidate cap"] = _refused(
        clients,
        employer,
        status=429,
        code="candidate_cap",
        expected="This candidate has received as many invitations this week as they accept; try again next week.",
        candidate=handle[person.pk],
        job_title="Another job",
    )

    # each refusal says its own thing
    for language in LANGUAGES:
        said = [messages[language] for messages in seen.values()]
        assert len(set(said)) == len(said), said
    assert Invitation.objects.count() == 1
