"""The sealed original scans of protected letters, opened for the one person the rules allow: the requester of an
approved reveal of the case, while it is valid. Decrypted on the fly for the answer, checked against its fixity,
never written anywhere in the clear; each opening (and each refusal) is audited, naming no one."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import ForeignObjectRel

from vanphong.core.errors import Forbidden, ServiceError
from vanphong.core.models import User
from vanphong.files.models import StoredFile
from vanphong.files.storage import file_storage
from vanphong.petitions import protection, queries
from vanphong.petitions.models import RevealRequest, SealedItem
from vanphong.security import crypto
from vanphong.security.audit import record_event


class Hidden(ServiceError):
    """A request or scan the person may not know of: the page answers 404."""

    status = 404


def check_open_scan(actor: User, request_id: Any, item_id: Any, *, address: str = "") -> tuple[str, str, bytes]:
    """(name, type, bytes) of sealed scan `item_id` of the case of reveal request `request_id`."""
    request = queries.visible_requests(actor).filter(pk=request_id).first()
    if request is None:
        raise Hidden("Không có đề nghị này.")
    item = (SealedItem.objects.filter(pk=item_id, kind=SealedItem.Kind.SCAN, petition__case_id=request.case_id,
                                      petition__protected=True).first())
    if item is None:
        raise Hidden("Không có bản quét này trong vụ việc.")
    refusal = protection.open_refusal(actor, request)
    if refusal:
        with transaction.atomic():
            record_event("petitions.sealed_scan_refused", actor=actor, obj=request.case, address=address,
                         new={"request": request.pk, "item": item.pk})
        raise Forbidden(refusal)
    try:
        name, data = protection.open_scan(item)
    except crypto.CryptoError as exc:
        raise ServiceError(str(exc)) from None
    with transaction.atomic():
        record_event("petitions.sealed_scan_opened", actor=actor, obj=request.case, address=address,
                     new={"request": request.pk, "item": item.pk, "letter": item.petition_id})
    return name, item.mime_type, data


def scans_for(request: RevealRequest) -> list[SealedItem]:
    return list(SealedItem.objects.filter(kind=SealedItem.Kind.SCAN, petition__case_id=request.case_id,
                                          petition__protected=True).defer("data").order_by("pk"))


def purge_plain_file(actor: User | None, stored: StoredFile) -> bool:
    """Take out of the file store a scan just sealed (a letter that became protected after intake): its row, its
    extracted text and its blob, when nothing else refers to it; True when purged. The blob goes after the
    commit, so a rollback keeps everything as it was. A file something else still uses (the same bytes attached
    to a document) stays, and the audit says so."""
    users = 0
    # Every foreign key to the store, those without a reverse name ("+") too.
    for rel in StoredFile._meta.get_fields(include_hidden=True):
        if isinstance(rel, ForeignObjectRel) and (rel.one_to_many or rel.one_to_one):
            users += rel.related_model._default_manager.filter(**{rel.field.name: stored}).count()
    if users:
        record_event("petitions.plain_scan_kept", actor=actor, obj=stored, new={"still_used_by": users})
        return False
    name = stored.storage_name
    record_event("petitions.plain_scan_purged", actor=actor, obj=stored,
                 new={"sha256": stored.sha256, "size": stored.size})
    StoredFile.objects.filter(pk=stored.pk).delete()

    def delete_blob() -> None:
        # Content-addressed: bytes stored again since would have a row again; only an orphan blob is removed.
        if not StoredFile.objects.filter(sha256=stored.sha256).exists():
            file_storage().delete(name)

    transaction.on_commit(delete_blob)
    return True
