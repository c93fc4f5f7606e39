"""The language a person switches to is saved on their account, so e-mails reach them in it."""

import pytest
from django.urls import reverse

from accounts.models import User

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_switching_language_is_saved_on_the_account_and_the_page_follows(client):
    person = UserFactory(language="zh-hans")
    client.force_login(person)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/me/"})
    assert response.status_code == 302 and response["Location"] == "/me/"
    assert User.objects.get(pk=person.pk).language == "en"
    assert '<html lang="en">' in client.get("/me/").content.decode()


def test_an_unknown_language_changes_nothing(client):
    person = UserFactory(language="zh-hans")
    client.force_login(person)
    client.post(reverse("set_language"), {"language": "xx", "next": "/me/"})
    assert User.objects.get(pk=person.pk).language == "zh-hans"


def test_an_anonymous_visitor_switches_only_the_browser(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/catalog/"})
    assert response.status_code == 302
    assert client.cookies["django_language"].value == "en"
