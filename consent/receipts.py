"""Signed consent receipts: canonical JSON signed with Ed25519.

A receipt document is the canonical JSON (sorted keys, no spaces, UTF-8) of
`{"receipt": {...}, "signature": {"alg", "kid", "value"}}` where `value` is the
hex Ed25519 signature over the canonical JSON of `receipt`. Verification demands
the exact canonical bytes, so changing any byte of a document (content,
signature or mere whitespace) fails. Anyone can verify offline with the public
key the exchange publishes; this module needs no Django.
"""

from __future__ import annotations

import base64
import hashlib
import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ALGORITHM = "Ed25519"


def canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def private_key_from_seed(seed_b64: str) -> Ed25519PrivateKey:
    seed = base64.b64decode(seed_b64)
    if len(seed) != 32:
        raise ValueError("RECEIPT_SIGNING_KEY must be base64 of a 32-byte Ed25519 seed")
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key_raw(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_key_pem(public_key: Ed25519PublicKey) -> str:
    return public_key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode()


def key_id(public_key: Ed25519PublicKey) -> str:
    """A short fingerprint of the public key: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(public_key_raw(public_key)).hexdigest()[:16]


def receipt_sign(receipt: dict, private_key: Ed25519PrivateKey) -> bytes:
    """The signed receipt document, as the exact bytes to store and hand out."""
    public_key = private_key.public_key()
    signature = private_key.sign(canonical(receipt)).hex()
    return canonical({"receipt": receipt, "signature": {"alg": ALGORITHM, "kid": key_id(public_key), "value": signature}})


class ReceiptInvalid(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def receipt_verify(document: bytes, public_key: Ed25519PublicKey) -> dict:
    """The receipt inside `document` if its signature holds; ReceiptInvalid(code) if not."""
    try:
        parsed = json.loads(document.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReceiptInvalid("not_json") from exc
    if not isinstance(parsed, dict) or set(parsed) != {"receipt", "signature"} or not isinstance(parsed["signature"], dict):
        raise ReceiptInvalid("not_a_receipt")
    if canonical(parsed) != document:
        raise ReceiptInvalid("not_canonical")
    signature = parsed["signature"]
    if signature.get("alg") != ALGORITHM or signature.get("kid") != key_id(public_key):
        raise ReceiptInvalid("unknown_key")
    value = signature.get("value")
    try:
        raw = bytes.fromhex(value) if isinstance(value, str) and value == value.lower() else None
    except ValueError:
        raw = None
    if raw is None or len(raw) != 64:
        raise ReceiptInvalid("bad_signature")
    try:
        public_key.verify(raw, canonical(parsed["receipt"]))
    except InvalidSignature as exc:
        raise ReceiptInvalid("bad_signature") from exc
    return parsed["receipt"]
