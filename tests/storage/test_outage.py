"""The object store down: uploads ask the person to try again and keep nothing, builds fail
with a message and release nothing, downloads answer 503, and what a missed delete left behind
is removed by the orphan sweep once past its grace period. Each outage stops this session's own
SeaweedFS server (tests/object_store.py) and starts it again on the same ports and data."""

import time
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone, translation

from config.celery import app as celery_app
from config.files import StorageUnavailable
from consent.models import ResumeUpload
from consent.services import account_delete, upload_accept, upload_parse
from exchange.models import DataProduct, DownloadLog, ProductVersion, VersionMember
from exchange.services.orders import download_link_create
from exchange.services.products import product_create
from exchange.services.stored_files import stored_orphans_sweep
from exchange.tasks import stored_orphans_sweep_due

from ..consent.files import good_pdf
from ..factories import PASSWORD, MerchantFactory, ProviderFactory, UserFactory, member_of
from ..flow import build_start, buy, list_and_fund, product_define, world_create

pytestmark = pytest.mark.django_db

UPLOAD_REFUSED = (
    "The file could not be stored just now: the file store is not answering. Nothing was kept; please try again in a few minutes."
)

READ_REFUSED = "The file store is not answering just now; please try again in a few minutes."


def _message(language: str, text: str) -> str:
    with translation.override(language):
        return str(translation.gettext(text))


def test_an_upload_while_the_store_is_down_asks_to_try_again_and_keeps_nothing(object_storage, seaweedfs):
    people = {language: UserFactory() for language in ("en", "zh-hans")}
    merchant = MerchantFactory(name="Pearl River Recruiting")
    owner = member_of(merchant)
    # given the object store is down
    seaweedfs.stop()
    try:
        for language, person in people.items():
            client = Client(HTTP_ACCEPT_LANGUAGE=language)
            client.force_login(person)
            # when a jobseeker uploads a resume
            started = time.monotonic()
            response = client.post("/me/resume/upload/", {"file": SimpleUploadedFile("cv.pdf", good_pdf())})
            took = time.monotonic() - started
            # then she is told, in her language and within seconds, to try again
            assert response.status_code == 200
            assert _message(language, UPLOAD_REFUSED) in response.content.decode()
            assert took < 10, took
        assert _message("zh-hans", UPLOAD_REFUSED) != UPLOAD_REFUSED  # translated, not the English left in place
        # and a merchant's licence upload is refused the same way, the profile left as it was
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(owner)
        response = client.post(
            "/merchant/profile/",
            {"contact_name": "Wang Fang", "business_licence": SimpleUploadedFile("licence.pdf", good_pdf())},
        )
        assert UPLOAD_REFUSED in response.content.decode()
        # and so is a provider's dataset: no product row without its file
        provider = ProviderFactory()
        with pytest.raises(StorageUnavailable):
            product_create(
                provider=provider,
                by=member_of(provider),
                title="Grid load",
                description="Business data",
                kind=DataProduct.Kind.DATASET,
                price_fen=5_000,
                source_file=SimpleUploadedFile("grid.csv", "district,load\n南山,12\n".encode()),
            )
    finally:
        seaweedfs.start()
    # and nothing half-written remains: no row, and (the store back) no object
    assert not ResumeUpload.objects.exists() and not DataProduct.objects.exists()
    merchant.refresh_from_db()
    assert not merchant.business_licence and merchant.contact_name != "Wang Fang"
    assert object_storage.names() == []


def test_a_build_and_a_download_while_the_store_is_down(object_storage, seaweedfs, django_capture_on_commit_callbacks):
    world = world_create(people=6)
    product = product_define(world, k=2)
    with django_capture_on_commit_callbacks(execute=True):
        built = build_start(world, product)
    list_and_fund(world, product)
    with django_capture_on_commit_callbacks(execute=True):
        order = buy(world, product)
    before = set(object_storage.names())
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert client.login(email=world.buyer_user.email, password=PASSWORD)
    token = download_link_create(order=order, by=world.buyer_user)
    seaweedfs.stop()
    try:
        # a download answers 503 with a message to try again, in the buyer's language
        response = client.get(f"/download/{token}/")
        assert response.status_code == 503
        error = response.json()["error"]
        assert error["code"] == "storage_unavailable"
        assert error["message"] == _message("zh-hans", READ_REFUSED)
        assert not DownloadLog.objects.filter(order=order).exists()  # a download that did not happen is not logged
        # a build fails with a message, and releases no version, member or file
        with django_capture_on_commit_callbacks(execute=True):
            failed = build_start(world, product)
        failed.refresh_from_db()
        assert failed.pk != built.pk and failed.status == ProductVersion.Status.FAILED
        assert failed.error == _message(
            "zh-hans", "The file store did not answer during this build; nothing was released. Start it again."
        )
        assert not VersionMember.objects.filter(version=failed).exists() and not failed.artefact
    finally:
        seaweedfs.start()
    assert set(object_storage.names()) == before  # the failed build stored nothing
    response = client.get(f"/download/{token}/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"age,")
    assert DownloadLog.objects.filter(order=order).count() == 1


def test_a_parse_while_the_store_is_down_waits_queued_and_runs_when_it_is_back(object_storage, seaweedfs):
    # given an upload stored while the store was up, whose parse has not run yet
    person = UserFactory()
    upload = upload_accept(user=person, data=good_pdf(), filename="cv.pdf")  # the test's transaction never commits:
    assert upload.status == ResumeUpload.Status.QUEUED  # the parse task is not sent, this test runs it by hand
    seaweedfs.stop()
    try:
        # when the parse runs while the store is down, it gives the upload back to the queue
        with pytest.raises(StorageUnavailable):
            upload_parse(upload_id=upload.pk)
        upload.refresh_from_db()
        assert (upload.status, upload.progress, upload.error_code) == (ResumeUpload.Status.QUEUED, 0, "")
    finally:
        seaweedfs.start()
    # then, the store back, the recovery sweep's resend parses it
    assert upload_parse(upload_id=upload.pk).status == ResumeUpload.Status.PARSED


@pytest.mark.parametrize("where", ["local folder", "object store"])
def test_the_sweep_removes_orphans_past_the_grace_period_only(where, request, settings, django_capture_on_commit_callbacks):
    bucket = request.getfixturevalue("object_storage") if where == "object store" else None
    # given a resume and a licence that rows name
    person, keeper = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        kept = upload_accept(user=keeper, data=good_pdf(), filename="cv.pdf")
        upload_accept(user=person, data=good_pdf(), filename="cv.pdf")
    merchant = MerchantFactory(name="Acme")
    merchant.business_licence.save("licence.pdf", ContentFile(b"%PDF-1.4 licence"))
    # and files no row names: a writer that died before its row committed, a folder no model uses
    dead = default_storage.save("artefacts/9-v1.csv", ContentFile(b"age\n30-39\n"))
    other = default_storage.save("elsewhere/notes.txt", ContentFile(b"not ours"))
    if bucket is not None:
        # and a delete missed while the store was down: the person left, their file stayed
        bucket.server.stop()
        try:
            with django_capture_on_commit_callbacks(execute=True):
                account_delete(user=person)  # answers at once; the file is left for the sweep
        finally:
            bucket.server.start()
    else:
        with django_capture_on_commit_callbacks(execute=True):
            account_delete(user=person)
    missed = [name for name in _names(bucket) if name.startswith("resume-uploads/") and name != kept.stored_name]
    assert len(missed) == (1 if bucket is not None else 0)

    # when the beat task runs now, every file is younger than the grace period: nothing goes
    assert "exchange.stored_orphans_sweep" in {entry["task"] for entry in celery_app.conf.beat_schedule.values()}
    assert stored_orphans_sweep_due.delay().get()["deleted"] == 0
    assert {dead, other, *missed} <= set(_names(bucket))

    # when it runs a day later, the orphans go and every named file stays
    counts = stored_orphans_sweep(now=timezone.now() + timedelta(hours=25))
    assert counts["deleted"] == 1 + len(missed)
    assert sorted(_names(bucket)) == sorted([kept.stored_name, merchant.business_licence.name, other])


def _names(bucket) -> list[str]:
    if bucket is not None:
        return bucket.names()
    from config.files import stored_objects

    return [name for folder in ("artefacts/", "elsewhere/", "licences/", "resume-uploads/") for name, _ in stored_objects(folder)]
