"""The parse task on the production stack: PostgreSQL and a real Celery worker on Redis."""

import time

import pytest

from consent.models import ResumeUpload
from consent.services import upload_accept

from ..factories import UserFactory
from .files import encrypted_pdf, good_docx

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def _finished(upload_id: int, seconds: float = 30.0) -> ResumeUpload:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        upload = ResumeUpload.objects.get(pk=upload_id)
        if upload.status in (ResumeUpload.Status.PARSED, ResumeUpload.Status.FAILED):
            return upload
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the worker")


def test_the_worker_parses_a_good_file_and_refuses_a_locked_one(postgres, celery_worker):
    person = UserFactory()
    good = upload_accept(user=person, data=good_docx(), filename="cv.docx")
    parsed = _finished(good.pk)
    assert parsed.status == ResumeUpload.Status.PARSED and parsed.progress == 100
    assert parsed.parsed["basics"]["phone"] == "13912345678"

    locked = upload_accept(user=person, data=encrypted_pdf(), filename="cv.pdf")
    refused = _finished(locked.pk)
    assert (refused.status, refused.error_code, refused.stored_name, refused.text) == ("failed", "encrypted_pdf", "", "")
