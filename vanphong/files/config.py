"""Where the file store keeps its bytes, read from the environment: a folder on disk or an S3-compatible bucket.

Pure Python (no Django import), so settings.py can call it. django-storages is named here only as a dotted
path: it is imported when the store is first used, and only if S3 was chosen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vanphong.env import EnvError, envbool, envchoice, envsecret, envstr

FILESYSTEM_BACKEND = "vanphong.files.storage.ContentAddressedStorage"
S3_BACKEND = "storages.backends.s3.S3Storage"


def storage_from_env(data_dir: Path) -> dict[str, Any]:
    """The STORAGES["vanphong_files"] entry for the environment's VANPHONG_FILES_* variables."""
    kind = envchoice("VANPHONG_FILES_STORAGE", "filesystem", ("filesystem", "s3"))
    if kind == "filesystem":
        location = Path(envstr("VANPHONG_FILES_DIR", str(data_dir / "files"))).resolve()
        return {"BACKEND": FILESYSTEM_BACKEND, "OPTIONS": {"location": str(location)}}
    bucket = envstr("VANPHONG_S3_BUCKET").strip()
    if not bucket:
        raise EnvError("VANPHONG_FILES_STORAGE=s3 cần VANPHONG_S3_BUCKET (tên bucket lưu tệp).")
    access_key = envsecret("VANPHONG_S3_ACCESS_KEY")
    secret_key = envsecret("VANPHONG_S3_SECRET_KEY")
    if bool(access_key) != bool(secret_key):
        raise EnvError(
            "Cần đặt cả VANPHONG_S3_ACCESS_KEY và VANPHONG_S3_SECRET_KEY (hoặc *_FILE), hoặc không đặt cả hai."
        )
    options: dict[str, Any] = {
        "bucket_name": bucket,
        # Objects are named by their hash: writing the same name again writes the same bytes.
        "file_overwrite": True,
        # No public ACL: files are only ever streamed through the application, which checks access first.
        "default_acl": None,
        "location": envstr("VANPHONG_S3_PREFIX", "files").strip("/"),
    }
    endpoint = envstr("VANPHONG_S3_ENDPOINT_URL").strip()
    if endpoint:
        options["endpoint_url"] = endpoint
    region = envstr("VANPHONG_S3_REGION").strip()
    if region:
        options["region_name"] = region
    if access_key:
        options["access_key"] = access_key
        options["secret_key"] = secret_key
    ca_bundle = envstr("VANPHONG_S3_CA_BUNDLE").strip()
    if ca_bundle:
        # An office LAN's object store usually has a certificate from the office's own authority.
        options["verify"] = ca_bundle
    elif not envbool("VANPHONG_S3_VERIFY_TLS", True):
        options["verify"] = False
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}
