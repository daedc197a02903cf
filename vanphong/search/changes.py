"""The change log's writers: `record_changed` and `record_deleted` add a row in the caller's transaction."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from vanphong.search.models import SearchChange
from vanphong.search.registry import SPECS, RecordSpec, spec_for_model

log = logging.getLogger(__name__)


def record_changed(obj: models.Model) -> None:
    """Log that `obj` changed (created, edited, reclassified, shared): the index looks at it again."""
    spec = spec_for_model(type(obj))
    if spec is None:
        raise ValueError(f"{type(obj).__name__} is not a registered search type.")
    _log(spec.type, obj.pk, SearchChange.Op.UPSERT)


def record_deleted(record_type: str, record_id: int) -> None:
    _log(record_type, record_id, SearchChange.Op.DELETE)


def _log(record_type: str, record_id: Any, op: str) -> None:
    if record_id is None:
        return
    SearchChange.objects.create(record_type=record_type, record_id=int(record_id), op=op)
    from vanphong.search import engine

    engine.changes_logged += 1
    _apply_after_commit()


def _apply_after_commit() -> None:
    # The first callback of a transaction applies every row; the others find nothing left (one EXISTS query).
    transaction.on_commit(_apply_now)


def _apply_now() -> None:
    from vanphong.search import engine

    try:
        engine.node().apply_pending()
    except Exception:
        # The change is safely logged; the node's periodic follow job (or the next search) applies it.
        log.exception("Không áp dụng được thay đổi vào chỉ mục tìm kiếm; sẽ thử lại lần sau.")


def _on_save(spec: RecordSpec, sender: Any, instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    _log(spec.type, instance.pk, SearchChange.Op.UPSERT)


def _on_delete(spec: RecordSpec, sender: Any, instance: models.Model, **kwargs: Any) -> None:
    _log(spec.type, instance.pk, SearchChange.Op.DELETE)


def _on_access_list(spec: RecordSpec, sender: Any, instance: models.Model, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, spec.model):
        _log(spec.type, instance.pk, SearchChange.Op.UPSERT)


def _on_related(spec: RecordSpec, ids_of: Any, sender: Any, instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    for record_id in ids_of(instance):
        _log(spec.type, record_id, SearchChange.Op.UPSERT)


def connect_signals() -> None:
    for spec in SPECS.values():
        uid = f"vanphong.search:{spec.type}"
        if spec.signals:
            post_save.connect(partial(_on_save, spec), sender=spec.model, weak=False, dispatch_uid=uid + ":save")
            post_delete.connect(partial(_on_delete, spec), sender=spec.model, weak=False, dispatch_uid=uid + ":del")
        if spec.classified:
            # An access list edited anywhere must reach the index, or the engine would filter on an old list.
            for name in ("shared_with_users", "shared_with_units"):
                through = getattr(spec.model, name).through
                m2m_changed.connect(partial(_on_access_list, spec), sender=through, weak=False,
                                    dispatch_uid=f"{uid}:{name}")
        for n, (model, ids_of) in enumerate(spec.related):
            handler = partial(_on_related, spec, ids_of)
            post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"{uid}:rel{n}:save")
            post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"{uid}:rel{n}:del")
