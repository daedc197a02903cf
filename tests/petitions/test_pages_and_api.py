"""The pages and the API of letters: intake with senders and files, the filtered register, the case page with
its classification and steps, the navigation entry, and the rights each role starts with."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from tests.files.samples import pdf
from tests.petitions.helpers import letter
from vanphong.core.models import Body, Place
from vanphong.core.roles import Role
from vanphong.petitions.models import Petition, PetitionCase
from vanphong.petitions.services import Classified, check_classify

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_of():
    def make(user):
        c = Client()
        c.force_login(user)
        return c
    return make


def test_the_intake_page_registers_a_letter_with_several_senders_and_files(officer, client_of):
    client = client_of(officer)
    assert client.get("/don-thu/vao-so/").status_code == 200
    scan = pdf("Đơn kiến nghị")
    response = client.post("/don-thu/vao-so/", {
        "channel": "tiep_dan", "content": "Kiến nghị sửa chữa đường liên thôn.", "classification": "0",
        "sender_name": ["PHẠM VĂN BA", "Đinh Thị Tư", ""], "sender_address": ["Xã Yên Bình, tỉnh Hà Giang", "", ""],
        "sender_contact": ["", "", ""], "sender_province": ["", "", ""],
        "scans": [SimpleUploadedFile("don.pdf", scan, "application/pdf")],
        "enclosures": [SimpleUploadedFile("ban-sao.pdf", scan, "application/pdf")],
    }, follow=True)
    page = response.content.decode()
    assert response.status_code == 200, page[:3000]
    letter_ = Petition.objects.get()
    assert f"Đã vào sổ đơn số {letter_.number}/{letter_.year}" in page
    assert "trùng nội dung" in page and "tỉnh cũ" in page
    assert "Phạm Văn Ba" in page and "Đinh Thị Tư" in page  # not a denunciation: shown to the case's readers
    assert letter_.senders.count() == 2 and letter_.attachments.count() == 1
    assert letter_.case.locality.short_name == "Tuyên Quang"  # Hà Giang joined Tuyên Quang on 1/7/2025


def test_the_intake_page_keeps_what_was_typed_when_it_refuses(officer, client_of):
    response = client_of(officer).post("/don-thu/vao-so/", {
        "channel": "buu_chinh", "content": "Nội dung đơn thử", "classification": "0",
        "sender_name": [""], "sender_address": [""], "sender_contact": [""], "sender_province": [""]})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Đơn chưa có người gửi" in page and "Nội dung đơn thử" in page
    assert not Petition.objects.exists()


def test_people_without_the_right_do_not_get_the_intake(office, client_of):
    assert client_of(office.thuong).get("/don-thu/vao-so/").status_code == 404
    assert "Vào sổ đơn" not in client_of(office.thuong).get("/don-thu/").content.decode()


def test_the_register_filters_by_kind_status_locality_and_overdue(officer, client_of):
    late = letter(officer, received_on=timezone.localdate() - timedelta(days=40), title="Đơn cũ quá hạn").case
    fresh = letter(officer, title="Đơn mới nhận", senders=None, address="Số 2, thành phố Huế").case
    complaint = check_classify(officer, fresh.pk, fresh.version, Classified(kind="khieu_nai", locality="Huế"))
    client = client_of(officer)

    def listed(**params):
        page = client.get("/don-thu/", params).content.decode()
        return {c.pk for c in (late, complaint) if f'/don-thu/{c.pk}/"' in page}

    assert listed() == {late.pk, complaint.pk}
    assert listed(**{"qua-han": "1"}) == {late.pk}
    assert listed(loai="khieu_nai") == {complaint.pk}
    assert listed(loai="chua") == {late.pk}
    assert listed(**{"trang-thai": "phan_loai"}) == {complaint.pk}
    hue = Place.objects.get(short_name="Huế", valid_to__isnull=True)
    assert listed(**{"dia-ban": hue.pk}) == {complaint.pk}
    assert "Quá hạn" in client.get("/don-thu/", {"qua-han": "1"}).content.decode()


def test_the_case_page_classifies_and_takes_steps(officer, client_of):
    case = letter(officer).case
    client = client_of(officer)
    page = client.get(f"/don-thu/{case.pk}/").content.decode()
    assert "Phân loại đơn" in page and "Bắt đầu phân loại" in page
    response = client.post(f"/don-thu/{case.pk}/phan-loai/", {
        "version": case.version, "kind": "khieu_nai", "field": "dat_dai", "locality": "Quảng Nam",
        "track": "nha_nuoc", "level": "tw", "instance": "2", "respondent_name": "UBND xã Tam Kỳ"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.kind, case.status, case.locality.short_name, case.instance) == ("khieu_nai", "phan_loai",
                                                                                  "Đà Nẵng", 2)
    stale = client.post(f"/don-thu/{case.pk}/phan-loai/", {"version": 1, "kind": "to_cao", "track": "nha_nuoc",
                                                           "level": "tw", "instance": "1"})
    assert stale.status_code == 400 and "người khác thay đổi" in stale.content.decode()
    client.post(f"/don-thu/{case.pk}/buoc/", {"step": "accept", "version": case.version})
    case.refresh_from_db()
    assert case.status == "thu_ly" and case.deadline_rule.code == "KN_L2"
    body = Body.objects.filter(kind="tinh_uy").first()
    other = letter(officer).case
    client.post(f"/don-thu/{other.pk}/buoc/", {"step": "forward", "version": other.version, "body": body.pk})
    other.refresh_from_db()
    assert other.status == "chuyen_don" and other.forwarded_to == body


def test_the_navigation_leads_to_the_letters(office, client_of):
    assert 'href="/don-thu/"' in client_of(office.thuong).get("/").content.decode()


def test_the_api_registers_lists_and_shows_a_case(officer, client_of):
    client = client_of(officer)
    response = client.post("/api/v1/petitions", {
        "channel": "thu_dien_tu", "content": "Phản ánh ngập úng kéo dài.",
        "senders": [{"name": "TRẦN VĂN NĂM", "address": "Số 5, tỉnh Bắc Giang", "contact": "nam@vidu.invalid"}],
    }, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["case"]["letters"][0]["senders"][0]["sender_name"] == "Trần Văn Năm"
    assert body["case"]["letters"][0]["senders"][0]["province"] == "Bắc Ninh"
    assert client.get("/api/v1/petitions").json()["items"][0]["id"] == body["case"]["id"]
    refused = client.post("/api/v1/petitions", {"channel": "buu_chinh", "content": "Không người gửi"},
                          content_type="application/json")
    assert refused.status_code == 400 and "chưa có người gửi" in refused.json()["detail"]
    assert PetitionCase.objects.count() == 1


def test_each_role_starts_with_its_petitions_rights():
    def rights(role):
        group = Group.objects.get(name=role)
        return {p.codename for p in group.permissions.filter(content_type__app_label="petitions")}

    assert rights(Role.PETITIONS_OFFICER) == {"handle_petition"}
    assert rights(Role.OFFICE_LEADER) == rights(Role.UNIT_HEAD) == {"handle_petition", "reveal_identity"}
    assert rights(Role.SPECIALIST) == set()
