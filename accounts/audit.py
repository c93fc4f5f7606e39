"""The append-only, hash-chained audit log every app may write to.

`audit_record` appends one event in the caller's transaction (so the event and the
change it records commit or roll back together). Each row's hash is
SHA-256(previous hash + canonical JSON of the row), so `audit_chain_violations`
finds any row that was edited, deleted from the middle or inserted out of order.
Events hold ids and codes, never names, phones or e-mail addresses.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC

from django.db import transaction
from django.utils import timezone

from .lock_objects import audit_chain_lock
from .models import AuditEvent

GENESIS = "0" * 64


def _canonical(event: AuditEvent) -> bytes:
    body = {
        "seq": event.seq,
        "created_at": event.created_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "subject_id": event.subject_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "data": event.data,
        "prev_hash": event.prev_hash,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(event: AuditEvent) -> str:
    return hashlib.sha256(_canonical(event)).hexdigest()


@transaction.atomic
def audit_record(
    *,
    action: str,
    actor_id: int | None = None,
    subject_id: int | None = None,
    object_type: str = "",
    object_id: str | int = "",
    data: dict | None = None,
) -> AuditEvent:
    """Append one event to the chain (inside the caller's transaction)."""
    audit_chain_lock()
    last = AuditEvent.objects.order_by("-seq").only("seq", "hash").first()
    event = AuditEvent(
        seq=(last.seq + 1) if last else 1,
        created_at=timezone.now(),
        actor_id=actor_id,
        subject_id=subject_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        data=data or {},
        prev_hash=last.hash if last else GENESIS,
    )
    event.hash = event_hash(event)
    event.save(force_insert=True)
    return event


def audit_chain_violations(*, batch: int = 2000) -> list[str]:
    """Every break in the chain, as readable lines (empty means intact)."""
    problems: list[str] = []
    expected_seq, prev_hash = 1, GENESIS
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch):
        if event.seq != expected_seq:
            problems.append(f"events {expected_seq}..{event.seq - 1} are missing (deleted?)")
        if event.prev_hash != prev_hash:
            problems.append(f"event {event.seq}: does not follow the previous event (a row before it was changed or removed)")
        if event_hash(event) != event.hash:
            problems.append(f"event {event.seq}: contents do not match its hash (edited)")
        expected_seq, prev_hash = event.seq + 1, event.hash
    return problems


def audit_head_violations(anchor: str) -> list[str]:
    """Check an anchor (`SEQ:HASH` recorded earlier, outside the database) is still in the chain.

    This catches what the chain alone cannot: its newest events deleted from the end.
    """
    seq_text, _sep, expected_hash = anchor.partition(":")
    if not seq_text.isdigit() or len(expected_hash) != 64:
        return [f"anchor {anchor!r} is not SEQ:HASH"]
    event = AuditEvent.objects.filter(seq=int(seq_text)).only("hash").first()
    if event is None:
        return [f"event {seq_text} recorded as the head is gone (the end of the chain was cut off)"]
    if event.hash != expected_hash:
        return [f"event {seq_text} no longer has the recorded hash"]
    return []
