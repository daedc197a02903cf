"""Build real sample files in memory for the file store's tests: PDF (reportlab with a DejaVu font), DOCX
(python-docx), ODT/ODS (odfpy), minimal XLSX/PPTX packages, OLE compound files (legacy Office), images."""

from __future__ import annotations

import io
import itertools
import struct
import zipfile
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def pdf(*pages: str) -> bytes:
    """A PDF with one page per argument, each line of it drawn in DejaVu Serif (it has every Vietnamese glyph)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pageCompression=1)
    for page in pages or ("Trang trống",):
        c.setFont("DejaVuSerif", 12)
        for i, line in enumerate(page.split("\n")):
            c.drawString(72, 800 - 20 * i, line)
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf(user_password: str = "mat-khau", owner_password: str = "chu-so-huu") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf("Tài liệu có mật khẩu"))))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx(*paragraphs: str, table: list[list[str]] | None = None, header: str = "") -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for col, text in enumerate(row):
                t.cell(r, col).text = text
    if header:
        document.sections[0].header.paragraphs[0].text = header
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def odt(*paragraphs: str, heading: str = "") -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    if heading:
        document.text.addElement(H(outlinelevel=1, text=heading))
    for text in paragraphs:
        document.text.addElement(P(text=text))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def ods(*cells: str) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Trang 1")
    for text in cells:
        row = TableRow()
        cell = TableCell(valuetype="string")
        cell.addElement(P(text=text))
        row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def rezip(data: bytes, *, add: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None) -> bytes:
    """A copy of the ZIP `data` with members added or replaced."""
    add, replace = add or {}, replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, replace.get(info.filename, src.read(info)))
        for name, content in add.items():
            dst.writestr(name, content)
    return out.getvalue()


def member(data: bytes, name: str) -> bytes:
    """One member of the ZIP `data`."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name)


def package(content_types: dict[str, str], parts: dict[str, bytes]) -> bytes:
    """A minimal Office Open XML package: the content types given as {part name: content type}."""
    overrides = "".join(f'<Override PartName="{name}" ContentType="{ct}"/>' for name, ct in content_types.items())
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + overrides + "</Types>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        for name, content in parts.items():
            z.writestr(name, content)
    return out.getvalue()


def xlsx() -> bytes:
    return package(
        {"/xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"},
        {"xl/workbook.xml": b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'},
    )


def pptx() -> bytes:
    return package(
        {"/ppt/presentation.xml":
         "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"},
        {"ppt/presentation.xml": b'<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>'},
    )


# --- OLE compound files (legacy Office), written by hand: olefile reads them but cannot create them ---------
_FREE, _END, _FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
_SECTOR = 512


def ole(tree: dict[str, object]) -> bytes:
    """A version-3 compound file holding `tree` ({name: bytes for a stream | dict for a storage}).

    Streams are padded to 4096 bytes so that none lives in the mini stream, which keeps the writer small.
    """
    entries: list[dict[str, object]] = [{"name": "Root Entry", "type": 5, "child": _FREE, "right": _FREE}]
    streams: list[tuple[int, bytes]] = []

    def add(children: dict[str, object]) -> int:
        ids = []
        for name, value in children.items():
            ids.append(len(entries))
            entry: dict[str, object] = {"name": name, "child": _FREE, "right": _FREE}
            entries.append(entry)
            if isinstance(value, dict):
                entry["type"] = 1
                entry["child"] = add(value)
            else:
                assert isinstance(value, bytes)
                entry["type"] = 2
                streams.append((ids[-1], value.ljust(4096, b"\0")))
        for left, right in itertools.pairwise(ids):
            entries[left]["right"] = right
        return ids[0] if ids else _FREE

    entries[0]["child"] = add(tree)
    dir_sectors = -(-len(entries) * 128 // _SECTOR)
    fat = [_FATSECT, *range(2, dir_sectors + 1), _END]
    sector = 1 + dir_sectors
    starts: dict[int, tuple[int, int]] = {}
    data = b""
    for entry_id, content in streams:
        count = len(content) // _SECTOR
        starts[entry_id] = (sector, len(content))
        fat += [*range(sector + 1, sector + count), _END]
        sector += count
        data += content
    assert len(fat) <= 128, "one FAT sector holds 128 entries"
    fat_bytes = struct.pack("<128I", *(fat + [_FREE] * (128 - len(fat))))
    directory = b""
    for entry_id, entry in enumerate(entries):
        name = str(entry["name"]).encode("utf-16-le") + b"\0\0"
        start, size = starts.get(entry_id, (_END, 0))
        directory += (
            name.ljust(64, b"\0") + struct.pack("<HBB", len(name), entry["type"], 1)
            + struct.pack("<III", _FREE, entry["right"], entry["child"]) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
            + struct.pack("<IQ", start, size)
        )
    directory = directory.ljust(dir_sectors * _SECTOR, b"\0")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<109I", 0, *([_FREE] * 108))
    )
    return header + fat_bytes + directory + data


def word_document_stream(*, encrypted: bool = False) -> bytes:
    """The start of a Word 97 WordDocument stream: FibBase with the magic number and the fEncrypted bit."""
    flags = (1 << 8) if encrypted else 0
    return struct.pack("<HHHHHH", 0xA5EC, 0xC1, 0, 0x042A, 0, flags) + b"\0" * 20


def legacy_doc(*, encrypted: bool = False, macros: bool = False) -> bytes:
    tree: dict[str, object] = {"WordDocument": word_document_stream(encrypted=encrypted), "1Table": b"\0" * 16}
    if macros:
        tree["Macros"] = {"VBA": {"dir": b"\x01" * 16}}
    return ole(tree)


def legacy_xls() -> bytes:
    # BOF (0x0809) then EOF (0x000A): the smallest Workbook stream msoffcrypto can walk.
    bof = struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0)
    return ole({"Workbook": bof + struct.pack("<HH", 0x000A, 0)})


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"
TIFF = b"II*\x00\x08\x00\x00\x00" + b"\x00" * 64
