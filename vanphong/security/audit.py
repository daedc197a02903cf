"""The audit chain (invariant 3): every state change writes a hash-chained event in the same transaction."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils import timezone

GENESIS = "0" * 64


class AuditImmutable(Exception):
    """The application never changes or removes an audit event."""


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditImmutable("Nhật ký kiểm tra không được sửa.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditImmutable("Nhật ký kiểm tra không được xóa.")


class AuditEvent(models.Model):
    seq = models.BigIntegerField(unique=True, editable=False)
    occurred_at = models.DateTimeField(editable=False, db_index=True)
    event_type = models.CharField(max_length=80, db_index=True)
    actor = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    object_type = models.CharField(max_length=100, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(max_length=300, blank=True)
    old = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    new = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    address = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        verbose_name = "sự kiện nhật ký"
        verbose_name_plural = "nhật ký kiểm tra"

    def __str__(self) -> str:
        return f"#{self.seq} {self.event_type} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditImmutable("Nhật ký kiểm tra không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditImmutable("Nhật ký kiểm tra không được xóa.")

    def computed_hash(self) -> str:
        return chain_hash(
            self.prev_hash,
            {
                "seq": self.seq,
                "occurred_at": self.occurred_at,
                "event_type": self.event_type,
                "actor_id": self.actor_id,
                "actor_label": self.actor_label,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "object_repr": self.object_repr,
                "old": self.old,
                "new": self.new,
                "address": self.address,
            },
        )


class AuditHead(models.Model):
    """One row holding the chain's tip; locking it serialises writers on PostgreSQL (SQLite: IMMEDIATE)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS)

    class Meta:
        verbose_name = "đỉnh chuỗi nhật ký"

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"


def _canonical(value: Any) -> Any:
    """JSON values as they come back from the database, so a stored event hashes the same as a fresh one."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True))


def chain_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    body = dict(fields)
    occurred = body["occurred_at"]
    if isinstance(occurred, datetime):
        body["occurred_at"] = occurred.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    body["old"] = _canonical(body["old"])
    body["new"] = _canonical(body["new"])
    payload = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), cls=DjangoJSONEncoder)
    return hashlib.sha256(f"{prev_hash}|{payload}".encode()).hexdigest()


def record_event(
    event_type: str,
    *,
    actor: Any = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    old: Any = None,
    new: Any = None,
    address: str = "",
) -> AuditEvent:
    """Append one event to the chain. Must run inside the caller's transaction, so both land or neither."""
    if not connection.in_atomic_block:
        raise RuntimeError("record_event phải được gọi trong transaction.atomic() của thao tác được ghi.")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    head, _ = AuditHead.objects.select_for_update().get_or_create(id=1)
    actor_id = getattr(actor, "pk", None) if actor is not None and getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
        seq=head.seq + 1,
        occurred_at=timezone.now(),
        event_type=event_type,
        actor_id=actor_id,
        actor_label=(getattr(actor, "username", "") or "")[:200] if actor_id else "",
        object_type=object_type,
        object_id=str(object_id),
        object_repr=_describe(obj),
        old=_canonical(old),
        new=_canonical(new),
        address=address[:64],
        prev_hash=head.hash,
    )
    event.hash = event.computed_hash()
    event.save()
    AuditHead.objects.filter(id=1).update(seq=event.seq, hash=event.hash)
    return event


def _describe(obj: models.Model | None) -> str:
    """How the event names its object. A classified record is named by type and number only: audit readers
    may hold a lower clearance than the record, so its title must not travel into the log."""
    if obj is None:
        return ""
    if getattr(obj, "classification", 0) > 0:
        return f"{obj._meta.verbose_name} #{obj.pk}"
    return str(obj)[:300]


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    event_id: int | None
    reason: str


def verify_chain(
    events: Iterable[AuditEvent] | None = None,
    *,
    on_progress: Callable[[int], None] | None = None,
    every: int = 1000,
) -> Iterator[ChainBreak]:
    """Walk the chain in order and yield the first broken link (then stop): edited, removed or reordered rows.

    `on_progress(n)` is called every `every` events, for progress bars.
    """
    rows = events if events is not None else AuditEvent.objects.order_by("id").iterator(chunk_size=2000)
    expected_prev = GENESIS
    expected_seq = 1
    last_seq = 0
    for event in rows:
        if event.seq != expected_seq:
            if event.seq < expected_seq:
                reason = f"sự kiện #{event.seq} nằm sai thứ tự (sau #{last_seq})"
            else:
                reason = f"thiếu sự kiện #{expected_seq} (bị xóa?) trước #{event.seq}"
            yield ChainBreak(event.seq, event.pk, reason)
            return
        if event.prev_hash != expected_prev:
            yield ChainBreak(event.seq, event.pk, f"sự kiện #{event.seq} không nối với sự kiện trước nó")
            return
        if event.computed_hash() != event.hash:
            yield ChainBreak(event.seq, event.pk, f"nội dung sự kiện #{event.seq} đã bị sửa")
            return
        expected_prev = event.hash
        last_seq = event.seq
        expected_seq += 1
        if on_progress is not None and last_seq % every == 0:
            on_progress(last_seq)
    # Rows removed from the end leave no gap; the chain's tip, kept apart, still names the last event.
    head = AuditHead.objects.filter(id=1).first() if events is None else None
    if head is not None and (head.seq != last_seq or head.hash != expected_prev):
        yield ChainBreak(head.seq, None, f"chuỗi dừng ở #{last_seq} nhưng đỉnh chuỗi ghi #{head.seq} (bị xóa ở cuối?)")
