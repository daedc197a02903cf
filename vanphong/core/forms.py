"""Forms of the sign-in and account pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}))
    password = forms.CharField(label=_("Mật khẩu"), max_length=256, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=20,
        help_text=_("Sáu chữ số trên ứng dụng xác thực, hoặc một mã dự phòng dạng xxxxxx-xxxxxx."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


class TokenForm(forms.Form):
    name = forms.CharField(label="Tên khóa", max_length=100, help_text="Ví dụ: tích hợp hệ thống văn bản tỉnh.")
