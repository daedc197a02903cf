"""The rule tables: the shipped rows are loaded once, come back after a flush and never overwrite an
administrator's edits; the parser's rules built from the database follow what administrators change, validity
dates included; the admin shows and checks both tables."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import IntegrityError, transaction
from django.test import Client

from vanphong.core.models import Body, User
from vanphong.documents.models import DocumentType, Issuer, NumberingScope, System
from vanphong.documents.reference import (
    document_type_rows,
    issuer_rows,
    load_document_types,
    load_issuers,
    rules_from_db,
    rules_from_json,
)
from vanphong.documents.symbols import PARTY, parse_symbol


def test_every_installation_starts_with_the_shipped_tables(db):
    assert DocumentType.objects.count() == len(document_type_rows())
    assert Issuer.objects.count() == len(issuer_rows())
    assert DocumentType.objects.get(system=System.PARTY, code="KL").name == "Kết luận"
    assert DocumentType.objects.get(system=System.STATE, code="QyĐ").name == "Quy định"
    # The same code in both systems, each with its own rows.
    assert DocumentType.objects.filter(code="NQ").values_list("system", flat=True).distinct().count() == 2


def test_the_database_rules_are_the_shipped_rules_until_someone_edits_them(db):
    from_db, shipped = rules_from_db(), rules_from_json()
    assert set(from_db.types) == set(shipped.types)
    assert set(from_db.issuers) == set(shipped.issuers)


def test_issuers_carry_their_numbering_rules_and_their_body(db):
    tw = Issuer.objects.get(system=System.PARTY, code="TW")
    assert (tw.numbering_scope, tw.secret_own_sequence) == (NumberingScope.TERM, False)
    assert tw.body == Body.objects.get(name="Ban Chấp hành Trung ương Đảng")
    cp = Issuer.objects.get(system=System.STATE, code="CP")
    assert (cp.numbering_scope, cp.secret_own_sequence) == (NumberingScope.YEAR, True)
    assert cp.body == Body.objects.get(name="Chính phủ")
    assert Issuer.objects.get(system=System.PARTY, code="VPTW").body.abbreviation == "VPTW"


def test_loading_again_creates_nothing(db):
    assert load_document_types(DocumentType) == 0
    assert load_issuers(Issuer, Body) == 0
    assert DocumentType.objects.count() == len(document_type_rows())


def test_a_loader_adds_a_missing_row_and_leaves_edited_ones_alone(db):
    DocumentType.objects.filter(system=System.STATE, code="NĐ").delete()
    DocumentType.objects.filter(system=System.PARTY, code="KL").update(name="Kết luận (tên đã sửa)")
    assert load_document_types(DocumentType) == 1
    assert DocumentType.objects.get(system=System.STATE, code="NĐ").name == "Nghị định"
    assert DocumentType.objects.get(system=System.PARTY, code="KL").name == "Kết luận (tên đã sửa)"


@pytest.mark.django_db(transaction=True)
def test_a_flush_puts_the_rule_tables_back():
    call_command("flush", "--no-input", verbosity=0)
    assert DocumentType.objects.count() == len(document_type_rows())
    assert Issuer.objects.count() == len(issuer_rows())
    # Bodies come back first (core), so issuers are linked again.
    assert Issuer.objects.get(system=System.PARTY, code="VPTW").body.name == "Văn phòng Trung ương Đảng"


def test_the_post_migrate_hook_keeps_an_administrators_edits_and_deletions(db):
    kl = DocumentType.objects.get(system=System.PARTY, code="KL")
    kl.note = "đã đối chiếu bản gốc"
    kl.save()
    DocumentType.objects.filter(system=System.PARTY, code="GĐĐ").delete()
    Issuer.objects.filter(system=System.STATE, code="TTg").update(name="Thủ tướng")
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert DocumentType.objects.get(pk=kl.pk).note == "đã đối chiếu bản gốc"
    assert not DocumentType.objects.filter(system=System.PARTY, code="GĐĐ").exists()
    assert Issuer.objects.get(system=System.STATE, code="TTg").name == "Thủ tướng"


def test_parsing_accepts_a_code_no_longer_in_force_and_the_date_picks_the_code_to_write(db):
    rules = rules_from_db()
    qdi = DocumentType.objects.get(system=System.PARTY, code="QĐi")
    assert qdi.valid_to is not None and qdi.valid_to < date(2022, 1, 1)
    assert parse_symbol("11-QĐi/TW", rules).type_name == "Quy định"
    assert rules.code_for(PARTY, "Quy định", date(2019, 2, 18)) == "QĐi"
    assert rules.code_for(PARTY, "Quy định", date(2026, 2, 1)) == "QĐ"
    assert "QĐi" not in {t.code for t in rules.types_valid_on(PARTY, date(2026, 2, 1))}


def test_an_administrator_ending_a_type_stops_new_use_but_old_documents_still_read(db):
    DocumentType.objects.filter(system=System.PARTY, code="KL").update(valid_to=date(2025, 12, 31))
    rules = rules_from_db()
    assert parse_symbol("21-KL/TW", rules).type == "KL"
    assert rules.code_for(PARTY, "Kết luận", date(2025, 6, 1)) == "KL"
    assert rules.code_for(PARTY, "Kết luận", date(2026, 6, 1)) is None


def test_a_type_and_an_issuer_added_by_an_administrator_are_read(db):
    DocumentType.objects.create(system=System.PARTY, code="CTHĐ", name="Chương trình hành động")
    Issuer.objects.create(system=System.PARTY, code="BTGDVTU", name="Ban Tuyên giáo và Dân vận Thành ủy",
                          valid_from=date(2026, 1, 1), numbering_scope=NumberingScope.TERM, aliases="btgdv")
    rules = rules_from_db()
    symbol = parse_symbol("05-cthđ/btgdv", rules, on=date(2026, 3, 1))
    assert (symbol.type, symbol.type_name, symbol.issuer) == ("CTHĐ", "Chương trình hành động", "BTGDVTU")
    assert symbol.issuer_name == "Ban Tuyên giáo và Dân vận Thành ủy"


def test_every_shipped_row_passes_the_checks_an_administrator_gets(db):
    for row in [*DocumentType.objects.all(), *Issuer.objects.all()]:
        row.full_clean()


def test_a_second_row_for_the_same_code_and_start_is_refused(db):
    duplicate = DocumentType(system=System.PARTY, code="KL", name="Kết luận khác")
    with pytest.raises(ValidationError, match="Đã có một dòng cùng hệ thống"):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_the_checks_refuse_an_unreadable_code_a_reversed_period_and_an_overlap(db):
    with pytest.raises(ValidationError, match="chỉ gồm chữ cái"):
        DocumentType(system=System.PARTY, code="K.L", name="Kết luận").full_clean()
    with pytest.raises(ValidationError, match="phải từ ngày có hiệu lực trở đi"):
        DocumentType(system=System.PARTY, code="KLM", name="Thử", valid_from=date(2026, 2, 1),
                     valid_to=date(2026, 1, 1)).full_clean()
    with pytest.raises(ValidationError, match="trùng thời gian hiệu lực"):
        DocumentType(system=System.PARTY, code="KL", name="Kết luận", valid_from=date(2026, 1, 1)).full_clean()
    with pytest.raises(ValidationError, match="Ký hiệu không đọc được: 15TW"):
        Issuer(system=System.PARTY, code="15TW", name="Thử", numbering_scope=NumberingScope.TERM).full_clean()


def test_the_admin_lists_filter_by_system_and_validity(db):
    admin = User.objects.create_superuser("qt-quy-tac", password="Mat-khau-thu-nghiem-2026")
    client = Client()
    client.force_login(admin)
    ended_party = client.get("/quan-tri/documents/documenttype/", {"system__exact": "party", "hieu_luc": "ended"})
    assert ended_party.status_code == 200
    page = ended_party.content.decode()
    assert "QĐi" in page and "Kết luận" not in page and "Nghị định" not in page
    current = client.get("/quan-tri/documents/issuer/", {"hieu_luc": "current"}).content.decode()
    assert "BTGDVTW" in current and "BTGTW" not in current
    for page in ("/quan-tri/documents/documenttype/add/", "/quan-tri/documents/issuer/add/"):
        assert client.get(page).status_code == 200


def test_the_admin_form_says_in_vietnamese_what_is_wrong(db):
    admin = User.objects.create_superuser("qt-quy-tac", password="Mat-khau-thu-nghiem-2026")
    client = Client()
    client.force_login(admin)
    response = client.post("/quan-tri/documents/documenttype/add/", {
        "system": "party", "code": "K.L", "name": "Kết luận", "order": 100, "note": "",
    })
    assert response.status_code == 200
    assert "Chữ viết tắt chỉ gồm chữ cái" in response.content.decode()
    assert not DocumentType.objects.filter(code="K.L").exists()
