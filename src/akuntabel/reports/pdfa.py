"""A final's PDF as an archive: PDF/A-3b (ISO 19005-3) with the data snapshot embedded as an
associated file, so that the signature laid over it covers the data too.

The page content is the report renderer's (``renderers.html.render_html``, laid out by
WeasyPrint as ``renderers.pdf`` does, nothing fetched); only the PDF variant and the
attachment are added here.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from typing import Any

import weasyprint
from pypdf import PdfReader
from weasyprint.urls import URLFetcher

from akuntabel.reports.document import Dokumen
from akuntabel.reports.renderers.html import render_html

VARIANT = "pdf/a-3b"
SNAPSHOT_NAME = "akuntabel-snapshot.json"
SNAPSHOT_DESC = "Data snapshot of the Akuntabel final document (JSON)"
# The attachment's dates are fixed (as the DOCX's zip entry times, ``final.ZIP_EPOCH``): the
# same document and data give the same bytes; the signature carries the signing time.
EPOCH = datetime(1980, 1, 1, tzinfo=UTC)


def snapshot_bytes(data: dict[str, Any]) -> bytes:
    """The snapshot as it is embedded and hashed: canonical JSON (sorted keys, no spaces)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def render_pdfa(dok: Dokumen, snapshot: bytes) -> bytes:
    html = weasyprint.HTML(string=render_html(dok),
                           url_fetcher=URLFetcher(allowed_protocols=("data",)))
    lampiran = weasyprint.Attachment(string=snapshot, name=SNAPSHOT_NAME,
                                     description=SNAPSHOT_DESC, relationship="Data",
                                     created=EPOCH, modified=EPOCH)
    return html.write_pdf(pdf_variant=VARIANT, attachments=[lampiran])


def embedded_snapshot(pdf: bytes) -> bytes | None:
    """The embedded snapshot's bytes, or None when the file holds none (or is no PDF)."""
    try:
        reader = PdfReader(io.BytesIO(pdf))
        files = reader.attachments
    except Exception:  # a damaged or foreign file: it simply has no snapshot
        return None
    found = files.get(SNAPSHOT_NAME)
    return found[0] if found else None
