"""Files on an S3-compatible object store (SeaweedFS, through django-storages): resumes stay
ciphertext, parsing reads from the bucket, builds write to it and downloads stream from it."""

import hashlib
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from accounts.fields import encrypted_file_read
from config.storage import S3_BACKEND, default_storage_from_url
from consent.models import ResumeUpload
from consent.services import upload_accept
from exchange.models import ProductVersion
from exchange.services.orders import download_link_create

from ..consent.files import good_pdf
from ..factories import PASSWORD, UserFactory
from ..flow import build_start, buy, legal_opinion_pdf, list_and_fund, product_define, world_create

pytestmark = pytest.mark.django_db


def _local_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_storage_url_chooses_the_backend():
    assert default_storage_from_url("") == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    aws = default_storage_from_url("s3://exchange-files/prod", region="cn-north-1")
    assert aws["BACKEND"] == S3_BACKEND
    assert (aws["OPTIONS"]["bucket_name"], aws["OPTIONS"]["location"], aws["OPTIONS"]["region_name"]) == (
        "exchange-files",
        "prod",
        "cn-north-1",
    )
    assert "endpoint_url" not in aws["OPTIONS"] and "access_key" not in aws["OPTIONS"]
    own = default_storage_from_url("https://key%2F1:se%40cret@store.internal:8333/files/a/b")["OPTIONS"]
    assert (own["endpoint_url"], own["access_key"], own["secret_key"]) == ("https://store.internal:8333", "key/1", "se@cret")
    assert (own["bucket_name"], own["location"], own["file_overwrite"], own["default_acl"]) == ("files", "a/b", False, None)
    for bad in ("ftp://store/files", "https://store.internal", "s3://", "http:///files"):
        with pytest.raises(ImproperlyConfigured):
            default_storage_from_url(bad)


def test_a_resume_on_the_bucket_is_ciphertext_parsed_from_there_and_rotated(
    object_storage, settings, django_capture_on_commit_callbacks
):
    # given a jobseeker uploading a PDF while files live on the object store
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        upload = upload_accept(user=person, data=good_pdf(), filename="cv.pdf")
    upload.refresh_from_db()
    # then the parse task read it back from the bucket, and the bucket holds only ciphertext
    assert upload.status == ResumeUpload.Status.PARSED, upload.error_code
    assert upload.parsed["basics"]["phone"] == "13912345678"
    assert object_storage.names() == [upload.stored_name]
    stored = object_storage.read(upload.stored_name)
    assert stored.startswith(b"gAAAAA") and b"%PDF" not in stored and b"13912345678" not in stored
    assert _local_files(settings) == []

    # when the keys rotate, the file moves to a new object under the new key and the old one goes
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rotate_encryption_keys")
    upload.refresh_from_db()
    assert object_storage.names() == [upload.stored_name] != [stored]
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    assert encrypted_file_read(upload.stored_name).startswith(b"%PDF")


def test_a_version_built_to_the_bucket_streams_to_its_buyer(object_storage, settings, client, django_capture_on_commit_callbacks):
    # given a records product built and listed while files live on the object store
    world = world_create(people=6)
    product = product_define(world, k=2)
    with django_capture_on_commit_callbacks(execute=True):
        version = build_start(world, product)
    version.refresh_from_db()
    assert version.status == ProductVersion.Status.READY, version.error
    list_and_fund(world, product)
    product.refresh_from_db()
    assert set(object_storage.names()) == {version.artefact.name, version.artefact_parquet.name, product.legal_opinion.name}
    with django_capture_on_commit_callbacks(execute=True):
        order = buy(world, product)

    # when the buyer follows the signed link
    assert client.login(email=world.buyer_user.email, password=PASSWORD)
    response = client.get(f"/download/{download_link_create(order=order, by=world.buyer_user)}/")

    # then the artefact streams from the bucket, byte for byte, with its length and digest
    assert response.status_code == 200 and response.streaming
    body = b"".join(response.streaming_content)
    assert body == object_storage.read(version.artefact.name) and body.startswith(b"age,")
    assert int(response["Content-Length"]) == len(body)
    assert response["X-Artefact-SHA256"] == hashlib.sha256(body).hexdigest() == version.artefact_sha256
    # and staff read the legal opinion from the bucket too
    client.force_login(world.staff)
    opinion = client.get(f"/admin/exchange/dataproduct/{product.pk}/legal-opinion/")
    assert opinion.status_code == 200
    assert b"".join(opinion.streaming_content) == legal_opinion_pdf().read() == object_storage.read(product.legal_opinion.name)
    assert _local_files(settings) == []
