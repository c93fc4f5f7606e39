"""Authenticated encryption at rest for personal data (Fernet / MultiFernet).

Keys come from settings.FIELD_ENCRYPTION_KEYS, newest first: values are always
written under the newest key and read under any of them, so rotation is adding a
key in front and re-encrypting (`rotate_encryption_keys`).
"""

import json
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    return fernet().decrypt(token)


class EncryptedTextField(models.TextField):
    """A text column that holds only Fernet ciphertext in the database."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        try:
            return decrypt_bytes(value.encode()).decode()
        except InvalidToken as exc:  # a wrong key must not read as empty data
            raise ValueError(f"Cannot decrypt {self.model.__name__}.{self.name}: unknown key") from exc

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_bytes(value.encode()).decode()


def rotate_token(token: bytes) -> bytes:
    """Re-encrypt one token under the newest key (MultiFernet.rotate keeps its timestamp)."""
    return fernet().rotate(token)


# Encrypted files: the storage only ever holds Fernet tokens, never the plaintext. Every read and
# write goes through the storage API (a local folder or an object store, config/storage.py).


def encrypted_file_save(*, name: str, data: bytes) -> str:
    """Store `data` encrypted under the newest key; returns the storage name to keep."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    return default_storage.save(name, ContentFile(encrypt_bytes(data)))


def encrypted_file_read(name: str) -> bytes:
    from django.core.files.storage import default_storage

    with default_storage.open(name, "rb") as handle:
        return decrypt_bytes(handle.read())


def encrypted_file_rotate(name: str, *, into: str) -> str:
    """Re-encrypt the stored file `name` under the newest key as a new file named `into`; returns its name.

    A new file rather than one replaced in place: every store writes a new object whole,
    so a crash leaves the old file intact. The caller points its row at the new name and
    deletes the old file once that commits.
    """
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    with default_storage.open(name, "rb") as handle:
        token = rotate_token(handle.read())
    return default_storage.save(into, ContentFile(token))


def encrypted_file_delete(name: str) -> None:
    """Delete a stored file; a store that is away leaves it to the orphan sweep (nothing names it now)."""
    import logging

    from django.core.files.storage import default_storage

    from config.files import STORAGE_ERRORS

    if not name:
        return
    try:
        default_storage.delete(name)
    except STORAGE_ERRORS as exc:
        logging.getLogger(__name__).warning("a stored file was left for the orphan sweep: %s", exc)


class EncryptedJSONField(EncryptedTextField):
    """JSON kept as Fernet ciphertext (e.g. a work history naming employers)."""

    def from_db_value(self, value, expression, connection):
        text = super().from_db_value(value, expression, connection)
        if text is None or text == "":
            return None
        return json.loads(text)

    def to_python(self, value):
        if isinstance(value, str) and value:
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    def get_prep_value(self, value):
        if value is None:
            return None
        return encrypt_bytes(json.dumps(value, ensure_ascii=False, sort_keys=True).encode()).decode()

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj), ensure_ascii=False)
