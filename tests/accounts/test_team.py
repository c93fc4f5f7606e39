"""A merchant organisation's team: invite code, joining, roles, removal — all checked server-side."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.exceptions import MerchantError
from accounts.models import AuditEvent, Membership, User
from accounts.services import membership_remove, membership_role_change, merchant_invite_rotate

from ..factories import MerchantFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    merchant = MerchantFactory(name="Acme Employer")
    owner = member_of(merchant, Membership.Role.OWNER)
    admin = member_of(merchant, Membership.Role.ADMIN)
    member = member_of(merchant, Membership.Role.MEMBER)
    return merchant, owner, admin, member


def _membership(user):
    return Membership.objects.get(user=user)


def test_a_colleague_joins_with_the_invite_code_the_owner_sees(client, team):
    merchant, owner, _admin, _member = team
    client.force_login(owner)
    page = client.get(reverse("exchange:team")).content.decode()
    assert merchant.invite_code in page

    client.logout()
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new.colleague@example.com",
            "password1": "a-long-pass-2026",
            "password2": "a-long-pass-2026",
            "account_type": "merchant_join",
            "invite_code": merchant.invite_code,
        },
    )
    assert response.status_code == 302
    joined = User.objects.get(email="new.colleague@example.com")
    assert joined.kind == User.Kind.MERCHANT
    assert _membership(joined).merchant == merchant and _membership(joined).role == Membership.Role.MEMBER


def test_a_plain_member_does_not_see_the_invite_code(client, team):
    merchant, _owner, _admin, member = team
    client.force_login(member)
    assert merchant.invite_code not in client.get(reverse("exchange:team")).content.decode()


def test_a_new_code_stops_the_old_one(client, team):
    merchant, owner, _admin, member = team
    old = merchant.invite_code
    with pytest.raises(MerchantError):
        merchant_invite_rotate(merchant=merchant, by=member)
    merchant_invite_rotate(merchant=merchant, by=owner)
    merchant.refresh_from_db()
    assert merchant.invite_code != old
    response = client.post(
        reverse("account_signup"),
        {"email": "late@example.com", "password1": "a-long-pass-2026", "password2": "a-long-pass-2026",
         "account_type": "merchant_join", "invite_code": old},
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert "That invite code is not valid" in response.content.decode()
    assert not User.objects.filter(email="late@example.com").exists()


def test_only_an_owner_changes_roles_and_one_owner_always_remains(team):
    _merchant, owner, admin, member = team
    with pytest.raises(MerchantError) as not_owner:
        membership_role_change(membership=_membership(member), role=Membership.Role.ADMIN, by=admin)
    assert not_owner.value.code == "not_allowed"
    with translation.override("en"), pytest.raises(MerchantError) as last:
        membership_role_change(membership=_membership(owner), role=Membership.Role.MEMBER, by=owner)
    assert last.value.code == "last_owner" and "at least one owner" in str(last.value.message)
    assert _membership(owner).role == Membership.Role.OWNER

    membership_role_change(membership=_membership(admin), role=Membership.Role.OWNER, by=owner)
    membership_role_change(membership=_membership(owner), role=Membership.Role.MEMBER, by=admin)
    assert _membership(owner).role == Membership.Role.MEMBER
    assert AuditEvent.objects.filter(action="membership.role_changed").count() == 2


def test_admins_remove_members_but_not_owners(team):
    _merchant, owner, admin, member = team
    with pytest.raises(MerchantError):
        membership_remove(membership=_membership(owner), by=admin)
    with pytest.raises(MerchantError):
        membership_remove(membership=_membership(admin), by=member)
    membership_remove(membership=_membership(member), by=admin)
    assert not Membership.objects.filter(user=member).exists()
    with pytest.raises(MerchantError) as last:
        membership_remove(membership=_membership(owner), by=owner)
    assert last.value.code == "last_owner"


def test_another_organisation_cannot_touch_this_team(client, team):
    _merchant, _owner, _admin, member = team
    other = MerchantFactory(name="Nosy Corp")
    stranger = member_of(other, Membership.Role.OWNER)
    client.force_login(stranger)
    response = client.post(reverse("exchange:team"), {"action": "remove", "membership": _membership(member).pk})
    assert response.status_code == 404
    assert Membership.objects.filter(user=member).exists()
    assert "Acme Employer" not in client.get(reverse("exchange:team")).content.decode()
