"""Settings for the HTTP benchmark's server process: the shipped settings plus the bare baseline route."""

from vanphong.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
