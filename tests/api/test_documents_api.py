"""The văn thư over the API: the registers and a document as the policy allows, steps, reading a symbol."""

from __future__ import annotations

from tests.documents.conftest import make_draft


def test_the_incoming_register_lists_only_what_the_person_may_see(office, client):
    client.force_login(office.thuong)
    body = client.get("/api/v1/documents/incoming").json()
    levels = {item["classification"] for item in body["items"]}
    assert levels == {"THUONG"}
    client.force_login(office.tuyetmat)
    items = client.get("/api/v1/documents/incoming").json()["items"]
    assert {item["classification"] for item in items} == {"THUONG", "MAT", "TOI_MAT", "TUYET_MAT"}


def test_a_hidden_document_answers_404_like_a_missing_one(office, client):
    client.force_login(office.thuong)
    secret = office.documents["dimat"]
    assert client.get(f"/api/v1/documents/{secret.pk}").status_code == 404
    assert client.get("/api/v1/documents/999999").status_code == 404
    assert client.get(f"/api/v1/documents/{office.documents['dithuong'].pk}").json()["classification"] == "THUONG"


def test_a_step_through_the_api_goes_through_the_same_flow(office, client):
    draft = make_draft(office.thuong, signer=office.leader)
    client.force_login(office.thuong)
    answer = client.post(f"/api/v1/documents/{draft.pk}/steps/submit_review", {"version": draft.version},
                         content_type="application/json")
    assert answer.status_code == 200 and answer.json()["status"] == "ra_soat"
    again = client.post(f"/api/v1/documents/{draft.pk}/steps/submit_review", {"version": draft.version},
                        content_type="application/json")
    assert again.status_code == 409
    unknown = client.post(f"/api/v1/documents/{draft.pk}/steps/xoa_sach", {"version": 2},
                          content_type="application/json")
    assert unknown.status_code == 422


def test_reading_a_symbol_answers_its_parts_or_says_what_is_wrong(db, client, office):
    client.force_login(office.thuong)
    ok = client.get("/api/v1/documents/symbol", {"text": "Số 21-KL/TW"}).json()
    assert (ok["number"], ok["type"], ok["issuer"], ok["canonical"]) == (21, "KL", "TW", "21-KL/TW")
    bad = client.get("/api/v1/documents/symbol", {"text": "21-XYZ/TW"})
    assert bad.status_code == 400 and "XYZ" in bad.json()["detail"]
