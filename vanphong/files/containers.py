"""Look inside container formats before storing them: ZIP-based Office and OpenDocument files, OLE (legacy Office)
files and PDFs. Each check refuses, naming the file and what to do, what cannot be read, indexed or signed:
corrupt or truncated files, password protection, macros, and ZIP bombs."""

from __future__ import annotations

import time
import zipfile
import zlib
from typing import IO, NoReturn
from xml.etree.ElementTree import ParseError

import olefile
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse

from vanphong.core.errors import ServiceError

CHUNK = 1024 * 1024
# ZIP bomb guards. Office files are ZIPs of XML, which compresses 5–30×; images inside barely compress.
MAX_MEMBERS = 10_000
MAX_TOTAL_UNCOMPRESSED = 1024 * 1024 * 1024
MAX_RATIO = 200
RATIO_FLOOR = 16 * 1024 * 1024  # below this a high ratio is harmless (a page of blank XML)
MAX_SMALL_PART = 16 * 1024 * 1024  # [Content_Types].xml, mimetype, manifest: small by nature
# The main XML part (document.xml, content.xml) is what text extraction loads whole into memory.
MAX_MAIN_PART = 256 * 1024 * 1024
PDF_CHECK_SECONDS = 20.0

# What reading a damaged ZIP can raise: zipfile's own errors, zlib's and bz2/lzma's, short reads.
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, ValueError, EOFError,
               NotImplementedError, RuntimeError)
_NS_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
_OOXML_TEMPLATES = (".template.main+xml", ".slideshow.main+xml")
_ODF = {"application/vnd.oasis.opendocument.text": "odt", "application/vnd.oasis.opendocument.spreadsheet": "ods"}


def refuse(message: str) -> NoReturn:
    raise ServiceError(message, field="file")


def _corrupt(name: str, what: str) -> NoReturn:
    refuse(f'Tệp "{name}" bị hỏng, không mở được ({what}). Hãy mở tệp gốc trên máy, lưu lại rồi tải lên lại; '
           "nếu tệp được gửi đến, hãy đề nghị nơi gửi gửi lại.")


def _password(name: str, label: str) -> NoReturn:
    refuse(f'Tệp "{name}" ({label}) được bảo vệ bằng mật khẩu nên không thể đọc, tìm kiếm hay ký số. '
           "Hãy gỡ mật khẩu (hoặc đề nghị nơi gửi gửi bản không đặt mật khẩu) rồi tải lên lại.")


def _macros(name: str) -> NoReturn:
    refuse(f'Tệp "{name}" có chứa macro (mã VBA chạy được) nên không được nhận. Hãy lưu lại thành tài liệu '
           "không có macro (.docx, .xlsx, .pptx) hoặc PDF rồi tải lên lại.")


def _bomb(name: str) -> NoReturn:
    refuse(f'Tệp "{name}" khi giải nén lớn bất thường (có thể là "bom nén") nên không được nhận. '
           "Nếu đây là tài liệu thật, hãy lưu lại thành PDF hoặc chia nhỏ rồi tải lên.")


# --- ZIP-based: DOCX, XLSX, PPTX, ODT, ODS -------------------------------------------------------------------
def check_zip(fp: IO[bytes], name: str) -> str:
    """The kind code of a ZIP-based document ("docx", "xlsx", "pptx", "odt", "ods"), or a refusal."""
    fp.seek(0)
    try:
        zf = zipfile.ZipFile(fp)
        infos = zf.infolist()
    except _ZIP_ERRORS:
        _corrupt(name, "cấu trúc nén không đọc được, có thể tệp bị cắt cụt")
    with zf:
        if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_TOTAL_UNCOMPRESSED:
            _bomb(name)
        for info in infos:
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                _bomb(name)
        if any(info.flag_bits & 0x1 for info in infos):
            _password(name, "tệp nén")
        members = {info.filename for info in infos}
        if "mimetype" in members:
            kind, main = _odf_kind(zf, members, name)
        elif "[Content_Types].xml" in members:
            kind, main = _ooxml_kind(zf, members, name)
        else:
            refuse(f'Tệp "{name}" là một tệp nén ZIP thông thường, không phải tài liệu Office hay OpenDocument. '
                   "Tệp nén không được nhận: hãy giải nén và tải lên từng tài liệu.")
        if zf.getinfo(main).file_size > MAX_MAIN_PART:
            _bomb(name)
        _read_all(zf, infos, name)
        _parse_xml_member(zf, main, name)
    return kind


def _small_member(zf: zipfile.ZipFile, member: str, name: str) -> bytes:
    info = zf.getinfo(member)
    if info.file_size > MAX_SMALL_PART:
        _bomb(name)
    try:
        return zf.read(info)
    except _ZIP_ERRORS:
        _corrupt(name, f"phần {member} bị hỏng")


def _ooxml_kind(zf: zipfile.ZipFile, members: set[str], name: str) -> tuple[str, str]:
    try:
        root = fromstring(_small_member(zf, "[Content_Types].xml", name))
    except (ParseError, DefusedXmlException, ValueError):
        _corrupt(name, "danh mục thành phần [Content_Types].xml không hợp lệ")
    types = [(el.get("PartName", ""), el.get("ContentType", "")) for el in root.iter(f"{_NS_CT}Override")]
    defaults = [el.get("ContentType", "") for el in root.iter(f"{_NS_CT}Default")]
    every_type = [ct.lower() for _, ct in types] + [ct.lower() for ct in defaults]
    if any("macroenabled" in ct or "vbaproject" in ct for ct in every_type):
        _macros(name)
    if any(m.rsplit("/", 1)[-1].lower() == "vbaproject.bin" for m in members):
        _macros(name)
    for part, content_type in types:
        kind = _OOXML_MAIN.get(content_type)
        if kind is not None:
            main = part.lstrip("/")
            if main not in members:
                _corrupt(name, f"thiếu phần chính {main}")
            return kind, main
    if any(ct.endswith(_OOXML_TEMPLATES) for ct in every_type):
        refuse(f'Tệp "{name}" là tệp mẫu (template) hoặc bản trình chiếu tự chạy của Office. Hãy mở và lưu lại '
               "thành tài liệu thường (.docx, .xlsx, .pptx) rồi tải lên.")
    refuse(f'Tệp "{name}" có dạng gói Office nhưng không phải tài liệu Word, bảng tính Excel hay bản trình chiếu '
           "PowerPoint thật. Hãy mở bằng Office, lưu lại rồi tải lên.")


def _odf_kind(zf: zipfile.ZipFile, members: set[str], name: str) -> tuple[str, str]:
    mimetype = _small_member(zf, "mimetype", name).decode("ascii", "replace").strip()
    kind = _ODF.get(mimetype)
    if kind is None:
        refuse(f'Tệp "{name}" là tài liệu OpenDocument loại "{mimetype[:80]}" (không phải văn bản ODT hay bảng '
               "tính ODS). Hãy lưu lại thành ODT, ODS hoặc PDF rồi tải lên.")
    if "META-INF/manifest.xml" in members and b"encryption-data" in _small_member(zf, "META-INF/manifest.xml", name):
        _password(name, "tài liệu OpenDocument")
    # LibreOffice keeps document macros in Basic/ and Scripts/.
    if any(m.startswith(("Basic/", "Scripts/")) for m in members):
        _macros(name)
    if "content.xml" not in members:
        _corrupt(name, "thiếu phần nội dung content.xml")
    return kind, "content.xml"


def _read_all(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], name: str) -> None:
    """Decompress every member: zipfile checks each one's CRC, and never yields more than its declared size."""
    for info in infos:
        try:
            with zf.open(info) as member:
                while member.read(CHUNK):
                    pass
        except _ZIP_ERRORS:
            _corrupt(name, f"phần {info.filename[:80]} bị hỏng")


def _parse_xml_member(zf: zipfile.ZipFile, member: str, name: str) -> None:
    try:
        with zf.open(member) as f:
            for _event, element in iterparse(f, events=("end",)):
                element.clear()
    except (ParseError, DefusedXmlException, ValueError):
        _corrupt(name, f"phần {member} không phải XML hợp lệ")


# --- OLE: DOC, XLS, and password-protected OOXML --------------------------------------------------------------
def check_ole(fp: IO[bytes], name: str) -> str:
    """The kind code of a legacy Office file ("doc" or "xls"), or a refusal."""
    fp.seek(0)
    try:
        ole = olefile.OleFileIO(fp)
        entries = [[part.lower() for part in path] for path in ole.listdir(streams=True, storages=True)]
    except Exception:  # olefile raises many kinds of error on a damaged file
        _corrupt(name, "cấu trúc tệp Office đời cũ không đọc được")
    with ole:
        top = {path[0] for path in entries}
        # Office 2007+ files with a password are OLE containers holding the encrypted ZIP.
        if {"encryptioninfo", "encryptedpackage"} <= top:
            _password(name, "tài liệu Office")
        if top & {"macros", "_vba_project_cur", "_vba_project"} or any("vba" in path[:-1] for path in entries):
            _macros(name)
        if "worddocument" in top:
            kind, label = "doc", "tài liệu Word"
        elif top & {"workbook", "book"}:
            kind, label = "xls", "bảng tính Excel"
        elif "powerpoint document" in top:
            refuse(f'Tệp "{name}" là bản trình chiếu PowerPoint đời cũ (PPT), loại chưa được nhận. '
                   "Hãy lưu lại thành PPTX hoặc PDF rồi tải lên.")
        else:
            refuse(f'Tệp "{name}" là tệp Windows/Office không nhận ra (có thể là gói cài đặt hoặc thư Outlook), '
                   "không phải tài liệu Word hay bảng tính Excel.")
    # msoffcrypto reads Word 97+ and Excel 97+ (BIFF8) headers; an Excel 5/95 "Book" it cannot check.
    if top & {"worddocument", "workbook"} and _legacy_encrypted(fp, name):
        _password(name, label)
    return kind


def _legacy_encrypted(fp: IO[bytes], name: str) -> bool:
    import msoffcrypto

    fp.seek(0)
    try:
        return bool(msoffcrypto.OfficeFile(fp).is_encrypted())
    except Exception:  # msoffcrypto raises assorted errors on a file it cannot parse
        _corrupt(name, "phần đầu tài liệu Office đời cũ không đọc được")


# --- PDF --------------------------------------------------------------------------------------------------------
def check_pdf(fp: IO[bytes], size: int, name: str) -> int:
    """The page count of a readable PDF without a password, or a refusal."""
    from pypdf import PasswordType, PdfReader

    # Every PDF writer ends the file (and each later revision) with %%EOF: without it the file was cut short.
    fp.seek(max(0, size - 4096))
    if b"%%EOF" not in fp.read():
        _corrupt(name, "tệp PDF không trọn vẹn, có thể bị cắt cụt khi tải hoặc sao chép")
    fp.seek(0)
    try:
        reader = PdfReader(fp, strict=False)
        encrypted = reader.is_encrypted
    except Exception:  # pypdf raises many kinds of error on a damaged file
        _corrupt(name, "cấu trúc PDF không đọc được")
    if encrypted:
        try:
            opens_freely = reader.decrypt("") != PasswordType.NOT_DECRYPTED
        except Exception:
            opens_freely = False
        if opens_freely:
            refuse(f'Tệp "{name}" là PDF bị khóa bằng mật khẩu chủ sở hữu (hạn chế sửa, in hoặc sao chép) nên không '
                   "thể ký số hay lưu trữ lâu dài. Hãy đề nghị nơi gửi gửi bản PDF không khóa rồi tải lên lại.")
        _password(name, "tài liệu PDF")
    try:
        pages = len(reader.pages)
        deadline = time.monotonic() + PDF_CHECK_SECONDS
        for page in reader.pages:
            page.get_contents()
            if time.monotonic() > deadline:
                break  # a very long PDF: the pages read so far were sound; the rest is checked at extraction
    except Exception:
        _corrupt(name, "có trang PDF không đọc được")
    if pages == 0:
        _corrupt(name, "tệp PDF không có trang nào")
    return pages


# --- RTF --------------------------------------------------------------------------------------------------------
def check_rtf(fp: IO[bytes], name: str) -> None:
    """Refuse an RTF with an embedded OLE object, the usual carrier of exploits hidden in RTF documents."""
    fp.seek(0)
    tail = b""
    while chunk := fp.read(CHUNK):
        window = (tail + chunk).lower()
        if b"\\objdata" in window or b"\\objocx" in window:
            refuse(f'Tệp "{name}" (văn bản RTF) có nhúng đối tượng OLE, kiểu nhúng thường bị lợi dụng để phát tán '
                   "mã độc. Hãy lưu lại thành DOCX hoặc PDF rồi tải lên.")
        tail = chunk[-16:]
