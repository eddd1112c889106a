"""An installation that loaded the partial lists before editions existed keeps its codes: the
migration puts them into editions of their own, searchable like any other. Run on a database
of its own (a child process), so that the test database is not migrated backwards."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path


def manage(db: Path, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "DEBUG": "1",
           "AKUNTABEL_VAR_DIR": str(db.parent)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([sys.executable, "-m", "akuntabel.cli", "manage", *args], env=env,
                   check=True, capture_output=True)


def test_codes_loaded_before_editions_are_kept_in_an_edition_of_their_own(tmp_path):
    db = tmp_path / "lama.sqlite3"
    manage(db, "migrate", "references", "0001")
    with sqlite3.connect(db) as con:
        con.executemany(
            "INSERT INTO references_kodenomenklatur (kode, tingkat, nama, kinerja, indikator, "
            "satuan) VALUES (?, ?, ?, '', '', '')",
            [("1.06.04", "program", "PROGRAM REHABILITASI SOSIAL"),
             ("1.06.04.2.01.0001", "sub_kegiatan", "Penyediaan Permakanan")])
        con.execute("INSERT INTO references_koderekening (kode, tingkat, uraian) "
                    "VALUES ('5.1.02', 3, 'Belanja Barang dan Jasa')")
    manage(db, "migrate")
    with sqlite3.connect(db) as con:
        edisi = dict(con.execute("SELECT kode, daftar FROM references_edisireferensi"))
        nomenklatur = con.execute(
            "SELECT e.kode, k.kode, k.cari FROM references_kodenomenklatur k "
            "JOIN references_edisireferensi e ON e.id = k.edisi_id ORDER BY k.kode").fetchall()
        rekening = con.execute(
            "SELECT e.kode, k.kode FROM references_koderekening k "
            "JOIN references_edisireferensi e ON e.id = k.edisi_id").fetchall()
    assert edisi == {"parsial-050-5889-2021": "nomenklatur",
                     "parsial-rekening-90-2019": "rekening"}
    assert nomenklatur == [
        ("parsial-050-5889-2021", "1.06.04", "program rehabilitasi sosial"),
        ("parsial-050-5889-2021", "1.06.04.2.01.0001", "penyediaan permakanan")]
    assert rekening == [("parsial-rekening-90-2019", "5.1.02")]

