"""Two hosts that share no folder: a web server (this process's live server) and a Celery worker
process, each with its own MEDIA_ROOT, both on the SeaweedFS bucket. Upload, parse, build and
download cross between them, so each step reads what the other host wrote."""

import os
import re
from pathlib import Path

import pytest
import requests
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client

from consent.models import ResumeUpload
from consent.services import upload_accept
from exchange.models import DataProduct, Order, ProductVersion
from exchange.services.orders import download_link_create
from exchange.services.products import product_create

from ..conftest import _port_open, require
from ..consent.files import good_pdf
from ..factories import UserFactory
from ..flow import build_start, buy, list_and_fund, world_create
from ..worker_harness import broker_use, queue_purge, wait_for, worker_process

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

ROADS = "district,road_km\n南山,412.5\n福田,298.0\n罗湖,201.3\n".encode()


def _files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture
def worker_host(transactional_db, object_storage, tmp_path):
    """A Celery worker process whose MEDIA_ROOT is a folder the web host never sees."""
    require(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL=postgres://…")
    redis_url = os.environ.get("REDIS_URL", "")
    require(bool(redis_url) and _port_open(redis_url, 6379), "needs Redis: set REDIS_URL=redis://…")
    broker_use(redis_url)
    queue_purge()
    media, log = tmp_path / "worker-media", tmp_path / "worker.log"
    env = {"MEDIA_ROOT": str(media), "STORAGE_URL": object_storage.url}
    with worker_process(redis_url, log, env=env):
        yield media, log


def test_upload_parse_build_and_download_cross_between_a_web_host_and_a_worker_host(
    worker_host, live_server, object_storage, settings
):
    worker_media, log = worker_host
    web_media = Path(settings.MEDIA_ROOT)
    assert web_media != worker_media

    # given a jobseeker signed in on the web host
    person = UserFactory()
    browser = Client()
    browser.force_login(person)
    web = requests.Session()
    web.cookies.set(django_settings.SESSION_COOKIE_NAME, browser.cookies[django_settings.SESSION_COOKIE_NAME].value)
    page = web.get(f"{live_server.url}/me/resume/upload/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    # when she uploads her resume to the web host, the worker host parses it from the bucket
    response = web.post(
        f"{live_server.url}/me/resume/upload/",
        data={"csrfmiddlewaretoken": token},
        files={"file": ("cv.pdf", good_pdf(), "application/pdf")},
        headers={"Referer": f"{live_server.url}/me/resume/upload/"},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[-2000:]
    upload = ResumeUpload.objects.get(owner=person)
    wait_for(
        lambda: (
            ResumeUpload.objects.get(pk=upload.pk).status != ResumeUpload.Status.QUEUED
            and ResumeUpload.objects.get(pk=upload.pk).progress == 100
        ),
        seconds=60,
        what="the worker host to parse the upload",
        log=log,
    )
    upload.refresh_from_db()
    assert upload.status == ResumeUpload.Status.PARSED, (upload.error_code, log.read_text()[-2000:])
    assert upload.parsed["basics"]["phone"] == "13912345678"

    # when a provider's dataset, uploaded on the web host, is built by the worker host
    world = world_create(people=1)
    product = product_create(
        provider=world.provider,
        by=world.provider_user,
        title="Shenzhen road network",
        description="Road lengths per district.",
        kind=DataProduct.Kind.DATASET,
        price_fen=5_000,
        source_file=SimpleUploadedFile("roads.csv", ROADS),
    )
    version = build_start(world, product)
    wait_for(
        lambda: ProductVersion.objects.get(pk=version.pk).status in (ProductVersion.Status.READY, ProductVersion.Status.FAILED),
        seconds=60,
        what="the worker host to build the version",
        log=log,
    )
    version.refresh_from_db()
    assert version.status == ProductVersion.Status.READY, version.error
    list_and_fund(world, product)
    # and the web host's product page shows the first rows of what the worker host wrote
    sample = requests.get(f"{live_server.url}/catalog/{product.pk}/", timeout=30)
    assert sample.status_code == 200 and 'id="sample"' in sample.text and "412.5" in sample.text
    order = buy(world, product)
    wait_for(lambda: Order.objects.get(pk=order.pk).status == Order.Status.SETTLED, seconds=60, what="settlement", log=log)

    # then the buyer downloads, from the web host, the artefact the worker host wrote
    link = download_link_create(order=order, by=world.buyer_user)
    download = requests.get(f"{live_server.url}/download/{link}/", timeout=30)
    assert download.status_code == 200, download.text[:500]
    assert download.content == object_storage.read(version.artefact.name)
    assert download.content.decode().splitlines() == ROADS.decode().splitlines()  # rewritten safe for spreadsheets
    assert int(download.headers["Content-Length"]) == len(download.content)

    # and neither host kept a file in its own folder: everything is on the bucket
    assert _files(web_media) == [] and _files(worker_media) == []
    names = set(object_storage.names())
    assert {upload.stored_name, product.source_file.name, version.artefact.name} <= names


def test_a_parse_that_meets_the_store_down_is_retried_by_the_worker_once_it_is_back(worker_host, object_storage, seaweedfs):
    _media, log = worker_host
    person = UserFactory()
    # given a resume stored on the bucket, and the store gone before the worker host reads it
    with transaction.atomic():
        upload = upload_accept(user=person, data=good_pdf(), filename="cv.pdf")  # the task is sent on commit
        seaweedfs.stop()
    try:
        # when the worker host tries, it gives the upload back to the queue and retries with backoff
        wait_for(lambda: "Retry in" in log.read_text(errors="replace"), seconds=60, what="the parse to be retried", log=log)
        assert ResumeUpload.objects.get(pk=upload.pk).status in (ResumeUpload.Status.QUEUED, ResumeUpload.Status.PARSING)
    finally:
        seaweedfs.start()
    # then, the store back, a retry parses it without any sweep
    wait_for(
        lambda: ResumeUpload.objects.get(pk=upload.pk).status == ResumeUpload.Status.PARSED,
        seconds=60,
        what="the retried parse",
        log=log,
    )
