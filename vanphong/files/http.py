"""Send a stored file to a browser, for the views of the records files belong to (they check access first).

This app has no URL routes of its own: a file is reached only through its record.
"""

from __future__ import annotations

from urllib.parse import quote

from django.http import FileResponse

from vanphong.files.models import StoredFile
from vanphong.files.names import ascii_fallback, sanitize_filename, with_extension

# Shown in the page, a file may run nothing, reach nothing, submit nothing: a sandbox with no permissions.
# Styles inline and images from itself are what a browser's own PDF and text viewers need.
INLINE_CSP = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; object-src 'self'"


def content_disposition(download_name: str, *, inline: bool) -> str:
    """RFC 6266 / 5987: a quoted ASCII name for old clients, then the exact UTF-8 name as filename*."""
    disposition = "inline" if inline else "attachment"
    fallback = ascii_fallback(download_name).replace("\\", "_").replace('"', "_")
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(download_name, safe='')}"


def file_response(stored_file: StoredFile, download_name: str, inline: bool = False) -> FileResponse:
    """Stream `stored_file` as `download_name` with its sniffed type; `inline` shows it in the browser when the
    type is one a browser can show safely (PDF, text, PNG, JPEG), and is ignored otherwise."""
    kind = stored_file.kind
    name = with_extension(sanitize_filename(download_name), kind.extension)
    show_inline = inline and kind.inline
    content_type = f"{kind.mime_type}; charset=utf-8" if kind.mime_type.startswith("text/") else kind.mime_type
    response = FileResponse(stored_file.open(), content_type=content_type, as_attachment=not show_inline)
    response["Content-Disposition"] = content_disposition(name, inline=show_inline)
    response["Content-Length"] = str(stored_file.size)
    response["X-Content-Type-Options"] = "nosniff"
    # Private records: never kept by a shared proxy, and not by the browser's disk cache either.
    response["Cache-Control"] = "private, no-store"
    if show_inline:
        response["Content-Security-Policy"] = INLINE_CSP
        # So the record's own page may show it in a frame (the site's default is DENY everywhere).
        response["X-Frame-Options"] = "SAMEORIGIN"
    return response
