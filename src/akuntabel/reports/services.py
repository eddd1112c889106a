"""One way in for the CLI and the web app: build a document's context and render it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import import_module

from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.reports.document import Dokumen

FORMATS: dict[str, tuple[str, str, str]] = {
    # format: (module:function, content type, file extension)
    "html": ("akuntabel.reports.renderers.html:render_html", "text/html; charset=utf-8", "html"),
    "pdf": ("akuntabel.reports.renderers.pdf:render_pdf", "application/pdf", "pdf"),
    "docx": ("akuntabel.reports.renderers.docx:render_docx",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xlsx": ("akuntabel.reports.renderers.xlsx:render_xlsx",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}
DOKUMEN = ("lakip", "pk", "e81")
# The document's name in a file name.
NAMA_BERKAS = {"lakip": "LKjIP", "pk": "Perjanjian-Kinerja", "e81": "Evaluasi-Renja-E81"}


@dataclass(frozen=True)
class Rendered:
    content: bytes
    filename: str
    content_type: str


def renderer(fmt: str) -> Callable[[Dokumen], bytes | str]:
    path = FORMATS[fmt][0]
    module, _, name = path.partition(":")
    fn: Callable[[Dokumen], bytes | str] = getattr(import_module(module), name)
    return fn


def build_context(opd: PerangkatDaerah, tahun: int, dokumen: str = "lakip",
                  tanggal: date | None = None, lampiran_reviu: bool = False) -> Dokumen:
    if dokumen == "pk":
        from akuntabel.reports.pk import build_pk_context

        return build_pk_context(opd, tahun, tanggal)
    if dokumen == "e81":
        from akuntabel.reports.e81 import build_e81_context

        return build_e81_context(opd, tahun, tanggal)
    from akuntabel.reports.lakip import build_lakip_context

    return build_lakip_context(opd, tahun, tanggal, lampiran_reviu)


def render(dok: Dokumen, fmt: str, opd: PerangkatDaerah) -> Rendered:
    out = renderer(fmt)(dok)
    content = out.encode("utf-8") if isinstance(out, str) else out
    name = NAMA_BERKAS.get(dok.jenis, dok.jenis)
    filename = f"{name}-{opd.pemda.kode}-{opd.kode}-{dok.tahun}.{FORMATS[fmt][2]}"
    return Rendered(content, filename, FORMATS[fmt][1])
