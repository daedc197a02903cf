"""File names as people gave them, made safe to store and to send back: no folders, no control characters, NFC
with one tone placement, bounded length, and an ASCII fallback for old clients."""

from __future__ import annotations

import re
import unicodedata

from vanphong.text import fold, normalize

MAX_NAME_CHARS = 180
# Characters Windows refuses in names; a name a person downloads must open on their machine.
_FORBIDDEN = re.compile(r'[<>:"|?*]')
_ASCII_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()-]+")
_BREAKS = "\t\r\n"


def sanitize_filename(name: str, *, fallback: str = "tep") -> str:
    """The last path part of `name`, cleaned: "../../Báo cáo hoà.pdf" becomes "Báo cáo hòa.pdf"."""
    # Both separators: a name typed on Windows arrives with backslashes.
    base = re.split(r"[/\\]", name or "")[-1]
    # Control and format characters (Cc, Cf) go, among them U+202E, which can make "gpj.exe" read "exe.jpg".
    base = "".join(" " if ch in _BREAKS else ch for ch in base
                   if ch in _BREAKS or unicodedata.category(ch) not in ("Cc", "Cf"))
    base = _FORBIDDEN.sub("_", normalize(base))
    # A leading dot hides a file (and ".." is no name); trailing dots and spaces vanish on Windows.
    base = base.strip(" .")
    if not base:
        return fallback
    return _bound(base, MAX_NAME_CHARS)


def _bound(name: str, limit: int) -> str:
    if len(name) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if dot and 0 < len(ext) <= 10:
        return stem[: limit - len(ext) - 1].rstrip(" .") + "." + ext
    return name[:limit].rstrip(" .")


def with_extension(name: str, extension: str) -> str:
    """`name` ending in .`extension`: added when the name has none, so a download opens with the right program."""
    stem, dot, ext = name.rpartition(".")
    if dot and stem and ext.lower() == extension.lower():
        return name
    if dot and stem and ext.lower() in _SAME_KIND.get(extension, ()):
        return name
    return _bound(f"{name}.{extension}", MAX_NAME_CHARS + len(extension) + 1)


_SAME_KIND = {"jpg": ("jpeg", "jpe"), "tif": ("tiff",)}


def ascii_fallback(name: str) -> str:
    """The name in plain ASCII for clients that ignore filename*: "Báo cáo số 5.pdf" → "bao cao so 5.pdf"."""
    folded = _ASCII_UNSAFE.sub("_", fold(name)).strip(" ._")
    return folded or "tep"
