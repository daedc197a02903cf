"""Fixtures for the văn thư: a local CA with the leader's and the seals' certificates, and document makers."""

from __future__ import annotations

import pytest
from django.conf import settings

from vanphong.documents import keys, pki
from vanphong.documents.models import DocumentType, Issuer
from vanphong.documents.services import Draft, check_create_draft
from vanphong.documents.signing import LOCAL_CA_FILE

PASSPHRASE = "mat-khau-chung-thu"
OFFICE_NAME = "Văn phòng Trung ương Đảng"


@pytest.fixture(scope="session")
def authority() -> pki.Authority:
    # EC keys: as valid for PAdES as RSA and far quicker to make.
    return pki.make_root_ca("CA thử nghiệm VănPhòng", key_type="ec")


@pytest.fixture(scope="session")
def identities(authority) -> dict[str, pki.Identity]:
    return {
        "leader": pki.issue_certificate(authority, "Phạm Văn Lãnh", OFFICE_NAME, "person", key_type="ec"),
        "VPTW": pki.issue_certificate(authority, OFFICE_NAME, OFFICE_NAME, "organisation", key_type="ec"),
        "TW": pki.issue_certificate(authority, "Ban Chấp hành Trung ương", "Trung ương Đảng", "organisation",
                                    key_type="ec"),
    }


@pytest.fixture
def signing_keys(office, authority, identities):
    """The leader's certificate and the seals of TW and VPTW, with the local CA trusted."""
    settings.VANPHONG_PKI_DIR.mkdir(parents=True, exist_ok=True)
    (settings.VANPHONG_PKI_DIR / LOCAL_CA_FILE).write_bytes(pki.to_pem(authority.certificate))
    settings.VANPHONG_SEAL_PASSPHRASE = PASSPHRASE
    keys.do_add_signing_key(None, pki.to_pkcs12(identities["leader"], PASSPHRASE), PASSPHRASE, owner=office.leader)
    for code in ("VPTW", "TW"):
        keys.do_add_signing_key(None, pki.to_pkcs12(identities[code], PASSPHRASE), PASSPHRASE,
                                issuer=Issuer.objects.get(system="party", code=code))
    return identities


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
