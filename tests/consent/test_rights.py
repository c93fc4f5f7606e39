"""Withdrawal, the employer blocklist and the data-subject rights, through the services and pages."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client

from accounts.fields import fernet
from accounts.models import AuditEvent, User
from consent.keys import receipt_public_key
from consent.models import ConsentGrant, ConsentReceipt, Resume, ResumeUpload
from consent.receipts import receipt_verify
from consent.selectors import blocked_user_ids, resumes_consented
from consent.services import account_delete, consent_withdraw, employer_block_add, employer_block_remove, upload_accept
from consent.signals import consent_withdrawn
from exchange.models import ProductVersion, VersionMember
from payouts.models import LedgerAccount
from payouts.selectors import account_balance, earnings_for_user, ledger_violations

from ..factories import MerchantFactory
from ..flow import build_start, buy, list_and_fund, product_define, world_create

pytestmark = pytest.mark.django_db

RESIDENT_ID = "11010519900307001X"


def _sold_world(django_capture_on_commit_callbacks, people: int = 8):
    world = world_create(people=people)
    product = product_define(world, k=2)
    with django_capture_on_commit_callbacks(execute=True):
        version = build_start(world, product)
    version.refresh_from_db()
    assert version.status == ProductVersion.Status.READY, version.error
    list_and_fund(world, product)
    with django_capture_on_commit_callbacks(execute=True):
        buy(world, product)
    return world, product, version


def test_after_withdrawal_the_person_is_absent_from_the_next_build(django_capture_on_commit_callbacks):
    world, product, first = _sold_world(django_capture_on_commit_callbacks)
    person = next(u for u in world.jobseekers if VersionMember.objects.filter(version=first, user=u).exists())
    heard = []
    consent_withdrawn.connect(lambda sender, **kw: heard.append(kw), weak=False, dispatch_uid="test-heard")
    try:
        grant = ConsentGrant.objects.get(user=person, withdrawn_at__isnull=True)
        with django_capture_on_commit_callbacks(execute=True):
            consent_withdraw(grant=grant, by=person)
    finally:
        consent_withdrawn.disconnect(dispatch_uid="test-heard")
    # the one documented entry point was announced, once, with the grant and the person
    assert heard == [{"grant_id": grant.pk, "user_id": person.pk, "signal": consent_withdrawn}]
    # builds exclude the person from this moment
    assert not resumes_consented(provider=world.provider, purpose=product.purpose).filter(owner=person).exists()
    newest = ProductVersion.objects.filter(product=product).order_by("-number").first()
    assert newest.number > first.number and newest.status == ProductVersion.Status.READY
    assert VersionMember.objects.filter(version=newest).exists()
    assert not VersionMember.objects.filter(version=newest, user=person).exists()
    # money already earned stays the person's
    assert earnings_for_user(user=person).total > 0


def test_blocked_user_ids_names_exactly_the_people_who_blocked_a_merchant():
    world = world_create(people=3)
    employer = MerchantFactory(name="Current Employer Ltd")
    a, b, c = world.jobseekers
    employer_block_add(user=a, merchant=employer)
    employer_block_add(user=b, merchant=employer)
    employer_block_add(user=a, merchant=employer)  # twice is once
    employer_block_add(user=c, merchant=world.buyer)
    assert blocked_user_ids(merchant=employer) == {a.pk, b.pk}
    employer_block_remove(user=b, merchant=employer)
    assert blocked_user_ids(merchant=employer) == {a.pk}
    assert blocked_user_ids(merchant=world.provider) == set()


def test_the_blocklist_page_finds_and_blocks_a_merchant():
    world = world_create(people=1)
    person = world.jobseekers[0]
    client = Client()
    client.force_login(person)
    found = client.get("/me/blocklist/?q=acme", HTTP_HX_REQUEST="true").content.decode()
    assert "Acme Employer" in found and "<html" not in found
    client.post("/me/blocklist/", {"merchant": world.buyer.pk})
    assert blocked_user_ids(merchant=world.buyer) == {person.pk}
    assert "Acme Employer" in client.get("/me/blocklist/").content.decode()


def test_download_my_data_holds_profile_resume_consents_receipts_sales_and_earnings(django_capture_on_commit_callbacks):
    world, _product, version = _sold_world(django_capture_on_commit_callbacks)
    person = VersionMember.objects.filter(version=version).first().user
    client = Client()
    client.force_login(person)
    response = client.get("/me/rights/my-data.json")
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    resume = Resume.objects.get(owner=person)
    assert data["profile"]["email"] == person.email
    assert data["resume"]["basics"]["name"] == resume.full_name and data["resume"]["basics"]["phone"] == resume.phone
    assert [c["grant_id"] for c in data["consents"]] == list(
        ConsentGrant.objects.filter(user=person).values_list("pk", flat=True)
    )
    assert all(
        receipt_verify(json.dumps(r, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(), receipt_public_key())
        for r in data["receipts"]
    )
    assert len(data["sales"]) == 1 and data["sales"][0]["buyer"] == world.buyer.name
    earnings = earnings_for_user(user=person)
    assert data["earnings"]["total_micros"] == earnings.total == data["sales"][0]["share_micros"] > 0


def _database_dump() -> str:
    """Every row of every table, as text (a logical dump, like pg_dump or sqlite .dump)."""
    lines = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            lines += [f"{table}: {row!r}" for row in cursor.fetchall()]
    return "\n".join(lines)


def _readable(dump: str) -> str:
    """The dump plus the plaintext of every Fernet token in it that the current keys open."""
    opened = []
    for token in re.findall(r"gAAAAA[A-Za-z0-9_\-=]+", dump):
        try:
            opened.append(fernet().decrypt(token.encode()).decode())
        except Exception:  # noqa: BLE001, S112 (not a token of ours)
            continue
    return dump + "\n" + "\n".join(opened)


def _media() -> str:
    texts = []
    for path in Path(django_settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            texts.append(raw.decode("utf-8", "replace"))
            try:
                texts.append(fernet().decrypt(raw).decode("utf-8", "replace"))
            except Exception:  # noqa: BLE001, S112
                continue
    return "\n".join(texts)


def test_after_deletion_no_trace_of_the_person_is_left_but_the_ledger_is(django_capture_on_commit_callbacks):
    # given a person who is in a sold version, with an uploaded resume holding her ID number
    world, _product, version = _sold_world(django_capture_on_commit_callbacks)
    person = VersionMember.objects.filter(version=version).first().user
    resume = Resume.objects.get(owner=person)
    secrets = [resume.full_name, resume.phone, person.email, RESIDENT_ID]
    text = f"姓名：{resume.full_name}\n手机：{resume.phone}\n邮箱：{person.email}\n身份证：{RESIDENT_ID}\n出生年份：1990\n"
    with django_capture_on_commit_callbacks(execute=True):
        upload_accept(user=person, data=text.encode(), filename=f"{resume.full_name}.txt")
    assert ResumeUpload.objects.get(owner=person).status == ResumeUpload.Status.PARSED
    before = _readable(_database_dump()) + _media()
    assert all(secret in before for secret in secrets)  # the search can find them while they exist
    earned = earnings_for_user(user=person).total
    accounts = list(LedgerAccount.objects.filter(user=person).values_list("pk", flat=True))
    person_id = person.pk

    # when she deletes her account
    with django_capture_on_commit_callbacks(execute=True):
        receipt = account_delete(user=person)

    # then neither the database nor the media holds her name, phone, e-mail or ID number
    after = _readable(_database_dump()) + _media()
    assert [secret for secret in secrets if secret in after] == []
    assert not User.objects.filter(pk=person_id).exists()
    # and her consents are withdrawn, kept only as unnamed records
    assert not ConsentGrant.objects.filter(withdrawn_at__isnull=True, user__isnull=True).exists()
    # and the ledger is kept under the pseudonymous accounts, sound and unchanged
    assert ledger_violations() == []
    kept = LedgerAccount.objects.filter(pk__in=accounts)
    assert kept.count() == len(accounts) and all(a.user_id is None for a in kept)
    assert sum(account_balance(account=a) for a in kept if a.kind.startswith("subject")) == earned
    # and she holds a signed deletion receipt that names no one
    body = receipt_verify(receipt.document.encode(), receipt_public_key())
    assert body["iso27560"]["event"] == "deletion" and receipt.user_id is None
    assert ConsentReceipt.objects.filter(event="withdrawal", grant__isnull=False).exists()
    assert AuditEvent.objects.filter(action="account.deleted", subject_id=person_id).exists()


def test_the_delete_page_needs_the_box_ticked_then_signs_out_and_shows_the_receipt():
    world = world_create(people=1)
    person = world.jobseekers[0]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(person)
    client.post("/me/rights/delete/", {})
    assert User.objects.filter(pk=person.pk).exists()
    page = client.post("/me/rights/delete/", {"confirm": "on"}).content.decode()
    assert "Your account is deleted" in page and "deletion-receipt" in page
    assert not User.objects.filter(pk=person.pk).exists()
    assert client.get("/me/").status_code == 302  # signed out
