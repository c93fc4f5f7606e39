"""Encryption at rest: the raw columns and the stored file hold only Fernet ciphertext, and
`rotate_encryption_keys` moves everything to the newest key."""

from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection

from accounts.fields import encrypted_file_read
from consent.models import Resume, ResumeUpload
from consent.services import resume_save, upload_accept

from ..factories import UserFactory
from .files import good_pdf

pytestmark = pytest.mark.django_db

SECRETS = ["李晓梅", "13912345678", "li.xiaomei@example.com", "Pearl River Software"]


def _resume_and_upload(django_capture_on_commit_callbacks):
    person = UserFactory()
    resume_save(
        user=person,
        data={
            "full_name": "李晓梅",
            "phone": "13912345678",
            "contact_email": "li.xiaomei@example.com",
            "current_employer": "Pearl River Software Co",
            "birth_year": 1990,
            "province": "广东",
            "education_level": "bachelor",
            "years_experience": 4,
            "expected_salary": 25000,
            "skills": "Python, SQL",
            "work_history": [{"name": "Pearl River Software Co", "position": "Engineer", "startDate": "2019-07"}],
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        upload_accept(user=person, data=good_pdf(), filename="李晓梅-resume.pdf")
    return person


def _raw(sql: str, params) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchone())


def _stored_bytes() -> bytes:
    return b"".join(path.read_bytes() for path in Path(django_settings.MEDIA_ROOT).rglob("*") if path.is_file())


def test_raw_columns_and_files_hold_only_ciphertext(django_capture_on_commit_callbacks):
    person = _resume_and_upload(django_capture_on_commit_callbacks)
    resume_columns = _raw(
        "SELECT full_name, phone, contact_email, current_employer, work_history FROM consent_resume WHERE owner_id = %s",
        [person.pk],
    )
    upload_columns = _raw("SELECT original_name, text, parsed FROM consent_resumeupload WHERE owner_id = %s", [person.pk])
    for value in resume_columns + upload_columns:
        assert value.startswith("gAAAAA"), value[:20]  # a Fernet token
        assert not any(secret in value for secret in SECRETS)
    # and the model still reads the plaintext back
    upload = ResumeUpload.objects.get(owner=person)
    assert "13912345678" in upload.text and upload.parsed["basics"]["phone"] == "13912345678"
    assert Resume.objects.get(owner=person).work_history[0]["name"] == "Pearl River Software Co"
    # the stored file is ciphertext too: no PDF header, no name, no phone
    stored = _stored_bytes()
    assert stored and b"%PDF" not in stored and b"13912345678" not in stored
    assert encrypted_file_read(upload.stored_name).startswith(b"%PDF")


def test_rotation_moves_every_value_and_file_to_the_newest_key(settings, django_capture_on_commit_callbacks):
    person = _resume_and_upload(django_capture_on_commit_callbacks)
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    before = _raw("SELECT phone FROM consent_resume WHERE owner_id = %s", [person.pk])[0]

    # given a new key in front of the old one, when the command runs
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_encryption_keys")
    after = _raw("SELECT phone FROM consent_resume WHERE owner_id = %s", [person.pk])[0]
    assert after != before

    # then the old key can be dropped: everything reads under the new key alone
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    resume = Resume.objects.get(owner=person)
    assert resume.phone == "13912345678" and resume.work_history[0]["position"] == "Engineer"
    upload = ResumeUpload.objects.get(owner=person)
    assert upload.original_name == "李晓梅-resume.pdf"
    assert encrypted_file_read(upload.stored_name).startswith(b"%PDF")
    # and the old key alone can no longer read it
    settings.FIELD_ENCRYPTION_KEYS = [old_key]
    with pytest.raises(ValueError, match="unknown key"):
        Resume.objects.get(owner=person).phone  # noqa: B018
