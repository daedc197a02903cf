"""The desk lists the documents awaiting each person, most urgent and nearest deadline first, overdue marked."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.documents.conftest import make_draft
from tests.documents.test_flows import entry_step, register, step
from vanphong.core.models import Notice
from vanphong.documents.queries import awaiting
from vanphong.security.classification import Urgency


def labels(user, record):
    """What `user`'s desk says to do with `record` (an entry or a document)."""
    return [a.label for a in awaiting(user, limit=500) if a.record.pk == record.pk and type(a.record) is type(record)]


def test_each_step_lands_on_the_desk_of_whoever_takes_it_next(office):
    entry = register(office, urgency=Urgency.THUONG)
    assert labels(office.clerk, entry) == ["Trình văn bản đến"]
    assert labels(office.leader, entry) == []
    entry = entry_step(office.clerk, entry, "submit", submitted_to=office.leader.pk)
    assert labels(office.leader, entry) == ["Cho ý kiến chỉ đạo"] and labels(office.clerk, entry) == []
    entry_step(office.leader, entry, "direct", lead_unit=office.unit.pk, comment="Giao Vụ Tổng hợp.")
    assert labels(office.thuong, entry) == ["Xử lý văn bản đến"]
    assert labels(office.outsider, entry) == [], "another unit's work is not on my desk"

    draft = make_draft(office.thuong, signer=office.leader)
    step(office.thuong, draft, "submit_review")
    assert labels(office.leader, draft) == ["Rà soát dự thảo"]
    step(office.leader, draft, "return_draft", note="Viết lại mục II.")
    assert labels(office.thuong, draft) == ["Sửa dự thảo được trả lại"]
    step(office.thuong, draft, "submit_review")
    step(office.leader, draft, "pass_review")
    assert labels(office.clerk, draft) == ["Kiểm tra thể thức"]
    step(office.clerk, draft, "pass_format")
    assert labels(office.leader, draft) == ["Ký văn bản"] and labels(office.thuong, draft) == []


def test_the_most_urgent_comes_first_then_the_overdue(office):
    plain = register(office, urgency=Urgency.THUONG, symbol_text="Số 10-CV/TU")
    urgent = register(office, urgency=Urgency.HOA_TOC, symbol_text="Số 11-CV/TU")
    late = register(office, urgency=Urgency.THUONG, symbol_text="Số 12-CV/TU")
    type(late).objects.filter(pk=late.pk).update(deadline=timezone.localdate() - timedelta(days=2))
    mine = {urgent.pk, late.pk, plain.pk}
    rows = [a for a in awaiting(office.clerk, limit=500) if a.action == "entry" and a.record.pk in mine]
    assert [a.record.pk for a in rows] == [urgent.pk, late.pk, plain.pk]
    assert rows[1].overdue and not rows[0].overdue


def test_the_desk_page_shows_documents_and_notices_and_opening_one_reads_it(office, client):
    entry = register(office)
    client.force_login(office.leader)
    page = client.get("/").content.decode()
    assert "Văn bản chờ tôi" in page and "HỎA TỐC" in page
    notice = Notice.objects.get(recipient=office.leader)
    assert client.get(entry.get_absolute_url()).status_code == 200
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert "HỎA TỐC: văn bản đến" not in client.get("/").content.decode()
