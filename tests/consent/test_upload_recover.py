"""An upload never waits forever: a lost parse task is sent again; a parse whose worker died is
refused with its own message, and its file is erased."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from consent.models import ResumeUpload
from consent.refusals import refusal_message
from consent.services import upload_accept
from consent.services.uploads import UPLOAD_LOST_AFTER, UPLOAD_RESEND_AFTER, uploads_recover

from ..factories import UserFactory
from .files import good_text
from .test_intake import _stored_files

pytestmark = pytest.mark.django_db


def test_a_lost_parse_task_is_sent_again_and_the_upload_is_parsed(django_capture_on_commit_callbacks):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=False):  # the task message is lost
        upload = upload_accept(user=person, data=good_text(), filename="cv.txt")
    assert ResumeUpload.objects.get(pk=upload.pk).status == ResumeUpload.Status.QUEUED

    with django_capture_on_commit_callbacks(execute=True):
        assert uploads_recover(now=timezone.now()) == {"interrupted": 0, "resent": 0}
        assert uploads_recover(now=timezone.now() + UPLOAD_RESEND_AFTER + timedelta(seconds=1)) == {
            "interrupted": 0,
            "resent": 1,
        }
    upload.refresh_from_db()
    assert upload.status == ResumeUpload.Status.PARSED and upload.parsed


def test_a_parse_whose_worker_died_is_refused_and_its_file_erased(django_capture_on_commit_callbacks):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=False):
        upload = upload_accept(user=person, data=good_text(), filename="cv.txt")
    # a worker claimed it and was killed
    ResumeUpload.objects.filter(pk=upload.pk).update(status=ResumeUpload.Status.PARSING, started_at=timezone.now())
    assert len(_stored_files()) == 1

    with django_capture_on_commit_callbacks(execute=True):
        assert uploads_recover(now=timezone.now())["interrupted"] == 0  # still inside the time limit
        assert uploads_recover(now=timezone.now() + UPLOAD_LOST_AFTER + timedelta(seconds=1))["interrupted"] == 1
    upload.refresh_from_db()
    assert upload.status == ResumeUpload.Status.FAILED and upload.error_code == "interrupted"
    assert upload.stored_name == "" and upload.text == ""
    assert _stored_files() == []
    with translation.override("en"):
        assert "interrupted" in refusal_message("interrupted")
    with translation.override("zh-hans"):
        assert refusal_message("interrupted") != refusal_message("corrupt")
