"""Sign-up asks each kind of account only what it needs: a jobseeker nothing about organisations."""

import re

import pytest
from django.urls import reverse

from accounts.models import Membership, Merchant, User

pytestmark = pytest.mark.django_db


def _row(page: str, name: str) -> str:
    """The opening tag of the field's row on the sign-up page."""
    return re.search(rf'<div class="mb-3 signup-field-{name}"[^>]*>', page).group(0)


def test_company_fields_are_marked_for_companies_and_the_rest_for_everyone(client):
    page = client.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for name in ("organisation_name", "industry", "wants_to_provide"):
        assert 'data-account-types="merchant_new"' in _row(page, name)
    assert 'data-account-types="merchant_join"' in _row(page, "invite_code")
    for name in ("email", "password1", "display_name"):
        assert "data-account-types" not in _row(page, name)
    assert "js/signup.js" in page and 'id="signup-account-type"' in page


def test_a_jobseeker_who_typed_into_company_fields_gets_no_organisation(client):
    # Without JavaScript every field shows; what a jobseeker types into a company's fields is dropped.
    response = client.post(
        reverse("account_signup"),
        {
            "email": "seeker@example.com",
            "password1": "a-long-pass-2026",
            "password2": "a-long-pass-2026",
            "account_type": "jobseeker",
            "organisation_name": "Typed By Mistake Ltd",
            "industry": "not-an-industry",
            "invite_code": "nonsense",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    user = User.objects.get(email="seeker@example.com")
    assert user.kind == User.Kind.JOBSEEKER
    assert not Merchant.objects.filter(name="Typed By Mistake Ltd").exists()
    assert not Membership.objects.filter(user=user).exists()
