"""Shared fixtures: a fast password hasher for tests (Argon2 is tested on its own), an installation that may
hold every level, and a ready-made office."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from tests.factories import Office, make_office


@pytest.fixture(autouse=True)
def _test_settings(settings) -> None:
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]
    settings.VANPHONG_MAX_CLASSIFICATION = "TUYET_MAT"
    settings.VANPHONG_DEMO_MODE = False
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _session_search_dir(tmp_path_factory):
    # Outside any test's own folder (fixture set-up and tear-down, database flushes that reload reference data),
    # index writes go to a folder of this run, never to the developer's var/search.
    from django.conf import settings as django_settings

    previous = django_settings.VANPHONG_SEARCH_DIR
    django_settings.VANPHONG_SEARCH_DIR = tmp_path_factory.mktemp("search-session")
    yield
    django_settings.VANPHONG_SEARCH_DIR = previous


@pytest.fixture(autouse=True)
def _search_dir(settings, tmp_path):
    # Each test gets its own index folder: the database rolls back after every test, an index would not.
    settings.VANPHONG_SEARCH_DIR = tmp_path / "search"
    # Its first search builds that index from the database in full: a loaded CI machine can take longer than
    # the second an office lends a rebuild, and a half-built index would fail a test by chance. The tests of a
    # partial rebuild set their own budget.
    settings.VANPHONG_SEARCH_BUILD_BUDGET_MS = 60_000
    yield
    from vanphong.search import engine

    engine.forget(settings.VANPHONG_SEARCH_DIR)


@pytest.fixture(autouse=True)
def store(settings, tmp_path) -> Path:
    """This test's own file store folder and certificate folder: files and keys never reach the developer's var/."""
    from django.core.files.storage import storages

    from vanphong.files.storage import ALIAS

    location = tmp_path / "files"
    settings.STORAGES = {
        **settings.STORAGES,
        ALIAS: {"BACKEND": "vanphong.files.storage.ContentAddressedStorage", "OPTIONS": {"location": str(location)}},
    }
    settings.VANPHONG_PKI_DIR = tmp_path / "pki"
    assert Path(storages[ALIAS].location) == location
    return location


PASSPHRASE = "mat-khau-chung-thu"
OFFICE_NAME = "Văn phòng Trung ương Đảng"


@pytest.fixture(scope="session")
def authority() -> Any:
    from vanphong.documents import pki

    # EC keys: as valid for PAdES as RSA and far quicker to make.
    return pki.make_root_ca("CA thử nghiệm VănPhòng", key_type="ec")


@pytest.fixture(scope="session")
def identities(authority) -> dict[str, Any]:
    from vanphong.documents import pki

    return {
        "leader": pki.issue_certificate(authority, "Phạm Văn Lãnh", OFFICE_NAME, "person", key_type="ec"),
        "VPTW": pki.issue_certificate(authority, OFFICE_NAME, OFFICE_NAME, "organisation", key_type="ec"),
        "TW": pki.issue_certificate(authority, "Ban Chấp hành Trung ương", "Trung ương Đảng", "organisation",
                                    key_type="ec"),
    }


@pytest.fixture
def signing_keys(office, authority, identities, settings):
    """The leader's certificate and the seals of TW and VPTW, with the local CA trusted."""
    from vanphong.documents import keys, pki
    from vanphong.documents.models import Issuer
    from vanphong.documents.signing import LOCAL_CA_FILE

    settings.VANPHONG_PKI_DIR.mkdir(parents=True, exist_ok=True)
    (settings.VANPHONG_PKI_DIR / LOCAL_CA_FILE).write_bytes(pki.to_pem(authority.certificate))
    settings.VANPHONG_SEAL_PASSPHRASE = PASSPHRASE
    keys.do_add_signing_key(None, pki.to_pkcs12(identities["leader"], PASSPHRASE), PASSPHRASE, owner=office.leader)
    for code in ("VPTW", "TW"):
        keys.do_add_signing_key(None, pki.to_pkcs12(identities[code], PASSPHRASE), PASSPHRASE,
                                issuer=Issuer.objects.get(system="party", code=code))
    return identities


@pytest.fixture
def office(db) -> Office:
    return make_office()
