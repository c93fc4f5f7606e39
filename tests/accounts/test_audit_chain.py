"""The audit log is append-only and hash-chained: consent events and staff views are recorded,
and `verify_audit_chain` finds an edited or deleted row."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client

from accounts.audit import audit_chain_violations, audit_record
from accounts.models import AuditEvent
from consent.services import consent_grant, consent_withdraw

from ..factories import NoticeFactory, ResumeFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _chain(n: int = 5) -> list[AuditEvent]:
    return [audit_record(action="test.event", actor_id=i, object_type="thing", object_id=i, data={"n": i}) for i in range(n)]


def _raw(sql: str, params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_consent_events_are_chained_and_verify():
    resume = ResumeFactory()
    grant = consent_grant(user=resume.owner, notice=NoticeFactory(), language="en")
    consent_withdraw(grant=grant, by=resume.owner)
    actions = list(AuditEvent.objects.filter(subject_id=resume.owner_id).values_list("action", flat=True))
    assert actions[-2:] == ["consent.granted", "consent.withdrawn"]
    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(events, events[1:], strict=False))
    assert audit_chain_violations() == []
    call_command("verify_audit_chain")


def test_a_staff_view_of_a_resume_is_recorded():
    resume = ResumeFactory()
    staff = StaffFactory()
    client = Client()
    client.force_login(staff)
    response = client.get(f"/admin/consent/resume/{resume.pk}/change/")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="resume.viewed_by_staff")
    assert (event.actor_id, event.subject_id, event.object_id) == (staff.pk, resume.owner_id, str(resume.pk))
    # the page never shows the encrypted contact details
    assert resume.phone not in response.content.decode()


def _tamper(sql: str, params) -> None:
    """Change a row behind the services' back (on PostgreSQL the trigger must be lifted first)."""
    if connection.vendor == "postgresql":
        _raw("ALTER TABLE accounts_auditevent DISABLE TRIGGER accounts_auditevent_append_only", [])
    _raw(sql, params)
    if connection.vendor == "postgresql":
        _raw("ALTER TABLE accounts_auditevent ENABLE TRIGGER accounts_auditevent_append_only", [])


def test_an_edited_row_is_detected():
    events = _chain()
    _tamper("UPDATE accounts_auditevent SET action = %s WHERE seq = %s", ["consent.nothing_happened", events[2].seq])
    problems = audit_chain_violations()
    assert problems == [f"event {events[2].seq}: contents do not match its hash (edited)"]
    with pytest.raises(CommandError):
        call_command("verify_audit_chain")


def test_a_deleted_row_is_detected():
    events = _chain()
    _tamper("DELETE FROM accounts_auditevent WHERE seq = %s", [events[1].seq])
    problems = audit_chain_violations()
    assert any("missing" in line for line in problems) and any("does not follow" in line for line in problems)
    with pytest.raises(CommandError):
        call_command("verify_audit_chain")


def test_a_rehashed_edit_still_breaks_the_next_link():
    events = _chain()
    forged = AuditEvent.objects.get(seq=events[1].seq)
    forged.data = {"n": 999}
    from accounts.audit import event_hash

    forged.hash = event_hash(forged)
    _tamper("UPDATE accounts_auditevent SET data = %s, hash = %s WHERE seq = %s", ['{"n": 999}', forged.hash, forged.seq])
    assert audit_chain_violations() == [
        f"event {events[2].seq}: does not follow the previous event (a row before it was changed or removed)"
    ]


def test_postgresql_refuses_to_update_or_delete_audit_rows(postgres):
    events = _chain(2)
    for sql in ("UPDATE accounts_auditevent SET action = 'x' WHERE seq = %s", "DELETE FROM accounts_auditevent WHERE seq = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            _raw(sql, [events[0].seq])
    assert audit_chain_violations() == []


def test_cutting_off_the_newest_events_is_caught_by_a_recorded_head(capsys):
    events = _chain(4)
    call_command("verify_audit_chain")
    anchor = capsys.readouterr().out.strip().rsplit("head ", 1)[1]
    assert anchor == f"{events[-1].seq}:{events[-1].hash}"
    _tamper("DELETE FROM accounts_auditevent WHERE seq >= %s", [events[-2].seq])
    assert audit_chain_violations() == []  # the chain alone cannot see a cut-off tail
    with pytest.raises(CommandError):
        call_command("verify_audit_chain", expect_head=anchor)
