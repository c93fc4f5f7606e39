"""A jobseeker sees every version that includes them, sold or not, and what a withdrawal did to it."""

import pytest
from django.test import Client

from consent.models import ConsentGrant
from consent.services import consent_withdraw
from exchange.models import ProductVersion, VersionMember

from ..factories import PASSWORD, UserFactory
from ..flow import build_start, product_define, world_create

pytestmark = pytest.mark.django_db


def _page(user) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.login(email=user.email, password=PASSWORD)
    response = client.get("/me/products/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_member_sees_an_unsold_version_and_its_withdrawal(django_capture_on_commit_callbacks):
    world = world_create(people=6)
    product = product_define(world, k=2)
    with django_capture_on_commit_callbacks(execute=True):
        version = build_start(world, product)
    member = VersionMember.objects.filter(version=version).select_related("user").first().user

    page = _page(member)
    assert product.title in page and world.provider.name in page and 'data-status="ready"' in page

    grant = ConsentGrant.objects.get(user=member, withdrawn_at__isnull=True)
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(grant=grant, by=member)
    assert ProductVersion.objects.get(pk=version.pk).status == ProductVersion.Status.WITHDRAWN
    page = _page(member)
    assert 'data-status="withdrawn"' in page and "withdrawn" in page


def test_someone_not_in_the_version_sees_nothing_of_it_and_merchants_are_refused(django_capture_on_commit_callbacks):
    world = world_create(people=6)
    product = product_define(world, k=2)
    with django_capture_on_commit_callbacks(execute=True):
        build_start(world, product)
    outsider = UserFactory()
    assert product.title not in _page(outsider)

    client = Client()
    client.force_login(world.buyer_user)
    assert client.get("/me/products/").status_code == 403
    assert Client().get("/me/products/").status_code == 302  # anonymous: to the login page
