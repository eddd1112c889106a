"""The lines of the realisasi grid written as HTML in Python.

The grid has one line per indicator (300 and more in a large agency) and a dozen cells per
line. Through the template engine every cell costs a variable lookup, a filter or a tag, and
that was half of the page's time; here each line is one f-string. The markup is the one the
template wrote (the DOM browser tests and the grid script rely on: ``tr[data-indikator]``,
inputs ``nilai-/catatan-/versi-<pk>``, ``span.cell-error[role=alert]``), without the
indentation between cells.

Escaping: everything people typed (uraian, satuan, node names, values as text, notes, file
names, error messages quoting the input) goes through :func:`html.escape`, which is what
Django's autoescape applies (``django.utils.html.escape``); only figures made here from numbers
and ids are written as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

ACCEPT_BUKTI = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"


def _pk_url(name: str, *args: object) -> tuple[str, str]:
    """The parts of the URL ``name`` around its last argument (a pk): one reverse() per page
    instead of one per line."""
    head, tail = reverse(name, args=[*args, 0]).rsplit("/0/", 1)
    return escape(head + "/"), escape("/" + tail)


@dataclass(frozen=True)
class GridText:
    """The page's fixed words, translated and escaped once."""

    row: str
    realisasi: str
    note: str
    remove: str
    file: str
    upload: str
    add: str
    save_first: str
    iku: str
    stored: str
    need_note: str
    no_note: str

    @classmethod
    def current(cls) -> GridText:
        return cls(row=escape(_("row")), realisasi=escape(_("Realisation")),
                   note=escape(_("Note")), remove=escape(_("Remove")),
                   file=escape(_("Evidence file")), upload=escape(_("Upload")),
                   add=escape(_("Add evidence")), save_first=escape(_("save a value first")),
                   iku=escape(_("key performance indicator (IKU)")),
                   stored=escape(_("Stored now")),
                   need_note=escape(_("Write a note explaining this value.")),
                   no_note=escape(_("No note yet.")))


def render_grid_rows(lines: list[dict], *, tw: str, editable: bool) -> SafeString:
    """The ``<tr>`` of every line prepared by ``views._render`` (values already formatted;
    ``*_html`` values already escaped)."""
    t = GridText.current()
    download_head, download_tail = _pk_url("bukti_download")
    out = []
    for line in lines:
        pk = line["pk"]
        nomor = line["nomor"]
        error_nilai = line["error_nilai"]
        error_catatan = line["error_catatan"]
        konflik = line["konflik"]
        classes = f"node-{line['node_jenis']}"
        if error_nilai or error_catatan:
            classes += " has-error"
        if konflik:
            classes += " konflik"
        peringatan = line.get("peringatan", ())
        perlu_catatan = line.get("perlu_catatan", False)
        if peringatan:   # plausibility (core.plausibilitas): saved, asks for a note
            classes += " peringatan perlu-catatan" if perlu_catatan else " peringatan"
        node = escape(line["node_label"])
        satuan = escape(line["satuan"])
        iku = f' <abbr class="iku" title="{t.iku}">IKU</abbr>' if line["iku"] else ""
        # In the wide indicator cell, where a sentence reads; the value and note inputs point
        # to it (aria-describedby).
        warning = (f'<span class="cell-warning" id="warn-nilai-{pk}">'
                   f'{" ".join(escape(p) for p in peringatan)}</span>' if peringatan else "")
        prev = "".join(f'<td class="num prev">{v}</td>' for v in line["sebelumnya_html"])

        nilai = escape(line["nilai"])
        if editable:
            invalid = (f' aria-invalid="true" aria-describedby="err-nilai-{pk}"'
                       if error_nilai else
                       f' aria-describedby="warn-nilai-{pk}"' if peringatan else "")
            nilai_cell = (
                f'<input type="text" inputmode="decimal" name="nilai-{pk}" id="nilai-{pk}" '
                f'value="{nilai}" data-col="nilai" data-awal="{nilai}" autocomplete="off" '
                f'aria-label="{t.realisasi} TW {tw}, {t.row} {nomor}"{invalid}>'
                f'<input type="hidden" name="versi-{pk}" value="{line["versi"]}">')
        else:
            nilai_cell = nilai or "–"
        if error_nilai:
            nilai_cell += (f' <span class="cell-error" role="alert" id="err-nilai-{pk}">'
                           f'{escape(error_nilai)}</span>')
        if konflik:
            oleh = f" ({escape(konflik.oleh)})" if konflik.oleh else ""
            nilai_cell += (f' <span class="cell-error" role="alert">{t.stored}: '
                           f'{line["tersimpan_html"]}{oleh}</span>')

        catatan = escape(line["catatan"])
        if editable:
            invalid = (f' aria-invalid="true" aria-describedby="err-catatan-{pk}"'
                       if error_catatan else
                       f' aria-describedby="warn-nilai-{pk}"' if perlu_catatan else "")
            catatan_cell = (
                f'<input type="text" name="catatan-{pk}" id="catatan-{pk}" value="{catatan}" '
                f'data-col="catatan" data-awal="{catatan}" '
                f'aria-label="{t.note}, {t.row} {nomor}"{invalid}>')
        else:
            catatan_cell = catatan
        if error_catatan:
            catatan_cell += (f' <span class="cell-error" role="alert" id="err-catatan-{pk}">'
                             f'{escape(error_catatan)}</span>')
        elif perlu_catatan:
            catatan_cell += (f' <span class="cell-warning">'
                             f'{t.need_note if editable else t.no_note}</span>')

        bukti = line["bukti"]
        bukti_cell = f'<span class="bukti-jumlah" data-jumlah="{len(bukti)}">{len(bukti)}</span>'
        if bukti:
            items = []
            for b in bukti:
                nama = escape(b.nama)
                hapus = (f' <button type="submit" form="bukti-hapus-{b.pk}" class="link" '
                         f'aria-label="{t.remove} {nama}">×</button>' if editable else "")
                items.append(f'<li><a href="{download_head}{b.pk}{download_tail}" '
                             f'title="{nama}">{nama}</a>{hapus}</li>')
            bukti_cell += f' <ul>{"".join(items)}</ul>'
        if editable:
            if line["upload_url"]:
                bukti_cell += (
                    f' <details class="unggah"><summary>{t.add}</summary><input type="file" '
                    f'name="berkas" form="bukti-{pk}" accept="{ACCEPT_BUKTI}" '
                    f'aria-label="{t.file}, {t.row} {nomor}"> <button type="submit" '
                    f'form="bukti-{pk}" class="kecil">{t.upload}</button></details>')
            else:
                bukti_cell += f'<small class="note">{t.save_first}</small>'

        out.append(
            f'<tr data-indikator="{pk}" id="indikator-{pk}" class="{classes}">'
            f'<td class="num">{nomor}</td>'
            f'<td class="indikator"><span class="uraian">{escape(line["indikator"])}</span>'
            f'{iku}<span class="node" title="{node}">{node}</span>{warning}</td>'
            f'<td class="satuan"><span title="{satuan}">{satuan}</span></td>'
            f'<td class="num">{line["target_html"]}</td>'
            f'<td class="num">{line["target_tw_html"]}</td>{prev}'
            f'<td class="num input{" invalid" if error_nilai else ""}">{nilai_cell}</td>'
            f'<td class="num">{line["realisasi_sd"]}</td>'
            f'<td class="num">{line["capaian_sd"]}</td>'
            f'<td class="num">{line["tahunan_html"]}</td>'
            f'<td class="catatan{" invalid" if error_catatan else ""}">{catatan_cell}</td>'
            f'<td class="bukti">{bukti_cell}</td></tr>\n')
    return mark_safe("".join(out))  # every typed value was escaped above


def render_bukti_forms(lines: list[dict], *, csrf_token: str) -> SafeString:
    """The hidden forms the evidence buttons of the lines submit (outside the grid's form,
    which cannot contain forms): one upload form per line with a realisasi, one removal form
    per evidence file."""
    hapus_head, hapus_tail = _pk_url("bukti_hapus")
    csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
    out = []
    for line in lines:
        if not line["upload_url"]:
            continue
        out.append(f'<form id="bukti-{line["pk"]}" method="post" enctype="multipart/form-data" '
                   f'action="{escape(line["upload_url"])}" hidden>{csrf}</form>')
        for b in line["bukti"]:
            out.append(f'<form id="bukti-hapus-{b.pk}" method="post" '
                       f'action="{hapus_head}{b.pk}{hapus_tail}" hidden>{csrf}</form>')
    return mark_safe("".join(out))  # ids, escaped URLs and the token
