"""Resume intake: good files are read and parsed by the task; every bad file is refused with its
own message and leaves nothing stored."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from consent.intake import IntakeRefused, extract_text
from consent.models import Resume, ResumeUpload
from consent.refusals import REFUSALS

from ..factories import UserFactory
from .files import BAD_FILES, good_docx, good_pdf, good_text

pytestmark = pytest.mark.django_db


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.mark.parametrize(("name", "make", "code"), BAD_FILES, ids=[f"{code}-{name}" for name, _m, code in BAD_FILES])
def test_each_bad_file_is_refused_for_its_own_reason(name, make, code):
    with pytest.raises(IntakeRefused) as refused:
        extract_text(make(), name)
    assert refused.value.code == code


def test_every_refusal_has_its_own_message_in_both_languages():
    with translation.override("en"):
        messages_en = {code: str(message) for code, message in REFUSALS.items()}
    assert len(set(messages_en.values())) == len(REFUSALS)  # no two reasons share a message
    assert {code for _name, _make, code in BAD_FILES} <= set(REFUSALS)
    with translation.override("zh-hans"):
        messages_zh = {code: str(message) for code, message in REFUSALS.items()}
    assert len(set(messages_zh.values())) == len(REFUSALS)
    for code, message in messages_zh.items():  # each one translated, not the English left in place
        assert message != messages_en[code] and any("\u4e00" <= ch <= "\u9fff" for ch in message), code


@pytest.mark.parametrize(("name", "make", "code"), BAD_FILES, ids=[f"{code}-{name}" for name, _m, code in BAD_FILES])
def test_a_bad_upload_shows_its_message_and_keeps_nothing(name, make, code, django_capture_on_commit_callbacks):
    # given a jobseeker on the upload page, reading English
    person = UserFactory()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(person)
    # when she uploads the bad file (the parse task runs inline)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/me/resume/upload/", {"file": SimpleUploadedFile(name, make())})
    # then she reads the specific reason, on the upload page or, once the task ran, on the progress page
    response = client.get(response["Location"]) if response.status_code == 302 else response
    assert response.status_code == 200
    with translation.override("en"):
        expected = str(REFUSALS[code])
    assert expected in response.content.decode()
    # and nothing of the file is kept: no file on disk, no text, no fields, no resume
    assert _stored_files() == []
    assert not Resume.objects.filter(owner=person).exists()
    for upload in ResumeUpload.objects.filter(owner=person):
        assert upload.status == ResumeUpload.Status.FAILED
        assert (upload.stored_name, upload.text, upload.parsed, upload.original_name, upload.size) == ("", "", None, "", 0)


def test_a_bad_upload_is_refused_in_chinese_for_a_chinese_reader(django_capture_on_commit_callbacks):
    person = UserFactory()
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(person)
    response = client.post("/me/resume/upload/", {"file": SimpleUploadedFile("cv.pdf", b"")})
    assert "该文件为空。请选择包含您简历的文件。" in response.content.decode()


@pytest.mark.parametrize(("name", "make"), [("cv.pdf", good_pdf), ("cv.docx", good_docx), ("cv.txt", good_text)])
def test_a_good_file_is_parsed_by_the_task_and_prefills_the_form_but_is_not_used(name, make, django_capture_on_commit_callbacks):
    # given a jobseeker
    person = UserFactory()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(person)
    # when she uploads her resume
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/me/resume/upload/", {"file": SimpleUploadedFile(name, make())})
    upload = ResumeUpload.objects.get(owner=person)
    assert response.status_code == 302 and response["Location"].endswith(f"/me/resume/upload/{upload.pk}/")
    # then the task read it and the progress partial says so
    assert upload.status == ResumeUpload.Status.PARSED and upload.progress == 100
    partial = client.get(f"/me/resume/upload/{upload.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "review-parsed" in partial and "hx-trigger" not in partial  # polling stops when done
    # and the form is pre-filled with what was found, for her to correct
    form = client.get("/me/resume/?from=upload").content.decode()
    for value in ("Li Xiaomei", "13912345678", "li.xiaomei@example.com", "1990", "Pearl River Software Co Ltd", "25000"):
        assert value in form
    # but nothing is used until she saves and confirms it
    assert not Resume.objects.filter(owner=person).exists()


def test_the_progress_page_polls_while_the_task_is_waiting():
    person = UserFactory()
    upload = ResumeUpload.objects.create(owner=person, kind="pdf", size=10, stored_name="x", progress=10)
    client = Client()
    client.force_login(person)
    partial = client.get(f"/me/resume/upload/{upload.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in partial and 'aria-valuenow="10"' in partial


def test_parsing_twice_is_harmless(django_capture_on_commit_callbacks):
    from consent.services import upload_accept, upload_parse

    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        upload = upload_accept(user=person, data=good_text(), filename="cv.txt")
    upload.refresh_from_db()
    again = upload_parse(upload_id=upload.pk)  # a duplicate delivery of the task
    assert again.status == ResumeUpload.Status.PARSED and again.parsed == upload.parsed


def test_a_new_upload_replaces_the_earlier_one_and_its_file(django_capture_on_commit_callbacks):
    from consent.services import upload_accept

    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        upload_accept(user=person, data=good_text(), filename="cv.txt")
    with django_capture_on_commit_callbacks(execute=True):
        upload_accept(user=person, data=good_pdf(), filename="cv.pdf")
    assert ResumeUpload.objects.filter(owner=person).count() == 1
    assert len(_stored_files()) == 1


def test_under_sixteen_is_refused_with_a_clear_message():
    person = UserFactory()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(person)
    response = client.post(
        "/me/resume/",
        {
            "full_name": "小明",
            "birth_year": "2015",
            "province": "广东",
            "years_experience": "0",
            "expected_salary": "3000",
            "gender": "M",
            "education_level": "high_school",
            "industry": "other",
            "role_category": "other",
            "work-TOTAL_FORMS": "1",
            "work-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Too young: you must be at least 16." in response.content.decode()
    assert not Resume.objects.filter(owner=person).exists()


def test_damaged_files_are_refused_never_crash_the_reader():
    """Random byte damage to real PDF and DOCX files: each is read or refused, nothing else."""
    import random

    rng = random.Random(20261129)
    bases = [("cv.pdf", good_pdf()), ("cv.docx", good_docx())]
    for round_number in range(300):
        name, base = bases[round_number % 2]
        data = bytearray(base)
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.3:
            data = data[: rng.randrange(len(data))]
        try:
            extract_text(bytes(data), name)
        except IntakeRefused as refused:
            assert refused.code in REFUSALS
