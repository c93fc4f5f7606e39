"""Transient database errors are retried (on a fresh connection); every other error is raised at once."""

import pytest
from django.db import IntegrityError, OperationalError, ProgrammingError, connection, connections

from config.retry import backoff_seconds, is_transient, retry_transient


def _terminate_my_backend() -> None:
    """Have another connection end this one's backend, as an operator's pg_terminate_backend does."""
    pid = connection.connection.info.backend_pid
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()


@pytest.mark.postgres
def test_a_terminated_connection_is_transient_and_the_work_runs_again_on_a_new_one(postgres):
    # given work whose connection is terminated by the server the first time it runs
    runs = []

    def work() -> int:
        runs.append(1)
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            if len(runs) == 1:
                _terminate_my_backend()
                cursor.execute("SELECT 2")  # the server has closed this backend
            cursor.execute("SELECT pg_backend_pid()")
            return cursor.fetchone()[0]

    # when it runs under retry_transient
    pid = retry_transient(work, sleep=lambda _s: None)

    # then it ran twice and finished on a fresh backend
    assert len(runs) == 2 and pid == connection.connection.info.backend_pid


@pytest.mark.postgres
def test_a_terminated_connection_error_is_classified_transient(postgres):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    _terminate_my_backend()
    with pytest.raises(OperationalError) as caught:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    assert is_transient(caught.value)
    connection.close()


@pytest.mark.postgres
def test_a_deadlock_is_transient(postgres):
    import threading

    from django.db import transaction

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS retry_probe (id int PRIMARY KEY)")
        cursor.execute("INSERT INTO retry_probe VALUES (1), (2) ON CONFLICT DO NOTHING")
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def lock(first: int, second: int) -> None:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM retry_probe WHERE id = %s FOR UPDATE", [first])
                barrier.wait()
                cursor.execute("SELECT 1 FROM retry_probe WHERE id = %s FOR UPDATE", [second])
        except OperationalError as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=lock, args=(1, 2)), threading.Thread(target=lock, args=(2, 1))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(errors) == 1 and errors[0].__cause__.sqlstate == "40P01"
    assert is_transient(errors[0])


def test_business_and_programming_errors_are_not_retried(db):
    runs = []

    def broken() -> None:
        runs.append(1)
        raise IntegrityError("duplicate key")

    with pytest.raises(IntegrityError):
        retry_transient(broken, sleep=lambda _s: None)
    assert runs == [1]
    assert not is_transient(ProgrammingError("syntax error"))
    assert not is_transient(ValueError("bad input"))


def test_transient_errors_are_retried_up_to_the_cap_with_growing_capped_delays(transactional_db):
    delays: list[float] = []
    runs = []

    def always_lost() -> None:
        runs.append(1)
        raise OperationalError("server closed the connection unexpectedly")

    with pytest.raises(OperationalError):
        retry_transient(always_lost, attempts=5, base=0.2, cap=1.0, sleep=delays.append)
    assert len(runs) == 5 and len(delays) == 4
    assert all(0.1 <= delay <= 1.0 for delay in delays)
    assert max(backoff_seconds(n, base=0.2, cap=1.0) for n in range(1, 30) for _ in range(20)) <= 1.0


def test_no_retry_inside_a_transaction_the_error_already_aborted(db):
    # `db` runs the test inside a transaction: re-running the work there would run it in a dead one
    runs = []

    def lost() -> None:
        runs.append(1)
        raise OperationalError("server closed the connection unexpectedly")

    with pytest.raises(OperationalError):
        retry_transient(lost, sleep=lambda _s: None)
    assert runs == [1]
