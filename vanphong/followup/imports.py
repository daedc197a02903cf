"""Import of progress from a spreadsheet (XLSX or CSV), all or nothing per file.

Columns, in the first row (names as written, case and accents ignored):
  ma_viec   the assignment's number (required)
  tinh_trang  chua_trien_khai, dang_trien_khai, co_ban_hoan_thanh, hoan_thanh, or their labels (required)
  tien_do   percentage 0–100 (optional: the status's default)
  ghi_chu   the report's note (optional)
  ngay      date of the report, dd/mm/yyyy (optional: today)
  co_quan   the implementing body's name (optional: when given it must be the assignment's body)

The rule: a failed import changes nothing. Every row is checked first; if any row is bad, nothing is applied
and the report lists every bad row with its number and the reason. Only a file with no bad row is applied, in
one transaction.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from vanphong.core.errors import ServiceError
from vanphong.core.models import Body, User
from vanphong.followup.models import Assignment, ProgressStatus
from vanphong.followup.progress import check_percent, do_report_progress
from vanphong.followup.services import may_update
from vanphong.security import policy
from vanphong.security.audit import record_event
from vanphong.text import fold

REQUIRED = ("ma_viec", "tinh_trang")
OPTIONAL = ("tien_do", "ghi_chu", "ngay", "co_quan")
EXPECTED = ", ".join((*REQUIRED, *OPTIONAL))
MAX_ROWS = 5000


@dataclass
class RowError:
    row: int
    reason: str


@dataclass
class ImportResult:
    applied: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _key(name: object) -> str:
    return fold(str(name or "")).strip().replace(" ", "_")


def read_rows(name: str, content: bytes) -> list[list[object]]:
    if name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ServiceError("Tệp CSV phải mã hóa UTF-8.", field="file") from exc
        return [list(r) for r in csv.reader(io.StringIO(text))]
    if not name.lower().endswith(".xlsx"):
        raise ServiceError("Chỉ nhận tệp .xlsx hoặc .csv.", field="file")
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ServiceError("Không đọc được tệp Excel; hãy lưu lại dưới dạng .xlsx rồi thử lại.", field="file") from exc
    sheet = wb.worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def _status(value: object) -> str | None:
    k = _key(value)
    for choice in ProgressStatus:
        if k in (choice.value, _key(choice.label)):
            return str(choice.value)
    return None


def _date(value: object) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):  # openpyxl gives a date cell as a datetime
        return value.date()
    if isinstance(value, date):
        return value

    try:
        return datetime.strptime(str(value).strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


def check_import(actor: User, name: str, content: bytes) -> ImportResult:
    rows = [r for r in read_rows(name, content) if any(c not in (None, "") for c in r)]
    if not rows:
        raise ServiceError(f"Tệp trống; dòng đầu phải là tên cột: {EXPECTED}.", field="file")
    header = [_key(c) for c in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c and c not in (*REQUIRED, *OPTIONAL)]
    if missing or unknown:
        what = []
        if missing:
            what.append("thiếu cột " + ", ".join(missing))
        if unknown:
            what.append("cột không nhận ra " + ", ".join(unknown))
        raise ServiceError(f"Sai cột ({'; '.join(what)}). Các cột cần có: {EXPECTED}.", field="file")
    if len(rows) - 1 > MAX_ROWS:
        raise ServiceError(f"Tệp có quá {MAX_ROWS} dòng; hãy chia nhỏ.", field="file")
    col = {c: i for i, c in enumerate(header) if c}
    result = ImportResult()
    planned = []
    today = timezone.localdate()
    bodies = {fold(b.name): b.pk for b in Body.objects.all()}
    with transaction.atomic():
        for number, raw in enumerate(rows[1:], start=2):
            cells = {c: (raw[i] if i < len(raw) else None) for c, i in col.items()}
            try:
                planned.append(_check_row(actor, cells, bodies, today))
            except ServiceError as exc:
                result.errors.append(RowError(number, exc.message))
        if result.errors:
            return result
        for a, status, percent, note, day in planned:
            a.refresh_from_db()  # an earlier row (or a sub-task's recompute) may have moved its version on
            do_report_progress(actor, a, status=status, percent=percent, note=note, reported_on=day, source="nhap")
        result.applied = len(planned)
        record_event("followup.progress_imported", actor=actor, new={"file": name[:100], "rows": result.applied})
    return result


def _check_row(actor: User, cells: dict[str, object], bodies: dict[str, int], today: date
               ) -> tuple[Assignment, str, int, str, date]:
    try:
        pk = int(str(cells.get("ma_viec") or "").strip())
    except ValueError:
        raise ServiceError("Mã việc phải là số.") from None
    a = policy.visible(actor, Assignment.objects.filter(pk=pk)).select_for_update().first()
    if a is None:
        raise ServiceError(f"Không có việc số {pk}, hoặc bạn không được xem.")
    if not may_update(actor, a):
        raise ServiceError(f"Bạn không được cập nhật tiến độ việc số {pk}.")
    if a.children.exists():
        raise ServiceError(f"Việc số {pk} chia thành việc nhỏ; hãy nhập tiến độ từng việc nhỏ.")
    status = _status(cells.get("tinh_trang"))
    if status is None:
        raise ServiceError(f"Tình trạng “{cells.get('tinh_trang') or ''}” không hợp lệ; dùng: "
                           + ", ".join(ProgressStatus.values) + ".")
    percent_cell = cells.get("tien_do")
    percent: int | None = None
    if percent_cell not in (None, ""):
        try:
            percent = int(float(str(percent_cell).strip().rstrip("%")))
        except ValueError:
            raise ServiceError("Tiến độ phải là số từ 0 đến 100.") from None
    value = check_percent(status, percent)
    body_name = str(cells.get("co_quan") or "").strip()
    if body_name:
        body_id = bodies.get(fold(body_name))
        if body_id is None:
            raise ServiceError(f"Không có cơ quan, địa phương “{body_name}”.")
        if body_id != a.body_id:
            raise ServiceError(f"Việc số {pk} không giao cho “{body_name}”.")
    day = _date(cells.get("ngay"))
    if cells.get("ngay") not in (None, "") and day is None:
        raise ServiceError("Ngày phải viết dạng ngày/tháng/năm, ví dụ 15/12/2026.")
    if day is not None and day > today:
        raise ServiceError("Ngày báo cáo ở sau hôm nay.")
    return a, status, value, str(cells.get("ghi_chu") or ""), day or today
