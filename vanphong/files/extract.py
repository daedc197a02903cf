"""Read the text of stored files (PDF, DOCX, ODT, ODS, RTF, TXT), normalised and bounded, and announce it.

Bounded twice: at MAX_TEXT_CHARS characters (enough for any real document; beyond it the text is cut and
flagged) and at TIME_LIMIT_SECONDS, checked between pages and paragraphs (one page that never ends cannot be
interrupted without a separate process).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from vanphong.files.models import StoredFile
from vanphong.files.signals import text_extracted
from vanphong.security.audit import record_event
from vanphong.text import normalize

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 4_000_000
TIME_LIMIT_SECONDS = 120.0
Status = StoredFile.TextStatus


class Budget:
    """Collects text pieces until the size or time limit is reached."""

    def __init__(self, max_chars: int | None = None, seconds: float | None = None) -> None:
        self.pieces: list[str] = []
        self.chars = 0
        self.max_chars = MAX_TEXT_CHARS if max_chars is None else max_chars
        self.deadline = time.monotonic() + (TIME_LIMIT_SECONDS if seconds is None else seconds)
        self.truncated = False

    def add(self, piece: str) -> bool:
        """Keep `piece`; False once full (the reader should stop)."""
        if self.truncated:
            return False
        room = self.max_chars - self.chars
        if len(piece) > room:
            piece = piece[:room]
            self.truncated = True
        self.pieces.append(piece)
        self.chars += len(piece)
        if time.monotonic() > self.deadline:
            self.truncated = True
        return not self.truncated

    def text(self, separator: str = "\n") -> str:
        return separator.join(p for p in self.pieces if p)


def _read_pdf(f: IO[bytes], budget: Budget) -> str:
    from pypdf import PdfReader

    reader = PdfReader(f, strict=False)
    for page in reader.pages:
        if not budget.add(page.extract_text() or ""):
            break
    return budget.text("\n\n")


def _read_docx(f: IO[bytes], budget: Budget) -> str:
    import docx
    from docx.table import Table

    document = docx.Document(f)

    def walk(container: Any) -> bool:
        for block in container.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    seen: set[int] = set()
                    for cell in row.cells:
                        # A merged cell appears once per grid column it spans: read it once.
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        if not walk(cell):
                            return False
            elif not budget.add(block.text):
                return False
        return True

    if walk(document):
        margins: list[str] = []
        for section in document.sections:
            for part in (section.header, section.footer):
                if part.is_linked_to_previous:
                    continue
                text = "\n".join(p.text for p in part.paragraphs).strip()
                if text and text not in margins:
                    margins.append(text)
        for text in margins:
            if not budget.add(text):
                break
    return budget.text()


def _read_odf(f: IO[bytes], budget: Budget) -> str:
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    document = load(f)
    blocks = {(TEXTNS, "p"), (TEXTNS, "h")}

    def walk(node: Any) -> bool:
        for child in node.childNodes:
            if getattr(child, "qname", None) in blocks:
                if not budget.add(teletype.extractText(child)):
                    return False
            elif child.nodeType == child.ELEMENT_NODE and not walk(child):
                return False
        return True

    walk(document.body)
    return budget.text()


def _read_txt(f: IO[bytes], budget: Budget) -> str:
    data = f.read(budget.max_chars * 4 + 4)
    budget.add(data.decode("utf-8-sig", errors="replace"))
    return budget.text()


def _read_rtf(f: IO[bytes], budget: Budget) -> str:
    from striprtf.striprtf import rtf_to_text

    # RTF is 7-bit: non-ASCII letters are \'xx and \uN escapes, which striprtf decodes (honouring \ansicpg).
    budget.add(rtf_to_text(f.read().decode("latin-1"), errors="replace"))
    return budget.text()


READERS: dict[str, Callable[[IO[bytes], Budget], str]] = {
    "pdf": _read_pdf,
    "docx": _read_docx,
    "odt": _read_odf,
    "ods": _read_odf,
    "txt": _read_txt,
    "rtf": _read_rtf,
}


def extract_now(stored_file: StoredFile, *, force: bool = False) -> StoredFile:
    """Extract, normalise and save the text of `stored_file`, then send `text_extracted`. Never raises.

    Does nothing unless the text is pending (or `force`), so running it twice, or two workers at once, saves
    and announces one result.
    """
    if not force and stored_file.text_status != Status.PENDING:
        return stored_file
    kind = stored_file.kind
    reader = READERS.get(kind.code)
    text, error, truncated = "", "", False
    if reader is None:
        status = Status.NOT_APPLICABLE
    else:
        budget = Budget()
        try:
            with stored_file.open() as f:
                raw = reader(f, budget)
            text = normalize(raw)[:MAX_TEXT_CHARS]
            truncated = budget.truncated
            status = Status.DONE
        except OSError:
            log.warning("Không mở được tệp %s để trích xuất", stored_file.sha256, exc_info=True)
            status = Status.FAILED
            error = ("Không mở được tệp trong kho lưu trữ để đọc chữ. Hãy chạy `vanphong files verify` để kiểm tra "
                     "kho, rồi `vanphong files extract --retry-failed`.")
        except Exception:  # a damaged file can make any reader fail in any way
            log.warning("Trích xuất chữ của tệp %s không thành công", stored_file.sha256, exc_info=True)
            status = Status.FAILED
            error = (f"Không đọc được chữ trong {kind.label} này (tệp có thể bị hỏng một phần hoặc dùng tính năng "
                     "chưa hỗ trợ). Tệp vẫn được lưu và tải xuống bình thường, chỉ không tìm được theo nội dung.")
    _save(stored_file, status, text, error, truncated, force=force)
    stored_file.refresh_from_db()
    return stored_file


def _save(stored_file: StoredFile, status: str, text: str, error: str, truncated: bool, *, force: bool) -> bool:
    with transaction.atomic():
        rows = StoredFile.objects.filter(pk=stored_file.pk)
        if not force:
            rows = rows.filter(text_status=Status.PENDING)
        updated = rows.update(text=text, text_status=status, text_error=error[:500], text_truncated=truncated,
                              text_extracted_at=timezone.now())
        if updated != 1:
            return False
        record_event("files.text_extracted", obj=stored_file,
                     new={"status": status, "chars": len(text), "truncated": truncated})
        if status == Status.DONE:
            transaction.on_commit(partial(_announce, stored_file.pk))
    return True


def _announce(stored_file_id: int) -> None:
    for receiver, result in text_extracted.send_robust(sender=StoredFile, stored_file_id=stored_file_id):
        if isinstance(result, Exception):
            log.error("Bộ nhận tín hiệu text_extracted %r lỗi với tệp #%s", receiver, stored_file_id,
                      exc_info=result)
