"""Signing in through the browser: a refused password is explained in Vietnamese; an office leader who must use
two-factor sign-in sets it up on the way in (QR, code from the authenticator, backup codes)."""

from __future__ import annotations

import re

import pyotp
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Problems, shot, sign_in
from tests.factories import PASSWORD, make_user
from vanphong.core.models import TwoFactor
from vanphong.core.roles import Role
from vanphong.security.classification import Classification

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_wrong_password_is_refused_with_a_vietnamese_message(page: Page, problems: Problems):
    make_user("cv-nguyen", password=PASSWORD)
    # The refused POST answers 400, which Chromium reports on the console; nothing else may appear there.
    problems.allowed.append(re.compile(r"status of 400"))
    sign_in(page, "cv-nguyen", "mat-khau-sai")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")
    expect(page).to_have_url(re.compile(r"/dang-nhap/$"))
    # The name stays typed in, the password does not.
    expect(page.get_by_label("Tên đăng nhập")).to_have_value("cv-nguyen")
    expect(page.get_by_label("Mật khẩu")).to_have_value("")
    shot(page, "01-dang-nhap-sai")
    assert problems.unexpected() == []


def test_an_office_leader_sets_up_two_factor_on_first_sign_in(page: Page, problems: Problems, settings):
    assert settings.VANPHONG_DEMO_MODE is False  # demo mode would waive the second factor
    leader = make_user("lanh-dao-vp", roles=(Role.OFFICE_LEADER,), clearance=Classification.TOI_MAT,
                       full_name="Phạm Văn Lãnh")
    sign_in(page, "lanh-dao-vp", PASSWORD)

    expect(page).to_have_url(re.compile(r"/dang-nhap/thiet-lap-xac-thuc/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Thiết lập xác thực hai lớp")
    qr = page.locator("figure.qr img")
    expect(qr).to_be_visible()
    # The QR is an inline SVG data URI (allowed by img-src data:) that actually decoded into an image.
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    secret = page.locator("code.secret").inner_text().strip()
    assert secret == TwoFactor.objects.get(user=leader).secret
    shot(page, "08-thiet-lap-xac-thuc")

    page.get_by_label("Mã xác thực").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Xác nhận và đăng nhập").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mã dự phòng")
    codes = page.locator("ol.codes li code")
    expect(codes).to_have_count(10)
    assert all(re.fullmatch(r"[0-9a-f]{6}-[0-9a-f]{6}", c) for c in codes.all_inner_texts())
    shot(page, "09-ma-du-phong")

    page.get_by_role("link", name="Tôi đã cất giữ các mã, tiếp tục").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bàn làm việc")
    expect(page.locator(".user-menu")).to_contain_text("Phạm Văn Lãnh")
    assert TwoFactor.objects.get(user=leader).confirmed_at is not None
    assert problems.unexpected() == []
