"""API of the queue of letters waiting to be registered (mounted at /api/v1/petitions/inbox): what waits, and
the import of an e-mail (.eml) for a mail gateway. For handlers only; what a submission says stays out of the API
until it is registered (then it is a letter of /api/v1/petitions, protected as its kind says)."""

# No `from __future__ import annotations` here: django-ninja reads the real annotations at import time.
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from vanphong.core.http import acting_user
from vanphong.petitions import inbox
from vanphong.petitions.models import Submission

router = Router(tags=["Đơn chờ vào sổ"])


class SubmissionOut(Schema):
    classification: str = "THUONG"  # nothing is classified before a person has read it
    id: int
    reference: str
    channel: str
    received_at: datetime
    status: str
    files: int


def _out(sub: Submission, files: int) -> dict[str, Any]:
    return {"id": sub.pk, "reference": sub.reference, "channel": sub.channel, "received_at": sub.received_at,
            "status": sub.status, "files": files}


@router.get("", response=list[SubmissionOut], summary="Đơn chờ vào sổ (thư điện tử, cổng thông tin)")
def list_waiting(request: HttpRequest) -> Any:
    return [_out(sub, files) for sub, _, files in inbox.waiting(acting_user(request))]


@router.post("/email", response={201: SubmissionOut}, summary="Nhập một thư điện tử (.eml) vào hàng chờ vào sổ")
def import_email(request: HttpRequest, file: UploadedFile = File(...)) -> Any:  # noqa: B008
    sub = inbox.check_import_email(acting_user(request), file.read(), file.name or "thu.eml")
    return Status(201, _out(sub, sub.files.count()))
