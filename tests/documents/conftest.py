"""Document makers for the văn thư's tests (the certificates that sign them are fixtures of tests/conftest.py)."""

from __future__ import annotations

from tests.conftest import PASSPHRASE
from vanphong.documents.models import DocumentType, Issuer
from vanphong.documents.services import Draft, check_create_draft

__all__ = ["PASSPHRASE", "issuer", "make_draft", "party_type"]


def party_type(code: str) -> DocumentType:
    return DocumentType.objects.filter(system="party", code=code).order_by("-valid_from").first()


def issuer(code: str) -> Issuer:
    return Issuer.objects.get(system="party", code=code)


BODY = """Tại phiên họp ngày 28 tháng 3, Bộ Chính trị kết luận như sau:
I. Đánh giá chung
Việc triển khai chuyển đổi số đạt nhiều kết quả quan trọng.
II. Nhiệm vụ thời gian tới
1. Hoàn thiện thể chế
Các cơ quan rà soát quy định về văn bản điện tử.
2. Về hạ tầng, dữ liệu
a) Kết nối cơ sở dữ liệu
Văn phòng Trung ương Đảng chủ trì."""


def make_draft(actor, *, code: str = "KL", issuer_code: str = "TW", summary: str = "về tiếp tục đẩy mạnh chuyển đổi số",
               signer=None, internal=(), classification: int = 0, urgency: int = 0, answers=None, **extra):
    d = Draft(doc_type=party_type(code), issuer=issuer(issuer_code), summary=summary, body=BODY,
              recipients_text="- Các tỉnh ủy, thành ủy,\n- Lưu Văn phòng Trung ương Đảng.",
              internal_recipients=list(internal), classification=classification, urgency=urgency, signer=signer,
              signer_position="Thường trực Ban Bí thư", authority="TM", on_behalf_of="Bộ Chính trị", **extra)
    if answers is not None:
        from vanphong.documents.services import check_answer

        return check_answer(actor, answers.pk, d)
    return check_create_draft(actor, d)
