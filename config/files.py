"""Stored files through Django's storage API, whichever backend holds them (config/storage.py).

No code assumes a local path: a web host and a worker host with different folders read
what the other wrote, because both go through `default_storage`.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import Storage, default_storage
from django.utils.translation import gettext_lazy as _

from config.errors import ApplicationError

logger = logging.getLogger(__name__)

# What an object store that is away or refusing raises: boto's own errors (connection refused,
# timeouts) and error answers (503 Slow Down, 500). The local folder's OSError is left as it was.
STORAGE_ERRORS = (BotoCoreError, ClientError)
STREAM_BLOCK_BYTES = 64 * 1024


class StorageUnavailable(ApplicationError):
    code = "storage_unavailable"
    status = 503


@contextmanager
def storage_writing() -> Iterator[None]:
    """A write the store refuses becomes a request to try again; the caller keeps nothing half-written."""
    try:
        yield
    except STORAGE_ERRORS as exc:
        logger.warning("the file store refused a write: %s", exc)
        raise StorageUnavailable(
            _(
                "The file could not be stored just now: the file store is not answering. "
                "Nothing was kept; please try again in a few minutes."
            )
        ) from exc


@contextmanager
def storage_reading() -> Iterator[None]:
    """A read the store cannot answer becomes a request to try again (a missing file stays an error)."""
    try:
        yield
    except STORAGE_ERRORS as exc:
        logger.warning("the file store refused a read: %s", exc)
        raise StorageUnavailable(_("The file store is not answering just now; please try again in a few minutes.")) from exc


def stored_file_stream(name: str, storage: Storage | None = None):
    """`name` opened for a streamed response: (file-like, size in bytes).

    On an object store the body is read as it arrives from the store, not fetched whole
    into memory or a temporary file first (which is what django-storages' S3File does).
    """
    storage = storage or default_storage
    handle = storage.open(name, "rb")
    remote = getattr(handle, "obj", None)  # django-storages' S3File: the boto3 object behind it
    if remote is None:
        return handle, handle.size
    handle.close()
    answer = remote.get()
    return answer["Body"], answer["ContentLength"]


def stored_objects(prefix: str, storage: Storage | None = None) -> Iterator[tuple[str, datetime]]:
    """Every stored name under `prefix` (a folder such as "licences/") with its modification time.

    An object store lists names and times together, a thousand a page; elsewhere the
    portable listdir walk asks each file's time.
    """
    storage = storage or default_storage
    bucket = getattr(storage, "bucket", None)
    if bucket is not None:
        location = storage.location.strip("/")
        start = f"{location}/" if location else ""
        for entry in bucket.objects.filter(Prefix=f"{start}{prefix}"):
            yield entry.key[len(start) :], entry.last_modified
        return
    try:
        folders, files = storage.listdir(prefix)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{prefix}{name}", storage.get_modified_time(f"{prefix}{name}")
    for folder in sorted(folders):
        yield from stored_objects(f"{prefix}{folder}/", storage)
