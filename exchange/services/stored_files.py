"""Stored files that no row names: removed once they are older than a grace period.

A file is written before the row that names it commits, so a process that dies in
between, or a transaction that rolls back after the write, leaves a file nothing
refers to; so does a delete that was due while the store was away. Nothing can
reach such a file. The sweep lists each folder a model stores into (the `upload_to`
of every FileField, and the encrypted resume folder), asks the database which names
are still referred to, a thousand at a time, and deletes the rest once they are
older than `EXCHANGE["ORPHAN_FILE_GRACE_HOURS"]` (a row still being committed is
never that old). Folders no model stores into are left alone.
"""

import logging
from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import islice

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

from config.files import stored_objects
from consent.models import ResumeUpload
from consent.services.uploads import RESUME_FOLDER

logger = logging.getLogger(__name__)
BATCH = 1000


def _referring_fields() -> dict[str, list[tuple[type[models.Model], str]]]:
    """Each folder files are stored in, with the (model, column) pairs that name them."""
    folders: dict[str, list[tuple[type[models.Model], str]]] = {RESUME_FOLDER: [(ResumeUpload, "stored_name")]}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and isinstance(field.upload_to, str) and field.upload_to:
                folder = field.upload_to.rstrip("/") + "/"
                folders.setdefault(folder, []).append((model, field.attname))
    return folders


def _batches(items: Iterator, size: int) -> Iterator[list]:
    while batch := list(islice(items, size)):
        yield batch


def stored_orphans_sweep(*, older_than: timedelta | None = None, now: datetime | None = None) -> dict[str, int]:
    """Delete stored files no row names and older than the grace period; returns what was seen and deleted.

    Safe to run any number of times, and beside uploads in flight: a file is deleted only
    when it is past the grace period and, checked in the same batch, no row names it.
    """
    if older_than is None:
        older_than = timedelta(hours=settings.EXCHANGE["ORPHAN_FILE_GRACE_HOURS"])
    cutoff = (now or timezone.now()) - older_than
    counts = {"checked": 0, "deleted": 0}
    for folder, referrers in sorted(_referring_fields().items()):
        old = (name for name, modified in stored_objects(folder) if modified < cutoff)
        for batch in _batches(old, BATCH):
            counts["checked"] += len(batch)
            named = set()
            for model, column in referrers:
                named.update(model._base_manager.filter(**{f"{column}__in": batch}).values_list(column, flat=True))
            for name in batch:
                if name not in named:
                    default_storage.delete(name)
                    counts["deleted"] += 1
    if counts["deleted"]:
        logger.info("orphan sweep deleted %(deleted)s of %(checked)s stored files past the grace period", counts)
    return counts
