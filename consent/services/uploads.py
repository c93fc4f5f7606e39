"""Resume files: accept (judge by content, store encrypted), parse in a task, refuse cleanly."""

import logging
import uuid
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.fields import encrypted_file_delete, encrypted_file_read, encrypted_file_save
from accounts.models import User
from config.deferred import enqueue_on_commit
from config.files import StorageUnavailable, storage_reading, storage_writing

from ..exceptions import ResumeError
from ..intake import IntakeRefused, extract_text, sniff
from ..models import ResumeUpload
from ..parsing import parse_resume
from ..refusals import refusal_message

logger = logging.getLogger(__name__)

RESUME_FOLDER = "resume-uploads/"


def resume_file_name() -> str:
    """A fresh random name for an encrypted resume file (it says nothing about the person)."""
    return f"{RESUME_FOLDER}{uuid.uuid4().hex}.fernet"


def files_delete_on_commit(names: list[str]) -> None:
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [encrypted_file_delete(name) for name in names])


def upload_accept(*, user: User, data: bytes, filename: str) -> ResumeUpload:
    """Check the file by its content, store it encrypted and queue the parse task.

    Empty, oversize and mislabelled files are refused here with nothing written;
    the task refuses the rest (encrypted, scanned, corrupt, zip bomb) and erases
    the stored copy. A new upload replaces the person's earlier uploads. A file store
    that does not answer refuses the upload (StorageUnavailable) with nothing written;
    a file whose row never commits is left to the orphan sweep.
    """
    from ..tasks import upload_parse_task

    if not user.is_jobseeker:
        raise ResumeError(_("Only jobseekers have a resume."), code="not_a_jobseeker")
    try:
        kind = sniff(data, filename)
    except IntakeRefused as exc:
        raise ResumeError(refusal_message(exc.code), code=exc.code) from exc
    with storage_writing():  # the store away: the person is asked to try again, and no row is written
        stored = encrypted_file_save(name=resume_file_name(), data=data)
    try:
        with transaction.atomic():
            earlier = list(ResumeUpload.objects.filter(owner=user).values_list("stored_name", flat=True))
            ResumeUpload.objects.filter(owner=user).delete()
            files_delete_on_commit(earlier)
            upload = ResumeUpload.objects.create(
                owner=user, kind=kind, size=len(data), original_name=filename[:200], stored_name=stored
            )
            audit_record(
                action="resume.uploaded",
                actor_id=user.pk,
                subject_id=user.pk,
                object_type="resume_upload",
                object_id=upload.pk,
                data={"kind": kind, "size": len(data)},
            )
            enqueue_on_commit(upload_parse_task, upload.pk)
    except BaseException:
        encrypted_file_delete(stored)
        raise
    return upload


def _set(upload_id: int, **values) -> None:
    ResumeUpload.objects.filter(pk=upload_id).update(**values)


def upload_refuse(*, upload: ResumeUpload, code: str) -> ResumeUpload:
    """Keep only the reason: the file, its text and any fields are erased."""
    with transaction.atomic():
        _set(
            upload.pk,
            status=ResumeUpload.Status.FAILED,
            error_code=code,
            progress=100,
            original_name="",
            stored_name="",
            text="",
            parsed=None,
            size=0,
            finished_at=timezone.now(),
        )
        files_delete_on_commit([upload.stored_name])
    upload.refresh_from_db()
    return upload


def upload_parse(*, upload_id: int) -> ResumeUpload | None:
    """Extract and parse one upload. Claimed with a conditional update: a duplicate task does nothing."""
    claimed = ResumeUpload.objects.filter(pk=upload_id, status=ResumeUpload.Status.QUEUED).update(
        status=ResumeUpload.Status.PARSING, progress=10, started_at=timezone.now()
    )
    upload = ResumeUpload.objects.filter(pk=upload_id).first()
    if not claimed or upload is None:
        return upload
    try:
        with storage_reading():
            data = encrypted_file_read(upload.stored_name)
    except StorageUnavailable:
        # The store is away: the upload waits, queued, for uploads_recover to send it again.
        _set(upload_id, status=ResumeUpload.Status.QUEUED, progress=0, started_at=None)
        raise
    _set(upload_id, progress=30)

    def page_read(done: int, total: int) -> None:
        # OCR reads a page in seconds: the progress page shows each page as it is done.
        _set(upload_id, pages=total, pages_read=done, progress=30 + int(40 * done / max(total, 1)))

    try:
        _kind, text = extract_text(data, upload.original_name, on_page=page_read)
        _set(upload_id, progress=70)
        parsed = parse_resume(text)
    except IntakeRefused as exc:
        return upload_refuse(upload=upload, code=exc.code)
    except Exception:
        # A file that breaks the readers in a way we did not foresee (or a time limit): the person
        # is told it cannot be read and nothing is kept; the error still fails the task loudly.
        logger.exception("resume upload %s could not be read", upload_id)
        upload_refuse(upload=upload, code="corrupt")
        raise
    _set(
        upload_id,
        text=text,
        parsed=parsed,
        status=ResumeUpload.Status.PARSED,
        progress=100,
        finished_at=timezone.now(),
    )
    upload.refresh_from_db()
    return upload


# A queued upload not picked up this long after it was made is sent again (a lost message,
# a broker outage); one still being read well past the task's hard time limit lost its worker.
UPLOAD_RESEND_AFTER = timedelta(minutes=5)
UPLOAD_LOST_AFTER = timedelta(seconds=180 + 120)


def uploads_recover(*, now: datetime | None = None) -> dict[str, int]:
    """Re-send lost parse tasks; refuse (and erase) uploads whose worker died. Safe to run any number of times."""
    from ..tasks import upload_parse_task

    now = now or timezone.now()
    interrupted = 0
    # Past the parse task's hard time limit, the worker that claimed it is gone: it cannot finish now.
    stuck = ResumeUpload.objects.filter(status=ResumeUpload.Status.PARSING, started_at__lt=now - UPLOAD_LOST_AFTER)
    for upload in stuck.order_by("id")[:500]:
        upload_refuse(upload=upload, code="interrupted")
        interrupted += 1
    resent = 0
    lost = ResumeUpload.objects.filter(status=ResumeUpload.Status.QUEUED, created_at__lt=now - UPLOAD_RESEND_AFTER)
    for upload_id in lost.order_by("id").values_list("id", flat=True)[:500]:
        enqueue_on_commit(upload_parse_task, upload_id)  # the parse claims with a conditional update
        resent += 1
    return {"interrupted": interrupted, "resent": resent}
