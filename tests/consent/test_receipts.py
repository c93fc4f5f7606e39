"""Signed consent receipts: every grant and withdrawal has one, it verifies, and any changed byte fails."""

import base64
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consent.keys import receipt_public_key
from consent.models import ConsentReceipt
from consent.receipts import ReceiptInvalid, canonical, receipt_sign, receipt_verify
from consent.services import consent_grant, consent_withdraw

from ..factories import NoticeFactory, ResumeFactory

pytestmark = pytest.mark.django_db

KANTARA_FIELDS = {
    "version",
    "jurisdiction",
    "consentTimestamp",
    "collectionMethod",
    "consentReceiptID",
    "publicKey",
    "language",
    "piiPrincipalId",
    "piiControllers",
    "policyUrl",
    "services",
    "sensitive",
    "spiCat",
}


@pytest.fixture
def granted():
    resume = ResumeFactory()
    notice = NoticeFactory()
    grant = consent_grant(user=resume.owner, notice=notice, language="zh-hans")
    return resume.owner, notice, grant


def _offline_key(client: Client) -> Ed25519PublicKey:
    """The key as anyone would fetch it from the published endpoint."""
    published = client.get("/api/v1/receipts/public-key/").json()
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(published["public_key_b64"]))


def test_a_grant_and_its_withdrawal_each_get_a_receipt_that_verifies_offline(granted):
    person, notice, grant = granted
    consent_withdraw(grant=grant, by=person)
    receipts = {r.event: r for r in ConsentReceipt.objects.filter(user=person)}
    assert set(receipts) == {"grant", "withdrawal"}
    key = _offline_key(Client())
    for event, receipt in receipts.items():
        body = receipt_verify(receipt.document.encode(), key)
        assert KANTARA_FIELDS <= set(body)
        record = body["iso27560"]
        assert record["event"] == event and record["grantIds"] == [grant.pk]
        assert record["noticeVersion"] == notice.version
        assert record["noticeTextSha256"] == notice.text_hash("zh-hans") == grant.text_hash
        assert body["piiControllers"][0]["piiController"] == notice.provider.name
        # the receipt names no one: a pseudonym, never the e-mail address
        assert person.email not in receipt.document
    assert receipts["withdrawal"].document != receipts["grant"].document


def test_any_changed_byte_fails_verification(granted):
    person, _notice, _grant = granted
    document = ConsentReceipt.objects.get(user=person).document.encode()
    key = receipt_public_key()
    assert receipt_verify(document, key)

    @settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
    @given(position=st.integers(min_value=0, max_value=len(document) - 1), new=st.integers(min_value=0, max_value=255))
    def changed(position, new):
        if document[position] == new:
            return
        tampered = document[:position] + bytes([new]) + document[position + 1 :]
        with pytest.raises(ReceiptInvalid):
            receipt_verify(tampered, key)

    changed()


def test_a_receipt_signed_by_another_key_fails():
    other = Ed25519PrivateKey.generate()
    forged = receipt_sign({"version": "KI-CR-v1.1.0"}, other)
    with pytest.raises(ReceiptInvalid):
        receipt_verify(forged, receipt_public_key())


def test_the_public_page_and_the_api_verify_a_receipt_and_reject_a_tampered_one(granted):
    person, _notice, _grant = granted
    document = ConsentReceipt.objects.get(user=person).document
    tampered = document.replace('"jurisdiction":"CN"', '"jurisdiction":"US"')
    client = Client(HTTP_ACCEPT_LANGUAGE="en")  # anyone, not signed in

    assert client.post("/api/v1/receipts/verify/", data=document, content_type="application/json").json()["valid"] is True
    assert client.post("/api/v1/receipts/verify/", {"document": document}, content_type="application/json").json()["valid"]
    rejected = client.post("/api/v1/receipts/verify/", data=tampered, content_type="application/json").json()
    assert rejected == {"valid": False, "reason": "bad_signature"}

    page = client.post("/receipts/verify/", {"receipt": document}).content.decode()
    assert "Valid: this receipt was signed by the exchange" in page
    page = client.post("/receipts/verify/", {"receipt": tampered}).content.decode()
    assert "Not valid" in page
    pem = client.get("/receipts/public-key/?format=pem").content.decode()
    assert pem.startswith("-----BEGIN PUBLIC KEY-----")


def test_the_person_downloads_exactly_the_signed_bytes(granted):
    person, _notice, _grant = granted
    receipt = ConsentReceipt.objects.get(user=person)
    client = Client()
    client.force_login(person)
    response = client.get(f"/me/receipts/{receipt.receipt_id}.json")
    assert response["Content-Disposition"].startswith("attachment")
    assert receipt_verify(response.content, receipt_public_key())
    assert "receipt-download" in client.get("/me/receipts/").content.decode()


def test_someone_else_cannot_download_my_receipt(granted):
    person, _notice, _grant = granted
    receipt = ConsentReceipt.objects.get(user=person)
    stranger = ResumeFactory().owner
    client = Client()
    client.force_login(stranger)
    assert client.get(f"/me/receipts/{receipt.receipt_id}.json").status_code == 404


def test_canonical_form_is_what_is_signed():
    key = Ed25519PrivateKey.generate()
    document = receipt_sign({"b": 1, "a": "中文"}, key)
    assert document == canonical(json.loads(document))
    assert receipt_verify(document, key.public_key()) == {"a": "中文", "b": 1}
