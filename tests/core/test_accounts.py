"""Signing in: passwords, lockout, two-factor with backup codes, idle timeout, logging out everywhere."""

from __future__ import annotations

import time

import pyotp
import pytest
from django.contrib.auth.hashers import identify_hasher
from django.test import Client

from tests.factories import PASSWORD, make_user
from vanphong.core import services
from vanphong.core.models import BackupCode, TwoFactor
from vanphong.core.roles import Role
from vanphong.security.audit import AuditEvent


def login(client: Client, username: str, password: str = PASSWORD, **extra):
    return client.post("/dang-nhap/", {"username": username, "password": password}, **extra)


def enrol(user) -> tuple[str, list[str]]:
    device = services.do_start_totp_enrollment(user)
    codes = services.do_confirm_totp(user, pyotp.TOTP(device.secret).now())
    assert codes is not None
    return device.secret, codes


def next_code(secret: str) -> str:
    # A code for the next time step: the current one was spent at enrolment and replay is refused.
    totp = pyotp.TOTP(secret)
    return totp.at(time.time() + totp.interval)


def leave_idle(client: Client, settings) -> None:
    """Make the session look untouched for just longer than the idle limit."""
    session = client.session
    session["_last_seen"] = int(time.time()) - settings.VANPHONG_SESSION_IDLE_MINUTES * 60 - 5
    session.save()


def test_a_specialist_signs_in_with_a_password_and_reaches_the_desk(db):
    make_user("chuyenvien")
    client = Client()
    response = login(client, "chuyenvien")
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Bàn làm việc" in client.get("/").content.decode()
    assert AuditEvent.objects.filter(event_type="auth.login").count() == 1


def test_a_wrong_password_gets_a_vietnamese_message_and_no_session(db):
    make_user("chuyenvien")
    client = Client()
    response = login(client, "chuyenvien", "sai-mat-khau")
    assert response.status_code == 400
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert client.get("/").status_code == 302


def test_passwords_are_hashed_with_argon2_in_the_real_settings(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = make_user("argon")
    assert identify_hasher(user.password).algorithm == "argon2"


def test_repeated_failures_lock_the_account_even_from_other_addresses(db, settings):
    make_user("bi-khoa")
    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        login(client, "bi-khoa", "sai", REMOTE_ADDR=f"10.0.0.{i + 1}")
    response = login(client, "bi-khoa", REMOTE_ADDR="10.0.0.99")
    assert response.status_code == 429
    assert "tạm bị khóa" in response.content.decode()
    assert client.get("/").status_code == 302


def test_repeated_failures_from_one_address_lock_that_address_for_every_account(db, settings):
    make_user("nan-nhan")
    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        login(client, f"khong-co-{i}", "sai", REMOTE_ADDR="10.9.9.9")
    assert login(client, "nan-nhan", REMOTE_ADDR="10.9.9.9").status_code == 429
    assert login(Client(), "nan-nhan", REMOTE_ADDR="10.9.9.10").status_code == 302


def test_a_lockout_expires_by_itself(db, settings, monkeypatch):
    from datetime import timedelta

    make_user("het-khoa")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "het-khoa", "sai")
    assert login(client, "het-khoa").status_code == 429
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(hours=1))
    assert login(client, "het-khoa").status_code == 302


def test_a_leader_must_set_up_two_factor_before_the_first_sign_in_completes(db):
    make_user("lanhdao", roles=(Role.OFFICE_LEADER,))
    client = Client()
    response = login(client, "lanhdao")
    assert response["Location"] == "/dang-nhap/thiet-lap-xac-thuc/"
    assert client.get("/").status_code == 302, "chưa được vào khi chưa xong lớp thứ hai"
    page = client.get("/dang-nhap/thiet-lap-xac-thuc/")
    assert page.status_code == 200 and "data:image/svg+xml" in page.content.decode()
    secret = TwoFactor.objects.get(user__username="lanhdao").secret
    response = client.post("/dang-nhap/thiet-lap-xac-thuc/", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10
    assert client.get("/").status_code == 200


def test_backup_codes_are_stored_hashed(db):
    user = make_user("lanhdao", roles=(Role.OFFICE_LEADER,))
    _, codes = enrol(user)
    stored = list(BackupCode.objects.filter(user=user).values_list("code_hash", flat=True))
    assert len(stored) == 10
    for code in codes:
        assert all(code not in h for h in stored)


def test_a_clerk_signs_in_with_password_and_totp(db):
    user = make_user("vanthu", roles=(Role.CLERK,))
    secret, _ = enrol(user)
    client = Client()
    assert login(client, "vanthu")["Location"] == "/dang-nhap/ma-xac-thuc/"
    response = client.post("/dang-nhap/ma-xac-thuc/", {"code": next_code(secret)})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_a_totp_code_cannot_be_replayed(db):
    user = make_user("vanthu", roles=(Role.CLERK,))
    secret, _ = enrol(user)
    code = next_code(secret)
    assert services.do_verify_second_factor(user, code)
    assert not services.do_verify_second_factor(user, code)


def test_a_backup_code_works_once(db):
    user = make_user("quantri", roles=(Role.ADMIN,))
    _, codes = enrol(user)
    client = Client()
    login(client, "quantri")
    assert client.post("/dang-nhap/ma-xac-thuc/", {"code": codes[0]}).status_code == 302
    other = Client()
    login(other, "quantri")
    response = other.post("/dang-nhap/ma-xac-thuc/", {"code": codes[0]})
    assert response.status_code == 400
    assert "Mã xác thực không đúng hoặc đã dùng" in response.content.decode()


def test_guessing_second_factor_codes_locks_the_account(db, settings):
    user = make_user("vanthu", roles=(Role.CLERK,))
    enrol(user)
    client = Client()
    login(client, "vanthu")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/dang-nhap/ma-xac-thuc/", {"code": "000000"})
    assert client.post("/dang-nhap/ma-xac-thuc/", {"code": "000000"}).status_code == 429


def test_demo_accounts_skip_two_factor_only_in_demo_mode(db, settings):
    make_user("demo-lanhdao", roles=(Role.OFFICE_LEADER,), is_demo=True)
    settings.VANPHONG_DEMO_MODE = True
    assert login(Client(), "demo-lanhdao")["Location"] == "/"
    settings.VANPHONG_DEMO_MODE = False
    assert login(Client(), "demo-lanhdao")["Location"] == "/dang-nhap/thiet-lap-xac-thuc/"


def test_an_idle_session_expires_with_a_message(db, settings):
    make_user("chuyenvien")
    client = Client()
    login(client, "chuyenvien")
    leave_idle(client, settings)
    response = client.get("/viec/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/?next=")
    page = client.get(response["Location"])
    assert "hết hạn vì không hoạt động" in page.content.decode()
    assert client.get("/").status_code == 302


def test_an_expired_session_gets_json_from_the_api(db, settings):
    make_user("chuyenvien")
    client = Client()
    login(client, "chuyenvien")
    leave_idle(client, settings)
    response = client.get("/api/v1/me")
    assert response.status_code == 401 and response.json()["code"] == "session_expired"


def test_logout_everywhere_ends_other_sessions_and_tokens(db):
    user = make_user("chuyenvien")
    laptop, phone = Client(), Client()
    login(laptop, "chuyenvien")
    login(phone, "chuyenvien")
    _, raw = services.do_issue_token(user, "tích hợp")
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    laptop.post("/tai-khoan/dang-xuat-moi-noi/")
    assert phone.get("/").status_code == 302
    assert laptop.get("/").status_code == 302
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_logout_needs_post_and_ends_the_session(db):
    make_user("chuyenvien")
    client = Client()
    login(client, "chuyenvien")
    assert client.get("/dang-xuat/").status_code == 405
    client.post("/dang-xuat/")
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("target", ["https://example.org/", "//example.org/x"])
def test_login_never_redirects_off_site(db, target):
    make_user("chuyenvien")
    response = Client().post("/dang-nhap/", {"username": "chuyenvien", "password": PASSWORD, "next": target})
    assert response["Location"] == "/"


def test_the_admin_login_form_cannot_bypass_two_factor(db):
    make_user("quantri2", roles=(Role.ADMIN,), is_staff=True, is_superuser=True)
    client = Client()
    page = client.get("/quan-tri/login/?next=/quan-tri/")
    assert page.status_code == 302 and page["Location"].startswith("/dang-nhap/?next=")
    response = client.post("/quan-tri/login/?next=/quan-tri/", {"username": "quantri2", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    assert client.get("/quan-tri/").status_code == 302, "no session was opened by the admin form"


def test_a_person_changes_their_password_and_other_sessions_end(db):
    make_user("doimatkhau")
    here, elsewhere = Client(), Client()
    login(here, "doimatkhau")
    login(elsewhere, "doimatkhau")
    new = "Mat-khau-moi-rat-dai-2027"
    response = here.post("/tai-khoan/mat-khau/", {"old_password": PASSWORD, "new_password1": new,
                                                 "new_password2": new})
    assert response.status_code == 302
    assert here.get("/").status_code == 200, "this session stays signed in"
    assert elsewhere.get("/").status_code == 302, "every other session ends"
    assert login(Client(), "doimatkhau", new).status_code == 302
    assert login(Client(), "doimatkhau").status_code == 400
    assert AuditEvent.objects.filter(event_type="auth.password_changed").count() == 1


def test_a_wrong_old_password_changes_nothing_and_says_so(db):
    make_user("doimatkhau")
    client = Client()
    login(client, "doimatkhau")
    response = client.post("/tai-khoan/mat-khau/", {"old_password": "sai", "new_password1": "Mat-khau-moi-2027x",
                                                   "new_password2": "Mat-khau-moi-2027x"})
    assert response.status_code == 400
    assert "Cần sửa trước khi gửi" in response.content.decode()
    assert login(Client(), "doimatkhau").status_code == 302
    assert not AuditEvent.objects.filter(event_type="auth.password_changed").exists()
