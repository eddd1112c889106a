"""A ``Dokumen`` as PDF: WeasyPrint lays out the same HTML as the web preview, with its print
stylesheet (A4, binding margin, running header, "Halaman N", chapters on a new page, table
headers repeated on every page, front matter numbered i, ii, iii).

Nothing is fetched while rendering: the HTML holds its stylesheet and its images (``data:``
URIs), fonts come from the machine (fontconfig), and the URL fetcher refuses anything that is
not a ``data:`` URI.
"""

from __future__ import annotations

import weasyprint
from weasyprint.urls import URLFetcher

from akuntabel.reports.document import Dokumen
from akuntabel.reports.renderers.html import render_html


def render_pdf(dok: Dokumen) -> bytes:
    html = weasyprint.HTML(string=render_html(dok), url_fetcher=_data_only_fetcher())
    return html.write_pdf()


def _data_only_fetcher() -> URLFetcher:
    """A fetcher for ``data:`` URIs only: no network, no local files (WeasyPrint 68+)."""
    return URLFetcher(allowed_protocols=("data",))
