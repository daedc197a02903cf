"""The queue of the demo: letters that came in by themselves and wait to be registered — two sent through the
public form (one a denunciation), two e-mails (one with a scanned letter attached, one from a writer the register
already knows, so registering it offers the repeat)."""

from __future__ import annotations

import random
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from functools import cache

from django.utils import timezone

from vanphong.core.demo import DemoContext
from vanphong.petitions import inbox


def _email(name: str, address: str, subject: str, body: str, hours_ago: int,
           attachment: tuple[str, bytes] | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = f"{name} <{address}>"
    message["To"] = "tiepnhandon@vanphong.example.vn"
    message["Subject"] = subject
    message["Date"] = format_datetime(timezone.now() - timedelta(hours=hours_ago))
    message["Message-ID"] = make_msgid(domain="example.vn")
    message.set_content(body)
    if attachment is not None:
        message.add_attachment(attachment[1], maintype="application", subtype="pdf", filename=attachment[0])
    return message.as_bytes()


@cache
def scan(text: str) -> bytes:
    """A one-page PDF, as a scanned letter would be."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=A4)
    page.drawString(72, 760, text)
    page.save()
    return buf.getvalue()


def build_queue(ctx: DemoContext, known_writer: tuple[str, str, str] | None, rng: random.Random) -> int:
    """Four waiting submissions; `known_writer` (name, address, matter) is someone who wrote before."""
    inbox.check_submit_online(inbox.Online(
        kind="to_cao", name=ctx.names.next()[0], address=f"Thôn {rng.randint(1, 9)}, xã Kiến Xương",
        province="Thái Bình", contact=f"09{rng.randint(10_000_000, 99_999_999)}",
        title="Tố cáo cán bộ địa chính xã thu tiền khi làm thủ tục đất đai",
        content="Tôi tố cáo cán bộ địa chính xã đã yêu cầu gia đình tôi nộp thêm tiền ngoài quy định khi làm thủ "
                "tục cấp giấy chứng nhận quyền sử dụng đất. Đề nghị xem xét, xử lý nghiêm."))
    inbox.check_submit_online(inbox.Online(
        kind="kien_nghi", name=ctx.names.next()[0], address=f"Tổ {rng.randint(1, 20)}, phường Hồng Bàng",
        province="Hải Phòng", contact="nguoidan@example.vn", title="Kiến nghị sửa chữa đường ngõ xóm",
        content="Đường ngõ xóm xuống cấp nhiều năm, mùa mưa ngập nặng. Kính đề nghị chính quyền sớm sửa chữa."))
    name = ctx.names.next()[0]
    inbox.check_import_email(None, _email(
        name, "dan.thu@example.vn", "Đơn khiếu nại về bồi thường giải phóng mặt bằng",
        f"Kính gửi Văn phòng,\n\nTôi là {name}. Tôi khiếu nại mức bồi thường khi thu hồi đất làm đường, đơn có chữ "
        "ký gửi kèm.\n\nTrân trọng.", 20, ("don-khieu-nai.pdf", scan("Don khieu nai (ban quet)"))), "thu-1.eml")
    if known_writer is not None:
        writer, address, matter = known_writer
        inbox.check_import_email(None, _email(
            writer, "viet.lai@example.vn", f"Đề nghị trả lời đơn: {matter}",
            f"Tôi là {writer}, trú tại {address}. {matter}. Đề nghị các cơ quan có thẩm quyền xem xét, giải quyết "
            "dứt điểm để bảo đảm quyền lợi hợp pháp. Tôi đã gửi đơn nhưng chưa nhận được trả lời.", 3), "thu-2.eml")
    return inbox.waiting_count()
