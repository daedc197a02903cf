"""The two flows of the văn thư, as workflow machines: outgoing documents and incoming entries.

Outgoing: draft → review (rà soát) → format check by the clerk → signature → issued (number, register, signed
PDF) → released to recipients (the seal, internal deliveries) → recalled if need be. Incoming: received →
registered (incoming number) → submitted to a leader → directed (lead unit, co-operating units, deadline) →
in progress → done, or answered by an outgoing document. Who may take each step is said here, once; the
effects that number, render, sign and deliver live in documents.issuing.
"""

from __future__ import annotations

from typing import Any

from vanphong.core.queries import holders_of, holds
from vanphong.documents.models import Document, IncomingEntry
from vanphong.workflow.machine import Machine, Transition

D = Document.Status
E = IncomingEntry.Status

CLERK_RIGHT = "documents.register_document"
DIRECT_RIGHT = "documents.direct_document"
SIGN_RIGHT = "documents.sign_document"
REVIEW_RIGHT = "documents.review_document"


def may_sign(user: Any) -> bool:
    """Signing authority (thẩm quyền ký) goes with a position: the right held through a role or in one's own
    name. An administrator's superuser status alone is not it, or the system's operator could sign for a leader."""
    return bool(getattr(user, "is_authenticated", False)) and holds(user, SIGN_RIGHT)


def signers() -> Any:
    """The people who may be chosen to sign (the rule of `may_sign`), in one query."""
    return holders_of(SIGN_RIGHT, superusers=False)


def _in_unit(user: Any, unit_id: int | None) -> bool:
    return unit_id is not None and user.unit_id_or_none == unit_id


def _drafter(user: Any, doc: Document) -> str | None:
    if doc.created_by_id == user.pk or _in_unit(user, doc.drafting_unit_id):
        return None
    return "Chỉ người soạn thảo hoặc đơn vị soạn thảo được trình dự thảo này."


def _reviewer(user: Any, doc: Document) -> str | None:
    return None if user.has_perm(REVIEW_RIGHT) else "Bạn không có quyền rà soát dự thảo văn bản."


def _clerk(user: Any, record: Any) -> str | None:
    return None if user.has_perm(CLERK_RIGHT) else "Chỉ văn thư được làm bước này."


def _signer(user: Any, doc: Document) -> str | None:
    if doc.signer_id != user.pk:
        return "Chỉ người ký đã được chọn cho văn bản này được ký."
    # A drafter may sign their own document only when they hold the signing authority (the right).
    if not may_sign(user):
        return "Bạn không có thẩm quyền ký ban hành văn bản."
    return None


def _signer_or_clerk(user: Any, doc: Document) -> str | None:
    return None if (doc.signer_id == user.pk or user.has_perm(CLERK_RIGHT)) else \
        "Chỉ người ký hoặc văn thư được thu hồi văn bản."


def _effect(name: str) -> Any:
    # The effects import services and renderers; resolved at call time so the flows stay importable early.
    def run(user: Any, record: Any, data: Any) -> None:
        from vanphong.documents import issuing

        getattr(issuing, name)(user, record, data)

    run.__name__ = name
    return run


def _snapshot_document(doc: Document) -> dict[str, Any]:
    return {"status": doc.status, "number": doc.number, "symbol": doc.symbol or None, "version": doc.version,
            "draft_version": doc.draft_version}


OUTGOING = Machine("documents.outgoing", {s.value: str(s.label) for s in D}, snapshot=_snapshot_document).add(
    Transition("submit_review", (D.DRAFT,), D.REVIEW, "Trình rà soát", _drafter, effect=_effect("submit_draft")),
    Transition("return_draft", (D.REVIEW,), D.DRAFT, "Trả lại để sửa", _reviewer, needs_note=True,
               style="secondary"),
    Transition("pass_review", (D.REVIEW,), D.FORMAT_CHECK, "Đạt, chuyển văn thư kiểm tra thể thức", _reviewer,
               not_by_actor_of=("submit_review",), effect=_effect("to_clerks")),
    Transition("return_format", (D.FORMAT_CHECK,), D.DRAFT, "Trả lại sửa thể thức", _clerk, needs_note=True,
               style="secondary"),
    Transition("pass_format", (D.FORMAT_CHECK,), D.SIGNING, "Đúng thể thức, trình ký", _clerk,
               effect=_effect("check_signable")),
    Transition("return_signing", (D.SIGNING,), D.DRAFT, "Trả lại, chưa ký", _signer, needs_note=True,
               style="secondary"),
    Transition("sign", (D.SIGNING,), D.ISSUED, "Ký ban hành", _signer, effect=_effect("sign_and_number"),
               private=("passphrase",)),
    Transition("release", (D.ISSUED,), D.RELEASED, "Phát hành", _clerk, effect=_effect("release")),
    Transition("recall", (D.RELEASED,), D.RECALLED, "Thu hồi văn bản", _signer_or_clerk, needs_note=True,
               effect=_effect("recall"), style="warning"),
)


def _entry_clerk(user: Any, entry: IncomingEntry) -> str | None:
    return _clerk(user, entry)


def _receiving(user: Any, entry: IncomingEntry) -> str | None:
    if entry.channel != IncomingEntry.Channel.INTERNAL:
        return "Văn bản từ bên ngoài được văn thư vào sổ."
    if _in_unit(user, entry.receiving_unit_id) or user.has_perm(CLERK_RIGHT):
        return None
    return "Chỉ đơn vị nhận hoặc văn thư được xác nhận đã nhận văn bản này."


def _external(user: Any, entry: IncomingEntry) -> str | None:
    if entry.channel == IncomingEntry.Channel.INTERNAL:
        return "Văn bản trong cơ quan được đơn vị nhận xác nhận, không vào sổ văn bản đến."
    return _clerk(user, entry)


def _director(user: Any, entry: IncomingEntry) -> str | None:
    if not user.has_perm(DIRECT_RIGHT):
        return "Bạn không có quyền cho ý kiến chỉ đạo xử lý văn bản đến."
    if entry.submitted_to_id not in (None, user.pk):
        return "Văn bản này được trình lãnh đạo khác cho ý kiến."
    return None


def _submitter(user: Any, entry: IncomingEntry) -> str | None:
    if user.has_perm(CLERK_RIGHT) or _in_unit(user, entry.receiving_unit_id):
        return None
    return "Chỉ văn thư hoặc đơn vị nhận được trình văn bản này."


def may_handle(user: Any, entry: IncomingEntry) -> bool:
    """Whether the person handles this entry (its handler, or of the unit that leads or received it)."""
    return _handling(user, entry) is None


def _handling(user: Any, entry: IncomingEntry) -> str | None:
    if entry.handler_id == user.pk or _in_unit(user, entry.lead_unit_id):
        return None
    if entry.lead_unit_id is None and _in_unit(user, entry.receiving_unit_id):
        return None
    return "Chỉ người xử lý hoặc đơn vị chủ trì được cập nhật việc xử lý văn bản này."


def _answer_released(user: Any, entry: IncomingEntry) -> str | None:
    answer = entry.answered_by
    if answer is None or answer.status != D.RELEASED:
        return "Văn bản trả lời chưa được phát hành."
    return None


INCOMING = Machine("documents.incoming", {s.value: str(s.label) for s in E}).add(
    Transition("register", (E.RECEIVED,), E.REGISTERED, "Vào sổ văn bản đến", _external,
               effect=_effect("register_entry")),
    Transition("confirm", (E.RECEIVED,), E.REGISTERED, "Xác nhận đã nhận", _receiving,
               effect=_effect("confirm_entry")),
    Transition("submit", (E.REGISTERED,), E.SUBMITTED, "Trình lãnh đạo", _submitter,
               effect=_effect("submit_entry")),
    Transition("direct", (E.SUBMITTED,), E.DIRECTED, "Cho ý kiến chỉ đạo", _director,
               effect=_effect("direct_entry")),
    Transition("start", (E.DIRECTED, E.REGISTERED), E.IN_PROGRESS, "Bắt đầu xử lý", _handling,
               effect=_effect("start_entry")),
    Transition("finish", (E.DIRECTED, E.IN_PROGRESS), E.DONE, "Báo đã xử lý xong", _handling, needs_note=True,
               effect=_effect("finish_entry")),
    # Taken by the release of the answering document, whoever releases it.
    Transition("answered", (E.REGISTERED, E.SUBMITTED, E.DIRECTED, E.IN_PROGRESS), E.ANSWERED,
               "Đã trả lời bằng văn bản", _answer_released),
)
