"""The kinds of file the store accepts, each with its MIME type, extensions and Vietnamese name; and the names
it refuses whatever their content."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    code: str
    mime_type: str
    extensions: tuple[str, ...]  # the first is the canonical one
    label: str
    extractable: bool  # whether extract.py can read its text
    inline: bool = False  # whether a browser may show it in the page (file_response)

    @property
    def extension(self) -> str:
        return self.extensions[0]


_KINDS = [
    Kind("pdf", "application/pdf", ("pdf",), "tài liệu PDF", True, inline=True),
    Kind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",),
         "tài liệu Word (DOCX)", True),
    Kind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",),
         "bảng tính Excel (XLSX)", False),
    Kind("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ("pptx",),
         "bản trình chiếu PowerPoint (PPTX)", False),
    Kind("odt", "application/vnd.oasis.opendocument.text", ("odt",), "văn bản OpenDocument (ODT)", True),
    Kind("ods", "application/vnd.oasis.opendocument.spreadsheet", ("ods",), "bảng tính OpenDocument (ODS)", True),
    Kind("doc", "application/msword", ("doc",), "tài liệu Word đời cũ (DOC)", False),
    Kind("xls", "application/vnd.ms-excel", ("xls",), "bảng tính Excel đời cũ (XLS)", False),
    Kind("rtf", "application/rtf", ("rtf",), "văn bản RTF", True),
    Kind("txt", "text/plain", ("txt",), "văn bản thuần (TXT)", True, inline=True),
    Kind("xml", "application/xml", ("xml",), "dữ liệu XML", False),
    Kind("png", "image/png", ("png",), "ảnh PNG", False, inline=True),
    Kind("jpeg", "image/jpeg", ("jpg", "jpeg", "jpe"), "ảnh JPEG", False, inline=True),
    Kind("tiff", "image/tiff", ("tif", "tiff"), "ảnh quét TIFF", False),
    # Never inline: a browser would render its HTML part (and fetch what it points to) as a page of this site.
    Kind("eml", "message/rfc822", ("eml",), "thư điện tử (EML)", False),
]
KINDS: dict[str, Kind] = {k.code: k for k in _KINDS}
BY_MIME: dict[str, Kind] = {k.mime_type: k for k in _KINDS}
ALLOWED_LIST = "PDF, DOCX, XLSX, PPTX, ODT, ODS, DOC, XLS, RTF, TXT, XML, PNG, JPEG, TIFF, EML"

# Programs and scripts, whatever they contain: a browser or a double click would run them.
EXECUTABLE_EXTENSIONS = frozenset(
    "exe com bat cmd scr pif cpl msi msp msc dll sys drv ocx js jse mjs vbs vbe wsf wsh wsc hta ps1 psm1 psd1 "
    "sh bash zsh csh ksh command py pyc pyw pl rb php jar class apk aab ipa app dmg pkg deb rpm appimage run "
    "lnk reg inf scf url gadget application appref-ms".split()
)
# Office formats that carry macros (VBA): refused rather than stored and passed around the office.
MACRO_EXTENSIONS = frozenset("docm dotm xlsm xltm xlam xlsb pptm potm ppam ppsm sldm".split())


def extension_of(name: str) -> str:
    """The lower-case extension after the last dot, without the dot ("" if none)."""
    base = name.rsplit("/", 1)[-1]
    if "." not in base.strip("."):
        return ""
    return base.rsplit(".", 1)[-1].lower().strip()
