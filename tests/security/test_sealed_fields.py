"""Second-factor secrets are sealed in the database: a copy of it gives no one's TOTP seed away, the app still
checks codes, a secret from before sealing still works and is sealed by the migration, and a change of field key
reseals them so dropping the old key locks nobody out."""

from __future__ import annotations

import base64
import importlib
import os

import pyotp
import pytest
from django.apps import apps
from django.db.models import TextField, Value
from django.db.models.functions import Cast

from tests.core.test_accounts import enrol, next_code
from tests.factories import make_user
from vanphong.core import services
from vanphong.core.models import TwoFactor
from vanphong.petitions import rotation
from vanphong.security import crypto
from vanphong.security.fields import PREFIX, stored_key_id

pytestmark = pytest.mark.django_db


def stored(device: TwoFactor) -> str:
    """The column as the database holds it (the field would open it)."""
    return TwoFactor.objects.annotate(raw=Cast("secret", TextField())).values_list("raw", flat=True).get(
        pk=device.pk)


def test_the_database_holds_the_secret_sealed_and_the_app_still_checks_codes():
    user = make_user("van-thu-2fa")
    secret, _ = enrol(user)
    device = TwoFactor.objects.get(user=user)
    raw = stored(device)
    assert raw.startswith(PREFIX) and secret not in raw
    assert stored_key_id(raw) == crypto.current_key_id()
    assert device.secret == secret
    assert services.do_verify_second_factor(user, next_code(secret))


def test_a_tampered_sealed_secret_is_refused_not_read_as_another_secret():
    a, b = make_user("nguoi-a"), make_user("nguoi-b")
    enrol(a)
    enrol(b)
    raw = stored(TwoFactor.objects.get(user=a))
    # Authenticated encryption: a token changed in the database does not open at all.
    broken = PREFIX + base64.b64encode(base64.b64decode(raw[len(PREFIX):])[:-1] + b"\x00").decode()
    TwoFactor.objects.filter(user=b).update(secret=Value(broken, output_field=TextField()))
    with pytest.raises(crypto.CryptoError):
        TwoFactor.objects.get(user=b)


def test_a_secret_from_before_sealing_still_works_and_the_migration_seals_it():
    user = make_user("cu-2fa")
    plain = pyotp.random_base32()
    device = TwoFactor.objects.create(user=user, secret="x")
    TwoFactor.objects.filter(pk=device.pk).update(secret=Value(plain, output_field=TextField()))
    assert stored(device) == plain and TwoFactor.objects.get(pk=device.pk).secret == plain
    migration = importlib.import_module("vanphong.core.migrations.0006_two_factor_sealed")
    migration.seal_secrets(apps, None)
    assert stored(device).startswith(PREFIX) and plain not in stored(device)
    assert TwoFactor.objects.get(pk=device.pk).secret == plain


def test_rotating_the_field_key_reseals_the_secrets(settings):
    user = make_user("xoay-2fa")
    secret, _ = enrol(user)
    old = settings.VANPHONG_FIELD_KEY
    settings.VANPHONG_FIELD_KEY = base64.b64encode(os.urandom(32)).decode()
    settings.VANPHONG_FIELD_OLD_KEYS = [old]
    assert rotation.pending() >= 1
    rotation.do_rotate()
    assert rotation.pending() == 0
    settings.VANPHONG_FIELD_OLD_KEYS = []  # the old key dropped: only what was resealed still opens
    device = TwoFactor.objects.get(user=user)
    assert device.secret == secret and stored_key_id(stored(device)) == crypto.current_key_id()
    assert services.do_verify_second_factor(user, next_code(secret))
