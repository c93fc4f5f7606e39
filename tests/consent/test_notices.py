"""Consent notices: versioned, immutable once published, bilingual, published by staff."""

import pytest
from django.db import DatabaseError, transaction
from django.test import Client
from django.utils import translation

from accounts.models import AuditEvent
from consent.exceptions import ConsentError
from consent.models import ConsentNotice
from consent.services import consent_grant, notice_publish

from ..factories import NoticeFactory, ResumeFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_staff_publish_a_draft_notice_in_the_admin_and_it_becomes_read_only():
    draft = NoticeFactory(published_at=None)
    staff = StaffFactory()
    client = Client()
    client.force_login(staff)
    client.post("/admin/consent/consentnotice/", {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_published
    assert AuditEvent.objects.filter(action="notice.published", object_id=str(draft.pk), actor_id=staff.pk).exists()
    page = client.get(f"/admin/consent/consentnotice/{draft.pk}/change/").content.decode()
    assert 'name="body_en"' not in page  # every field is read-only now
    with pytest.raises(ConsentError):
        notice_publish(notice=draft, by=staff)


def test_a_grant_to_an_outdated_version_is_refused():
    first = NoticeFactory()
    NoticeFactory(provider=first.provider, purpose=first.purpose, version=2, body_en="New terms.")
    with translation.override("en"), pytest.raises(ConsentError, match="newer version"):
        consent_grant(user=ResumeFactory().owner, notice=first, language="en")


def test_the_text_shown_and_hashed_depends_on_the_language():
    notice = NoticeFactory()
    assert notice.title_zh in notice.text("zh-hans") and notice.title_en not in notice.text("zh-hans")
    assert notice.title_en in notice.text("en")
    assert notice.text_hash("zh-hans") != notice.text_hash("en")


def test_postgresql_refuses_to_change_or_delete_a_published_notice(postgres):
    published = NoticeFactory()
    draft = NoticeFactory(published_at=None, provider=published.provider, purpose="statistics")
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        ConsentNotice.objects.filter(pk=published.pk).update(body_en="Quietly different terms.")
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        ConsentNotice.objects.filter(pk=published.pk).delete()
    # a draft may still be edited and deleted
    ConsentNotice.objects.filter(pk=draft.pk).update(body_en="Better wording.")
    ConsentNotice.objects.filter(pk=draft.pk).delete()
