"""The talent REST API: search, invite with an Idempotency-Key, list, cancel, contact (logged).
No response names, contacts or describes a person who has not accepted that organisation's invitation."""

import json

import pytest
from rest_framework.test import APIClient

from exchange.services.api_keys import api_key_create
from payouts.selectors import wallet_balance
from talent.models import DisclosureView, Invitation
from talent.services import invitation_accept, invitation_decline

from .world import other_employer, secrets_of, world_create

pytestmark = pytest.mark.django_db
JOB = {"job_title": "Backend engineer", "description": "Build APIs.", "city": "深圳", "salary_min": 20000, "salary_max": 30000}


def _client(merchant, user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {api_key_create(merchant=merchant, name='t', by=user)[1]}")
    return client


def _secrets(world):
    return secrets_of(world)


def _assert_private(world, response) -> None:
    text = json.dumps(response.json(), ensure_ascii=False)
    for secret in _secrets(world):
        assert secret not in text


def test_search_invite_list_and_cancel_through_the_api():
    world = world_create(people=5)
    api = _client(world.employer, world.recruiter)
    found = api.get("/api/v1/talent/search/", {"role_category": "engineering", "skills": "python,sql"})
    assert found.status_code == 200 and found.json()["answered"] and len(found.json()["cards"]) == 5
    _assert_private(world, found)
    handle = found.json()["cards"][0]["handle"]
    before = wallet_balance(merchant=world.employer)
    first = api.post("/api/v1/talent/invitations/", {**JOB, "candidate": handle}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = api.post("/api/v1/talent/invitations/", {**JOB, "candidate": handle}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201 and again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert first.json()["id"] == again.json()["id"] and Invitation.objects.count() == 1
    assert wallet_balance(merchant=world.employer) == before - 20_000_000
    _assert_private(world, first)
    listing = api.get("/api/v1/talent/invitations/", {"status": "open"})
    assert [row["id"] for row in listing.json()["results"]] == [first.json()["id"]]
    _assert_private(world, listing)
    cancelled = api.post(f"/api/v1/talent/invitations/{first.json()['id']}/cancel/")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert wallet_balance(merchant=world.employer) == before


def test_bad_invitations_are_specific_errors_and_charge_nothing():
    world = world_create(people=5)
    api = _client(world.employer, world.recruiter)
    handle = api.get("/api/v1/talent/search/").json()["cards"][0]["handle"]
    before = wallet_balance(merchant=world.employer)
    no_salary = api.post("/api/v1/talent/invitations/", {**JOB, "salary_min": None, "candidate": handle}, format="json")
    assert no_salary.status_code == 400 and "salary_min" in no_salary.json()["error"]["fields"]
    low = api.post(
        "/api/v1/talent/invitations/", {**JOB, "salary_max": 12000, "salary_min": 9000, "candidate": handle}, format="json"
    )
    assert low.json()["error"]["code"] == "salary_below_minimum"
    unknown = api.post("/api/v1/talent/invitations/", {**JOB, "candidate": "c_nobody"}, format="json")
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "no_such_candidate"
    assert wallet_balance(merchant=world.employer) == before and not Invitation.objects.exists()


def test_the_contact_comes_after_acceptance_only_to_the_inviting_organisation_and_each_call_is_logged():
    world = world_create(people=5)
    api = _client(world.employer, world.recruiter)
    handle = api.get("/api/v1/talent/search/").json()["cards"][0]["handle"]
    invitation_id = api.post("/api/v1/talent/invitations/", {**JOB, "candidate": handle}, format="json").json()["id"]
    assert api.get(f"/api/v1/talent/invitations/{invitation_id}/contact/").status_code == 404
    invitation = Invitation.objects.get(pk=invitation_id)
    person = invitation.candidate
    invitation_accept(invitation=invitation, by=person, agree=True, language="en")
    detail = api.get(f"/api/v1/talent/invitations/{invitation_id}/")
    assert detail.json()["status"] == "accepted" and detail.json()["contact_available"] is True
    contact = api.get(f"/api/v1/talent/invitations/{invitation_id}/contact/").json()
    assert contact["name"] == person.resume.full_name and contact["email"] == person.resume.contact_email
    assert "phone" not in contact  # the person chose not to reveal it
    assert DisclosureView.objects.filter(channel="api", viewer=world.recruiter).count() == 1
    # another organisation learns nothing: not the invitation, not the contact
    other, member = other_employer(world)
    stranger = _client(other, member)
    assert stranger.get(f"/api/v1/talent/invitations/{invitation_id}/").status_code == 404
    assert stranger.get(f"/api/v1/talent/invitations/{invitation_id}/contact/").status_code == 404
    found = stranger.get("/api/v1/talent/search/")
    _assert_private(world, found)
    assert handle not in json.dumps(found.json())  # another organisation's handles differ


def test_a_declined_invitation_reads_declined_through_the_api_and_its_fee_returns():
    world = world_create(people=5)
    api = _client(world.employer, world.recruiter)
    handle = api.get("/api/v1/talent/search/").json()["cards"][0]["handle"]
    before = wallet_balance(merchant=world.employer)
    invitation_id = api.post("/api/v1/talent/invitations/", {**JOB, "candidate": handle}, format="json").json()["id"]
    invitation = Invitation.objects.get(pk=invitation_id)
    invitation_decline(invitation=invitation, by=invitation.candidate)
    assert wallet_balance(merchant=world.employer) == before
    assert api.get(f"/api/v1/talent/invitations/{invitation_id}/").json()["status"] == "declined"


def test_after_the_candidate_withdraws_the_api_loses_the_contact_at_once():
    from talent.services import disclosure_withdraw

    world = world_create(people=5)
    api = _client(world.employer, world.recruiter)
    handle = api.get("/api/v1/talent/search/").json()["cards"][0]["handle"]
    invitation_id = api.post("/api/v1/talent/invitations/", {**JOB, "candidate": handle}, format="json").json()["id"]
    invitation = Invitation.objects.get(pk=invitation_id)
    disclosure = invitation_accept(invitation=invitation, by=invitation.candidate, agree=True, language="en")
    assert api.get(f"/api/v1/talent/invitations/{invitation_id}/contact/").status_code == 200
    disclosure_withdraw(disclosure=disclosure, by=invitation.candidate)
    gone = api.get(f"/api/v1/talent/invitations/{invitation_id}/contact/")
    assert gone.status_code == 404
    _assert_private(world, gone)
    detail = api.get(f"/api/v1/talent/invitations/{invitation_id}/")
    assert detail.json()["status"] == "accepted" and detail.json()["contact_available"] is False
    _assert_private(world, detail)
    assert DisclosureView.objects.filter(channel="api").count() == 1  # the refused call was not a view
