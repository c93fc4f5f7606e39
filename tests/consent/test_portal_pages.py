"""The portal's pages: separate consent per purpose, nothing pre-ticked, one-click withdrawal,
every page served in both languages."""

import pytest
from django.test import Client

from consent.models import ConsentGrant, ConsentReceipt, Purpose

from ..factories import NoticeFactory, ResumeFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "/me/",
    "/me/resume/",
    "/me/resume/upload/",
    "/me/resume/review/",
    "/me/consents/",
    "/me/receipts/",
    "/me/blocklist/",
    "/me/rights/",
]


@pytest.fixture
def person_and_notices():
    resume = ResumeFactory()
    records = NoticeFactory(purpose=Purpose.RECORDS)
    statistics = NoticeFactory(provider=records.provider, purpose=Purpose.STATISTICS)
    return resume.owner, records, statistics


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_portal_page_renders_in_both_languages_and_fits_a_phone(person_and_notices, language):
    person, _records, _statistics = person_and_notices
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(person)
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{language}">' in html and 'name="viewport"' in html, url


def test_purposes_are_separate_and_nothing_is_pre_ticked(person_and_notices):
    person, records, statistics = person_and_notices
    client = Client()
    client.force_login(person)
    page = client.get("/me/consents/").content.decode()
    assert page.count('type="checkbox" name="agree"') == 2 and "checked" not in page
    # consenting to one purpose only, without ticking the box, does nothing
    client.post(f"/me/consents/{records.pk}/grant/", {})
    assert not ConsentGrant.objects.filter(user=person).exists()
    client.post(f"/me/consents/{records.pk}/grant/", {"agree": "yes"})
    grant = ConsentGrant.objects.get(user=person)
    assert grant.purpose == Purpose.RECORDS and grant.channel == "web" and grant.text_hash == records.text_hash("zh-hans")
    # declining statistics blocks nothing else in the portal
    for url in PAGES:
        assert client.get(url).status_code == 200
    assert not ConsentGrant.objects.filter(user=person, notice=statistics).exists()


def test_withdrawal_is_one_click_and_issues_a_receipt(person_and_notices):
    person, records, _statistics = person_and_notices
    client = Client()
    client.force_login(person)
    client.post(f"/me/consents/{records.pk}/grant/", {"agree": "yes"})
    grant = ConsentGrant.objects.get(user=person)
    response = client.post(f"/me/consents/grants/{grant.pk}/withdraw/")  # one request, no confirmation step
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.withdrawn_at is not None
    assert set(ConsentReceipt.objects.filter(user=person).values_list("event", flat=True)) == {"grant", "withdrawal"}


def test_the_notice_page_names_handler_recipients_methods_fields_retention_and_share(person_and_notices):
    person, records, _statistics = person_and_notices
    client = Client()
    client.force_login(person)
    page = client.get(f"/me/consents/notices/{records.pk}/").content.decode()
    for value in (
        records.provider.name,
        records.handler_contact,
        records.recipients,
        records.processing_methods,
        records.retention,
    ):
        assert value in page
    assert records.revenue_share in page and records.fields_used in page
