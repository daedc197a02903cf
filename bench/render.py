"""Rendering benchmark: a three-page Party conclusion to DOCX and to PDF, p95 over N runs after a warm-up.

    .venv/bin/python bench/render.py [--runs 30] [--warmup 3] [--check]

Prints docs.render_docx_ms and docs.render_pdf_ms (p95, targets 150 and 500 ms), their medians, the first PDF
render of the process (font discovery and registration included) and the page count of the PDF, which must be 3.
No Django and no database: the renderer is pure Python.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = str(Path(__file__).resolve().parent)
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(HERE)]
sys.path.insert(0, str(ROOT))

from bench.stats import emit, p50, p95, say, timed  # noqa: E402

TARGETS = {"docs.render_docx_ms": 150.0, "docs.render_pdf_ms": 500.0}
_PAGE = re.compile(rb"/Type /Page(?![a-zA-Z])")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30, help="measured renders of each format")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured renders first")
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure misses its target")
    args = parser.parse_args(argv)

    from vanphong.documents.render import render_docx, render_pdf
    from vanphong.documents.render.samples import party_conclusion

    layout = party_conclusion()
    start = time.perf_counter()
    pdf = render_pdf(layout)
    first_ms = (time.perf_counter() - start) * 1000
    pages = len(_PAGE.findall(pdf))
    emit("docs.render_pages", pages, "pages")
    if pages != 3:
        say(f"bench: the sample conclusion has {pages} pages, not 3: the figures are not comparable")
    for _ in range(args.warmup):
        render_docx(layout)
        render_pdf(layout)
    docx_ms: list[float] = []
    pdf_ms: list[float] = []
    for _ in range(args.runs):  # interleaved, so drift on a shared machine falls on both alike
        docx_ms.append(timed(lambda: render_docx(layout)))
        pdf_ms.append(timed(lambda: render_pdf(layout)))
    figures = {"docs.render_docx_ms": p95(docx_ms), "docs.render_pdf_ms": p95(pdf_ms)}
    for name, value in figures.items():
        emit(name, value, "ms")
    emit("docs.render_docx_p50_ms", p50(docx_ms), "ms")
    emit("docs.render_pdf_p50_ms", p50(pdf_ms), "ms")
    emit("docs.render_pdf_first_ms", first_ms, "ms")
    missed = [name for name, value in figures.items() if value > TARGETS[name]]
    for name, value in figures.items():
        say(f"bench: {name} {value:.1f} ms (target ≤ {TARGETS[name]:g}): {'missed' if name in missed else 'met'}")
    return 1 if args.check and (missed or pages != 3) else 0


if __name__ == "__main__":
    sys.exit(main())
