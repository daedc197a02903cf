"""Files that cannot be read, indexed or signed are refused: empty, too large, password-protected, damaged,
and ZIP bombs. Each refusal names the file, says what to do, and leaves nothing stored."""

from __future__ import annotations

import io
import os
import random
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.files import samples
from tests.files.helpers import refused, stored_paths
from vanphong.files import containers
from vanphong.files.models import StoredFile
from vanphong.files.services import check_store_file


def test_an_empty_file_is_refused(db, store):
    assert "rỗng" in refused(b"", "trong.pdf", store)


def test_a_file_over_the_limit_is_refused_with_the_limit(db, store, settings):
    settings.VANPHONG_MAX_UPLOAD_MB = 1
    big = ("Dòng văn bản dài.\n" * 70_000).encode()
    assert len(big) > 1024 * 1024
    message = refused(big, "dai.txt", store)
    assert "1 MB" in message and "dai.txt" in message


def test_an_upload_declaring_a_size_over_the_limit_is_refused_before_reading(db, store, settings):
    settings.VANPHONG_MAX_UPLOAD_MB = 1
    upload = SimpleUploadedFile("quet.pdf", b"%PDF-1.7")
    upload.size = 5 * 1024 * 1024
    assert "5,0 MB" in refused(upload, "quet.pdf", store)


def test_a_file_just_under_the_limit_is_stored(db, settings):
    settings.VANPHONG_MAX_UPLOAD_MB = 1
    data = b"a" * (1024 * 1024)
    assert check_store_file(None, data, "vua.txt").size == len(data)


def test_a_pdf_with_an_opening_password_is_refused(db, store):
    message = refused(samples.encrypted_pdf(), "mat.pdf", store)
    assert "mật khẩu" in message and "không đặt mật khẩu" in message


def test_a_pdf_locked_with_an_owner_password_only_is_refused(db, store):
    message = refused(samples.encrypted_pdf(user_password=""), "khoa.pdf", store)
    assert "mật khẩu chủ sở hữu" in message and "ký số" in message


def test_a_password_protected_docx_is_refused(db, store):
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(samples.docx("Bí mật"))).encrypt("mat-khau", out)
    message = refused(out.getvalue(), "bi-mat.docx", store)
    assert "mật khẩu" in message and "bi-mat.docx" in message


def test_a_password_protected_legacy_word_file_is_refused(db, store):
    assert "mật khẩu" in refused(samples.legacy_doc(encrypted=True), "cu.doc", store)


def test_a_password_protected_odt_is_refused(db, store):
    plain = samples.odt("Bí mật")
    entry = b'manifest:full-path="content.xml" manifest:media-type="text/xml"'
    manifest = samples.member(plain, "META-INF/manifest.xml").replace(
        entry + b"/>",
        entry + b'><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"/>'
        b"</manifest:file-entry>")
    assert b"encryption-data" in manifest
    assert "mật khẩu" in refused(samples.rezip(plain, replace={"META-INF/manifest.xml": manifest}), "m.odt", store)


def test_a_truncated_pdf_is_refused(db, store):
    data = samples.pdf("Trang một", "Trang hai")
    message = refused(data[: len(data) // 2], "cat-cut.pdf", store)
    assert "bị hỏng" in message and "cắt cụt" in message


def test_a_garbled_pdf_is_refused(db, store):
    noise = random.Random(7).randbytes(20_000)
    assert "bị hỏng" in refused(b"%PDF-1.7\n" + noise + b"\n%%EOF\n", "nhieu.pdf", store)


def test_a_truncated_docx_is_refused(db, store):
    data = samples.docx("Nội dung " * 200)
    assert "bị hỏng" in refused(data[: len(data) - 300], "cat.docx", store)


def test_a_docx_with_a_damaged_member_is_refused(db, store):
    data = bytearray(samples.docx("Nội dung " * 200))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    # Flip bytes inside the compressed data: the CRC no longer matches.
    at = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 2
    data[at : at + 4] = bytes(b ^ 0xFF for b in data[at : at + 4])
    assert "bị hỏng" in refused(bytes(data), "hong.docx", store)


def test_a_docx_that_inflates_out_of_all_proportion_is_refused(db, store):
    data = samples.rezip(samples.docx("Bom"), add={"word/media/image1.bin": b"\0" * (64 * 1024 * 1024)})
    assert len(data) < 1024 * 1024
    assert "bom nén" in refused(data, "bom.docx", store)


def test_a_docx_whose_total_unpacked_size_is_too_large_is_refused(db, store, monkeypatch):
    # Random bytes do not compress, so the ratio guard stays quiet and only the total guard can refuse.
    monkeypatch.setattr(containers, "MAX_TOTAL_UNCOMPRESSED", 4 * 1024 * 1024)
    data = samples.rezip(samples.docx("Lớn"), add={"word/media/image1.png": os.urandom(5 * 1024 * 1024)})
    assert "bom nén" in refused(data, "lon.docx", store)


def test_a_zip_with_too_many_members_is_refused(db, store):
    members = {f"word/media/p{i}.xml": b"" for i in range(containers.MAX_MEMBERS + 1)}
    assert "bom nén" in refused(samples.rezip(samples.docx("Nhiều"), add=members), "nhieu.docx", store)


def test_a_damaged_legacy_office_file_is_refused(db, store):
    data = samples.legacy_doc()
    assert "bị hỏng" in refused(data[:600], "hong.doc", store)


def test_nothing_is_left_in_the_temporary_folder_or_the_store_after_a_refusal(db, store, settings, tmp_path):
    upload_tmp = tmp_path / "upload-tmp"
    upload_tmp.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(upload_tmp)
    refused(samples.encrypted_pdf(), "mat.pdf", store)
    assert list(upload_tmp.iterdir()) == []
    assert stored_paths(store) == [] and not StoredFile.objects.exists()
