"""Builders for the petitions' tests: letters through the intake service, TOTP codes for the reveal."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import pyotp
from django.utils import timezone

from vanphong.core.models import TwoFactor, User
from vanphong.petitions.services import Intake, Registered, SenderIn, check_register_letter
from vanphong.security.classification import Classification


def letter(actor: User, *, name: str = "Nguyễn Văn An", address: str = "Số 1 Lê Lợi, tỉnh Hải Dương",
           contact: str = "0912345678", kind: str = "", content: str = "", received_on: date | None = None,
           classification: int = Classification.THUONG, shared_with: list[User] | None = None,
           **extra: Any) -> Registered:
    senders = extra.pop("senders", None)
    if senders is None:
        senders = [] if extra.get("anonymous") else [SenderIn(name, address, contact)]
    done = check_register_letter(actor, Intake(
        channel=extra.pop("channel", "buu_chinh"), senders=senders, kind=kind, classification=classification,
        content=content or f"Tôi là {name}, trú tại {address}, điện thoại {contact}. Đề nghị xem xét vụ việc.",
        received_on=received_on, **extra))
    for user in shared_with or []:
        done.case.shared_with_users.add(user)
    return done


def enrol(user: User) -> pyotp.TOTP:
    """A confirmed authenticator for `user`; returns it, to make codes."""
    device = TwoFactor.objects.create(user=user, secret=pyotp.random_base32(), confirmed_at=timezone.now())
    return pyotp.TOTP(device.secret)


def code(totp: pyotp.TOTP) -> str:
    return totp.at(time.time())
