"""Render a document to DOCX and PDF in the Party format (36-HD/VPTW, 05-HD/VPTW) or the State one (NĐ 30/2020).

Pure Python, no Django: the documents app maps its records to a `Layout`; a guideline (versioned data) decides
page, sizes and places. `render_docx(layout)` and `render_pdf(layout)` return the file's bytes.
"""

from __future__ import annotations

from vanphong.documents.render.compose import format_place_date
from vanphong.documents.render.docx_writer import bookmark_name, render_docx
from vanphong.documents.render.fonts import FontMissingError
from vanphong.documents.render.guidelines import (
    Guideline,
    GuidelineError,
    GuidelineSet,
    TextStyle,
    bundled_guidelines,
    load_guidelines,
)
from vanphong.documents.render.layout import Block, Heading, Layout, LayoutError, Marks, Paragraph, Signer
from vanphong.documents.render.pdf_writer import render_pdf

__all__ = [
    "Block",
    "FontMissingError",
    "Guideline",
    "GuidelineError",
    "GuidelineSet",
    "Heading",
    "Layout",
    "LayoutError",
    "Marks",
    "Paragraph",
    "Signer",
    "TextStyle",
    "bookmark_name",
    "bundled_guidelines",
    "format_place_date",
    "load_guidelines",
    "render_docx",
    "render_pdf",
]
