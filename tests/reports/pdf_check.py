"""A PDF/A-3b check for the tests (veraPDF is not packaged for Debian: `apt-cache policy
verapdf` finds nothing): the properties ISO 19005-3 requires that our files could miss, read
back with pypdf. Not a full validator; pyHanko's validation checks the signature."""

import io
import re

from pypdf import PdfReader
from pypdf.generic import IndirectObject


def _resolve(v):
    return v.get_object() if isinstance(v, IndirectObject) else v


def pdfa_problems(isi: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(isi))
    root = reader.trailer["/Root"]
    problems = []
    if reader.is_encrypted:
        problems.append("encrypted")
    versi = str(root.get("/Version", "")).lstrip("/") or reader.pdf_header[5:]
    if not versi.startswith("1."):   # PDF/A-3 is ISO 32000-1 (PDF 1.x); a signer may raise it
        problems.append(f"PDF version {versi}, not 1.x")
    meta = _resolve(root.get("/Metadata"))
    xmp = meta.get_data().decode("utf-8", "replace") if meta is not None else ""
    part = re.search(r"pdfaid:part(?:>|=\")\s*(\d)", xmp)
    conf = re.search(r"pdfaid:conformance(?:>|=\")\s*([ABU])", xmp)
    if not (part and part.group(1) == "3" and conf and conf.group(1) == "B"):
        problems.append("XMP metadata does not declare PDF/A-3B")
    intents = _resolve(root.get("/OutputIntents"))
    if not intents or not any(_resolve(i).get("/S") == "/GTS_PDFA1" for i in intents):
        problems.append("no PDF/A output intent")
    af = [_resolve(f) for f in _resolve(root.get("/AF")) or []]
    if not af or any(f.get("/AFRelationship") is None for f in af):
        problems.append("embedded file not associated (/AF with /AFRelationship)")
    for page in reader.pages:
        fonts = _resolve(_resolve(page.get("/Resources") or {}).get("/Font")) or {}
        for name, ref in fonts.items():
            font = _resolve(ref)
            desc = font.get("/FontDescriptor")
            if desc is None and font.get("/DescendantFonts"):
                desc = _resolve(_resolve(font["/DescendantFonts"])[0]).get("/FontDescriptor")
            desc = _resolve(desc) if desc is not None else None
            if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2",
                                                             "/FontFile3")):
                problems.append(f"font {name} not embedded")
    return sorted(set(problems))
