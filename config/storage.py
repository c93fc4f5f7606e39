"""Where files live: the local media folder, or an S3-compatible object store.

Read by settings, so nothing here touches Django's app registry.

- `STORAGE_URL` unset: Django's FileSystemStorage under `MEDIA_ROOT` (the embedded default).
- `STORAGE_URL=s3://BUCKET[/PREFIX]`: Amazon S3; credentials come from boto3's usual
  chain (`AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`, an instance role, ...).
- `STORAGE_URL=https://KEY:SECRET@HOST[:PORT]/BUCKET[/PREFIX]` (or `http://` on a private
  network): any S3-compatible server (SeaweedFS, MinIO, Ceph), path-style addressing.
- `STORAGE_REGION`: the region to sign for (default `us-east-1`).

Objects are private: the exchange streams every download through its own signed,
expiring links, so nothing needs a public ACL. Names never overwrite each other (a
second `licences/licence.pdf` becomes `licences/licence_<random>.pdf`, as on disk).
"""

from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

LOCAL = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
S3_BACKEND = "storages.backends.s3.S3Storage"
# A store that does not answer must not hold a request for a minute (boto's default):
# refused connections fail at once, silent ones after a few seconds, with one retry.
CONNECT_TIMEOUT_SECONDS = 2
READ_TIMEOUT_SECONDS = 20
ATTEMPTS = 2


def default_storage_from_url(url: str, *, region: str = "") -> dict:
    """The `STORAGES["default"]` entry for a `STORAGE_URL` (the local folder when empty)."""
    if not url:
        return dict(LOCAL)
    parts = urlsplit(url)
    bucket, _slash, prefix = parts.path.lstrip("/").partition("/")
    options: dict = {
        "file_overwrite": False,
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": 300,
        # Reads above this spill to a temporary file instead of memory.
        "max_memory_size": 8 * 1024 * 1024,
        "location": prefix.strip("/"),
        "region_name": region or "us-east-1",
    }
    if parts.scheme == "s3":
        bucket, addressing = parts.netloc, "auto"
        options["location"] = parts.path.strip("/")
    elif parts.scheme in ("http", "https"):
        if not parts.hostname:
            raise ImproperlyConfigured("STORAGE_URL needs a host: https://KEY:SECRET@HOST:PORT/BUCKET")
        port = f":{parts.port}" if parts.port else ""
        options["endpoint_url"] = f"{parts.scheme}://{parts.hostname}{port}"
        if parts.username:
            options["access_key"] = unquote(parts.username)
            options["secret_key"] = unquote(parts.password or "")
        addressing = "path"
    else:
        raise ImproperlyConfigured("STORAGE_URL must start with s3://, https:// or http://")
    if not bucket:
        raise ImproperlyConfigured("STORAGE_URL names no bucket: s3://BUCKET or https://HOST/BUCKET")
    from botocore.config import Config

    options["bucket_name"] = bucket
    options["client_config"] = Config(
        signature_version="s3v4",
        s3={"addressing_style": addressing},
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        read_timeout=READ_TIMEOUT_SECONDS,
        retries={"max_attempts": ATTEMPTS, "mode": "standard"},
    )
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}
