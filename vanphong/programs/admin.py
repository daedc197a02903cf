"""Admin of the programs app: each part registers its own models (admin_appraisal.py, …)."""

from vanphong.programs import admin_appraisal  # noqa: F401
