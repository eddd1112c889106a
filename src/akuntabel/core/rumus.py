"""The formula of an IKU of the pemda: a small arithmetic language over the named OPD
indicators that measure it, evaluated in ``Decimal`` without ``eval()``.

The pemda's realisasi of an IKU comes from the responsible OPD's indicators by the IKU's own
formula, never as an average of OPD capaian (DESIGN "Computation rules"; Permenpan RB 53/2014:
pengukuran with the indicator's formula). The language (project convention):

* numbers (``100``, ``0.5`` or ``0,5``: a comma between digits is a decimal comma, so
  separate arguments with ", "), names of the linked indicators (a letter, then letters,
  digits or ``_``), ``+ - * /`` with the usual precedence, parentheses;
* ``SUM`` or ``SUM()``: the sum of every linked value; ``SUM(a, b)``: the sum of those.

A value that cannot be computed is never 0: :func:`hitung_rumus` gives ``nilai=None`` and a
reason starting "tidak dapat dihitung" (a division by zero, an input without a value, a name
that is no linked indicator, a formula that is not valid).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

__all__ = ["AgregasiIku", "HasilRumus", "RumusError", "hitung_rumus", "nama_masukan",
           "periksa_rumus", "rumus_bawaan"]

SUM = "SUM"
_TIDAK = "tidak dapat dihitung"
_NAMA = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_ANGKA = re.compile(r"[0-9][0-9.,]*")
_ANGKA_SAH = re.compile(r"[0-9]+([.,][0-9]+)?")
PANJANG_MAKS = 1000   # characters of a formula
TINGKAT_MAKS = 50     # nested parentheses, SUM or signs


class AgregasiIku(StrEnum):
    """How an IKU combines its linked OPD values when no formula is written (project
    convention, stated with :func:`rumus_bawaan`)."""

    JUMLAH = "jumlah"
    """Counts of the same unit (jiwa, unit, km): the pemda's figure is their sum."""
    NILAI = "nilai"
    """A rate, percentage or index: measured by one indicator, else a formula is written
    (summing or averaging percentages is never right)."""


class RumusError(ValueError):
    """A formula that is not valid; the message names the place (Indonesian)."""


@dataclass(frozen=True)
class HasilRumus:
    nilai: Decimal | None
    alasan: str = ""        # "" when computed; else "tidak dapat dihitung: …"
    rumus: str = ""         # the formula evaluated


# The parsed formula: ("angka", Decimal) | ("nama", str) | ("sum", tuple | None)
# | ("neg", node) | (op, left, right) with op in "+-*/".
Node = tuple[Any, ...]


def _tokens(teks: str) -> list[tuple[str, int]]:
    tokens, i = [], 0
    while i < len(teks):
        ch = teks[i]
        if ch.isspace():
            i += 1
            continue
        if ch in "+-*/(),":
            tokens.append((ch, i))
            i += 1
            continue
        m = _NAMA.match(teks, i) or _ANGKA.match(teks, i)
        if m is None:
            raise RumusError(f"karakter '{ch}' pada posisi {i + 1} tidak dikenal dalam rumus.")
        word = m.group()
        if word[0].isdigit():
            word = word.rstrip(",")   # "SUM(1, 2)": the comma before a space separates
            if not _ANGKA_SAH.fullmatch(word):
                raise RumusError(f"angka '{word}' pada posisi {i + 1} tidak sah.")
        tokens.append((word, i))
        i += len(word)
    return tokens


class _Parser:
    def __init__(self, teks: str) -> None:
        self.tokens = _tokens(teks)
        self.i = 0
        self.tingkat = 0

    def deeper(self) -> None:
        self.tingkat += 1
        if self.tingkat > TINGKAT_MAKS:
            raise RumusError(f"rumus terlalu dalam bertingkat (lebih dari {TINGKAT_MAKS} "
                             "tanda kurung, SUM atau tanda +/- berurutan).")

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def take(self) -> str:
        if self.i >= len(self.tokens):
            raise RumusError("rumus berhenti di tengah: akhir rumus tercapai sebelum selesai.")
        token = self.tokens[self.i][0]
        self.i += 1
        return token

    def unexpected(self) -> RumusError:
        token, pos = self.tokens[self.i]
        return RumusError(f"'{token}' pada posisi {pos + 1} tidak diharapkan.")

    def expect(self, token: str) -> None:
        if self.peek() != token:
            if self.peek() is None:
                raise RumusError(f"'{token}' diharapkan sebelum akhir rumus.")
            raise RumusError(f"'{token}' diharapkan; {self.unexpected()}")
        self.i += 1

    def parse(self) -> Node:
        node = self.expr()
        if self.peek() is not None:
            raise self.unexpected()
        return node

    def expr(self) -> Node:
        node = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()
            node = (op, node, self.term())
        return node

    def term(self) -> Node:
        node = self.factor()
        while self.peek() in ("*", "/"):
            op = self.take()
            node = (op, node, self.factor())
        return node

    def factor(self) -> Node:
        if self.peek() in ("-", "+"):
            op = self.take()
            self.deeper()
            inner = self.factor()
            self.tingkat -= 1
            return ("neg", inner) if op == "-" else inner
        return self.atom()

    def atom(self) -> Node:
        if self.peek() is None:
            raise RumusError("rumus berhenti di tengah: akhir rumus tercapai sebelum selesai.")
        token = self.peek()
        assert token is not None
        if token == "(":
            self.i += 1
            self.deeper()
            node = self.expr()
            self.expect(")")
            self.tingkat -= 1
            return node
        if token[0].isdigit():
            self.i += 1
            return ("angka", Decimal(token.replace(",", ".")))
        if _NAMA.fullmatch(token):
            self.i += 1
            if token.upper() == SUM:
                self.deeper()
                args = self.arguments()
                self.tingkat -= 1
                return ("sum", args)
            if self.peek() == "(":
                raise RumusError(f"fungsi '{token}' tidak dikenal; yang ada hanya {SUM}.")
            return ("nama", token)
        raise self.unexpected()

    def arguments(self) -> tuple[Node, ...] | None:
        if self.peek() != "(":
            return None
        self.i += 1
        if self.peek() == ")":
            self.i += 1
            return None
        args = [self.expr()]
        while self.peek() == ",":
            self.i += 1
            args.append(self.expr())
        self.expect(")")
        return tuple(args)


def periksa_rumus(teks: str) -> Node:
    """The parsed formula; raises :class:`RumusError` naming the place when it is not valid."""
    if not teks.strip():
        raise RumusError("rumus kosong.")
    if len(teks) > PANJANG_MAKS:
        raise RumusError(f"rumus terlalu panjang (lebih dari {PANJANG_MAKS} karakter).")
    return _Parser(teks).parse()


def _names(node: Node) -> Iterable[str]:
    kind = node[0]
    if kind == "nama":
        yield node[1]
    elif kind == "sum":
        for arg in node[1] or ():
            yield from _names(arg)
    elif kind == "neg":
        yield from _names(node[1])
    elif kind in "+-*/":
        yield from _names(node[1])
        yield from _names(node[2])


def _uses_sum_of_all(node: Node) -> bool:
    if node[0] == "sum":
        return node[1] is None or any(_uses_sum_of_all(a) for a in node[1])
    if node[0] == "neg":
        return _uses_sum_of_all(node[1])
    if node[0] in "+-*/":
        return _uses_sum_of_all(node[1]) or _uses_sum_of_all(node[2])
    return False


def nama_masukan(teks: str) -> set[str]:
    """The names of the linked indicators a formula reads (``SUM`` alone names none)."""
    return set(_names(periksa_rumus(teks)))


class _NotComputable(Exception):
    pass


def _evaluate(node: Node, masukan: Mapping[str, Decimal]) -> Decimal:
    kind = node[0]
    if kind == "angka":
        return Decimal(node[1])
    if kind == "nama":
        return masukan[node[1]]
    if kind == "neg":
        return -_evaluate(node[1], masukan)
    if kind == "sum":
        args = node[1]
        values = (list(masukan.values()) if args is None
                  else [_evaluate(a, masukan) for a in args])
        return sum(values, Decimal(0))
    left, right = _evaluate(node[1], masukan), _evaluate(node[2], masukan)
    if kind == "+":
        return left + right
    if kind == "-":
        return left - right
    if kind == "*":
        return left * right
    if right == 0:
        raise _NotComputable("pembagian dengan nol: penyebut bernilai 0.")
    return left / right


def hitung_rumus(teks: str, masukan: Mapping[str, Decimal | None]) -> HasilRumus:
    """The value of the formula ``teks`` over ``masukan`` (name of a linked indicator -> its
    realisasi, None when it has none), unrounded; or ``nilai=None`` with the reason."""
    try:
        tree = periksa_rumus(teks)
    except RumusError as err:
        if not teks.strip():
            return HasilRumus(None, f"{_TIDAK}: rumus kosong.", teks)
        return HasilRumus(None, f"{_TIDAK}: rumus tidak sah ({err})", teks)
    names = sorted(set(_names(tree)))
    unknown = [n for n in names if n not in masukan]
    if unknown:
        daftar = ", ".join(f"'{n}'" for n in unknown)
        return HasilRumus(None, f"{_TIDAK}: {daftar} tidak dikenal (bukan nama indikator "
                                "yang ditautkan).", teks)
    if _uses_sum_of_all(tree):
        if not masukan:
            return HasilRumus(None, f"{_TIDAK}: belum ada indikator OPD yang ditautkan.", teks)
        names = sorted(masukan)
    missing = [n for n in names if masukan[n] is None]
    if missing:
        daftar = ", ".join(f"'{n}'" for n in missing)
        return HasilRumus(None, f"{_TIDAK}: {daftar} belum ada nilainya.", teks)
    values = {n: v for n, v in masukan.items() if v is not None}
    try:
        return HasilRumus(_evaluate(tree, values), "", teks)
    except _NotComputable as err:
        return HasilRumus(None, f"{_TIDAK}: {err}", teks)


def rumus_bawaan(agregasi: AgregasiIku | str, nama: list[str]) -> str | None:
    """The formula of an IKU that has none written, by its aggregation (project convention):

    * ``jumlah`` (counts of the same unit): ``SUM``, the sum of every linked value;
    * ``nilai`` (a rate, percentage or index): the one linked indicator's value; with several
      (or none) there is no default: a sum or an average of rates would be wrong, so the
      formula must be written (e.g. ``SUM(a, b) / SUM(c, d) * 100``).
    """
    if AgregasiIku(agregasi) == AgregasiIku.JUMLAH:
        return SUM
    return nama[0] if len(nama) == 1 else None
