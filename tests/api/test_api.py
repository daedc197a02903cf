"""The API's contract: token auth, one Vietnamese error shape, classification on every object, bad input."""

from __future__ import annotations

import json

import pyotp
import pytest
from django.test import Client

from tests.core.test_accounts import enrol, next_code
from tests.factories import PASSWORD, make_user
from vanphong.core.roles import Role
from vanphong.followup.models import Assignment


def token_for(client: Client, username: str, **extra) -> str:
    response = client.post("/api/v1/auth/token", {"username": username, "password": PASSWORD, **extra},
                           content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()["token"]


def test_a_token_is_issued_for_a_username_and_password(db):
    make_user("tichhop")
    client = Client()
    raw = token_for(client, "tichhop")
    me = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert me.status_code == 200 and me.json()["username"] == "tichhop"
    assert me.json()["classification"] == "THUONG"


def test_a_wrong_password_gets_401_in_the_common_shape(db):
    make_user("tichhop")
    response = Client().post("/api/v1/auth/token", {"username": "tichhop", "password": "sai"},
                             content_type="application/json")
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "unauthenticated" and "không đúng" in body["detail"]


def test_an_account_with_two_factor_needs_the_code_for_a_token(db):
    user = make_user("vanthu", roles=(Role.CLERK,))
    secret, _ = enrol(user)
    client = Client()
    response = client.post("/api/v1/auth/token", {"username": "vanthu", "password": PASSWORD},
                           content_type="application/json")
    assert response.status_code == 401 and "totp" in response.json()["detail"]
    assert token_for(client, "vanthu", totp=next_code(secret))


@pytest.mark.parametrize("header", ["Bearer vp_khongtontai", "Bearer ", "Bearer " + "x" * 5000, "Basic abc",
                                    "Bearer vp_\u0111"])
def test_malformed_or_unknown_tokens_get_401(db, header):
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_malformed_json_gets_400_in_vietnamese(db):
    user = make_user("tichhop")
    client = Client()
    client.force_login(user)
    response = client.post("/api/v1/assignments", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]
    assert not Assignment.objects.exists()


def test_invalid_fields_are_listed_by_name(db):
    user = make_user("tichhop")
    client = Client()
    client.force_login(user)
    response = client.post("/api/v1/assignments", {"classification": "BI_MAT"}, content_type="application/json")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation"
    fields = {e["field"] for e in body["errors"]}
    assert {"title", "classification"} <= fields


def test_an_oversized_body_is_refused_and_changes_nothing(db, settings):
    user = make_user("tichhop")
    client = Client()
    client.force_login(user)
    big = json.dumps({"title": "x", "description": "y" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})
    response = client.post("/api/v1/assignments", big, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert not Assignment.objects.exists()


def test_unknown_routes_get_a_json_404(db):
    user = make_user("tichhop")
    client = Client()
    client.force_login(user)
    response = client.get("/api/v1/khong-co")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_assignment_round_trips_through_the_api(office):
    client = Client()
    client.force_login(office.leader)
    response = client.post("/api/v1/assignments", {
        "title": "Tổng hợp ý kiến các tỉnh ủy", "classification": "MAT", "urgency": "KHAN",
        "assignee_id": office.mat.pk, "deadline": "2099-01-31"}, content_type="application/json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["classification"] == "MAT" and created["urgency"] == "KHAN"
    mine = Client()
    mine.force_login(office.mat)
    listed = mine.get("/api/v1/assignments").json()
    assert created["id"] in [i["id"] for i in listed["items"]]
    assert all("classification" in item for item in listed["items"])
    changed = mine.post(f"/api/v1/assignments/{created['id']}/status", {"status": "dang_xu_ly", "version": 1},
                        content_type="application/json")
    assert changed.status_code == 200 and changed.json()["version"] == 2


def test_a_stale_version_is_a_conflict_not_an_overwrite(office):
    a = office.records["thuong"]
    client = Client()
    client.force_login(office.tuyetmat)
    first = client.post(f"/api/v1/assignments/{a.pk}/status", {"status": "dang_xu_ly", "version": 1},
                        content_type="application/json")
    assert first.status_code == 200
    second = client.post(f"/api/v1/assignments/{a.pk}/status", {"status": "hoan_thanh", "version": 1},
                         content_type="application/json")
    assert second.status_code == 409 and second.json()["code"] == "conflict"
    a.refresh_from_db()
    assert a.status == "dang_xu_ly"


def test_unsafe_session_calls_need_the_csrf_token(office):
    client = Client(enforce_csrf_checks=True)
    client.force_login(office.leader)
    response = client.post("/api/v1/assignments", {"title": "Không có CSRF", "assignee_id": office.mat.pk},
                           content_type="application/json")
    assert response.status_code in (401, 403)
    assert not Assignment.objects.filter(title="Không có CSRF").exists()


def test_every_schema_in_the_openapi_document_has_a_classification(db):
    user = make_user("tichhop")
    client = Client()
    client.force_login(user)
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    objects = {name: s for name, s in schemas.items()
               if name.endswith("Out") and name not in ("ErrorOut",) and "properties" in s}
    assert objects
    for name, s in objects.items():
        if name in ("PositionOut", "Hit") or name.startswith("Paged"):
            continue
        assert "classification" in s["properties"], name


def test_totp_secret_is_never_exposed_by_the_api(db):
    user = make_user("vanthu", roles=(Role.CLERK,))
    secret, _ = enrol(user)
    client = Client()
    raw = token_for(client, "vanthu", totp=pyotp.TOTP(secret).at(__import__("time").time() + 30))
    body = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").content.decode()
    assert secret not in body


@pytest.mark.parametrize("url", ["/api/v1/assignments/99999999999999999999999", "/api/v1/people/9223372036854775808",
                                 "/api/v1/people?unit=99999999999999999999"])
def test_absurd_ids_get_a_clear_answer_not_a_server_error(db, url):
    user = make_user("tichhop")
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code in (404, 422)
    assert response.json()["code"] in ("not_found", "validation")


@pytest.mark.parametrize("url", ["/viec/99999999999999999999999/", "/nhan-su/9223372036854775808/",
                                 "/nhan-su/?don_vi=99999999999999999999"])
def test_absurd_ids_in_page_urls_answer_404_or_are_ignored(db, url):
    user = make_user("tichhop")
    client = Client()
    client.force_login(user)
    assert client.get(url).status_code in (200, 404)


@pytest.mark.parametrize("body", ['{"username": "a\\u0000b", "password": "x"}',
                                  '{"username": "ab", "password": "\\u0000"}'])
def test_text_with_nul_characters_is_refused_clearly(db, body):
    response = Client().post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_a_nul_in_a_page_query_is_refused(db):
    user = make_user("tichhop")
    client = Client()
    client.force_login(user)
    assert client.get("/nhan-su/?q=a%00b").status_code == 400
