"""A notice names recipients, methods, fields, retention and revenue share in the reader's language,
and the grant's hash and receipt are of exactly what that reader was shown."""

import json

import pytest
from django.test import Client

from consent.services import consent_grant

from ..factories import NoticeFactory, UserFactory

pytestmark = pytest.mark.django_db

ZH = {
    "recipients": "经核验的雇主",
    "processing_methods": "去标识化、k-匿名",
    "fields_used": "年龄段、性别、省份",
    "retention": "3 年",
    "revenue_share": "每笔销售额的 30% 分给成员",
}
EN = {f"{name}_en": value for name, value in {
    "recipients": "Verified employers",
    "processing_methods": "De-identification, k-anonymity",
    "fields_used": "Age band, gender, province",
    "retention": "3 years",
    "revenue_share": "30% of each sale is split among the members",
}.items()}  # fmt: skip


@pytest.fixture
def notice():
    return NoticeFactory(**ZH, **EN)


@pytest.mark.parametrize(("language", "shown", "hidden"), [("en", EN, ZH), ("zh-hans", ZH, EN)])
def test_the_notice_page_speaks_the_readers_language(notice, language, shown, hidden):
    person = UserFactory()
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(person)
    page = client.get(f"/me/consents/notices/{notice.pk}/").content.decode()
    assert all(value in page for value in shown.values())
    assert not any(value in page for value in hidden.values())


def test_the_grant_hashes_and_the_receipt_names_what_this_reader_saw(notice):
    english, chinese = UserFactory(), UserFactory()
    grant_en = consent_grant(user=english, notice=notice, language="en")
    grant_zh = consent_grant(user=chinese, notice=notice, language="zh-hans")
    assert grant_en.text_hash == notice.text_hash("en") != notice.text_hash("zh-hans") == grant_zh.text_hash
    assert "Verified employers" in notice.text("en") and "经核验的雇主" in notice.text("zh-hans")

    from consent.models import ConsentReceipt

    receipt_en = json.loads(ConsentReceipt.objects.get(grant=grant_en, event="grant").document)
    receipt_zh = json.loads(ConsentReceipt.objects.get(grant=grant_zh, event="grant").document)
    assert "Verified employers" in json.dumps(receipt_en, ensure_ascii=False)
    assert "经核验的雇主" in json.dumps(receipt_zh, ensure_ascii=False)


def test_a_notice_without_english_details_shows_the_same_details_in_both_languages():
    old = NoticeFactory(**ZH)
    assert old.details("en") == old.details("zh-hans") == ZH
