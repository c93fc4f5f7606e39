"""The exchange's receipt signing key (Ed25519), from settings.RECEIPT_SIGNING_KEY."""

from functools import cache

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

from .receipts import private_key_from_seed


@cache
def _private(seed: str) -> Ed25519PrivateKey:
    return private_key_from_seed(seed)


def receipt_private_key() -> Ed25519PrivateKey:
    return _private(settings.RECEIPT_SIGNING_KEY)


def receipt_public_key() -> Ed25519PublicKey:
    return receipt_private_key().public_key()
