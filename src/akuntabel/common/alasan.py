"""Why a typed text is not a number, in the user's language.

``akuntabel.core.angka`` gives its reasons in Indonesian only (core has no Django, hence no
translation). In Indonesian the core's sentence is shown as it is, with its details; in another
language a sentence of the same kind (``BukanAngka.jenis``) replaces it.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from akuntabel.core.angka import Angka, AngkaError, BukanAngka, parse_angka


def _indonesian() -> bool:
    return not (get_language() or "id").startswith("en")


def alasan_angka(hasil: BukanAngka) -> str:
    """The reason ``hasil`` is not one number."""
    if _indonesian():
        return hasil.alasan
    teks = {"teks": hasil.teks.strip()}
    if hasil.jenis == "kosong":
        return _("The text is empty; there is no value.")
    if hasil.jenis == "strip":
        return _("'%(teks)s' (a dash) holds no number; what it means (nil or no data) depends "
                 "on the column.") % teks
    if hasil.jenis == "teks":
        return _("'%(teks)s' holds no number.") % teks
    if hasil.jenis == "majemuk":
        return _("'%(teks)s' holds more than one number; it cannot be summed up as one value."
                 ) % teks
    return _("'%(teks)s' cannot be read as one number for sure: check the thousands and decimal "
             "separators (1.234,5), the sign and the text around the number.") % teks


def alasan_rupiah(teks: str, error: AngkaError) -> str:
    """The reason ``teks`` is not an amount of money (``parse_rupiah`` raised ``error``),
    without the core's leading "Bukan jumlah uang: "."""
    if _indonesian():
        return error.alasan.removeprefix("Bukan jumlah uang: ")
    hasil = parse_angka(teks)
    if isinstance(hasil, Angka):
        return _("'%(teks)s' has the unit '%(satuan)s', not rupiah.") % {
            "teks": teks.strip(), "satuan": hasil.satuan}
    return alasan_angka(hasil)
