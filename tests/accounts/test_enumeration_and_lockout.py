"""Nobody learns from the exchange whether an e-mail has an account; a lockout stops guessing, not an office."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User

from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {"password1": "a-long-pass-2026", "password2": "a-long-pass-2026", "account_type": "jobseeker"}


def _signup(client, email):
    return client.post(reverse("account_signup"), {"email": email, **SIGNUP}, HTTP_ACCEPT_LANGUAGE="en")


def _page(response) -> str:
    """What the person sees, without the per-request CSRF token and the address they typed."""
    text = response.content.decode()
    text = re.sub(r"name=\"csrfmiddlewaretoken\" value=\"[^\"]+\"", "", text)
    text = re.sub(r"\"X-CSRFToken\": \"[^\"]+\"", "", text)
    return re.sub(r"[\w.+-]+@example\.com", "EMAIL", text)


def test_sign_up_answers_the_same_for_a_taken_and_a_new_email_and_mails_the_owner(client, settings):
    UserFactory(email="taken@example.com")
    taken = _signup(client, "Taken@example.com")
    taken_page = _page(client.get(taken["Location"])) if taken.status_code == 302 else _page(taken)
    client.logout()
    new = _signup(client, "new-person@example.com")
    new_page = _page(client.get(new["Location"])) if new.status_code == 302 else _page(new)

    assert taken.status_code == new.status_code == 302 and taken["Location"] == new["Location"]
    assert taken_page == new_page
    assert "already registered" not in taken_page
    # the taken address was not signed up twice; its owner is told by e-mail instead
    assert User.objects.filter(email__iexact="taken@example.com").count() == 1
    to_owner = [m for m in mail.outbox if m.to == ["Taken@example.com"] or m.to == ["taken@example.com"]]
    assert len(to_owner) == 1


def test_password_reset_answers_the_same_for_a_known_and_an_unknown_email(client):
    UserFactory(email="known@example.com")
    url = reverse("account_reset_password")
    known = client.post(url, {"email": "known@example.com"}, HTTP_ACCEPT_LANGUAGE="en")
    unknown = client.post(url, {"email": "nobody@example.com"}, HTTP_ACCEPT_LANGUAGE="en")
    assert known.status_code == unknown.status_code == 302 and known["Location"] == unknown["Location"]
    assert _page(client.get(known["Location"])) == _page(client.get(unknown["Location"]))
    # both get a mail: the known one a reset link, the unknown one "no account here"
    assert sorted(m.to[0] for m in mail.outbox) == ["known@example.com", "nobody@example.com"]
    assert "/password/reset/key/" in next(m.body for m in mail.outbox if m.to == ["known@example.com"])
    assert "/password/reset/key/" not in next(m.body for m in mail.outbox if m.to == ["nobody@example.com"])


def _login(client, email, password, ip):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip, HTTP_ACCEPT_LANGUAGE="en"
    )


def _locked(response) -> bool:
    return response.status_code == 429 or "Too many failed login attempts" in response.content.decode()


def test_one_person_mistyping_locks_only_themselves_not_their_office(client):
    mine, colleague = UserFactory(email="me@example.com"), UserFactory(email="colleague@example.com")
    office = "10.1.2.3"
    for _ in range(5):
        assert not _locked(_login(client, mine.email, "wrong-password", office))
    assert _locked(_login(client, mine.email, PASSWORD, office))
    # a colleague behind the same address signs in as usual
    signed_in = _login(client, colleague.email, PASSWORD, office)
    assert signed_in.status_code == 302 and not _locked(signed_in)


def test_guesses_spread_over_many_addresses_still_lock_the_account():
    from django.test import Client

    victim = UserFactory(email="victim@example.com")
    locked_at = None
    for attempt in range(1, 26):
        response = _login(Client(), victim.email, f"guess-{attempt}", f"203.0.113.{attempt}")
        if _locked(response):
            locked_at = attempt
            break
    # four guesses from each of five addresses: the twenty-first is refused, from any address
    assert locked_at == 21
    assert _locked(_login(Client(), victim.email, PASSWORD, "198.51.100.7"))


def test_a_right_password_is_not_counted_as_a_failure(client):
    person = UserFactory(email="person@example.com")
    for _ in range(8):
        response = _login(client, person.email, PASSWORD, "10.9.9.9")
        assert response.status_code == 302 and not _locked(response)
        client.logout()
    for _ in range(4):
        assert not _locked(_login(client, person.email, "wrong", "10.9.9.9"))
    assert _login(client, person.email, PASSWORD, "10.9.9.9").status_code == 302
