"""A cache whose Redis is gone answers like an empty cache, at once: requests never fail on it."""

import socket
import time

from config.cache import ResilientRedisCache


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens here once the socket is closed


def test_reads_miss_and_writes_are_dropped_when_redis_is_away():
    ResilientRedisCache._down_until = 0.0
    cache = ResilientRedisCache(f"redis://127.0.0.1:{_closed_port()}/0", {"OPTIONS": {"socket_connect_timeout": 0.25}})
    started = time.monotonic()
    assert cache.get("throttle_user_1", []) == []
    cache.set("throttle_user_1", [1.0], 60)
    assert cache.add("k", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("k") is False
    # and after the first failure no connection is even tried for a few seconds
    for _ in range(100):
        cache.get("throttle_user_1")
    assert time.monotonic() - started < 2
    ResilientRedisCache._down_until = 0.0
