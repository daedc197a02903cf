"""Sign-ins through the real login form (CSRF enforced) with the real Argon2 hasher, against the baseline of
verifying one Argon2 hash: the form should cost little more than the hash it exists to compute."""

from __future__ import annotations

import re
import time
from functools import partial

from django.conf import settings
from django.contrib.auth.hashers import check_password, get_hasher, identify_hasher
from django.test import Client

from bench.stats import emit, p50, say, timed
from bench.urls import BARE_URL
from vanphong.core.models import User
from vanphong.core.roles import Role

LOGIN = "/dang-nhap/"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def specialists(n: int) -> list[str]:
    """Ordinary demo staff, none of whom needs a second factor, so every sign-in ends on the desk."""
    return list(
        User.objects.filter(is_demo=True, is_active=True, groups__name=Role.SPECIALIST.value)
        .order_by("pk").values_list("username", flat=True)[:n]
    )


def sign_in(username: str, password: str) -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get(LOGIN)
    token = CSRF_FIELD.search(page.content.decode())
    if page.status_code != 200 or token is None:
        raise SystemExit(f"bench: the login form answered {page.status_code} without a CSRF token")
    response = client.post(LOGIN, {"username": username, "password": password, "csrfmiddlewaretoken": token[1]})
    if response.status_code != 302 or response["Location"] != "/":
        raise SystemExit(f"bench: signing in as {username} answered {response.status_code}, not the desk")


def run(logins: int, warmup: int) -> None:
    hasher = get_hasher()
    if hasher.algorithm != "argon2":
        raise SystemExit(f"bench: expected the Argon2 hasher from vanphong.settings, found {hasher.algorithm}")
    password = settings.VANPHONG_DEMO_PASSWORD
    people = specialists(logins + warmup)
    stored = User.objects.get(username=people[0]).password
    if identify_hasher(stored).algorithm != "argon2":
        raise SystemExit("bench: the demo accounts' passwords are not Argon2 hashes")
    say(f"bench: Argon2 ({stored.split('$')[3]}), {warmup} warm-up + {logins} sign-ins through the form, "
        f"each by a different person")

    # Baseline 1: the hash alone, as authenticate() computes it.
    verify = [timed(lambda: check_password(password, stored)) for _ in range(warmup + logins)][warmup:]
    # Baseline 2: a bare request through the whole middleware stack, signed out.
    anonymous = Client()
    bare = [timed(lambda: anonymous.get(BARE_URL)) for _ in range(warmup + logins)][warmup:]

    for username in people[:warmup]:
        sign_in(username, password)
    samples = []
    started = time.perf_counter()
    for username in people[warmup:]:
        samples.append(timed(partial(sign_in, username, password)))
    elapsed = time.perf_counter() - started

    emit("auth.login_per_s", len(samples) / elapsed, "logins/s")
    emit("auth.login_p50_ms", p50(samples), "ms")
    emit("auth.argon2_verify_p50_ms", p50(verify), "ms")
    emit("auth.login_over_argon2", p50(samples) / p50(verify), "ratio")
    emit("auth.login_over_bare", p50(samples) / p50(bare), "ratio")
