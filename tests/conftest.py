"""Shared fixtures: a fast password hasher for tests (Argon2 is tested on its own), an installation that may
hold every level, and a ready-made office."""

from __future__ import annotations

from pathlib import Path

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


@pytest.fixture
def office(db) -> Office:
    return make_office()
